package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/therasim/therasim/debrief"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

var replayCommand = &command{
	name:    "replay",
	args:    "[--scenario FILE] [--export OUT | --class] RECORDING|DIR... | verify RECORDING",
	summary: "debrief recorded runs: the window, a class table, exports, verify",
	help: `'therasim replay RECORDING' opens the debrief of a recorded run in the
window: the course as a timeline, every choice from the trainee's side and
the client's, "what if" from any choice, and the instructor's notes. It
re-simulates the run first and refuses, with the reason, a file whose
scenario (or the built-in model) has changed since it was recorded or whose
states do not match the recorded fingerprints. Several recordings, or a
directory of them (its *.jsonl files), of one scenario open the class view:
for each choice point, how many trainees took each option and what became
of their clients.

--class prints the class view as a text table instead of opening the window.

--export OUT writes the debrief of one recording to a file instead, in the
format its extension names:
  .csv   one row per choice and per week: every state variable, measure, act
         and the rules that fired (the README documents the columns)
  .png   the timeline chart
  .html  a self-contained report (the chart, every choice with both
         perspectives, the notes) that opens offline and prints well

'therasim replay verify RECORDING' plays a recorded run again, choice by
choice, with the same scenario and seed, and checks that every state matches
the one recorded. It prints one line saying how many choices it verified
when they all match. It stops with the first choice that differs, refuses a
run whose scenario (or the built-in model) has changed since it was
recorded, naming both versions' hashes, and refuses a damaged file, naming
the line at fault. Instructors' notes in the file change nothing it checks.

The scenario is the one that comes with TheraSim with the recorded id,
unless --scenario names a file (needed for runs of your own scenarios).

Exit status: 0 when the runs replay (and verify), 1 when one does not, 2 for
a wrong command line (an --export extension other than .csv, .png, .html).

Examples:
  therasim replay maya.jsonl
  therasim replay maya.jsonl --export maya.html
  therasim replay --class runs/
  therasim replay verify maya.jsonl
  therasim replay verify --scenario my-scenario.toml alex.jsonl
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		scenario := fs.String("scenario", "", "the scenario `FILE` (or id) the runs were recorded with")
		export := fs.String("export", "", "write the debrief to `OUT` (.csv, .png or .html) instead of opening the window")
		class := fs.Bool("class", false, "print the class view of the runs as a text table instead of opening the window")
		return func(args []string) error {
			if len(args) > 0 && args[0] == "verify" {
				if *export != "" || *class {
					return usagef("replay verify only checks: it takes no --export or --class")
				}
				if len(args) != 2 {
					return usagef("replay verify checks one recording; %d were named", len(args)-1)
				}
				return a.verify(args[1], *scenario)
			}
			if len(args) == 0 {
				return usagef("name a recording (or several, or a directory of them) to replay")
			}
			if *export != "" && *class {
				return usagef("--export writes one run's debrief and --class prints a class view: choose one")
			}
			files, err := recordings(args)
			if err != nil {
				return err
			}
			switch {
			case *export != "":
				if len(files) != 1 {
					return usagef("--export writes the debrief of one recording; %d were named", len(files))
				}
				return a.exportDebrief(files[0], *scenario, *export)
			case *class:
				return a.classView(files, *scenario)
			}
			// Check every file here, where a refusal can be read, before the
			// window opens.
			if _, err := a.debriefs(files, *scenario); err != nil {
				return err
			}
			// The window finds a run's scenario among the shipped ones and
			// those in --dir: a scenario file is offered through its folder.
			var pass []string
			if strings.HasSuffix(*scenario, ".toml") {
				pass = append(pass, "--dir", filepath.Dir(*scenario))
			}
			return a.window(append(append(pass, "--replay"), files...))
		}
	},
}

// recordings expands the arguments of replay: files as they are, a
// directory to the *.jsonl files in it, sorted.
func recordings(args []string) ([]string, error) {
	var out []string
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("cannot read the recording: %w", err)
		}
		if !fi.IsDir() {
			out = append(out, arg)
			continue
		}
		m, err := filepath.Glob(filepath.Join(arg, "*.jsonl"))
		if err != nil {
			return nil, err
		}
		if len(m) == 0 {
			return nil, failf("%s holds no recordings (*.jsonl files)", arg)
		}
		sort.Strings(m)
		out = append(out, m...)
	}
	return out, nil
}

// debriefs reads and re-simulates each recording in files; the first that
// does not replay is refused, with its reason.
func (a *app) debriefs(files []string, scenario string) ([]*debrief.Debrief, error) {
	m, err := scenarios.Model()
	if err != nil {
		return nil, fmt.Errorf("the built-in model does not load:\n%w", err)
	}
	var args []string
	if scenario != "" {
		args = []string{scenario}
	}
	var out []*debrief.Debrief
	for _, path := range files {
		rec, sc, err := a.openRecording(m, path, args, func(id string) string {
			return fmt.Sprintf("therasim replay --scenario %s.toml %s", id, path)
		})
		if err != nil {
			return nil, err
		}
		d, err := debrief.Build(sc, rec)
		if err != nil {
			return nil, failf("%s cannot be replayed: %w", path, err)
		}
		d.Path = path
		out = append(out, d)
	}
	return out, nil
}

// exportFormats are the formats --export writes, by extension.
var exportFormats = map[string]func(w io.Writer, d *debrief.Debrief) error{
	".csv":  debrief.WriteCSV,
	".html": debrief.WriteHTML,
	".png":  func(w io.Writer, d *debrief.Debrief) error { return debrief.WritePNG(w, d, 1600, 900) },
}

// exportDebrief writes the debrief of the recording in path to out.
func (a *app) exportDebrief(path, scenario, out string) error {
	write, ok := exportFormats[strings.ToLower(filepath.Ext(out))]
	if !ok {
		return usagef("--export %s: the extension says the format; give .csv, .png or .html", out)
	}
	ds, err := a.debriefs([]string{path}, scenario)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf, ds[0]); err != nil {
		return fmt.Errorf("exporting %s: %w", path, err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("cannot write the export: %w", err)
	}
	fmt.Fprintf(a.stdout, "Wrote %s: the debrief of %s (%d choices).\n", out, path, len(ds[0].Moments))
	return nil
}

// classView prints the class view of the recordings in files.
func (a *app) classView(files []string, scenario string) error {
	ds, err := a.debriefs(files, scenario)
	if err != nil {
		return err
	}
	c, err := debrief.BuildClass(ds[0].Scenario, ds)
	if err != nil {
		return failure(err)
	}
	return debrief.WriteClassText(a.stdout, c)
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
	rec, sc, err := a.openRecording(m, path, args, func(id string) string {
		return fmt.Sprintf("therasim replay verify --scenario %s.toml %s", id, path)
	})
	if err != nil {
		return err
	}
	run, err := sim.Replay(sc, rec)
	if err != nil {
		return failf("%s does not verify: %w", path, err)
	}
	state := "the run is complete"
	if !run.Done() {
		p := run.Prompt()
		state = fmt.Sprintf("the run stops in session %d", p.Session)
	}
	h := rec.Header
	fmt.Fprintf(a.stdout, "OK %s: %d choices verified; scenario %s, seed %d; %s.\n", path, len(rec.Choices), h.Scenario, h.Seed, state)
	return nil
}
