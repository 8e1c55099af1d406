package ui

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/therasim/therasim/debrief"
)

// buttonStyle is how a button looks.
type buttonStyle int

const (
	btnPrimary buttonStyle = iota
	btnSecondary
)

// button draws a button with a centred label and, when key is not "",
// the key that presses it in a small caption after the label.
func (a *app) button(dst *ebiten.Image, r image.Rectangle, label, key string, st buttonStyle, focused, hovered bool) {
	m := a.m
	rad := m.u(10)
	fill, edge, ink := colPanel, colBorder, colText
	if st == btnPrimary {
		fill, edge, ink = colAccent, colAccent, colOnAccent
		if hovered {
			fill = lerpColor(colAccent, color.RGBA{0, 0, 0, 255}, 0.15)
		}
	} else if hovered {
		fill = colHover
	}
	if focused {
		a.pt.roundRect(dst, r.Inset(-m.u(4)), rad+m.u(4), colAccent)
		a.pt.roundRect(dst, r.Inset(-m.u(2)), rad+m.u(2), colBG)
	}
	a.pt.card(dst, r, rad, max(1, m.u(1)), fill, edge)
	lw := a.ts.width(label, fOption)
	kw := 0.0
	if key != "" {
		kw = a.ts.width(key, fSmall) + float64(m.u(12))
	}
	x := float64(r.Min.X) + (float64(r.Dx())-lw-kw)/2
	cy := float64(r.Min.Y+r.Max.Y) / 2
	a.ts.drawLine(dst, label, fOption, x, cy-a.ts.boxH(fOption)/2, ink)
	if key != "" {
		kc := colMuted
		if st == btnPrimary {
			kc = color.RGBA{0xD5, 0xE4, 0xEC, 0xFF}
		}
		a.ts.drawLine(dst, key, fSmall, x+lw+float64(m.u(12)), cy-a.ts.boxH(fSmall)/2, kc)
	}
}

// buttonWidth is the width a button needs for its label and key caption.
func (a *app) buttonWidth(label, key string) int {
	w := a.ts.width(label, fOption) + float64(a.m.u(48))
	if key != "" {
		w += a.ts.width(key, fSmall) + float64(a.m.u(12))
	}
	return int(math.Ceil(w))
}

// buttonHeight is the height of a button.
func (a *app) buttonHeight() int {
	return max(a.m.u(52), int(a.ts.lineH(fOption))+a.m.u(22))
}

// chip draws a small rounded label with an optional glyph before it and
// returns its width.
func (a *app) chip(dst *ebiten.Image, x, y int, label string, sh debrief.Glyph, withShape bool, ink, bg color.RGBA) int {
	m := a.m
	h := int(a.ts.lineH(fSmall)) + m.u(6)
	w := a.chipWidth(label, withShape)
	if dst == nil {
		return w
	}
	a.pt.roundRect(dst, image.Rect(x, y, x+w, y+h), h/2, bg)
	tx := float64(x + m.u(12))
	cy := float64(y) + float64(h)/2
	if withShape {
		s := m.u(16)
		if sh == debrief.GlyphWarning {
			a.pt.warning(dst, tx+float64(s)/2, cy, s, ink, bg)
		} else {
			a.pt.icon(dst, sh, tx+float64(s)/2, cy, s, ink)
		}
		tx += float64(s + m.u(8))
	}
	a.ts.drawLine(dst, label, fSmall, tx, cy-a.ts.boxH(fSmall)/2, ink)
	return w
}

func (a *app) chipWidth(label string, withShape bool) int {
	w := a.ts.width(label, fSmall) + float64(a.m.u(24))
	if withShape {
		w += float64(a.m.u(24))
	}
	return int(math.Ceil(w))
}

func (a *app) chipHeight() int { return int(a.ts.lineH(fSmall)) + a.m.u(6) }

// ellipsize shortens s with "…" to fit width w.
func (a *app) ellipsize(s string, r fontRole, w float64) string {
	if a.ts.width(s, r) <= w {
		return s
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		t := string(rs[:n]) + "…"
		if a.ts.width(t, r) <= w {
			return t
		}
	}
	return "…"
}

// scroller scrolls a column of content taller than its view.
type scroller struct {
	off, max float64
}

// update scrolls with the wheel over view, and with Page Up/Down, Home
// and End when keys is true.
func (s *scroller) update(in *input, view image.Rectangle, content int, step float64, keys bool) {
	s.max = math.Max(0, float64(content-view.Dy()))
	if in.Wheel != 0 && in.Mouse.In(view) {
		s.off -= in.Wheel * step * 3
	}
	if keys {
		page := float64(view.Dy()) * 0.85
		switch {
		case in.Pressed(ebiten.KeyPageDown):
			s.off += page
		case in.Pressed(ebiten.KeyPageUp):
			s.off -= page
		case in.Pressed(ebiten.KeyHome):
			s.off = 0
		case in.Pressed(ebiten.KeyEnd):
			s.off = s.max
		}
	}
	s.clamp()
}

func (s *scroller) clamp() { s.off = math.Max(0, math.Min(s.max, s.off)) }

// show scrolls as little as needed for content rows y0..y1 to be in a
// view of height h.
func (s *scroller) show(y0, y1, h int) {
	if float64(y1)-s.off > float64(h) {
		s.off = float64(y1 - h)
	}
	if float64(y0) < s.off {
		s.off = float64(y0)
	}
	s.clamp()
}

// drawScrollbar draws a thin bar at the right of view when it scrolls.
func (a *app) drawScrollbar(dst *ebiten.Image, view image.Rectangle, s *scroller, content int) {
	if s.max <= 0 {
		return
	}
	w := a.m.u(6)
	x := view.Max.X - w
	track := image.Rect(x, view.Min.Y, view.Max.X, view.Max.Y)
	a.pt.roundRect(dst, track, w/2, colTrack)
	h := max(a.m.u(40), view.Dy()*view.Dy()/max(1, content))
	y := view.Min.Y + int(float64(view.Dy()-h)*s.off/s.max)
	a.pt.roundRect(dst, image.Rect(x, y, view.Max.X, y+h), w/2, colFaint)
}

// fadeEdges softens content at the top and bottom of a scrolling view.
func (a *app) fadeEdges(dst *ebiten.Image, view image.Rectangle, s *scroller, bg color.RGBA) {
	n := a.m.u(24)
	if s.off > 0 {
		for i := 0; i < n; i += 2 {
			fillRect(dst, image.Rect(view.Min.X, view.Min.Y+i, view.Max.X-a.m.u(10), view.Min.Y+i+2), fade(bg, 1-float64(i)/float64(n)))
		}
	}
	if s.off < s.max {
		for i := 0; i < n; i += 2 {
			fillRect(dst, image.Rect(view.Min.X, view.Max.Y-i-2, view.Max.X-a.m.u(10), view.Max.Y-i), fade(bg, 1-float64(i)/float64(n)))
		}
	}
}

// clip returns the part of dst inside r, for drawing that must not spill.
func clip(dst *ebiten.Image, r image.Rectangle) *ebiten.Image {
	return dst.SubImage(r.Intersect(dst.Bounds())).(*ebiten.Image)
}

// layoutCache holds a screen's layout and the key it was computed for (the
// window's size and metrics, and whatever else it depends on), so that a
// frame lays out again only when the key changes.
type layoutCache[K comparable, L any] struct {
	key K
	ok  bool
	l   L
}

// get returns the layout for key k, computing it when k is new.
func (c *layoutCache[K, L]) get(k K, compute func() L) *L {
	if !c.ok || c.key != k {
		c.key, c.l, c.ok = k, compute(), true
	}
	return &c.l
}
