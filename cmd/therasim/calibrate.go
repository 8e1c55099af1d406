package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/therasim/therasim/cohort"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

var calibrateCommand = &command{
	name:    "calibrate",
	args:    "[--n N] [--seed S] [--model FILE] [SCENARIO]",
	summary: "check the model against the published effects",
	help: `Runs the standard calibration of the model: N simulated clients of the
scenario (every course that comes with TheraSim, one table each, unless
SCENARIO is given) under the competent, trainee, novice and no-homework
policies, and under the competent policy acting on outcome feedback (the
feedback policy's response to the OQ-45's not-on-track signal), the same
clients for each, and compares what a study of them would find with what
psychotherapy research has measured. For each effect it prints the
published figure and its source, the band the model must land in, the
simulated value with its 95% confidence interval, and whether it passes:

  - competent therapy: the alliance-outcome correlation (Fluckiger et al.
    2018: r = .28); the homework compliance-outcome correlation (Mausbach
    et al. 2010: .26); the advantage of homework, as Cohen's d on
    post-treatment OQ-45 (Kazantzis, Whittington & Dattilio 2010: d = .48)
    on a CBT course, and on a course of another approach, whose research is
    thinner, only that homework helps (d > 0); dropout (Swift & Greenberg
    2012: 19.7%); deterioration (Lambert 2013: 5-10% of adults); ruptures
    the clients would report (Eubanks, Muran & Safran 2018: in 19-42% of
    sessions);
  - the novice, a careless caricature: more dropout, and worse outcomes on
    every measure;
  - the trainee, between competent and novice on every measure (outcome,
    early alliance, homework compliance, recovery, ruptures resolved,
    dropout), and only modestly behind competent (Stein & Lambert 1995;
    Walsh et al. 2019: d on OQ-45 improvement up to .5), with more dropout
    (Swift & Greenberg 2012);
  - outcome feedback: in clients not on track, nearly twice as many improved
    or recovered with it, and fewer deteriorated (Lambert, Whipple &
    Kleinstauber 2018; Whipple et al. 2003); overall, d = .15 on
    post-treatment OQ-45 and slightly less dropout (de Jong et al. 2021).

Measures are computed as studies compute them: observed OQ-45 scores with
their measurement noise and the client-rated WAI-SR. Each figure is shown
with its 95% interval: the fewer the clients, the wider it is, and a cohort
smaller than the default can miss a band by chance. A figure near the edge
of its band can also fall either side of it from one seed to another.

With --json it prints the calibration as one JSON object, or, for every
course, a JSON array of them.

Exit status: 0 when every effect passes on every course, 1 when any fails.

Examples:
  therasim calibrate
  therasim calibrate cbt-depression --seed 3
  therasim calibrate --model my-model.toml
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		n := fs.Int("n", 10000, "simulate `N` clients under each policy (default 10000)")
		seed := fs.Uint64("seed", 1, "the cohorts' `SEED` (default 1)")
		workers := fs.Int("workers", 0, "run on `W` goroutines (default: all cores)")
		model := fs.String("model", "", "calibrate the model in `FILE` instead of the built-in one")
		asJSON := fs.Bool("json", false, "print the calibration as one JSON object")
		return func(args []string) error {
			if len(args) > 1 {
				return usagef("calibrate takes at most one scenario; %d were named", len(args))
			}
			if *n < 10 {
				return usagef("--n %d: calibrate needs at least 10 clients", *n)
			}
			cfg := cohort.Config{N: *n, Seed: *seed, Workers: *workers}
			if len(args) == 1 {
				return a.calibrate([]string{args[0]}, *model, cfg, *asJSON, false)
			}
			m, err := a.cohortModel(*model)
			if err != nil {
				return err
			}
			all, err := scenarios.Shipped(m)
			if err != nil {
				return err
			}
			var ids []string
			for _, sc := range all {
				ids = append(ids, sc.ID)
			}
			return a.calibrate(ids, *model, cfg, *asJSON, true)
		}
	},
}

// calibrate calibrates the model on each course named, one table each
// (or, with asJSON, one object each, in an array when many is set).
func (a *app) calibrate(refs []string, modelFile string, cfg cohort.Config, asJSON, many bool) error {
	m, err := a.cohortModel(modelFile)
	if err != nil {
		return err
	}
	pols := make(map[string]*sim.Policy)
	for _, id := range cohort.Arms {
		if pols[id], err = a.openPolicy(id); err != nil {
			return err
		}
	}
	var cals []*cohort.Calibration
	failed := 0
	for i, ref := range refs {
		sc, err := a.openScenario(m, ref)
		if err != nil {
			return err
		}
		cal, err := a.calibrateOne(sc, pols, cfg)
		if err != nil {
			return err
		}
		cals = append(cals, cal)
		n := 0
		for _, c := range cal.Checks {
			if !c.Pass() {
				n++
			}
		}
		failed += n
		if asJSON {
			continue
		}
		if i > 0 {
			fmt.Fprintln(a.stdout)
		}
		printCalibration(a.stdout, cal, n)
	}
	if asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		var v any = cals
		if !many {
			v = cals[0]
		}
		if err := enc.Encode(v); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(a.stdout, "\nThe full references, and what each parameter means, are in docs/model.md.")
		if len(cals) > 1 && failed == 0 {
			fmt.Fprintf(a.stdout, "\nEvery effect passes on all %d courses.\n", len(cals))
		}
	}
	if failed > 0 {
		return silent(exitBad)
	}
	return nil
}

// calibrateOne runs the calibration of one course, with a progress bar.
func (a *app) calibrateOne(sc *sim.Scenario, pols map[string]*sim.Policy, cfg cohort.Config) (*cohort.Calibration, error) {
	bar := a.progress(len(cohort.Arms) * cfg.N)
	if bar != nil {
		// Calibrate runs the arms' cohorts one after another; each reports
		// its own count.
		done := 0
		cfg.Progress = func(n int) {
			bar.Set(done + n)
			if n == cfg.N {
				done += cfg.N
			}
		}
	}
	cal, err := cohort.Calibrate(sc, pols, cfg)
	if bar != nil {
		bar.Finish()
	}
	return cal, err
}

// printCalibration prints one course's table; failed is how many of its
// effects fail.
func printCalibration(w io.Writer, cal *cohort.Calibration, failed int) {
	fmt.Fprintf(w, "Calibration of the model on %s: %d clients under each policy, seed %d.\n\n", cal.Scenario, cal.N, cal.Seed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "effect\tpublished (source)\tband\tsimulated (95% CI)\t\t")
	group := ""
	for _, c := range cal.Checks {
		if c.Group != group {
			group = c.Group
			fmt.Fprintf(tw, "%s\t\t\t\t\t\n", strings.ToUpper(group[:1])+group[1:]+":")
		}
		verdict := "pass"
		if !c.Pass() {
			verdict = "FAIL"
		}
		fmt.Fprintf(tw, "  %s\t%s (%s)\t%s\t%s\t%s\t\n", c.Effect, c.Published, c.Cite, checkBand(c), checkValue(c), verdict)
	}
	tw.Flush()
	if failed == 0 {
		fmt.Fprintf(w, "\nAll %d effects pass on %s.\n", len(cal.Checks), cal.Scenario)
	} else {
		fmt.Fprintf(w, "\n%d of %d effects fail on %s.\n", failed, len(cal.Checks), cal.Scenario)
	}
}

// checkBand formats a check's target band.
func checkBand(c cohort.Check) string {
	f := func(x float64) string {
		if c.Percent {
			return fmt.Sprintf("%.0f%%", 100*x)
		}
		return strings.TrimPrefix(fmt.Sprintf("%.2f", x), "0")
	}
	switch {
	case math.IsInf(c.Hi, 1) && c.Lo == 0:
		return "> 0"
	case math.IsInf(c.Hi, 1) || c.Hi >= 1 && c.Percent:
		return "≥ " + f(c.Lo)
	}
	return f(c.Lo) + " to " + f(c.Hi)
}

// checkValue formats a check's value and interval.
func checkValue(c cohort.Check) string {
	if c.Percent {
		return fmt.Sprintf("%.1f%% (%.1f to %.1f)", 100*c.Value, 100*c.CILo, 100*c.CIHi)
	}
	return fmt.Sprintf("%.3f (%.3f to %.3f)", c.Value, c.CILo, c.CIHi)
}
