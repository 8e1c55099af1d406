package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

var rulesCommand = &command{
	name:    "rules",
	args:    "[--act ACT] [SCENARIO]",
	summary: "print the model's rules as a scenario runs them",
	help: `Prints the rules of the model that a scenario runs: for each, its id, where it
is written (the model's file, or the scenario's when the scenario adds or
replaces it), the acts that can trigger it, its condition, what it changes,
the sentence a debrief shows when it fires and its source (the research
behind it, as docs/model.md cites it, or the assumption it makes).
SCENARIO is a shipped id or a .toml file (default: the shipped course);
--act shows only the rules an act can trigger.

To change a rule for your scenario, copy it into the scenario as a [[rules]]
table with the same id, then edit the copy: it replaces the model's rule for
this scenario only. To switch a rule off, give its id and disabled = true.
For example, at the end of the scenario's file:

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
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		act := fs.String("act", "", "only the rules `ACT` can trigger")
		return func(args []string) error {
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
		return usagef("--act %s: no such act; 'therasim help run' and docs/format.md list them", act)
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
		printRule(a.stdout, r, width)
	}
	fmt.Fprintf(a.stdout, "%s of scenario %s.\n", debrief.Count(n, "rule", "rules"), sc.ID)
	return nil
}

// printRule writes one rule as 'therasim rules' shows it, each field
// wrapped at width under its name.
func printRule(w io.Writer, r sim.RuleInfo, width int) {
	fmt.Fprintf(w, "%s  (%s:%d)\n", r.ID, r.File, r.Line)
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
	field("changes", strings.Join(r.Effects, "\n"))
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
