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
