package cohort_test

import (
	"testing"

	"github.com/therasim/therasim/cohort"
	"github.com/therasim/therasim/internal/testenv"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestRunnerAllocations checks that the runner adds no allocation per
// choice: beyond what the engine allocates to play the same clients, it
// may copy the state once per session (three slices) and allocate a few
// things per client and per run, but the count must not grow with the
// number of choices.
func TestRunnerAllocations(t *testing.T) {
	testenv.SkipShort(t, "counts allocations of two cohorts")
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "competent")
	const n, seed = 100, 4
	sessions, choices := 0, 0
	engine := testing.AllocsPerRun(1, func() {
		sessions, choices = 0, 0
		for i := range n {
			r, _, err := pol.Treat(sc, sim.ClientSeed(seed, i))
			if err != nil {
				t.Fatal(err)
			}
			sessions += r.Result().Attended
			choices += r.Choices()
		}
	})
	runner := testing.AllocsPerRun(1, func() {
		if _, err := cohort.Run(sc, pol, cohort.Config{N: n, Seed: seed, Workers: 1}); err != nil {
			t.Fatal(err)
		}
	})
	extra, allowed := runner-engine, float64(3*sessions+3*n+64)
	t.Logf("%d clients, %d sessions, %d choices: the engine allocated %.0f times, the runner %.0f more (at most %.0f allowed)",
		n, sessions, choices, engine, extra, allowed)
	if extra > allowed {
		t.Errorf("the runner allocated %.0f times beyond the engine's %.0f for %d sessions and %d choices; at most %.0f are allowed",
			extra, engine, sessions, choices, allowed)
	}
}
