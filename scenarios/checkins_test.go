package scenarios_test

import (
	"strings"
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

// TestCheckInReach: a check-in asks at a moment that is hard for a careful
// trainee and a careless one alike, so each is asked in most of the
// courses the competent, trainee and novice policies play that reach its
// session (three in four, over 100 seeds): placed after a choice only one
// of them makes, it would teach that one alone. The exception is a moment
// only a misstep leads to, hard only for the trainee who made it; it is
// named here with the misstep.
func TestCheckInReach(t *testing.T) {
	misstep := map[string]string{
		"eft-self-criticism s2/imposed": "two-chair work pressed before her marker",
	}
	all, err := scenarios.Shipped(scenariotest.Model(t))
	if err != nil {
		t.Fatal(err)
	}
	const seeds = 100
	for _, sc := range all {
		for _, id := range []string{"competent", "trainee", "novice"} {
			pol := scenariotest.Policy(t, id)
			sessions := make(map[string]int) // runs that reach the session
			asked := make(map[string]int)    // runs asked the check-in
			for seed := uint64(1); seed <= seeds; seed++ {
				r := sim.NewRun(sc, seed)
				ch := pol.Chooser(seed)
				seen := make(map[string]bool)
				for !r.Done() {
					p := r.Prompt()
					if !seen[p.SessionID] {
						seen[p.SessionID] = true
						sessions[p.SessionID]++
					}
					if where := p.SessionID + "/" + p.Beat; p.CheckIn != nil && !seen[where] {
						seen[where] = true
						asked[where]++
					}
					if _, err := r.Choose(ch.Pick(r)); err != nil {
						t.Fatal(err)
					}
				}
			}
			for _, s := range sc.Sessions {
				for _, b := range s.Beats {
					where := s.ID + "/" + b.ID
					if b.CheckIn == nil || misstep[sc.ID+" "+where] != "" {
						continue
					}
					if n, of := asked[where], sessions[s.ID]; of > 0 && 4*n < 3*of {
						t.Errorf("%s %s: asked in %d of the %d %s courses that reach session %s, want three in four", sc.ID, where, n, of, id, s.ID)
					}
				}
			}
		}
	}
	for m := range misstep {
		sc, where, _ := strings.Cut(m, " ")
		session, beat, _ := strings.Cut(where, "/")
		found := false
		for _, s := range scenariotest.Load(t, sc).Sessions {
			for _, b := range s.Beats {
				found = found || (s.ID == session && b.ID == beat && b.CheckIn != nil)
			}
		}
		if !found {
			t.Errorf("%s: named as a misstep's check-in, and there is none", m)
		}
	}
}
