package main

import (
	"flag"
	"fmt"
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
replaces it), the acts that can trigger it, its condition, what it changes
and the sentence a debrief shows when it fires. SCENARIO is a shipped id or
a .toml file (default: the shipped course); --act shows only the rules an
act can trigger.

To change a rule for your scenario, give a [[rules]] table with the same id
in the scenario: yours replaces the model's; disabled = true switches it off
(docs/format.md, "Adding or changing rules").

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
	n := 0
	for _, r := range sc.Rules() {
		if act != "" && len(r.Acts) > 0 && !slices.Contains(r.Acts, act) {
			continue
		}
		n++
		fmt.Fprintf(a.stdout, "%s  (%s:%d)\n", r.ID, r.File, r.Line)
		acts := "every act"
		if len(r.Acts) > 0 {
			var names []string
			for _, x := range r.Acts {
				names = append(names, string(x))
			}
			acts = strings.Join(names, ", ")
		}
		fmt.Fprintf(a.stdout, "  acts:    %s\n", acts)
		if r.When != "" {
			fmt.Fprintf(a.stdout, "  when:    %s\n", r.When)
		}
		if len(r.Effects) > 0 {
			fmt.Fprintf(a.stdout, "  changes: %s\n", strings.Join(r.Effects, "; "))
		}
		if r.Opens != "" {
			fmt.Fprintf(a.stdout, "  opens:   a %s rupture of severity %s\n", r.Opens, r.Severity)
		}
		if r.Repairs {
			fmt.Fprintf(a.stdout, "  repairs: the open rupture\n")
		}
		if r.Explain != "" {
			fmt.Fprintf(a.stdout, "  says:    %s\n", r.Explain)
		}
		fmt.Fprintln(a.stdout)
	}
	fmt.Fprintf(a.stdout, "%s of scenario %s.\n", debrief.Count(n, "rule", "rules"), sc.ID)
	return nil
}
