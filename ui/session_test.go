package ui

import (
	"image"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/therasim/therasim/sim"
)

// A course opened directly with a known name starts at once.
func startMini(t *testing.T) (*driver, *app) {
	t.Helper()
	a := newTestApp(t, Options{Scenario: miniPath, Trainee: "Alex Smith"})
	d := newDriver(t, a)
	d.session()
	return d, a
}

func TestNumberKeyChoosesAndRecords(t *testing.T) {
	d, a := startMini(t)
	before := len(recordingLines(t, a))
	if before != 1 {
		t.Fatalf("recording has %d lines before any choice, want the header only", before)
	}
	d.reveal()
	d.press(ebiten.KeyDigit2)
	if got := recordingLines(t, a); len(got) != before+1 {
		t.Fatalf("recording has %d lines after pressing 2, want %d", len(got), before+1)
	}
	ev := a.course.run.Events()
	var choices []int
	for _, e := range ev {
		if e.Kind == "choice" {
			choices = append(choices, e.Option)
		}
	}
	if len(choices) != 1 || choices[0] != 2 {
		t.Fatalf("choices = %v, want [2]", choices)
	}
}

func TestKeysDuringRevealOnlySkip(t *testing.T) {
	d, a := startMini(t)
	s := d.session()
	if s.revealed() {
		t.Fatal("the first line is shown at once; want it revealed at reading pace")
	}
	d.press(ebiten.KeyDigit1)
	if !s.revealed() {
		t.Fatal("a number key during the reveal did not show all the words")
	}
	if n := len(recordingLines(t, a)); n != 1 {
		t.Fatalf("a number key during the reveal chose an option (%d lines)", n)
	}
}

func TestChooseBy(t *testing.T) {
	tests := []struct {
		name string
		do   func(d *driver)
		want int
	}{
		{"number key", func(d *driver) { d.press(ebiten.KeyDigit2) }, 2},
		{"keypad", func(d *driver) { d.press(ebiten.KeyNumpad1) }, 1},
		{"arrows and Enter", func(d *driver) {
			d.press(ebiten.KeyArrowDown)
			d.press(ebiten.KeyArrowDown)
			d.press(ebiten.KeyEnter)
		}, 2},
		{"arrow up wraps", func(d *driver) {
			d.press(ebiten.KeyArrowUp)
			d.press(ebiten.KeyEnter)
		}, 2},
		{"Enter first focuses, then chooses", func(d *driver) {
			d.press(ebiten.KeyEnter)
			d.press(ebiten.KeyEnter)
		}, 1},
		{"mouse", func(d *driver) {
			s := d.session()
			lay := s.layout()
			r := lay.options[1].Add(lay.view.Min)
			d.click(center(r))
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, a := startMini(t)
			d.reveal()
			tt.do(d)
			ev := a.course.run.Events()
			got := 0
			for _, e := range ev {
				if e.Kind == "choice" {
					got = e.Option
				}
			}
			if got != tt.want {
				t.Fatalf("chose option %d, want %d", got, tt.want)
			}
		})
	}
}

func TestMetersAnimateTowardsNewValue(t *testing.T) {
	d, a := startMini(t)
	d.reveal()
	bond := a.course.meters.m[mBond]
	d.press(ebiten.KeyDigit1) // validation: the bond rises
	after := a.course.meters.m[mBond]
	if after.target <= bond.target {
		t.Fatalf("bond target %v → %v: want a rise", bond.target, after.target)
	}
	if after.delta <= 0 {
		t.Fatalf("delta = %v, want the rise shown", after.delta)
	}
	d.idle(3)
	mid := a.course.meters.m[mBond].shown
	if !(mid > bond.target && mid < after.target) {
		t.Fatalf("three frames on the bar shows %v; want between %v and %v", mid, bond.target, after.target)
	}
	d.idle(240)
	if got := a.course.meters.m[mBond].shown; got != after.target {
		t.Fatalf("after four seconds the bar shows %v, want %v", got, after.target)
	}
}

func TestEscOpensMenu(t *testing.T) {
	d, a := startMini(t)
	d.press(ebiten.KeyEscape)
	if a.menu == nil {
		t.Fatal("Esc did not open the menu")
	}
	d.press(ebiten.KeyEscape)
	if a.menu != nil {
		t.Fatal("Esc did not close the menu")
	}
}

func TestMenu(t *testing.T) {
	tests := []struct {
		name  string
		item  int
		check func(t *testing.T, a *app, before *course)
	}{
		{"resume", miResume, func(t *testing.T, a *app, before *course) {
			if a.menu != nil || a.course != before {
				t.Fatal("resume did not return to the same course")
			}
		}},
		{"restart", miRestart, func(t *testing.T, a *app, before *course) {
			if a.course == before || a.course == nil {
				t.Fatal("restart kept the old course")
			}
			if a.course.run.State().Session != 1 || a.course.run.State().Turn != 0 {
				t.Fatal("restart did not go back to session 1")
			}
			if d, _ := a.store.Get(keyDismissed); d != before.name {
				t.Fatalf("the abandoned recording %q is not set aside (dismissed = %q)", before.name, d)
			}
		}},
		{"quit to picker", miPicker, func(t *testing.T, a *app, before *course) {
			if _, ok := a.screen.(*picker); !ok || a.course != nil {
				t.Fatalf("screen %T, course %v: want the picker and no course", a.screen, a.course)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, a := startMini(t)
			d.reveal()
			d.press(ebiten.KeyDigit1)
			before := a.course
			d.press(ebiten.KeyEscape)
			l := a.menu.layout()
			d.click(center(l.items[tt.item]))
			tt.check(t, a, before)
		})
	}
}

func TestTextScale(t *testing.T) {
	d, a := startMini(t)
	d.ctrl(ebiten.KeyEqual)
	d.ctrl(ebiten.KeyEqual)
	if a.textScale != 1.2 {
		t.Fatalf("text scale %v after Ctrl+plus twice, want 1.2", a.textScale)
	}
	if v, _ := a.store.Get(keyTextScale); v != "1.2" {
		t.Fatalf("stored text scale %q, want 1.2", v)
	}
	big := d.session().layout().card.Dy()
	d.ctrl(ebiten.KeyMinus)
	d.ctrl(ebiten.KeyMinus)
	d.ctrl(ebiten.KeyMinus)
	if a.textScale != 0.9 {
		t.Fatalf("text scale %v, want 0.9", a.textScale)
	}
	if small := d.session().layout().card.Dy(); small >= big {
		t.Fatalf("the client's card is %d px at 90%%, %d px at 120%%: want smaller text to take less room", small, big)
	}
	for range 20 {
		d.ctrl(ebiten.KeyEqual)
	}
	if most := a.largestTextScale(); a.textScale != most || a.m.text != most {
		t.Fatalf("text scale %v (shown %v), want it kept at the largest this window shows, %v", a.textScale, a.m.text, most)
	}
}

// Ctrl+plus beyond the largest text the window shows is not remembered:
// the scale kept and stored is the one on screen, so each Ctrl+minus after
// it makes the text smaller at once, and a smaller window brings the scale
// down with it.
func TestTextScaleLimit(t *testing.T) {
	d, a := startMini(t)
	most := a.largestTextScale()
	if most >= maxTextScale {
		t.Fatalf("a %v window shows text up to %v; the test wants a window that limits it", d.size, most)
	}
	for range 8 {
		d.ctrl(ebiten.KeyEqual)
	}
	if a.textScale != most {
		t.Fatalf("text scale %v after Ctrl+plus beyond the limit, want %v", a.textScale, most)
	}
	if v, _ := a.store.Get(keyTextScale); v != strconv.FormatFloat(most, 'f', 1, 64) {
		t.Fatalf("stored text scale %q, want %v", v, most)
	}
	if !strings.Contains(a.notice, "largest") {
		t.Errorf("notice %q: want it to say the text is as large as the window allows", a.notice)
	}
	card := d.session().layout().card.Dy()
	for i := range 4 {
		shown := a.m.text
		d.ctrl(ebiten.KeyMinus)
		if a.m.text >= shown {
			t.Fatalf("Ctrl+minus %d: text shown at %v, was %v", i+1, a.m.text, shown)
		}
		if c := d.session().layout().card.Dy(); c >= card {
			t.Fatalf("Ctrl+minus %d: the client's card is %d px, was %d: want it smaller at once", i+1, c, card)
		} else {
			card = c
		}
	}
	if want := most - 4*textScaleStep; math.Abs(a.textScale-want) > 1e-9 {
		t.Fatalf("text scale %v after four Ctrl+minus, want %v", a.textScale, want)
	}

	// A window too small for the scale takes it down to what it shows.
	for range 8 {
		d.ctrl(ebiten.KeyEqual)
	}
	d.size = image.Pt(minWidth, minHeight)
	d.idle(1)
	if a.textScale != a.m.text || a.textScale >= most {
		t.Fatalf("at %v: text scale %v, shown %v: want the scale the smaller window shows", d.size, a.textScale, a.m.text)
	}
	shown := a.m.text
	d.ctrl(ebiten.KeyMinus)
	if a.m.text >= shown {
		t.Fatalf("Ctrl+minus in the smaller window: text shown at %v, was %v", a.m.text, shown)
	}
}

// A session that ends with the client's last words shows them, with a
// button to end the session, before the week.
func TestPartingWords(t *testing.T) {
	a := newTestApp(t, Options{Scenario: "testdata/parting.toml", Trainee: "Alex"})
	d := newDriver(t, a)
	d.reveal()
	d.press(ebiten.KeyDigit1)
	d.reveal()
	d.press(ebiten.KeyDigit1)
	s := d.session()
	if !s.parting || len(s.lines) != 1 || s.lines[0].Beat != "bye" {
		t.Fatalf("parting = %v, lines %+v: want the client's goodbye", s.parting, s.lines)
	}
	d.press(ebiten.KeyEnter) // skips the words
	if _, ok := a.screen.(*sessionScreen); !ok {
		t.Fatal("Enter during the words left the session")
	}
	d.press(ebiten.KeyEnter)
	w, ok := a.screen.(*weekScreen)
	if !ok {
		t.Fatalf("screen %T after the goodbye, want the week", a.screen)
	}
	if w.rep.homework == nil || w.rep.homework.Attrs.Kind != "behavioural_experiment" {
		t.Errorf("week homework %+v", w.rep.homework)
	}
	d.press(ebiten.KeyEnter)
	if s := d.session(); s.prompt.Session != 2 {
		t.Errorf("after the week: session %d, want 2", s.prompt.Session)
	}
}

// Choosing with the keyboard leaves the focus on the first option of the
// next prompt, so that arrows and Enter carry on without a first Down.
func TestKeyboardFocusCarriesOn(t *testing.T) {
	d, _ := startMini(t)
	d.reveal()
	s := d.session()
	if s.focus != -1 {
		t.Fatalf("focus %d before any key, want none", s.focus)
	}
	d.press(ebiten.KeyArrowDown)
	d.press(ebiten.KeyEnter)
	d.reveal()
	if s := d.session(); s.focus != 0 {
		t.Fatalf("focus %d after choosing by keyboard, want the first option", s.focus)
	}
}

// TestMeterArrowsFollowTheFigures: a meter shows an arrow when the figure
// beside it changes, and none for a change too small to move the figure
// (an arrow beside "0.76" that was "0.76" reads as a mistake), though the
// bar still moves to the new value.
func TestMeterArrowsFollowTheFigures(t *testing.T) {
	var ms meterSet
	var st sim.State
	st.Bond, st.Task, st.Goal, st.Hope = 0.761, 0.30, 0.46, 0.40
	ms.init(st, sim.Params{DropoutMax: 1})
	for _, tc := range []struct {
		name  string
		bond  float64
		arrow bool
	}{
		{"a change the figure does not show", 0.758, false},
		{"a change that moves the figure", 0.771, true},
		{"back by less than the figure shows", 0.7695, false},
		{"down to the next figure", 0.74, true},
	} {
		st.Bond = tc.bond
		before := ms.m[mBond].target
		ms.set(st)
		m := ms.m[mBond]
		if got := m.delta != 0; got != tc.arrow {
			t.Errorf("%s (%v → %v: %s → %s): arrow %v, want %v", tc.name, before, tc.bond,
				valueText(mBond, before, true), valueText(mBond, tc.bond, true), got, tc.arrow)
		}
		if m.target != tc.bond {
			t.Errorf("%s: the bar goes to %v, want %v", tc.name, m.target, tc.bond)
		}
	}
}
