package debrief_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// strain is the scenario of these tests: a withdrawal the scenario opens
// after the first choice, a repair offered at the second, and a client who
// finds trust hard (so that the model's dynamics may fail the repair, or
// have the client begin a rupture of their own).
const strain = "testdata/strain.toml"

// pathRepair plays strain: an open question, the repair, the second
// session's one choice.
var pathRepair = []int{1, 1, 1}

// TestDescribeRepairFailed: a repair that did not take is a setback, said
// with the chance the model gave it and the sentence of why, and named by
// the rule that tried it.
func TestDescribeRepairFailed(t *testing.T) {
	sc := scenariotest.Load(t, strain)
	e := sim.Event{Kind: sim.RepairFailed, Session: 1, Turn: 2, Rule: "repair-complete", Rupture: sim.RuptureWithdrawal, Value: 0.62,
		Explain: "The repair did not take this time: the rupture is still open."}
	d, ok := debrief.Describe(e, sc)
	if !ok {
		t.Fatal("a failed repair is not described")
	}
	if got, want := d.HeadAndModel(), "The repair did not take (the model gave it a 62% chance)"; got != want {
		t.Errorf("head %q, want %q", got, want)
	}
	if d.Tone != debrief.Bad || d.Style != debrief.StyleRepairFailed {
		t.Errorf("tone %v, style %+v; want a setback drawn as %+v", d.Tone, d.Style, debrief.StyleRepairFailed)
	}
	if d.Explain != e.Explain || d.Rule != "repair-complete" || d.By != "" {
		t.Errorf("explain %q, rule %q, by %q; want the event's sentence and its rule", d.Explain, d.Rule, d.By)
	}
	if got, want := debrief.StillOpen(e), "the withdrawal rupture is still open"; got != want {
		t.Errorf("StillOpen = %q, want %q", got, want)
	}
}

// TestClientBegan: a rupture the model's client dynamics began (the
// client's, at no beat) is told from one a scenario's moment opened (the
// client's, at its beat) and from one a rule opened; Describe heads both
// of the client's alike, and says they are the client's.
func TestClientBegan(t *testing.T) {
	sc := scenariotest.Load(t, strain)
	for _, tc := range []struct {
		e    sim.Event
		want bool
	}{
		{sim.Event{Kind: sim.RuptureOpened, Rule: sim.ByClient, Rupture: sim.RuptureWithdrawal, Value: 0.4}, true},
		{sim.Event{Kind: sim.RuptureOpened, Rule: sim.ByClient, Beat: "strain", Rupture: sim.RuptureWithdrawal, Value: 0.3}, false},
		{sim.Event{Kind: sim.RuptureOpened, Rule: "advice-reactance", Rupture: sim.RuptureWithdrawal, Value: 0.3}, false},
		{sim.Event{Kind: sim.RuptureDeepened, Rule: sim.ByClient, Rupture: sim.RuptureWithdrawal, Value: 0.5}, false},
	} {
		if got := debrief.ClientBegan(tc.e); got != tc.want {
			t.Errorf("ClientBegan(%s by %q at beat %q) = %v, want %v", tc.e.Kind, tc.e.Rule, tc.e.Beat, got, tc.want)
		}
		if d, _ := debrief.Describe(tc.e, sc); tc.e.Rule == sim.ByClient && tc.e.Kind == sim.RuptureOpened &&
			(d.Head != "Lee started a withdrawal rupture" || d.By != "what Lee said or did") {
			t.Errorf("%+v described as %q by %q", tc.e, d.Head, d.By)
		}
	}
}

// TestRepairFailedInDebrief: a recorded run whose repair did not take
// shows it at its choice, as a mark of the ruptures' lane in the legend of
// the chart, and in the report with its sentence and in the outcome.
func TestRepairFailedInDebrief(t *testing.T) {
	sc := scenariotest.Load(t, strain)
	seed := seedsWhere(t, sc, pathRepair, 1, has(sim.RepairFailed, nil))[0]
	d := build(t, sc, recordChoices(t, sc, "kim", seed, pathRepair))

	var failed *sim.Event
	for i, e := range d.Moments[1].Changes {
		if e.Kind == sim.RepairFailed {
			failed = &d.Moments[1].Changes[i]
		}
	}
	if failed == nil {
		t.Fatalf("seed %d: the repair at choice 2 did not fail: %+v", seed, d.Moments[1].Changes)
	}
	want := debrief.Mark{Choice: 2, Kind: debrief.MarkRepairFailed, Text: "withdrawal"}
	if !slices.Contains(d.Marks, want) {
		t.Errorf("marks %+v, want %+v among them", d.Marks, want)
	}
	st, lane, ok := debrief.MarkStyle(want)
	if !ok || lane != 0 || st != debrief.StyleRepairFailed {
		t.Errorf("the mark is drawn as %+v in lane %d (shown %v), want %+v in the ruptures' lane", st, lane, ok, debrief.StyleRepairFailed)
	}
	c := debrief.Layout(d, 1600, 900, debrief.ChartOptions{Text: 18})
	legend := false
	for _, s := range c.Shapes {
		legend = legend || s.Kind == debrief.ShapeText && s.Text == "repair failed"
	}
	if !legend {
		t.Error("the chart's legend of marks does not name the failed repair")
	}

	var buf bytes.Buffer
	if err := debrief.WriteHTML(&buf, d); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, w := range []string{
		fmt.Sprintf(`<span class="down">The repair did not take (the model gave it a %.0f%% chance)</span>: `, 100*failed.Value),
		"1 opened, 0 repaired, 0 eased; 1 begun by Lee; 1 repair did not take</td>",
		"ruptures and repairs that did not take in the first lane of marks",
	} {
		if !strings.Contains(page, w) {
			t.Errorf("the report does not say %s", w)
		}
	}
}

// TestMarkStyles: each mark of the timeline has a style of its own (no
// two alike in glyph and colour, no two named alike), and in the
// ruptures' lane, where a failed repair goes, no two share a glyph.
func TestMarkStyles(t *testing.T) {
	kinds := []debrief.Mark{
		{Kind: debrief.MarkRuptureOpened}, {Kind: debrief.MarkRuptureDeepened}, {Kind: debrief.MarkRuptureRepaired},
		{Kind: debrief.MarkRuptureEased}, {Kind: debrief.MarkRepairFailed},
		{Kind: debrief.MarkHomework, Text: string(sim.Full)}, {Kind: debrief.MarkHomework, Text: string(sim.Partial)},
		{Kind: debrief.MarkHomework, Text: string(sim.NotDone)}, {Kind: debrief.MarkNotOnTrack},
		{Kind: debrief.MarkLifeEvent}, {Kind: debrief.MarkDropout},
	}
	type look struct {
		glyph debrief.Glyph
		color string
	}
	looks, names := map[look]string{}, map[string]bool{}
	lane0 := map[debrief.Glyph]string{}
	for _, m := range kinds {
		st, lane, ok := debrief.MarkStyle(m)
		if !ok {
			t.Errorf("%+v has no style", m)
			continue
		}
		l := look{st.Glyph, fmt.Sprint(st.Color)}
		if other, dup := looks[l]; dup {
			t.Errorf("%q looks like %q", st.Name, other)
		}
		looks[l] = st.Name
		if names[st.Name] {
			t.Errorf("two marks are named %q", st.Name)
		}
		names[st.Name] = true
		if lane == 0 {
			if other, dup := lane0[st.Glyph]; dup {
				t.Errorf("in the ruptures' lane %q has the glyph of %q", st.Name, other)
			}
			lane0[st.Glyph] = st.Name
		}
	}
	if _, lane, _ := debrief.MarkStyle(debrief.Mark{Kind: debrief.MarkRepairFailed}); lane != 0 {
		t.Errorf("a failed repair is marked in lane %d, not with the ruptures", lane)
	}
}

// TestClassThenDynamics: the class view says after which option a repair
// did not take, and in how many runs; a rupture the client began of their
// own accord is left out of what followed an option (the model times it
// as the session begins), while the scenario's moment it turned into a
// deepening is kept.
func TestClassThenDynamics(t *testing.T) {
	sc := scenariotest.Load(t, strain)
	fail := seedsWhere(t, sc, pathRepair, 1, func(ev []sim.Event) bool {
		return has(sim.RepairFailed, nil)(ev) && !has(sim.RuptureOpened, debrief.ClientBegan)(ev)
	})[0]
	hold := seedsWhere(t, sc, pathRepair, 1, func(ev []sim.Event) bool {
		return has(sim.RuptureRepaired, nil)(ev) && scriptOnly(ev)
	})[0]
	began := seedsWhere(t, sc, pathRepair, 1, func(ev []sim.Event) bool {
		return has(sim.RuptureOpened, func(e sim.Event) bool { return debrief.ClientBegan(e) && e.Session == 1 && e.Turn == 1 })(ev) &&
			!has(sim.RepairFailed, nil)(ev)
	})[0]
	var runs []*debrief.Debrief
	for i, seed := range []uint64{fail, hold, began} {
		runs = append(runs, build(t, sc, recordChoices(t, sc, string(rune('a'+i)), seed, pathRepair)))
	}
	c, err := debrief.BuildClass(sc, runs)
	if err != nil {
		t.Fatal(err)
	}
	then := map[string]string{}
	for _, p := range c.Points {
		for i, o := range p.Options {
			if len(o.Then) > 0 {
				then[fmt.Sprintf("%s %d", p.Beat, i+1)] = debrief.ThenWords(o.Then)
			}
		}
	}
	want := map[string]string{
		// Two runs met the scenario's strain as it was written; in the
		// third the client had pulled back already, and it deepened.
		"hello 1":  "Lee started a withdrawal rupture (2 runs); Lee deepened the withdrawal rupture (1 run)",
		"strain 1": "The repair did not take: the withdrawal rupture is still open (1 run)",
	}
	for k, w := range want {
		if then[k] != w {
			t.Errorf("then, after %s: %q, want %q (seeds %d, %d, %d)", k, then[k], w, fail, hold, began)
		}
	}
	for k, got := range then {
		if want[k] == "" {
			t.Errorf("then, after %s: %q, want nothing", k, got)
		}
	}
	var sb strings.Builder
	if err := debrief.WriteClassText(&sb, c); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sb.String(), "  then, after 1: The repair did not take: the withdrawal rupture is still open (1 run)\n") {
		t.Errorf("the class table does not say the repair did not take:\n%s", sb.String())
	}
}
