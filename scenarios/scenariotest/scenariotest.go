// Package scenariotest loads the shipped scenarios, the default model and
// the shipped policies for tests, failing the test with the reason when one
// does not load, as net/http/httptest serves tests of net/http.
package scenariotest

import (
	"os"
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
	sc, _, err := scenarios.Open(Model(t), scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// Load returns the scenario in the file at path, on the default model.
func Load(t testing.TB, path string) *sim.Scenario {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := sim.Load(path, data, Model(t))
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
