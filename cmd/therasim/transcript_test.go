package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/therasim/therasim/debrief"
)

// onTerminal runs therasim as therasim() does, with stdout a terminal of
// cols columns.
func onTerminal(t *testing.T, cols int, args ...string) result {
	t.Helper()
	var out, errs bytes.Buffer
	a := &app{
		stdin:  strings.NewReader(""),
		stdout: &out,
		stderr: &errs,
		now:    func() time.Time { return time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC) },
		getenv: func(string) string { return "" },
		columns: func(w io.Writer) int {
			if w == io.Writer(&out) {
				return cols
			}
			return 0
		},
	}
	code := a.main(args)
	return result{code, out.String(), errs.String()}
}

func TestWrapWidth(t *testing.T) {
	for _, tc := range []struct{ cols, want int }{
		{0, 78}, // not a terminal
		{-1, 78},
		{80, 78},
		{120, 118},
		{50, 48},
		{42, 40},
		{30, 40}, // never below the minimum
	} {
		if got := wrapWidth(tc.cols); got != tc.want {
			t.Errorf("wrapWidth(%d) = %d, want %d", tc.cols, got, tc.want)
		}
	}
}

// TestTranscriptWidth: on a terminal the transcript wraps to its width
// (less a margin, never below the minimum); not on a terminal, at 78 as
// the golden files have it.
func TestTranscriptWidth(t *testing.T) {
	args := []string{"run", "testdata/three.toml", "--seed", "1", "--choices", threeChoices}
	plain := therasim(t, "", args...)
	plain.want(t, exitOK)
	for _, tc := range []struct {
		name string
		cols int
		max  int // the longest line allowed
		min  int // some line is at least this long
	}{
		{"not a terminal", 0, 78, 70},
		{"wide", 160, 158, 120},
		{"narrow", 50, 48, 40},
		{"too narrow", 20, 40, 35},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := onTerminal(t, tc.cols, args...)
			r.want(t, exitOK)
			longest := 0
			for _, l := range strings.Split(r.stdout, "\n") {
				n := utf8.RuneCountInString(l)
				longest = max(longest, n)
				if n > tc.max {
					t.Errorf("a line of %d runes, more than %d: %q", n, tc.max, l)
				}
			}
			if longest < tc.min {
				t.Errorf("the longest line has %d runes; at %d columns some should have %d", longest, tc.cols, tc.min)
			}
			// The same words, however they are wrapped.
			if strings.Join(strings.Fields(r.stdout), " ") != strings.Join(strings.Fields(plain.stdout), " ") {
				t.Error("the transcript's words differ with the width")
			}
			if tc.cols == 0 && r.stdout != plain.stdout {
				t.Error("off a terminal the transcript differs from the one without a width")
			}
		})
	}
}

// TestTerminalColumns: what is not a terminal has no width.
func TestTerminalColumns(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	env := func(string) string { return "200" }
	for _, w := range []io.Writer{f, &bytes.Buffer{}, io.Discard} {
		if got := terminalColumns(w, env); got != 0 {
			t.Errorf("terminalColumns(%T) = %d, want 0", w, got)
		}
	}
}

// TestTranscriptSaysWhoseNumbers: the terminal shows what a therapist
// would see (the OQ-45, the WAI-SR) as it is, and names every number of
// the model as the model's: the meters, the true symptom level (beside
// the OQ-45 that measures it), severities and chances.
func TestTranscriptSaysWhoseNumbers(t *testing.T) {
	unlabelled := []*regexp.Regexp{
		regexp.MustCompile(`(^|[ ,])symptoms \d`),                     // the true level as if it were a score
		regexp.MustCompile(`(?m)^\s*Meters:`),                         // meters not said to be the model's
		regexp.MustCompile(`\((severity|chance|the risk|difficulty)`), // a figure not said to be the model's
		regexp.MustCompile(`, difficulty \d`),
	}
	for _, args := range [][]string{
		{"run", "testdata/three.toml", "--seed", "1", "--choices", threeChoices},
		{"run", "testdata/three.toml", "--seed", "3", "--choices", "2,2,2,3,3,1"},
		{"run", "--assess", "testdata/three.toml", "--seed", "1", "--choices", threeChoices},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := therasim(t, "", args...)
			r.want(t, exitOK)
			text := strings.Join(strings.Fields(r.stdout), " ")
			for _, re := range unlabelled {
				if m := re.FindString(r.stdout); m != "" {
					t.Errorf("a number not said to be the model's: %q", m)
				}
			}
			if n := strings.Count(text, "("+debrief.SymptomsNote+")"); n != 1 {
				t.Errorf("the true symptom level is explained %d times, want once", n)
			}
			if !strings.Contains(text, "true symptom level") || !strings.Contains(text, "OQ-45 before session 2:") {
				t.Error("the transcript does not show the true symptom level and the OQ-45")
			}
			story := text
			if i := strings.Index(text, "── The numbers behind your run ──"); i >= 0 {
				story = text[:i]
				if strings.Contains(story, "→") || strings.Contains(story, "(the model's") || strings.Contains(story, "Model meters") {
					t.Errorf("assessment mode shows the model's numbers during play:\n%s", r.stdout)
				}
				return
			}
			if n := strings.Count(story, "Model meters (the client's true state in the model, which no therapist sees):"); n != 1 {
				t.Errorf("the meters are explained %d times, want once", n)
			}
		})
	}
}

// TestSingular: a count of one is written with a singular noun.
func TestSingular(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "one.jsonl")
	therasim(t, "", "run", "--seed", "1", "--choices", "1", "--record", one, "testdata/three.toml").want(t, exitBad)
	plural := regexp.MustCompile(`\b1 (runs|choices|clients|tasks|recordings|points|sessions)\b`)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"replay", "verify", "--scenario", "testdata/three.toml", one}, "1 choice verified"},
		{[]string{"replay", "--scenario", "testdata/three.toml", one, "--export", filepath.Join(dir, "one.csv")}, "(1 choice)"},
		{[]string{"replay", "--class", "--scenario", "testdata/three.toml", one}, "1 run, not a whole course"},
		{[]string{"replay", "--class", "--scenario", "testdata/three.toml", one}, "Session 1, open: 1 run came here."},
		{[]string{"cohort", "testdata/mini.toml", "--n", "1"}, " set to 1 client;"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := therasim(t, "", tc.args...)
			r.want(t, exitOK)
			if !strings.Contains(r.stdout, tc.want) {
				t.Errorf("stdout does not say %q:\n%s", tc.want, r.stdout)
			}
			if m := plural.FindString(r.stdout + r.stderr); m != "" {
				t.Errorf("%q", m)
			}
		})
	}
}
