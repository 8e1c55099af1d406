package sim_test

import (
	"reflect"
	"testing"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// choiceStarts returns the index in events of each Choice event.
func choiceStarts(events []sim.Event) []int {
	var out []int
	for i, e := range events {
		if e.Kind == sim.Choice {
			out = append(out, i)
		}
	}
	return out
}

// A what if from choice k shares exactly the events of the first k-1
// choices (and what came before them) and differs from choice k on.
func TestWhatIfSharesThePrefixAndDiverges(t *testing.T) {
	m := scenariotest.Model(t)
	sc, _ := recLoad(t, m, "rec-course.toml")
	orig, data, _ := recGame{seed: 5, pattern: []int{3, 1, 2, 1}}.record(t, sc)
	rec := recParsed(t, data)
	before := append([]byte(nil), data...)
	starts := choiceStarts(orig.Events())
	tried := 0
	for k := 1; k <= len(rec.Choices); k++ {
		// The prompt of choice k, to know the options offered.
		head := *rec
		head.Choices = rec.Choices[:k-1]
		at, err := sim.Replay(sc, &head)
		if err != nil {
			t.Fatal(err)
		}
		for o := range at.Prompt().Options {
			option := o + 1
			if option == rec.Choices[k-1].Option {
				continue
			}
			run, from, err := sim.WhatIf(sc, rec, k, option)
			if err != nil {
				t.Fatalf("choice %d option %d: %v", k, option, err)
			}
			tried++
			if from != starts[k-1] {
				t.Fatalf("choice %d: the branch starts at event %d, the original's choice at %d", k, from, starts[k-1])
			}
			a, b := orig.Events()[:from], run.Events()[:from]
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("choice %d option %d: the events before the choice differ", k, option)
			}
			got := run.Events()[from]
			if got.Kind != sim.Choice || got.Option != option {
				t.Fatalf("choice %d: the branch's first event is %+v, want the choice of option %d", k, got, option)
			}
			if reflect.DeepEqual(orig.Events()[from], got) {
				t.Fatalf("choice %d: the branch's choice is the original's", k)
			}
		}
	}
	if tried == 0 {
		t.Fatal("no other option was offered at any choice")
	}
	if string(before) != string(data) {
		t.Fatal("WhatIf changed the recording")
	}
}

func TestWhatIfRefuses(t *testing.T) {
	m := scenariotest.Model(t)
	sc, _ := recLoad(t, m, "rec-course.toml")
	_, data, _ := recGame{seed: 1, pattern: []int{1}}.record(t, sc)
	rec, err := sim.ParseRecording(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ k, option int }{
		{0, 2}, {len(rec.Choices) + 1, 2}, // no such choice
		{1, rec.Choices[0].Option}, // the same option is no what if
		{1, 99},                    // no such option
	} {
		if _, _, err := sim.WhatIf(sc, rec, c.k, c.option); err == nil {
			t.Errorf("WhatIf(k=%d, option=%d) = nil error", c.k, c.option)
		}
	}
	// A damaged fingerprint before k is caught.
	bad := *rec
	bad.Choices = append([]sim.ChoiceRecord(nil), rec.Choices...)
	bad.Choices[0].Fingerprint = "0000000000000000"
	if _, _, err := sim.WhatIf(sc, &bad, 2, 2); err == nil {
		t.Error("WhatIf past a wrong fingerprint = nil error")
	}
}
