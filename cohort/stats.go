package cohort

import (
	"encoding/json"
	"math"
)

// z975 is the 97.5th percentile of the standard normal: 95% intervals are
// estimate ± z975 standard errors.
const z975 = 1.959963984540054

// Stat describes a sample: its size, mean and standard deviation (with
// n − 1). Mean is NaN for an empty sample, SD for one of fewer than two;
// JSON writes NaN as null.
type Stat struct {
	N        int
	Mean, SD float64
}

// Describe returns the size, mean and standard deviation of xs, computed
// as a Summary computes them (see moments).
func Describe(xs []float64) Stat {
	var m moments
	for _, x := range xs {
		m.add(x)
	}
	return m.stat()
}

// MarshalJSON writes {"n", "mean", "sd"}, with null for NaN.
func (s Stat) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		N    int `json:"n"`
		Mean any `json:"mean"`
		SD   any `json:"sd"`
	}{s.N, num(s.Mean), num(s.SD)})
}

// Correlation is a Pearson correlation over N pairs with its 95% confidence
// interval [Lo, Hi] from Fisher's z transformation. R is NaN for fewer than
// two pairs or when either variable does not vary; Lo and Hi are NaN for
// fewer than four pairs.
type Correlation struct {
	N         int
	R, Lo, Hi float64
}

// Correlate returns the Pearson correlation of x and y, pair by pair; they
// must be of one length. It is computed as a Summary computes it (see
// comoments).
func Correlate(x, y []float64) Correlation {
	if len(x) != len(y) {
		panic("cohort.Correlate: x and y differ in length")
	}
	var c comoments
	for i := range x {
		c.add(x[i], y[i])
	}
	return c.correlation()
}

// MarshalJSON writes {"n", "r", "lo", "hi"}, with null for NaN.
func (c Correlation) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		N  int `json:"n"`
		R  any `json:"r"`
		Lo any `json:"lo"`
		Hi any `json:"hi"`
	}{c.N, num(c.R), num(c.Lo), num(c.Hi)})
}

// Proportion is a proportion, K of N, with its 95% confidence interval
// [Lo, Hi] (Wilson's score interval, which stays inside 0–1 and holds its
// coverage near them). P, Lo and Hi are NaN when N is 0.
type Proportion struct {
	K, N      int
	P, Lo, Hi float64
}

// proportion returns k/n with its 95% Wilson score interval.
func proportion(k, n int) (p, lo, hi float64) {
	if n == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	p = float64(k) / float64(n)
	z2 := z975 * z975
	nf := float64(n)
	centre := (p + z2/(2*nf)) / (1 + z2/nf)
	half := z975 * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / (1 + z2/nf)
	return p, centre - half, centre + half
}

// Wilson returns the proportion k of n with its 95% Wilson score interval.
func Wilson(k, n int) Proportion {
	p, lo, hi := proportion(k, n)
	return Proportion{K: k, N: n, P: p, Lo: lo, Hi: hi}
}

// MarshalJSON writes {"k", "n", "p", "lo", "hi"}, with null for NaN.
func (p Proportion) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		K  int `json:"k"`
		N  int `json:"n"`
		P  any `json:"p"`
		Lo any `json:"lo"`
		Hi any `json:"hi"`
	}{p.K, p.N, num(p.P), num(p.Lo), num(p.Hi)})
}

// Effect is a standardised mean difference (Cohen's d) with its 95%
// confidence interval [Lo, Hi]. All three are NaN when it is undefined.
type Effect struct {
	D, Lo, Hi float64
}

// EffectSize returns Cohen's d of x against y, (x.Mean − y.Mean) divided by
// the pooled standard deviation, with the large-sample 95% interval
// d ± 1.96 √((n₁+n₂)/(n₁n₂) + d²/(2(n₁+n₂))) (Hedges & Olkin 1985). It is
// undefined (NaN) unless each sample has at least two values and they do
// not all agree.
func EffectSize(x, y Stat) Effect {
	e := Effect{D: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	if x.N < 2 || y.N < 2 {
		return e
	}
	n1, n2 := float64(x.N), float64(y.N)
	pooled := math.Sqrt((float64((n1-1)*x.SD*x.SD) + float64((n2-1)*y.SD*y.SD)) / (n1 + n2 - 2))
	if pooled == 0 || math.IsNaN(pooled) {
		return e
	}
	e.D = (x.Mean - y.Mean) / pooled
	se := math.Sqrt((n1+n2)/float64(n1*n2) + float64(e.D*e.D)/float64(2*(n1+n2)))
	e.Lo, e.Hi = e.D-float64(z975*se), e.D+float64(z975*se)
	return e
}

// CohensD compares the post-treatment OQ-45 (Summary.Final) of two
// cohorts: d = (mean of b − mean of a) / pooled SD, so that, as lower
// OQ-45 scores are better, d is positive when a's clients ended with fewer
// symptoms than b's: CohensD(homework, noHomework) is the advantage of
// homework, the way "homework vs none: d = .48" is reported.
func CohensD(a, b Summary) Effect { return EffectSize(b.Final, a.Final) }

// MarshalJSON writes {"d", "lo", "hi"}, with null for NaN.
func (e Effect) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		D  any `json:"d"`
		Lo any `json:"lo"`
		Hi any `json:"hi"`
	}{num(e.D), num(e.Lo), num(e.Hi)})
}

// num is x for JSON: null when it is not a finite number.
func num(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return x
}

// A sum adds numbers with Neumaier's compensation (an improved Kahan
// summation): c gathers the low-order bits each addition rounds off, so
// that s + c is the exact sum to within about two units in the last place,
// however many numbers are added, instead of an error growing with their
// number. Sums of whole numbers are exact while below 2⁵³, and c stays 0.
type sum struct{ s, c float64 }

func (k *sum) add(x float64) {
	t := k.s + x
	if math.Abs(k.s) >= math.Abs(x) {
		k.c += (k.s - t) + x
	} else {
		k.c += (x - t) + k.s
	}
	k.s = t
}

func (k *sum) value() float64 { return k.s + k.c }

// moments gathers, in one pass and constant memory, what a Stat needs: the
// number of values and compensated sums of their differences from the
// first value, d = x − shift, and of d². Shifting by a value of the sample
// keeps the sum of squares from cancelling (the variance is
// (Σd² − (Σd)²/n)/(n − 1), where Σd is small when the shift is near the
// mean), and the compensated sums keep the rounding error from growing
// with n: the mean and the standard deviation are within a few units in
// the last place of the exact ones, for a million values as for ten.
// For whole numbers, such as OQ-45 scores, every sum is exact while it
// stays below 2⁵³ (for OQ-45 scores, over some 2.8 × 10¹¹ values), and the
// mean is then the exact sum divided by n, correctly rounded.
type moments struct {
	n      int
	shift  float64
	s1, s2 sum
}

func (m *moments) add(x float64) {
	if m.n == 0 {
		m.shift = x
	}
	m.n++
	d := x - m.shift
	m.s1.add(d)
	m.s2.add(float64(d * d))
}

func (m *moments) stat() Stat {
	s := Stat{N: m.n, Mean: math.NaN(), SD: math.NaN()}
	if m.n == 0 {
		return s
	}
	n, s1 := float64(m.n), m.s1.value()
	s.Mean = (float64(m.shift*n) + s1) / n
	if m.n > 1 {
		ss := max(0, m.s2.value()-float64(s1*s1)/n)
		s.SD = math.Sqrt(ss / (n - 1))
	}
	return s
}

// comoments gathers what a Correlation needs, in one pass as moments does:
// compensated sums of the differences of x and y from their first values,
// of their squares and of their products.
type comoments struct {
	n                int
	kx, ky           float64
	sx, sy, sxx, syy sum
	sxy              sum
}

func (c *comoments) add(x, y float64) {
	if c.n == 0 {
		c.kx, c.ky = x, y
	}
	c.n++
	dx, dy := x-c.kx, y-c.ky
	c.sx.add(dx)
	c.sy.add(dy)
	c.sxx.add(float64(dx * dx))
	c.syy.add(float64(dy * dy))
	c.sxy.add(float64(dx * dy))
}

func (c *comoments) correlation() Correlation {
	r := Correlation{N: c.n, R: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	if c.n < 2 {
		return r
	}
	n, sx, sy := float64(c.n), c.sx.value(), c.sy.value()
	sxx := c.sxx.value() - float64(sx*sx)/n
	syy := c.syy.value() - float64(sy*sy)/n
	sxy := c.sxy.value() - float64(sx*sy)/n
	if sxx <= 0 || syy <= 0 {
		return r
	}
	r.R = max(-1, min(1, sxy/math.Sqrt(float64(sxx*syy))))
	if c.n > 3 {
		z, se := math.Atanh(r.R), 1/math.Sqrt(float64(c.n-3))
		r.Lo, r.Hi = math.Tanh(z-float64(z975*se)), math.Tanh(z+float64(z975*se))
	}
	return r
}
