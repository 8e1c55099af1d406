package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

var rulesCommand = &command{
	name:    "rules",
	args:    "[--act ACT] [SCENARIO]  or  therasim rules --print-model",
	summary: "print the model's rules as a scenario runs them",
	help: `Prints the rules of the model that a scenario runs: for each, its id, where it
is written, the acts that can trigger it, its condition, what it changes,
the sentence a debrief shows when it fires and its source (the research
behind it, as docs/model.md cites it, or the assumption it makes).
SCENARIO is a shipped id or a .toml file (default: the shipped course);
--act shows only the rules an act can trigger (docs/format.md, section 10,
lists the acts).

A rule's changes are added to what they change: "bond by −0.04" lowers
the bond by 0.04, "hope by +0.01" raises hope, and an amount in brackets,
"bond by (0.1 - 0.06 * traits.reactance)", is worked out when the rule
fires. In a scenario's [[rules]] they are written effects = { bond = -0.04 }.

Where a rule is written: "built-in model, line 175" is a line of the model
built into TheraSim (scenarios/model.toml in its source);
'therasim rules --print-model' prints that file whole, to read or to copy
("therasim rules --print-model > model.toml"). A rule your scenario adds or
replaces is shown at its line in your file ("my.toml:310").

To change a rule for your scenario, copy its [[rules]] table from the model
(at the line shown) to the end of your scenario, keep its id, then edit the
copy: it replaces the model's rule for this scenario only. To switch a rule off, give its id and disabled = true.
For example:

  [[rules]]
  id = "advice-reactance"
  acts = ["advice"]
  explain = "This client asked for advice; it lands as help, not as an order."
  effects = { task = 0.02 }

  [[rules]]
  id = "self-disclosure-early"
  disabled = true

Then 'therasim rules SCENARIO' shows the copy as written in your file, and
'therasim check SCENARIO' checks it (docs/format.md, "Adding or changing
rules").

Examples:
  therasim rules
  therasim rules --act interpretation my.toml
  therasim rules --print-model > model.toml
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		act := fs.String("act", "", "only the rules `ACT` can trigger")
		printModel := fs.Bool("print-model", false, "print the built-in model's file, scenarios/model.toml, as it is")
		return func(args []string) error {
			if *printModel {
				if len(args) > 0 || *act != "" {
					return usagef("--print-model prints the whole built-in model: give it no scenario and no --act")
				}
				return a.printModel()
			}
			if len(args) > 1 {
				return usagef("rules takes at most one scenario")
			}
			ref := scenarios.Default
			if len(args) == 1 {
				ref = args[0]
			}
			return a.rules(ref, sim.Act(*act))
		}
	},
}

// rules prints the rules scenario ref runs (those act can trigger, when act
// is not "").
func (a *app) rules(ref string, act sim.Act) error {
	if act != "" && !act.Valid() {
		var acts []string
		for _, x := range sim.Acts() {
			acts = append(acts, string(x))
		}
		near := ""
		if s := sim.Suggest(string(act), acts); s != "" {
			near = fmt.Sprintf(" (did you mean %q?)", s)
		}
		return usagef("--act %s: no such act%s; docs/format.md, section 10 (the act vocabulary), lists them", act, near)
	}
	m, err := scenarios.Model()
	if err != nil {
		return fmt.Errorf("the default model does not load:\n%w", err)
	}
	sc, err := a.openScenario(m, ref)
	if err != nil {
		return err
	}
	width := wrapWidth(a.cols(a.stdout)())
	n := 0
	for _, r := range sc.Rules() {
		if act != "" && len(r.Acts) > 0 && !slices.Contains(r.Acts, act) {
			continue
		}
		n++
		printRule(a.stdout, r, where(r), width)
	}
	fmt.Fprintf(a.stdout, "%s of scenario %s.\n", debrief.Count(n, "rule", "rules"), sc.ID)
	return nil
}

// builtinModel is the name rules of the built-in model give as their file.
const builtinModel = "scenarios/" + scenarios.ModelFile

// where says where a rule is written: a line of the built-in model, which
// a reader outside TheraSim's source cannot open by that name ('therasim
// rules --print-model' prints it), or FILE:LINE of a scenario.
func where(r sim.RuleInfo) string {
	if r.File == builtinModel {
		return fmt.Sprintf("built-in model, line %d", r.Line)
	}
	return fmt.Sprintf("%s:%d", r.File, r.Line)
}

// printModel writes the built-in model's file, byte for byte.
func (a *app) printModel() error {
	m, err := scenarios.Model()
	if err != nil {
		return fmt.Errorf("the built-in model does not load:\n%w", err)
	}
	data := scenarios.Embedded(m.Hash())
	if data == nil {
		return fmt.Errorf("the built-in model's file is not among the embedded files")
	}
	_, err = a.stdout.Write(data)
	return err
}

// change writes one of a rule's effects, "bond = -0.04" as sim.RuleInfo
// gives it, as a change by an amount: "bond by −0.04", "hope by +0.01",
// "bond by (0.1 - 0.06 * traits.reactance)". Written "bond = -0.04", it
// would read as setting the bond to −0.04.
func change(effect string) string {
	name, amount, ok := strings.Cut(effect, " = ")
	if !ok {
		return effect
	}
	if _, err := strconv.ParseFloat(amount, 64); err != nil {
		return name + " by (" + amount + ")"
	}
	switch amount[0] {
	case '-':
		amount = "−" + amount[1:]
	case '+':
	default:
		amount = "+" + amount
	}
	return name + " by " + amount
}

// printRule writes one rule as 'therasim rules' shows it, under the place
// it is written, each field wrapped at width under its name.
func printRule(w io.Writer, r sim.RuleInfo, place string, width int) {
	fmt.Fprintf(w, "%s  (%s)\n", r.ID, place)
	field := func(name, text string) {
		if text == "" {
			return
		}
		for _, l := range wrap(text, width, fmt.Sprintf("  %-9s", name+":"), strings.Repeat(" ", 11)) {
			fmt.Fprintln(w, l)
		}
	}
	acts := "every act"
	if len(r.Acts) > 0 {
		var names []string
		for _, x := range r.Acts {
			names = append(names, string(x))
		}
		acts = strings.Join(names, ", ")
	}
	field("acts", acts)
	field("when", r.When)
	var changes []string
	for _, e := range r.Effects {
		changes = append(changes, change(e))
	}
	field("changes", strings.Join(changes, "\n"))
	if r.Opens != "" {
		field("opens", fmt.Sprintf("a %s rupture of severity %s", r.Opens, r.Severity))
	}
	if r.Repairs {
		field("repairs", "the open rupture")
	}
	field("says", r.Explain)
	field("source", r.Source)
	fmt.Fprintln(w)
}
