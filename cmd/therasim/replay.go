package main

import (
	"flag"
	"fmt"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

var replayCommand = &command{
	name:    "replay",
	args:    "verify [--scenario FILE] RECORDING",
	summary: "check that a recorded run replays exactly (replay verify)",
	help: `'therasim replay verify RECORDING' plays a recorded run again, choice by
choice, with the same scenario and seed, and checks that every state matches
the one recorded. It prints one line saying how many choices it verified
when they all match. It stops with the first choice that differs, refuses a
run whose scenario (or the built-in model) has changed since it was
recorded, naming both versions' hashes, and refuses a damaged file, naming
the line at fault.

The scenario is the one that comes with TheraSim with the recorded id,
unless --scenario names a file (needed for runs of your own scenarios).

Exit status: 0 when the run verifies, 1 when it does not.

Only 'verify' exists so far; the debrief replay comes with the window.

Examples:
  therasim replay verify maya.jsonl
  therasim replay verify --scenario my-scenario.toml alex.jsonl
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		scenario := fs.String("scenario", "", "the scenario `FILE` (or id) the run was recorded with")
		return func(args []string) error {
			switch {
			case len(args) == 0:
				return usagef("say what to do with the recording: only 'replay verify' exists yet (the debrief replay comes later)")
			case args[0] != "verify":
				return usagef("%q: only 'replay verify' exists yet (the debrief replay comes later)", args[0])
			}
			if len(args) != 2 {
				return usagef("replay verify checks one recording; %d were named", len(args)-1)
			}
			return a.verify(args[1], *scenario)
		}
	},
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
