package competence_test

import (
	"slices"
	"testing"

	"github.com/therasim/therasim/competence"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// skillIndex is the index of the skill with the given id in sc's rubric.
func skillIndex(t *testing.T, sc *sim.Scenario, id string) int {
	t.Helper()
	i := slices.IndexFunc(sc.Rubric().Skills, func(sk *sim.Skill) bool { return sk.ID == id })
	if i < 0 {
		t.Fatalf("the rubric has no skill %q", id)
	}
	return i
}

// A moment of a test: choice n in session, graded g.
type at struct {
	n, session int
	g          sim.Grade
}

// TestScore: a skill's opportunities are its moments (per moment), the
// best of each session's (per session) or the best of the run's (per
// run); its value is their mean credit: 1 well, the rubric's partial
// (0.5) partly, 0 missed or against.
func TestScore(t *testing.T) {
	sc := scenariotest.Shipped(t)
	for _, c := range []struct {
		name    string
		skill   string // of the model's rubric, with its per
		moments []at
		ops     []sim.Grade
		value   float64
	}{
		{"per moment: each moment counts", "homework_rationale",
			[]at{{4, 1, sim.Well}, {9, 2, sim.Partly}, {10, 2, sim.Missed}},
			[]sim.Grade{sim.Well, sim.Partly, sim.Missed}, 0.5},
		{"per session: the best of a session's moments", "homework_reviewed",
			[]at{{11, 2, sim.Missed}, {12, 2, sim.Well}, {25, 3, sim.Missed}, {40, 4, sim.Partly}},
			[]sim.Grade{sim.Well, sim.Missed, sim.Partly}, 0.5},
		{"per run: the best of the run", "goals_agreed_early",
			[]at{{2, 1, sim.Missed}, {6, 1, sim.Missed}, {13, 2, sim.Well}},
			[]sim.Grade{sim.Well}, 1},
		{"against earns nothing, as missed does", "rupture_repaired",
			[]at{{7, 1, sim.Against}, {8, 1, sim.Well}},
			[]sim.Grade{sim.Against, sim.Well}, 0.5},
		{"no moment: not scored", "risk_assessed", nil, nil, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			i := skillIndex(t, sc, c.skill)
			p := competence.New(sc)
			for _, m := range c.moments {
				p.Add(m.n, m.session, []sim.Mark{{Skill: i, Grade: m.g}})
			}
			s := p.Score(c.skill)
			if got := s.Opportunities(); !slices.Equal(got, c.ops) {
				t.Errorf("opportunities %v, want %v", got, c.ops)
			}
			if s.Value() != c.value {
				t.Errorf("value %v, want %v", s.Value(), c.value)
			}
			if s.Scored() != (len(c.moments) > 0) {
				t.Errorf("scored %v with %d moments", s.Scored(), len(c.moments))
			}
			for _, g := range []sim.Grade{sim.Against, sim.Missed, sim.Partly, sim.Well} {
				want := 0
				for _, o := range c.ops {
					if o == g {
						want++
					}
				}
				if s.Count(g) != want {
					t.Errorf("Count(%v) = %d, want %d", g, s.Count(g), want)
				}
			}
			for _, m := range c.moments {
				if g, ok := s.At(m.n); !ok || g != m.g {
					t.Errorf("At(%d) = %v, %v; want %v", m.n, g, ok, m.g)
				}
			}
			if _, ok := s.At(1000); ok {
				t.Error("At a choice that was no opportunity says it was one")
			}
		})
	}
}

// TestArea: an area's score is the mean of its scored skills, each
// weighing the same; skills of the other area and unscored ones do not
// count; marks of a skill the rubric has not are dropped.
func TestArea(t *testing.T) {
	sc := scenariotest.Shipped(t)
	p := competence.New(sc)
	p.Add(1, 1, []sim.Mark{
		{Skill: skillIndex(t, sc, "homework_rationale"), Grade: sim.Well},
		{Skill: skillIndex(t, sc, "homework_written"), Grade: sim.Missed},
		{Skill: skillIndex(t, sc, "homework_specific"), Grade: sim.Partly},
		{Skill: skillIndex(t, sc, "risk_assessed"), Grade: sim.Against},
		{Skill: len(sc.Rubric().Skills), Grade: sim.Well},
		{Skill: -1, Grade: sim.Well},
	})
	if v, n := p.Area(sim.AreaHomework); n != 3 || v != 0.5 {
		t.Errorf("homework: %v over %d skills, want 0.5 over 3", v, n)
	}
	if v, n := p.Area(sim.AreaAlliance); n != 1 || v != 0 {
		t.Errorf("alliance: %v over %d skills, want 0 over 1", v, n)
	}
	if v, n := competence.New(sc).Area(sim.AreaHomework); n != 0 || v != 0 {
		t.Errorf("an empty profile: %v over %d skills", v, n)
	}
}

// TestClass: a class's spread of each skill holds the scored runs'
// values, ascending, and counts the runs with no opportunity; its median
// is the middle value (the mean of the middle two).
func TestClass(t *testing.T) {
	sc := scenariotest.Shipped(t)
	i := skillIndex(t, sc, "homework_reviewed")
	var ps []*competence.Profile
	for _, gs := range [][]sim.Grade{{sim.Well}, {sim.Missed}, nil, {sim.Partly}, {sim.Well, sim.Missed}} {
		p := competence.New(sc)
		for s, g := range gs {
			p.Add(10*s+1, s+2, []sim.Mark{{Skill: i, Grade: g}})
		}
		ps = append(ps, p)
	}
	spreads := competence.Class(ps)
	if len(spreads) != len(sc.Rubric().Skills) {
		t.Fatalf("%d spreads for %d skills", len(spreads), len(sc.Rubric().Skills))
	}
	s := spreads[i]
	if s.Skill.ID != "homework_reviewed" || !slices.Equal(s.Values, []float64{0, 0.5, 0.5, 1}) || s.Unscored != 1 {
		t.Errorf("spread %s %v, %d unscored; want [0 0.5 0.5 1], 1 unscored", s.Skill.ID, s.Values, s.Unscored)
	}
	if med, ok := s.Median(); !ok || med != 0.5 {
		t.Errorf("median %v, %v; want 0.5", med, ok)
	}
	odd := competence.Spread{Values: []float64{0, 0.25, 1}}
	if med, ok := odd.Median(); !ok || med != 0.25 {
		t.Errorf("median of three %v, %v; want 0.25", med, ok)
	}
	if _, ok := (competence.Spread{}).Median(); ok {
		t.Error("a spread with no values has a median")
	}
	if competence.Class(nil) != nil {
		t.Error("no profiles, yet spreads")
	}
}
