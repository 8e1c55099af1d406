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
		for _, p := range sc.Review() {
			if p.Key == "intended" {
				t.Error(p)
			}
		}
	}
}

// TestShippedCarefulAndCareless: played by the marks alone, a shipped
// course teaches its lesson. A careful trainee always takes the first move
// marked good; a careless one the first move marked poor (any move where
// none is). Over the same seeds, the careless path does badly on every
// seed (the client drops out, or changes less than reliably, or gets
// worse), and the careful one improves more on average and loses fewer
// clients. The careful path cannot win every seed: some clients leave
// whatever the therapist does (the model's dropout has a floor from the
// client's traits, as in clinics), and the week's noise and the life
// events can undo a careful course, as can what the client brings (a
// rupture begun on their side, a repair that does not take, a setback).
// Seed 5, the one the course was reviewed with, recovers or improves
// reliably when the script alone is played (sim.Options.Scripted), as it
// was reviewed.
func TestShippedCarefulAndCareless(t *testing.T) {
	all, err := scenarios.Shipped(scenariotest.Model(t))
	if err != nil {
		t.Fatal(err)
	}
	const seeds = 40
	for _, sc := range all {
		var gain [2]float64
		var dropped, bad [2]int
		for seed := uint64(1); seed <= seeds; seed++ {
			for i, mark := range []string{sim.IntendedGood, sim.IntendedPoor} {
				res := playMarked(t, sc, seed, mark, false)
				gain[i] += res.Intake - res.Final
				if res.Dropped {
					dropped[i]++
				}
				if res.Dropped || (res.Outcome != sim.Recovered && res.Outcome != sim.Improved) {
					bad[i]++
				}
				if seed != 5 || mark != sim.IntendedGood {
					continue
				}
				if res := playMarked(t, sc, seed, mark, true); res.Dropped || res.Outcome != sim.Recovered && res.Outcome != sim.Improved {
					t.Errorf("%s, seed 5, the script alone: the careful path ends %s after %d sessions (dropped: %v), OQ-45 %.0f → %.0f", sc.ID, res.Outcome, res.Attended, res.Dropped, res.Intake, res.Final)
				}
			}
		}
		t.Logf("%s over %d seeds: careful path improves %.1f OQ-45 points on average, %d drop out, %d end without reliable improvement; careless path %.1f, %d, %d",
			sc.ID, seeds, gain[0]/seeds, dropped[0], bad[0], gain[1]/seeds, dropped[1], bad[1])
		if bad[1] != seeds {
			t.Errorf("%s: the careless path ends with reliable improvement on %d of %d seeds", sc.ID, seeds-bad[1], seeds)
		}
		if gain[0] <= gain[1] || dropped[0] >= dropped[1] || bad[0] >= bad[1] {
			t.Errorf("%s: the careful path does not do better than the careless one", sc.ID)
		}
	}
}

// playMarked plays sc from seed with the course's own client, always
// taking the first option offered that is marked mark, or the first option
// when none is; scripted plays without the model's dynamics.
func playMarked(t *testing.T, sc *sim.Scenario, seed uint64, mark string, scripted bool) sim.Result {
	t.Helper()
	r := sim.NewRunWith(sc, seed, sim.Options{Scripted: scripted})
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
