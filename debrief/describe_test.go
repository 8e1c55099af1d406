package debrief_test

import (
	"strings"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestDescribe: every event a debrief lists is described, a change by its
// variable, its signed amount, its values and its rule's sentence, with a
// tone that says whether it was good for the client. The course is a
// whole one, so as to have every kind of event of the weeks and sessions.
func TestDescribe(t *testing.T) {
	sc := scenariotest.Shipped(t)
	d := build(t, sc, record(t, sc, "novice", "ana", wholeCourseSeed(t, sc, "novice", 11), -1))
	kinds := map[sim.EventKind]bool{}
	down := false
	for _, m := range d.Moments {
		for _, e := range m.Changes {
			desc, ok := debrief.Describe(e, sc)
			switch e.Kind {
			case sim.Choice, sim.ClientSays:
				if ok {
					t.Errorf("choice %d: %s described as %+v; the debrief shows it otherwise", m.N, e.Kind, desc)
				}
				continue
			}
			if !ok || desc.Head == "" {
				t.Errorf("choice %d: %+v not described", m.N, e)
				continue
			}
			kinds[e.Kind] = true
			if e.Kind != sim.Change {
				continue
			}
			// A rule is named by its id; an option or a life event by By.
			named := desc.Rule == e.Rule && desc.By == "" || desc.Rule == "" && desc.By != ""
			if !strings.HasPrefix(desc.Head, e.Var.Label()+" ") || desc.Explain != e.Explain || !named || !strings.Contains(desc.Values, " → ") {
				t.Errorf("choice %d: %+v described as %+v", m.N, e, desc)
			}
			if good := e.Var.Better(e.Before, e.After); good != (desc.Tone == debrief.Good) {
				t.Errorf("choice %d: %s from %v to %v has tone %v", m.N, e.Var, e.Before, e.After, desc.Tone)
			}
			if e.After < e.Before && strings.Contains(desc.Head, " −") {
				down = true
			}
		}
	}
	if !down {
		t.Error("no change downwards is written with a minus sign")
	}
	for _, k := range []sim.EventKind{sim.Change, sim.HomeworkSet, sim.HomeworkOutcome, sim.MeasureWAI, sim.MeasureOQ, sim.SessionStart, sim.SessionEnd} {
		if !kinds[k] {
			t.Errorf("the run had no %s event to describe", k)
		}
	}
}

func TestSigned(t *testing.T) {
	for _, tt := range []struct {
		d    float64
		prec int
		want string
	}{{0.05, 2, "+0.05"}, {-0.08, 2, "−0.08"}, {-0.004, 2, "−0.004"}, {0.0004, 2, "+0.0004"}, {-0.00001, 2, "+0.00"}, {0, 2, "+0.00"}, {2.6, 1, "+2.6"}} {
		if got := debrief.Signed(tt.d, tt.prec); got != tt.want {
			t.Errorf("Signed(%v, %d) = %q, want %q", tt.d, tt.prec, got, tt.want)
		}
	}
}

// TestDescribeNotOnTrack: a score not on track before a session is a
// warning sign for dropout; after the course, when no session follows, it
// says how the course ended.
func TestDescribeNotOnTrack(t *testing.T) {
	sc := scenariotest.Shipped(t)
	last := len(sc.Sessions)
	for _, tc := range []struct {
		session   int
		want, not []string
	}{
		{3, []string{"OQ-45 before session 3: 90 · not on track", "a warning sign for dropout and deterioration."}, []string{"course ended"}},
		{last, []string{"a warning sign for dropout"}, []string{"course ended"}},
		{last + 1, []string{"OQ-45 after the course: 90 · not on track", "the course ended with less improvement than expected, a reason to consider further or different help."},
			[]string{"dropout", "talk with"}},
	} {
		e := sim.Event{Kind: sim.MeasureOQ, Session: tc.session, OQ: &sim.OQ{Session: tc.session, Score: 90, Expected: 70, NotOnTrack: true}}
		d, ok := debrief.Describe(e, sc)
		if !ok {
			t.Fatalf("session %d: not described", tc.session)
		}
		all := d.Head + ". " + d.Explain
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("session %d: %q does not say %q", tc.session, all, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(all, w) {
				t.Errorf("session %d: %q says %q", tc.session, all, w)
			}
		}
	}
}

// TestDescribeSaysTheModels: a number of the model (the true symptom
// level, a severity, a chance, a task's difficulty) is said to be the
// model's, so that no surface shows it as if a therapist could see it.
func TestDescribeSaysTheModels(t *testing.T) {
	sc := scenariotest.Shipped(t)
	hw := &sim.Assignment{Session: 1, Attrs: sim.Attrs{Kind: "activity_schedule", Collaborative: true, Difficulty: 0.4}, Completion: sim.Partial}
	for _, tc := range []struct {
		e    sim.Event
		want string
	}{
		{sim.Event{Kind: sim.Change, Var: sim.VarSymptoms, Before: 90, After: 93.75}, "true symptom level +3.8 (" + debrief.SymptomsNote + ")"},
		{sim.Event{Kind: sim.RuptureOpened, Rupture: sim.RuptureWithdrawal, Value: 0.3}, "A withdrawal rupture opens (the model's severity 0.30)"},
		{sim.Event{Kind: sim.RuptureDeepened, Rupture: sim.RuptureWithdrawal, Value: 0.5}, "(the model's severity 0.50)"},
		{sim.Event{Kind: sim.RepairFailed, Rule: "repair-complete", Rupture: sim.RuptureWithdrawal, Value: 0.62}, "The repair did not take (the model gave it a 62% chance)"},
		{sim.Event{Kind: sim.HomeworkOutcome, Homework: hw, Value: 0.45}, "partly done (the model's chance of engaging 45%)"},
		{sim.Event{Kind: sim.HomeworkSet, Homework: hw}, "Homework set: activity schedule (designed together; the model's difficulty 0.4)"},
		{sim.Event{Kind: sim.Dropout, Text: "Maya did not come.", Value: 0.2}, "Maya did not come (the model's risk of leaving that week was 20%)"},
		{sim.Event{Kind: sim.SessionStart, Session: 2, Text: "Two", Value: 0.1}, "Session 2: Two (the model's chance of not coming was 10%)"},
	} {
		d, ok := debrief.Describe(tc.e, sc)
		if !ok || !strings.Contains(d.HeadAndModel(), tc.want) {
			t.Errorf("%s: %q, want %q", tc.e.Kind, d.HeadAndModel(), tc.want)
		}
	}
}
