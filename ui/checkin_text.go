package ui

import (
	"image"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
)

// Boxes of free text of a few lines: the trainee's own words at a
// check-in, their recall in the debrief, an instructor's note. What goes
// in is what goes into the one-line fields (field.go: typed characters,
// pasted text on one line, Backspace); the box wraps it on as many lines
// as it needs and keeps its end in view.

// editBox applies the frame's typing to the text of a box, which holds at
// most most characters: Backspace, the characters typed (none while Ctrl
// is held: those are shortcuts) and the text pasted. It reports whether
// some was left out for want of room.
func editBox(in *input, text *[]rune, most int) (full bool) {
	if in.Pressed(ebiten.KeyBackspace) {
		backspace(text)
	}
	if !in.Ctrl {
		for _, r := range in.Runes {
			if !typeInto(text, r, most, false) && len(*text) >= most {
				full = true
			}
		}
	}
	if in.Paste != "" && pasteInto(text, in.Paste, most, false) {
		full = true
	}
	return full
}

// boxText is the text of a box as it is kept: without spaces at its ends.
func boxText(text []rune) string { return strings.TrimSpace(string(text)) }

// drawTextBox draws a box holding text in r: its text wrapped to the box's width, its
// end in view when it is longer than the box, and a caret after it when
// focused; hint, in faint ink, when it is empty.
func (a *app) drawTextBox(dst *ebiten.Image, r image.Rectangle, text []rune, hint string, focused bool) {
	m, ts := a.m, a.ts
	edge, bw := colBorder, max(1, m.u(1))
	if focused {
		edge, bw = colAccent, max(2, m.u(2))
	}
	a.pt.card(dst, r, m.u(10), bw, colPanel, edge)
	pad := m.u(14)
	inner := r.Inset(pad)
	inner.Min.Y = r.Min.Y + m.u(10)
	inner.Max.Y = r.Max.Y - m.u(10)
	v := clip(dst, image.Rect(r.Min.X+bw, r.Min.Y+bw, r.Max.X-bw, r.Max.Y-bw))
	x := float64(inner.Min.X)
	if len(text) == 0 {
		ts.drawPara(v, ts.wrap(hint, fOption, inner.Dx()), fOption, x, float64(inner.Min.Y), colFaint, -1)
		if focused && a.caretOn() {
			fillRect(v, image.Rect(inner.Min.X, inner.Min.Y, inner.Min.X+max(2, m.u(2)), inner.Min.Y+int(ts.boxH(fOption))), colText)
		}
		return
	}
	// Wrapped with room for the caret at the end of the last line.
	p := ts.wrap(string(text), fOption, inner.Dx()-m.u(4))
	y := float64(inner.Min.Y)
	if over := float64(p.height) - float64(inner.Dy()); over > 0 {
		y -= over
	}
	ts.drawPara(v, p, fOption, x, y, colText, -1)
	if focused && a.caretOn() && len(p.lines) > 0 {
		last := p.lines[len(p.lines)-1]
		cx := int(x + ts.width(last, fOption) + 2)
		if text[len(text)-1] == ' ' {
			cx += int(ts.width(" ", fOption)) // wrapping drops a space at the end
		}
		cy := int(y + float64(len(p.lines)-1)*p.lineH)
		fillRect(v, image.Rect(cx, cy, cx+max(2, m.u(2)), cy+int(p.boxH)), colText)
	}
}
