package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "update golden files")

// result is what one invocation of therasim did.
type result struct {
	code           int
	stdout, stderr string
}

// therasim runs the command line args with stdin as its input (a pipe,
// not a terminal), at a fixed time, for the user "tester".
func therasim(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errs bytes.Buffer
	a := &app{
		stdin:  strings.NewReader(stdin),
		stdout: &out,
		stderr: &errs,
		now:    func() time.Time { return time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC) },
		getenv: func(k string) string {
			if k == "USER" {
				return "tester"
			}
			return ""
		},
	}
	code := a.main(args)
	return result{code, out.String(), errs.String()}
}

// want fails the test unless r exited with code and its stderr contains
// every one of the strings in msgs.
func (r result) want(t *testing.T, code int, msgs ...string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	for _, m := range msgs {
		if !strings.Contains(r.stderr, m) {
			t.Errorf("stderr does not say %q:\n%s", m, r.stderr)
		}
	}
}

// golden compares got with testdata/name.golden, or writes it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff shows the first line where want and got differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + itoa(i+1) + ":\n  want " + wl + "\n  got  " + gl
		}
	}
	return "(same lines)"
}

func itoa(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
		if n == 0 {
			return string(b)
		}
	}
}

func TestHelp(t *testing.T) {
	tops := [][]string{{"--help"}, {"-h"}, {"help"}}
	for _, args := range tops {
		r := therasim(t, "", args...)
		r.want(t, exitOK)
		for _, c := range commands() {
			if !strings.Contains(r.stdout, "\n  "+c.name+" ") {
				t.Errorf("therasim %s does not list %s:\n%s", args[0], c.name, r.stdout)
			}
		}
		for _, s := range []string{"Exit codes:", "Examples:", "0  success", "2  usage error", "3  a file"} {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("therasim %s does not say %q", args[0], s)
			}
		}
	}
	for _, c := range commands() {
		for _, args := range [][]string{{"help", c.name}, {c.name, "--help"}, {c.name, "-h"}} {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				r := therasim(t, "", args...)
				r.want(t, exitOK)
				if !strings.HasPrefix(r.stdout, "usage: therasim "+c.name) {
					t.Errorf("help does not start with the usage:\n%s", r.stdout)
				}
				if !strings.Contains(r.stdout, "Example") {
					t.Errorf("help has no example:\n%s", r.stdout)
				}
				fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
				c.define(&app{}, fs)
				fs.VisitAll(func(f *flag.Flag) {
					if !strings.Contains(r.stdout, "--"+f.Name) {
						t.Errorf("help does not explain --%s", f.Name)
					}
				})
				if r.stderr != "" {
					t.Errorf("help wrote on stderr: %s", r.stderr)
				}
			})
		}
	}
	golden(t, "help", therasim(t, "", "help").stdout)
	// Bare therasim opens the window's picker, as play does; it plays no
	// scenario by itself.
	top := therasim(t, "", "help").stdout
	if !strings.Contains(top, "open the window on the scenario picker") || strings.Contains(top, "play the default scenario") {
		t.Errorf("the help misdescribes bare therasim:\n%s", top)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"bogus"}, `unknown command "bogus"`},
		{[]string{"--bogus"}, "give a command first"},
		{[]string{"help", "bogus"}, `unknown command "bogus"`},
		{[]string{"list", "extra"}, "list takes no arguments"},
		{[]string{"version", "extra"}, "version takes no arguments"},
		{[]string{"check"}, "name at least one scenario file"},
		{[]string{"check", "--nope", "x.toml"}, "flag provided but not defined: -nope"},
		{[]string{"run"}, "name a scenario to play"},
		{[]string{"run", "a.toml", "b.toml"}, "run plays one scenario"},
		{[]string{"run", "--seed", "x", "testdata/mini.toml"}, `invalid value "x" for flag -seed`},
		{[]string{"run", "--resume", "r.jsonl", "--seed", "3"}, "cannot be used with --seed"},
		{[]string{"run", "--resume", "r.jsonl", "--record", "s.jsonl"}, "cannot be used with --record"},
		{[]string{"run", "--trainee", "Alex", "testdata/mini.toml"}, "use it with --record"},
		{[]string{"run", "no-such-scenario"}, `no scenario "no-such-scenario"`},
		{[]string{"replay"}, "name a recording"},
		{[]string{"replay", "--export", "out.pdf", "main.go"}, "give .csv, .profile.csv, .png or .html"},
		{[]string{"replay", "--summary", "out.pdf", "main.go"}, "give .html (one page) or .csv"},
		{[]string{"replay", "--summary", "out.html", "--class", "main.go"}, "choose one"},
		{[]string{"replay", "--summary", "out.html", "--export", "x.csv", "main.go"}, "choose one"},
		{[]string{"replay", "verify", "--summary", "out.html", "main.go"}, "it takes no --export, --class or --summary"},
		{[]string{"replay", "--export", "out.csv", "--class", "main.go"}, "choose one"},
		{[]string{"replay", "verify"}, "name the recording to verify"},
		{[]string{"replay", "--class", "--scenario", "a.toml", "--dir", "d", "runs"}, "choose one"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := therasim(t, "", tc.args...)
			r.want(t, exitUsage, tc.msg)
			if r.stdout != "" {
				t.Errorf("a usage error wrote on stdout: %s", r.stdout)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	r := therasim(t, "", "version")
	r.want(t, exitOK)
	for _, s := range []string{"therasim 0.", "recorded-run format 1", "generator "} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("version does not say %q:\n%s", s, r.stdout)
		}
	}
}

func TestParseFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		seed uint64
		pos  []string
	}{
		{[]string{"a.toml"}, 0, []string{"a.toml"}},
		{[]string{"--seed", "3", "a.toml"}, 3, []string{"a.toml"}},
		{[]string{"a.toml", "--seed", "3"}, 3, []string{"a.toml"}},
		{[]string{"-seed=3", "a", "b"}, 3, []string{"a", "b"}},
		{[]string{"--", "--seed", "3"}, 0, []string{"--seed", "3"}},
		{[]string{"a", "--", "-b"}, 0, []string{"a", "-b"}},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		seed := fs.Uint64("seed", 0, "")
		pos, err := parseFlags(fs, tc.args)
		if err != nil || *seed != tc.seed || !reflect.DeepEqual(pos, tc.pos) {
			t.Errorf("parseFlags(%q) = %q, seed %d, %v; want %q, seed %d", tc.args, pos, *seed, err, tc.pos, tc.seed)
		}
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		text        string
		width       int
		first, rest string
		want        []string
	}{
		{"", 10, "", "", []string{""}},
		{"one two three", 20, "", "", []string{"one two three"}},
		{"one two three", 9, "", "", []string{"one two", "three"}},
		{"one two three four", 12, "  1) ", "     ", []string{"  1) one two", "     three", "     four"}},
		{"a verylongwordindeed b", 8, "", "", []string{"a", "verylongwordindeed", "b"}},
		{"para one\npara two", 20, "> ", "  ", []string{"> para one", "  para two"}},
		{"héllo wörld", 11, "", "", []string{"héllo wörld"}},
	} {
		if got := wrap(tc.text, tc.width, tc.first, tc.rest); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.want)
		}
	}
}
