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

// Describe returns the size, mean and standard deviation of xs.
func Describe(xs []float64) Stat {
	s := Stat{N: len(xs), Mean: math.NaN(), SD: math.NaN()}
	if s.N == 0 {
		return s
	}
	s.Mean = mean(xs)
	if s.N > 1 {
		ss := 0.0
		for _, x := range xs {
			d := x - s.Mean
			ss += float64(d * d)
		}
		s.SD = math.Sqrt(ss / float64(s.N-1))
	}
	return s
}

func mean(xs []float64) float64 {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
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
// must be of one length.
func Correlate(x, y []float64) Correlation {
	if len(x) != len(y) {
		panic("cohort.Correlate: x and y differ in length")
	}
	c := Correlation{N: len(x), R: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	if c.N < 2 {
		return c
	}
	mx, my := mean(x), mean(y)
	var sxx, syy, sxy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxx += float64(dx * dx)
		syy += float64(dy * dy)
		sxy += float64(dx * dy)
	}
	if sxx == 0 || syy == 0 {
		return c
	}
	c.R = max(-1, min(1, sxy/math.Sqrt(float64(sxx*syy))))
	if c.N > 3 {
		z, se := math.Atanh(c.R), 1/math.Sqrt(float64(c.N-3))
		c.Lo, c.Hi = math.Tanh(z-float64(z975*se)), math.Tanh(z+float64(z975*se))
	}
	return c
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
