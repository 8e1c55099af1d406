package competence_test

import (
	"testing"

	"github.com/therasim/therasim/competence"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// BenchmarkPlay measures a whole course of each shipped scenario played by
// the competent policy with every choice judged against the rubric, and
// BenchmarkPlayUnjudged the same course without judging: the difference is
// what a profile costs.
func BenchmarkPlay(b *testing.B)         { benchPlay(b, true) }
func BenchmarkPlayUnjudged(b *testing.B) { benchPlay(b, false) }

func benchPlay(b *testing.B, judged bool) {
	m, err := scenarios.Model()
	if err != nil {
		b.Fatal(err)
	}
	scs, err := scenarios.Shipped(m)
	if err != nil {
		b.Fatal(err)
	}
	pol, err := scenarios.OpenPolicy("competent")
	if err != nil {
		b.Fatal(err)
	}
	for _, sc := range scs {
		b.Run(sc.ID, func(b *testing.B) {
			choices := 0
			for i := 0; b.Loop(); i++ {
				seed := uint64(i + 1)
				ch := pol.Chooser(seed)
				if judged {
					r, _, err := competence.Play(sc, seed, ch.Pick)
					if err != nil {
						b.Fatal(err)
					}
					choices += r.Choices()
					continue
				}
				r := sim.NewRun(sc, seed)
				for !r.Done() {
					if _, err := r.Choose(ch.Pick(r)); err != nil {
						b.Fatal(err)
					}
				}
				choices += r.Choices()
			}
			b.ReportMetric(float64(choices)/float64(b.N), "choices/op")
		})
	}
}
