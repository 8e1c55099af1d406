package ui

import (
	"math"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// Every animation is paced by the time that passes, not by frames: a slow
// device (a browser drawing 4 frames a second) shows the same thing at the
// same moment as a fast one, in coarser steps.

// The frame rates the tests compare: 60 frames a second, and 4.
var (
	fast = time.Second / 60
	slow = 250 * time.Millisecond
)

// The client's words appear at revealRate characters a second at 4
// frames a second as at 60.
func TestRevealPace(t *testing.T) {
	var took [2]time.Duration
	for i, dt := range []time.Duration{fast, slow} {
		d, _ := startMini(t)
		d.dt = dt
		s := d.session()
		elapsed := d.wait(time.Second / 2)
		if s.revealed() {
			t.Fatalf("at %v a frame: all %d characters shown within %v", dt, s.total, elapsed)
		}
		if got, want := s.reveal/elapsed.Seconds(), float64(revealRate); math.Abs(got-want) > 0.01 {
			t.Errorf("at %v a frame: %.2f characters a second, want %v", dt, got, want)
		}
		for !s.revealed() {
			d.idle(1)
			elapsed += dt
		}
		took[i] = elapsed
		want := time.Duration(float64(s.total) / revealRate * float64(time.Second))
		if elapsed < want-time.Microsecond || elapsed >= want+dt {
			t.Errorf("at %v a frame: %d characters took %v to appear, want %v", dt, s.total, elapsed, want)
		}
	}
	if diff := took[1] - took[0]; diff < 0 || diff >= slow {
		t.Errorf("the words took %v at 60 frames a second and %v at 4", took[0], took[1])
	}
}

// The meters show the same value at the same moment at 4 frames a second
// as at 60, and settle at the same time (to within a frame).
func TestMetersPace(t *testing.T) {
	var settled [2]time.Duration
	var half [2]float64 // the bond meter half a second on
	for i, dt := range []time.Duration{fast, slow} {
		d, a := startMini(t)
		d.dt = dt
		d.reveal()
		d.press(ebiten.KeyDigit1) // validation: the bond rises
		m := &a.course.meters
		if !m.moving() {
			t.Fatal("the choice moved no meter")
		}
		var elapsed time.Duration
		for m.moving() {
			if elapsed > 10*time.Second {
				t.Fatalf("at %v a frame the meters still move after %v", dt, elapsed)
			}
			d.idle(1)
			elapsed += dt
			if half[i] == 0 && elapsed >= time.Second/2-time.Microsecond {
				half[i] = m.m[mBond].shown
			}
		}
		settled[i] = elapsed
	}
	if diff := settled[1] - settled[0]; diff < 0 || diff >= slow {
		t.Errorf("the meters settled after %v at 60 frames a second and %v at 4", settled[0], settled[1])
	}
	if settled[0] > time.Second {
		t.Errorf("the meters took %v to settle; want about %v", settled[0], meterEase)
	}
	if math.Abs(half[0]-half[1]) > 0.002 {
		t.Errorf("half a second on, the bond meter shows %.4f at 60 frames a second and %.4f at 4", half[0], half[1])
	}
}

// The portrait's cross-fade takes faceFade at any frame rate.
func TestFacePace(t *testing.T) {
	for _, dt := range []time.Duration{fast, slow} {
		var f faceAnim
		f.to(neutral)
		if f.fading() {
			t.Fatal("the first expression fades in")
		}
		f.to(upset)
		var elapsed time.Duration
		for f.fading() {
			if from, to, mix := f.mix(); from != neutral || to != upset || mix != float64(elapsed)/float64(faceFade) {
				t.Fatalf("at %v a frame, %v in: mix %v %v %v", dt, elapsed, from, to, mix)
			}
			f.step(dt)
			elapsed += dt
		}
		if elapsed < faceFade || elapsed >= faceFade+dt {
			t.Errorf("at %v a frame the fade took %v, want %v", dt, elapsed, faceFade)
		}
		if _, to, mix := f.mix(); to != upset || mix != 1 {
			t.Errorf("after the fade: %v at %v", to, mix)
		}
	}
}

// A notice stays noticeTime, and the caret blinks every caretBlink, at 4
// frames a second as at 60.
func TestNoticeAndCaretPace(t *testing.T) {
	for _, dt := range []time.Duration{fast, slow} {
		d, a := startMini(t)
		d.dt = dt
		d.idle(1)
		a.say("Hello")
		start, on := a.clock, a.caretOn()
		flips := 0
		for a.notice != "" {
			if a.clock-start > 2*noticeTime {
				t.Fatalf("at %v a frame the notice never went", dt)
			}
			d.idle(1)
			if a.caretOn() != on {
				on = !on
				flips++
			}
		}
		if gone := a.clock - start; gone < noticeTime || gone >= noticeTime+dt {
			t.Errorf("at %v a frame the notice went after %v, want %v", dt, gone, noticeTime)
		}
		if want := int(noticeTime / caretBlink); flips < want-1 || flips > want+1 {
			t.Errorf("at %v a frame the caret blinked %d times in %v, want %d", dt, flips, noticeTime, want)
		}
	}
}

// The week comes in, its button last, in the same time at any frame rate.
func TestWeekEntrancePace(t *testing.T) {
	for _, dt := range []time.Duration{fast, slow} {
		d, a := toLastPrompt(t)
		d.press(ebiten.KeyDigit1)
		w := weekOf(t, a)
		d.dt = dt
		var elapsed time.Duration
		for !w.entered() {
			if w.cardIn(0) > float64(elapsed+dt)/float64(cardFade) {
				t.Fatalf("at %v a frame the first card is %.2f in after %v", dt, w.cardIn(0), elapsed)
			}
			d.idle(1)
			elapsed += dt
		}
		if want := w.entrance(); elapsed < want || elapsed >= want+dt {
			t.Errorf("at %v a frame the week came in after %v, want %v", dt, elapsed, want)
		}
	}
}

// A held key repeats after repeatDelay, then every repeatEvery, at any
// frame rate (at most once a frame).
func TestKeyRepeatPace(t *testing.T) {
	for _, dt := range []time.Duration{fast, slow} {
		var held time.Duration
		var repeats []time.Duration
		for held < 2*time.Second {
			if repeatDue(held, held+dt) {
				repeats = append(repeats, held+dt)
			}
			held += dt
		}
		if len(repeats) == 0 || repeats[0] < repeatDelay || repeats[0] >= repeatDelay+dt {
			t.Fatalf("at %v a frame the first repeat came at %v, want %v", dt, repeats, repeatDelay)
		}
		want := 1 + int((2*time.Second-repeatDelay)/max(repeatEvery, dt))
		if n := len(repeats); n < want-1 || n > want+1 {
			t.Errorf("at %v a frame a key held 2 s repeated %d times, want about %d", dt, n, want)
		}
	}
}

// The window's clock measures frames, takes the first as a sixtieth of a
// second, and clamps a gap (a hidden window) to maxFrameTime.
func TestFrameTime(t *testing.T) {
	var g game
	t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	steps := []struct {
		at   time.Time
		want time.Duration
	}{
		{t0, time.Second / 60},
		{t0.Add(250 * time.Millisecond), 250 * time.Millisecond},
		{t0.Add(10 * time.Minute), maxFrameTime},
		{t0.Add(10*time.Minute - time.Second), 0}, // the clock went back
	}
	for i, st := range steps {
		if got := g.frameTime(st.at); got != st.want {
			t.Errorf("frame %d: %v, want %v", i, got, st.want)
		}
	}
}
