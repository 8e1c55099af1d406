package sim

import "math/bits"

// Generator names the random number generator in recorded runs. This file
// is the only one that knows which generator it is: golang.org/x/exp/rand's
// PCG source (PCG XSL RR 128/64, seeded with the seed in both halves of its
// state), chosen when the project began. Upstream deprecates that package
// in favour of math/rand/v2 (which has the same PCG); the generator is
// written out here, step for step as x/exp/rand has it, so that a draw is
// a few instructions the compiler can inline, and rng_test.go holds it to
// x/exp/rand's own output. Swapping it is a change to this file and to
// Generator, and old recordings then say they need the old one.
const Generator = "golang.org/x/exp/rand.PCGSource"

// The generator's constants (x/exp/rand): its state advances as an LCG
// modulo 2^128, state = state × multiplier + increment.
const (
	pcgMulHigh = 47026247687942121848144207491837523525 >> 64
	pcgMulLow  = 47026247687942121848144207491837523525 & (1<<64 - 1)
	pcgIncHigh = 117397592171526113268558934119004209487 >> 64
	pcgIncLow  = 117397592171526113268558934119004209487 & (1<<64 - 1)
)

// rng is the one source of randomness of a run. Draws happen in a fixed
// order, the same number of them whatever they turn out to be, so that a
// different choice changes later draws' meanings but never their sequence.
type rng struct {
	low, high uint64
}

func newRNG(seed uint64) *rng {
	r := &rng{}
	r.seed(seed)
	return r
}

// seed starts the generator from seed, as x/exp/rand's PCGSource.Seed.
func (r *rng) seed(seed uint64) { r.low, r.high = seed, seed }

// uint64 advances the state one step and returns the permuted output.
func (r *rng) uint64() uint64 {
	hi, lo := bits.Mul64(r.low, pcgMulLow)
	hi += r.high * pcgMulLow
	hi += r.low * pcgMulHigh
	var carry uint64
	r.low, carry = bits.Add64(lo, pcgIncLow, 0)
	r.high, _ = bits.Add64(hi, pcgIncHigh, carry)
	// XOR high and low 64 bits together and rotate right by the high 6
	// bits of the state.
	return bits.RotateLeft64(r.high^r.low, -int(r.high>>58))
}

// float returns a uniform draw in [0,1). (A 53-bit integer over 2^53 is
// always below 1, so this is the draw-again loop of old without the loop.)
func (r *rng) float() float64 {
	return float64(r.uint64()>>11) / (1 << 53)
}

// normal returns an approximately standard normal draw: the Irwin–Hall sum
// of four uniforms, centred and scaled. It avoids math.Exp and math.Log,
// whose results may differ by an ulp between architectures, and always
// consumes four draws.
func (r *rng) normal() float64 {
	s := r.float() + r.float() + r.float() + r.float()
	return (s - 2) * 1.7320508075688772
}

// triangular returns a draw of mean 0 and standard deviation 1 from the
// triangular distribution on (−√6, √6): the sum of two uniforms, centred
// and scaled. Half the cost of normal, for noise whose shape matters less
// than its spread; always two draws.
func (r *rng) triangular() float64 {
	return (r.float() + r.float() - 1) * 2.449489742783178
}

// skipNormals advances the generator past n normal draws (4n uniform
// draws), 0 ≤ n ≤ 7, in one step: the state after k steps of the LCG is
// state × A + C, with A and C below (A = multiplier^k, C = increment ×
// (multiplier^(k-1) + … + 1), mod 2^128; rng_test.go checks them against
// stepping). The draws skipped are the same as if they had been drawn.
func (r *rng) skipNormals(n int) {
	var aHi, aLo, cHi, cLo uint64
	switch n {
	case 0:
		return
	case 1:
		aHi, aLo, cHi, cLo = 0xf4dd417327db7a9b, 0xd194dfbe42d45771, 0x93d2c4665cea0ea8, 0xca268d515f068aa4
	case 2:
		aHi, aLo, cHi, cLo = 0x6347af777a7898f6, 0xd1a2d6f33505ffe1, 0x03ec56bc8fc560a8, 0x6583b868a1d77908
	case 3:
		aHi, aLo, cHi, cLo = 0x5673a2cdbfb514c0, 0xc86de54d59ef6951, 0x85fdedd1e9838ef9, 0x5e4fe21553e4af2c
	case 4:
		aHi, aLo, cHi, cLo = 0xb6a4239f3b315f84, 0xf6ef6d3d288c03c1, 0xf970f930df0736fd, 0xf44a5d7086efd110
	case 5:
		aHi, aLo, cHi, cLo = 0x01fc86b51903eba0, 0x64ac95ef58e83f31, 0xa2dd0c1b85667c85, 0x430eb637b02e42b4
	case 6:
		aHi, aLo, cHi, cLo = 0x2eab8af607e4c633, 0xcb029bda22918ba1, 0xca58efb825932c6b, 0x379c09df812d2818
	case 7:
		aHi, aLo, cHi, cLo = 0x9c66d9841efea4d2, 0x6766f40ddc065911, 0xec491b797429a96d, 0x2517256b2075653c
	default:
		for range 4 * n {
			r.uint64()
		}
		return
	}
	hi, lo := bits.Mul64(r.low, aLo)
	hi += r.high * aLo
	hi += r.low * aHi
	var carry uint64
	r.low, carry = bits.Add64(lo, cLo, 0)
	r.high, _ = bits.Add64(hi, cHi, carry)
}
