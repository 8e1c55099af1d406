package ui

import (
	"image"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// The window draws only when the picture may have changed (see
// app.needsDraw): these tests play frames as the window does, drawing
// (here: noting a draw) only the frames it would draw.

// draws runs frames with no input for t, draws those the window would
// draw, and counts them.
func (d *driver) draws(t time.Duration) int {
	n := 0
	for waited := time.Duration(0); waited < t-time.Microsecond; waited += d.dt {
		d.idle(1)
		if d.a.needsDraw() {
			d.a.drawn()
			n++
		}
	}
	return n
}

// A session is drawn every frame while something moves on it, and not at
// all once it is still, until input comes.
func TestStillSessionIsNotDrawn(t *testing.T) {
	d, a := startMini(t)
	if n := d.draws(300 * time.Millisecond); n != 18 {
		t.Errorf("%d of 18 frames drawn while the words appear", n)
	}
	d.reveal()
	d.press(ebiten.KeyDigit1) // the meters move, the next words appear
	if n := d.draws(500 * time.Millisecond); n != 30 {
		t.Errorf("%d of 30 frames drawn while the meters move", n)
	}
	d.draws(3 * time.Second)
	if n := d.draws(10 * time.Second); n != 0 {
		t.Errorf("a still session drawn %d times in 10 s", n)
	}
	steps := []struct {
		what string
		do   func()
	}{
		{"the pointer moved", func() { d.mouse = image.Pt(300, 300); d.idle(1) }},
		{"a key", func() { d.frame(tap(ebiten.KeyArrowDown)) }},
		{"the wheel", func() { d.frame(input{Wheel: -1}) }},
		{"the window resized", func() { d.size = image.Pt(1400, 900); d.idle(1) }},
	}
	for _, st := range steps {
		st.do()
		if !a.needsDraw() {
			t.Errorf("%s: not drawn", st.what)
		}
		a.drawn()
		d.idle(1)
		if a.needsDraw() {
			t.Errorf("%s: drawn again a frame later", st.what)
		}
	}
}

// The week is drawn while it comes in, then not.
func TestStillWeekIsNotDrawn(t *testing.T) {
	d, a := toLastPrompt(t)
	d.press(ebiten.KeyDigit1)
	w := weekOf(t, a)
	d.draws(time.Second) // the meters moved too
	if !w.moving() {
		t.Fatal("the week was in within a second; the test wants it coming in")
	}
	for w.moving() { // up to the frame in which it comes in, with its button
		d.idle(1)
		if !a.needsDraw() {
			t.Fatalf("a frame of the week's entrance, %v in, not drawn", w.since)
		}
		a.drawn()
	}

	if n := d.draws(10 * time.Second); n != 0 {
		t.Errorf("a still week drawn %d times in 10 s", n)
	}
}

// With the menu open, nothing moves.
func TestMenuIsNotDrawnWhenStill(t *testing.T) {
	d, _ := startMini(t)
	d.press(ebiten.KeyEscape)
	if n := d.draws(10 * time.Second); n > 1 {
		t.Errorf("the menu drawn %d times in 10 s", n)
	}
}

// A screen that does not say when it moves (the picker) is drawn for a
// while after input, then only as its caret blinks, and not at all once
// the caret rests.
func TestPickerIsDrawnAsItsCaretBlinks(t *testing.T) {
	a := newTestApp(t, Options{})
	d := newDriver(t, a)
	pickerOf(t, a)
	d.typeText("Alex")
	if n := d.draws(afterglow); n != int(afterglow/d.dt) {
		t.Errorf("%d of %d frames drawn just after typing", n, afterglow/d.dt)
	}
	blinking := caretRest - afterglow
	if n, blinks := d.draws(blinking), int(blinking/caretBlink); n < blinks-1 || n > blinks+1 {
		t.Errorf("the picker drawn %d times in %v without input; want one a blink, %d", n, blinking, blinks)
	}
	if n := d.draws(time.Minute); n > 1 {
		t.Errorf("the picker drawn %d times in the minute after its caret came to rest", n)
	}
	if !a.caretOn() {
		t.Error("the caret rests off")
	}
	d.typeText("x")
	if !a.caretOn() || !a.needsDraw() {
		t.Error("typing did not show the caret at once")
	}
}
