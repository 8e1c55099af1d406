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

// WritePNG draws the timeline chart (bond, task, goal, hope, OQ-45 and
// dropout risk over choices, session boundaries, marks) as a PNG of the
// given size.
func WritePNG(w io.Writer, d *Debrief, width, height int) error {
	img, err := Chart(d, nil, width, height)
	if err != nil {
		return err
	}
	return png.Encode(w, img)
}

// Chart draws the timeline chart of d as an image of the given size; with
// a branch b (a "what if" of d, or nil), b is drawn over d, dashed, with
// the choice where they part marked.
func Chart(d, b *Debrief, width, height int) (*image.RGBA, error) {
	if width < 200 || height < 150 || width > 8000 || height > 8000 {
		return nil, fmt.Errorf("chart size %d×%d: give 200×150 to 8000×8000", width, height)
	}
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for _, s := range layout(d, b, width, height) {
		paint(img, s)
	}
	return img, nil
}

var (
	regular = sync.OnceValue(func() *opentype.Font { return mustParse("NotoSans-Regular", fonts.Regular) })
	bold    = sync.OnceValue(func() *opentype.Font { return mustParse("NotoSans-Bold", fonts.Bold) })
)

func mustParse(name string, b []byte) *opentype.Font {
	f, err := opentype.Parse(b)
	if err != nil {
		panic(fmt.Sprintf("debrief: parsing embedded font %s: %v", name, err)) // compiled in: a build defect
	}
	return f
}

func paint(img *image.RGBA, s shape) {
	switch s.kind {
	case shapeRect:
		r := image.Rect(int(s.pts[0].x), int(s.pts[0].y), int(s.pts[1].x), int(s.pts[1].y))
		draw.Draw(img, r, image.NewUniform(s.c), image.Point{}, draw.Src)
	case shapeCircle:
		z := raster(img)
		c := s.pts[0]
		const k = 24
		for i := 0; i <= k; i++ {
			a := 2 * math.Pi * float64(i) / k
			x, y := float32(c.x+s.r*math.Cos(a)), float32(c.y+s.r*math.Sin(a))
			if i == 0 {
				z.MoveTo(x, y)
			} else {
				z.LineTo(x, y)
			}
		}
		z.ClosePath()
		fill(img, z, s.c)
	case shapeLine:
		z := raster(img)
		for i := 1; i < len(s.pts); i++ {
			a, b := s.pts[i-1], s.pts[i]
			if s.dash {
				dashes(z, a, b, s.width)
			} else {
				segment(z, a, b, s.width)
			}
		}
		fill(img, z, s.c)
	case shapeText:
		f := regular()
		if s.bold {
			f = bold()
		}
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: s.size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return
		}
		defer face.Close()
		dr := &font.Drawer{Dst: img, Src: image.NewUniform(s.c), Face: face}
		x := s.pts[0].x
		if s.anchor >= 0 {
			wd := float64(dr.MeasureString(s.text)) / 64
			if s.anchor == 0 {
				x -= wd / 2
			} else {
				x -= wd
			}
		}
		dr.Dot = fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(s.pts[0].y * 64)}
		dr.DrawString(s.text)
	}
}

func raster(img *image.RGBA) *vector.Rasterizer {
	b := img.Bounds()
	return vector.NewRasterizer(b.Dx(), b.Dy())
}

func fill(img *image.RGBA, z *vector.Rasterizer, c color.RGBA) {
	z.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{})
}

// segment adds a line from a to b of width w as a quadrilateral, with a
// square cap so that joined segments leave no gap.
func segment(z *vector.Rasterizer, a, b pt, w float64) {
	dx, dy := b.x-a.x, b.y-a.y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	ux, uy := dx/l*w/2, dy/l*w/2 // along, half the width
	nx, ny := -uy, ux            // across
	a = pt{a.x - ux, a.y - uy}
	b = pt{b.x + ux, b.y + uy}
	z.MoveTo(float32(a.x+nx), float32(a.y+ny))
	z.LineTo(float32(b.x+nx), float32(b.y+ny))
	z.LineTo(float32(b.x-nx), float32(b.y-ny))
	z.LineTo(float32(a.x-nx), float32(a.y-ny))
	z.ClosePath()
}

// dashes adds a dashed line from a to b.
func dashes(z *vector.Rasterizer, a, b pt, w float64) {
	l := math.Hypot(b.x-a.x, b.y-a.y)
	on, off := math.Max(6, 3*w), math.Max(4, 2*w)
	for t := 0.0; t < l; t += on + off {
		e := math.Min(t+on, l)
		segment(z, pt{a.x + (b.x-a.x)*t/l, a.y + (b.y-a.y)*t/l}, pt{a.x + (b.x-a.x)*e/l, a.y + (b.y-a.y)*e/l}, w)
	}
}
