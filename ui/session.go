package ui

import (
	"image"
	"math"
	"time"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/sim"
)

// revealRate is the reading pace at which the client's words appear, in
// characters a second, whatever the frame rate.
const revealRate = 48

// optionsFade is how long the options take to fade in once the client's
// words are all shown.
const optionsFade = 170 * time.Millisecond

// sessionScreen is the role-play: the client's portrait and words, the
// trainee's options, and (outside assessment mode) the meters.
type sessionScreen struct {
	a *app
	c *course

	prompt *sim.Prompt
	lines  []sim.Line
	you    string // the trainee's last choice in this session
	// parting: the session is over and lines are the client's last words;
	// Continue leads to the week.
	parting bool
	week    *weekReport
	// view is the state the screen shows: the run's, or in parting the
	// state as the session ended, before the week.
	view sim.State
	// ask is the check-in asked before the options, while it is not
	// answered; nil when the prompt asks none (or it was answered).
	ask *checkInForm

	reveal float64 // characters of the lines shown so far
	total  int     // characters in all the lines
	// opts is how long the options (or, in parting, the button that ends
	// the session) have been on screen: they appear when the words are
	// all shown, and take presses once they have settled; optionsAlpha
	// says how far they have faded in.
	opts   sight
	focus  int  // the option the keyboard is on; -1 for none
	kbd    bool // the last choice was made with the arrows and Enter
	hover  int  // the option under the mouse; -1 for none
	scroll scroller

	lay    sessionLayout
	layKey sessionLayoutKey
}

// newSessionScreen shows the current prompt of c's run; recent are the
// events that led to it (for the client's expression and the last choice).
func newSessionScreen(a *app, c *course, recent []sim.Event) *sessionScreen {
	s := &sessionScreen{a: a, c: c, focus: -1, hover: -1}
	s.load(recent)
	return s
}

// load takes the run's current prompt after the events ev.
func (s *sessionScreen) load(ev []sim.Event) {
	s.prompt = s.c.run.Prompt()
	s.parting, s.week = false, nil
	s.lines = nil
	if s.prompt != nil {
		s.lines = s.prompt.Lines
	}
	s.you = ""
	if len(ev) > 0 && ev[0].Kind == sim.Choice && s.prompt != nil && ev[0].Session == s.prompt.Session {
		s.you = ev[0].Text
	}
	s.view = s.c.run.State()
	s.c.face.to(expressionFor(&s.view, ev))
	s.ask = nil
	if s.c.asks(s.prompt) {
		s.ask = newCheckInForm(s.prompt.CheckIn, s.kbd)
	}
	s.restart()
}

// part shows the client's last words of a session, before the week.
func (s *sessionScreen) part(lines []sim.Line, rep *weekReport, ev []sim.Event) {
	s.parting, s.week, s.lines, s.prompt = true, rep, lines, nil
	s.ask = nil
	s.you = ""
	if len(ev) > 0 && ev[0].Kind == sim.Choice {
		s.you = ev[0].Text
	}
	// The session as it ended, before the week changed anything.
	s.view = rep.ended
	s.c.face.to(expressionFor(&s.view, ev[:indexOf(ev, sim.SessionEnd)]))
	s.restart()
}

func indexOf(ev []sim.Event, k sim.EventKind) int {
	for i, e := range ev {
		if e.Kind == k {
			return i
		}
	}
	return len(ev)
}

func (s *sessionScreen) restart() {
	s.reveal, s.focus, s.hover = 0, -1, -1
	s.opts.hide()
	if s.kbd {
		// Someone choosing with the keyboard finds the focus on the first option.
		s.focus = 0
	}
	s.scroll = scroller{}
	s.total = 0
	for _, l := range s.lines {
		s.total += utf8.RuneCountInString(l.Text) + utf8.RuneCountInString(l.Cues)
	}
	s.layKey = sessionLayoutKey{}
}

// revealed reports whether the client's words are all shown.
func (s *sessionScreen) revealed() bool { return int(s.reveal) >= s.total }

// ready reports whether the options (or the button that ends the
// session) are on screen.
func (s *sessionScreen) ready() bool { return s.revealed() }

// optionsAlpha is the opacity of the options as they fade in, from 0
// before they appear to 1.
func (s *sessionScreen) optionsAlpha() float64 {
	if !s.ready() {
		return 0
	}
	return math.Min(1, float64(s.opts.elapsed()+time.Second/60)/float64(optionsFade))
}

// moving reports whether the screen is animating: the words appearing,
// the options fading in, the meters easing or the portrait changing.
func (s *sessionScreen) moving() bool {
	return !s.revealed() || s.opts.elapsed() < optionsFade || s.c.meters.moving() || s.c.face.fading()
}

// options are the options on screen: none while a check-in is asked.
func (s *sessionScreen) options() []sim.Offer {
	if s.parting || s.prompt == nil || s.ask != nil {
		return nil
	}
	return s.prompt.Options
}

// Update reads the frame's input. While the client's words appear, a key
// or click shows them all; the options that then appear take presses
// only once they have been on screen for settleTime, so that a second
// click or key meant for the words cannot choose an option not yet seen.
func (s *sessionScreen) Update(in input) {
	a := s.a
	s.c.meters.step(in.DT)
	s.c.face.step(in.DT)
	lay := s.layout()
	s.scroll.update(&in, lay.view, lay.contentH, a.ts.lineH(fBody), true)
	if in.Pressed(ebiten.KeyEscape) {
		if s.ask != nil && s.ask.focus == s.ask.atWords() && s.opts.settled() {
			// Out of the check-in's words, as from any field.
			s.ask.focus = -1
			return
		}
		a.openMenu()
		return
	}
	if !s.revealed() {
		skip := in.anyPressed(ebiten.KeySpace, ebiten.KeyEnter, ebiten.KeyNumpadEnter) || in.Digit() > 0 || in.Click
		if skip {
			s.reveal = float64(s.total)
		} else {
			s.reveal += revealRate * in.DT.Seconds()
		}
		return
	}
	s.opts.see(in.DT)
	if !s.opts.settled() {
		in.withhold()
	}
	off := image.Pt(lay.view.Min.X, lay.view.Min.Y-int(s.scroll.off))
	if s.parting {
		cont := lay.cont.Add(off)
		if in.confirm() || in.Pressed(ebiten.KeySpace) || in.clickIn(cont) {
			a.toWeek(s.week)
		}
		return
	}
	if s.ask != nil {
		s.updateCheckIn(in, lay, off)
		return
	}
	opts := s.options()
	s.hover = -1
	for i, r := range lay.options {
		if in.Mouse.In(r.Add(off)) && in.Mouse.In(lay.view) {
			s.hover = i
		}
	}
	if n := in.Digit(); n > 0 && n <= len(opts) {
		s.kbd = false
		a.choose(s, n)
		return
	}
	if in.Click && s.hover >= 0 {
		s.kbd = false
		a.choose(s, s.hover+1)
		return
	}
	switch {
	case in.anyPressed(ebiten.KeyArrowDown) || in.Pressed(ebiten.KeyTab) && !in.Shift:
		s.focus = (s.focus + 1) % len(opts)
		s.scrollTo(s.focus)
	case in.anyPressed(ebiten.KeyArrowUp) || in.Pressed(ebiten.KeyTab) && in.Shift:
		if s.focus <= 0 {
			s.focus = len(opts) - 1
		} else {
			s.focus--
		}
		s.scrollTo(s.focus)
	case in.confirm():
		if s.focus >= 0 {
			s.kbd = true
			a.choose(s, s.focus+1)
		} else {
			s.focus = 0
			s.scrollTo(0)
		}
	}
}

func (s *sessionScreen) scrollTo(i int) {
	lay := s.layout()
	if i < 0 || i >= len(lay.options) {
		return
	}
	r := lay.options[i]
	s.scroll.show(r.Min.Y-s.a.m.u(8), r.Max.Y+s.a.m.u(8), lay.view.Dy())
}
