package sim

import (
	"testing"

	"golang.org/x/exp/rand"
)

// TestGenerator holds rng.go's PCG to x/exp/rand's PCGSource, draw for
// draw: the generator Generator names.
func TestGenerator(t *testing.T) {
	for _, seed := range []uint64{0, 1, 2, 42, 1<<63 + 5, ^uint64(0), mix(7), ClientSeed(1, 3)} {
		var want rand.PCGSource
		want.Seed(seed)
		got := newRNG(seed)
		for i := 0; i < 2000; i++ {
			if w, g := want.Uint64(), got.uint64(); w != g {
				t.Fatalf("seed %d, draw %d: %#x, x/exp/rand %#x", seed, i, g, w)
			}
		}
	}
}

// TestSkipNormals: skipping n normals leaves the generator where drawing
// them would.
func TestSkipNormals(t *testing.T) {
	for _, seed := range []uint64{0, 1, 99, ^uint64(0), mix(3)} {
		for n := 0; n <= 8; n++ {
			a, b := newRNG(seed), newRNG(seed)
			a.normal() // not from the start only
			b.normal()
			for range n {
				a.normal()
			}
			b.skipNormals(n)
			if *a != *b || a.uint64() != b.uint64() {
				t.Fatalf("seed %d: skipping %d normals differs from drawing them", seed, n)
			}
		}
	}
}
