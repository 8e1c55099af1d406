package competence

import (
	"slices"

	"github.com/therasim/therasim/sim"
)

// A Spread is a class's scores of one skill: a value for each run that had
// an opportunity for it.
type Spread struct {
	Skill *sim.Skill
	// Values are the scored runs' scores, 0 to 1, ascending.
	Values []float64
	// Unscored counts the runs that had no opportunity for the skill.
	Unscored int
}

// Class sets the profiles of a class's runs of one scenario side by side:
// a Spread for each skill of the first profile's rubric, in its order. A
// skill another profile lacks (a run of another version of the scenario)
// counts there as unscored.
func Class(ps []*Profile) []Spread {
	if len(ps) == 0 {
		return nil
	}
	out := make([]Spread, len(ps[0].Scores))
	for i := range out {
		sk := ps[0].Scores[i].Skill
		out[i].Skill = sk
		for _, p := range ps {
			s := p.Score(sk.ID)
			if s == nil || !s.Scored() {
				out[i].Unscored++
				continue
			}
			out[i].Values = append(out[i].Values, s.Value())
		}
		slices.Sort(out[i].Values)
	}
	return out
}

// Median returns the middle of the values (the mean of the two middle ones
// when they are even), and false when there are none.
func (s Spread) Median() (float64, bool) {
	n := len(s.Values)
	switch {
	case n == 0:
		return 0, false
	case n%2 == 1:
		return s.Values[n/2], true
	}
	return (s.Values[n/2-1] + s.Values[n/2]) / 2, true
}

// Score returns the score of the skill with the given id, or nil when the
// rubric has none.
func (p *Profile) Score(id string) *Score {
	for i := range p.Scores {
		if p.Scores[i].Skill.ID == id {
			return &p.Scores[i]
		}
	}
	return nil
}
