package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// Opening what a command names: a scenario by id or path (a playthrough
// test file said to be one), a recording, a list of choices.

// parseChoices parses the --choices list: option numbers separated by
// commas.
func parseChoices(s string) ([]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []int
	for i, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		n, err := strconv.Atoi(f)
		if err != nil || f == "" || f[0] == '+' {
			return nil, fmt.Errorf("--choices %q: item %d, %q, is not a number; give option numbers separated by commas, e.g. 2,1,3", s, i+1, f)
		}
		out = append(out, n)
	}
	return out, nil
}

// isPath reports whether a scenario reference names a file rather than a
// shipped scenario, as scenarios.Open decides.
func isPath(ref string) bool {
	return strings.HasSuffix(ref, ".toml") || strings.ContainsRune(ref, '/') || strings.ContainsRune(ref, filepath.Separator)
}

// openScenario loads a scenario by id or path, printing its problems when
// it has mistakes.
func (a *app) openScenario(m *sim.Model, ref string) (*sim.Scenario, error) {
	sc, _, err := scenarios.Open(m, ref)
	if err == nil {
		return sc, nil
	}
	var ps sim.Problems
	if errors.As(err, &ps) {
		if err := notScenario(ref); err != nil {
			return nil, err // a playthrough test file, not a scenario
		}
		for _, p := range ps {
			fmt.Fprintln(a.stderr, p.Error())
		}
		if isPath(ref) {
			return nil, failf("%s has mistakes (above); it cannot be played until they are fixed", ref)
		}
		return nil, fmt.Errorf("the scenarios that come with TheraSim do not load (above)")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, fmt.Errorf("cannot read the scenario: %w", err)
	}
	return nil, usageError(err)
}

// readRecordingFile reads the recording in path: a file that cannot be read is
// an I/O error, a damaged one a failure naming the line at fault.
func readRecordingFile(path string) (*sim.Recording, error) {
	return readFile(path, "the recording", sim.ReadRecording)
}

// readFile reads the file at path with read: a file that cannot be read is
// an I/O error ("cannot read what: …"), one that read refuses a failure
// naming the file.
func readFile[T any](path, what string, read func(io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, fmt.Errorf("cannot read %s: %w", cmp.Or(what, path), err)
	}
	defer f.Close()
	v, err := read(f)
	if err != nil {
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
			return zero, fmt.Errorf("cannot read %s: %w", path, err)
		}
		return zero, failf("%s: %w", path, err)
	}
	return v, nil
}

// unwrapPath drops the operation and path a file error repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
