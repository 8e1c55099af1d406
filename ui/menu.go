package ui

import (
	"fmt"
	"image"

	"github.com/hajimehoshi/ebiten/v2"
)

// menuScreen is the Esc menu, drawn over the screen it paused.
type menuScreen struct {
	a       *app
	buttons buttonRow // its items, in the order below
}

// Menu items, in order.
const (
	miResume = iota
	miRestart
	miPicker
	miSmaller
	miLarger
	numMenuItems
)

// newMenu returns the menu with the focus on Resume.
func newMenu(a *app) *menuScreen {
	return &menuScreen{a: a, buttons: buttonRow{
		buttons: []rowButton{
			miResume:  {label: "Resume", caption: "Esc", style: btnPrimary, keys: []ebiten.Key{ebiten.KeyEscape}},
			miRestart: {label: "Restart the course", style: btnSecondary},
			miPicker:  {label: "Quit to the scenarios", style: btnSecondary},
			miSmaller: {label: "Smaller", caption: "Ctrl -", style: btnSecondary},
			miLarger:  {label: "Larger", caption: "Ctrl +", style: btnSecondary},
		},
		next: arrowsOn, prev: arrowsBack, hover: -1,
	}}
}

// menuLayout places the menu's panel and items.
type menuLayout struct {
	panel   image.Rectangle
	pad     int
	titleY  int
	noteY   int
	items   [numMenuItems]image.Rectangle
	textY   int
	compact bool
}

func (s *menuScreen) layout() menuLayout {
	a, m := s.a, s.a.m
	var l menuLayout
	bh := a.buttonHeight()
	pad := m.u(36)
	w := max(m.u(440), a.buttonWidth("Quit to the scenarios", "")+2*pad)
	w = min(w, a.size.X-2*m.u(20))
	gap := m.u(12)
	titleH := int(a.ts.lineH(fTitle))
	noteH := int(a.ts.lineH(fSmall))
	textH := int(a.ts.lineH(fLabel))
	h := pad + titleH + noteH + m.u(20) + 3*bh + 2*gap + m.u(24) + textH + m.u(8) + bh + pad
	// With large text on a small window: no note, and the text size on
	// the same row as its buttons.
	l.compact = h > a.size.Y-2*m.u(12)
	if l.compact {
		pad = m.u(24)
		h = pad + titleH + m.u(12) + 3*bh + 2*gap + m.u(20) + bh + pad
	}
	x := (a.size.X - w) / 2
	y := max(m.u(12), (a.size.Y-h)/2)
	l.panel = image.Rect(x, y, x+w, y+h)
	l.pad = pad
	cy := y + pad
	l.titleY = cy
	cy += titleH
	if !l.compact {
		l.noteY = cy
		cy += noteH
	}
	cy += m.u(20)
	if l.compact {
		cy -= m.u(8)
	}
	in := x + pad
	for i := miResume; i <= miPicker; i++ {
		l.items[i] = image.Rect(in, cy, x+w-pad, cy+bh)
		cy += bh + gap
	}
	cy += m.u(20) - gap
	if l.compact {
		half := (w - 2*pad - gap) / 3
		l.textY = cy + (bh-textH)/2
		l.items[miSmaller] = image.Rect(x+w-pad-2*half-gap, cy, x+w-pad-half-gap, cy+bh)
		l.items[miLarger] = image.Rect(x+w-pad-half, cy, x+w-pad, cy+bh)
		return l
	}
	l.textY = cy
	cy += textH + m.u(8)
	half := (w - 2*pad - gap) / 2
	l.items[miSmaller] = image.Rect(in, cy, in+half, cy+bh)
	l.items[miLarger] = image.Rect(x+w-pad-half, cy, x+w-pad, cy+bh)
	return l
}

// Update reads the frame's input.
func (s *menuScreen) Update(in input) {
	l := s.layout()
	s.buttons.place(l.items[:]...)
	switch i := s.buttons.update(&in); {
	case i >= 0:
		s.do(i)
	case in.Click && !in.Mouse.In(l.panel):
		s.a.menu = nil
	}
}

func (s *menuScreen) do(i int) {
	a := s.a
	switch i {
	case miResume:
		a.menu = nil
	case miRestart:
		a.restart()
	case miPicker:
		a.toPicker()
	case miSmaller:
		a.setTextScale(a.textScale - textScaleStep)
	case miLarger:
		a.setTextScale(a.textScale + textScaleStep)
	}
}

// Draw draws the menu over a dimmed screen.
func (s *menuScreen) Draw(dst *ebiten.Image) {
	a, m, ts := s.a, s.a.m, s.a.ts
	fillRect(dst, dst.Bounds(), colScrim)
	l := s.layout()
	a.pt.card(dst, l.panel, m.u(18), max(1, m.u(1)), colPanel, colBorder)
	ts.drawLine(dst, "Paused", fTitle, float64(l.panel.Min.X+l.pad), float64(l.titleY), colText)
	note := "Every choice so far is saved."
	if a.course != nil && a.course.recErr != nil {
		note = "This run is not being recorded."
	}
	if !l.compact {
		ts.drawLine(dst, note, fSmall, float64(l.panel.Min.X+l.pad), float64(l.noteY), colMuted)
	}
	s.buttons.place(l.items[:]...)
	s.buttons.draw(a, dst)
	label := fmt.Sprintf("Text size: %d%%", int(a.textScale*100+0.5))
	if l.compact {
		label = fmt.Sprintf("%d%%", int(a.textScale*100+0.5))
	}
	ts.drawLine(dst, label, fLabel, float64(l.panel.Min.X+l.pad), float64(l.textY), colMuted)
}
