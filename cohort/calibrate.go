package cohort

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/therasim/therasim/sim"
)

// A Check is one published effect that the default model must reproduce,
// with the simulated value and its 95% confidence interval.
type Check struct {
	// Group is the part of the calibration the check belongs to: one of
	// the Group constants.
	Group     string  `json:"group"`
	Effect    string  `json:"effect"`
	Published string  `json:"published"`
	Cite      string  `json:"cite"`    // the source, short
	Source    string  `json:"source"`  // the source, in full
	Lo        float64 `json:"band_lo"` // the target band
	Hi        float64 `json:"band_hi"`
	Value     float64 `json:"value"`
	CILo      float64 `json:"ci_lo"`
	CIHi      float64 `json:"ci_hi"`
	// Percent: the figures are proportions, to show as percentages.
	Percent bool `json:"percent"`
}

// The groups of checks, in the order Calibrate makes them.
const (
	GroupCompetent = "competent therapy"
	GroupNovice    = "the novice, a careless caricature"
	GroupTrainee   = "the trainee, between competent and novice"
	GroupFeedback  = "outcome feedback: competent with and without it"
)

// Pass reports whether the simulated value lies inside the band.
func (c Check) Pass() bool { return c.Value >= c.Lo && c.Value <= c.Hi }

// Consistent reports whether the band and the 95% interval overlap: the
// test a smaller cohort can be held to, since its interval is wider.
func (c Check) Consistent() bool { return c.CIHi >= c.Lo && c.CILo <= c.Hi }

// Calibration is the standard calibration: cohorts of one scenario under
// each of the Arms, and the checks.
type Calibration struct {
	Scenario string `json:"scenario"`
	N        int    `json:"n"`
	Seed     uint64 `json:"seed"`
	// Cohorts are the arms' summaries, by the arm's name.
	Cohorts map[string]Summary `json:"cohorts"`
	Checks  []Check            `json:"checks"`
}

// Arms are the cohorts of a calibration, each under the shipped policy of
// its name, but "feedback": the competent policy with the feedback policy's
// response to the not-on-track signal (Policy.WithFeedback), so that the
// feedback arm differs from the competent arm in that alone.
var Arms = []string{"competent", "trainee", "novice", "no-homework", "feedback"}

// modelAssumption cites a check that holds the model to a stated
// assumption rather than a published figure: the novice policy is a
// deliberately careless contrast, not a model of real trainees, so no study
// gives its effect sizes; it must simply do worse.
const modelAssumption = "model assumption"

// Calibrate runs the standard calibration: cfg.N clients of sc in each of
// the Arms (pols gives the shipped policies by id: each arm's, and
// "feedback" for its response), with the same seed so that every arm meets
// the same clients, and checks the results against the published effects
// (each Check names its source; docs/model.md gives the full references
// and says why each band is what it is).
// Every measure is computed the way studies compute them: from the OQ-45
// scores observed with measurement noise and the client-rated WAI-SR, never
// from the model's hidden values.
func Calibrate(sc *sim.Scenario, pols map[string]*sim.Policy, cfg Config) (*Calibration, error) {
	cal := &Calibration{Scenario: sc.ID, N: cfg.N, Seed: cfg.Seed, Cohorts: make(map[string]Summary)}
	for _, id := range Arms {
		p := pols[id]
		if p == nil {
			return nil, fmt.Errorf("calibrate: no %q policy", id)
		}
		if id == "feedback" {
			if !p.Feedback() {
				return nil, fmt.Errorf("calibrate: the %q policy does not act on outcome feedback: it needs a [feedback] table", id)
			}
			p = pols["competent"].WithFeedback(p)
		}
		s, _, err := Stream(context.Background(), sc, p, cfg)
		if err != nil {
			return nil, fmt.Errorf("calibrate: %s: %w", id, err)
		}
		cal.Cohorts[id] = s
	}
	cal.Checks = checks(cal.Cohorts, IsCBT(sc))
	return cal, nil
}

// checks compares the arms' summaries with the published effects; cbt:
// the course is one of CBT, whose homework effect the CBT meta-analyses
// measure.
func checks(arms map[string]Summary, cbt bool) []Check {
	comp, nov, nohw := arms["competent"], arms["novice"], arms["no-homework"]
	tr, fb := arms["trainee"], arms["feedback"]
	var out []Check
	group := ""
	add := func(c Check, v, lo, hi float64) {
		c.Group, c.Value, c.CILo, c.CIHi = group, v, lo, hi
		out = append(out, c)
	}
	effect := func(c Check, e Effect) { add(c, e.D, e.Lo, e.Hi) }
	prop := func(c Check, p Proportion) {
		c.Percent = true
		add(c, p.P, p.Lo, p.Hi)
	}
	diff := func(c Check, a, b Proportion) {
		c.Percent = true
		d, lo, hi := difference(a, b)
		add(c, d, lo, hi)
	}
	rate := func(k, n int) Proportion { return Wilson(k, n) }
	above := math.Inf(1) // the open end of a band "> 0"

	group = GroupCompetent
	r := comp.AllianceOutcome
	add(Check{Effect: "r(early WAI-SR, OQ-45 improvement), competent", Published: "r = .28",
		Cite: "Flückiger et al. 2018", Source: "Flückiger, Del Re, Wampold & Horvath 2018 (295 studies)", Lo: .22, Hi: .34}, r.R, r.Lo, r.Hi)
	r = comp.HomeworkOutcome
	add(Check{Effect: "r(homework compliance, OQ-45 improvement), competent", Published: "r = .26; r = .22",
		Cite: "Mausbach et al. 2010; Kazantzis et al. 2000", Source: "Mausbach, Moore, Roesch, Cardenas & Patterson 2010; Kazantzis, Deane & Ronan 2000", Lo: .15, Hi: .33}, r.R, r.Lo, r.Hi)
	if cbt {
		effect(Check{Effect: "d(post-treatment OQ-45), no-homework vs competent", Published: "d = .48",
			Cite: "Kazantzis et al. 2010", Source: "Kazantzis, Whittington & Dattilio 2010", Lo: .30, Hi: .65}, CohensD(comp, nohw))
	} else {
		// The meta-analyses of homework's effect are of CBT; outside it
		// the research is thinner (Ryum & Kazantzis 2024), so the model is
		// held only to homework helping.
		effect(Check{Effect: "d(post-treatment OQ-45), no-homework vs competent", Published: "homework helps",
			Cite: "Ryum & Kazantzis 2024; " + modelAssumption, Source: "Ryum & Kazantzis 2024 (homework across approaches); " + modelAssumption + " (docs/model.md): no meta-analysis outside CBT gives a size",
			Lo: 0, Hi: above}, CohensD(comp, nohw))
	}
	prop(Check{Effect: "dropout, competent", Published: "19.7%", Cite: "Swift & Greenberg 2012", Source: "Swift & Greenberg 2012 (669 studies)",
		Lo: .15, Hi: .25}, rate(comp.Dropped, comp.Clients))
	prop(Check{Effect: "deterioration, competent", Published: "5–10% of adults", Cite: "Lambert 2013; Hansen et al. 2002",
		Source: "Lambert 2013 (5–10% of adult clients deteriorate); Hansen, Lambert & Forman 2002", Lo: .03, Hi: .10},
		rate(comp.Outcomes.Deteriorated, comp.Clients))
	prop(Check{Effect: "client-reported ruptures, competent (% of sessions)", Published: "19–42% of sessions", Cite: "Eubanks et al. 2018",
		Source: "Eubanks, Muran & Safran 2018 (meta-analysis: clients report ruptures in 19–42% of sessions; observers see more)", Lo: .19, Hi: .42},
		comp.Ruptures.ReportedFrequency)

	group = GroupNovice
	prop(Check{Effect: "dropout, novice", Published: "higher than competent", Cite: modelAssumption, Source: modelAssumption + " (docs/model.md): the careless caricature loses clients; Swift & Greenberg 2012 find more dropout with trainees",
		Lo: .25, Hi: 1}, rate(nov.Dropped, nov.Clients))
	// Novice worse than competent on every measure: each difference is
	// competent minus novice, oriented so that positive means the novice
	// did worse.
	worse := func(what string) Check {
		return Check{Effect: "novice worse than competent: " + what, Published: "worse", Cite: modelAssumption,
			Source: modelAssumption + " (docs/model.md): a careless approach does worse", Lo: 0, Hi: above}
	}
	effect(worse("OQ-45 improvement (d)"), EffectSize(comp.Improvement, nov.Improvement))
	effect(worse("session-1 WAI-SR (d)"), EffectSize(firstWAI(comp), firstWAI(nov)))
	effect(worse("homework compliance (d)"), EffectSize(comp.Homework.Compliance, nov.Homework.Compliance))
	diff(worse("recovered (difference)"), rate(comp.Outcomes.Recovered, comp.Clients), rate(nov.Outcomes.Recovered, nov.Clients))

	// The trainee between the two on every measure: each figure is the
	// better arm's minus the worse one's (the worse one's minus the
	// better's for dropout), positive when the order holds.
	group = GroupTrainee
	trained := func(what string) Check {
		return Check{Effect: "competent better than trainee: " + what, Published: "better", Cite: modelAssumption,
			Source: modelAssumption + " (docs/model.md): training helps, modestly (Stein & Lambert 1995; Walsh, Roddy, Scott, Lewis & Jensen-Doss 2019)",
			Lo:     0, Hi: above}
	}
	caricature := func(what string) Check {
		return Check{Effect: "trainee better than novice: " + what, Published: "better", Cite: modelAssumption,
			Source: modelAssumption + " (docs/model.md): the novice is a careless caricature, below any real trainee", Lo: 0, Hi: above}
	}
	modest := trained("OQ-45 improvement (d)")
	modest.Published, modest.Cite, modest.Hi = "modest", "Stein & Lambert 1995; Walsh et al. 2019", .5
	modest.Source = "Stein & Lambert 1995 (graduate training: modest effect sizes favouring more trained therapists); Walsh, Roddy, Scott, Lewis & Jensen-Doss 2019 (meta-analysis: a small relation of experience to outcome)"
	effect(modest, EffectSize(comp.Improvement, tr.Improvement))
	effect(caricature("OQ-45 improvement (d)"), EffectSize(tr.Improvement, nov.Improvement))
	effect(trained("session-1 WAI-SR (d)"), EffectSize(firstWAI(comp), firstWAI(tr)))
	effect(caricature("session-1 WAI-SR (d)"), EffectSize(firstWAI(tr), firstWAI(nov)))
	effect(trained("homework compliance (d)"), EffectSize(comp.Homework.Compliance, tr.Homework.Compliance))
	effect(caricature("homework compliance (d)"), EffectSize(tr.Homework.Compliance, nov.Homework.Compliance))
	diff(trained("recovered (difference)"), rate(comp.Outcomes.Recovered, comp.Clients), rate(tr.Outcomes.Recovered, tr.Clients))
	diff(caricature("recovered (difference)"), rate(tr.Outcomes.Recovered, tr.Clients), rate(nov.Outcomes.Recovered, nov.Clients))
	diff(trained("rupture resolution rate (difference)"), comp.Ruptures.ResolutionRate, tr.Ruptures.ResolutionRate)
	diff(caricature("rupture resolution rate (difference)"), tr.Ruptures.ResolutionRate, nov.Ruptures.ResolutionRate)
	dropout := trained("dropout (difference)")
	dropout.Published, dropout.Cite = "higher with trainees", "Swift & Greenberg 2012"
	dropout.Source = "Swift & Greenberg 2012 (dropout higher with trainee clinicians); Stein & Lambert 1995 (fewer dropouts with more trained therapists)"
	diff(dropout, rate(tr.Dropped, tr.Clients), rate(comp.Dropped, comp.Clients))
	diff(caricature("dropout (difference)"), rate(nov.Dropped, nov.Clients), rate(tr.Dropped, tr.Clients))

	// Outcome feedback: the competent arm with the feedback response
	// against the competent arm without it, the same clients. The
	// not-on-track subgroup is the clients the OQ-45 signalled in each.
	group = GroupFeedback
	with, without := fb.NotOnTrack, comp.NotOnTrack
	v, lo, hi := ratio(with.Outcomes.Recovered+with.Outcomes.Improved, with.Clients,
		without.Outcomes.Recovered+without.Outcomes.Improved, without.Clients)
	add(Check{Effect: "not on track: improved or recovered, with feedback / without (ratio)", Published: "nearly twice as many",
		Cite: "Lambert et al. 2018; Whipple et al. 2003", Lo: 1.5, Hi: 2.0,
		Source: "Lambert, Whipple & Kleinstäuber 2018 (meta-analysis of OQ-45 feedback: in not-on-track clients, nearly double the rate of reliable improvement or recovery); Whipple, Lambert, Vermeersch, Smart, Nielsen & Hawkins 2003 (clinical support tools: the alliance, motivation, social support)"},
		v, lo, hi)
	diff(Check{Effect: "not on track: deterioration, without feedback − with (difference)", Published: "less deterioration",
		Cite: "Lambert et al. 2018", Source: "Lambert, Whipple & Kleinstäuber 2018 (in not-on-track clients feedback lowers deterioration)", Lo: 0, Hi: above},
		rate(without.Outcomes.Deteriorated, without.Clients), rate(with.Outcomes.Deteriorated, with.Clients))
	effect(Check{Effect: "d(post-treatment OQ-45), feedback vs none", Published: "d = .15 [.10, .20]",
		Cite: "de Jong et al. 2021", Source: "de Jong, Conijn, Gallagher, Reshetnikova & Lutz 2021 (meta-analysis of 58 studies: d = 0.15, 95% CI 0.10 to 0.20; in not-on-track clients d = 0.17)", Lo: .08, Hi: .22},
		CohensD(fb, comp))
	diff(Check{Effect: "dropout, without feedback − with (difference)", Published: "slightly less dropout",
		Cite: "de Jong et al. 2021", Source: "de Jong, Conijn, Gallagher, Reshetnikova & Lutz 2021 (less dropout with feedback, OR 1.19)", Lo: 0, Hi: above},
		rate(comp.Dropped, comp.Clients), rate(fb.Dropped, fb.Clients))
	return out
}

// firstWAI is the WAI-SR at the end of session 1, or an empty Stat when no
// client attended it.
func firstWAI(s Summary) Stat {
	if len(s.BySession) == 0 {
		return Stat{}
	}
	return s.BySession[0].WAI
}

// IsCBT reports whether sc is a course of cognitive-behavioural therapy
// (approach "CBT", or a name that says so), whose homework effect the CBT
// meta-analyses measure.
func IsCBT(sc *sim.Scenario) bool {
	a := strings.ToLower(sc.Approach)
	return a == "cbt" || strings.Contains(a, "cognitive")
}

// differenceCI returns p1 − p2 with its large-sample 95% interval.
func differenceCI(p1 float64, n1 int, p2 float64, n2 int) (d, lo, hi float64) {
	d = p1 - p2
	se := math.Sqrt(p1*(1-p1)/float64(n1) + p2*(1-p2)/float64(n2))
	return d, d - z975*se, d + z975*se
}

// difference returns a.P − b.P with its large-sample 95% interval; NaN when
// either has no N.
func difference(a, b Proportion) (d, lo, hi float64) {
	if a.N == 0 || b.N == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	return differenceCI(a.P, a.N, b.P, b.N)
}

// ratio returns the ratio of two proportions, (k1/n1) / (k2/n2), with its
// 95% interval by the log method (Katz et al. 1978): exp(ln r ± 1.96 √(1/k1
// − 1/n1 + 1/k2 − 1/n2)). It is NaN when either proportion has no N or k2
// is 0, and its interval is undefined (NaN) when k1 is 0.
func ratio(k1, n1, k2, n2 int) (r, lo, hi float64) {
	if n1 == 0 || n2 == 0 || k2 == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	r = (float64(k1) / float64(n1)) / (float64(k2) / float64(n2))
	if k1 == 0 {
		return r, math.NaN(), math.NaN()
	}
	se := math.Sqrt(1/float64(k1) - 1/float64(n1) + 1/float64(k2) - 1/float64(n2))
	return r, r * math.Exp(-z975*se), r * math.Exp(z975*se)
}

// MarshalJSON writes the check with its verdict; an open end of a band and
// an undefined value are null.
func (c Check) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Group      string `json:"group"`
		Effect     string `json:"effect"`
		Published  string `json:"published"`
		Cite       string `json:"cite"`
		Source     string `json:"source"`
		Lo         any    `json:"band_lo"`
		Hi         any    `json:"band_hi"`
		Value      any    `json:"value"`
		CILo       any    `json:"ci_lo"`
		CIHi       any    `json:"ci_hi"`
		Percent    bool   `json:"percent"`
		Pass       bool   `json:"pass"`
		Consistent bool   `json:"consistent"`
	}{c.Group, c.Effect, c.Published, c.Cite, c.Source, num(c.Lo), num(c.Hi), num(c.Value), num(c.CILo), num(c.CIHi),
		c.Percent, c.Pass(), c.Consistent()})
}
