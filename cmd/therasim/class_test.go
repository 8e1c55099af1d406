package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/therasim/therasim/debrief"
)

// mixedRuns records, into a new folder, runs of several scenarios as the
// window's runs folder holds them: two of testdata/three.toml, one of
// testdata/mini.toml, one of the shipped scenario, one of a scenario that
// is in neither testdata nor TheraSim ("other"), and a damaged run of
// mini. It returns the folder and the paths of the other and damaged runs.
func mixedRuns(t *testing.T) (runs, other, damaged string) {
	t.Helper()
	runs = filepath.Join(t.TempDir(), "runs")
	if err := os.Mkdir(runs, 0o755); err != nil {
		t.Fatal(err)
	}
	record := func(name, scenario, seed, choices string) string {
		t.Helper()
		p := filepath.Join(runs, name)
		// A run whose choices run out stops (exit 1) with its recording.
		therasim(t, "", "run", "--seed", seed, "--choices", choices, "--trainee", strings.TrimSuffix(name, ".jsonl"), "--record", p, scenario)
		if _, err := os.Stat(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	record("three-a.jsonl", "testdata/three.toml", "1", threeChoices)
	record("three-b.jsonl", "testdata/three.toml", "2", "2,1,1")
	record("mini.jsonl", "testdata/mini.toml", "1", "1,1,1")
	record("maya.jsonl", "cbt-depression", "3", "1,1,1")

	src, err := os.ReadFile("testdata/mini.toml")
	if err != nil {
		t.Fatal(err)
	}
	otherToml := filepath.Join(t.TempDir(), "other.toml")
	if err := os.WriteFile(otherToml, []byte(strings.Replace(string(src), `id = "mini"`, `id = "other"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	other = record("other.jsonl", otherToml, "1", "1,1,1")

	damaged = filepath.Join(runs, "mini-damaged.jsonl")
	writeLines(t, damaged, alter(readLines(t, filepath.Join(runs, "mini.jsonl")), 3, flipFingerprint))
	unkept(t, runs)
	return runs, other, damaged
}

// TestReplayClassScenarios: a folder of runs of several scenarios shows one
// class view for each scenario that can be found, each headed by its
// title and how many runs it has, or the one --scenario picks; the
// recordings left out are named with the reason and do not stop the
// others.
func TestReplayClassScenarios(t *testing.T) {
	runs, other, damaged := mixedRuns(t)
	const (
		maya  = "Maya: CBT for depression after redundancy (cbt-depression): 1 run,"
		mini  = "Mini (mini): 1 run,"
		three = "Robin: three sessions (three): 2 runs,"
	)
	for _, tc := range []struct {
		name    string
		flags   []string
		code    int
		out     []string // in this order
		notOut  []string
		errs    []string
		notErrs []string
	}{
		{
			name:   "shipped only",
			code:   exitBad,
			out:    []string{maya},
			notOut: []string{"Class view", mini, three},
			errs: []string{"5 of the 6 recordings cannot be replayed; they are left out:",
				`2 runs (` + filepath.Join(runs, "three-a.jsonl") + ", " + filepath.Join(runs, "three-b.jsonl") + `) are runs of scenario "three", which does not come with TheraSim: name its file, e.g. therasim replay --scenario three.toml --class ` + runs,
				`scenario "mini"`, other + ` is a run of scenario "other"`},
		},
		{
			name:  "--dir",
			flags: []string{"--dir", "testdata"},
			code:  exitBad,
			out: []string{"The runs are of 3 scenarios; a class view of each follows:",
				"── Class view 1 of 3 ──", maya, "── Class view 2 of 3 ──", mini, "── Class view 3 of 3 ──", three},
			errs: []string{"2 of the 6 recordings cannot be replayed; they are left out:",
				damaged + " cannot be replayed: choice 2: state fingerprint differs",
				other + ` is a run of scenario "other", which is neither in testdata nor among those that come with TheraSim (testdata/bad.toml does not load`},
			notErrs: []string{"three-a.jsonl", "maya.jsonl"},
		},
		{
			name:    "--scenario picks",
			flags:   []string{"--scenario", "testdata/three.toml"},
			code:    exitOK,
			out:     []string{three, "\nCompetence profile: for each skill of the rubric", "  Sets a task between sessions  "},
			notOut:  []string{"Class view", maya, mini},
			errs:    []string{`--scenario picks the runs of "three"; left out 4 runs of other scenarios: 1 of "cbt-depression" (`, `2 of "mini" (`, `1 of "other" (`},
			notErrs: []string{"cannot be replayed"},
		},
		{
			name:  "--scenario picks a damaged run",
			flags: []string{"--scenario", "testdata/mini.toml"},
			code:  exitBad,
			out:   []string{mini},
			errs:  []string{`left out 4 runs of other scenarios`, "1 of the 6 recordings cannot be replayed; it is left out:", damaged + " cannot be replayed"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := therasim(t, "", append(append([]string{"replay", "--class"}, tc.flags...), runs)...)
			r.want(t, tc.code, tc.errs...)
			at := 0
			for _, s := range tc.out {
				i := strings.Index(r.stdout[at:], s)
				if i < 0 {
					t.Errorf("stdout does not say %q (after byte %d):\n%s", s, at, r.stdout)
					continue
				}
				at += i + len(s)
			}
			for _, s := range tc.notOut {
				if strings.Contains(r.stdout, s) {
					t.Errorf("stdout says %q", s)
				}
			}
			for _, s := range tc.notErrs {
				if strings.Contains(r.stderr, s) {
					t.Errorf("stderr says %q:\n%s", s, r.stderr)
				}
			}
		})
	}
}

// TestReplayWindowScenarios: the window is given every recording of a
// mixed folder (it shows a class view of each scenario and says which it
// left out), or only the runs of the scenario --scenario picks; the
// terminal says first which were left out and why.
func TestReplayWindowScenarios(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses a shell script as the window")
	}
	runs, _, damaged := mixedRuns(t)
	win := t.TempDir()
	args := filepath.Join(win, "args")
	if err := os.WriteFile(filepath.Join(win, "therasim-play"), []byte("#!/bin/sh\necho \"$@\" > "+args+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", win)
	all, _ := filepath.Glob(filepath.Join(runs, "*.jsonl"))
	for _, tc := range []struct {
		name  string
		flags []string
		code  int
		errs  []string
		want  string
	}{
		{"--dir", []string{"--dir", "testdata"}, exitBad, []string{damaged + " cannot be replayed"},
			"--dir testdata --replay " + strings.Join(all, " ")},
		{"--scenario", []string{"--scenario", "testdata/three.toml"}, exitOK, []string{"left out 4 runs of other scenarios"},
			"--dir testdata --replay " + filepath.Join(runs, "three-a.jsonl") + " " + filepath.Join(runs, "three-b.jsonl")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(args)
			withDisplay(t, append(append([]string{"replay"}, tc.flags...), runs)...).want(t, tc.code, tc.errs...)
			got, err := os.ReadFile(args)
			if err != nil {
				t.Fatalf("the window was not opened: %v", err)
			}
			if strings.TrimSpace(string(got)) != tc.want {
				t.Errorf("the window was given\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestReplayDir: --dir finds a run's scenario for verify and --export too.
func TestReplayDir(t *testing.T) {
	dir := t.TempDir()
	rec := recordThree(t, dir)
	therasim(t, "", "replay", "verify", "--dir", "testdata", rec).want(t, exitOK)
	out := filepath.Join(dir, "three.csv")
	therasim(t, "", "replay", "--dir", "testdata", rec, "--export", out).want(t, exitOK)
	if _, err := os.Stat(out); err != nil {
		t.Error(err)
	}
	unkept(t, dir)
	therasim(t, "", "replay", "verify", "--dir", t.TempDir(), rec).want(t, exitUsage, `scenario "three", which does not come with TheraSim`)
}

// TestReplaySummary: --summary writes the supervisor's summary of a mixed
// folder of runs: the HTML page has a section for each scenario found
// (by title), the CSV a row for each run that replays; the runs left out
// are said on stderr, as for --class, and the exit status says so; the
// hint for runs of a scenario that must be named keeps --summary.
func TestReplaySummary(t *testing.T) {
	runs, other, damaged := mixedRuns(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "seminar.html")
	r := therasim(t, "", "replay", "--summary", page, "--dir", "testdata", runs)
	r.want(t, exitBad, "2 of the 6 recordings cannot be replayed; they are left out:", damaged+" cannot be replayed", other+` is a run of scenario "other"`)
	if want := "Wrote " + page + ": the class summary of 4 runs of 3 scenarios.\n"; r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	at := 0
	for _, want := range []string{"<title>Class summary: runs</title>", "<h2>Maya: CBT for depression after redundancy</h2>", "<h2>Mini</h2>", "<h2>Robin: three sessions</h2>", "Competence profiles"} {
		i := strings.Index(html[at:], want)
		if i < 0 {
			t.Fatalf("the summary does not have %q after byte %d", want, at)
		}
		at += i + len(want)
	}
	for _, bad := range []string{"mini-damaged", "other.jsonl", "http://", "https://", "<script", "<link"} {
		if strings.Contains(html, bad) {
			t.Errorf("the summary has %q", bad)
		}
	}

	table := filepath.Join(dir, "seminar.CSV")
	r = therasim(t, "", "replay", "--summary", table, "--scenario", "testdata/three.toml", runs)
	r.want(t, exitOK, `--scenario picks the runs of "three"`)
	if want := "Wrote " + table + ": the competence profiles of 2 runs.\n"; r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
	f, err := os.Open(table)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0][:len(debrief.ClassProfileHeader)], ",") != strings.Join(debrief.ClassProfileHeader, ",") ||
		rows[1][0] != "three-a.jsonl" || rows[2][0] != "three-b.jsonl" {
		t.Errorf("the profiles: %q", rows)
	}

	// Without --dir, the runs of testdata's scenarios must be named: the
	// hint says how, with --summary.
	therasim(t, "", "replay", "--summary", page, runs).want(t, exitBad, "therasim replay --scenario three.toml --summary "+page+" "+runs)
}
