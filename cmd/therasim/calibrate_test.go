package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCalibrate runs the calibration on a small cohort, which may pass or
// fail: the test holds the report to its form, and the exit status to the
// verdicts it prints.
func TestCalibrate(t *testing.T) {
	const checks = 27 // a course's
	r := therasim(t, "", "calibrate", "--n", "300", "--seed", "4")
	if r.code != exitOK && r.code != exitBad {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	allPass := !strings.Contains(r.stdout, " effects fail on ")
	if allPass != (r.code == exitOK) {
		t.Errorf("exit %d but the report says:\n%s", r.code, r.stdout)
	}
	for _, s := range []string{"effect", "published (source)", "band", "simulated (95% CI)",
		"r = .28 (Flückiger et al. 2018)", "d = .48 (Kazantzis et al. 2010)", "19.7% (Swift & Greenberg 2012)",
		"Competent therapy:", "The novice, a careless caricature:", "The trainee, between competent and novice:",
		"Outcome feedback: competent with and without it:", "19–42% of sessions (Eubanks et al. 2018)",
		"modest (Stein & Lambert 1995; Walsh et al. 2019)", "nearly twice as many (Lambert et al. 2018; Whipple et al. 2003)",
		"d = .15 [.10, .20] (de Jong et al. 2021)", "  competent better than trainee: dropout (difference)"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("the report does not say %q:\n%s", s, r.stdout)
		}
	}
	// One table for every course that comes with TheraSim, a verdict for
	// each check.
	courses := strings.Count(r.stdout, "Calibration of the model on ")
	if n := strings.Count(r.stdout, "  pass  ") + strings.Count(r.stdout, "  FAIL  "); courses == 0 || n != checks*courses {
		t.Errorf("%d verdicts for %d courses, want %d each:\n%s", n, courses, checks, r.stdout)
	}
	var all []struct {
		Scenario string `json:"scenario"`
	}
	if err := json.Unmarshal([]byte(therasim(t, "", "calibrate", "--n", "300", "--seed", "4", "--json").stdout), &all); err != nil || len(all) != courses {
		t.Errorf("--json for every course: %v, %d objects for %d courses", err, len(all), courses)
	}

	j := therasim(t, "", "calibrate", "--n", "300", "--seed", "4", "--json", "cbt-depression")
	var out struct {
		N      int `json:"n"`
		Checks []struct {
			Effect string  `json:"effect"`
			Value  float64 `json:"value"`
			Pass   bool    `json:"pass"`
		} `json:"checks"`
	}
	if err := json.Unmarshal([]byte(j.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, j.stdout)
	}
	if out.N != 300 || len(out.Checks) != checks || out.Checks[0].Effect == "" {
		t.Errorf("JSON %+v", out)
	}
	// The same course's text report exits as its JSON does.
	if one := therasim(t, "", "calibrate", "--n", "300", "--seed", "4", "cbt-depression"); j.code != one.code {
		t.Errorf("--json exits %d, the text report of the same course %d", j.code, one.code)
	}

	therasim(t, "", "calibrate", "--n", "5").want(t, exitUsage, "at least 10 clients")
}
