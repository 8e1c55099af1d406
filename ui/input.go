package ui

import (
	"image"
	"slices"
	"time"

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
	// Paste is text that arrived whole this frame, to go where the
	// trainee is typing: pasted (Ctrl+V, Shift+Insert, the browser's
	// paste) or composed with an input method (IME) in the browser. It
	// may hold anything, newlines and control characters included: a text
	// field keeps what it can.
	Paste string
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
	// DT is the time since the last frame, which every animation advances
	// by: the window measures it with a real clock (see maxFrameTime),
	// tests set it.
	DT time.Duration
	// Held are the keys of keyOrder that are down this frame, whether
	// pressed now or earlier, and MouseDown says that the primary button
	// is down (or a finger is on the screen). With them the app ignores a
	// press that began before the screen it would act on appeared.
	Held      []ebiten.Key
	MouseDown bool
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

// withhold takes the frame's presses out of the input (keys, typed and
// pasted text, and the click), leaving what acts on nothing: the
// pointer's position, the wheel, the size and the time.
func (in *input) withhold() {
	in.Keys, in.Runes, in.Paste, in.Click = nil, nil, "", false
}

// settleTime is how long a screen, a row of buttons or a list of options
// must have been on screen before it takes a press: long enough for a
// person to have seen it, and longer than the gap between the two clicks
// of a double-click or between two quick key presses, so that the second
// one cannot land on something that appeared after the first.
const settleTime = 300 * time.Millisecond

// sight is how long something (a screen, a row of buttons, a list of
// options) has been on screen. Whatever shows it calls see in each frame
// that begins with it on screen, hide when it goes, and takes the frame's
// presses only when it has settled.
type sight struct {
	on bool
	// before is how long it had been in sight when the frame began; frame
	// is the length of the current frame, in sight too.
	before, frame time.Duration
}

// see advances the sight by a frame of length dt that began with the
// thing on screen (drawn at the end of the frame before).
func (v *sight) see(dt time.Duration) {
	if v.on {
		v.before += v.frame
	}
	v.on, v.frame = true, dt
}

// settled reports whether the thing had been in sight for settleTime when
// this frame began. A press read this frame was made during the frame, so
// it came at least that long after the thing appeared.
func (v *sight) settled() bool { return v.on && v.before >= settleTime }

// elapsed is how long the thing will have been in sight when this frame
// is drawn (for fading it in).
func (v *sight) elapsed() time.Duration { return v.before + v.frame }

// hide puts the thing out of sight: shown again, it takes presses only
// once it has been in sight for settleTime again.
func (v *sight) hide() { *v = sight{} }

// stale are the keys and the mouse button that were down when the screen
// on top appeared. A press that began on one screen never acts on the
// next: until they are released, they do nothing there.
type stale struct {
	keys  []ebiten.Key
	mouse bool
}

// hold takes what is down in in as stale.
func (s *stale) hold(in *input) {
	s.keys = append(s.keys[:0], in.Held...)
	s.mouse = in.MouseDown
}

// filter forgets what has been released, then takes the presses of what
// is still stale out of in, and the typed text while a stale key is down
// (a held key repeats its character).
func (s *stale) filter(in *input) {
	s.keys = slices.DeleteFunc(s.keys, func(k ebiten.Key) bool { return !slices.Contains(in.Held, k) })
	s.mouse = s.mouse && in.MouseDown
	if len(s.keys) > 0 {
		in.Keys = slices.DeleteFunc(slices.Clone(in.Keys), func(k ebiten.Key) bool { return slices.Contains(s.keys, k) })
		in.Runes = nil
	}
	if s.mouse {
		in.Click = false
	}
}

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
