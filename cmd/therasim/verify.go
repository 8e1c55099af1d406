package main

import (
	"errors"
	"fmt"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// therasim replay verify: each recording replayed and checked against its
// scenario, and a count.

// scenarioIn returns the scenario to replay the recording in path with:
// the file in dir (--dir) of the scenario with the recorded id, when there
// is one, else ref (--scenario, or "" for the shipped one).
func (a *app) scenarioIn(dir, path, ref string) (string, error) {
	if dir == "" {
		return ref, nil
	}
	m, err := scenarios.Model()
	if err != nil {
		return "", fmt.Errorf("the built-in model does not load:\n%w", err)
	}
	rec, err := readRecordingFile(path)
	if err != nil {
		return "", err
	}
	scs, _, err := scenarioDir(m, dir)
	if err != nil {
		return "", err
	}
	if sc := debrief.FindScenario(scs, rec.Header.Scenario, rec.Header.SHA256); sc != nil {
		return sc.File, nil
	}
	return ref, nil
}

// verifyAll verifies each recording in files as verify does, going on
// after one that does not verify: each that does gets its line on stdout,
// each that does not its reason on stderr, and a last line says how many
// did not. The exit status is the highest of theirs.
func (a *app) verifyAll(files []string, dir, scenario string) error {
	worst, bad := exitOK, 0
	for _, f := range files {
		ref, err := a.scenarioIn(dir, f, scenario)
		if err == nil {
			err = a.verify(f, ref)
		}
		if err == nil {
			continue
		}
		bad++
		code := exitIO
		if ee := (*exitError)(nil); errors.As(err, &ee) {
			code = ee.code
		}
		worst = max(worst, code)
		fmt.Fprintf(a.stderr, "therasim replay verify: %v\n", err)
	}
	if bad == 0 {
		return nil
	}
	fmt.Fprintf(a.stderr, "therasim replay verify: %d of %s do not verify\n", bad, debrief.Count(len(files), "recording", "recordings"))
	return silent(worst)
}

// verify re-simulates the recording in path and reports whether it matches.
func (a *app) verify(path, scenario string) error {
	m, err := scenarios.Model()
	if err != nil {
		return fmt.Errorf("the built-in model does not load:\n%w", err)
	}
	var args []string
	if scenario != "" {
		args = []string{scenario}
	}
	rec, p, err := a.openRecording(m, path, args, func(id string) string {
		return fmt.Sprintf("therasim replay verify --scenario %s.toml %s", id, path)
	})
	if err != nil {
		return err
	}
	run, err := sim.Replay(p.Scenario, rec)
	if err != nil {
		return failf("%s does not verify: %w", path, err)
	}
	state := "the run is complete"
	if !run.Done() {
		p := run.Prompt()
		state = fmt.Sprintf("the run stops in session %d", p.Session)
	}
	h := rec.Header
	fmt.Fprintf(a.stdout, "OK %s: %s verified; scenario %s, seed %d; %s.\n", path, debrief.Count(len(rec.Choices), "choice", "choices"), h.Scenario, h.Seed, state)
	if p.Note != "" {
		fmt.Fprintf(a.stdout, "   Note: %s.\n", p.Note)
	}
	return nil
}
