package debrief

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"sync"

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
)

func mustParse(name string, b []byte) *opentype.Font {
	f, err := opentype.Parse(b)
	if err != nil {
		panic(fmt.Sprintf("debrief: parsing embedded font %s: %v", name, err)) // compiled in: a build defect
	}
	return f
}

// measurer measures text in the chart's typeface, keeping a face for
// each size it is asked for.
type measurer struct {
	faces map[faceKey]font.Face
}

type faceKey struct {
	size float64
	bold bool
}

func newMeasurer() *measurer { return &measurer{faces: map[faceKey]font.Face{}} }

func (m *measurer) face(size float64, bold bool) font.Face {
	k := faceKey{math.Round(size*10) / 10, bold}
	if f, ok := m.faces[k]; ok {
		return f
	}
	src := regular()
	if bold {
		src = boldFont()
	}
	f, err := opentype.NewFace(src, &opentype.FaceOptions{Size: k.size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(fmt.Sprintf("debrief: a face of the embedded font at %v px: %v", k.size, err)) // compiled in: a build defect
	}
	m.faces[k] = f
	return f
}

// width is the advance of s at size pixels.
func (m *measurer) width(s string, size float64, bold bool) float64 {
	return float64(font.MeasureString(m.face(size, bold), s)) / 64
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
		dr := &font.Drawer{Dst: img, Src: image.NewUniform(s.Color), Face: m.face(s.Size, s.Bold)}
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
		dr.Dot = fixed.P(int(math.Round(x)), int(math.Round(s.Pts[0].Y)))
		dr.DrawString(s.Text)
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
