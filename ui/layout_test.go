package ui

import (
	"fmt"
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
)

// The windows the layout must serve: the smallest allowed, common laptop
// and projector sizes, 4K, and a high-DPI laptop.
var windows = []struct {
	size  image.Point
	scale float64
}{
	{image.Pt(1024, 640), 1},
	{image.Pt(1280, 800), 1},
	{image.Pt(1366, 768), 1},
	{image.Pt(1920, 1080), 1},
	{image.Pt(3840, 2160), 1},
	{image.Pt(2560, 1600), 2},
	{image.Pt(2048, 1280), 2},
}

func inside(t *testing.T, what string, r, bounds image.Rectangle) {
	t.Helper()
	if !r.Empty() && !r.In(bounds) {
		t.Errorf("%s %v is not inside %v", what, r, bounds)
	}
}

func apart(t *testing.T, what string, a, b image.Rectangle) {
	t.Helper()
	if a.Overlaps(b) {
		t.Errorf("%s overlap: %v and %v", what, a, b)
	}
}

// TestLayoutFits lays every screen out at every window size and at the
// ends of the text scale, and checks that nothing overlaps or leaves the
// window (scrolling content aside, which must fit its width).
func TestLayoutFits(t *testing.T) {
	for _, w := range windows {
		for _, ts := range []float64{minTextScale, 1, 1.5, maxTextScale} {
			name := fmt.Sprintf("%dx%d@%gx-text%g", w.size.X, w.size.Y, w.scale, ts)
			t.Run(name, func(t *testing.T) {
				win := image.Rectangle{Max: w.size}
				a := newTestApp(t, Options{Scenario: "cbt-depression", Trainee: "Alex"})
				a.textScale = ts
				d := newDriver(t, a)
				d.size, d.scale = w.size, w.scale
				d.step(careful, true)
				d.reveal()
				s := d.session()
				l := s.layout()
				inside(t, "portrait", l.portrait, win)
				inside(t, "view", l.view, win)
				inside(t, "timeline", l.timeline, l.top)
				apart(t, "left column and conversation", image.Rect(l.left.Min.X, l.left.Min.Y, l.left.Max.X, l.left.Max.Y), l.view)
				titleRoom := image.Rect(l.left.Min.X, 0, l.left.Min.X+a.m.u(120), l.top.Max.Y)
				apart(t, "title and timeline", titleRoom, l.timeline)
				for i, r := range l.meterRows {
					// Meters may only run off the bottom at very large text
					// on the smallest windows.
					if ts <= 1 {
						inside(t, fmt.Sprintf("meter %d", i), r, win)
					}
					apart(t, "meter and portrait", r, l.portrait)
				}
				for i, r := range l.options {
					if r.Max.X+l.view.Min.X > l.view.Max.X || r.Min.X < 0 {
						t.Errorf("option %d %v is wider than the view %v", i+1, r, l.view)
					}
					for j := i + 1; j < len(l.options); j++ {
						apart(t, "options", r, l.options[j])
					}
					if p := l.optParas[i]; p.width > float64(r.Dx()) {
						t.Errorf("option %d text is %.0f wide in a %d button", i+1, p.width, r.Dx())
					}
				}
				if !l.hint.Empty() {
					inside(t, "hint", l.hint, win)
					apart(t, "hint and view", l.hint, l.view)
				}

				// The menu.
				d.press(ebiten.KeyEscape)
				ml := a.menu.layout()
				inside(t, "menu", ml.panel, win)
				for i, r := range ml.items {
					inside(t, fmt.Sprintf("menu item %d", i), r, ml.panel)
				}
				d.press(ebiten.KeyEscape)

				// The picker.
				a.toPicker()
				p := pickerOf(t, a)
				pl := p.layout()
				for _, r := range []image.Rectangle{pl.field, pl.toggle, pl.start, pl.list, pl.detail} {
					inside(t, "picker part", r, win)
				}
				apart(t, "name field and toggle", pl.field, pl.toggle)
				apart(t, "toggle and start", pl.toggle, pl.start)
				apart(t, "list and detail", pl.list, pl.detail)
				if pl.toggle.Dx() < a.m.u(120) {
					t.Errorf("the assessment toggle is %d wide", pl.toggle.Dx())
				}
				if w := a.buttonWidth("Start the course", pl.startKey); w > pl.start.Dx() {
					t.Errorf("Start needs %d, has %d", w, pl.start.Dx())
				}
			})
		}
	}
}
