package sim_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

var update = flag.Bool("update", false, "update golden files")

// pattern chooses for the k-th choice (from 0) among n options: a fixed,
// varied walk through a scenario.
func pattern(k, n int) int { return (k*7+k/3)%n + 1 }

// play runs sc from seed with the pattern until the course ends and returns
// the run.
func play(t testing.TB, sc *sim.Scenario, seed uint64) *sim.Run {
	t.Helper()
	r := sim.NewRun(sc, seed)
	for k := 0; !r.Done(); k++ {
		if k > 10000 {
			t.Fatal("course does not end")
		}
		p := r.Prompt()
		if _, err := r.Choose(pattern(k, len(p.Options))); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// stream is the run's event stream as JSON Lines.
func stream(t testing.TB, r *sim.Run) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, e := range r.Events() {
		if err := enc.Encode(e); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

// TestGolden pins the whole event stream of fixed runs byte for byte. The
// same files are checked on every platform (see TestCrossPlatform), so a
// pass everywhere means the runs are identical everywhere. After a change
// to the model or a scenario that is meant to change runs, regenerate with
// go test ./sim -run TestGolden -update and review the diff.
func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		sc   func(testing.TB) *sim.Scenario
		seed uint64
	}{
		{"mini-1", func(t testing.TB) *sim.Scenario { return scenariotest.Load(t, "testdata/mini.toml") }, 1},
		{"mini-2", func(t testing.TB) *sim.Scenario { return scenariotest.Load(t, "testdata/mini.toml") }, 2},
		{"default-7", scenariotest.Shipped, 7},
		{"default-2026", scenariotest.Shipped, 2026},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := stream(t, play(t, tt.sc(t), tt.seed))
			golden := filepath.Join("testdata", "golden", tt.name+".jsonl")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
				for i := 0; i < len(gl) && i < len(wl); i++ {
					if !bytes.Equal(gl[i], wl[i]) {
						t.Fatalf("event %d differs from %s:\n got %s\nwant %s", i+1, golden, gl[i], wl[i])
					}
				}
				t.Fatalf("stream has %d events, %s has %d", len(gl), golden, len(wl))
			}
		})
	}
}

// TestDeterministic: the same scenario, seed and choices give the same
// stream; another seed gives another.
func TestDeterministic(t *testing.T) {
	sc := scenariotest.Load(t, "testdata/mini.toml")
	a, b := stream(t, play(t, sc, 99)), stream(t, play(t, sc, 99))
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with seed 99 differ")
	}
	if bytes.Equal(a, stream(t, play(t, sc, 100))) {
		t.Fatal("seeds 99 and 100 give the same run")
	}
}
