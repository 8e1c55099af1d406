package debrief

import (
	"bytes"
	"image"
	"image/color"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// tofu reports whether f draws r as its box for a missing character: the
// same mask as for a character no font has.
func tofu(f font.Face, r rune) bool {
	mask := func(r rune) (image.Rectangle, []byte) {
		dr, m, mp, _, ok := f.Glyph(fixed.P(0, 20), r)
		if !ok || m == nil {
			return image.Rectangle{}, nil
		}
		var pix []byte
		for y := 0; y < dr.Dy(); y++ {
			for x := 0; x < dr.Dx(); x++ {
				_, _, _, a := m.At(mp.X+x, mp.Y+y).RGBA()
				pix = append(pix, byte(a>>8))
			}
		}
		return dr, pix
	}
	r1, p1 := mask(r)
	r2, p2 := mask(0x10FFFD)
	return r1 == r2 && bytes.Equal(p1, p2)
}

// TestChartTextInAnyScript checks that chart text, such as a title with a
// trainee's name, is drawn in fonts that have its characters: no box for
// a missing one.
func TestChartTextInAnyScript(t *testing.T) {
	m := newMeasurer()
	if !tofu(m.face(20, false, 0), '王') {
		t.Fatal("the check does not see Noto Sans's box for 王")
	}
	names := []string{"王芳", "李雷", "山田 花子", "김민준", "Zoë Łukasz", "Müller-Lüdenscheidt", "Sam 🙂", "❤️ Ana", "محمد علي", "דוד", "राम", "สมชาย"}
	for _, name := range names {
		for _, bold := range []bool{false, true} {
			var shown strings.Builder
			m.runs(name, 20, bold, func(run textRun) {
				shown.WriteString(run.part)
				if run.face == nil {
					for _, o := range run.out {
						for _, g := range o.Glyphs {
							if g.GlyphID == 0 {
								t.Errorf("%q (bold %v): a box in the shaped %q", name, bold, run.part)
							}
						}
					}
					return
				}
				for _, r := range run.part {
					if r != ' ' && tofu(run.face, r) {
						t.Errorf("%q (bold %v): %q is drawn as a box", name, bold, r)
					}
				}
			})
			if want := strings.ReplaceAll(name, "\uFE0F", ""); shown.String() != want {
				t.Errorf("%q: drawn %q, want %q", name, shown.String(), want)
			}
			if w := m.width(name, 20, bold); w < 10 {
				t.Errorf("%q is %.1f px wide", name, w)
			}
		}
	}
	// A character no font has takes no room and is not drawn.
	if a, b := m.width("Ann\U0010FFFD", 20, false), m.width("Ann", 20, false); a != b {
		t.Errorf("width with a character no font has: %.2f, without: %.2f", a, b)
	}
	img := image.NewRGBA(image.Rect(0, 0, 200, 40))
	paint(img, Shape{Kind: ShapeText, Text: "王芳 🙂", Size: 20, Pts: []Pt{{4, 28}}, Anchor: -1, Color: color.RGBA{0, 0, 0, 255}}, m)
	ink := 0
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] > 128 {
			ink++
		}
	}
	if ink < 100 {
		t.Errorf("painting 王芳 🙂 left %d pixels of ink", ink)
	}
}
