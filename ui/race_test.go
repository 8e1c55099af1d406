package ui

import (
	"image"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/sim"
)

// Input that races the screen: no input may act on something not yet
// shown. These tests send their frames by hand, with the times between
// them that a trainee's hands give, instead of the driver's patient
// presses.

// choices counts the choices made so far.
func choices(a *app) int {
	n := 0
	for _, e := range a.course.run.Events() {
		if e.Kind == sim.Choice {
			n++
		}
	}
	return n
}

// tap is a frame in which key goes down (and is up again by the next
// frame).
func tap(key ebiten.Key) input { return input{Keys: []ebiten.Key{key}, Held: []ebiten.Key{key}} }

// clickAt is a frame in which the primary button goes down at p.
func clickAt(p image.Point) input { return input{Mouse: p, Click: true, MouseDown: true} }

// toLastPrompt starts the mini course and plays to the last prompt of
// its first session, with the words shown and the options settled.
func toLastPrompt(t *testing.T) (*driver, *app) {
	t.Helper()
	d, a := startMini(t)
	d.reveal()
	d.press(ebiten.KeyDigit1)
	d.reveal()
	if p := d.session().prompt; p == nil || p.Beat != "task" {
		t.Fatalf("prompt %+v, want the session's last one", p)
	}
	return d, a
}

// weekOf returns the week screen, failing the test on another.
func weekOf(t *testing.T, a *app) *weekScreen { t.Helper(); return screenOf[*weekScreen](t, a) }

// One Space on the week, whenever it comes while the week is coming in,
// shows the week whole and leaves it on screen: only a later press goes on
// to the next session.
func TestOneSpaceDoesNotSkipTheWeek(t *testing.T) {
	for _, after := range []time.Duration{0, 200 * time.Millisecond, 400 * time.Millisecond, 900 * time.Millisecond} {
		t.Run(after.String(), func(t *testing.T) {
			d, a := toLastPrompt(t)
			d.press(ebiten.KeyDigit1) // the session's last choice
			w := weekOf(t, a)
			if w.entered() {
				t.Fatal("the week is whole as it appears; want it to come in")
			}
			d.wait(after)
			d.frame(tap(ebiten.KeySpace))
			d.wait(3 * time.Second)
			if a.screen != w {
				t.Fatalf("one Space %v into the week left it for %T", after, a.screen)
			}
			if !w.entered() {
				t.Fatal("the week never came in")
			}
			d.frame(tap(ebiten.KeySpace))
			if s := d.session(); s.prompt == nil || s.prompt.Session != 2 {
				t.Fatalf("a second Space, once the week was shown, did not start session 2")
			}
		})
	}
}

// The session's last option chosen with "2", then Enter a moment later
// (meant for the session, or a second key of a quick pair), does not skip
// the week that the choice brought up.
func TestEnterAfterTheLastChoiceDoesNotSkipTheWeek(t *testing.T) {
	for _, gap := range []time.Duration{50 * time.Millisecond, 200 * time.Millisecond, 350 * time.Millisecond} {
		t.Run(gap.String(), func(t *testing.T) {
			d, a := toLastPrompt(t)
			d.frame(tap(ebiten.KeyDigit2))
			w := weekOf(t, a)
			d.wait(gap)
			d.frame(tap(ebiten.KeyEnter))
			d.wait(2 * time.Second)
			if a.screen != w {
				t.Fatalf("Enter %v after choosing left the week for %T", gap, a.screen)
			}
			if w.rep.session != 1 {
				t.Fatalf("the week after session %d, want 1", w.rep.session)
			}
		})
	}
}

// A double-click while the client's words appear shows them all, and its
// second click does not choose the option that appeared under the pointer
// after the first: at 60 frames a second, or at 4.
func TestDoubleClickDuringTheWordsChoosesNothing(t *testing.T) {
	for _, dt := range []time.Duration{time.Second / 60, 250 * time.Millisecond} {
		t.Run(dt.String(), func(t *testing.T) {
			d, a := startMini(t)
			d.dt = dt
			s := d.session()
			d.settle()
			if s.revealed() {
				t.Fatal("the words are all shown before the first click; the test wants them appearing")
			}
			lay := s.layout()
			at := center(lay.options[0].Add(lay.view.Min))
			d.frame(clickAt(at))
			if !s.revealed() {
				t.Fatal("the first click did not show the words")
			}
			d.frame(input{Mouse: at}) // the button goes up
			d.wait(150*time.Millisecond - dt)
			d.frame(clickAt(at))
			if n := choices(a); n != 0 {
				t.Fatalf("the second click of a double-click chose an option (%d choices)", n)
			}
			d.wait(settleTime)
			d.frame(clickAt(at))
			if n := choices(a); n != 1 {
				t.Fatalf("a click on an option on screen for %v chose nothing", settleTime)
			}
		})
	}
}

// The options take no press until they have been on screen for
// settleTime, and then take one at once.
func TestOptionsTakePressesOnceSettled(t *testing.T) {
	d, a := startMini(t)
	s := d.session()
	for i := 0; !s.revealed(); i++ {
		if i > 600 {
			t.Fatal("the words never finished appearing")
		}
		d.idle(1)
	}
	// The options are drawn from the end of this frame on.
	var shown time.Duration
	for i := 0; choices(a) == 0; i++ {
		if i > 60 {
			t.Fatalf("options on screen for %v still take no press", shown)
		}
		in := input{}
		if i%2 == 0 {
			in = tap(ebiten.KeyDigit1)
		}
		d.frame(in)
		shown += d.dt
		if choices(a) > 0 && shown-d.dt < settleTime {
			t.Fatalf("an option chosen by a press that came %v after the options appeared", shown-d.dt)
		}
	}
	if shown > settleTime+3*d.dt {
		t.Errorf("the first press taken came %v after the options appeared; want soon after %v", shown, settleTime)
	}
}

// A key held down as a screen appears does nothing there until it is
// released, however long it is held: here Space, held since it showed the
// last words, is still down (and reported pressed, as a repeating key
// would be) when "1" brings up the next ones; it does not skip them.
func TestKeyHeldIntoTheNextScreenIsIgnored(t *testing.T) {
	d, _ := startMini(t)
	d.reveal()
	space := []ebiten.Key{ebiten.KeySpace}
	d.frame(input{Keys: []ebiten.Key{ebiten.KeyDigit1}, Held: []ebiten.Key{ebiten.KeyDigit1, ebiten.KeySpace}})
	s := d.session()
	if s.revealed() || s.prompt.Beat != "task" {
		t.Fatalf("at %q, revealed %v: want the next words appearing", s.prompt.Beat, s.revealed())
	}
	for range 30 {
		d.frame(input{Keys: space, Held: space})
	}
	if s.revealed() {
		t.Fatal("a key held since before the words appeared skipped them")
	}
	d.frame(input{}) // released
	d.frame(tap(ebiten.KeySpace))
	if !s.revealed() {
		t.Fatal("a new press of Space, after the held one was released, did not show the words")
	}
}

// The same for the mouse: a button down as the screen appears clicks
// nothing there until it has gone up.
func TestButtonHeldIntoTheNextScreenIsIgnored(t *testing.T) {
	d, a := toLastPrompt(t)
	lay := d.session().layout()
	at := center(lay.options[1].Add(lay.view.Min))
	d.frame(clickAt(at)) // the last choice: the week appears
	w := weekOf(t, a)
	bt := center(w.layout().button)
	// The button stays down while the week comes in, its button too,
	// and the pointer moves onto that button; a touch screen may report
	// more presses meanwhile.
	for range 120 {
		d.frame(input{Mouse: at, MouseDown: true})
	}
	for range 30 {
		d.frame(input{Mouse: bt, Click: true, MouseDown: true})
	}
	if a.screen != w {
		t.Fatal("a button held down since the session clicked the week's button")
	}
	d.frame(input{Mouse: bt}) // released
	d.frame(clickAt(bt))
	if d.session().prompt.Session != 2 {
		t.Fatal("a new click on the week's button did not start session 2")
	}
}

// A row of buttons takes no press until it has been on screen for
// settleTime, and again after it was hidden.
func TestButtonRowSettles(t *testing.T) {
	r := image.Rect(10, 10, 110, 50)
	b := buttonRow{buttons: []rowButton{{label: "Go"}}, focus: 0, hover: -1}
	b.place(r)
	in := input{Mouse: center(r), Click: true, DT: time.Second / 60}
	for _, when := range []string{"new", "shown again"} {
		var shown time.Duration
		for b.update(&in) < 0 {
			shown += in.DT
			if shown > time.Second {
				t.Fatalf("%s: a click on a row on screen for %v does nothing", when, shown)
			}
		}
		if shown < settleTime {
			t.Fatalf("%s: a row on screen for %v took a click", when, shown)
		}
		b.hide()
	}
}

// The menu's own key (Esc for Resume) does nothing on a menu not yet seen:
// Esc twice in quick succession leaves the menu open.
func TestMenuTakesNoPressBeforeSeen(t *testing.T) {
	d, a := startMini(t)
	d.press(ebiten.KeyEscape)
	if a.menu == nil {
		t.Fatal("Esc did not open the menu")
	}
	d.wait(100 * time.Millisecond)
	d.frame(tap(ebiten.KeyEscape))
	if a.menu == nil {
		t.Fatal("a second Esc 0.1 s later closed a menu not yet seen")
	}
	d.press(ebiten.KeyEscape)
	if a.menu != nil {
		t.Fatal("Esc on a menu on screen did not close it")
	}
}
