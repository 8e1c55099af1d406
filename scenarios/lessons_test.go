package scenarios_test

import (
	"testing"

	"github.com/therasim/therasim/sim"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
)

// TestShippedLessons: every option of every shipped course says what it is
// meant to teach (intended = "good" or "poor"), and the model agrees with
// each: check, which plays the course with clients of its population and
// tries every option offered, warns of none whose net effect has the other
// sign. The failure lists every option that disagrees, with the rules that
// make it so.
func TestShippedLessons(t *testing.T) {
	all, err := scenarios.Shipped(scenariotest.Model(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range all {
		unmarked := 0
		for _, s := range sc.Sessions {
			for _, b := range s.Beats {
				for i, o := range b.Options {
					if o.Intended == "" {
						unmarked++
						if unmarked <= 10 {
							t.Errorf("%s: session %s, beat %q, option %d (%q) does not say what it is meant to teach: give it intended = \"good\" or \"poor\"", sc.ID, s.ID, b.ID, i+1, o.Text)
						}
					}
				}
			}
		}
		if unmarked > 10 {
			t.Errorf("%s: %d options in all say nothing of what they are meant to teach", sc.ID, unmarked)
		}
		for _, p := range sc.Warnings() {
			if p.Key == "intended" {
				t.Error(p)
			}
		}
	}
}

// TestShippedCarefulAndCareless: played by the marks alone, a shipped
// course teaches its lesson. A careful trainee, who always takes the first
// move marked good, keeps the client to the end and the client recovers or
// improves reliably on three seeds in four (the week's noise and the life
// events can still undo a careful course, as they do in clinics); a
// careless one, who always takes the first move marked poor (any move
// where none is), improves less on every seed, and on at least half of
// them the client drops out or changes less than reliably.
func TestShippedCarefulAndCareless(t *testing.T) {
	all, err := scenarios.Shipped(scenariotest.Model(t))
	if err != nil {
		t.Fatal(err)
	}
	const seeds = 20
	for _, sc := range all {
		careful, careless := 0, 0
		for seed := uint64(1); seed <= seeds; seed++ {
			good := playMarked(t, sc, seed, sim.IntendedGood)
			poor := playMarked(t, sc, seed, sim.IntendedPoor)
			if good.Dropped || (good.Outcome != sim.Recovered && good.Outcome != sim.Improved) {
				t.Logf("%s, seed %d: the careful path ends %s after %d sessions (dropped: %v), OQ-45 %.0f → %.0f", sc.ID, seed, good.Outcome, good.Attended, good.Dropped, good.Intake, good.Final)
			} else {
				careful++
			}
			if good.Intake-good.Final <= poor.Intake-poor.Final && !poor.Dropped {
				t.Errorf("%s, seed %d: the careless path improves as much as the careful one (%.0f against %.0f OQ-45 points)", sc.ID, seed, poor.Intake-poor.Final, good.Intake-good.Final)
			}
			if poor.Dropped || poor.Outcome == sim.Unchanged || poor.Outcome == sim.Deteriorated {
				careless++
			}
		}
		if careful < seeds*3/4 {
			t.Errorf("%s: the careful path keeps the client and improves reliably on only %d of %d seeds", sc.ID, careful, seeds)
		}
		if careless < seeds/2 {
			t.Errorf("%s: the careless path does badly (drops out, unchanged or worse) on only %d of %d seeds", sc.ID, careless, seeds)
		}
		t.Logf("%s: careful path recovers or improves on %d of %d seeds; careless path drops out or changes less than reliably on %d", sc.ID, careful, seeds, careless)
	}
}

// playMarked plays sc from seed with Maya herself, always taking the first
// option offered that is marked mark, or the first option when none is.
func playMarked(t *testing.T, sc *sim.Scenario, seed uint64, mark string) sim.Result {
	t.Helper()
	r := sim.NewRun(sc, seed)
	for !r.Done() {
		p := r.Prompt()
		n := 1
		for _, o := range p.Options {
			if o.Intended == mark {
				n = o.Number
				break
			}
		}
		if _, err := r.Choose(n); err != nil {
			t.Fatalf("%s, seed %d: %v", sc.ID, seed, err)
		}
	}
	return r.Result()
}
