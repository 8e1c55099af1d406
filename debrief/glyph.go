package debrief

import "math"

// A Glyph is a small shape drawn beside a value or a mark, so that meaning
// never rests on colour alone. The timeline, the window's meters and the
// reports draw the same glyphs from the same outlines (Outline).
type Glyph uint8

// The glyphs.
const (
	GlyphCircle Glyph = iota
	GlyphSquare
	GlyphDiamond
	GlyphTriangle
	GlyphHexagon
	GlyphWarning // a triangle with an exclamation mark cut out: not on track, dropout risk
	GlyphUp      // ▲ a value went up
	GlyphDown    // ▼ a value went down
	GlyphCheck
	GlyphCross
	GlyphRing
	GlyphHalf // a half-filled circle: partly done
)

// Pt is a point on a chart's canvas, in pixels from the top left.
type Pt struct{ X, Y float64 }

// Outline returns glyph g, centred on (cx, cy) in a box of the given size,
// as closed polygons to fill with the non-zero winding rule: holes (the
// ring's middle, the warning's exclamation mark) wind the other way.
func (g Glyph) Outline(cx, cy, size float64) [][]Pt {
	n := size
	x0, y0 := cx-n/2, cy-n/2
	// p maps a point of the unit box to the canvas.
	p := func(u, v float64) Pt { return Pt{x0 + u*n, y0 + v*n} }
	poly := func(uv ...float64) []Pt {
		out := make([]Pt, 0, len(uv)/2)
		for i := 0; i+1 < len(uv); i += 2 {
			out = append(out, p(uv[i], uv[i+1]))
		}
		return out
	}
	// arc is a polygon along a circle of radius r (in box units) from
	// angle a0 to a1, counter-clockwise on screen when a1 < a0.
	arc := func(r, a0, a1 float64, steps int) []Pt {
		out := make([]Pt, 0, steps+1)
		for i := 0; i <= steps; i++ {
			a := a0 + (a1-a0)*float64(i)/float64(steps)
			out = append(out, p(0.5+r*math.Cos(a), 0.5+r*math.Sin(a)))
		}
		return out
	}
	reverse := func(ps []Pt) []Pt {
		out := make([]Pt, len(ps))
		for i, q := range ps {
			out[len(ps)-1-i] = q
		}
		return out
	}
	switch g {
	case GlyphCircle:
		return [][]Pt{arc(0.42, 0, 2*math.Pi, 32)}
	case GlyphSquare:
		return [][]Pt{poly(0.14, 0.14, 0.86, 0.14, 0.86, 0.86, 0.14, 0.86)}
	case GlyphDiamond:
		return [][]Pt{poly(0.5, 0.04, 0.96, 0.5, 0.5, 0.96, 0.04, 0.5)}
	case GlyphTriangle, GlyphUp:
		return [][]Pt{poly(0.5, 0.1, 0.95, 0.88, 0.05, 0.88)}
	case GlyphDown:
		return [][]Pt{poly(0.05, 0.12, 0.95, 0.12, 0.5, 0.9)}
	case GlyphHexagon:
		var uv []float64
		for i := 0; i < 6; i++ {
			a := float64(i)*math.Pi/3 + math.Pi/6
			uv = append(uv, 0.5+0.46*math.Cos(a), 0.5+0.46*math.Sin(a))
		}
		return [][]Pt{poly(uv...)}
	case GlyphWarning:
		w := 0.055
		return [][]Pt{
			poly(0.5, 0.04, 0.98, 0.92, 0.02, 0.92),
			reverse(poly(0.5-w, 0.32, 0.5+w, 0.32, 0.5+w, 0.66, 0.5-w, 0.66)),
			reverse(poly(0.5-w, 0.74, 0.5+w, 0.74, 0.5+w, 0.74+2*w, 0.5-w, 0.74+2*w)),
		}
	case GlyphCheck:
		w := 0.13
		return [][]Pt{poly(0.08, 0.52, 0.08+w, 0.52-w, 0.4, 0.78-w, 0.92-w, 0.18, 0.92, 0.18+w, 0.4, 0.78+w*0.6)}
	case GlyphCross:
		w := 0.12
		return [][]Pt{
			poly(0.12, 0.12+w, 0.12+w, 0.12, 0.88, 0.88-w, 0.88-w, 0.88),
			poly(0.88-w, 0.12, 0.88, 0.12+w, 0.12+w, 0.88, 0.12, 0.88-w),
		}
	case GlyphRing:
		return [][]Pt{arc(0.44, 0, 2*math.Pi, 32), reverse(arc(0.26, 0, 2*math.Pi, 32))}
	case GlyphHalf:
		// The left half of a disc and a thin ring round the right: "partly".
		left := arc(0.42, math.Pi/2, 3*math.Pi/2, 16)
		outer := arc(0.42, -math.Pi/2, math.Pi/2, 16)
		inner := reverse(arc(0.33, -math.Pi/2, math.Pi/2, 16))
		return [][]Pt{left, append(outer, inner...)}
	}
	return nil
}

// RoundRect returns the rectangle from a to b with corners rounded by r,
// as one polygon.
func RoundRect(a, b Pt, r float64) [][]Pt {
	r = math.Max(0, math.Min(r, math.Min(b.X-a.X, b.Y-a.Y)/2))
	var ring []Pt
	corner := func(cx, cy, from float64) {
		for i := 0; i <= 6; i++ {
			t := from + float64(i)*math.Pi/12
			ring = append(ring, Pt{cx + r*math.Cos(t), cy + r*math.Sin(t)})
		}
	}
	corner(b.X-r, a.Y+r, -math.Pi/2)
	corner(b.X-r, b.Y-r, 0)
	corner(a.X+r, b.Y-r, math.Pi/2)
	corner(a.X+r, a.Y+r, math.Pi)
	return [][]Pt{ring}
}
