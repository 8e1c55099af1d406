package ui

import (
	"image"
	"strings"
	"testing"

	"github.com/go-text/typesetting/font"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/therasim/therasim/assets/fonts"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// uiRunes are the characters the front end's own words use beyond ASCII.
const uiRunes = "·—–“”’…"

// TestGlyphs checks that the fonts have every character the front end
// writes, so that none shows as a box.
func TestGlyphs(t *testing.T) {
	var rs []rune
	for r := rune(0x20); r < 0x7f; r++ {
		rs = append(rs, r)
	}
	rs = append(rs, []rune(uiRunes)...)
	for _, src := range []struct {
		name string
		s    *text.GoTextFaceSource
	}{{"regular", fontRegular()}, {"bold", fontBold()}, {"italic", fontItalic()}} {
		f, ok := src.s.UnsafeInternal().(*font.Face)
		if !ok {
			t.Fatalf("%s: the face source holds %T", src.name, src.s.UnsafeInternal())
		}
		for _, r := range rs {
			if _, ok := f.NominalGlyph(r); !ok {
				t.Errorf("%s has no glyph for %q (%U)", src.name, r, r)
			}
		}
	}
}

// TestScenarioGlyphs checks the characters of the shipped scenario's words
// that two played courses meet.
func TestScenarioGlyphs(t *testing.T) {
	sc := scenariotest.Shipped(t)
	seen := map[rune]bool{}
	add := func(s string) {
		for _, r := range s {
			seen[r] = true
		}
	}
	add(sc.Title + sc.Description + sc.Client.Name)
	for _, o := range sc.Objectives {
		add(o)
	}
	for _, choose := range []func(*sim.Prompt) int{careful, careless} {
		r := sim.NewRun(sc, 1)
		for !r.Done() {
			p := r.Prompt()
			for _, o := range p.Options {
				add(o.Text)
			}
			r.Choose(choose(p))
		}
		for _, e := range r.Events() {
			add(e.Text + e.Cues)
		}
	}
	for _, src := range []*text.GoTextFaceSource{fontRegular(), fontItalic()} {
		f := src.UnsafeInternal().(*font.Face)
		for r := range seen {
			if r == '\n' {
				continue
			}
			if _, ok := f.NominalGlyph(r); !ok {
				t.Errorf("the scenario writes %q (%U), which the font lacks", r, r)
			}
		}
	}
}

// TestNameGlyphs checks, in the faces the window parses, that every
// character of each name is drawn in every style by a face that has it.
func TestNameGlyphs(t *testing.T) {
	for _, name := range fonts.SampleNames {
		if m := undrawable(name); len(m) > 0 {
			t.Errorf("%q: no font has %q", name, m)
		}
		for _, st := range []fontStyle{styleRegular, styleBold, styleItalic} {
			main := map[fontStyle]*text.GoTextFaceSource{styleRegular: fontRegular(), styleBold: fontBold(), styleItalic: fontItalic()}[st]
			for run := range fontRuns(name, st) {
				src := main
				switch {
				case run.Font == noFont:
					t.Errorf("%q: %q is in no font", name, name[run.Start:run.End])
					continue
				case run.Font > 0:
					src = fontFallback(run.Font - 1)
				}
				f := src.UnsafeInternal().(*font.Face)
				for _, r := range name[run.Start:run.End] {
					if _, ok := f.NominalGlyph(r); !ok && !fonts.Ignorable(r) {
						t.Errorf("%q (style %d): %q (%U) is drawn in font %d, which lacks it", name, st, r, r, run.Font)
					}
				}
			}
		}
	}
}

// TestNameRender draws the picker with each name in its field, and the
// debrief of a run by that trainee, and checks that no glyph drawn was a
// font's box for a missing character (.notdef), and that the name was
// drawn. A name with a character no font has is drawn without it, and the
// picker says so.
func TestNameRender(t *testing.T) {
	needDisplay(t)
	// The count works: Noto Sans has no Chinese, so drawing Chinese in it
	// draws boxes.
	ts := newTypesetter()
	ts.m = newTestApp(t, Options{}).m
	img := ebiten.NewImage(200, 60)
	defer img.Deallocate()
	ts.drawRun(img, "王芳", ts.face(fOption), 0, 0, colText)
	if ts.notdef != 2 {
		t.Fatalf("drawing 王芳 in Noto Sans counted %d boxes, want 2", ts.notdef)
	}
	for _, name := range append(fonts.SampleNames, "Ann \U0010FFFD") {
		t.Run(name, func(t *testing.T) {
			a := newTestApp(t, Options{Trainee: name})
			p := pickerOf(t, a)
			p.focus = pfStart // no caret
			j := render(t, a, image.Pt(1280, 800), 2, nil)
			if a.ts.notdef != 0 {
				t.Errorf("the picker drew %d boxes", a.ts.notdef)
			}
			l := p.layout()
			if n := dark(j.shot, l.field.Inset(a.m.u(4))); n < 20 {
				t.Errorf("%d dark pixels in the name field: the name was not drawn", n)
			}
			note := undrawableNote(name)
			if (note != "") != strings.Contains(name, "\U0010FFFD") {
				t.Errorf("the note under the field is %q", note)
			}
			below := image.Rect(l.field.Min.X, l.field.Max.Y+a.m.u(4), l.toggle.Max.X, l.field.Max.Y+a.m.u(28))
			if n := dark(j.shot, below); (n > 0) != (note != "") {
				t.Errorf("%d dark pixels under the name field, with the note %q", n, note)
			}
		})
	}
}
