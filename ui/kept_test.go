package ui

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/therasim/therasim/recfile"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// TestKeptInWindow (issue 10): a run played in the window keeps, in
// runs/kept, copies of the exact scenario and model it was played with;
// its debrief opens with the copy when the scenario has since changed in
// what a recorded choice does, or is gone, and says so in a line; without
// a copy, it is refused as before.
func TestKeptInWindow(t *testing.T) {
	src, err := os.ReadFile(miniPath)
	if err != nil {
		t.Fatal(err)
	}
	scDir, data := t.TempDir(), t.TempDir()
	scPath := filepath.Join(scDir, "mini.toml")
	if err := os.WriteFile(scPath, src, 0o644); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, Options{Dir: scDir, Scenario: scPath, Trainee: "Alex", DataDir: data})
	d := newDriver(t, a)
	d.playUntil(careful, d.onScreen(&endScreen{}))
	a.endCourse()
	runs := filepath.Join(data, "runs")
	names, _ := filepath.Glob(filepath.Join(runs, "*.jsonl"))
	if len(names) != 1 {
		t.Fatalf("%d recordings", len(names))
	}
	rec := names[0]
	b, err := os.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.ParseRecording(b)
	if err != nil {
		t.Fatal(err)
	}
	h := r.Header
	kept := recfile.KeptPath(runs, recfile.KeptScenario, h.SHA256)
	for path, want := range map[string][]byte{
		kept: src,
		recfile.KeptPath(runs, recfile.KeptModel, h.Model): scenarios.Embedded(h.Model),
	} {
		if got, err := os.ReadFile(path); err != nil || len(want) == 0 || !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes (%v), want the %d played with", path, len(got), err, len(want))
		}
	}

	notice := func() string {
		t.Helper()
		a := newTestApp(t, Options{Dir: scDir, Replay: []string{rec}})
		opened[*debriefScreen](t, a)
		return a.notice
	}
	if err := os.WriteFile(scPath, bytes.Replace(src, []byte("reactance = 0.6"), []byte("reactance = 0.95"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	// The notice says it in a trainee's words, naming no file (the full
	// note, with the copy's path, goes to the log).
	if got := notice(); !strings.Contains(got, "Opened with the version of the scenario played on ") || !strings.Contains(got, "it has changed since") || strings.Contains(got, "kept") {
		t.Errorf("a scenario changed in what a choice does: the notice says %q", got)
	}
	if err := os.WriteFile(scPath, append([]byte("# A comment.\r\n"), src...), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := notice(); !strings.Contains(got, "The scenario has changed since this run was played") || !strings.Contains(got, "not what its choices do") || strings.Contains(got, "sha256") {
		t.Errorf("a scenario changed in its text: the notice says %q", got)
	}
	if err := os.Remove(scPath); err != nil {
		t.Fatal(err)
	}
	if got := notice(); !strings.Contains(got, "Opened with the version of the scenario played on ") || !strings.Contains(got, "not among those offered") || strings.Contains(got, "kept") {
		t.Errorf("a scenario deleted: the notice says %q", got)
	}
	if err := os.RemoveAll(filepath.Join(runs, recfile.KeptDir)); err != nil {
		t.Fatal(err)
	}
	c := newTestApp(t, Options{Dir: scDir, Replay: []string{rec}})
	if r, ok := c.screen.(*refusal); !ok || !strings.Contains(r.about, "not among those offered") {
		t.Errorf("a run with neither its scenario nor a copy: screen %T", c.screen)
	}
}

// TestStorageKeep: each storage keeps a copy once under its hash and kind,
// gives it back, and says when it has none.
func TestStorageKeep(t *testing.T) {
	fst, err := newFileStorage(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	scen, model := []byte("[scenario]\nid = \"x\"\n"), []byte("[week]\n")
	for _, st := range []storage{fst, newMemStorage("test")} {
		for _, c := range []struct {
			kind string
			data []byte
		}{{recfile.KeptScenario, scen}, {recfile.KeptModel, model}} {
			for range 2 {
				if err := st.Keep(c.kind, c.data); err != nil {
					t.Fatal(err)
				}
			}
			hash := strings.TrimSuffix(keptKey(c.kind, c.data), c.kind)
			got, where, err := st.Kept(c.kind, hash)
			if err != nil || !bytes.Equal(got, c.data) || where == "" {
				t.Errorf("%T: Kept = %q, %q, %v", st, got, where, err)
			}
			other := recfile.KeptModel
			if c.kind == other {
				other = recfile.KeptScenario
			}
			if _, _, err := st.Kept(other, hash); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%T: a copy of another kind: %v, want fs.ErrNotExist", st, err)
			}
		}
	}
}
