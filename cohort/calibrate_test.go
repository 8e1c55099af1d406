package cohort_test

import (
	"math"
	"testing"

	"github.com/therasim/therasim/cohort"
	"github.com/therasim/therasim/internal/testenv"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestCalibration holds the default model to the published effects on the
// shipped scenario. The full calibration ('therasim calibrate') runs 10,000
// clients per policy and requires each value inside its band; here, to keep
// the suite quick, 2,000 clients per policy, and the test is the one a
// sample of that size can bear: the 95% confidence interval must overlap
// the band. The band is widened, in effect, by the interval's half-width:
// about ±.04 on a correlation, ±.06 on d and ±2 points on a dropout rate.
func TestCalibration(t *testing.T) {
	testenv.SkipShort(t, "runs 6,000 courses a course")
	pols := map[string]*sim.Policy{}
	for _, id := range []string{"competent", "novice", "no-homework"} {
		pols[id] = scenariotest.Policy(t, id)
	}
	all, err := scenarios.Shipped(scenariotest.Model(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range all {
		t.Run(sc.ID, func(t *testing.T) {
			cal, err := cohort.Calibrate(sc, pols, cohort.Config{N: 2000, Seed: 2})
			if err != nil {
				t.Fatal(err)
			}
			if len(cal.Checks) < 9 {
				t.Fatalf("%d checks", len(cal.Checks))
			}
			for _, c := range cal.Checks {
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

func TestCheckVerdicts(t *testing.T) {
	tests := []struct {
		c                cohort.Check
		pass, consistent bool
	}{
		{cohort.Check{Lo: .2, Hi: .3, Value: .25, CILo: .22, CIHi: .28}, true, true},
		{cohort.Check{Lo: .2, Hi: .3, Value: .31, CILo: .28, CIHi: .34}, false, true},
		{cohort.Check{Lo: .2, Hi: .3, Value: .35, CILo: .32, CIHi: .38}, false, false},
		{cohort.Check{Lo: 0, Hi: math.Inf(1), Value: 2, CILo: 1.9, CIHi: 2.1}, true, true},
	}
	for _, tt := range tests {
		if tt.c.Pass() != tt.pass || tt.c.Consistent() != tt.consistent {
			t.Errorf("%+v: pass %v consistent %v", tt.c, tt.c.Pass(), tt.c.Consistent())
		}
	}
}
