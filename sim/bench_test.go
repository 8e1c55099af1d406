package sim_test

import (
	"testing"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// BenchmarkSession plays the first session of the default scenario, with
// the fixed choice pattern, the week after it and the next session's
// opening: one client-session.
func BenchmarkSession(b *testing.B) {
	sc := scenariotest.Shipped(b)
	b.ReportAllocs()
	for b.Loop() {
		r := sim.NewRun(sc, 1)
		for k := 0; !r.Done() && r.Prompt().Session == 1; k++ {
			if _, err := r.Choose(pattern(k, len(r.Prompt().Options))); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLoad parses and checks the default scenario against the model.
func BenchmarkLoad(b *testing.B) {
	m := scenariotest.Model(b)
	_, data, err := scenarios.Open(m, scenarios.Default)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sim.Load("scenarios/"+scenarios.Default+".toml", data, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQuietCourse plays whole courses of sampled clients, quietly,
// under the competent policy, as a cohort does; client-sessions/s is the
// figure that matters for cohorts.
func BenchmarkQuietCourse(b *testing.B) {
	sc, pol := scenariotest.Shipped(b), scenariotest.Policy(b, "competent")
	b.ReportAllocs()
	sessions, i := 0, 0
	for b.Loop() {
		r, _, err := pol.Treat(sc, sim.ClientSeed(1, i))
		if err != nil {
			b.Fatal(err)
		}
		i++
		sessions += r.Result().Attended
	}
	b.ReportMetric(float64(sessions)/b.Elapsed().Seconds(), "client-sessions/s")
}

// BenchmarkQuietCourseReused is BenchmarkQuietCourse as a cohort's worker
// plays it: every course in one Run, reset for each client (TreatInto).
func BenchmarkQuietCourseReused(b *testing.B) {
	sc, pol := scenariotest.Shipped(b), scenariotest.Policy(b, "competent")
	b.ReportAllocs()
	sessions, i := 0, 0
	r := new(sim.Run)
	for b.Loop() {
		if _, err := pol.TreatInto(r, sc, sim.ClientSeed(1, i)); err != nil {
			b.Fatal(err)
		}
		i++
		sessions += r.Result().Attended
	}
	b.ReportMetric(float64(sessions)/b.Elapsed().Seconds(), "client-sessions/s")
}

// TestTreatIntoAllocatesNothing: a cohort's worker plays client after
// client in one Run and allocates nothing for them once its buffers have
// grown, the client's dynamics (ruptures they begin, repairs that fail,
// the week's variation) included: nothing is put into words in a quiet run.
func TestTreatIntoAllocatesNothing(t *testing.T) {
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "competent")
	var r sim.Run
	for i := range 50 { // grow the buffers
		if _, err := pol.TreatInto(&r, sc, sim.ClientSeed(3, i)); err != nil {
			t.Fatal(err)
		}
	}
	i := 0
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := pol.TreatInto(&r, sc, sim.ClientSeed(3, i%50)); err != nil {
			t.Fatal(err)
		}
		i++
	})
	if allocs != 0 {
		t.Errorf("TreatInto allocates %.2f times a client, want 0", allocs)
	}
}
