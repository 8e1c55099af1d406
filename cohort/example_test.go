package cohort_test

import (
	"fmt"

	"github.com/therasim/therasim/cohort"
	"github.com/therasim/therasim/scenarios"
)

// Run plays a cohort; its Summary is what a study of it would report.
func ExampleRun() {
	m, err := scenarios.Model()
	if err != nil {
		panic(err)
	}
	sc, _, err := scenarios.Open(m, "cbt-depression")
	if err != nil {
		panic(err)
	}
	pol, err := scenarios.OpenPolicy("competent")
	if err != nil {
		panic(err)
	}
	res, err := cohort.Run(sc, pol, cohort.Config{N: 200, Seed: 1})
	if err != nil {
		panic(err)
	}
	s := res.Summary()
	fmt.Println(s.Cohort)
	fmt.Println(s.Completed+s.Dropped == s.Clients, s.AllianceOutcome.N == s.Clients)
	// Output:
	// cbt-depression/competent, seed 1, 200 clients
	// true true
}

// CohensD compares two cohorts' post-treatment OQ-45; positive d favours
// the first.
func ExampleCohensD() {
	homework := cohort.Summary{Final: cohort.Stat{N: 400, Mean: 58, SD: 14}}
	none := cohort.Summary{Final: cohort.Stat{N: 400, Mean: 65, SD: 14}}
	d := cohort.CohensD(homework, none)
	fmt.Printf("d = %.2f [%.2f, %.2f]\n", d.D, d.Lo, d.Hi)
	// Output:
	// d = 0.50 [0.36, 0.64]
}

// Wilson gives a proportion with its 95% interval, as a cohort's summary
// gives the share of sessions in which clients would report a rupture.
func ExampleWilson() {
	p := cohort.Wilson(271, 1000)
	fmt.Printf("%.1f%% [%.1f%%, %.1f%%]\n", 100*p.P, 100*p.Lo, 100*p.Hi)
	// Output:
	// 27.1% [24.4%, 29.9%]
}
