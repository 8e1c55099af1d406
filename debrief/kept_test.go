package debrief_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/recfile"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestResolve: the scenario a recording opens with, for each state of its
// file now and of the copies kept when it was recorded.
func TestResolve(t *testing.T) {
	m := scenariotest.Model(t)
	load := func(data []byte) *sim.Scenario {
		t.Helper()
		sc, err := sim.Load("mini.toml", data, m)
		if err != nil {
			t.Fatal(err)
		}
		return sc
	}
	played, err := os.ReadFile("../sim/testdata/mini.toml")
	if err != nil {
		t.Fatal(err)
	}
	sc := load(played)
	rec, err := sim.ParseRecording(record(t, sc, "competent", "t", 1, -1))
	if err != nil {
		t.Fatal(err)
	}
	kept := func(kind, hash string) ([]byte, string, error) {
		if kind == recfile.KeptScenario && hash == sc.Hash {
			return played, "kept/" + hash + kind, nil
		}
		return nil, "kept/" + hash + kind, fmt.Errorf("none: %w", fs.ErrNotExist)
	}
	damaged := func(kind, hash string) ([]byte, string, error) {
		return nil, "kept/x", recfile.ErrDamaged
	}
	comment := load(append([]byte("# a comment\r\n"), played...))
	changed := load(bytes.Replace(played, []byte("reactance = 0.6"), []byte("reactance = 0.95"), 1))
	other := load(bytes.Replace(played, []byte(`id = "mini"`), []byte(`id = "other"`), 1))
	for _, tc := range []struct {
		name   string
		cur    *sim.Scenario
		copies debrief.Copies
		want   *sim.Scenario // nil: the kept copy
		kept   bool
		note   string
		err    error
	}{
		{"the very one", sc, kept, sc, false, "", nil},
		{"a comment", comment, kept, comment, false, "changed, in nothing the recorded choices do", nil},
		{"a choice changed", changed, kept, nil, true, "now gives a different state: the run is opened with the scenario as it was played on 12 January 2026, kept in kept/", nil},
		{"a choice changed, no copy", changed, nil, changed, false, "", nil},
		{"a choice changed, the copy damaged", changed, damaged, nil, false, "", recfile.ErrDamaged},
		{"gone", nil, kept, nil, true, "the run is opened with the scenario as it was played on 12 January 2026", nil},
		{"gone, no copy", nil, nil, nil, false, "", fs.ErrNotExist},
		{"another scenario", other, kept, other, false, "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := debrief.Resolve(rec, tc.cur, m, tc.copies)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("error %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.want != nil && p.Scenario != tc.want:
				t.Errorf("opened with %s (%.12s…), want %.12s…", p.Scenario.File, p.Scenario.Hash, tc.want.Hash)
			case tc.kept && (p.Kept == "" || p.Scenario.Hash != sc.Hash):
				t.Errorf("opened with %q (%.12s…), want the copy kept", p.Kept, p.Scenario.Hash)
			case !strings.Contains(p.Note, tc.note) || (tc.note == "") != (p.Note == ""):
				t.Errorf("note %q, want %q", p.Note, tc.note)
			}
			if _, err := debrief.Build(p.Scenario, rec); err != nil && tc.want != changed && tc.want != other {
				t.Errorf("the run does not replay with what Resolve gave: %v", err)
			}
		})
	}
}
