package sim

import (
	"math"
	"os"
	"testing"
)

// expressions gathers every condition and amount of a scenario.
func expressions(sc *Scenario) (conds []*condition, vals []value) {
	add := func(es []effect) {
		for _, e := range es {
			vals = append(vals, e.amt)
		}
	}
	for _, r := range sc.rules {
		conds = append(conds, r.when)
		add(r.effects)
		vals = append(vals, r.severity)
	}
	sets := func(as []assign) {
		for _, a := range as {
			conds = append(conds, a.cond)
			vals = append(vals, a.to)
		}
	}
	moment := func(m *moment) {
		if m != nil {
			add(m.effects)
			sets(m.sets)
			vals = append(vals, m.severity)
		}
	}
	for _, s := range sc.Sessions {
		for _, b := range s.Beats {
			moment(b.moment)
			for _, y := range b.says {
				conds = append(conds, y.when)
				moment(y.moment)
			}
			for _, o := range b.Options {
				conds = append(conds, o.when)
				add(o.effects)
				sets(o.sets)
			}
		}
	}
	for _, ev := range sc.events {
		conds = append(conds, ev.when)
		add(ev.effects)
		sets(ev.sets)
	}
	return conds, vals
}

// randomEnv fills an Env from a generator, with corner values now and then.
func randomEnv(g *rng) Env {
	u := func() float64 {
		switch x := g.float(); {
		case x < 0.05:
			return 0
		case x < 0.1:
			return 1
		}
		return g.float()
	}
	pick := func(s ...string) string { return s[int(g.float()*float64(len(s)))] }
	act := Acts()[int(g.float()*float64(len(Acts())))]
	// Scenario variables: flags read any value as true but 0, counters
	// any number; more than any test scenario declares.
	vars := make([]float64, 64)
	for i := range vars {
		switch x := g.float(); {
		case x < 0.4:
			vars[i] = 0
		case x < 0.7:
			vars[i] = 1
		default:
			vars[i] = float64(int(g.float()*10)) - 2
		}
	}
	e := Env{Vars: vars, Bond: u(), Task: u(), Goal: u(), Hope: u(), Alliance: u(), Symptoms: 180 * u(),
		Intake: 180 * u(), Improvement: 60*u() - 30, Session: int(g.float() * 8), Turn: int(g.float() * 12),
		Rupture: pick("none", "withdrawal", "confrontation"), RuptureSeverity: u(), RuptureTurns: int(g.float() * 5),
		HomeworkDue: g.float() < 0.5, HomeworkDone: pick("", "none", "partial", "full"),
		HomeworkReviewed: g.float() < 0.5, HomeworkAssigned: g.float() < 0.5, NotOnTrack: g.float() < 0.3,
		Act: string(act), Attr: Attrs{Kind: pick("", "thought_record", "activity_schedule"),
			Collaborative: g.float() < 0.5, Rationale: g.float() < 0.5, Specific: g.float() < 0.5,
			Written: g.float() < 0.5, Matched: g.float() < 0.5, Obstacles: g.float() < 0.5,
			Acknowledges: g.float() < 0.5, Difficulty: u(), Warmth: u()},
		Traits: Traits{u(), u(), u(), u(), u(), u()}}
	e.sync() // the slots the closures read
	return e
}

// TestFastAgreesWithVM: the closure of every expression in the model, the
// shipped scenario and a table of extra forms gives bit for bit what expr's
// VM gives, over thousands of random states.
func TestFastAgreesWithVM(t *testing.T) {
	sc := testScenario(t)
	data, err := os.ReadFile("../scenarios/cbt-depression.toml")
	if err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile("../scenarios/model.toml")
	m, err := LoadModel("model.toml", md)
	if err != nil {
		t.Fatal(err)
	}
	shippedSc, err := Load("cbt-depression.toml", data, m)
	if err != nil {
		t.Fatal(err)
	}
	conds, vals := expressions(shippedSc)
	c2, v2 := expressions(sc)
	conds, vals = append(conds, c2...), append(vals, v2...)
	clock, err := os.ReadFile("testdata/variables/clock.toml")
	if err != nil {
		t.Fatal(err)
	}
	clockSc, err := Load("clock.toml", clock, m)
	if err != nil {
		t.Fatal(err)
	}
	c3, v3 := expressions(clockSc)
	conds, vals = append(conds, c3...), append(vals, v3...)
	ld := &loader{file: "extra"}
	for _, src := range []string{
		"!(bond < 0.5) || not homework_due", "rupture in [\"withdrawal\", \"confrontation\"]",
		"session >= 2 and turn != 3", "homework_done == \"\"", "attr.kind == \"thought_record\" && attr.written",
		"(bond > 0.5 ? task : goal) > 0.3", "hope == 1", "-bond < -0.5",
	} {
		conds = append(conds, ld.condition("x", src))
	}
	for _, src := range []string{
		"0.1 - 0.06 * traits.reactance", "bond / (task + 0.001)", "abs(bond - task)", "min(bond, task) + max(hope, goal)",
		"round(symptoms / 10)", "floor(hope * 10) - ceil(goal * 3)", "session * 2 - turn", "bond > 0.5 ? 0.1 : -0.1",
		"-(0.1 * improvement) + intake / 180", "rupture_turns + rupture_severity",
	} {
		vals = append(vals, ld.value("x", amount{set: true, expr: true, src: src}))
	}
	if len(ld.probs) > 0 {
		t.Fatal(ld.probs)
	}
	r := NewRun(sc, 1)
	g := newRNG(7)
	fastN, slowN := 0, 0
	for _, c := range conds {
		if c == nil {
			continue
		}
		if c.fast == nil {
			slowN++
			t.Logf("condition runs on the VM: %s", c.src)
			continue
		}
		fastN++
		for i := 0; i < 2000; i++ {
			r.env = randomEnv(g)
			want := r.cond(&condition{prog: c.prog, src: c.src}, "vm", "")
			if got := c.fast(&r.env); got != want {
				t.Fatalf("%s: closure %v, VM %v, env %+v", c.src, got, want, r.env)
			}
		}
	}
	for _, v := range vals {
		if !v.set || v.prog == nil && v.fast == nil {
			continue
		}
		if v.fast == nil {
			slowN++
			t.Logf("amount runs on the VM: %s", v.src)
			continue
		}
		fastN++
		for i := 0; i < 2000; i++ {
			r.env = randomEnv(g)
			want := r.vmNum(v, "vm")
			got := v.fast(&r.env)
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("%s: closure %v, VM %v, env %+v", v.src, got, want, r.env)
			}
		}
	}
	if slowN > 0 {
		t.Errorf("%d expressions of the model and scenarios run on the VM; the closure compiler should cover them", slowN)
	}
	t.Logf("%d expressions checked", fastN)
}
