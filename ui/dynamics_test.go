package ui

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// strainPath is a scenario whose client finds trust hard: a withdrawal the
// scenario opens after the first choice and a repair offered at the
// second, which the model's client dynamics may let fail.
const strainPath = "../debrief/testdata/strain.toml"

// byBeat chooses the option m gives the prompt's beat, else the first.
func byBeat(m map[string]int) func(*sim.Prompt) int {
	return func(p *sim.Prompt) int {
		if n, ok := m[p.Beat]; ok {
			return n
		}
		return 1
	}
}

// scriptOnly: in r the model's client dynamics began no rupture and
// failed no repair, leaving the ruptures to the scenario and its rules.
func scriptOnly(r *sim.Run) bool {
	for _, e := range r.Events() {
		if debrief.ClientBegan(e) || e.Kind == sim.RepairFailed {
			return false
		}
	}
	return true
}

// repairFailed: in r a repair did not take.
func repairFailed(r *sim.Run) bool { return r.State().RepairsFailed > 0 }

// repairFailedDebrief records a course of testdata/strain.toml whose
// repair, at choice 2, did not take, and opens its debrief there.
func repairFailedDebrief(t testing.TB) (*app, *debriefScreen) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "strain.jsonl")
	sc := scenariotest.Load(t, strainPath)
	first := byBeat(nil)
	recordRun(t, sc, findSeed(t, sc, first, repairFailed), first, 0, path)
	a := newTestApp(t, Options{Dir: filepath.Dir(strainPath), Replay: []string{path}, Trainee: "Dr Reyes"})
	s := opened[*debriefScreen](t, a)
	s.step(2)
	return a, s
}

// TestDebriefRepairFailed: the window's debrief lists a repair that did
// not take at its choice, drawn as a setback with the model's chance and
// the engine's sentence, and marks it on the timeline.
func TestDebriefRepairFailed(t *testing.T) {
	_, s := repairFailedDebrief(t)
	m := s.moment()
	if m == nil || m.N != 2 {
		t.Fatalf("the debrief is not at choice 2: %+v", m)
	}
	var failed *sim.Event
	for i, e := range m.Changes {
		if e.Kind == sim.RepairFailed {
			failed = &m.Changes[i]
		}
	}
	if failed == nil {
		t.Fatalf("the repair at choice 2 did not fail: %+v", m.Changes)
	}
	var item *changeItem
	items := s.changeItems(m.Changes)
	for i := range items {
		if strings.HasPrefix(items[i].d.Head, "The repair did not take") {
			item = &items[i]
		}
	}
	if item == nil {
		t.Fatalf("the debrief does not list the failed repair: %+v", items)
	}
	if got, want := item.d.HeadAndModel(), fmt.Sprintf("The repair did not take (the model gave it a %.0f%% chance)", 100*failed.Value); got != want {
		t.Errorf("head %q, want %q", got, want)
	}
	if item.why != failed.Explain || item.d.Style != debrief.StyleRepairFailed || item.d.Tone != debrief.Bad {
		t.Errorf("%+v: want the engine's sentence, drawn as %+v, a setback", item, debrief.StyleRepairFailed)
	}
	if !slices.Contains(s.d.Marks, debrief.Mark{Choice: 2, Kind: debrief.MarkRepairFailed, Text: "withdrawal"}) {
		t.Errorf("the timeline does not mark the failed repair: %+v", s.d.Marks)
	}
}

// TestEndCountsFailedRepairs: the end of the course says how many repairs
// did not take, beside the ruptures, and says nothing of it when none
// failed.
func TestEndCountsFailedRepairs(t *testing.T) {
	sc := scenariotest.Load(t, strainPath)
	for _, tc := range []struct {
		failed int
		want   string
	}{{0, ""}, {1, "Repairs that did not take: 1"}, {2, "Repairs that did not take: 2"}} {
		s := &endScreen{c: &course{e: &entry{sc: sc}}, res: sim.Result{RupturesOpened: 2, RupturesRepaired: 1}, st: sim.State{RepairsFailed: tc.failed}}
		lines := s.statLines()
		if !slices.Contains(lines, "Ruptures: 2 opened, 1 repaired") {
			t.Errorf("%d failed: %q do not count the ruptures", tc.failed, lines)
		}
		got := ""
		for _, l := range lines {
			if strings.HasPrefix(l, "Repairs") {
				got = l
			}
		}
		if got != tc.want {
			t.Errorf("%d failed: %q, want %q", tc.failed, got, tc.want)
		}
	}
}

// TestDebriefRepairFailedScreen renders the debrief at the repair that
// did not take.
func TestDebriefRepairFailedScreen(t *testing.T) {
	renderScreens(t, []namedSetup{{"debrief-repair-failed", func(t *testing.T) *app {
		a, _ := repairFailedDebrief(t)
		return a
	}}})
}
