package ui

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/therasim/therasim/debrief"
)

// paintChart draws a chart laid out by package debrief with the top left
// of its canvas at org: the window's painter of the shapes the PNG and
// the HTML report draw, so the three show the same timeline.
func (a *app) paintChart(dst *ebiten.Image, c *debrief.Chart, org image.Point) {
	ox, oy := float64(org.X), float64(org.Y)
	pt := func(p debrief.Pt) [2]float64 { return [2]float64{p.X + ox, p.Y + oy} }
	for _, s := range c.Shapes {
		switch s.Kind {
		case debrief.ShapeRect:
			r := image.Rect(int(math.Round(s.Pts[0].X+ox)), int(math.Round(s.Pts[0].Y+oy)), int(math.Round(s.Pts[1].X+ox)), int(math.Round(s.Pts[1].Y+oy)))
			if s.Radius > 0 {
				a.pt.roundRect(dst, r, int(math.Round(s.Radius)), s.Color)
			} else {
				fillRect(dst, r, s.Color)
			}
		case debrief.ShapeLine:
			pts := make([][2]float64, len(s.Pts))
			for i, p := range s.Pts {
				pts[i] = pt(p)
			}
			if s.Dash > 0 {
				dashed(dst, pts, s.Width, s.Dash, s.Color)
			} else {
				polyline(dst, pts, s.Width, s.Color)
			}
		case debrief.ShapeGlyph:
			a.pt.icon(dst, s.Glyph, s.Pts[0].X+ox, s.Pts[0].Y+oy, int(math.Round(s.Size)), s.Color)
		case debrief.ShapeText:
			a.ts.drawText(dst, s.Text, s.Size, s.Bold, s.Pts[0].X+ox, s.Pts[0].Y+oy, s.Anchor, s.Color)
		}
	}
}

// drawText draws one line of text at size pixels with its baseline at y;
// anchor says where x is: -1 the start, 0 the middle, 1 the end.
func (t *typesetter) drawText(dst *ebiten.Image, s string, size float64, bold bool, x, y float64, anchor int, c color.RGBA) {
	role := fSmall // regular
	src := fontRegular()
	if bold {
		role, src = fLabel, fontBold()
	}
	f := &text.GoTextFace{Source: src, Size: size}
	k := textKey{s: s, role: role, size: size, col: c, chart: true}
	w, ok := t.widths[k]
	if !ok {
		w = text.Advance(s, f)
		t.widths[k] = w
	}
	switch anchor {
	case 0:
		x -= w / 2
	case 1:
		x -= w
	}
	m := f.Metrics()
	t.cachedText(dst, k, w, m.HAscent+m.HDescent, x, y-m.HAscent, 1, func(img *ebiten.Image, x, y float64) {
		op := &text.DrawOptions{}
		op.GeoM.Translate(x, y)
		op.ColorScale.ScaleWithColor(c)
		text.Draw(img, s, f, op)
	})
}

// timeline is the debrief's timeline laid out in the timeline card of l,
// with the choice in hand and any what-if: laid out again only when one
// of them changes.
func (s *debriefScreen) timeline(l *debriefLayout) (*debrief.Chart, image.Point) {
	r := l.tl.Inset(s.a.m.u(6))
	k := chartKey{size: r.Size(), text: s.a.m.fontPx(roleSize[fSmall]), cur: s.cur, branch: s.branch, alt: s.alt, points: l.points}
	if s.branch != nil {
		k.moments = len(s.branch.Moments)
	}
	c := s.chart.get(k, func() *debrief.Chart {
		return debrief.Layout(s.d, float64(r.Dx()), float64(r.Dy()), debrief.ChartOptions{
			Branch: s.branch, Alt: s.alt, Cursor: s.cur, Points: l.points, Text: k.text})
	})
	return *c, r.Min
}

// chartKey is what the timeline's layout depends on.
type chartKey struct {
	size    image.Point
	text    float64
	cur     int
	branch  *debrief.Debrief
	moments int
	alt     int
	points  int
}

// drawTimeline draws the timeline card. The chart is painted once into an
// image of its own, kept until it is laid out again, and each frame draws
// that image: anti-aliased lines are the costliest thing a frame could
// draw.
func (s *debriefScreen) drawTimeline(dst *ebiten.Image, l *debriefLayout) {
	a, m := s.a, s.a.m
	if l.tl.Empty() {
		return // the competence profile is shown in its place
	}
	a.pt.card(dst, l.tl, m.u(14), max(1, m.u(1)), colPanel, colBorder)
	c, at := s.timeline(l)
	if s.painted == nil || s.paintedFor != c {
		if s.painted != nil {
			s.painted.Deallocate()
		}
		s.painted = ebiten.NewImage(max(1, int(math.Ceil(c.Width))), max(1, int(math.Ceil(c.Height))))
		a.paintChart(s.painted, c, image.Point{})
		s.paintedFor = c
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(float64(at.X), float64(at.Y))
	dst.DrawImage(s.painted, op)
}
