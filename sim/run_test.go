package sim_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestEndlessSession (case never-ending-session): a session whose way out
// is never offered, in a way check cannot see (bond can never exceed 1),
// stops at MaxSessionChoices with an error naming the beat, instead of
// going on for ever.
func TestEndlessSession(t *testing.T) {
	data, err := os.ReadFile("testdata/cases/gated-exit-loop.toml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), `when = "homework_due"`, `when = "bond > 2"`, 1)
	sc, err := sim.Load("endless.toml", []byte(src), scenariotest.Model(t))
	if err != nil {
		t.Fatalf("check should pass this one (bond > 2 is beyond what it judges): %v", err)
	}
	r := sim.NewRun(sc, 1)
	var endless *sim.EndlessError
	for k := 0; k <= sim.MaxSessionChoices+1; k++ {
		if _, err = r.Choose(1); err != nil {
			break
		}
	}
	if !errors.As(err, &endless) || endless.Beat != "worry" || endless.Choices != sim.MaxSessionChoices {
		t.Fatalf("after %d choices: %v, want the session stopped at beat \"worry\"", r.Choices(), err)
	}
	if r.Choices() != sim.MaxSessionChoices {
		t.Errorf("%d choices made, want %d", r.Choices(), sim.MaxSessionChoices)
	}
}
