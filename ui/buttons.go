package ui

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"
)

// The arrow keys that move a row's focus on and back when its buttons are
// in reading order (left to right, or top to bottom).
var (
	arrowsOn   = []ebiten.Key{ebiten.KeyArrowDown, ebiten.KeyArrowRight}
	arrowsBack = []ebiten.Key{ebiten.KeyArrowUp, ebiten.KeyArrowLeft}
)

// buttonRow is a row or column of buttons that the mouse and the keyboard
// share. The screen lays the buttons out; the row follows the mouse, moves
// a focus ring with the arrow keys and Tab, and reports the button pressed:
// by a click, by Enter or Space on the focused button, or by the button's
// own key. It takes no press until it has been on screen for settleTime:
// the screen calls update every frame the row is shown, and hide when it
// stops showing it.
type buttonRow struct {
	// rects are the buttons' places, one for each of buttons; the screen
	// sets them from its layout (see place) before update and draw.
	rects   []image.Rectangle
	buttons []rowButton
	// next and prev are the keys that move the focus to the next button
	// and back, wrapping round. A row with either also moves its focus
	// with Tab and Shift-Tab; a row with neither keeps its focus still.
	next, prev []ebiten.Key
	// focus is the button that Enter and Space press, drawn with a ring;
	// -1 means the row takes no keyboard focus.
	focus int
	// hover is the button under the mouse, or -1.
	hover int
	// shown is how long the row has been on screen.
	shown sight
}

// rowButton is one button of a buttonRow.
type rowButton struct {
	label string
	// caption names the key that presses the button, drawn small after
	// the label; it is left out when it does not fit. "" means none.
	caption string
	// captionOnFocus shows the caption only while the button has the
	// focus.
	captionOnFocus bool
	style          buttonStyle
	// keys press the button whenever they are pressed.
	keys []ebiten.Key
	// letter, when not 0, presses the button when typed (in either case).
	letter rune
}

// place sets where the buttons are.
func (b *buttonRow) place(rects ...image.Rectangle) { b.rects = append(b.rects[:0], rects...) }

// update reads the frame's input and returns the button pressed, or -1.
// It follows the mouse, then, once the row has settled, takes the first
// of: a button's own key or letter; a key that moves the focus; Enter or
// Space, which press the focused button; a click on a button.
func (b *buttonRow) update(in *input) int {
	b.hover = -1
	for i, r := range b.rects {
		if in.Mouse.In(r) {
			b.hover = i
		}
	}
	b.shown.see(in.DT)
	if !b.shown.settled() {
		return -1
	}
	for i, bt := range b.buttons {
		if in.anyPressed(bt.keys...) || bt.letter != 0 && typed(*in, bt.letter) {
			return i
		}
	}
	n := len(b.buttons)
	moves := len(b.next) > 0 || len(b.prev) > 0
	switch {
	case moves && (in.anyPressed(b.next...) || in.Pressed(ebiten.KeyTab) && !in.Shift):
		b.focus = (b.focus + 1) % n
	case moves && (in.anyPressed(b.prev...) || in.Pressed(ebiten.KeyTab) && in.Shift):
		b.focus = (b.focus + n - 1) % n
	case b.focus >= 0 && (in.confirm() || in.Pressed(ebiten.KeySpace)):
		return b.focus
	case in.Click && b.hover >= 0:
		return b.hover
	}
	return -1
}

// hide says that the row is not on screen: shown again, it takes presses
// only once it has been in sight for settleTime again.
func (b *buttonRow) hide() {
	b.shown.hide()
	b.hover = -1
}

// draw draws the row's buttons.
func (b *buttonRow) draw(a *app, dst *ebiten.Image) {
	for i, r := range b.rects {
		bt := &b.buttons[i]
		caption := bt.caption
		if bt.captionOnFocus && i != b.focus || a.buttonWidth(bt.label, caption) > r.Dx() {
			caption = ""
		}
		a.button(dst, r, bt.label, caption, bt.style, i == b.focus, i == b.hover)
	}
}
