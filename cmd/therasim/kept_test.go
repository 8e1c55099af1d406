package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/therasim/therasim/recfile"
	"github.com/therasim/therasim/scenarios"
)

// unkept removes the copies kept beside the recordings in dir, as for runs
// recorded before copies were kept.
func unkept(t *testing.T, dir string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(dir, recfile.KeptDir)); err != nil {
		t.Fatal(err)
	}
}

// caseDir holds the scenarios of case cosmetic-scenario-edit.
const caseDir = "testdata/cosmetic-scenario-edit"

func readCase(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(caseDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// edit returns src with old replaced by new, once, failing when src has
// no old.
func edit(t *testing.T, src []byte, old, new string) []byte {
	t.Helper()
	if !bytes.Contains(src, []byte(old)) {
		t.Fatalf("the scenario has no %q to edit", old)
	}
	return bytes.Replace(src, []byte(old), []byte(new), 1)
}

// recordCase records the run of case cosmetic-scenario-edit in a new
// folder, with base.toml copied there as scenario.toml: the recording was
// made before the case's edits, so it is made again at every test, with
// the model as it is (`therasim run base.toml --seed 7 --choices 1,1
// --record partial.jsonl`).
func recordCase(t *testing.T) (dir, scenario, rec string) {
	t.Helper()
	dir = t.TempDir()
	scenario = filepath.Join(dir, "scenario.toml")
	if err := os.WriteFile(scenario, readCase(t, "base.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	rec = filepath.Join(dir, "partial.jsonl")
	// Two choices of three: the run stops (exit 1), recorded.
	therasim(t, "", "run", scenario, "--seed", "7", "--choices", "1,1", "--record", rec).want(t, exitBad)
	return dir, scenario, rec
}

// TestKeptCopies: a recording keeps beside it, in kept/, the exact bytes
// of its scenario and of the model, named for their SHA-256; a second run
// of the same scenario shares them.
func TestKeptCopies(t *testing.T) {
	dir, scenario, rec := recordCase(t)
	h := readRecording(t, rec).Header
	base := readCase(t, "base.toml")
	therasim(t, "", "run", scenario, "--seed", "8", "--choices", "1", "--record", filepath.Join(dir, "second.jsonl")).want(t, exitBad)
	shipped := filepath.Join(dir, "maya.jsonl")
	therasim(t, "", "run", "cbt-depression", "--seed", "8", "--choices", "1", "--record", shipped).want(t, exitBad)
	maya := readRecording(t, shipped).Header.SHA256
	want := map[string][]byte{
		h.SHA256 + ".toml":      base,
		h.Model + ".model.toml": scenarios.Embedded(h.Model),
		maya + ".toml":          scenarios.Embedded(maya),
	}
	des, err := os.ReadDir(filepath.Join(dir, "kept"))
	if err != nil {
		t.Fatal(err)
	}
	if len(des) != len(want) {
		t.Errorf("kept/ holds %d files, want %d", len(des), len(want))
	}
	for name, data := range want {
		got, err := os.ReadFile(filepath.Join(dir, "kept", name))
		if err != nil || len(data) == 0 || !bytes.Equal(got, data) {
			t.Errorf("kept/%s: %d bytes (%v), want the %d bytes played with", name, len(got), err, len(data))
		}
	}
}

// TestKept (issue 10, case cosmetic-scenario-edit): a run opens with the
// scenario as it is now when that replays the recorded choices exactly,
// saying in a line that the text changed; otherwise, or when the file is
// gone, with the copy kept of it as it was played, naming the first
// choice that now differs; with neither, the reason, as before copies
// were kept.
func TestKept(t *testing.T) {
	base := readCase(t, "base.toml")
	changed := edit(t, base, `inner = "Exhausting. Yes. Nobody's said that."`,
		"inner = \"Exhausting. Yes. Nobody's said that.\"\nexplain = \"Naming how tired he is gives Ben some hope.\"\n[sessions.beats.options.effects]\nhope = 0.05")
	const (
		textChanged = "   Note: since the run was recorded the scenario's file"
		nothing     = "in nothing the recorded choices do."
	)
	for _, tc := range []struct {
		name     string
		scenario []byte // the scenario's file now; nil when it was deleted
		unkept   bool   // no copy was kept (a run recorded before they were)
		damaged  bool   // the kept copy was changed since
		code     int
		stdout   []string
		stderr   []string
	}{
		{name: "CRLF", scenario: readCase(t, "base_crlf.toml"), code: exitOK,
			stdout: []string{"2 choices verified", textChanged, nothing}},
		{name: "a comment", scenario: readCase(t, "base_plus_comment.toml"), code: exitOK,
			stdout: []string{"2 choices verified", textChanged, nothing}},
		{name: "a client line reworded", code: exitOK,
			scenario: edit(t, base, "I don't really see how talking helps me sleep", "I can't see how talking will help me sleep"),
			stdout:   []string{"2 choices verified", textChanged, nothing}},
		{name: "a choice changed", scenario: changed, code: exitOK,
			stdout: []string{"2 choices verified", "   Note: choice 2 now gives a different state: the run is opened with the scenario as it was played on 14 March 2026, kept in $DIR/kept/$HASH.toml."}},
		{name: "deleted", code: exitOK,
			stdout: []string{"2 choices verified", "   Note: $DIR/scenario.toml is not found: the run is opened with the scenario as it was played on 14 March 2026, kept in $DIR/kept/$HASH.toml."}},
		{name: "CRLF, recorded before copies were kept", scenario: readCase(t, "base_crlf.toml"), unkept: true, code: exitOK,
			stdout: []string{"2 choices verified", textChanged, nothing}},
		{name: "a choice changed, recorded before copies were kept", scenario: changed, unkept: true, code: exitBad,
			stderr: []string{"does not verify: choice 2: state fingerprint differs", "changes what the recorded choices do"}},
		{name: "deleted, recorded before copies were kept", unkept: true, code: exitIO,
			stderr: []string{"cannot read the scenario", "scenario.toml"}},
		{name: "a choice changed, the copy damaged", scenario: changed, damaged: true, code: exitBad,
			stderr: []string{"choice 2: state fingerprint differs", "the copy of the scenario as it was played cannot be used", "the kept copy has been changed since it was kept"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, scenario, rec := recordCase(t)
			hash := readRecording(t, rec).Header.SHA256
			if tc.scenario == nil {
				os.Remove(scenario)
			} else if err := os.WriteFile(scenario, tc.scenario, 0o644); err != nil {
				t.Fatal(err)
			}
			if tc.unkept {
				unkept(t, dir)
			}
			if tc.damaged {
				kept := filepath.Join(dir, "kept", hash+".toml")
				if err := os.WriteFile(kept, edit(t, base, "reactance = 0.6", "reactance = 0.9"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r := therasim(t, "", "replay", "verify", "--scenario", scenario, rec)
			r.want(t, tc.code, tc.stderr...)
			out := strings.ReplaceAll(strings.ReplaceAll(r.stdout, dir, "$DIR"), hash, "$HASH")
			for _, s := range tc.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout does not say %q:\n%s", s, out)
				}
			}
			if tc.code == exitOK && strings.Count(out, "\n") != 2 && len(tc.stdout) > 1 {
				t.Errorf("stdout is not two lines:\n%s", out)
			}
		})
	}
}

// TestKeptReplay: every way of opening a run — an export, a class view,
// the window, a resumed run — opens one whose scenario was deleted from
// the copy kept of it, and says so, naming where the copy is.
func TestKeptReplay(t *testing.T) {
	dir, scenario, rec := recordCase(t)
	os.Remove(scenario)
	kept := filepath.Join(dir, "kept", readRecording(t, rec).Header.SHA256+".toml")

	out := filepath.Join(dir, "partial.html")
	r := therasim(t, "", "replay", rec, "--export", out)
	r.want(t, exitOK, `scenario "sleep-worries" does not come with TheraSim: the run is opened with the scenario as it was played on 14 March 2026, kept in `+kept)
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), "Ben") {
		t.Errorf("the export: %v", err)
	}
	r = therasim(t, "", "replay", "--class", dir)
	r.want(t, exitOK, "therasim replay: "+rec+`: scenario "sleep-worries" does not come with TheraSim: the run is opened with the scenario as it was played on 14 March 2026, kept in `+kept)
	if !strings.Contains(r.stdout, "Ben: a first session about sleep (sleep-worries): 1 run") {
		t.Errorf("the class view:\n%s", r.stdout)
	}
	r = therasim(t, "", "replay", "--class", "--scenario", scenario, dir)
	r.want(t, exitOK, scenario+" is not found: each run is opened with the copy of its scenario kept beside it", "kept in "+kept)

	// The run goes on with the scenario it was started with.
	r = therasim(t, "", "run", "--resume", rec, "--choices", "1")
	r.want(t, exitOK, "kept in "+kept)
	therasim(t, "", "replay", "verify", rec).want(t, exitOK)
}

// TestKeptClass: a class whose scenario was changed after it played in
// what some of its runs' choices do is one class view, of the scenario as
// it was played, rather than one of the runs the file replays and one of
// the others.
func TestKeptClass(t *testing.T) {
	dir, scenario, rec := recordCase(t)
	other := filepath.Join(dir, "other.jsonl")
	therasim(t, "", "run", scenario, "--seed", "7", "--choices", "2,1", "--record", other).want(t, exitBad)
	// Saved with CRLF line endings: the class opens with the file as it is.
	if err := os.WriteFile(scenario, readCase(t, "base_crlf.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := therasim(t, "", "replay", "--class", "--scenario", scenario, dir)
	r.want(t, exitOK, other+", "+rec+": since the run was recorded the scenario's file", "in nothing the recorded choices do")
	if !strings.Contains(r.stdout, "(sleep-worries): 2 runs") {
		t.Errorf("not one class view of the 2 runs:\n%s", r.stdout)
	}

	// The second option at the opening (advice) now costs more hope.
	src := readCase(t, "base.toml")
	if err := os.WriteFile(scenario, edit(t, src, `inner = "Done all that. Another expert."`,
		"inner = \"Done all that. Another expert.\"\nexplain = \"Advice he has heard before costs Ben hope.\"\n[sessions.beats.options.effects]\nhope = -0.05"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = therasim(t, "", "replay", "--class", "--scenario", scenario, dir)
	r.want(t, exitOK, other+": choice 1 now gives a different state", rec+": the run is opened with the scenario as it was played on 14 March 2026, kept in")
	if !strings.Contains(r.stdout, "(sleep-worries): 2 runs") || strings.Contains(r.stdout, "class view of each follows") {
		t.Errorf("not one class view of the 2 runs:\n%s", r.stdout)
	}
}
