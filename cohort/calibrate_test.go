package cohort

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/therasim/therasim/internal/testenv"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestCalibration runs the standard calibration on every shipped course,
// 2,000 clients per arm, and holds it to its form (every arm run, every
// check with its group, source and band, and a value inside its 95%
// interval) and to the research: each effect's 95% interval must overlap
// its band. Whether the values themselves land in their bands is 'therasim
// calibrate's question, at 10,000 clients per arm; a cohort this small
// has intervals wide enough that a model inside its bands passes whatever
// the seed, and one well outside them fails.
func TestCalibration(t *testing.T) {
	testenv.SkipShort(t, "runs 10,000 courses a course")
	pols := map[string]*sim.Policy{}
	for _, id := range Arms {
		pols[id] = scenariotest.Policy(t, id)
	}
	all, err := scenarios.Shipped(scenariotest.Model(t))
	if err != nil {
		t.Fatal(err)
	}
	groups := []string{GroupCompetent, GroupNovice, GroupTrainee, GroupFeedback}
	for _, sc := range all {
		t.Run(sc.ID, func(t *testing.T) {
			cal, err := Calibrate(sc, pols, Config{N: 2000, Seed: 2})
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range Arms {
				if s, ok := cal.Cohorts[id]; !ok || s.Clients != 2000 {
					t.Errorf("arm %s: %d clients", id, s.Clients)
				}
			}
			if f := cal.Cohorts["feedback"]; f.Policy != "competent+feedback" {
				t.Errorf("the feedback arm is policy %q, want competent+feedback", f.Policy)
			}
			if len(cal.Checks) != 27 {
				t.Errorf("%d checks, want 27", len(cal.Checks))
			}
			last := 0
			for _, c := range cal.Checks {
				g := slices.Index(groups, c.Group)
				if g < last {
					t.Errorf("%s: group %q out of order", c.Effect, c.Group)
				}
				last = max(g, last)
				if c.Effect == "" || c.Published == "" || c.Cite == "" || c.Source == "" || !(c.Lo < c.Hi) {
					t.Errorf("%+v: want an effect, a published figure, a source and a band", c)
				}
				if math.IsNaN(c.Value) || math.IsNaN(c.CILo) || math.IsNaN(c.CIHi) || c.CILo > c.Value || c.Value > c.CIHi {
					t.Errorf("%s: value %v, interval %v to %v", c.Effect, c.Value, c.CILo, c.CIHi)
				}
				if !c.Consistent() {
					t.Errorf("%s: %.3f (%.3f to %.3f) misses the band %.2f to %.2f", c.Effect, c.Value, c.CILo, c.CIHi, c.Lo, c.Hi)
				}
			}
		})
	}
}

// arm makes the summary of a hand-made arm: the higher q, the better it
// did on every measure.
func arm(q float64) Summary {
	n := 1000
	frac := func(p float64) int { return int(math.Round(p * float64(n))) }
	s := Summary{Clients: n, Dropped: frac(.4 - .2*q)}
	s.Outcomes = Outcomes{Recovered: frac(.1 + .2*q), Improved: frac(.2 + .1*q), Deteriorated: frac(.1 - .08*q)}
	s.Outcomes.Unchanged = n - s.Outcomes.Recovered - s.Outcomes.Improved - s.Outcomes.Deteriorated
	s.Final = Stat{N: n, Mean: 70 - 10*q, SD: 20}
	s.Improvement = Stat{N: n, Mean: 5 + 10*q, SD: 15}
	s.BySession = []SessionSummary{{Session: 1, WAI: Stat{N: n, Mean: 3 + q, SD: 0.6}}}
	s.Homework.Compliance = Stat{N: n, Mean: .3 + .4*q, SD: .3}
	s.Ruptures.ResolutionRate = Wilson(frac(.3+.5*q), n)
	s.Ruptures.ReportedFrequency = Wilson(frac(.3), n)
	s.AllianceOutcome = Correlation{N: n, R: .28, Lo: .22, Hi: .34}
	s.HomeworkOutcome = Correlation{N: n, R: .25, Lo: .19, Hi: .31}
	m := n / 4
	s.NotOnTrack = Subgroup{Clients: m, Outcomes: Outcomes{Recovered: int(float64(m) * .1 * (1 + q)), Improved: int(float64(m) * .2 * (1 + q)),
		Deteriorated: int(float64(m) * .2 * (1 - q/2))}}
	return s
}

// TestChecksOrientation: each comparison's figure is positive when the
// arms are in the order it expects, and negative when they are the other
// way round.
func TestChecksOrientation(t *testing.T) {
	tests := []struct {
		name string
		q    map[string]float64 // each arm's quality
	}{
		{"as expected", map[string]float64{"competent": 1, "trainee": .8, "novice": 0, "no-homework": .5, "feedback": 1.3}},
		{"all reversed", map[string]float64{"competent": 0, "trainee": .5, "novice": 1, "no-homework": .5, "feedback": -.3}},
		{"the trainee ahead of competent", map[string]float64{"competent": .5, "trainee": 1, "novice": 0, "no-homework": 0, "feedback": .8}},
	}
	// Which arms each comparison sets against each other, better first, by
	// the start of its effect.
	pairs := []struct{ prefix, better, worse string }{
		{"d(post-treatment OQ-45), no-homework", "competent", "no-homework"},
		{"novice worse than competent", "competent", "novice"},
		{"competent better than trainee", "competent", "trainee"},
		{"trainee better than novice", "trainee", "novice"},
		{"not on track: improved or recovered", "feedback", "competent"},
		{"not on track: deterioration", "feedback", "competent"},
		{"d(post-treatment OQ-45), feedback", "feedback", "competent"},
		{"dropout, without feedback", "feedback", "competent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arms := make(map[string]Summary)
			for id, q := range tt.q {
				arms[id] = arm(q)
			}
			compared := 0
			for _, c := range checks(arms, true) {
				i := slices.IndexFunc(pairs, func(p struct{ prefix, better, worse string }) bool { return strings.HasPrefix(c.Effect, p.prefix) })
				if i < 0 {
					continue
				}
				compared++
				v, p := c.Value, pairs[i]
				if strings.HasSuffix(c.Effect, "(ratio)") {
					v = math.Log(v)
				}
				if want := tt.q[p.better] - tt.q[p.worse]; v*want <= 0 {
					t.Errorf("%s: %v, want the sign of %s − %s, %v", c.Effect, c.Value, p.better, p.worse, want)
				}
			}
			if compared != 21 {
				t.Errorf("%d comparisons, want 21", compared)
			}
		})
	}
}

func TestRatio(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		k1, n1, k2, n2 int
		r, lo, hi      float64
	}{
		// ln 2 ± 1.96 √(1/40 − 1/100 + 1/20 − 1/100)
		{40, 100, 20, 100, 2, 1.2629, 3.1670},
		{20, 100, 40, 100, .5, .3158, .7918},
		{50, 100, 50, 100, 1, .7579, 1.3194},
		{0, 100, 20, 100, 0, nan, nan},
		{20, 100, 0, 100, nan, nan, nan},
		{20, 0, 20, 100, nan, nan, nan},
	}
	same := func(a, b float64) bool { return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 5e-4 }
	for _, tt := range tests {
		r, lo, hi := ratio(tt.k1, tt.n1, tt.k2, tt.n2)
		if !same(r, tt.r) || !same(lo, tt.lo) || !same(hi, tt.hi) {
			t.Errorf("ratio(%d/%d over %d/%d) = %.4f (%.4f to %.4f), want %.4f (%.4f to %.4f)",
				tt.k1, tt.n1, tt.k2, tt.n2, r, lo, hi, tt.r, tt.lo, tt.hi)
		}
	}
}

func TestCheckVerdicts(t *testing.T) {
	tests := []struct {
		c                Check
		pass, consistent bool
	}{
		{Check{Lo: .2, Hi: .3, Value: .25, CILo: .22, CIHi: .28}, true, true},
		{Check{Lo: .2, Hi: .3, Value: .31, CILo: .28, CIHi: .34}, false, true},
		{Check{Lo: .2, Hi: .3, Value: .35, CILo: .32, CIHi: .38}, false, false},
		{Check{Lo: 0, Hi: math.Inf(1), Value: 2, CILo: 1.9, CIHi: 2.1}, true, true},
	}
	for _, tt := range tests {
		if tt.c.Pass() != tt.pass || tt.c.Consistent() != tt.consistent {
			t.Errorf("%+v: pass %v consistent %v", tt.c, tt.c.Pass(), tt.c.Consistent())
		}
	}
}
