package scenarios_test

import (
	"testing"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestShippedCheckIns: each shipped course asks a few check-ins, at its
// hardest moments (two to four in a course: asked at every beat, a
// check-in becomes a form to fill), each offering three to five pulls with
// what each tends to do; and every one of them is asked in some course a
// shipped policy plays, so none sits on a moment no trainee reaches.
func TestShippedCheckIns(t *testing.T) {
	all, err := scenarios.Shipped(scenariotest.Model(t))
	if err != nil {
		t.Fatal(err)
	}
	pols := scenariotest.Policies(t)
	for _, sc := range all {
		t.Run(sc.ID, func(t *testing.T) {
			asked := make(map[*sim.CheckIn]string)
			for _, s := range sc.Sessions {
				for _, b := range s.Beats {
					c := b.CheckIn
					if c == nil {
						continue
					}
					where := s.ID + "/" + b.ID
					asked[c] = where
					if n := len(c.Pulls); n < 3 || n > 5 {
						t.Errorf("%s: %d pulls, want three to five", where, n)
					}
					if c.Question == sim.DefaultQuestion {
						t.Errorf("%s: the default question; say what has just happened, as the other check-ins do", where)
					}
				}
			}
			if n := len(asked); n < 2 || n > 4 {
				t.Errorf("%d check-ins, want two to four", n)
			}
			for _, pol := range pols {
				for seed := uint64(1); seed <= 40 && len(asked) > 0; seed++ {
					r := sim.NewRun(sc, seed)
					ch := pol.Chooser(seed)
					for !r.Done() {
						delete(asked, r.Prompt().CheckIn)
						if _, err := r.Choose(ch.Pick(r)); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			for _, where := range asked {
				t.Errorf("%s: no shipped policy reaches this check-in in 40 courses", where)
			}
		})
	}
}
