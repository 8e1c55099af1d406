package sim

import "golang.org/x/exp/rand"

// Generator names the random number generator in recorded runs. This file
// is the only one that knows which generator it is: golang.org/x/exp/rand's
// PCG source, chosen when the project began. Upstream deprecates that package
// in favour of math/rand/v2 (which has the same PCG); swapping is a change
// to this file and to Generator, and old recordings then say they need the
// old one.
const Generator = "golang.org/x/exp/rand.PCGSource"

// rng is the one source of randomness of a run. Draws happen in a fixed
// order, the same number of them whatever they turn out to be, so that a
// different choice changes later draws' meanings but never their sequence.
type rng struct {
	src rand.PCGSource
}

func newRNG(seed uint64) *rng {
	r := &rng{}
	r.src.Seed(seed)
	return r
}

// float returns a uniform draw in [0,1).
func (r *rng) float() float64 {
	for {
		f := float64(r.src.Uint64()>>11) / (1 << 53)
		if f < 1 {
			return f
		}
	}
}

// normal returns an approximately standard normal draw: the Irwin–Hall sum
// of four uniforms, centred and scaled. It avoids math.Exp and math.Log,
// whose results may differ by an ulp between architectures, and always
// consumes four draws.
func (r *rng) normal() float64 {
	s := r.float() + r.float() + r.float() + r.float()
	return (s - 2) * 1.7320508075688772
}
