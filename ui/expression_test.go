package ui

import (
	"testing"

	"github.com/therasim/therasim/sim"
)

func TestExpressionFor(t *testing.T) {
	calm := sim.State{Bond: 0.4, Task: 0.4, Goal: 0.4, Hope: 0.4, Symptoms: 70, Rupture: sim.NoRupture}
	with := func(f func(s *sim.State)) sim.State {
		s := calm
		f(&s)
		return s
	}
	hopeUp := []sim.Event{{Kind: sim.Change, Var: sim.VarHope, Before: 0.5, After: 0.55}}
	tests := []struct {
		name   string
		st     sim.State
		recent []sim.Event
		want   expression
	}{
		{"nothing in particular", calm, nil, neutral},
		{"withdrawal rupture", with(func(s *sim.State) { s.Rupture, s.RuptureSeverity = sim.RuptureWithdrawal, 0.3 }), nil, guarded},
		{"severe withdrawal", with(func(s *sim.State) { s.Rupture, s.RuptureSeverity = sim.RuptureWithdrawal, 0.6 }), nil, upset},
		{"confrontation rupture", with(func(s *sim.State) { s.Rupture, s.RuptureSeverity = sim.RuptureConfrontation, 0.2 }), nil, upset},
		{"rupture beats hope", with(func(s *sim.State) {
			s.Rupture, s.RuptureSeverity, s.Bond, s.Hope = sim.RuptureWithdrawal, 0.2, 0.8, 0.8
		}), hopeUp, guarded},
		{"repair just happened", calm, []sim.Event{{Kind: sim.RuptureRepaired}}, relieved},
		// A repair that did not take leaves the rupture open: no relief,
		// however well the rest went.
		{"repair did not take", with(func(s *sim.State) {
			s.Rupture, s.RuptureSeverity, s.Bond, s.Hope = sim.RuptureWithdrawal, 0.3, 0.7, 0.7
		}), append([]sim.Event{{Kind: sim.RepairFailed, Rupture: sim.RuptureWithdrawal, Value: 0.6},
			{Kind: sim.HomeworkReviewed, Homework: &sim.Assignment{Completion: "full"}}}, hopeUp...), guarded},
		{"repair of a confrontation did not take", with(func(s *sim.State) { s.Rupture, s.RuptureSeverity = sim.RuptureConfrontation, 0.3 }),
			[]sim.Event{{Kind: sim.RepairFailed, Rupture: sim.RuptureConfrontation, Value: 0.6}}, upset},
		{"rupture eased", calm, []sim.Event{{Kind: sim.RuptureEased}}, relieved},
		{"homework fully done", calm, []sim.Event{{Kind: sim.HomeworkOutcome, Homework: &sim.Assignment{Completion: "full"}}}, relieved},
		{"homework reviewed, done", calm, []sim.Event{{Kind: sim.HomeworkReviewed, Homework: &sim.Assignment{Completion: "full"}}}, relieved},
		{"homework partly done", calm, []sim.Event{{Kind: sim.HomeworkOutcome, Homework: &sim.Assignment{Completion: "partial"}}}, neutral},
		{"low hope, high symptoms", with(func(s *sim.State) { s.Hope, s.Symptoms = 0.2, 95 }), nil, upset},
		{"low hope, mild symptoms", with(func(s *sim.State) { s.Hope, s.Symptoms = 0.2, 60 }), nil, neutral},
		{"bond high, hope rising", with(func(s *sim.State) { s.Bond, s.Hope = 0.65, 0.5 }), hopeUp, engaged},
		{"bond high, hope high", with(func(s *sim.State) { s.Bond, s.Hope = 0.65, 0.65 }), nil, engaged},
		{"bond high, hope flat", with(func(s *sim.State) { s.Bond, s.Hope = 0.65, 0.5 }), nil, neutral},
		{"bond low", with(func(s *sim.State) { s.Bond = 0.15 }), nil, guarded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := expressionFor(&tt.st, tt.recent); got != tt.want {
				t.Errorf("expressionFor = %v, want %v", got, tt.want)
			}
		})
	}
}

// The shipped scenario's client starts neutral, and over a course played
// through the UI her face takes more than one expression.
func TestExpressionsOverACourse(t *testing.T) {
	a := newTestApp(t, Options{Scenario: "cbt-depression", Trainee: "Alex"})
	d := newDriver(t, a)
	if got := a.course.face.cur; got != neutral {
		t.Errorf("at intake the face is %v, want neutral", got)
	}
	seen := map[expression]bool{}
	for i := 0; d.step(careful, true); i++ {
		if a.course != nil {
			seen[a.course.face.cur] = true
		}
	}
	if len(seen) < 2 {
		t.Errorf("the face took only %v over the course", seen)
	}
}
