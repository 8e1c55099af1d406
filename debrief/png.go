package debrief

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strings"
	"sync"

	"github.com/go-text/typesetting/di"
	gtfont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/therasim/therasim/assets/fonts"
)

// WritePNG draws the timeline chart (see Layout) as a PNG of the given
// size, from 200×150 to 8000×8000 pixels.
func WritePNG(w io.Writer, d *Debrief, width, height int) error {
	img, err := Image(d, nil, width, height)
	if err != nil {
		return err
	}
	return png.Encode(w, img)
}

// Image draws the timeline chart of d (see Layout) as an image of the
// given size, 200×150 to 8000×8000 pixels; with a branch b (a "what if" of
// d, or nil), b is drawn over d, dashed, from the choice where they part.
func Image(d, b *Debrief, width, height int) (*image.RGBA, error) {
	if width < 200 || height < 150 || width > 8000 || height > 8000 {
		return nil, fmt.Errorf("chart size %d×%d: give 200×150 to 8000×8000", width, height)
	}
	c := Layout(d, float64(width), float64(height), ChartOptions{Branch: b, Title: chartTitle(d, b)})
	return c.Image(), nil
}

// Image draws the chart as a raster image of its size.
func (c *Chart) Image() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, int(math.Ceil(c.Width)), int(math.Ceil(c.Height))))
	m := newMeasurer()
	for _, s := range c.Shapes {
		paint(img, s, m)
	}
	return img
}

// chartTitle names the run an exported chart shows.
func chartTitle(d, b *Debrief) string {
	t := fmt.Sprintf("%s — %s, seed %d", d.Scenario.Title, d.Header.Trainee, d.Header.Seed)
	if b != nil {
		t += fmt.Sprintf(" — what if at choice %d (dashed)", b.Branch)
	}
	return t
}

var (
	regular  = sync.OnceValue(func() *opentype.Font { return mustParse("NotoSans-Regular", fonts.Regular) })
	boldFont = sync.OnceValue(func() *opentype.Font { return mustParse("NotoSans-Bold", fonts.Bold) })
	// fallbackFonts parse fonts.Fallbacks, each on first use: the fonts
	// of the characters Noto Sans lacks (a trainee's name in the title
	// may be in any script).
	fallbackFonts = func() []func() *opentype.Font {
		out := make([]func() *opentype.Font, len(fonts.Fallbacks))
		for i, f := range fonts.Fallbacks {
			out[i] = sync.OnceValue(func() *opentype.Font { return mustParse(f.Name, f.Data) })
		}
		return out
	}()
)

// shapedFonts parse the Complex fallbacks for the shaper, each on first
// use (nil for the others).
var shapedFonts = func() []func() *gtfont.Font {
	out := make([]func() *gtfont.Font, len(fonts.Fallbacks))
	for i, f := range fonts.Fallbacks {
		if f.Complex {
			out[i] = sync.OnceValue(func() *gtfont.Font {
				face, err := gtfont.ParseTTF(bytes.NewReader(f.Data))
				if err != nil {
					panic(fmt.Sprintf("debrief: parsing embedded font %s: %v", f.Name, err)) // compiled in: a build defect
				}
				return face.Font
			})
		}
	}
	return out
}()

func mustParse(name string, b []byte) *opentype.Font {
	f, err := opentype.Parse(b)
	if err != nil {
		panic(fmt.Sprintf("debrief: parsing embedded font %s: %v", name, err)) // compiled in: a build defect
	}
	return f
}

// measurer measures text in the chart's typeface, keeping a face for
// each size it is asked for. Text is split between fonts as the window
// splits it (fonts.Runs): Noto Sans, and a fallback font for characters
// it lacks. Characters that no font has are left out. Runs of the scripts
// that must be shaped (Arabic, Hebrew, Devanagari, Thai: fonts.Fallback's
// Complex) are shaped with go-text, as the window shapes all text, and
// drawn from their glyphs' outlines; the others glyph by glyph.
type measurer struct {
	faces map[faceKey]font.Face
	// shaped are the faces of the Complex fallbacks, by font number, and
	// shaper shapes text in them (neither may be shared between
	// goroutines).
	shaped map[int]*gtfont.Face
	shaper shaping.HarfbuzzShaper
	seg    shaping.Segmenter
}

// textRun is a stretch of text in one font, ready to measure and draw:
// with face, glyph by glyph, or, shaped, as out.
type textRun struct {
	part string
	face font.Face
	out  []shaping.Output
}

// advance is the run's width.
func (r textRun) advance() fixed.Int26_6 {
	if r.face != nil {
		return font.MeasureString(r.face, r.part)
	}
	var w fixed.Int26_6
	for _, o := range r.out {
		w += o.Advance
	}
	return w
}

// draw draws the run with its baseline's start at dot.
func (r textRun) draw(img *image.RGBA, dot fixed.Point26_6, c color.RGBA) {
	if r.face != nil {
		dr := &font.Drawer{Dst: img, Src: image.NewUniform(c), Face: r.face, Dot: dot}
		dr.DrawString(r.part)
		return
	}
	z := raster(img)
	x, y := float32(dot.X)/64, float32(dot.Y)/64
	for _, o := range r.out {
		scale := float32(o.Size) / 64 / float32(o.Face.Upem())
		for _, g := range o.Glyphs {
			ol, ok := o.Face.GlyphData(g.GlyphID).(gtfont.GlyphOutline)
			if ok {
				outline(z, ol, x+float32(g.XOffset)/64, y-float32(g.YOffset)/64, scale)
			}
			x += float32(g.XAdvance) / 64
		}
	}
	fill(img, z, c)
}

// outline adds a glyph's outline to z, its origin at (x, y), scaled from
// font units (y up) to pixels (y down).
func outline(z *vector.Rasterizer, ol gtfont.GlyphOutline, x, y, scale float32) {
	pt := func(p gtfont.SegmentPoint) (float32, float32) { return x + p.X*scale, y - p.Y*scale }
	open := false
	for _, sg := range ol.Segments {
		switch sg.Op {
		case ot.SegmentOpMoveTo:
			if open {
				z.ClosePath()
			}
			z.MoveTo(pt(sg.Args[0]))
			open = true
		case ot.SegmentOpLineTo:
			z.LineTo(pt(sg.Args[0]))
		case ot.SegmentOpQuadTo:
			bx, by := pt(sg.Args[0])
			cx, cy := pt(sg.Args[1])
			z.QuadTo(bx, by, cx, cy)
		case ot.SegmentOpCubeTo:
			bx, by := pt(sg.Args[0])
			cx, cy := pt(sg.Args[1])
			dx, dy := pt(sg.Args[2])
			z.CubeTo(bx, by, cx, cy, dx, dy)
		}
	}
	if open {
		z.ClosePath()
	}
}

// oneFace is the one face a shaped run is in.
type oneFace struct{ f *gtfont.Face }

func (o oneFace) ResolveFace(rune) *gtfont.Face { return o.f }

// shape shapes part in Complex fallback fnt at size pixels, split into
// runs of one direction and script (the words of a right-to-left name
// come out right to left).
func (m *measurer) shape(part string, size float64, fnt int) []shaping.Output {
	f, ok := m.shaped[fnt]
	if !ok {
		f = gtfont.NewFace(shapedFonts[fnt-1]())
		m.shaped[fnt] = f
	}
	rs := []rune(part)
	in := shaping.Input{Text: rs, RunEnd: len(rs), Direction: di.DirectionLTR, Face: f, Size: fixed.Int26_6(math.Round(size * 64))}
	var out []shaping.Output
	for _, in := range m.seg.Split(in, oneFace{f}) {
		out = append(out, m.shaper.Shape(in))
	}
	return out
}

// faceKey names a face: Noto Sans (font 0) or a fallback (font i+1 for
// fonts.Fallbacks[i]) at a size.
type faceKey struct {
	size float64
	bold bool
	font int
}

func newMeasurer() *measurer {
	return &measurer{faces: map[faceKey]font.Face{}, shaped: map[int]*gtfont.Face{}}
}

// face returns a face of font (see faceKey) at size pixels.
func (m *measurer) face(size float64, bold bool, fnt int) font.Face {
	k := faceKey{math.Round(size*10) / 10, bold, fnt}
	if f, ok := m.faces[k]; ok {
		return f
	}
	var src *opentype.Font
	switch {
	case fnt > 0:
		src = fallbackFonts[fnt-1]()
	case bold:
		src = boldFont()
	default:
		src = regular()
	}
	f, err := opentype.NewFace(src, &opentype.FaceOptions{Size: k.size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(fmt.Sprintf("debrief: a face of the embedded font at %v px: %v", k.size, err)) // compiled in: a build defect
	}
	m.faces[k] = f
	return f
}

// runs calls do for each stretch of s drawn in one font; characters that
// draw as nothing (fonts.Ignorable) and those no font has are left out.
func (m *measurer) runs(s string, size float64, bold bool, do func(r textRun)) {
	st := fonts.StyleRegular
	if bold {
		st = fonts.StyleBold
	}
	for run := range fonts.Runs(s, st) {
		if run.Font == fonts.NoFont {
			continue
		}
		part := s[run.Start:run.End]
		if strings.IndexFunc(part, fonts.Ignorable) >= 0 {
			part = strings.Map(func(r rune) rune {
				if fonts.Ignorable(r) {
					return -1
				}
				return r
			}, part)
		}
		if run.Font > 0 && fonts.Fallbacks[run.Font-1].Complex {
			do(textRun{part: part, out: m.shape(part, size, run.Font)})
			continue
		}
		do(textRun{part: part, face: m.face(size, bold, run.Font)})
	}
}

// width is the advance of s at size pixels.
func (m *measurer) width(s string, size float64, bold bool) float64 {
	var w fixed.Int26_6
	m.runs(s, size, bold, func(r textRun) { w += r.advance() })
	return float64(w) / 64
}

// paint draws one shape of a chart.
func paint(img *image.RGBA, s Shape, m *measurer) {
	switch s.Kind {
	case ShapeRect:
		if s.Radius <= 0 {
			r := image.Rect(int(math.Round(s.Pts[0].X)), int(math.Round(s.Pts[0].Y)), int(math.Round(s.Pts[1].X)), int(math.Round(s.Pts[1].Y)))
			draw.Draw(img, r, image.NewUniform(s.Color), image.Point{}, draw.Over)
			return
		}
		z := raster(img)
		for _, ring := range RoundRect(s.Pts[0], s.Pts[1], s.Radius) {
			polygon(z, ring)
		}
		fill(img, z, s.Color)
	case ShapeGlyph:
		z := raster(img)
		for _, ring := range s.Glyph.Outline(s.Pts[0].X, s.Pts[0].Y, s.Size) {
			polygon(z, ring)
		}
		fill(img, z, s.Color)
	case ShapeLine:
		z := raster(img)
		if s.Dash > 0 {
			dashes(z, s.Pts, s.Width, s.Dash)
		} else {
			for i := 1; i < len(s.Pts); i++ {
				segment(z, s.Pts[i-1], s.Pts[i], s.Width, true)
			}
		}
		fill(img, z, s.Color)
	case ShapeText:
		x := s.Pts[0].X
		if s.Anchor >= 0 {
			wd := m.width(s.Text, s.Size, s.Bold)
			if s.Anchor == 0 {
				x -= wd / 2
			} else {
				x -= wd
			}
		}
		// Whole pixels, as the window places text.
		dot := fixed.P(int(math.Round(x)), int(math.Round(s.Pts[0].Y)))
		m.runs(s.Text, s.Size, s.Bold, func(r textRun) {
			r.draw(img, dot, s.Color)
			dot.X += r.advance()
		})
	}
}

// polygon adds a closed polygon to z.
func polygon(z *vector.Rasterizer, ring []Pt) {
	z.MoveTo(float32(ring[0].X), float32(ring[0].Y))
	for _, q := range ring[1:] {
		z.LineTo(float32(q.X), float32(q.Y))
	}
	z.ClosePath()
}

func raster(img *image.RGBA) *vector.Rasterizer {
	b := img.Bounds()
	return vector.NewRasterizer(b.Dx(), b.Dy())
}

func fill(img *image.RGBA, z *vector.Rasterizer, c color.RGBA) {
	z.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{})
}

// segment adds a line from a to b of width w as a quadrilateral; capped,
// it runs on by half its width at each end (a square cap), so that joined
// segments leave no gap; a dash has none (a butt cap).
func segment(z *vector.Rasterizer, a, b Pt, w float64, capped bool) {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	ux, uy := dx/l*w/2, dy/l*w/2 // along, half the width
	nx, ny := -uy, ux            // across
	if capped {
		a = Pt{a.X - ux, a.Y - uy}
		b = Pt{b.X + ux, b.Y + uy}
	}
	z.MoveTo(float32(a.X+nx), float32(a.Y+ny))
	z.LineTo(float32(b.X+nx), float32(b.Y+ny))
	z.LineTo(float32(b.X-nx), float32(b.Y-ny))
	z.LineTo(float32(a.X-nx), float32(a.Y-ny))
	z.ClosePath()
}

// dashes adds a line through pts of dashes and gaps of length dash, the
// pattern running on from one segment to the next (as SVG's dash array
// and the window's dashed lines do).
func dashes(z *vector.Rasterizer, pts []Pt, w, dash float64) {
	on, left := true, dash
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		l := math.Hypot(b.X-a.X, b.Y-a.Y)
		at := func(t float64) Pt { return Pt{a.X + (b.X-a.X)*t/l, a.Y + (b.Y-a.Y)*t/l} }
		for t := 0.0; t < l; {
			step := math.Min(left, l-t)
			if on {
				segment(z, at(t), at(t+step), w, false)
			}
			t += step
			if left -= step; left <= 0 {
				on, left = !on, dash
			}
		}
	}
}
