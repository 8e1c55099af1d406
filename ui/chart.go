package ui

import (
	"image"
	"image/color"
	"math"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

// series is one line of a chart: a value per x position (NaN for none),
// drawn in a colour with a marker glyph, so lines differ by more than hue.
type series struct {
	label  string
	ys     []float64
	col    color.RGBA
	sh     debrief.Glyph
	dashed bool
	thin   bool
}

// chart is a small line chart.
type chart struct {
	xLabels []string
	lo, hi  float64
	ticks   []float64
	// A horizontal reference line (the OQ-45 cut-off), if refLabel is set.
	ref      float64
	refLabel string
	series   []series
}

// chartLegendH is the height of a chart's legend.
func (a *app) chartLegendH() int { return int(a.ts.lineH(fSmall)) + a.m.u(8) }

// drawChart draws ch in r: the legend on top, the plot below.
func (a *app) drawChart(dst *ebiten.Image, r image.Rectangle, ch *chart) {
	m, ts := a.m, a.ts
	// Legend.
	x := float64(r.Min.X)
	ly := float64(r.Min.Y)
	for _, s := range ch.series {
		w := ts.width(s.label, fSmall)
		if x+w+float64(m.u(40)) > float64(r.Max.X) {
			break
		}
		cy := ly + ts.boxH(fSmall)/2
		if s.dashed {
			fillRect(dst, image.Rect(int(x), int(cy)-1, int(x)+m.u(8), int(cy)+1), s.col)
			fillRect(dst, image.Rect(int(x)+m.u(12), int(cy)-1, int(x)+m.u(20), int(cy)+1), s.col)
		} else {
			fillRect(dst, image.Rect(int(x), int(cy)-max(1, m.u(1)), int(x)+m.u(20), int(cy)+max(1, m.u(1))), s.col)
			a.pt.icon(dst, s.sh, x+float64(m.u(10)), cy, m.u(12), s.col)
		}
		ts.drawLine(dst, s.label, fSmall, x+float64(m.u(26)), ly, colMuted)
		x += w + float64(m.u(44))
	}
	if ch.refLabel != "" {
		w := ts.width(ch.refLabel, fSmall)
		if x+w+float64(m.u(26)) <= float64(r.Max.X) {
			cy := ly + ts.boxH(fSmall)/2
			dashed(dst, [][2]float64{{x, cy}, {x + float64(m.u(20)), cy}}, float64(max(1, m.u(2))), float64(m.u(4)), colCutOff)
			ts.drawLine(dst, ch.refLabel, fSmall, x+float64(m.u(26)), ly, colMuted)
		}
	}
	plot := image.Rect(r.Min.X, r.Min.Y+a.chartLegendH()+m.u(6), r.Max.X, r.Max.Y)
	// Axes: y labels at the left, x labels at the bottom.
	yw := 0.0
	for _, t := range ch.ticks {
		yw = math.Max(yw, ts.width(tickText(t), fSmall))
	}
	px0 := float64(plot.Min.X) + yw + float64(m.u(10))
	px1 := float64(plot.Max.X) - float64(m.u(12))
	py0 := float64(plot.Min.Y) + ts.boxH(fSmall)/2
	py1 := float64(plot.Max.Y) - ts.lineH(fSmall) - float64(m.u(4))
	if px1 <= px0 || py1 <= py0 {
		return
	}
	n := len(ch.xLabels)
	xAt := func(i int) float64 {
		if n <= 1 {
			return (px0 + px1) / 2
		}
		return px0 + (px1-px0)*float64(i)/float64(n-1)
	}
	yAt := func(v float64) float64 { return py1 - (py1-py0)*(v-ch.lo)/(ch.hi-ch.lo) }
	for _, t := range ch.ticks {
		y := yAt(t)
		fillRect(dst, image.Rect(int(px0), int(y), int(px1), int(y)+max(1, m.u(1))), colChartGrid)
		s := tickText(t)
		ts.drawLine(dst, s, fSmall, px0-float64(m.u(10))-ts.width(s, fSmall), y-ts.boxH(fSmall)/2, colMuted)
	}
	for i, s := range ch.xLabels {
		ts.drawLine(dst, s, fSmall, xAt(i)-ts.width(s, fSmall)/2, py1+float64(m.u(6)), colMuted)
	}
	if ch.refLabel != "" {
		y := yAt(ch.ref)
		dashed(dst, [][2]float64{{px0, y}, {px1, y}}, float64(max(1, m.u(2))), float64(m.u(6)), colCutOff)
	}
	for _, s := range ch.series {
		var pts [][2]float64
		var runs [][][2]float64
		for i, v := range s.ys {
			if i >= n || math.IsNaN(v) {
				if len(pts) > 0 {
					runs = append(runs, pts)
					pts = nil
				}
				continue
			}
			pts = append(pts, [2]float64{xAt(i), yAt(v)})
		}
		if len(pts) > 0 {
			runs = append(runs, pts)
		}
		w := float64(max(2, m.u(3)))
		if s.thin {
			w = float64(max(1, m.u(2)))
		}
		for _, run := range runs {
			if s.dashed {
				dashed(dst, run, w, float64(m.u(7)), s.col)
				continue
			}
			polyline(dst, run, w, s.col)
			for _, q := range run {
				size := m.u(13)
				if s.thin {
					size = m.u(10)
				}
				a.pt.icon(dst, s.sh, q[0], q[1], size+m.u(4), colPanel)
				a.pt.icon(dst, s.sh, q[0], q[1], size, s.col)
			}
		}
	}
}

func tickText(t float64) string {
	if t == math.Trunc(t) {
		return strconv.Itoa(int(t))
	}
	return strconv.FormatFloat(t, 'f', 1, 64)
}

// oqChart charts the OQ-45 scores of a course against the expected
// recovery curve and the clinical cut-off.
func oqChart(sc *sim.Scenario, oqs []sim.OQ, through int) *chart {
	n := len(sc.Sessions)
	ch := &chart{ref: sim.CutOff, refLabel: "cut-off 64"}
	for i := 1; i <= n; i++ {
		ch.xLabels = append(ch.xLabels, strconv.Itoa(i))
	}
	ch.xLabels = append(ch.xLabels, "end")
	scores := series{label: "OQ-45", col: debrief.StyleOQ.Color, sh: debrief.StyleOQ.Glyph}
	expected := series{label: "expected", col: colExpected, dashed: true}
	for i := 0; i <= n; i++ {
		scores.ys = append(scores.ys, math.NaN())
		expected.ys = append(expected.ys, math.NaN())
	}
	lo, hi := sim.CutOff, sim.CutOff
	if len(oqs) > 0 {
		p := sc.Params()
		intake := float64(oqs[0].Score)
		for i := 0; i < min(through, n+1); i++ {
			e := p.Expected(intake, i+1)
			expected.ys[i] = e
			lo, hi = math.Min(lo, e), math.Max(hi, e)
		}
		for _, o := range oqs {
			if o.Session >= 1 && o.Session <= n+1 {
				v := float64(o.Score)
				scores.ys[o.Session-1] = v
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	ch.lo = math.Max(0, math.Floor((lo-8)/20)*20)
	ch.hi = math.Min(sim.MaxOQ, math.Ceil((hi+8)/20)*20)
	for t := ch.lo; t <= ch.hi; t += 20 {
		ch.ticks = append(ch.ticks, t)
	}
	ch.series = []series{expected, scores}
	return ch
}

// allianceChart charts the client's WAI-SR ratings session by session:
// the total, and its goal, task and bond subscales.
func allianceChart(sc *sim.Scenario, wai []sim.WAI) *chart {
	n := len(sc.Sessions)
	ch := &chart{lo: 1, hi: 5, ticks: []float64{1, 2, 3, 4, 5}}
	for i := 1; i <= n; i++ {
		ch.xLabels = append(ch.xLabels, strconv.Itoa(i))
	}
	mk := func(label string, def int, thin bool) series {
		s := series{label: label, thin: thin, col: meterDefs[def].col, sh: meterDefs[def].sh}
		for range n {
			s.ys = append(s.ys, math.NaN())
		}
		return s
	}
	total := series{label: "WAI-SR", col: colText, sh: debrief.GlyphCircle}
	for range n {
		total.ys = append(total.ys, math.NaN())
	}
	bond, task, goal := mk("bond", mBond, true), mk("task", mTask, true), mk("goal", mGoal, true)
	for _, w := range wai {
		if i := w.Session - 1; i >= 0 && i < n {
			total.ys[i], bond.ys[i], task.ys[i], goal.ys[i] = w.Total, w.Bond, w.Task, w.Goal
		}
	}
	// The subscale markers would hide the total's; give the total a ring.
	total.sh = debrief.GlyphRing
	ch.series = []series{bond, task, goal, total}
	return ch
}
