package debrief_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// record plays a course of sc with policy id from seed, recording it, and
// returns the recording's bytes. upto stops it after that many choices (-1:
// the whole course).
func record(t testing.TB, sc *sim.Scenario, id, trainee string, seed uint64, upto int) []byte {
	t.Helper()
	var buf bytes.Buffer
	r := sim.NewRun(sc, seed)
	rec, err := sim.NewRecorder(&buf, sim.NewHeader(r, trainee, "2026-01-12T10:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	c := scenariotest.Policy(t, id).Chooser(seed)
	for n := 0; !r.Done() && n != upto; n++ {
		ev, err := r.Choose(c.Pick(r))
		if err != nil {
			t.Fatal(err)
		}
		if err := rec.Record(r, ev); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// recordFile records a course into dir/name and returns the path.
func recordFile(t testing.TB, dir, name string, sc *sim.Scenario, id string, seed uint64) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, record(t, sc, id, name, seed, -1), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// build parses and builds a recording.
func build(t testing.TB, sc *sim.Scenario, data []byte) *debrief.Debrief {
	t.Helper()
	rec, err := sim.ParseRecording(data)
	if err != nil {
		t.Fatal(err)
	}
	d, err := debrief.Build(sc, rec)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// seedsWhere returns the first n seeds, from 1 on, at which sc played
// with choices (an index past them ends the run there) has events that ok
// accepts. The model's client dynamics (ruptures the client begins,
// repairs that do not take) make what a course shows depend on its seed;
// a test that needs a run where one of them happens, or where none does,
// finds its seeds, so that it shows what it means to show whatever the
// engine's draws.
func seedsWhere(t testing.TB, sc *sim.Scenario, choices []int, n int, ok func([]sim.Event) bool) []uint64 {
	t.Helper()
	var out []uint64
	for seed := uint64(1); seed <= 500 && len(out) < n; seed++ {
		r := sim.NewRun(sc, seed)
		for _, c := range choices {
			if r.Done() {
				break
			}
			if _, err := r.Choose(c); err != nil {
				t.Fatal(err)
			}
		}
		if ok(r.Events()) {
			out = append(out, seed)
		}
	}
	if len(out) < n {
		t.Fatalf("only %d of the first 500 seeds of %s played %v give the run the test needs, not %d", len(out), sc.ID, choices, n)
	}
	return out
}

// scriptOnly accepts the events of a run in which the model's client
// dynamics left the ruptures to the scenario and its rules: the client
// began none of their own accord and every repair held.
func scriptOnly(ev []sim.Event) bool {
	for _, e := range ev {
		if debrief.ClientBegan(e) || e.Kind == sim.RepairFailed {
			return false
		}
	}
	return true
}

// has returns an ok for seedsWhere that accepts the events of a run with
// an event of kind k that f accepts (f nil: any).
func has(k sim.EventKind, f func(sim.Event) bool) func([]sim.Event) bool {
	return func(ev []sim.Event) bool {
		for _, e := range ev {
			if e.Kind == k && (f == nil || f(e)) {
				return true
			}
		}
		return false
	}
}

// wholeCourseSeed returns the first seed from seed on at which policy id
// plays sc to the end of the course with the client staying: a careless
// policy loses its client early at some seeds, the more often now that
// clients begin ruptures and repairs can fail, and a test that looks at
// the whole of a course needs one that has it.
func wholeCourseSeed(t testing.TB, sc *sim.Scenario, id string, seed uint64) uint64 {
	t.Helper()
	pol := scenariotest.Policy(t, id)
	for s := seed; s < seed+200; s++ {
		r := sim.NewRun(sc, s)
		c := pol.Chooser(s)
		for !r.Done() {
			if _, err := r.Choose(c.Pick(r)); err != nil {
				t.Fatal(err)
			}
		}
		if !r.Result().Dropped {
			return s
		}
	}
	t.Fatalf("%s loses the client of %s at every seed from %d to %d", id, sc.ID, seed, seed+199)
	return 0
}
