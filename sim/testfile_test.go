package sim

import (
	"strings"
	"testing"
)

// clockRun starts a run of testdata/variables/clock.toml.
func clockRun(t *testing.T) *Run { return NewRun(loadTest(t, "testdata/variables/clock.toml"), 1) }

func TestReads(t *testing.T) {
	r := clockRun(t)
	if _, err := r.Choose(1); err != nil { // warm: bond 0.3 → 0.356, times_asked 1
		t.Fatal(err)
	}
	for _, tc := range []struct{ cond, want string }{
		{"!told_not_waking && bond > 0.2", "told_not_waking = no, bond = 0.356"},
		{"times_asked >= 1 || times_asked < 0", "times_asked = 1"},
		{"alliance > 0.5", "alliance ≈ 0.319"},
		{"traits.reactance > abs(hope - 1) && traits.reactance > 0", "traits.reactance = 0.6, hope = 0.307"},
		{"rupture == 'none' && homework_due", `rupture = "none", homework_due = no`},
		{"session == 1 && attr.warmth == 0", "session = 1, attr.warmth = 0"},
		{"true", ""},
	} {
		rs, err := r.Reads(tc.cond)
		if err != nil {
			t.Errorf("Reads(%q): %v", tc.cond, err)
			continue
		}
		s := make([]string, len(rs))
		for i, rd := range rs {
			s[i] = rd.String()
		}
		if got := strings.Join(s, ", "); got != tc.want {
			t.Errorf("Reads(%q) = %s, want %s", tc.cond, got, tc.want)
		}
	}
	if _, err := r.Reads("bnd > 1"); err == nil || !strings.Contains(err.Error(), `unknown name "bnd" (did you mean "bond"?)`) {
		t.Errorf("Reads of a misspelt name: %v", err)
	}
}

func TestTOMLFile(t *testing.T) {
	r := clockRun(t)
	var v struct {
		Name string `toml:"name"`
		That string `toml:"that"`
	}
	f, ok := DecodeTOML("t.toml", []byte("name = \"x\"\n  that = \"bond > 'x'\"\nnam = 1\n"), &v)
	if !ok || v.That != "bond > 'x'" {
		t.Fatalf("not decoded: %v %+v", ok, v)
	}
	if p := f.Pos("that"); p != (Pos{2, 3}) {
		t.Errorf("Pos(that) = %v, want 2:3", p)
	}
	if p := f.ValuePos("that"); p != (Pos{2, 10}) {
		t.Errorf("ValuePos(that) = %v, want 2:10", p)
	}
	if f.Condition(r.Scenario(), "that", v.That) {
		t.Error("a condition comparing a number with text compiles")
	}
	if !f.Condition(r.Scenario(), "that", "told_not_waking") {
		t.Error("a condition reading a variable does not compile")
	}
	f.Errorf("name", "a mistake of %s", "mine")
	want := "t.toml:1:1: a mistake of mine\n" +
		"t.toml:2:16: that: > cannot compare a number with text: compare numbers with numbers (bond < 0.3), and names with their values (rupture == \"withdrawal\") in \"bond > 'x'\"\n" +
		"t.toml:3:1: unknown key \"nam\" at the top level (did you mean \"name\"?)"
	if got := f.Problems().Error(); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	if o := r.Scenario().Sessions[0].Beats[1].Options[0]; o.Condition() != "told_not_waking" {
		t.Errorf("the risk option's condition is %q", o.Condition())
	}
	if o := r.Scenario().Sessions[0].Beats[1].Options[1]; o.Condition() != "" {
		t.Errorf("the sleep option's condition is %q", o.Condition())
	}
}
