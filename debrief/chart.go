package debrief

import (
	"fmt"
	"image/color"
	"math"
)

// The timeline chart is laid out once as a list of shapes, then drawn by
// two painters: raster (PNG) and SVG (the HTML report). Coordinates are in
// pixels from the top left.

type shapeKind int

const (
	shapeLine   shapeKind = iota // a polyline through pts
	shapeRect                    // a filled rectangle: pts[0] and pts[1] are corners
	shapeCircle                  // a filled circle at pts[0], radius r
	shapeText                    // text at pts[0] (the baseline)
)

type pt struct{ x, y float64 }

type shape struct {
	kind   shapeKind
	pts    []pt
	c      color.RGBA
	width  float64 // line width
	dash   bool
	r      float64
	text   string
	size   float64 // text size in pixels
	bold   bool
	anchor int // text: -1 start, 0 middle, 1 end
}

// Colours of the chart, chosen to stay apart for common colour-vision
// deficiencies (Okabe–Ito) and to print in grey distinguishably.
var (
	colBond     = color.RGBA{0, 114, 178, 255}   // blue
	colTask     = color.RGBA{0, 158, 115, 255}   // green
	colGoal     = color.RGBA{230, 159, 0, 255}   // orange
	colHope     = color.RGBA{204, 121, 167, 255} // purple
	colRisk     = color.RGBA{213, 94, 0, 255}    // vermilion
	colOQ       = color.RGBA{40, 40, 40, 255}
	colGrid     = color.RGBA{220, 220, 220, 255}
	colAxis     = color.RGBA{120, 120, 120, 255}
	colText     = color.RGBA{30, 30, 30, 255}
	colBack     = color.RGBA{255, 255, 255, 255}
	colSession  = color.RGBA{170, 170, 170, 255}
	colBranch   = color.RGBA{90, 90, 90, 255}
	colDiverge  = color.RGBA{200, 0, 0, 255}
	colRupture  = color.RGBA{200, 30, 30, 255}
	colRepaired = color.RGBA{0, 140, 60, 255}
)

// markStyle is how the chart draws each kind of mark: a coloured dot with
// a letter.
var markStyle = map[string]struct {
	c      color.RGBA
	letter string
	name   string
}{
	MarkRuptureOpened:   {colRupture, "R", "rupture opened"},
	MarkRuptureDeepened: {color.RGBA{120, 0, 0, 255}, "D", "rupture deepened"},
	MarkRuptureRepaired: {colRepaired, "+", "rupture repaired"},
	MarkRuptureEased:    {color.RGBA{120, 120, 120, 255}, "E", "rupture eased"},
	MarkHomework:        {color.RGBA{0, 114, 178, 255}, "H", "homework (none/partial/full)"},
	MarkNotOnTrack:      {color.RGBA{230, 120, 0, 255}, "!", "not on track (OQ-45)"},
	MarkLifeEvent:       {color.RGBA{110, 60, 160, 255}, "L", "life event"},
	MarkDropout:         {color.RGBA{0, 0, 0, 255}, "X", "dropout"},
	MarkEnd:             {color.RGBA{60, 60, 60, 255}, "F", "end of course"},
}

var markOrder = []string{MarkRuptureOpened, MarkRuptureDeepened, MarkRuptureRepaired, MarkRuptureEased,
	MarkHomework, MarkNotOnTrack, MarkLifeEvent, MarkDropout, MarkEnd}

// series is one line of the chart.
type series struct {
	name string
	c    color.RGBA
	dash bool
	get  func(Point) float64
}

var upperSeries = []series{
	{"bond", colBond, false, func(p Point) float64 { return p.Bond }},
	{"task", colTask, false, func(p Point) float64 { return p.Task }},
	{"goal", colGoal, false, func(p Point) float64 { return p.Goal }},
	{"hope", colHope, false, func(p Point) float64 { return p.Hope }},
	{"dropout risk", colRisk, true, func(p Point) float64 { return p.DropoutRisk }},
}

// layout lays out the timeline of d as shapes on a w×h canvas. With a
// branch b (a "what if" of d), b's lines are drawn over d's, thinner and
// dashed, and the choice where they part is marked.
func layout(d, b *Debrief, w, h int) []shape {
	W, H := float64(w), float64(h)
	s := float64(min(w, h*2)) / 1000 // text scale
	fs := math.Max(10, 16*s)
	var out []shape
	text := func(x, y float64, t string, size float64, c color.RGBA, anchor int, bold bool) {
		out = append(out, shape{kind: shapeText, pts: []pt{{x, y}}, text: t, size: size, c: c, anchor: anchor, bold: bold})
	}
	line := func(c color.RGBA, width float64, dash bool, pts ...pt) {
		out = append(out, shape{kind: shapeLine, pts: pts, c: c, width: width, dash: dash})
	}
	out = append(out, shape{kind: shapeRect, pts: []pt{{0, 0}, {W, H}}, c: colBack})

	title := fmt.Sprintf("%s — %s, seed %d", d.Scenario.Title, d.Header.Trainee, d.Header.Seed)
	if b != nil {
		title += fmt.Sprintf(" — what if at choice %d (dashed)", b.Branch)
	}
	text(W/2, fs*1.6, title, fs*1.15, colText, 0, true)

	left, right := fs*4, W-fs*1.5
	top := fs * 3
	legendH := fs * 3.2
	bottom := H - legendH - fs*1.6 // the x axis labels go below
	gap := fs * 3.4                // the marks strip between the panels
	avail := bottom - top - gap
	upperB := top + avail*0.62
	lowerT := upperB + gap
	n := len(d.Timeline) - 1
	if b != nil {
		n = max(n, len(b.Timeline)-1)
	}
	n = max(n, 1)
	X := func(choice int) float64 { return left + (right-left)*float64(choice)/float64(n) }
	Yu := func(v float64) float64 { return upperB - (upperB-top)*v }
	const oqMax = 180.0
	Yl := func(v float64) float64 { return bottom - (bottom-lowerT)*v/oqMax }

	// Grids and axes.
	for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
		line(colGrid, 1, false, pt{left, Yu(v)}, pt{right, Yu(v)})
		text(left-fs*0.4, Yu(v)+fs*0.35, fmt.Sprintf("%.2g", v), fs*0.8, colAxis, 1, false)
	}
	for _, v := range []float64{0, 60, 120, 180} {
		line(colGrid, 1, false, pt{left, Yl(v)}, pt{right, Yl(v)})
		text(left-fs*0.4, Yl(v)+fs*0.35, fmt.Sprint(v), fs*0.8, colAxis, 1, false)
	}
	line(colAxis, 1, true, pt{left, Yl(63.5)}, pt{right, Yl(63.5)})
	text(right, Yl(63.5)-fs*0.3, "clinical cut-off", fs*0.75, colAxis, 1, false)
	text(left, top-fs*0.5, "alliance (bond, task, goal), hope, dropout risk", fs*0.8, colText, -1, false)
	text(left, lowerT-fs*0.4, "OQ-45 (symptoms; lower is better)", fs*0.8, colText, -1, false)

	// Session boundaries: a session starting at choice c begins between
	// c and the next choice; the line goes at c.
	for _, m := range d.Marks {
		if m.Kind != MarkSession {
			continue
		}
		x := X(m.Choice)
		line(colSession, 1, true, pt{x, top}, pt{x, bottom})
		text(x+fs*0.3, top+fs*0.9, fmt.Sprintf("S%d", sessionAt(d, m.Choice)), fs*0.8, colSession, -1, true)
	}
	// X axis labels.
	step := max(1, n/20)
	for c := 0; c <= n; c += step {
		text(X(c), bottom+fs*1.2, fmt.Sprint(c), fs*0.75, colAxis, 0, false)
	}
	text(left-fs*0.6, bottom+fs*1.2, "choice", fs*0.75, colAxis, 1, false)

	draw := func(dd *Debrief, thin bool) {
		wdt, dash := 2.5*math.Max(1, s), false
		if thin {
			wdt, dash = 1.8*math.Max(1, s), true
		}
		for _, se := range upperSeries {
			var pts []pt
			for _, p := range dd.Timeline {
				pts = append(pts, pt{X(p.Choice), Yu(se.get(p))})
			}
			line(se.c, wdt, se.dash || dash, pts...)
		}
		var pts []pt
		for _, p := range dd.Timeline {
			pts = append(pts, pt{X(p.Choice), Yl(float64(p.OQ))})
		}
		line(colOQ, wdt, dash, pts...)
	}
	draw(d, false)
	if b != nil {
		draw(b, true)
		x := X(b.Branch)
		line(colDiverge, 2*math.Max(1, s), false, pt{x, top}, pt{x, bottom})
		text(x+fs*0.3, top+fs*2.1, fmt.Sprintf("what if at choice %d", b.Branch), fs*0.8, colDiverge, -1, true)
	}

	// Marks, in the strip between the panels; several at one choice stack
	// sideways.
	r := fs * 0.55
	at := map[int]int{}
	for _, m := range d.Marks {
		st, ok := markStyle[m.Kind]
		if !ok {
			continue
		}
		k := at[m.Choice]
		at[m.Choice]++
		x, y := X(m.Choice)+float64(k)*(r*2.1), upperB+fs*1.2
		out = append(out, shape{kind: shapeCircle, pts: []pt{{x, y}}, r: r, c: st.c})
		label := st.letter
		if m.Kind == MarkHomework && m.Text != "" {
			label = m.Text[:1] // n, p, f
		}
		text(x, y+r*0.6, label, r*1.5, colBack, 0, true)
	}

	// Legend.
	lx, ly := left, H-legendH+fs*0.9
	item := func(c color.RGBA, dash bool, name string) {
		if lx > right-fs*8 {
			lx, ly = left, ly+fs*1.3
		}
		line(c, 3, dash, pt{lx, ly - fs*0.3}, pt{lx + fs*1.6, ly - fs*0.3})
		text(lx+fs*2, ly, name, fs*0.8, colText, -1, false)
		lx += fs*2.4 + float64(len(name))*fs*0.5
	}
	for _, se := range upperSeries {
		item(se.c, se.dash, se.name)
	}
	item(colOQ, false, "OQ-45")
	for _, k := range markOrder {
		st := markStyle[k]
		if lx > right-fs*8 {
			lx, ly = left, ly+fs*1.3
		}
		out = append(out, shape{kind: shapeCircle, pts: []pt{{lx + fs*0.5, ly - fs*0.3}}, r: fs * 0.45, c: st.c})
		text(lx+fs*0.5, ly-fs*0.3+fs*0.45*0.6, st.letter, fs*0.7, colBack, 0, true)
		text(lx+fs*1.2, ly, st.name, fs*0.75, colText, -1, false)
		lx += fs*1.8 + float64(len(st.name))*fs*0.45
	}
	return out
}

// sessionAt returns the session of the point after choice c.
func sessionAt(d *Debrief, c int) int {
	if c < len(d.Timeline) {
		return d.Timeline[c].Session
	}
	return 0
}
