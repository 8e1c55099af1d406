package debrief_test

import (
	"strings"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestDescribe: every event a debrief lists is described, a change by its
// variable, its signed amount, its values and its rule's sentence, with a
// tone that says whether it was good for the client.
func TestDescribe(t *testing.T) {
	sc := scenariotest.Shipped(t)
	d := build(t, sc, record(t, sc, "novice", "ana", 11, -1))
	kinds := map[sim.EventKind]bool{}
	down := false
	for _, m := range d.Moments {
		for _, e := range m.Changes {
			desc, ok := debrief.Describe(e, sc)
			switch e.Kind {
			case sim.Choice, sim.ClientSays:
				if ok {
					t.Errorf("choice %d: %s described as %+v; the debrief shows it otherwise", m.N, e.Kind, desc)
				}
				continue
			}
			if !ok || desc.Head == "" {
				t.Errorf("choice %d: %+v not described", m.N, e)
				continue
			}
			kinds[e.Kind] = true
			if e.Kind != sim.Change {
				continue
			}
			if !strings.HasPrefix(desc.Head, e.Var.Label()+" ") || desc.Explain != e.Explain || desc.Rule != e.Rule || !strings.Contains(desc.Values, " → ") {
				t.Errorf("choice %d: %+v described as %+v", m.N, e, desc)
			}
			if good := e.Var.Better(e.Before, e.After); good != (desc.Tone == debrief.Good) {
				t.Errorf("choice %d: %s from %v to %v has tone %v", m.N, e.Var, e.Before, e.After, desc.Tone)
			}
			if e.After < e.Before && strings.Contains(desc.Head, " −") {
				down = true
			}
		}
	}
	if !down {
		t.Error("no change downwards is written with a minus sign")
	}
	for _, k := range []sim.EventKind{sim.Change, sim.HomeworkSet, sim.HomeworkOutcome, sim.MeasureWAI, sim.MeasureOQ, sim.SessionStart, sim.SessionEnd} {
		if !kinds[k] {
			t.Errorf("the run had no %s event to describe", k)
		}
	}
}

func TestSigned(t *testing.T) {
	for _, tt := range []struct {
		d    float64
		prec int
		want string
	}{{0.05, 2, "+0.05"}, {-0.08, 2, "−0.08"}, {-0.001, 2, "+0.00"}, {2.6, 1, "+2.6"}} {
		if got := debrief.Signed(tt.d, tt.prec); got != tt.want {
			t.Errorf("Signed(%v, %d) = %q, want %q", tt.d, tt.prec, got, tt.want)
		}
	}
}
