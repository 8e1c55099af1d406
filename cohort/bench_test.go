package cohort_test

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/therasim/therasim/cohort"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// BenchmarkCohort runs cohorts of the default scenario under the competent
// policy with one and two workers; client-sessions/s is the figure that
// matters (the goal: a million a second on two cores).
func BenchmarkCohort(b *testing.B) {
	sc, pol := scenariotest.Shipped(b), scenariotest.Policy(b, "competent")
	const n = 2000
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			sessions, seed := 0, uint64(0)
			for b.Loop() {
				seed++
				res, err := cohort.Run(sc, pol, cohort.Config{N: n, Seed: seed, Workers: workers})
				if err != nil {
					b.Fatal(err)
				}
				sessions += len(res.Sessions)
			}
			b.ReportMetric(float64(sessions)/b.Elapsed().Seconds(), "client-sessions/s")
		})
	}
}

// BenchmarkStream streams cohorts of the default scenario under the
// competent policy, with both files written (to io.Discard) and without,
// with one and two workers.
func BenchmarkStream(b *testing.B) {
	sc, pol := scenariotest.Shipped(b), scenariotest.Policy(b, "competent")
	const n = 2000
	for _, files := range []bool{false, true} {
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("files=%v/workers=%d", files, workers), func(b *testing.B) {
				b.ReportAllocs()
				sessions, seed := 0, uint64(0)
				for b.Loop() {
					seed++
					cfg := cohort.Config{N: n, Seed: seed, Workers: workers}
					if files {
						cfg.Clients, cfg.Sessions = io.Discard, io.Discard
					}
					s, _, err := cohort.Stream(context.Background(), sc, pol, cfg)
					if err != nil {
						b.Fatal(err)
					}
					for _, ss := range s.BySession {
						sessions += ss.Clients
					}
				}
				b.ReportMetric(float64(sessions)/b.Elapsed().Seconds(), "client-sessions/s")
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "clients/s")
			})
		}
	}
}

// BenchmarkWrite writes the files of a cohort of 2,000 clients.
func BenchmarkWrite(b *testing.B) {
	res := run(b, scenariotest.Shipped(b), scenariotest.Policy(b, "competent"), cohort.Config{N: 2000, Seed: 1})
	b.ReportAllocs()
	for b.Loop() {
		cohort.WriteClients(io.Discard, res.Cohort, res.Clients)
		cohort.WriteSessions(io.Discard, res.Cohort, res.Sessions)
	}
}

// BenchmarkSummarize summarises a cohort of 2,000 clients.
func BenchmarkSummarize(b *testing.B) {
	res := run(b, scenariotest.Shipped(b), scenariotest.Policy(b, "competent"), cohort.Config{N: 2000, Seed: 1})
	b.ReportAllocs()
	for b.Loop() {
		cohort.Summarize(res.Clients, res.Sessions)
	}
}

// BenchmarkEngineAlone plays the clients BenchmarkCohort plays, one after
// another, with nothing but the engine: the bound the runner approaches
// with one worker.
func BenchmarkEngineAlone(b *testing.B) {
	sc, pol := scenariotest.Shipped(b), scenariotest.Policy(b, "competent")
	const n = 2000
	b.ReportAllocs()
	sessions, seed := 0, uint64(0)
	for b.Loop() {
		seed++
		for i := range n {
			r, _, err := pol.Treat(sc, sim.ClientSeed(seed, i))
			if err != nil {
				b.Fatal(err)
			}
			sessions += r.Result().Attended
		}
	}
	b.ReportMetric(float64(sessions)/b.Elapsed().Seconds(), "client-sessions/s")
}
