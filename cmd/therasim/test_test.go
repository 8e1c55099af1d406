package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The playthrough tests of package playtest, and those that fail.
const (
	anaTests  = "../../playtest/testdata/ana.test.toml"
	failTests = "../../playtest/testdata/failing/fail.test.toml"
	badTests  = "../../playtest/testdata/failing/bad.test.toml"
)

func TestTest(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.test.toml")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		golden string // of stdout, then stderr when there is any
		last   string // the last line of stdout, when there is no golden
	}{
		{name: "pass", args: []string{anaTests}, golden: "test-pass"},
		{name: "verbose", args: []string{"-v", "--run", "clock|twice", anaTests}, golden: "test-verbose"},
		{name: "fail", args: []string{failTests}, code: exitBad, golden: "test-fail"},
		{name: "mistakes", args: []string{badTests}, code: exitBad, golden: "test-mistakes"},
		{name: "a folder", args: []string{"../../playtest/testdata"}, last: "ok  \t../../playtest/testdata/ana.test.toml\t5 tests"},
		{name: "no test matches", args: []string{"--run", "nothing like it", anaTests}, last: "ok  \t" + anaTests + "\t[no tests to run]"},
		{name: "part of a name, in any case", args: []string{"--run", "ASKED TWICE", anaTests}, last: "ok  \t" + anaTests + "\t1 test"},
		{name: "a name's text that is no pattern", args: []string{"--run", "(", anaTests}, last: "ok  \t" + anaTests + "\t[no tests to run]"},
		{name: "a scenario", args: []string{"../../playtest/testdata/ana.toml"}, code: exitBad, golden: "test-scenario"},
		{name: "two files", args: []string{failTests, anaTests}, code: exitBad,
			last: `FAIL	1 of 2 test files; first: "A condition that does not hold" at ` + failTests + `:12, after choice 1 (beat "mood", session 1)`},
		{name: "unreadable", args: []string{anaTests, missing}, code: exitIO, last: "FAIL\t1 of 2 test files"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := therasim(t, "", append([]string{"test"}, tc.args...)...)
			r.want(t, tc.code)
			if tc.golden != "" {
				out := r.stdout
				if r.stderr != "" {
					out += "-- stderr --\n" + r.stderr
				}
				golden(t, tc.golden, out)
				return
			}
			lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
			if got := lines[len(lines)-1]; got != tc.last {
				t.Errorf("last line %q, want %q\nstdout:\n%s\nstderr:\n%s", got, tc.last, r.stdout, r.stderr)
			}
		})
	}
}

func TestTestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"test"}, "name at least one test file"},
		{[]string{"test", "--nope", anaTests}, "flag provided but not defined: -nope"},
	} {
		r := therasim(t, "", tc.args...)
		r.want(t, exitUsage, tc.msg)
		if r.stdout != "" {
			t.Errorf("%q: a usage error wrote on stdout: %s", tc.args, r.stdout)
		}
	}
}

// TestShippedPlaythroughs runs the playthrough tests of every shipped
// scenario, scenarios/*.test.toml: each must pass.
func TestShippedPlaythroughs(t *testing.T) {
	const dir = "../../scenarios"
	files, err := filepath.Glob(filepath.Join(dir, "*.test.toml"))
	if err != nil {
		t.Fatal(err)
	}
	r := therasim(t, "", "test", dir)
	r.want(t, exitOK)
	for _, f := range files {
		if !strings.Contains(r.stdout, "ok  \t"+f+"\t") {
			t.Errorf("%s did not pass:\n%s", f, r.stdout)
		}
	}
	if len(files) > 0 {
		return
	}
	// None yet: the same folder run must find the tests where there are
	// some.
	if !strings.Contains(r.stdout, "[no test files]") {
		t.Errorf("a folder without tests:\n%s", r.stdout)
	}
	r = therasim(t, "", "test", "../../playtest/testdata")
	r.want(t, exitOK)
	if !strings.Contains(r.stdout, "ok  \t"+anaTests+"\t5 tests") {
		t.Errorf("the tests in playtest/testdata were not found and run:\n%s", r.stdout)
	}
}

// TestNotAScenario: a command that plays a scenario, given a test file,
// says what it is and how to run its tests.
func TestNotAScenario(t *testing.T) {
	for _, cmd := range []string{"run", "rules"} {
		r := therasim(t, "", cmd, anaTests)
		r.want(t, exitBad, anaTests+" is a playthrough test file, not a scenario: 'therasim test "+anaTests+"' runs its tests; the scenario it tests is "+filepath.FromSlash("../../playtest/testdata/ana.toml"))
	}
}

// TestCheckTestFiles: check, given scenarios/*.toml, checks a test file
// among them as a test file.
func TestCheckTestFiles(t *testing.T) {
	r := therasim(t, "", "check", "../../playtest/testdata/ana.toml", anaTests)
	r.want(t, exitOK)
	if r.stderr != "" {
		t.Errorf("check found mistakes in good files:\n%s", r.stderr)
	}
	r = therasim(t, "", "check", badTests)
	r.want(t, exitBad, badTests+`:7:1: unknown key "sed" in test[1] (did you mean "seed"?)`)
}
