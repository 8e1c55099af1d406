// Package competence scores a trainee's run against its scenario's
// competence rubric: for each skill (sim.Skill: a rationale for homework,
// every task reviewed, ruptures noticed and repaired, …), of the moments
// where the skill was possible, how often and how well it was done.
//
// The engine judges each moment (sim.Run.Judge, sim.Step.Marks); a
// Profile adds the marks of one run up, and Class sets the profiles of a
// class side by side. A skill's score is the mean credit of its
// opportunities, 0 to 1: 1 for done well, the rubric's partial credit for
// done but not well, 0 for missed or done against. A skill with no
// opportunity in the run is not scored. The rubric, its credits and the
// research behind each skill are in scenarios/model.toml and docs/model.md.
package competence

import (
	"slices"

	"github.com/therasim/therasim/sim"
)

// A Profile is one run's scores, a Score for each skill of the rubric in
// its order.
type Profile struct {
	Rubric *sim.Rubric
	Scores []Score
}

// A Score is what a run made of one skill.
type Score struct {
	Skill *sim.Skill
	// Moments are the moments the skill was possible at, in the order of
	// the run. Each is an opportunity of its own, unless the skill counts
	// per session or per run (sim.Skill.Per): then the moments of a session,
	// or of the run, are one opportunity, graded by the best of them.
	Moments []Moment
	rubric  *sim.Rubric
}

// A Moment is one opportunity for a skill: the choice made at it and its
// grade.
type Moment struct {
	Choice  int // the choice's number, from 1 over the course
	Session int
	Grade   sim.Grade
}

// New returns an empty profile for a run of sc.
func New(sc *sim.Scenario) *Profile {
	ru := sc.Rubric()
	p := &Profile{Rubric: ru, Scores: make([]Score, len(ru.Skills))}
	for i, sk := range ru.Skills {
		p.Scores[i] = Score{Skill: sk, rubric: ru}
	}
	return p
}

// Add adds the marks of choice n, made in session, to the profile.
func (p *Profile) Add(n, session int, marks []sim.Mark) {
	for _, m := range marks {
		if m.Skill < 0 || m.Skill >= len(p.Scores) {
			continue
		}
		s := &p.Scores[m.Skill]
		s.Moments = append(s.Moments, Moment{Choice: n, Session: session, Grade: m.Grade})
	}
}

// Of replays the recording rec of sc (sim.ReplayEach, which refuses a
// recording that does not replay, with the reason) and returns its
// profile.
func Of(sc *sim.Scenario, rec *sim.Recording) (*Profile, error) {
	p := New(sc)
	_, err := sim.ReplayEach(sc, rec, func(st sim.Step) error {
		p.Add(st.Choice.N, st.Choice.Session, st.Marks)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Play plays a whole course of sc from seed with every choice pick's, and
// returns the run and its profile: how a policy's profile is taken.
func Play(sc *sim.Scenario, seed uint64, pick func(*sim.Run) int) (*sim.Run, *Profile, error) {
	r := sim.NewRun(sc, seed)
	p := New(sc)
	for !r.Done() {
		n := pick(r)
		marks := r.Judge(n)
		session := r.Peek().Session
		if _, err := r.Choose(n); err != nil {
			return r, p, err
		}
		p.Add(r.Choices(), session, marks)
	}
	return r, p, nil
}

// Opportunities returns the grade of each of the skill's opportunities, in
// the order of the run: one a moment, or, when the skill counts per session
// or per run (sim.Skill.Per), the best grade of a session's or of the run's
// moments, unless the opposite was done at one of them: then it is Against.
func (s *Score) Opportunities() []sim.Grade {
	var out []sim.Grade
	for i, m := range s.Moments {
		if i > 0 && s.together(s.Moments[i-1], m) {
			// The opposite done at one of them is not undone by the
			// skill done at another.
			if g := &out[len(out)-1]; *g != sim.Against {
				*g = max(*g, m.Grade)
				if m.Grade == sim.Against {
					*g = sim.Against
				}
			}
			continue
		}
		out = append(out, m.Grade)
	}
	return out
}

// together reports whether moments a and b are one opportunity.
func (s *Score) together(a, b Moment) bool {
	switch s.Skill.Per {
	case sim.PerRun:
		return true
	case sim.PerSession:
		return a.Session == b.Session
	}
	return false
}

// Scored reports whether the skill had an opportunity in the run.
func (s *Score) Scored() bool { return len(s.Moments) > 0 }

// Value is the skill's score, 0 to 1: the mean credit of its
// opportunities; 0 when it had none (see Scored).
func (s *Score) Value() float64 {
	ops := s.Opportunities()
	if len(ops) == 0 {
		return 0
	}
	sum := 0.0
	for _, g := range ops {
		sum += s.rubric.Credit(g)
	}
	return sum / float64(len(ops))
}

// Count is how many of the skill's opportunities got grade g.
func (s *Score) Count(g sim.Grade) int {
	n := 0
	for _, o := range s.Opportunities() {
		if o == g {
			n++
		}
	}
	return n
}

// At returns the grade the skill got at choice n, and whether choice n
// was an opportunity for it.
func (s *Score) At(n int) (sim.Grade, bool) {
	i := slices.IndexFunc(s.Moments, func(m Moment) bool { return m.Choice == n })
	if i < 0 {
		return 0, false
	}
	return s.Moments[i].Grade, true
}

// An Area is a profile's scores of the skills of one area of the rubric.
type Area struct {
	// Area is sim.AreaHomework or sim.AreaAlliance.
	Area string
	// Mean is the mean score of its scored skills, Scored how many were
	// scored (see Profile.Area).
	Mean   float64
	Scored int
	// Scores are the area's skills, in the rubric's order.
	Scores []*Score
}

// Areas returns the profile's areas in the order of sim.Areas; an area the
// rubric has no skill of is left out.
func (p *Profile) Areas() []Area {
	var out []Area
	for _, area := range sim.Areas() {
		a := Area{Area: area}
		a.Mean, a.Scored = p.Area(area)
		for i := range p.Scores {
			if s := &p.Scores[i]; s.Skill.Area == area {
				a.Scores = append(a.Scores, s)
			}
		}
		if len(a.Scores) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// Area returns the mean score of the scored skills of area (sim.AreaHomework
// or sim.AreaAlliance), each skill weighing the same, and how many were
// scored.
func (p *Profile) Area(area string) (mean float64, scored int) {
	sum := 0.0
	for i := range p.Scores {
		s := &p.Scores[i]
		if s.Skill.Area == area && s.Scored() {
			sum += s.Value()
			scored++
		}
	}
	if scored == 0 {
		return 0, 0
	}
	return sum / float64(scored), scored
}
