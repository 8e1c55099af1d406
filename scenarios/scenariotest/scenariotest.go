// Package scenariotest loads the shipped scenarios, the default model and
// the shipped policies for tests, failing the test with the reason when one
// does not load, as net/http/httptest serves tests of net/http.
package scenariotest

import (
	"testing"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// Model returns the default process model.
func Model(t testing.TB) *sim.Model {
	t.Helper()
	m, err := scenarios.Model()
	if err != nil {
		t.Fatalf("the default model: %v", err)
	}
	return m
}

// Shipped returns the scenario the simulator opens on (scenarios.Default).
func Shipped(t testing.TB) *sim.Scenario {
	t.Helper()
	return Load(t, scenarios.Default)
}

// Load returns the scenario ref names, on the default model: the id of a
// shipped scenario, or the path of a .toml file.
func Load(t testing.TB, ref string) *sim.Scenario {
	t.Helper()
	sc, _, err := scenarios.Open(Model(t), ref)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// Policy returns the shipped policy with the given id.
func Policy(t testing.TB, id string) *sim.Policy {
	t.Helper()
	p, err := scenarios.OpenPolicy(id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Policies returns every shipped policy, sorted by id.
func Policies(t testing.TB) []*sim.Policy {
	t.Helper()
	ps, err := scenarios.Policies()
	if err != nil {
		t.Fatal(err)
	}
	return ps
}
