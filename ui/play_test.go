package ui

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/sim"
)

// actScore ranks acts for the scripted trainees of the tests: a careful
// one picks the highest, a careless one the lowest. It is a test fixture,
// not a model: the engine alone decides what a choice does.
var actScore = map[sim.Act]int{
	sim.RuptureRepair: 10, sim.GoalCollaboration: 9, sim.HomeworkReview: 9,
	sim.ExploreNoncompletion: 9, sim.RiskAssessment: 9, sim.EmpathicReflection: 8,
	sim.Validation: 8, sim.GuidedDiscovery: 8, sim.AskFeedback: 8, sim.AgendaSetting: 7,
	sim.TaskRationale: 7, sim.Summary: 7, sim.OpenQuestion: 6, sim.SkillPractice: 6,
	sim.HomeworkAssign: 5, sim.Psychoeducation: 5, sim.SessionClose: 5, sim.Silence: 4,
	sim.ClosedQuestion: 3, sim.Interpretation: 3, sim.SelfDisclosure: 3, sim.Advice: 2,
	sim.Reassurance: 2, sim.Confrontation: 1, sim.ChangeTopic: 1, sim.HomeworkSkipReview: 1,
	sim.CriticiseNoncompletion: 0, sim.DefensiveResponse: 0,
}

func score(o sim.Offer) int {
	s := actScore[o.Act] * 10
	if o.Act == sim.HomeworkAssign {
		for _, b := range []bool{o.Attrs.Collaborative, o.Attrs.Rationale, o.Attrs.Specific, o.Attrs.Written, o.Attrs.Matched, o.Attrs.Obstacles} {
			if b {
				s += 8
			}
		}
		s -= int(o.Attrs.Difficulty * 20)
	}
	return s
}

// careful picks the best-ranked option, careless the worst.
func careful(p *sim.Prompt) int {
	best := 0
	for i, o := range p.Options {
		if score(o) > score(p.Options[best]) {
			best = i
		}
	}
	return best + 1
}

func careless(p *sim.Prompt) int {
	worst := 0
	for i, o := range p.Options {
		if score(o) < score(p.Options[worst]) {
			worst = i
		}
	}
	return worst + 1
}

// step plays one step of the course through the UI: on the session screen
// it waits for the words (or skips them, every other time) and presses the
// chosen option's number; elsewhere it presses Enter. It reports false on
// the end screen.
func (d *driver) step(choose func(*sim.Prompt) int, skip bool) bool {
	d.t.Helper()
	switch s := d.a.screen.(type) {
	case *sessionScreen:
		if skip {
			d.press(ebiten.KeySpace)
		} else {
			d.reveal()
		}
		if !s.revealed() {
			d.t.Fatal("the words are not shown after skipping")
		}
		if s.parting {
			d.press(ebiten.KeyEnter)
			return true
		}
		if s.ask != nil {
			d.press(ebiten.KeyEnter) // a check-in: nothing to note
		}
		d.press(digitKey(choose(s.prompt)))
	case *weekScreen, *dropoutScreen:
		d.press(ebiten.KeyEnter)
	case *endScreen:
		return false
	default:
		d.t.Fatalf("unexpected screen %T", s)
	}
	return true
}

// playUntil plays until stop says so or the end screen.
func (d *driver) playUntil(choose func(*sim.Prompt) int, stop func() bool) {
	d.t.Helper()
	for i := 0; !stop(); i++ {
		if i > 2000 {
			d.t.Fatal("the course did not end")
		}
		if !d.step(choose, i%2 == 1) {
			return
		}
	}
}

func (d *driver) onScreen(want any) func() bool {
	return func() bool {
		switch want.(type) {
		case *weekScreen:
			_, ok := d.a.screen.(*weekScreen)
			return ok
		case *dropoutScreen:
			_, ok := d.a.screen.(*dropoutScreen)
			return ok
		case *endScreen:
			_, ok := d.a.screen.(*endScreen)
			return ok
		}
		return false
	}
}

// findSeed returns a seed for which choose plays the scenario to a course
// that ends the way want says.
func findSeed(t testing.TB, sc *sim.Scenario, choose func(*sim.Prompt) int, want func(*sim.Run) bool) uint64 {
	t.Helper()
	for seed := uint64(1); seed < 500; seed++ {
		r := sim.NewRun(sc, seed)
		for !r.Done() {
			if _, err := r.Choose(choose(r.Prompt())); err != nil {
				t.Fatal(err)
			}
		}
		if want(r) {
			return seed
		}
	}
	t.Fatal("no seed gives the course wanted")
	return 0
}
