package main

import (
	"bytes"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

func TestReplayExport(t *testing.T) {
	dir := t.TempDir()
	rec := recordThree(t, dir)
	for _, ext := range []string{".csv", ".png", ".html", ".HTML", ".profile.csv"} {
		out := filepath.Join(dir, "out"+ext)
		r := therasim(t, "", "replay", rec, "--scenario", "testdata/three.toml", "--export", out)
		r.want(t, exitOK)
		if !strings.Contains(r.stdout, "Wrote "+out) {
			t.Errorf("stdout %q", r.stdout)
		}
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		switch strings.ToLower(ext) {
		case ".profile.csv":
			rows, err := csv.NewReader(f).ReadAll()
			if err != nil || strings.Join(rows[0], ",") != strings.Join(debrief.ProfileCSVHeader, ",") || len(rows) < 2 {
				t.Errorf("profile csv: %v, %q", err, rows)
			}
			if !strings.Contains(r.stdout, "the competence profile of") {
				t.Errorf("stdout %q", r.stdout)
			}
		case ".csv":
			rows, err := csv.NewReader(f).ReadAll()
			if err != nil || strings.Join(rows[0], ",") != strings.Join(debrief.CSVHeader, ",") || len(rows) < 8 {
				t.Errorf("csv: %v, %d rows", err, len(rows))
			}
		case ".png":
			if _, err := png.Decode(f); err != nil {
				t.Errorf("png: %v", err)
			}
		default:
			b, _ := os.ReadFile(out)
			if !strings.HasPrefix(string(b), "<!DOCTYPE html>") || !strings.Contains(string(b), "<svg") {
				t.Errorf("html: %.80s", b)
			}
		}
		f.Close()
	}
	r := therasim(t, "", "replay", rec, "--scenario", "testdata/three.toml", "--export", filepath.Join(dir, "out.pdf"))
	r.want(t, exitUsage, "give .csv, .profile.csv, .png or .html")
	if _, err := os.Stat(filepath.Join(dir, "out.pdf")); err == nil {
		t.Error("out.pdf was written")
	}
	therasim(t, "", "replay", rec, rec, "--scenario", "testdata/three.toml", "--export", filepath.Join(dir, "x.csv")).want(t, exitUsage, "one recording")
}

// A recording that does not replay is refused in the terminal, with the
// reason, for every form of replay, and never reaches the window.
func TestReplayRefuses(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses a shell script as the window")
	}
	dir := t.TempDir()
	rec := recordThree(t, dir)
	unkept(t, dir) // as a run recorded before copies were kept
	bad := filepath.Join(dir, "bad.jsonl")
	writeLines(t, bad, alter(readLines(t, rec), 4, flipFingerprint))
	win := t.TempDir()
	args := filepath.Join(win, "args")
	if err := os.WriteFile(filepath.Join(win, "therasim-play"), []byte("#!/bin/sh\necho \"$@\" > "+args+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", win)
	for _, extra := range [][]string{nil, {"--class"}, {"--export", filepath.Join(dir, "x.html")}} {
		a := append([]string{"replay", "--scenario", "testdata/three.toml", bad}, extra...)
		withDisplay(t, a...).want(t, exitBad, bad+" cannot be replayed", "choice 3: state fingerprint differs")
	}
	changed := filepath.Join(dir, "changed.toml")
	src, _ := os.ReadFile("testdata/three.toml")
	os.WriteFile(changed, bytes.Replace(src, []byte("reactance = 0.7"), []byte("reactance = 0.1"), 1), 0o644)
	withDisplay(t, "replay", "--scenario", changed, rec).want(t, exitBad, "changes what the recorded choices do")
	if _, err := os.Stat(args); err == nil {
		t.Fatal("the window was opened for a recording that does not replay")
	}

	// A good one opens the window with --replay and the files.
	withDisplay(t, "replay", rec).want(t, exitUsage, "does not come with TheraSim", "therasim replay --scenario three.toml")
	withDisplay(t, "replay", "--scenario", "testdata/three.toml", rec).want(t, exitOK)
	got, err := os.ReadFile(args)
	if err != nil {
		t.Fatal(err)
	}
	if want := "--dir testdata --replay " + rec + "\n"; string(got) != want {
		t.Errorf("the window was given %q, want %q", got, want)
	}
	therasim(t, "", "replay", filepath.Join(dir, "none.jsonl")).want(t, exitIO, "cannot read the recording")
	therasim(t, "", "replay", t.TempDir()).want(t, exitBad, "holds no recordings")
}

func TestReplayClass(t *testing.T) {
	dir := t.TempDir()
	runs := filepath.Join(dir, "runs")
	os.Mkdir(runs, 0o755)
	for i, c := range []string{"1,1,1,1,1,1,1", "2,1,1,1,1,1,1", "2,2,2,2,2,2,2", "1,1,2,1,1,1,1", "1,2,1,1,1,1,1"} {
		p := filepath.Join(runs, "r"+itoa(i)+".jsonl")
		therasim(t, "", "run", "--seed", itoa(i+1), "--choices", c, "--trainee", "t"+itoa(i), "--record", p, "testdata/three.toml")
		if _, err := os.Stat(p); err != nil {
			t.Fatal(err)
		}
	}
	r := therasim(t, "", "replay", "--class", "--scenario", "testdata/three.toml", runs)
	r.want(t, exitOK)
	for _, want := range []string{"5 runs", "Trainees: t0, t1, t2, t3, t4", "Session 1, open: 5 runs came here.", "empathic_reflection", "alliance"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the class table does not say %q:\n%s", want, r.stdout)
		}
	}
	// Named one by one, the same.
	files, _ := filepath.Glob(filepath.Join(runs, "*.jsonl"))
	r2 := therasim(t, "", append([]string{"replay", "--class", "--scenario", "testdata/three.toml"}, files...)...)
	if r2.stdout != r.stdout {
		t.Errorf("files and their directory differ:\n%s\n%s", r2.stdout, r.stdout)
	}
	// --scenario picks its runs: a run of another scenario is left out,
	// and said to be, but is no mistake.
	mini := filepath.Join(dir, "mini.jsonl")
	therasim(t, "", "run", "--seed", "1", "--choices", "1,1,1", "--record", mini, "testdata/mini.toml")
	r3 := therasim(t, "", "replay", "--class", "--scenario", "testdata/three.toml", runs, mini)
	r3.want(t, exitOK, `--scenario picks the runs of "three"; left out 1 run of other scenarios: 1 of "mini" (`+mini+")")
	if r3.stdout != r.stdout {
		t.Errorf("the class view with a run left out differs:\n%s\n%s", r3.stdout, r.stdout)
	}
	therasim(t, "", "replay", "--class", "--scenario", "testdata/three.toml", mini).want(t, exitBad, `none of the recordings is a run of "three"`, `"mini"`)
}

// Notes appended to a recording survive a reload and change nothing that
// replay verify checks or says.
func TestNotesAndVerify(t *testing.T) {
	dir := t.TempDir()
	rec := recordThree(t, dir)
	before := therasim(t, "", "replay", "verify", "--scenario", "testdata/three.toml", rec)
	before.want(t, exitOK)
	for _, n := range []sim.Note{{Choice: 0, Text: "for the class"}, {Choice: 3, Author: "dr-lee", Text: "here"}, {Choice: 7, Text: "end"}} {
		if err := debrief.AddNote(rec, n); err != nil {
			t.Fatal(err)
		}
	}
	if err := debrief.AddNote(rec, sim.Note{Choice: 8, Text: "beyond"}); err == nil {
		t.Error("a note about choice 8 of 7 was taken")
	}
	after := therasim(t, "", "replay", "verify", "--scenario", "testdata/three.toml", rec)
	after.want(t, exitOK)
	if after.stdout != before.stdout {
		t.Errorf("verify says %q with notes, %q without", after.stdout, before.stdout)
	}
	if got := readRecording(t, rec).Notes; len(got) != 3 || got[1].Author != "dr-lee" {
		t.Errorf("notes read back: %+v", got)
	}
	out := filepath.Join(dir, "r.html")
	therasim(t, "", "replay", "--scenario", "testdata/three.toml", rec, "--export", out).want(t, exitOK)
	b, _ := os.ReadFile(out)
	for _, want := range []string{"for the class", "here", "dr-lee"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the report does not show the note %q", want)
		}
	}
}
