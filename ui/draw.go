package ui

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
	xvector "golang.org/x/image/vector"

	"github.com/therasim/therasim/debrief"
)

// painter draws the few primitives the screens are made of, from masks
// rasterised once and cached: a frame builds no paths except for charts.
type painter struct {
	discs map[int]*[4]*ebiten.Image // quarter discs by radius
	outer map[int]*[4]*ebiten.Image // what lies outside them, by radius
	icons map[iconKey]*ebiten.Image
}

type iconKey struct {
	s    debrief.Glyph
	size int
}

func newPainter() *painter {
	return &painter{discs: map[int]*[4]*ebiten.Image{}, outer: map[int]*[4]*ebiten.Image{}, icons: map[iconKey]*ebiten.Image{}}
}

func colorScale(c color.Color) ebiten.ColorScale {
	var cs ebiten.ColorScale
	cs.ScaleWithColor(c)
	return cs
}

func fillRect(dst *ebiten.Image, r image.Rectangle, c color.Color) {
	if r.Empty() {
		return
	}
	vector.FillRect(dst, float32(r.Min.X), float32(r.Min.Y), float32(r.Dx()), float32(r.Dy()), c, false)
}

// mask rasterises a path into an alpha mask as a white ebiten image.
func mask(w, h int, draw func(z *xvector.Rasterizer)) *ebiten.Image {
	z := xvector.NewRasterizer(w, h)
	draw(z)
	a := image.NewAlpha(image.Rect(0, 0, w, h))
	z.Draw(a, a.Bounds(), image.Opaque, image.Point{})
	rgba := image.NewRGBA(a.Bounds())
	for i, v := range a.Pix {
		rgba.Pix[4*i], rgba.Pix[4*i+1], rgba.Pix[4*i+2], rgba.Pix[4*i+3] = v, v, v, v
	}
	return ebiten.NewImageFromImage(rgba)
}

// circlePath adds a circle to z as four cubic arcs.
func circlePath(z *xvector.Rasterizer, cx, cy, r float32) {
	const k = 0.5522848
	z.MoveTo(cx+r, cy)
	z.CubeTo(cx+r, cy+k*r, cx+k*r, cy+r, cx, cy+r)
	z.CubeTo(cx-k*r, cy+r, cx-r, cy+k*r, cx-r, cy)
	z.CubeTo(cx-r, cy-k*r, cx-k*r, cy-r, cx, cy-r)
	z.CubeTo(cx+k*r, cy-r, cx+r, cy-k*r, cx+r, cy)
	z.ClosePath()
}

func (p *painter) quarters(rad int) *[4]*ebiten.Image {
	if q, ok := p.discs[rad]; ok {
		return q
	}
	d := mask(2*rad, 2*rad, func(z *xvector.Rasterizer) { circlePath(z, float32(rad), float32(rad), float32(rad)) })
	q := &[4]*ebiten.Image{
		d.SubImage(image.Rect(0, 0, rad, rad)).(*ebiten.Image),
		d.SubImage(image.Rect(rad, 0, 2*rad, rad)).(*ebiten.Image),
		d.SubImage(image.Rect(0, rad, rad, 2*rad)).(*ebiten.Image),
		d.SubImage(image.Rect(rad, rad, 2*rad, 2*rad)).(*ebiten.Image),
	}
	p.discs[rad] = q
	return q
}

// roundRect fills r with rounded corners of radius rad.
func (p *painter) roundRect(dst *ebiten.Image, r image.Rectangle, rad int, c color.Color) {
	if r.Empty() {
		return
	}
	rad = min(rad, r.Dx()/2, r.Dy()/2)
	if rad < 2 {
		fillRect(dst, r, c)
		return
	}
	q := p.quarters(rad)
	op := &ebiten.DrawImageOptions{ColorScale: colorScale(c)}
	at := func(img *ebiten.Image, x, y int) {
		op.GeoM.Reset()
		op.GeoM.Translate(float64(x), float64(y))
		dst.DrawImage(img, op)
	}
	at(q[0], r.Min.X, r.Min.Y)
	at(q[1], r.Max.X-rad, r.Min.Y)
	at(q[2], r.Min.X, r.Max.Y-rad)
	at(q[3], r.Max.X-rad, r.Max.Y-rad)
	fillRect(dst, image.Rect(r.Min.X+rad, r.Min.Y, r.Max.X-rad, r.Max.Y), c)
	fillRect(dst, image.Rect(r.Min.X, r.Min.Y+rad, r.Min.X+rad, r.Max.Y-rad), c)
	fillRect(dst, image.Rect(r.Max.X-rad, r.Min.Y+rad, r.Max.X, r.Max.Y-rad), c)
}

// card draws a panel: a soft shadow, a border and a fill.
func (p *painter) card(dst *ebiten.Image, r image.Rectangle, rad, border int, fill, edge color.Color) {
	p.roundRect(dst, r.Add(image.Pt(0, max(1, border*2))), rad, colShadow)
	p.roundRect(dst, r, rad, edge)
	p.roundRect(dst, r.Inset(border), rad-border, fill)
}

// disc fills a circle centred on (cx, cy).
func (p *painter) disc(dst *ebiten.Image, cx, cy float64, rad int, c color.Color) {
	x, y := int(math.Round(cx))-rad, int(math.Round(cy))-rad
	p.roundRect(dst, image.Rect(x, y, x+2*rad, y+2*rad), rad, c)
}

// icon draws a glyph of the given pixel size centred on (cx, cy).
func (p *painter) icon(dst *ebiten.Image, s debrief.Glyph, cx, cy float64, size int, c color.Color) {
	if size < 2 {
		return
	}
	k := iconKey{s, size}
	img, ok := p.icons[k]
	if !ok {
		img = mask(size, size, func(z *xvector.Rasterizer) { shapePath(z, s, float32(size)) })
		p.icons[k] = img
	}
	op := &ebiten.DrawImageOptions{ColorScale: colorScale(c)}
	op.GeoM.Translate(math.Round(cx-float64(size)/2), math.Round(cy-float64(size)/2))
	dst.DrawImage(img, op)
}

// shapePath draws glyph s into an n×n box.
func shapePath(z *xvector.Rasterizer, s debrief.Glyph, n float32) {
	for _, ring := range s.Outline(float64(n)/2, float64(n)/2, float64(n)) {
		z.MoveTo(float32(ring[0].X), float32(ring[0].Y))
		for _, q := range ring[1:] {
			z.LineTo(float32(q.X), float32(q.Y))
		}
		z.ClosePath()
	}
}

// warning draws the warning sign: a filled triangle with an exclamation
// mark in the background colour.
func (p *painter) warning(dst *ebiten.Image, cx, cy float64, size int, c, bg color.Color) {
	p.icon(dst, debrief.GlyphWarning, cx, cy, size, c)
	s := float64(size)
	w := math.Max(2, s*0.11)
	fillRect(dst, image.Rect(int(cx-w/2), int(cy-s*0.18), int(cx+w/2), int(cy+s*0.16)), bg)
	fillRect(dst, image.Rect(int(cx-w/2), int(cy+s*0.24), int(cx+w/2), int(cy+s*0.24+w)), bg)
}

// polyline strokes a line through pts, anti-aliased.
func polyline(dst *ebiten.Image, pts [][2]float64, width float64, c color.Color) {
	if len(pts) < 2 {
		return
	}
	var path vector.Path
	path.MoveTo(float32(pts[0][0]), float32(pts[0][1]))
	for _, q := range pts[1:] {
		path.LineTo(float32(q[0]), float32(q[1]))
	}
	so := &vector.StrokeOptions{Width: float32(width), LineJoin: vector.LineJoinRound, LineCap: vector.LineCapRound}
	do := &vector.DrawPathOptions{AntiAlias: true}
	do.ColorScale.ScaleWithColor(c)
	vector.StrokePath(dst, &path, so, do)
}

// dashed strokes a dashed line through pts.
func dashed(dst *ebiten.Image, pts [][2]float64, width, dash float64, c color.Color) {
	var path vector.Path
	on := true
	left := dash
	for i := 0; i+1 < len(pts); i++ {
		x0, y0, x1, y1 := pts[i][0], pts[i][1], pts[i+1][0], pts[i+1][1]
		seg := math.Hypot(x1-x0, y1-y0)
		t := 0.0
		for t < seg {
			step := math.Min(left, seg-t)
			if on {
				a, b := t/seg, (t+step)/seg
				path.MoveTo(float32(x0+(x1-x0)*a), float32(y0+(y1-y0)*a))
				path.LineTo(float32(x0+(x1-x0)*b), float32(y0+(y1-y0)*b))
			}
			t += step
			left -= step
			if left <= 0 {
				on, left = !on, dash
			}
		}
	}
	so := &vector.StrokeOptions{Width: float32(width), LineCap: vector.LineCapButt}
	do := &vector.DrawPathOptions{AntiAlias: true}
	do.ColorScale.ScaleWithColor(c)
	vector.StrokePath(dst, &path, so, do)
}

// lerpColor mixes a and b.
func lerpColor(a, b color.RGBA, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), m(a.A, b.A)}
}

// fade scales a colour's alpha (premultiplied).
func fade(c color.RGBA, a float64) color.RGBA {
	a = math.Max(0, math.Min(1, a))
	return color.RGBA{uint8(float64(c.R) * a), uint8(float64(c.G) * a), uint8(float64(c.B) * a), uint8(float64(c.A) * a)}
}

// roundCorners paints the corners of r outside a radius rad in colour c,
// so that an image drawn in r looks like a card with rounded corners.
func (p *painter) roundCorners(dst *ebiten.Image, r image.Rectangle, rad int, c color.Color) {
	rad = min(rad, r.Dx()/2, r.Dy()/2)
	if rad < 2 {
		return
	}
	q, ok := p.outer[rad]
	if !ok {
		n := float32(2 * rad)
		d := mask(2*rad, 2*rad, func(z *xvector.Rasterizer) {
			// The square minus the disc: the square one way round, the
			// circle the other.
			z.MoveTo(0, 0)
			z.LineTo(n, 0)
			z.LineTo(n, n)
			z.LineTo(0, n)
			z.ClosePath()
			const k = 0.5522848
			c, r := float32(rad), float32(rad)
			z.MoveTo(c+r, c)
			z.CubeTo(c+r, c-k*r, c+k*r, c-r, c, c-r)
			z.CubeTo(c-k*r, c-r, c-r, c-k*r, c-r, c)
			z.CubeTo(c-r, c+k*r, c-k*r, c+r, c, c+r)
			z.CubeTo(c+k*r, c+r, c+r, c+k*r, c+r, c)
			z.ClosePath()
		})
		q = &[4]*ebiten.Image{
			d.SubImage(image.Rect(0, 0, rad, rad)).(*ebiten.Image),
			d.SubImage(image.Rect(rad, 0, 2*rad, rad)).(*ebiten.Image),
			d.SubImage(image.Rect(0, rad, rad, 2*rad)).(*ebiten.Image),
			d.SubImage(image.Rect(rad, rad, 2*rad, 2*rad)).(*ebiten.Image),
		}
		p.outer[rad] = q
	}
	op := &ebiten.DrawImageOptions{ColorScale: colorScale(c)}
	for i, at := range []image.Point{r.Min, {r.Max.X - rad, r.Min.Y}, {r.Min.X, r.Max.Y - rad}, {r.Max.X - rad, r.Max.Y - rad}} {
		op.GeoM.Reset()
		op.GeoM.Translate(float64(at.X), float64(at.Y))
		dst.DrawImage(q[i], op)
	}
}
