package ui

import (
	"testing"

	"github.com/go-text/typesetting/font"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

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
