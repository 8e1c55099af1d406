package main

import (
	"strings"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// remembers is a scenario with variables and moments its client leads.
const remembers = "../../debrief/testdata/remembers.toml"

// The seeds TestRunVariables plays remembers with: the clock glanced at
// and a defensive answer (2,2,1), and a warm welcome (1,1,1).
// TestRunVariablesSeeds holds them to runs of the script alone.
const (
	remembersClock = 2
	remembersWarm  = 1
)

// TestRunVariablesSeeds: at the seeds of TestRunVariables the model's
// client dynamics begin no rupture and fail no repair, so that its
// transcripts show the scenario's moments (Jo's rupture at the clock is
// the one the scenario writes, not one the model had her begin first,
// which the clock would then only deepen) and the warm welcome stays
// free of strain.
func TestRunVariablesSeeds(t *testing.T) {
	sc := scenariotest.Load(t, remembers)
	scriptOnly := func(r *sim.Run) bool {
		for _, e := range r.Events() {
			if debrief.ClientBegan(e) || e.Kind == sim.RepairFailed {
				return false
			}
		}
		return true
	}
	pinnedSeed(t, sc, remembersClock, []int{2, 2, 1}, "the script alone", scriptOnly)
	pinnedSeed(t, sc, remembersWarm, []int{1, 1, 1}, "the script alone", scriptOnly)
}

// TestRunVariables: the transcript shows the variables set and what the
// client did on their own, v shows the variables' values, and --rules
// names the rule (or what else) behind each change, during play and, in
// assessment mode, at the end.
func TestRunVariables(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
	}{
		{"remembers-rules", []string{"--seed", itoa(remembersClock), "--choices", "2", "--rules", remembers}, "v\n2\nv\n1\n"},
		{"remembers-assess", []string{"--assess", "--rules", "--seed", itoa(remembersClock), "--choices", "2,2,1", remembers}, ""},
		{"remembers-warm", []string{"--seed", itoa(remembersWarm), "--choices", "1,1,1", remembers}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := therasim(t, tc.stdin, append([]string{"run"}, tc.args...)...)
			r.want(t, exitOK)
			if r.stderr != "" {
				t.Errorf("stderr: %s", r.stderr)
			}
			golden(t, "run-"+tc.name, r.stdout)
		})
	}
}

// TestRunNoVariables: v in a scenario without variables says so, and the
// transcript never offers it.
func TestRunNoVariables(t *testing.T) {
	r := therasim(t, "v\n1\n1\n", "run", "--seed", "42", "--choices", "2", "testdata/mini.toml")
	r.want(t, exitOK)
	if !strings.Contains(r.stdout, "Your choice (1-2): v\n  This scenario keeps no variables.\n") {
		t.Errorf("v does not say there are none:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "type v") {
		t.Errorf("the transcript offers v:\n%s", r.stdout)
	}
}
