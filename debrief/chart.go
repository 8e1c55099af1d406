package debrief

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
)

// The timeline chart is laid out once, as a list of shapes on a canvas,
// and then drawn by a painter: the PNG and the SVG of the exports here,
// and the window's (package ui). So the report a class takes home is the
// chart it saw on the projector: the same series, colours, glyphs, marks
// and legend, in the same places.

// A ShapeKind says what a Shape is.
type ShapeKind uint8

// Shape kinds.
const (
	// ShapeRect is a filled rectangle from Pts[0] to Pts[1], its corners
	// rounded by Radius.
	ShapeRect ShapeKind = iota
	// ShapeLine is a line of Width through Pts, dashed when Dash > 0 (the
	// length of a dash and of a gap).
	ShapeLine
	// ShapeGlyph is Glyph, filled, in a box of Size centred on Pts[0].
	ShapeGlyph
	// ShapeText is Text of Size pixels with its baseline at Pts[0]; Anchor
	// says where Pts[0] is: -1 the start, 0 the middle, 1 the end.
	ShapeText
)

// A Shape is one thing a chart draws. Coordinates are pixels from the top
// left of the chart's canvas.
type Shape struct {
	Kind   ShapeKind
	Pts    []Pt
	Color  color.RGBA
	Width  float64
	Dash   float64
	Radius float64
	Glyph  Glyph
	Size   float64
	Text   string
	Bold   bool
	Anchor int
}

// ChartOptions change what a chart shows.
type ChartOptions struct {
	// Branch is a "what if" of the debrief (see WhatIf), drawn dashed over
	// the recording, which fades, from the choice where they part; nil
	// for none.
	Branch *Debrief
	// Alt is the option the branch took, for the label at the divergence.
	Alt int
	// Cursor is the choice in hand, highlighted; 0 for none.
	Cursor int
	// Points is the least number of points the x axis spans (the window
	// leaves room for a choice about to be made by hand); 0 for the
	// debrief's own.
	Points int
	// Title is written above the chart when it is not "".
	Title string
	// Text is the size of the chart's text in pixels; 0 takes one from
	// the canvas's size. Line widths and glyphs follow it.
	Text float64
}

// A Chart is the timeline laid out on a canvas.
type Chart struct {
	Width, Height float64
	// Shapes, in drawing order.
	Shapes []Shape
	// Plot is the plot area: Plot[0] its top left, Plot[1] its bottom right.
	Plot [2]Pt
	// x0 and x1 are the x of the first and the last point.
	x0, x1 float64
	points int
}

// X returns the x of choice c's point (0 is the start of the course).
func (c *Chart) X(choice int) float64 {
	if c.points <= 1 {
		return c.x0
	}
	return c.x0 + (c.x1-c.x0)*float64(choice)/float64(c.points-1)
}

// ChoiceAt returns the choice whose point is nearest to x, at least 1.
func (c *Chart) ChoiceAt(x float64) int {
	if c.points <= 1 {
		return 1
	}
	i := int(math.Round((x - c.x0) / (c.x1 - c.x0) * float64(c.points-1)))
	return max(1, min(c.points-1, i))
}

// fade is how far the recording fades towards the paper under a branch.
const fade = 0.45

// Layout lays out the timeline chart of d on a canvas of w×h pixels: the
// six series (bond, task, goal, hope, OQ-45 and dropout risk) over the
// choices, the sessions as bands, the OQ-45 cut-off, the choice numbers,
// the marks (ruptures in one lane, the week's homework, OQ-45 signal, life
// events and dropout in another) and both legends.
func Layout(d *Debrief, w, h float64, o ChartOptions) *Chart {
	T := o.Text
	if T <= 0 {
		T = math.Max(11, 15*math.Min(w, 2*h)/1000)
	}
	c := &Chart{Width: w, Height: h}
	l := &layouter{c: c, T: T, faces: newMeasurer()}
	b := o.Branch
	l.rect(Pt{0, 0}, Pt{w, h}, Ink.Paper, 0)

	pad := 0.7 * T
	y := pad
	if o.Title != "" {
		y += 1.15 * T
		l.text(Pt{w / 2, y}, o.Title, 1.15*T, Ink.Text, 0, true)
		y += 0.6 * T
	}
	// The legend: the series, then recorded and what if.
	y += T
	x := pad
	lw := math.Max(2, 0.17*T)
	for _, se := range TimelineSeries {
		l.line(se.Color, lw, 0, Pt{x, y - 0.35*T}, Pt{x + 1.3*T, y - 0.35*T})
		l.glyph(se.Glyph, Pt{x + 0.65*T, y - 0.35*T}, 0.8*T, se.Color)
		l.text(Pt{x + 1.6*T, y}, se.Name, T, Ink.Text, -1, false)
		x += 1.6*T + l.width(se.Name, T, false) + 1.4*T
	}
	// Room left in the legend, for the cut-off where the plot has none.
	legend := [2]Pt{{x, y}, {w - pad, y}}
	if b != nil {
		rw := 1.6*T + l.width("recorded", T, false) + 1.4*T + 1.6*T + l.width("what if", T, false)
		if x+rw < w-pad {
			x = w - pad - rw
			legend[1].X = x - 1.4*T
			l.line(lerp(Ink.Text, Ink.Paper, fade), lw, 0, Pt{x, y - 0.35*T}, Pt{x + 1.3*T, y - 0.35*T})
			l.text(Pt{x + 1.6*T, y}, "recorded", T, Ink.Muted, -1, false)
			x += 1.6*T + l.width("recorded", T, false) + 1.4*T
			l.line(Ink.Warn, lw+1, 0.45*T, Pt{x, y - 0.35*T}, Pt{x + 1.3*T, y - 0.35*T})
			l.text(Pt{x + 1.6*T, y}, "what if", T, Ink.Warn, -1, false)
		}
	}
	y += 0.6 * T

	// Below the plot: the choice numbers, the lanes of marks and their
	// legend. A short canvas puts every mark in one lane.
	lane := 1.35 * T
	lanes := 2
	below := 1.5*T + 2*lane + 1.5*T + pad
	if h-y-below < 7*T {
		lanes = 1
		below -= lane
	}
	plotTop, plotBot := y, h-below
	left := pad + l.width("0.5", T, false) + 0.6*T
	right := w - pad - l.width("180", T, false) - 0.6*T
	c.Plot = [2]Pt{{left, plotTop}, {right, plotBot}}
	n := len(d.Timeline)
	if b != nil {
		n = max(n, len(b.Timeline))
	}
	c.points = max(n, o.Points, 2)
	c.x0, c.x1 = left+0.6*T, right-0.6*T
	top := plotTop + 1.5*T
	Y := func(v float64) float64 { return plotBot - 0.4*T - (plotBot-0.4*T-top)*math.Max(0, math.Min(1, v)) }

	// Session bands, from the moments: a session starts after the point
	// of the choice before its first.
	type band struct{ from, to, n int }
	var bands []band
	for i, m := range d.Moments {
		if i == 0 || m.Session != d.Moments[i-1].Session {
			if len(bands) > 0 {
				bands[len(bands)-1].to = i
			}
			bands = append(bands, band{from: i, n: m.Session})
		}
	}
	if len(bands) > 0 {
		bands[len(bands)-1].to = max(len(d.Timeline)-1, bands[len(bands)-1].from)
	}
	bx := func(i int, bd band) (float64, float64) {
		x0, x1 := c.X(bd.from), c.X(bd.to)
		if i == 0 {
			x0 = left
		}
		if i == len(bands)-1 {
			x1 = right
		}
		return x0, x1
	}
	for i, bd := range bands {
		x0, x1 := bx(i, bd)
		if i%2 == 1 {
			l.rect(Pt{x0, plotTop}, Pt{x1, plotBot}, Ink.PaperAlt, 0)
		}
		if i > 0 {
			l.rect(Pt{x0, plotTop}, Pt{x0 + math.Max(1, 0.06*T), plotBot}, Ink.Border, 0)
		}
	}
	// The axes: 0–1 at the left, the OQ-45's 0–180 at the right, and the
	// OQ-45's clinical cut-off (63/64).
	for _, v := range []float64{0, 0.5, 1} {
		yy := Y(v)
		l.rect(Pt{left, yy}, Pt{right, yy + math.Max(1, 0.06*T)}, Ink.Grid, 0)
		l.text(Pt{left - 0.4*T, yy + 0.35*T}, strconv.FormatFloat(v, 'g', -1, 64), T, Ink.Muted, 1, false)
		l.text(Pt{right + 0.4*T, yy + 0.35*T}, strconv.Itoa(int(v*180)), T, StyleOQ.Color, -1, false)
	}
	cut := Y(63.5 / 180)
	l.line(Ink.CutOff, math.Max(1, 0.08*T), 0.4*T, Pt{left, cut}, Pt{right, cut})
	cutLine := len(c.Shapes) - 1 // its label is placed once the lines are drawn
	// The choice in hand.
	if o.Cursor > 0 {
		cx := c.X(o.Cursor)
		bw := math.Max(0.45*T, (c.x1-c.x0)/float64(max(1, c.points-1)))
		l.rect(Pt{cx - bw/2, plotTop}, Pt{cx + bw/2, plotBot}, Ink.AccentBack, 0)
		l.rect(Pt{cx - math.Max(1, 0.06*T), plotTop}, Pt{cx + math.Max(1, 0.06*T), plotBot}, Ink.Accent, 0)
	}
	// The sessions' names, over the bands.
	for i, bd := range bands {
		x0, x1 := bx(i, bd)
		lab := "S" + strconv.Itoa(bd.n)
		if x1-x0 > l.width("Session 9", T, false)+0.7*T {
			lab = "Session " + strconv.Itoa(bd.n)
		}
		if x1-x0 > l.width(lab, T, false)+0.45*T {
			l.text(Pt{x0 + 0.35*T, plotTop + 1.1*T}, lab, T, Ink.Muted, -1, false)
		}
	}
	// The divergence.
	div := 0
	if b != nil {
		if div = Diverges(d, b); div == 0 {
			div = b.Branch
		}
		dx := c.X(div)
		l.line(Ink.Warn, math.Max(2, 0.12*T), 0.35*T, Pt{dx, plotTop}, Pt{dx, plotBot})
		lab := fmt.Sprintf("what if: option %d", o.Alt)
		lx, anchor := dx+0.35*T, -1
		if lx+l.width(lab, T, false) > right {
			lx, anchor = dx-0.35*T, 1
		}
		l.text(Pt{lx, plotTop + 2.3*T}, lab, T, Ink.Warn, anchor, false)
	}
	// The lines: the recording, then the branch dashed over it.
	series := func(tl []Point, from int, se Series, width, dash float64, col color.RGBA) {
		var pts []Pt
		for i := from; i < len(tl); i++ {
			pts = append(pts, Pt{c.X(i), Y(se.Value(tl[i]))})
		}
		if len(pts) > 1 {
			l.line(col, width, dash, pts...)
		}
	}
	for _, se := range TimelineSeries {
		col := se.Color
		if b != nil {
			col = lerp(col, Ink.Paper, fade)
		}
		series(d.Timeline, 0, se, lw, 0, col)
	}
	if b != nil {
		for _, se := range TimelineSeries {
			series(b.Timeline, max(0, div-1), se, lw+1, 0.45*T, se.Color)
		}
	}
	// The values at the choice in hand.
	shown := d
	if b != nil {
		shown = b
	}
	if o.Cursor > 0 && o.Cursor < len(shown.Timeline) {
		p := shown.Timeline[o.Cursor]
		for _, se := range TimelineSeries {
			at := Pt{c.X(o.Cursor), Y(se.Value(p))}
			l.glyph(GlyphCircle, at, 1.1*T, Ink.Paper)
			l.glyph(se.Glyph, at, 0.85*T, se.Color)
		}
	}

	l.cutOffLabel(cutLine, cut, c.Plot, legend)

	// The choice numbers, every one or every few as room allows.
	ay := plotBot + 1.15*T
	every := 1
	for _, e := range []int{1, 2, 5, 10, 20, 50, 100} {
		every = e
		if float64(e)*(c.x1-c.x0)/float64(max(1, c.points-1)) >= l.width("000", T, false)+0.45*T {
			break
		}
	}
	for i := every; i < c.points; i += every {
		t := strconv.Itoa(i)
		if o.Cursor > 0 && math.Abs(c.X(i)-c.X(o.Cursor)) < l.width(t+strconv.Itoa(o.Cursor), T, false)/2+0.8*T {
			continue
		}
		l.text(Pt{c.X(i), ay}, t, T, Ink.Muted, 0, false)
	}
	if o.Cursor > 0 {
		t := strconv.Itoa(o.Cursor)
		pw := l.width(t, T, false) + 0.7*T
		cx := c.X(o.Cursor)
		l.rect(Pt{cx - pw/2, ay - 1.05*T}, Pt{cx + pw/2, ay + 0.35*T}, Ink.Accent, 0.7*T)
		l.text(Pt{cx, ay}, t, T, Ink.OnAccent, 0, false)
	}

	// The marks, in their lanes; several at one choice stack sideways.
	laneY := [2]float64{ay + 0.45*T + lane/2, ay + 0.45*T + lane/2}
	if lanes == 2 {
		laneY[1] += lane
	}
	var kinds []Style
	seen := map[string]bool{}
	// A glyph as wide as a choice's step, within limits; marks that would
	// overlap move right, in order, so that none hides another.
	step := (c.x1 - c.x0) / float64(max(1, c.points-1))
	size := math.Max(0.7*T, math.Min(T, 0.95*step))
	gap := 0.12 * size
	marks := func(ms []Mark, faded bool) {
		ms = slices.Clone(ms)
		slices.SortStableFunc(ms, func(a, b Mark) int { return cmp.Compare(a.Choice, b.Choice) })
		right := [2]float64{math.Inf(-1), math.Inf(-1)} // the right edge of each lane's last glyph
		for _, m := range ms {
			st, ln, ok := MarkStyle(m)
			if !ok {
				continue
			}
			if !seen[st.Name] {
				seen[st.Name] = true
				kinds = append(kinds, st)
			}
			col := st.Color
			if faded {
				col = lerp(col, Ink.Paper, 0.55)
			}
			ln = min(ln, lanes-1) // a short chart has one lane for all
			x := math.Max(c.X(m.Choice), right[ln]+gap+size/2)
			right[ln] = x + size/2
			l.glyph(st.Glyph, Pt{x, laneY[ln]}, size, col)
		}
	}
	if b != nil {
		var orig, common, branch []Mark
		for _, m := range d.Marks {
			if m.Choice >= div {
				orig = append(orig, m)
			} else {
				common = append(common, m)
			}
		}
		for _, m := range b.Marks {
			if m.Choice >= div {
				branch = append(branch, m)
			}
		}
		marks(orig, true)
		marks(common, false)
		marks(branch, false)
	} else {
		marks(d.Marks, false)
	}

	// The marks' legend.
	my := h - pad - 0.3*T
	x = pad
	l.text(Pt{x, my}, "Marks:", T, Ink.Muted, -1, false)
	x += l.width("Marks:", T, false) + 0.8*T
	if len(kinds) == 0 {
		l.text(Pt{x, my}, "no ruptures, homework or warnings in this run", T, Ink.Faint, -1, false)
	}
	for _, st := range kinds {
		if x+l.width(st.Name, T, false)+2.2*T > w-pad {
			break
		}
		l.glyph(st.Glyph, Pt{x + 0.5*T, my - 0.35*T}, 0.9*T, st.Color)
		l.text(Pt{x + 1.3*T, my}, st.Name, T, Ink.Text, -1, false)
		x += 1.3*T + l.width(st.Name, T, false) + 1.1*T
	}
	return c
}

// cutOffLabel writes "OQ-45 cut-off" beside the cut-off's line (the shape
// at index line, at y cut) where nothing drawn in the plot so far passes:
// at its right end above it, or below, or further left. Where the lines
// leave no room, it goes in the legend, when there is room there (from
// legend[0] to legend[1], at the legend's baseline), with a dash of the
// line; else at the right end above the line, on a patch of paper.
func (l *layouter) cutOffLabel(line int, cut float64, plot, legend [2]Pt) {
	const label = "OQ-45 cut-off"
	T := l.T
	size := 0.8 * T
	w := l.width(label, size, false)
	m := 0.2 * T // room kept around the label
	// The label's box with its baseline at y, ending at x.
	box := func(x, y float64) [2]Pt { return [2]Pt{{x - w - m, y - 0.8*size - m}, {x + m, y + 0.25*size + m}} }
	above, below := cut-0.3*T, cut+0.3*T+0.8*size
	free := func(b [2]Pt) bool {
		if b[0].X < plot[0].X || b[1].X > plot[1].X || b[0].Y < plot[0].Y || b[1].Y > plot[1].Y {
			return false
		}
		for i, sh := range l.c.Shapes {
			if i != line && sh.crosses(b, l) {
				return false
			}
		}
		return true
	}
	step := math.Max(T, w/4)
	for x := plot[1].X - 0.3*T; x-w >= plot[0].X+0.3*T; x -= step {
		for _, y := range []float64{above, below} {
			if free(box(x, y)) {
				l.text(Pt{x, y}, label, size, Ink.CutOff, 1, false)
				return
			}
		}
	}
	if lw := l.width(label, T, false); legend[0].X+1.6*T+lw <= legend[1].X {
		x, y := legend[0].X, legend[0].Y
		cl := l.c.Shapes[line]
		l.line(cl.Color, cl.Width, cl.Dash/2, Pt{x, y - 0.35*T}, Pt{x + 1.3*T, y - 0.35*T})
		l.text(Pt{x + 1.6*T, y}, label, T, Ink.Text, -1, false)
		return
	}
	x := plot[1].X - 0.3*T
	b := box(x, above)
	l.rect(Pt{b[0].X + m/2, b[0].Y + m/2}, Pt{b[1].X - m/2, b[1].Y - m/2}, Ink.Paper, 0.3*T)
	l.text(Pt{x, above}, label, size, Ink.CutOff, 1, false)
}

// crosses reports whether s draws anything in the box b (its top left and
// bottom right): a line through it, a glyph or a text in it, or a rule (a
// rectangle thinner than the chart's text) across it. Filled areas, such as
// the paper and the sessions' bands, do not count.
func (s Shape) crosses(b [2]Pt, l *layouter) bool {
	overlaps := func(a [2]Pt) bool {
		return a[0].X < b[1].X && a[1].X > b[0].X && a[0].Y < b[1].Y && a[1].Y > b[0].Y
	}
	switch s.Kind {
	case ShapeRect:
		r := [2]Pt{{math.Min(s.Pts[0].X, s.Pts[1].X), math.Min(s.Pts[0].Y, s.Pts[1].Y)}, {math.Max(s.Pts[0].X, s.Pts[1].X), math.Max(s.Pts[0].Y, s.Pts[1].Y)}}
		return math.Min(r[1].X-r[0].X, r[1].Y-r[0].Y) < 0.2*l.T && overlaps(r)
	case ShapeGlyph:
		p, h := s.Pts[0], s.Size/2
		return overlaps([2]Pt{{p.X - h, p.Y - h}, {p.X + h, p.Y + h}})
	case ShapeText:
		w := l.width(s.Text, s.Size, s.Bold)
		x := s.Pts[0].X - w*float64(s.Anchor+1)/2
		return overlaps([2]Pt{{x, s.Pts[0].Y - 0.8*s.Size}, {x + w, s.Pts[0].Y + 0.25*s.Size}})
	case ShapeLine:
		h := s.Width / 2
		wide := [2]Pt{{b[0].X - h, b[0].Y - h}, {b[1].X + h, b[1].Y + h}}
		for i := 1; i < len(s.Pts); i++ {
			if segmentInBox(s.Pts[i-1], s.Pts[i], wide) {
				return true
			}
		}
		if len(s.Pts) == 1 {
			return segmentInBox(s.Pts[0], s.Pts[0], wide)
		}
	}
	return false
}

// segmentInBox reports whether the segment from p to q passes through the
// box b (Liang–Barsky clipping).
func segmentInBox(p, q Pt, b [2]Pt) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := q.X-p.X, q.Y-p.Y
	for _, e := range [4][2]float64{{-dx, p.X - b[0].X}, {dx, b[1].X - p.X}, {-dy, p.Y - b[0].Y}, {dy, b[1].Y - p.Y}} {
		pe, qe := e[0], e[1]
		if pe == 0 {
			if qe < 0 {
				return false
			}
			continue
		}
		t := qe / pe
		if pe < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

// layouter adds shapes to a chart.
type layouter struct {
	c     *Chart
	T     float64
	faces *measurer
}

func (l *layouter) rect(a, b Pt, col color.RGBA, radius float64) {
	l.c.Shapes = append(l.c.Shapes, Shape{Kind: ShapeRect, Pts: []Pt{a, b}, Color: col, Radius: radius})
}

func (l *layouter) line(col color.RGBA, width, dash float64, pts ...Pt) {
	l.c.Shapes = append(l.c.Shapes, Shape{Kind: ShapeLine, Pts: pts, Color: col, Width: width, Dash: dash})
}

func (l *layouter) glyph(g Glyph, at Pt, size float64, col color.RGBA) {
	l.c.Shapes = append(l.c.Shapes, Shape{Kind: ShapeGlyph, Pts: []Pt{at}, Glyph: g, Size: size, Color: col})
}

func (l *layouter) text(at Pt, s string, size float64, col color.RGBA, anchor int, bold bool) {
	l.c.Shapes = append(l.c.Shapes, Shape{Kind: ShapeText, Pts: []Pt{at}, Text: s, Size: size, Color: col, Anchor: anchor, Bold: bold})
}

func (l *layouter) width(s string, size float64, bold bool) float64 {
	return l.faces.width(s, size, bold)
}

// lerp mixes a and b: t 0 is a, 1 is b.
func lerp(a, b color.RGBA, t float64) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), m(a.A, b.A)}
}
