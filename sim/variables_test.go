package sim_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// clock is a one-session scenario: Ana says she sometimes wishes she
// wouldn't wake up only when the bond is strong (bond > 0.5), which sets
// told_not_waking; the option that asks about it is offered only then; an
// empathic reflection counts times_asked; and a glance at the clock takes
// the session to a beat where Ana confronts the therapist on her own.
func clock(t testing.TB, bond float64) *sim.Scenario {
	t.Helper()
	sc := scenariotest.Load(t, "testdata/variables/clock.toml")
	c := *sc
	c.Client.Initial.Bond = bond
	return &c
}

// playIDs makes the choices by option id and returns the run.
// playIDs plays the options with the ids given, as the script has it
// (sim.Options.Scripted: no rupture the client begins on their own).
func playIDs(t *testing.T, sc *sim.Scenario, ids ...string) *sim.Run {
	t.Helper()
	r := sim.NewRunWith(sc, 1, sim.Options{Scripted: true})
	for _, id := range ids {
		p := r.Prompt()
		n := 0
		for _, o := range p.Options {
			if o.ID == id {
				n = o.Number
			}
		}
		if n == 0 {
			t.Fatalf("option %q is not offered at beat %q", id, p.Beat)
		}
		if _, err := r.Choose(n); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func offered(r *sim.Run) []string {
	var ids []string
	for _, o := range r.Prompt().Options {
		ids = append(ids, o.ID)
	}
	return ids
}

// TestVariables specifies scenario variables: what sets them and what
// reads them.
func TestVariables(t *testing.T) {
	tests := []struct {
		name    string
		bond    float64
		choices []string
		holds   string
		offered []string
	}{
		{"a variable starts at its declared value", 0.3, nil,
			"!told_not_waking && times_asked == 0", []string{"warm", "clock"}},
		{"a client line's set applies only when that line is said", 0.3, []string{"warm"},
			"!told_not_waking", []string{"sleep"}},
		{"the line said sets the flag, and the option that answers it is offered", 0.6, []string{"warm"},
			"told_not_waking", []string{"risk", "sleep"}},
		{"an option's set is an amount judged on the state before it", 0.3, []string{"warm"},
			"times_asked == 1", nil},
		{"a beat can open a rupture on the client's own", 0.3, []string{"clock"},
			`rupture == "confrontation" && rupture_severity == 0.5 && rupture_turns == 0`, []string{"own", "defend"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := playIDs(t, clock(t, tt.bond), tt.choices...)
			ok, err := r.Holds(tt.holds)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				t.Errorf("%s does not hold: %+v", tt.holds, r.State())
			}
			if tt.offered != nil && !reflect.DeepEqual(offered(r), tt.offered) {
				t.Errorf("offered %v, want %v", offered(r), tt.offered)
			}
		})
	}
}

// TestClientLedRupture: a rupture the client opens is an event of the
// client's, with the author's sentence, and a repair closes it as it
// closes one the therapist caused.
func TestClientLedRupture(t *testing.T) {
	r := playIDs(t, clock(t, 0.3), "clock")
	var opened *sim.Event
	for _, e := range r.Events() {
		if e.Kind == sim.RuptureOpened {
			opened = &e
		}
	}
	if opened == nil || opened.Rule != "client" || opened.Rupture != sim.RuptureConfrontation || !strings.Contains(opened.Explain, "clock") {
		t.Fatalf("rupture opened: %+v", opened)
	}
	if _, err := r.Choose(1); err != nil { // "You're right, I did, and I'm sorry."
		t.Fatal(err)
	}
	// Owning it is a step: the rupture is still open while Ana says what
	// went wrong; being heard then closes it.
	if s := r.State(); s.Rupture == sim.NoRupture {
		t.Errorf("one sentence of repair closed the rupture")
	}
	if _, err := r.Choose(1); err != nil { // "So it felt like one more person..."
		t.Fatal(err)
	}
	if s := r.State(); s.Rupture != sim.NoRupture || s.RupturesRepaired != 1 {
		t.Errorf("after the repair: rupture %s, repaired %d", s.Rupture, s.RupturesRepaired)
	}
}

// TestVariableEvents: each change of a variable is an event naming it,
// with the values before and after; a set that changes nothing is none.
func TestVariableEvents(t *testing.T) {
	r := playIDs(t, clock(t, 0.6), "warm")
	var got []string
	for _, e := range r.Events() {
		if e.Kind == sim.VariableSet {
			got = append(got, e.Rule+":"+e.Variable)
		}
	}
	if want := []string{"client:told_not_waking", "option:times_asked"}; !reflect.DeepEqual(got, want) {
		t.Errorf("variable events %v, want %v", got, want)
	}
	sc := r.Scenario()
	if v, ok := sc.Variable(new(sim.State), "told_not_waking"); ok || v != 0 {
		t.Errorf("a state of no run has no variables: %v %v", v, ok)
	}
	s := r.State()
	if v, ok := sc.Variable(&s, "told_not_waking"); !ok || v != 1 {
		t.Errorf("told_not_waking = %v, %v", v, ok)
	}
	if got := sc.Variables()[0].Format(1) + "/" + sc.Variables()[1].Format(2) + "/" + sc.Variables()[0].Label(); got != "yes/2/told not waking" {
		t.Errorf("formats %q", got)
	}
}

// TestQuietRunsPlayTheSameCourse: a quiet run (a cohort's) keeps no events
// and says nothing, but it plays the same course as a full run, draw for
// draw, even where what the client says changes the state.
func TestQuietRunsPlayTheSameCourse(t *testing.T) {
	pols, err := scenarios.Policies()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		sc   *sim.Scenario
	}{
		{"clock", clock(t, 0.6)}, {"clock-guarded", clock(t, 0.3)}, {"shipped", scenariotest.Shipped(t)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for seed := uint64(1); seed <= 40; seed++ {
				full := sim.NewRun(tc.sc, seed)
				quiet := sim.NewRunWith(tc.sc, seed, sim.Options{Quiet: true})
				pick := pols[seed%uint64(len(pols))].Chooser(seed)
				for !full.Done() {
					n := pick.Pick(full)
					if _, err := full.Choose(n); err != nil {
						t.Fatal(err)
					}
					if _, err := quiet.Choose(n); err != nil {
						t.Fatal(err)
					}
					f, q := full.State(), quiet.State()
					f.DropoutRisk, q.DropoutRisk = 0, 0
					if !reflect.DeepEqual(plain(f), plain(q)) {
						t.Fatalf("seed %d, choice %d: quiet run\n%+v\nfull run\n%+v", seed, full.Choices(), plain(q), plain(f))
					}
				}
				if !quiet.Done() {
					t.Fatalf("seed %d: the quiet run goes on", seed)
				}
			}
		})
	}
}

// TestHoldsReportsMistakes: a condition given to Holds is checked as a
// scenario's is, with a suggestion for a misspelt variable.
func TestHoldsReportsMistakes(t *testing.T) {
	r := sim.NewRun(clock(t, 0.3), 1)
	_, err := r.Holds("told_not_wakin")
	if err == nil || !strings.Contains(err.Error(), `did you mean "told_not_waking"?`) {
		t.Errorf("error %v", err)
	}
	if _, err := r.Holds("times_asked"); err == nil || !strings.Contains(err.Error(), "want a condition that is true or false") {
		t.Errorf("a counter is not a condition: %v", err)
	}
}
