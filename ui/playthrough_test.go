package ui

import (
	"testing"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestPlayThrough plays the whole shipped course through the UI layer, by
// number keys, sometimes waiting for the words and sometimes skipping
// them, and checks that it ends on the summary with a recording that
// replays with every fingerprint matching.
func TestPlayThrough(t *testing.T) {
	tests := []struct {
		name    string
		choose  func(*sim.Prompt) int
		want    func(r *sim.Run) bool
		dropout bool
	}{
		{"careful, to the end", careful, func(r *sim.Run) bool { return !r.State().Dropped }, false},
		{"careless, drops out", careless, func(r *sim.Run) bool { return r.State().Dropped }, true},
	}
	sc := scenariotest.Shipped(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seed := findSeed(t, sc, tt.choose, tt.want)
			dir := t.TempDir()
			a := newTestAppSeed(t, Options{Scenario: scenarios.Default, Trainee: "Alex Smith", DataDir: dir}, seed)
			d := newDriver(t, a)
			seen := map[string]bool{}
			for i := 0; ; i++ {
				switch a.screen.(type) {
				case *weekScreen:
					seen["week"] = true
				case *dropoutScreen:
					seen["dropout"] = true
				}
				if i > 3000 {
					t.Fatal("the course did not end")
				}
				if !d.step(tt.choose, i%3 == 0) {
					break
				}
			}
			end := a.screen.(*endScreen)
			if seen["dropout"] != tt.dropout {
				t.Errorf("dropout screen seen = %v, want %v", seen["dropout"], tt.dropout)
			}
			if !seen["week"] {
				t.Error("no week between sessions was shown")
			}
			run := a.course.run
			if !run.Done() {
				t.Fatal("the summary shows before the course is over")
			}
			n := 0
			for _, e := range run.Events() {
				if e.Kind == sim.Choice {
					n++
				}
			}
			replayed := replayAll(t, dir, n)
			if replayed.Fingerprint() != run.Fingerprint() || !replayed.Done() {
				t.Fatal("the replay ends elsewhere than the run")
			}
			if end.res.Outcome != sim.Classify(end.res.Intake, end.res.Final) {
				t.Errorf("outcome %q", end.res.Outcome)
			}
			if end.res.Dropped != tt.dropout {
				t.Errorf("summary dropped = %v", end.res.Dropped)
			}
		})
	}
}

func TestWeekFrom(t *testing.T) {
	sc := scenariotest.Load(t, miniPath)
	r := sim.NewRun(sc, 3)
	before := r.State()
	ev, err := r.Choose(1) // validation: the session goes on
	if err != nil {
		t.Fatal(err)
	}
	if weekFrom(before, ev, r) != nil {
		t.Fatal("a choice within the session made a week")
	}
	before = r.State()
	ev, err = r.Choose(1) // homework, and the session ends
	if err != nil {
		t.Fatal(err)
	}
	rep := weekFrom(before, ev, r)
	if rep == nil {
		t.Fatal("no week after the session's last choice")
	}
	if rep.session != 1 || rep.total != 2 || rep.last {
		t.Errorf("session %d of %d, last %v", rep.session, rep.total, rep.last)
	}
	if rep.homework == nil || rep.homework.Attrs.Kind != "activity_schedule" || rep.homework.Completion == "" {
		t.Errorf("homework %+v", rep.homework)
	}
	if len(rep.life) != 1 || rep.life[0].Rule != "setback" {
		t.Errorf("life events %+v, want the setback", rep.life)
	}
	if rep.wai == nil {
		t.Error("no WAI-SR")
	}
	if rep.dropped {
		if rep.oq != nil {
			t.Error("an OQ-45 for a session the client missed")
		}
	} else if rep.oq == nil || rep.oq.Session != 2 {
		t.Errorf("OQ-45 %+v, want the one before session 2", rep.oq)
	}
	// The session as it ended: the choice's changes, none of the week's.
	st, after := rep.ended, r.State()
	if st.Symptoms != before.Symptoms || st.Symptoms == after.Symptoms {
		t.Errorf("symptoms at the session's end %v: before the choice %v, after the week %v", st.Symptoms, before.Symptoms, after.Symptoms)
	}
	if st.Session != 1 || st.Assigned < 0 || st.Homework[st.Assigned].Completion != "" {
		t.Errorf("at the session's end: session %d, the task %+v", st.Session, st.Homework)
	}
}
