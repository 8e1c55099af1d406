package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCalibrate(t *testing.T) {
	r := therasim(t, "", "calibrate", "--n", "300", "--seed", "4")
	if r.code != exitOK && r.code != exitBad {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	allPass := strings.Contains(r.stdout, "\nAll 9 effects pass.\n")
	if allPass != (r.code == exitOK) {
		t.Errorf("exit %d but the report says:\n%s", r.code, r.stdout)
	}
	for _, s := range []string{"effect", "published (source)", "band", "simulated (95% CI)",
		"r = .28 (Flückiger et al. 2018)", "d = .48 (Kazantzis et al. 2010)", "19.7% (Swift & Greenberg 2012)"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("the report does not say %q:\n%s", s, r.stdout)
		}
	}
	if n := strings.Count(r.stdout, "  pass  ") + strings.Count(r.stdout, "  FAIL  "); n != 9 {
		t.Errorf("%d verdicts, want 9:\n%s", n, r.stdout)
	}

	j := therasim(t, "", "calibrate", "--n", "300", "--seed", "4", "--json")
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
	if out.N != 300 || len(out.Checks) != 9 || out.Checks[0].Effect == "" {
		t.Errorf("JSON %+v", out)
	}
	if j.code != r.code {
		t.Errorf("--json exits %d, the text report %d", j.code, r.code)
	}

	therasim(t, "", "calibrate", "--n", "5").want(t, exitUsage, "at least 10 clients")
}
