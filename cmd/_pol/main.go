package main

import (
	"fmt"
	"math"
	"os"
	"strconv"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

type rec struct {
	wai, impr, comp, final float64
	hasWAI, hasComp, drop  bool
}

func corr(x, y []float64) float64 {
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= n
	my /= n
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

func meansd(x []float64) (float64, float64) {
	var m float64
	for _, v := range x {
		m += v
	}
	m /= float64(len(x))
	var s float64
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return m, math.Sqrt(s / float64(len(x)-1))
}

func main() {
	m, _ := scenarios.Model()
	sc, _, err := scenarios.Open(m, scenarios.Default)
	if err != nil {
		panic(err)
	}
	pols, _ := scenarios.Policies()
	n, _ := strconv.Atoi(os.Args[1])
	finals := map[string][]float64{}
	for _, pol := range pols {
		var recs []rec
		drop, recovered := 0, 0
		for i := 0; i < n; i++ {
			seed := sim.ClientSeed(1, i)
			cl := sc.Sample(seed)
			r := sim.NewRunWith(sc, seed, sim.Options{Client: &cl, Quiet: true})
			ch := pol.Chooser(seed)
			for !r.Done() {
				r.Choose(ch.Pick(r))
			}
			st := r.State()
			res := r.Result()
			var rc rec
			rc.drop = res.Dropped
			rc.impr = res.Intake - res.Final
			rc.final = res.Final
			k := 0
			for _, w := range st.WAI {
				if w.Session <= 3 {
					rc.wai += w.Total
					k++
				}
			}
			if k > 0 {
				rc.wai /= float64(k)
				rc.hasWAI = true
			}
			k = 0
			for _, h := range st.Homework {
				if h.Completion != "" {
					rc.comp += sim.Compliance(h.Completion)
					k++
				}
			}
			if k > 0 {
				rc.comp /= float64(k)
				rc.hasComp = true
			}
			if res.Dropped {
				drop++
			}
			if res.Outcome == "recovered" {
				recovered++
			}
			recs = append(recs, rc)
		}
		var wx, wy, cx, cy, fin, imp []float64
		for _, rc := range recs {
			if rc.hasWAI {
				wx, wy = append(wx, rc.wai), append(wy, rc.impr)
			}
			if rc.hasComp {
				cx, cy = append(cx, rc.comp), append(cy, rc.impr)
			}
			fin = append(fin, rc.final)
			imp = append(imp, rc.impr)
		}
		finals[pol.ID] = fin
		mi, sdi := meansd(imp)
		mw, _ := meansd(wx)
		if len(cx) > 1 {
			mc, sc := meansd(cx)
			fmt.Printf("   compliance mean %.2f sd %.2f\n", mc, sc)
		}
		fmt.Printf("%-12s dropout %5.1f%%  impr %+5.1f (sd %4.1f) recovered %4.1f%%  WAI13 %.2f  r(WAI,impr) %.3f  r(comp,impr) %.3f (n=%d)\n",
			pol.ID, 100*float64(drop)/float64(n), mi, sdi, 100*float64(recovered)/float64(n), mw, corr(wx, wy), corr(cx, cy), len(cx))
	}
	a, sa := meansd(finals["no-homework"])
	b, sb := meansd(finals["competent"])
	fmt.Printf("d(no-homework vs competent, post OQ) = %.3f\n", (a-b)/math.Sqrt((sa*sa+sb*sb)/2))
}
