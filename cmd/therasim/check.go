package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/therasim/therasim/playtest"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

var checkCommand = &command{
	name:    "check",
	args:    "[--model FILE] FILE...",
	summary: "check scenario files for mistakes",
	help: `Loads each scenario FILE the way 'therasim run' would and reports every
mistake it finds, one line each, as FILE:LINE:COL: message, on stderr:
unknown keys, undefined beats, unreachable beats and dead ends, unknown acts,
expressions that do not compile, values out of range. Warnings (a line with
"warning:") are what runs but probably not as you meant: a variable nothing
reads, a task kind without the client's words, and an option marked
intended = "good" that the model makes harmful (or "poor" and helpful),
found by playing the course with 64 clients and trying every option
offered. It prints nothing when every file is good.

Scenarios are checked against the model built into TheraSim unless --model
names another model file (for instructors tuning the model); mistakes in
that file are reported the same way. A model file given among the FILEs
(scenarios/*.toml includes scenarios/model.toml) is checked as a model, a
playthrough test (NAME.test.toml, see 'therasim help test') as a test file.

Exit status: 0 when every file is good or has only warnings, 1 when any
file has a mistake or cannot be read.

Examples:
  therasim check my-scenario.toml
  therasim check --model my-model.toml scenarios/*.toml
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		model := fs.String("model", "", "check against the model in `FILE` instead of the built-in one")
		return func(args []string) error {
			if len(args) == 0 {
				return usagef("name at least one scenario file to check")
			}
			return a.check(*model, args)
		}
	},
}

// check loads every file and prints its problems.
func (a *app) check(modelFile string, files []string) error {
	var m *sim.Model
	if modelFile == "" {
		var err error
		if m, err = scenarios.Model(); err != nil {
			return fmt.Errorf("the built-in model does not load:\n%w", err)
		}
	} else {
		data, ok := a.readChecked(modelFile)
		if !ok {
			return silent(exitBad)
		}
		var err error
		if m, err = sim.LoadModel(modelFile, data); err != nil {
			a.printProblems(modelFile, err)
			return silent(exitBad)
		}
	}
	bad := false
	for _, f := range files {
		data, ok := a.readChecked(f)
		if !ok {
			bad = true
			continue
		}
		if strings.HasSuffix(f, playtest.Suffix) {
			// A playthrough test beside the scenarios (scenarios/*.toml
			// includes NAME.test.toml): check it as one.
			if _, err := playtest.Parse(osFS{}, filepath.ToSlash(f), data, m); err != nil {
				a.printProblems(f, err)
				bad = true
			}
			continue
		}
		if sim.IsModel(data) {
			// A model among the scenarios (scenarios/*.toml includes
			// model.toml): check it as a model.
			if _, err := sim.LoadModel(f, data); err != nil {
				a.printProblems(f, err)
				bad = true
			}
			continue
		}
		sc, err := sim.Load(f, data, m)
		if err != nil {
			a.printProblems(f, err)
			bad = true
			continue
		}
		a.printProblems(f, sc.Review())
	}
	if bad {
		return silent(exitBad)
	}
	return nil
}

// readChecked reads a file to check, reporting on stderr when it cannot.
func (a *app) readChecked(name string) ([]byte, bool) {
	data, err := os.ReadFile(name)
	if err != nil {
		fmt.Fprintf(a.stderr, "%s: cannot read: %v\n", name, unwrapPath(err))
		return nil, false
	}
	return data, true
}

// printProblems prints the problems of a load one a line on stderr.
func (a *app) printProblems(file string, err error) {
	if ps, ok := err.(sim.Problems); ok && len(ps) == 0 {
		return
	}
	var ps sim.Problems
	if !errors.As(err, &ps) {
		fmt.Fprintf(a.stderr, "%s: %v\n", file, err)
		return
	}
	for _, p := range ps {
		fmt.Fprintln(a.stderr, p.Error())
	}
}
