package assets

import (
	"image"
	"image/color"
	"math"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// This file holds the small drawing kit the portrait is made with: a canvas
// that takes coordinates in design units (a 1000×1000 square, whatever the
// pixel size) through a transform, paths built in those units, layers used as
// clipping masks (a shape filled with source-atop blending lands only where a
// layer already has paint), gradients, and tapered strokes ("ribbons").

// designSize is the side of the square the portrait is designed in.
const designSize = 1000

// pt is a point in design units.
type pt struct{ x, y float64 }

func (p pt) add(q pt) pt           { return pt{p.x + q.x, p.y + q.y} }
func (p pt) sub(q pt) pt           { return pt{p.x - q.x, p.y - q.y} }
func (p pt) mul(k float64) pt      { return pt{p.x * k, p.y * k} }
func lerpPt(p, q pt, t float64) pt { return pt{p.x + (q.x-p.x)*t, p.y + (q.y-p.y)*t} }
func lerp(a, b, t float64) float64 { return a + (b-a)*t }
func clamp01(t float64) float64    { return math.Max(0, math.Min(1, t)) }
func smooth(t float64) float64     { t = clamp01(t); return t * t * (3 - 2*t) }
func mirror(p pt) pt               { return pt{designSize - p.x, p.y} }
func bez(p0, p1, p2, p3 pt, t float64) pt {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return pt{a*p0.x + b*p1.x + c*p2.x + d*p3.x, a*p0.y + b*p1.y + c*p2.y + d*p3.y}
}

// bump is 0 at u=0 and u=1 and 1 at u=peak, smooth in between: the profile
// of an eyelid.
func bump(u, peak float64) float64 {
	u = clamp01(u)
	k := math.Log(0.5) / math.Log(peak)
	return math.Sin(math.Pi * math.Pow(u, k))
}

// canvas draws on img in design units through the transform m.
type canvas struct {
	img   *ebiten.Image
	px    ebiten.GeoM // design units to pixels
	base  ebiten.GeoM // the framing (a zoom on the figure), then px
	m     ebiten.GeoM // the current transform: a local one, then base
	white *ebiten.Image
	// scratch is the image every layer of a portrait is drawn on in turn.
	scratch *ebiten.Image
}

// newCanvas returns a canvas on img whose figure is zoomed by zoom about
// the point (500, zoomY).
func newCanvas(img, white, scratch *ebiten.Image, zoom, zoomY float64) *canvas {
	w := img.Bounds().Dx()
	var px ebiten.GeoM
	px.Scale(float64(w)/designSize, float64(w)/designSize)
	var base ebiten.GeoM
	base.Translate(-designSize/2, -zoomY)
	base.Scale(zoom, zoom)
	base.Translate(designSize/2, zoomY)
	base.Concat(px)
	return &canvas{img: img, px: px, base: base, m: base, white: white, scratch: scratch}
}

// setLocal makes l (in design units) the current transform.
func (c *canvas) setLocal(l ebiten.GeoM) {
	l.Concat(c.base)
	c.m = l
}

// setUnframed draws in plain design units, without the framing zoom.
func (c *canvas) setUnframed() { c.m = c.px }

func (c *canvas) apply(p pt) (float32, float32) {
	x, y := c.m.Apply(p.x, p.y)
	return float32(x), float32(y)
}

// layer returns a transparent canvas of the same size and transform. Only
// one layer is in use at a time: flatten it before asking for another.
func (c *canvas) layer() *canvas {
	l := *c
	l.img = c.scratch
	l.img.Clear()
	return &l
}

// flatten draws layer l onto c with the given opacity.
func (c *canvas) flatten(l *canvas, alpha float32) {
	op := &ebiten.DrawImageOptions{}
	op.ColorScale.ScaleAlpha(alpha)
	c.img.DrawImage(l.img, op)
}

// Creating textures is what costs most when a portrait is drawn (on a
// software renderer, hundreds of milliseconds), so the white source image and
// the scratch image the layers are drawn on are made once and kept, the
// scratch grown to the largest portrait asked for.
var (
	kitMu      sync.Mutex
	kitWhite   *ebiten.Image
	kitScratch *ebiten.Image
)

// lockKit returns the white image and a scratch image of size×size, locked
// until unlock is called.
func lockKit(size int) (white, scratch *ebiten.Image, unlock func()) {
	kitMu.Lock()
	if kitWhite == nil {
		img := ebiten.NewImage(3, 3)
		img.Fill(color.White)
		kitWhite = img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
	}
	if kitScratch == nil || kitScratch.Bounds().Dx() < size {
		if kitScratch != nil {
			kitScratch.Deallocate()
		}
		kitScratch = ebiten.NewImageWithOptions(image.Rect(0, 0, size, size), &ebiten.NewImageOptions{Unmanaged: true})
	}
	scratch = kitScratch.SubImage(image.Rect(0, 0, size, size)).(*ebiten.Image)
	return kitWhite, scratch, kitMu.Unlock
}

// shape is a path in pixels built from design units.
type shape struct {
	c *canvas
	p vector.Path
}

func (c *canvas) shape() *shape { return &shape{c: c} }

func (s *shape) moveTo(p pt) *shape {
	x, y := s.c.apply(p)
	s.p.MoveTo(x, y)
	return s
}

func (s *shape) lineTo(p pt) *shape {
	x, y := s.c.apply(p)
	s.p.LineTo(x, y)
	return s
}

func (s *shape) quadTo(c1, p pt) *shape {
	x1, y1 := s.c.apply(c1)
	x, y := s.c.apply(p)
	s.p.QuadTo(x1, y1, x, y)
	return s
}

func (s *shape) cubicTo(c1, c2, p pt) *shape {
	x1, y1 := s.c.apply(c1)
	x2, y2 := s.c.apply(c2)
	x, y := s.c.apply(p)
	s.p.CubicTo(x1, y1, x2, y2, x, y)
	return s
}

func (s *shape) close() *shape {
	s.p.Close()
	return s
}

// poly adds a closed polygon.
func (s *shape) poly(ps []pt) *shape {
	if len(ps) == 0 {
		return s
	}
	s.moveTo(ps[0])
	for _, p := range ps[1:] {
		s.lineTo(p)
	}
	return s.close()
}

// ellipse adds an ellipse rotated by angle (radians).
func (s *shape) ellipse(cx, cy, rx, ry, angle float64) *shape {
	const k = 0.5522847498
	sin, cos := math.Sincos(angle)
	at := func(x, y float64) pt { return pt{cx + x*cos - y*sin, cy + x*sin + y*cos} }
	s.moveTo(at(rx, 0))
	s.cubicTo(at(rx, k*ry), at(k*rx, ry), at(0, ry))
	s.cubicTo(at(-k*rx, ry), at(-rx, k*ry), at(-rx, 0))
	s.cubicTo(at(-rx, -k*ry), at(-k*rx, -ry), at(0, -ry))
	s.cubicTo(at(k*rx, -ry), at(rx, -k*ry), at(rx, 0))
	return s.close()
}

func (s *shape) circle(cx, cy, r float64) *shape { return s.ellipse(cx, cy, r, r, 0) }

// fill paints s on c.
func (c *canvas) fill(s *shape, clr color.Color) { c.fillBlend(s, clr, ebiten.BlendSourceOver) }

// fillAtop paints s on c only where c already has paint (a clipped fill).
func (c *canvas) fillAtop(s *shape, clr color.Color) { c.fillBlend(s, clr, ebiten.BlendSourceAtop) }

func (c *canvas) fillBlend(s *shape, clr color.Color, blend ebiten.Blend) {
	op := &vector.DrawPathOptions{AntiAlias: true, Blend: blend}
	op.ColorScale.ScaleWithColor(clr)
	vector.FillPath(c.img, &s.p, nil, op)
}

// ribbon returns the outline of a stroke along f from t0 to t1 whose width
// at each t is w(t): tapered lines for brows, lids, creases and strands.
func ribbon(f func(t float64) pt, w func(t float64) float64, t0, t1 float64, n int) []pt {
	left := make([]pt, 0, n+1)
	right := make([]pt, 0, n+1)
	const eps = 1e-3
	for i := 0; i <= n; i++ {
		t := lerp(t0, t1, float64(i)/float64(n))
		p := f(t)
		a, b := f(math.Max(t0, t-eps)), f(math.Min(t1, t+eps))
		d := b.sub(a)
		l := math.Hypot(d.x, d.y)
		if l == 0 {
			l = 1
		}
		nrm := pt{-d.y / l, d.x / l}
		h := w(t) / 2
		left = append(left, p.add(nrm.mul(h)))
		right = append(right, p.sub(nrm.mul(h)))
	}
	for i := len(right) - 1; i >= 0; i-- {
		left = append(left, right[i])
	}
	return left
}

// stroke paints a tapered line along f: width peaks at the middle (taper
// true) or is constant.
func (c *canvas) stroke(f func(t float64) pt, width float64, taper bool, clr color.Color) {
	w := func(t float64) float64 {
		if taper {
			return width * math.Pow(math.Sin(math.Pi*clamp01(t)), 0.6)
		}
		return width
	}
	c.fill(c.shape().poly(ribbon(f, w, 0, 1, 32)), clr)
}

func (c *canvas) strokeAtop(f func(t float64) pt, width float64, clr color.Color) {
	w := func(t float64) float64 { return width * math.Pow(math.Sin(math.Pi*clamp01(t)), 0.6) }
	c.fillAtop(c.shape().poly(ribbon(f, w, 0, 1, 32)), clr)
}

// cubicF returns the cubic Bézier through p0..p3 as a function of t.
func cubicF(p0, p1, p2, p3 pt) func(float64) pt {
	return func(t float64) pt { return bez(p0, p1, p2, p3, t) }
}

// radial paints an elliptical gradient from inner at the centre to outer at
// the rim.
func (c *canvas) radial(cx, cy, rx, ry float64, inner, outer color.NRGBA, blend ebiten.Blend) {
	const n = 64
	vs := make([]ebiten.Vertex, 0, n+1)
	is := make([]uint16, 0, 3*n)
	vs = append(vs, c.vertex(pt{cx, cy}, inner))
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / n
		vs = append(vs, c.vertex(pt{cx + rx*math.Cos(a), cy + ry*math.Sin(a)}, outer))
		is = append(is, 0, uint16(1+i), uint16(1+(i+1)%n))
	}
	c.img.DrawTriangles(vs, is, c.white, &ebiten.DrawTrianglesOptions{Blend: blend})
}

// vgradient paints the rectangle (x0,y0)-(x1,y1) from top to bottom colour.
func (c *canvas) vgradient(x0, y0, x1, y1 float64, top, bottom color.NRGBA) {
	vs := []ebiten.Vertex{
		c.vertex(pt{x0, y0}, top), c.vertex(pt{x1, y0}, top),
		c.vertex(pt{x0, y1}, bottom), c.vertex(pt{x1, y1}, bottom),
	}
	c.img.DrawTriangles(vs, []uint16{0, 1, 2, 1, 3, 2}, c.white, nil)
}

func (c *canvas) vertex(p pt, clr color.NRGBA) ebiten.Vertex {
	x, y := c.apply(p)
	return ebiten.Vertex{
		DstX: x, DstY: y, SrcX: 1.5, SrcY: 1.5,
		ColorR: float32(clr.R) / 255, ColorG: float32(clr.G) / 255,
		ColorB: float32(clr.B) / 255, ColorA: float32(clr.A) / 255,
	}
}

// Colour helpers.

func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(math.Round(lerp(float64(x), float64(y), clamp01(t)))) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
}

// shade darkens c as skin and cloth darken in shadow: a little more in green
// and blue than in red, so shadows stay warm.
func shade(c color.RGBA, k float64) color.RGBA {
	f := func(x uint8, m float64) uint8 { return uint8(math.Round(float64(x) * (1 - k*m))) }
	return color.RGBA{f(c.R, 0.85), f(c.G, 1), f(c.B, 1), 255}
}

func alpha(c color.RGBA, a float64) color.NRGBA {
	return color.NRGBA{c.R, c.G, c.B, uint8(math.Round(255 * clamp01(a)))}
}
