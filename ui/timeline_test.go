package ui

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
)

// TestTimelinePainters: the window paints the timeline the PNG export
// paints. The same run's chart, laid out once, is drawn by the window's
// painter (on a real frame) and by the PNG's; every glyph of the chart (the
// legend, the values at the choice in hand, every mark) has its colour at
// its place in both, and the two pictures agree nearly everywhere else
// (text and anti-aliasing differ by a pixel here and there).
func TestTimelinePainters(t *testing.T) {
	needDisplay(t)
	path := filepath.Join(t.TempDir(), "maya.jsonl")
	recordRun(t, scenariotest.Shipped(t), 5, mixed, 0, path)
	for _, tc := range []struct {
		name   string
		size   image.Point
		branch bool
	}{{"recorded-1280x800", image.Pt(1280, 800), false}, {"what-if-1920x1080", image.Pt(1920, 1080), true}} {
		t.Run(tc.name, func(t *testing.T) {
			a, s := openDebrief(t, path)
			s.step(len(s.d.Moments) / 2)
			if tc.branch {
				s.polIdx = 0
				m := s.moment()
				s.tryOption(m.Chosen%len(m.Offers) + 1)
				if s.branch == nil {
					t.Fatal("no what-if branch")
				}
			}
			shot := render(t, a, tc.size, 2, nil).shot
			c, at := s.timeline(s.layout())
			png := c.Image()
			window := shot.SubImage(image.Rectangle{Min: at, Max: at.Add(png.Bounds().Size())}).(*image.RGBA)
			marks := 0
			for i, sh := range c.Shapes {
				if sh.Kind != debrief.ShapeGlyph || !solidCentre(sh.Glyph) || sh.Size < 8 || covered(c.Shapes[i+1:], sh.Pts[0]) {
					continue
				}
				p := image.Pt(int(sh.Pts[0].X), int(sh.Pts[0].Y))
				for _, side := range []struct {
					name string
					img  *image.RGBA
					at   image.Point
				}{{"PNG", png, p}, {"window", window, p.Add(at)}} {
					if got := side.img.RGBAAt(side.at.X, side.at.Y); !near(got, sh.Color, 60) {
						t.Errorf("%s: the %v glyph at %v is %v, want %v", side.name, sh.Glyph, p, got, sh.Color)
					}
				}
				marks++
			}
			if marks < 10 {
				t.Fatalf("only %d glyphs checked: the run has too few marks for the test", marks)
			}
			b := png.Bounds()
			off := 0
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					if !near(png.RGBAAt(x, y), window.RGBAAt(x+at.X, y+at.Y), 90) {
						off++
					}
				}
			}
			frac := float64(off) / float64(b.Dx()*b.Dy())
			t.Logf("%d glyphs checked; %.2f%% of the pixels differ", marks, 100*frac)
			if frac > 0.03 {
				t.Errorf("%.1f%% of the chart's pixels differ between the window and the PNG", 100*frac)
				saveDiff(t, png, window)
			}
		})
	}
}

// covered reports whether a glyph among shapes covers p.
func covered(shapes []debrief.Shape, p debrief.Pt) bool {
	for _, s := range shapes {
		if s.Kind == debrief.ShapeGlyph && math.Abs(s.Pts[0].X-p.X) < s.Size/2 && math.Abs(s.Pts[0].Y-p.Y) < s.Size/2 {
			return true
		}
	}
	return false
}

// solidCentre reports whether a glyph is filled at its centre.
func solidCentre(g debrief.Glyph) bool {
	switch g {
	case debrief.GlyphRing, debrief.GlyphHalf, debrief.GlyphCheck, debrief.GlyphWarning:
		return false
	}
	return true
}

// near reports whether two colours differ by at most tol in every channel.
func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) bool { return int(x)-int(y) <= tol && int(y)-int(x) <= tol }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}

// saveDiff keeps both pictures for a look when they disagree.
func saveDiff(t *testing.T, png, window *image.RGBA) {
	dir, err := os.MkdirTemp("", "timeline-")
	if err != nil {
		t.Fatal(err)
	}
	for name, img := range map[string]image.Image{"png": png, "window": window} {
		savePNG(t, filepath.Join(dir, fmt.Sprintf("%s.png", name)), img)
	}
	t.Logf("pictures in %s", dir)
}
