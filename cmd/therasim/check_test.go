package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.toml")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string // exactly, or with prefix every line's prefix
		prefix string
	}{
		{name: "good", args: []string{"testdata/mini.toml"}},
		{name: "good files", args: []string{"testdata/mini.toml", "testdata/three.toml"}},
		{name: "several problems", args: []string{"testdata/bad.toml"}, code: exitBad, stderr: `testdata/bad.toml:21:1: bond = 1.5 is outside 0 to 1
testdata/bad.toml:37:1: unknown act "validaton" (did you mean "validation"?)
testdata/bad.toml:42:1: next: no beat "nowhere" in session "s1"
testdata/bad.toml:43:14: when: the expression ends too soon: something is missing at its end in "bond >"
`},
		{name: "missing file", args: []string{missing}, code: exitBad,
			stderr: missing + ": cannot read: no such file or directory\n"},
		{name: "a directory", args: []string{"testdata"}, code: exitBad,
			stderr: "testdata: cannot read: is a directory\n"},
		{name: "good and bad", args: []string{"testdata/mini.toml", missing, "testdata/three.toml"}, code: exitBad,
			stderr: missing + ": cannot read: no such file or directory\n"},
		{name: "another model", args: []string{"--model", "../../scenarios/model.toml", "testdata/mini.toml"}},
		{name: "model after files", args: []string{"testdata/mini.toml", "--model", "../../scenarios/model.toml"}},
		{name: "bad model", args: []string{"--model", "testdata/badmodel.toml", "testdata/mini.toml"}, code: exitBad,
			prefix: "testdata/badmodel.toml:"},
		{name: "missing model", args: []string{"--model", missing, "testdata/mini.toml"}, code: exitBad,
			stderr: missing + ": cannot read: no such file or directory\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := therasim(t, "", append([]string{"check"}, tc.args...)...)
			r.want(t, tc.code)
			if r.stdout != "" {
				t.Errorf("check wrote on stdout: %s", r.stdout)
			}
			if tc.prefix == "" {
				if r.stderr != tc.stderr {
					t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, tc.stderr)
				}
				return
			}
			if r.stderr == "" {
				t.Error("no problems reported")
			}
			for _, l := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
				if !strings.HasPrefix(l, tc.prefix) {
					t.Errorf("line %q does not start with %q", l, tc.prefix)
				}
			}
		})
	}
}

func TestCheckBadModelNamesTheMistake(t *testing.T) {
	r := therasim(t, "", "check", "--model", "testdata/badmodel.toml", "testdata/mini.toml")
	r.want(t, exitBad, `testdata/badmodel.toml:7:9: unknown act "advise" (did you mean "advice"?)`,
		"testdata/badmodel.toml:2:1: missing parameter week.homework_task")
}
