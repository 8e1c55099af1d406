package ui

import (
	"image"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
)

// input is everything the screens read in one frame. The window fills it
// from Ebiten (see readInput); tests fill it by hand. Positions and sizes
// are in device pixels, the pixels the screen is drawn in.
type input struct {
	// Keys pressed this frame, with auto-repeat for held keys.
	Keys []ebiten.Key
	// Runes typed this frame.
	Runes []rune
	// Ctrl is held (or Cmd on a Mac); Shift is held.
	Ctrl, Shift bool
	// Mouse is the pointer's position; Click says the primary button went
	// down this frame (a touch counts as a click).
	Mouse image.Point
	Click bool
	// Wheel is the vertical scroll this frame, in lines; positive is up.
	Wheel float64
	// Size is the screen's size and Scale the device scale factor (device
	// pixels per logical pixel).
	Size  image.Point
	Scale float64
}

// Pressed reports whether k was pressed this frame.
func (in *input) Pressed(k ebiten.Key) bool { return slices.Contains(in.Keys, k) }

// anyPressed reports whether any of ks was pressed this frame.
func (in *input) anyPressed(ks ...ebiten.Key) bool {
	for _, k := range ks {
		if in.Pressed(k) {
			return true
		}
	}
	return false
}

// Digit returns the number key 1–9 pressed this frame (top row or keypad),
// or 0.
func (in *input) Digit() int {
	for _, k := range in.Keys {
		switch {
		case k >= ebiten.KeyDigit1 && k <= ebiten.KeyDigit9:
			return int(k-ebiten.KeyDigit1) + 1
		case k >= ebiten.KeyNumpad1 && k <= ebiten.KeyNumpad9:
			return int(k-ebiten.KeyNumpad1) + 1
		}
	}
	return 0
}

// confirm: Enter (either one).
func (in *input) confirm() bool { return in.anyPressed(ebiten.KeyEnter, ebiten.KeyNumpadEnter) }

// clickIn reports a click inside r.
func (in *input) clickIn(r image.Rectangle) bool { return in.Click && in.Mouse.In(r) }

// keyOrder lists the keys the front end reads, for the adapter.
var keyOrder = []ebiten.Key{
	ebiten.KeyDigit1, ebiten.KeyDigit2, ebiten.KeyDigit3, ebiten.KeyDigit4, ebiten.KeyDigit5,
	ebiten.KeyDigit6, ebiten.KeyDigit7, ebiten.KeyDigit8, ebiten.KeyDigit9, ebiten.KeyDigit0,
	ebiten.KeyNumpad1, ebiten.KeyNumpad2, ebiten.KeyNumpad3, ebiten.KeyNumpad4, ebiten.KeyNumpad5,
	ebiten.KeyNumpad6, ebiten.KeyNumpad7, ebiten.KeyNumpad8, ebiten.KeyNumpad9, ebiten.KeyNumpad0,
	ebiten.KeyEnter, ebiten.KeyNumpadEnter, ebiten.KeyEscape, ebiten.KeySpace, ebiten.KeyTab,
	ebiten.KeyBackspace, ebiten.KeyDelete, ebiten.KeyArrowUp, ebiten.KeyArrowDown,
	ebiten.KeyArrowLeft, ebiten.KeyArrowRight, ebiten.KeyPageUp, ebiten.KeyPageDown,
	ebiten.KeyHome, ebiten.KeyEnd, ebiten.KeyEqual, ebiten.KeyMinus, ebiten.KeyNumpadAdd,
	ebiten.KeyNumpadSubtract,
}

// repeats: keys that repeat while held.
func repeats(k ebiten.Key) bool {
	switch k {
	case ebiten.KeyArrowUp, ebiten.KeyArrowDown, ebiten.KeyArrowLeft, ebiten.KeyArrowRight,
		ebiten.KeyBackspace, ebiten.KeyDelete, ebiten.KeyPageUp, ebiten.KeyPageDown:
		return true
	}
	return false
}
