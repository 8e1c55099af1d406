package sim_test

import (
	"fmt"
	"strings"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

const exampleScenario = `
[scenario]
id = "example"
title = "A first meeting"

[client]
name = "Sam"
[client.traits]
reactance = 0.7
motivation = 0.5
attachment = 0.5
homework_attitude = 0.5
mindedness = 0.5
support = 0.5
[client.initial]
bond = 0.3
task = 0.3
goal = 0.3
hope = 0.3
symptoms = 90

[[sessions]]
id = "s1"
title = "First"
[[sessions.beats]]
id = "hello"
inner = "I don't know if this is for me."
[[sessions.beats.says]]
text = "My GP said I should come."
cues = "arms folded"
[[sessions.beats.options]]
text = "Coming here wasn't quite your idea."
act = "empathic_reflection"
next = "end"
[[sessions.beats.options]]
text = "You should give it a real try."
act = "advice"
next = "end"
`

// loadExample loads the example scenario on the default model.
func loadExample() *sim.Scenario {
	m, err := scenarios.Model()
	if err != nil {
		panic(err)
	}
	sc, err := sim.Load("example.toml", []byte(exampleScenario), m)
	if err != nil {
		panic(err)
	}
	return sc
}

// A run is driven by Prompt and Choose; every change of state comes back as
// an event naming the rule that made it.
func ExampleNewRun() {
	sc := loadExample()
	r := sim.NewRun(sc, 42)
	p := r.Prompt()
	fmt.Printf("%s: %q (%s)\n", sc.Client.Name, p.Lines[0].Text, p.Lines[0].Cues)
	for _, o := range p.Options {
		fmt.Printf("%d) %s [%s]\n", o.Number, o.Text, o.Act)
	}
	events, err := r.Choose(2)
	if err != nil {
		panic(err)
	}
	for _, e := range events {
		if e.Kind == sim.SessionEnd {
			break // the week follows; see the golden files for whole runs
		}
		if e.Kind == sim.Change {
			fmt.Printf("%s %.3f -> %.3f by %s: %s\n", e.Var, e.Before, e.After, e.Rule, e.Explain)
		}
	}
	// Output:
	// Sam: "My GP said I should come." (arms folded)
	// 1) Coming here wasn't quite your idea. [empathic_reflection]
	// 2) You should give it a real try. [advice]
	// bond 0.300 -> 0.287 by advice-reactance: Unsolicited advice tells the client what to do; a client who values autonomy pushes back.
	// task 0.300 -> 0.281 by advice-reactance: Unsolicited advice tells the client what to do; a client who values autonomy pushes back.
	// bond 0.287 -> 0.276 by advice-withdrawal: Told what to do before trusting the therapist, the client agrees on the surface and withdraws.
}

// Load reports every mistake in a scenario with its line and column.
func ExampleLoad() {
	m, err := scenarios.Model()
	if err != nil {
		panic(err)
	}
	typo := strings.Replace(exampleScenario, "title = \"A first", "titel = \"A first", 1)
	_, err = sim.Load("typo.toml", []byte(typo), m)
	fmt.Println(err)
	// Output:
	// typo.toml:2:1: scenario needs a title
	// typo.toml:4:1: unknown key "titel" in scenario (did you mean "title"?)
}

// The state at any event of a choice is the state before it with the
// choice's events folded over it: here, the session as it ended, before the
// week that followed it changed anything.
func ExampleState_Apply() {
	sc := loadExample()
	r := sim.NewRun(sc, 42)
	st := r.State()
	events, err := r.Choose(1) // the session's only choice: the week follows
	if err != nil {
		panic(err)
	}
	for _, e := range events {
		st.Apply(e)
		if e.Kind == sim.SessionEnd {
			break
		}
	}
	fmt.Printf("as the session ended: bond %.3f, symptoms %.1f\n", st.Bond, st.Symptoms)
	after := r.State()
	fmt.Printf("after the week: bond %.3f, symptoms %.1f\n", after.Bond, after.Symptoms)
	// Output:
	// as the session ended: bond 0.356, symptoms 90.0
	// after the week: bond 0.378, symptoms 90.8
}
