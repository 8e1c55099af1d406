package sim_test

import (
	"reflect"
	"testing"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestApplyFoldsARun: folding a run's events over the state before them
// gives the run's own state after every choice, every field but the
// dropout risk the engine recomputes between events. This is what lets the
// debrief, the exports and the window show the state at any event without
// knowing what each variable means.
func TestApplyFoldsARun(t *testing.T) {
	for _, tc := range []struct {
		name string
		sc   func(testing.TB) *sim.Scenario
	}{
		{"mini", func(t testing.TB) *sim.Scenario { return scenariotest.Load(t, "testdata/mini.toml") }},
		{"variables", func(t testing.TB) *sim.Scenario { return clock(t, 0.6) }},
		{"shipped", scenariotest.Shipped},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := tc.sc(t)
			pols, err := scenarios.Policies()
			if err != nil {
				t.Fatal(err)
			}
			kinds := map[sim.EventKind]bool{}
			for seed := uint64(1); seed <= 100; seed++ {
				r := sim.NewRun(sc, seed)
				pick := pols[seed%uint64(len(pols))].Chooser(seed)
				folded := r.State()
				seen := len(r.Events())
				for k := 0; !r.Done(); k++ {
					if _, err := r.Choose(pick.Pick(r)); err != nil {
						t.Fatal(err)
					}
					ev := r.Events()
					for _, e := range ev[seen:] {
						folded.Apply(e)
						kinds[e.Kind] = true
					}
					seen = len(ev)
					want := r.State()
					got := folded
					got.DropoutRisk = want.DropoutRisk
					if !reflect.DeepEqual(plain(got), plain(want)) {
						t.Fatalf("seed %d, choice %d: folding the events gives\n%+v\nthe run has\n%+v", seed, k+1, plain(got), plain(want))
					}
				}
			}
			if tc.name == "shipped" {
				for _, k := range []sim.EventKind{sim.RuptureOpened, sim.RuptureRepaired, sim.RuptureDeepened,
					sim.HomeworkSet, sim.HomeworkReviewed, sim.HomeworkOutcome, sim.LifeEvent, sim.Dropout, sim.CourseEnd} {
					if !kinds[k] {
						t.Errorf("no run had a %s event: the test does not cover it", k)
					}
				}
			}
		})
	}
}

// plain makes empty lists nil, so that states compare by content.
func plain(s sim.State) sim.State {
	if len(s.Homework) == 0 {
		s.Homework = nil
	}
	if len(s.OQ) == 0 {
		s.OQ = nil
	}
	if len(s.WAI) == 0 {
		s.WAI = nil
	}
	if len(s.Log) == 0 {
		s.Log = nil
	}
	return s
}

// TestApplyEvents specifies what each kind of event does to a state.
func TestApplyEvents(t *testing.T) {
	open := func() sim.State {
		return sim.State{Session: 2, Turn: 3, Bond: 0.5, Rupture: sim.RuptureWithdrawal, RuptureSeverity: 0.3,
			RuptureTurns: 2, RupturesOpened: 1, Assigned: -1, Due: 0,
			Homework: []sim.Assignment{{Session: 1, Completion: sim.Partial}}}
	}
	hw := sim.Assignment{Session: 2, Attrs: sim.Attrs{Kind: "thought_record"}}
	done := hw
	done.Completion = sim.Full
	tests := []struct {
		name  string
		event sim.Event
		check func(s sim.State) bool
	}{
		{"a change sets its variable", sim.Event{Kind: sim.Change, Var: sim.VarBond, Before: 0.5, After: 0.56},
			func(s sim.State) bool { return s.Bond == 0.56 }},
		{"a change of severity", sim.Event{Kind: sim.Change, Var: sim.VarRuptureSeverity, Before: 0.3, After: 0.2},
			func(s sim.State) bool { return s.RuptureSeverity == 0.2 && s.Rupture == sim.RuptureWithdrawal }},
		{"a choice is a turn, and a turn of the open rupture", sim.Event{Kind: sim.Choice, Turn: 3},
			func(s sim.State) bool { return s.Turn == 4 && s.RuptureTurns == 3 }},
		{"a repair closes the rupture", sim.Event{Kind: sim.RuptureRepaired, Rupture: sim.RuptureWithdrawal},
			func(s sim.State) bool {
				return s.Rupture == sim.NoRupture && s.RuptureSeverity == 0 && s.RupturesRepaired == 1 && s.RupturesEased == 0
			}},
		{"a rupture that eases closes without a repair", sim.Event{Kind: sim.RuptureEased, Rupture: sim.RuptureWithdrawal},
			func(s sim.State) bool {
				return s.Rupture == sim.NoRupture && s.RupturesRepaired == 0 && s.RupturesEased == 1
			}},
		{"setting homework assigns it", sim.Event{Kind: sim.HomeworkSet, Homework: &hw},
			func(s sim.State) bool {
				return s.Assigned == 1 && len(s.Homework) == 2 && s.Homework[1].Attrs.Kind == "thought_record"
			}},
		{"a dropout", sim.Event{Kind: sim.Dropout, Value: 0.4},
			func(s sim.State) bool { return s.Dropped && s.DropoutRisk == 0.4 }},
		{"the end of the course makes last week's task due", sim.Event{Kind: sim.CourseEnd, Text: "improved"},
			func(s sim.State) bool { return s.Done && s.Due == -1 && s.Assigned == -1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open()
			s.Apply(tt.event)
			if !tt.check(s) {
				t.Errorf("after %s: %+v", tt.event.Kind, s)
			}
		})
	}
	// A task's week: set, then its outcome, then the next session makes
	// it the one due.
	s := open()
	s.Apply(sim.Event{Kind: sim.HomeworkSet, Homework: &hw})
	s.Apply(sim.Event{Kind: sim.SessionEnd})
	s.Apply(sim.Event{Kind: sim.HomeworkOutcome, Homework: &done})
	s.Apply(sim.Event{Kind: sim.SessionStart, Session: 3, Value: 0.1})
	if s.Due != 1 || s.Assigned != -1 || s.Homework[1].Completion != sim.Full || s.Session != 3 || s.Turn != 0 {
		t.Errorf("after a task's week: %+v", s)
	}
	if len(s.Log) != 1 || s.Log[0].Session != 2 || s.Log[0].Hazard != 0.1 {
		t.Errorf("session log after the week: %+v", s.Log)
	}
}
