package scenarios_test

import (
	"testing"

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
