package debrief_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// remembers is the scenario of these tests: variables set by an option, a
// client line, a beat and a life event, and moments Jo leads.
const remembers = "testdata/remembers.toml"

// Paths through testdata/remembers.toml: the clock glanced at and a
// defensive answer; a warm welcome.
var (
	pathClock = []int{2, 2, 1}
	pathWarm  = []int{1, 1, 1}
)

// scriptSeeds returns n seeds at which path plays remembers as its script
// and rules have it, the model's client dynamics beginning no rupture and
// failing no repair: these tests look at what the scenario's moments do,
// and Jo's "started a confrontation rupture" at the clock must be the
// scenario's, not one the model had her begin (which the scenario's
// moment would then deepen).
func scriptSeeds(t testing.TB, sc *sim.Scenario, path []int, n int) []uint64 {
	t.Helper()
	return seedsWhere(t, sc, path, n, scriptOnly)
}

// recordChoices plays sc from seed with the options choices, recording it.
func recordChoices(t testing.TB, sc *sim.Scenario, trainee string, seed uint64, choices []int) []byte {
	t.Helper()
	var buf bytes.Buffer
	r := sim.NewRun(sc, seed)
	rec, err := sim.NewRecorder(&buf, sim.NewHeader(r, trainee, "2026-01-12T10:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range choices {
		ev, err := r.Choose(c)
		if err != nil {
			t.Fatal(err)
		}
		if err := rec.Record(r, ev); err != nil {
			t.Fatal(err)
		}
	}
	if !r.Done() {
		t.Fatalf("%v does not play %s to its end", choices, sc.ID)
	}
	return buf.Bytes()
}

// TestDescribeVariablesAndClient: a variable's change is its label and its
// values; what the client did on their own is said to be the client's,
// never "rule client"; an option's own effects and a life event's are
// named as such, not as rules.
func TestDescribeVariablesAndClient(t *testing.T) {
	sc := scenariotest.Load(t, remembers)
	for _, tc := range []struct {
		e                    sim.Event
		head, rule, by, tone string
	}{
		{sim.Event{Kind: sim.VariableSet, Rule: "option", Variable: "times_asked", Before: 0, After: 1}, "times asked: 0 → 1", "", "the option chosen", ""},
		{sim.Event{Kind: sim.VariableSet, Rule: "client", Variable: "nearly_stayed_home", After: 1}, "nearly stayed home: no → yes", "", "what Jo said or did", ""},
		{sim.Event{Kind: sim.VariableSet, Rule: "redundancy", Variable: "lost_job", After: 1}, "lost job: no → yes", "", "life event redundancy", ""},
		{sim.Event{Kind: sim.RuptureOpened, Rule: "client", Rupture: sim.RuptureConfrontation, Value: 0.5}, "Jo started a confrontation rupture", "", "what Jo said or did", "bad"},
		{sim.Event{Kind: sim.RuptureDeepened, Rule: "client", Rupture: sim.RuptureWithdrawal, Value: 0.6}, "Jo deepened the withdrawal rupture", "", "what Jo said or did", "bad"},
		{sim.Event{Kind: sim.RuptureOpened, Rule: "confrontation-early", Rupture: sim.RuptureConfrontation, Value: 0.5}, "A confrontation rupture opens", "confrontation-early", "", "bad"},
		{sim.Event{Kind: sim.Change, Rule: "client", Var: sim.VarHope, Before: 0.3, After: 0.28}, "hope −0.02", "", "what Jo said or did", "bad"},
		{sim.Event{Kind: sim.Change, Rule: "redundancy", Var: sim.VarHope, Before: 0.3, After: 0.28}, "hope −0.02", "", "life event redundancy", "bad"},
		{sim.Event{Kind: sim.Change, Rule: "reflection-bond", Var: sim.VarBond, Before: 0.3, After: 0.35}, "bond +0.05", "reflection-bond", "", "good"},
		{sim.Event{Kind: sim.Change, Rule: "week:hope", Var: sim.VarHope, Before: 0.3, After: 0.35}, "hope +0.05", "week:hope", "", "good"},
	} {
		d, ok := debrief.Describe(tc.e, sc)
		tone := map[debrief.Tone]string{debrief.Good: "good", debrief.Bad: "bad"}[d.Tone]
		if !ok || d.Head != tc.head || d.Rule != tc.rule || d.By != tc.by || tone != tc.tone {
			t.Errorf("%s by %q: head %q, rule %q, by %q, tone %q; want %q, %q, %q, %q", tc.e.Kind, tc.e.Rule, d.Head, d.Rule, d.By, tone, tc.head, tc.rule, tc.by, tc.tone)
		}
	}
}

// TestDebriefVariablesAndClient: the debrief keeps what the client did
// before the first choice, gives the variables as they stood at each
// choice, and describes every variable set and client-led moment.
func TestDebriefVariablesAndClient(t *testing.T) {
	sc := scenariotest.Load(t, remembers)
	d := build(t, sc, recordChoices(t, sc, "kim", scriptSeeds(t, sc, pathClock, 1)[0], pathClock))

	var opening []string
	for _, e := range d.ClientOpening() {
		desc, _ := debrief.Describe(e, sc)
		opening = append(opening, desc.Head+" ("+desc.By+")")
	}
	if want := []string{"nearly stayed home: no → yes (what Jo said or did)", "hope −0.01 (what Jo said or did)"}; !slices.Equal(opening, want) {
		t.Errorf("before the first choice: %q, want %q", opening, want)
	}
	for i, want := range [][]string{
		{"nearly stayed home: yes", "times asked: 0", "lost job: no"},
		{"nearly stayed home: yes", "times asked: 0", "lost job: no"},
		{"nearly stayed home: yes", "times asked: 0", "lost job: yes"},
	} {
		if got := d.Moments[i].Variables(sc); !slices.Equal(got, want) {
			t.Errorf("choice %d: variables %q, want %q", i+1, got, want)
		}
	}
	var heads []string
	for _, m := range d.Moments {
		for _, e := range m.Changes {
			desc, ok := debrief.Describe(e, sc)
			if !ok {
				continue
			}
			if desc.Rule == "client" || desc.Rule == "option" || strings.Contains(desc.Head, "rule") {
				t.Errorf("choice %d: %+v named as a rule", m.N, desc)
			}
			if e.Kind == sim.VariableSet || e.Rule == "client" || desc.By != "" {
				heads = append(heads, desc.Head+" ("+desc.By+")")
			}
		}
	}
	for _, want := range []string{"Jo started a confrontation rupture (what Jo said or did)", "lost job: no → yes (life event redundancy)", "times asked: 0 → 1 (the option chosen)"} {
		if !slices.Contains(heads, want) {
			t.Errorf("the debrief does not say %q; it says %q", want, heads)
		}
	}
	if got := scenariotest.Load(t, "../sim/testdata/mini.toml"); len(build(t, got, record(t, got, "novice", "ana", 11, 4)).Moments[0].Variables(got)) != 0 {
		t.Error("a scenario without variables shows some")
	}
}

// TestExportsVariablesAndClient: the HTML report and the CSV show the
// variables and what the client did; a scenario without variables looks
// as it did.
func TestExportsVariablesAndClient(t *testing.T) {
	sc := scenariotest.Load(t, remembers)
	d := build(t, sc, recordChoices(t, sc, "kim", scriptSeeds(t, sc, pathClock, 1)[0], pathClock))
	var buf bytes.Buffer
	if err := debrief.WriteHTML(&buf, d); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		"<h2>Before the first choice</h2>",
		"nearly stayed home: no → yes</span>: Saying she nearly stayed away costs Jo a little hope. <span class=\"rule\">(what Jo said or did)</span>",
		"The scenario’s variables when the choice came: nearly stayed home: yes; times asked: 0; lost job: no",
		"Jo started a confrontation rupture (the model&#39;s severity 0.50)</span>: Jo saw the glance at the clock",
		"lost job: no → yes</span>: Jo is made redundant. <span class=\"rule\">(life event redundancy)</span>",
		"<span class=\"rule\">(rupture-unresolved)</span>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report does not say %s", want)
		}
	}
	for _, not := range []string{"(client)", "(option)"} {
		if strings.Contains(page, not) {
			t.Errorf("the report says %s", not)
		}
	}

	buf.Reset()
	if err := debrief.WriteCSV(&buf, d); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := len(debrief.CSVHeader)
	if got, want := rows[0][n:], []string{"var_nearly_stayed_home", "var_times_asked", "var_lost_job"}; !slices.Equal(got, want) {
		t.Fatalf("the variables' columns are %q, want %q", got, want)
	}
	var last []string
	for _, r := range rows[1:] {
		last = append(last, strings.Join(r[n:], ","))
	}
	// Choice 1; choice 2, which ends session 1, and its week, in which Jo
	// loses her job; choice 3, which asks about her mood, and the last week.
	if want := []string{"1,0,0", "1,0,0", "1,0,1", "1,1,1", "1,1,1"}; !slices.Equal(last, want) {
		t.Errorf("the variables by row: %q, want %q", last, want)
	}

	plainSc := scenariotest.Load(t, "../sim/testdata/mini.toml")
	plain := build(t, plainSc, record(t, plainSc, "novice", "ana", 11, 6))
	buf.Reset()
	if err := debrief.WriteHTML(&buf, plain); err != nil {
		t.Fatal(err)
	}
	if s := buf.String(); strings.Contains(s, "variables") || strings.Contains(s, "Before the first choice") {
		t.Error("the report of a scenario without variables speaks of them")
	}
}

// TestClassThen: the class view says, for each option, what followed it
// beside the rules: the variables set and what the client did on their own.
func TestClassThen(t *testing.T) {
	sc := scenariotest.Load(t, remembers)
	clock, warm := scriptSeeds(t, sc, pathClock, 2), scriptSeeds(t, sc, pathWarm, 1)
	var runs []*debrief.Debrief
	for i, r := range []struct {
		path []int
		seed uint64
	}{{pathClock, clock[0]}, {pathClock, clock[1]}, {pathWarm, warm[0]}} {
		runs = append(runs, build(t, sc, recordChoices(t, sc, string(rune('a'+i)), r.seed, r.path)))
	}
	c, err := debrief.BuildClass(sc, runs)
	if err != nil {
		t.Fatal(err)
	}
	hello := c.Points[0]
	if hello.Beat != "hello" {
		t.Fatalf("the first choice point is %s", hello.Beat)
	}
	for i, want := range []string{"times asked: 0 → 1 (1 run)", "Jo started a confrontation rupture (2 runs)"} {
		if got := debrief.ThenWords(hello.Options[i].Then); got != want {
			t.Errorf("option %d: then %q, want %q", i+1, got, want)
		}
	}
	var sb strings.Builder
	if err := debrief.WriteClassText(&sb, c); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sb.String(), "  then, after 2: Jo started a confrontation rupture (2 runs)\n") {
		t.Errorf("the class table does not say what followed option 2:\n%s", sb.String())
	}
}
