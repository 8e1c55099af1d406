package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/therasim/therasim/playtest"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

var testCommand = &command{
	name:    "test",
	args:    "[--run TEXT] [-v] FILE...",
	summary: "run the playthrough tests written beside a scenario",
	help: `Runs playthrough tests: each plays a scenario from a seed with the choices
you give, as a trainee would, and checks what you expect at the moments you
name. FILE is a test file, NAME.test.toml beside the scenario NAME.toml, or
a folder: every *.test.toml in it. The output reads like 'go test'.

A test file:

  scenario = "my-scenario.toml"   # beside this file, or a shipped id

  [[test]]
  name = "Tired Maya is not asked about not waking up"
  seed = 324798
  choices = [3, "warm", "Tell me about"]  # numbers as offered, option
                                          # ids, or starts of option texts
  # policy = "competent"          # plays on to the end of the course
  # dynamics = true               # as a trainee meets the course (below)

  [[test.expect]]
  after = 3                       # after the 3rd choice (0: before any);
  # after_session = 2             # or when session 2 and its week are over;
  # at_end = true                 # or when the course is over
  that = "!told_not_waking && bond > 0.2"  # a condition, as in scenarios
  says = "just tired"             # in the client's lines since the choice
  offered = ["sleep"]             # options offered now (ids or texts)
  not_offered = ["risk"]          # options not offered now
  dropped = false                 # the client has (not) dropped out
  # outcome = "improved"          # with at_end: recovered, improved,
                                  # unchanged or deteriorated

By default a test plays your script and the model's rules only: the client
begins no rupture the scenario does not write, every repair holds, and there
are no sudden gains or setbacks and no drift of the alliance between
sessions, so that a test checks what you wrote. dynamics = true plays the
course as a trainee meets it, with what the model's clients bring of their
own ('therasim run' always plays that way, so the same seed and choices can
go differently there).

A condition that does not hold is shown with the value of every name it
reads. A test also fails when a choice is not offered, when the course ends
before the choices are used up, and when an expectation's moment never
comes. Mistakes in a test file, or in its scenario, are reported as
'therasim check' reports them, on stderr. docs/testing.md is the full
reference; docs/format.md explains conditions (section 9).

--run TEXT runs only the tests whose name contains TEXT, in any case:
--run clock runs "Maya notices the clock" and "Clock-watching". To run the
tests that have either of two words, separate them with | and quote the
whole: --run 'clock|sleep' (TEXT is also read as a regular expression, as
'go test -run' reads it).

Exit status: 0 when every test passes, 1 when a test fails or a file has
mistakes, 2 when the command line is wrong, 3 when a file cannot be read.

Examples:
  therasim test scenarios/cbt-depression.test.toml
  therasim test -v --run clock my-scenario.test.toml
  therasim test scenarios
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		run := fs.String("run", "", "run only the tests whose name contains `TEXT`, in any case")
		verbose := fs.Bool("v", false, "also show each choice made and each check passed")
		return func(args []string) error {
			if len(args) == 0 {
				return usagef("name at least one test file (NAME.test.toml) or a folder of them")
			}
			return a.test(args, newPicker(*run), *verbose)
		}
	},
}

// osFS reads the operating system's files by slash-separated names, which
// may leave the current folder ("../x.toml", "/tmp/x.toml") as the paths
// in a test file may.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error) { return os.Open(filepath.FromSlash(name)) }

// notScenario returns the error for a scenario reference that names a
// playthrough test file, saying what to do instead, or nil when ref does
// not: a scenario with mistakes is told as one.
func notScenario(ref string) error {
	if !isPath(ref) {
		return nil
	}
	data, err := os.ReadFile(ref)
	if err != nil {
		return nil
	}
	tested, ok := playtest.TestsOf(filepath.ToSlash(ref), data)
	if !ok {
		return nil
	}
	msg := fmt.Sprintf("%s is a playthrough test file, not a scenario: 'therasim test %s' runs its tests", ref, ref)
	if tested != "" {
		msg += fmt.Sprintf("; the scenario it tests is %s", filepath.FromSlash(tested))
	}
	return failf("%s", msg)
}

// picker chooses the tests --run names.
type picker struct {
	text string         // in lower case; "" picks every test
	re   *regexp.Regexp // the text as a regular expression, in any case; nil when it is none
}

// newPicker returns the picker of --run text.
func newPicker(text string) picker {
	p := picker{text: strings.ToLower(text)}
	if text != "" {
		p.re, _ = regexp.Compile("(?i)" + text)
	}
	return p
}

// picks reports whether the test named name is to run: its name contains
// the text, in any case, or the text read as a regular expression matches
// it ("clock|sleep"). A text that is not a regular expression ("(week 2")
// is only looked for as it is.
func (p picker) picks(name string) bool {
	return strings.Contains(strings.ToLower(name), p.text) || p.re != nil && p.re.MatchString(name)
}

// test runs the tests of every file, or of every test file in a folder.
func (a *app) test(args []string, pick picker, verbose bool) error {
	m, err := scenarios.Model()
	if err != nil {
		return fmt.Errorf("the built-in model does not load:\n%w", err)
	}
	var files []string
	for _, arg := range args {
		if fi, err := os.Stat(arg); err != nil || !fi.IsDir() {
			files = append(files, arg)
			continue
		}
		found, err := filepath.Glob(filepath.Join(arg, "*"+playtest.Suffix))
		if err != nil {
			return usagef("%s: %v", arg, err)
		}
		if len(found) == 0 {
			fmt.Fprintf(a.stdout, "?   \t%s\t[no test files]\n", arg)
		}
		files = append(files, found...)
	}
	code, failed := exitOK, 0
	var first *failedTest
	for _, f := range files {
		c, ff := a.testFile(f, m, pick, verbose)
		if c != exitOK {
			failed++
		}
		code = max(code, c)
		if first == nil {
			first = ff
		}
	}
	if len(files) > 1 && failed > 0 {
		fmt.Fprintf(a.stdout, "FAIL\t%d of %d test files%s\n", failed, len(files), firstFailure(first))
	}
	if code != exitOK {
		return silent(code)
	}
	return nil
}

// testFile runs the tests of one file and returns the exit code and the
// first failure.
func (a *app) testFile(name string, m *sim.Model, pick picker, verbose bool) (int, *failedTest) {
	s, err := playtest.Open(osFS{}, filepath.ToSlash(name), m)
	if err != nil {
		var ps sim.Problems
		if errors.As(err, &ps) {
			a.printProblems(name, ps)
			fmt.Fprintf(a.stdout, "FAIL\t%s\t[does not load]\n", name)
			return exitBad, nil
		}
		fmt.Fprintln(a.stderr, err)
		fmt.Fprintf(a.stdout, "FAIL\t%s\t[cannot read]\n", name)
		return exitIO, nil
	}
	ran, failed := 0, 0
	var first *failedTest
	for _, t := range s.Tests {
		if !pick.picks(t.Name) {
			continue
		}
		ran++
		fmt.Fprintf(a.stdout, "=== RUN   %s\n", t.Name)
		r := t.Run()
		if verbose {
			for _, l := range r.Trail {
				fmt.Fprintf(a.stdout, "    %s\n", l)
			}
		}
		if r.Passed() {
			fmt.Fprintf(a.stdout, "--- PASS: %s (%s)\n", t.Name, several(r.Choices, "choice"))
			continue
		}
		failed++
		if first == nil {
			first = &failedTest{t.Name, r.Failures[0]}
		}
		fmt.Fprintf(a.stdout, "--- FAIL: %s (%s)\n", t.Name, several(r.Choices, "choice"))
		if !verbose {
			for _, f := range r.Failures {
				fmt.Fprintf(a.stdout, "    %s\n", f.Error())
			}
		}
	}
	switch {
	case ran == 0:
		fmt.Fprintf(a.stdout, "ok  \t%s\t[no tests to run]\n", name)
	case failed == 0:
		fmt.Fprintf(a.stdout, "PASS\nok  \t%s\t%s\n", name, several(ran, "test"))
	default:
		fmt.Fprintf(a.stdout, "FAIL\nFAIL\t%s\t%s, %d failed%s\n", name, several(ran, "test"), failed, firstFailure(first))
		return exitBad, first
	}
	return exitOK, nil
}

// failedTest is a test that failed, and its first failure.
type failedTest struct {
	name string
	playtest.Failure
}

// firstFailure names the first failure, after a separator, or "".
func firstFailure(f *failedTest) string {
	if f == nil {
		return ""
	}
	return fmt.Sprintf("; first: %q at %s:%d, %s", f.name, f.File, f.Line, f.When)
}

// several writes n things: "1 test", "3 tests".
func several(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
