package ui

import (
	"fmt"
	"image"
	"strconv"
	"unicode"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

// A countertransference check-in on the session screen: at a moment the
// author marked (sim.Beat.CheckIn), once the client's words are all
// shown and before the options can be chosen, the trainee is asked what
// they notice in themselves. The client waits: nothing moves on, and the
// answer never changes the client. The trainee may choose any of the
// author's pulls (their numbers toggle them), write their own words, and
// go on (Enter), or say there is nothing to note. The answer is recorded
// before the choice (app.checkIn).

// checkInMost is the most characters a check-in's own words may have.
const checkInMost = 600

// checkInForm is a check-in being answered.
type checkInForm struct {
	q      *sim.CheckIn
	chosen []bool
	words  []rune // the trainee's own words
	// focus is what the keyboard is on: a pull (from 0), the words
	// (atWords()), "Nothing to note" (skip()) or Continue (cont()); -1
	// for nothing. hover is what is under the mouse, the same way.
	focus, hover int
	// full says that the trainee has been told the words are at their
	// most.
	full bool
}

func newCheckInForm(q *sim.CheckIn, kbd bool) *checkInForm {
	f := &checkInForm{q: q, chosen: make([]bool, len(q.Pulls)), focus: -1, hover: -1}
	if kbd {
		// Someone going by the keyboard finds the focus on the first pull.
		f.focus = 0
	}
	return f
}

// The places the focus can be after the pulls.
func (f *checkInForm) atWords() int { return len(f.q.Pulls) }
func (f *checkInForm) skip() int    { return len(f.q.Pulls) + 1 }
func (f *checkInForm) cont() int    { return len(f.q.Pulls) + 2 }

// pulls returns the ids of the pulls chosen, in the author's order.
func (f *checkInForm) pulls() []string {
	var out []string
	for i, on := range f.chosen {
		if on {
			out = append(out, f.q.Pulls[i].ID)
		}
	}
	return out
}

// empty reports whether nothing is chosen or written.
func (f *checkInForm) empty() bool { return len(f.pulls()) == 0 && boxText(f.words) == "" }

// checkInLayout places a check-in in the conversation column, in content
// coordinates.
type checkInLayout struct {
	card      image.Rectangle
	labelY    int
	question  *para
	questionY int
	waits     *para // the client waits; how to answer
	waitsY    int
	pulls     []image.Rectangle
	pullParas []*para
	words     image.Rectangle
	countY    int // how many characters, beside the buttons
	skip      image.Rectangle
	cont      image.Rectangle
}

// checkInLabel heads a check-in.
const checkInLabel = "CHECK-IN · ABOUT YOU"

// checkInWaits says that the client waits while the trainee answers, and
// how to answer.
func checkInWaits(client string) string {
	return client + " waits: the session stands still until you go on, and nothing you note changes what " + client +
		" does. Choose any that fit (press their numbers), add your own words, or neither."
}

// checkInHint is what the empty box of the trainee's own words says.
const checkInHint = "In your own words, if you like: a feeling, an urge, a thought…"

// checkInCount says how long the trainee's own words may be, and are.
func checkInCount(n int) string {
	if n == 0 {
		return fmt.Sprintf("Up to %d characters", checkInMost)
	}
	return fmt.Sprintf("%d of %d characters", n, checkInMost)
}

// layoutCheckIn places check-in q, for a client whose first name is
// client, from the top y of the column at x, w wide; it returns the
// layout and the y under it.
func layoutCheckIn(a *app, q *sim.CheckIn, client string, x, y, w int) (checkInLayout, int) {
	m, ts := a.m, a.ts
	var l checkInLayout
	pad := m.u(22)
	iw := w - 2*pad
	top := y
	y += m.u(18)
	l.labelY = y
	y += int(ts.lineH(fLabel)) + m.u(4)
	l.question = ts.wrap(q.Question, fStrong, iw)
	l.questionY = y
	y += l.question.height + m.u(6)
	l.waits = ts.wrap(checkInWaits(client), fSmall, iw)
	l.waitsY = y
	y += l.waits.height + m.u(12)

	// The pulls: two columns when each has room for its words.
	gap := m.u(10)
	cols := 1
	if len(q.Pulls) > 1 && (iw-gap)/2 >= m.u(300) {
		cols = 2
	}
	cw := (iw - (cols-1)*gap) / cols
	badge, opad, box := checkInBadge(m)
	for row := 0; row*cols < len(q.Pulls); row++ {
		h := 0
		var paras []*para
		for c := range cols {
			i := row*cols + c
			if i >= len(q.Pulls) {
				break
			}
			p := ts.wrap(q.Pulls[i].Text, fOption, cw-badge-box-4*opad)
			paras = append(paras, p)
			h = max(h, max(p.height, badge)+2*opad)
		}
		for c, p := range paras {
			cx := x + pad + c*(cw+gap)
			l.pulls = append(l.pulls, image.Rect(cx, y, cx+cw, y+h))
			l.pullParas = append(l.pullParas, p)
		}
		y += h + gap
	}
	y += m.u(4)
	wh := int(2*ts.lineH(fOption)) + m.u(20)
	l.words = image.Rect(x+pad, y, x+pad+iw, y+wh)
	y += wh + m.u(12)
	bh := a.buttonHeight()
	cwB := max(m.u(200), a.buttonWidth("Continue", "Enter"))
	swB := max(m.u(200), a.buttonWidth("Nothing to note", ""))
	l.cont = image.Rect(x+pad+iw-cwB, y, x+pad+iw, y+bh)
	l.skip = image.Rect(l.cont.Min.X-m.u(14)-swB, y, l.cont.Min.X-m.u(14), y+bh)
	l.countY = y + (bh-int(ts.lineH(fSmall)))/2
	y += bh + m.u(20)
	l.card = image.Rect(x, top, x+w, y)
	return l, y
}

// checkInBadge is the size of a pull's number, the padding of its card
// and the size of the box that says it is chosen.
func checkInBadge(m metrics) (badge, pad, box int) { return m.u(30), m.u(9), m.u(26) }

// targets are the check-in's places in the order of the focus: the
// pulls, the words, "Nothing to note" and Continue.
func (l *checkInLayout) targets() []image.Rectangle {
	return append(append(append([]image.Rectangle(nil), l.pulls...), l.words, l.skip), l.cont)
}

// updateCheckIn reads the frame's input while the check-in is asked;
// off is where the conversation's content is on screen.
func (s *sessionScreen) updateCheckIn(in input, lay *sessionLayout, off image.Point) {
	f := s.ask
	n := len(f.q.Pulls)
	targets := lay.ci.targets()
	f.hover = -1
	for i, r := range targets {
		if in.Mouse.In(r.Add(off)) && in.Mouse.In(lay.view) {
			f.hover = i
		}
	}
	if in.Click && f.hover >= 0 {
		switch i := f.hover; {
		case i < n:
			f.chosen[i] = !f.chosen[i]
			if f.focus == f.atWords() {
				f.focus = -1
			}
		case i == f.atWords():
			f.focus = i
			s.showWords(lay)
		case i == f.skip():
			s.answerCheckIn(true)
		default:
			s.answerCheckIn(false)
		}
		return
	}
	typing := f.focus == f.atWords()
	move := func(d int) {
		k := len(targets)
		if f.focus < 0 {
			f.focus = 0
			if d < 0 {
				f.focus = k - 1
			}
		} else {
			f.focus = (f.focus + d + k) % k
		}
		r := targets[f.focus]
		s.scroll.show(r.Min.Y-s.a.m.u(8), r.Max.Y+s.a.m.u(8), lay.view.Dy())
		if f.focus == f.atWords() {
			s.showWords(lay)
		}
	}
	switch {
	case in.confirm():
		s.answerCheckIn(f.focus == f.skip())
		return
	case in.Pressed(ebiten.KeyTab):
		if in.Shift {
			move(-1)
		} else {
			move(1)
		}
		return
	case in.Pressed(ebiten.KeyArrowDown):
		move(1)
		return
	case in.Pressed(ebiten.KeyArrowUp):
		move(-1)
		return
	case in.Pressed(ebiten.KeySpace) && !typing:
		switch {
		case f.focus >= 0 && f.focus < n:
			f.chosen[f.focus] = !f.chosen[f.focus]
		case f.focus == f.skip():
			s.answerCheckIn(true)
		case f.focus == f.cont():
			s.answerCheckIn(false)
		}
		return
	}
	if !typing {
		if d := in.Digit(); d > 0 {
			if d <= n {
				f.chosen[d-1] = !f.chosen[d-1]
			}
			return
		}
		// Any other character typed, or text pasted, goes to the words
		// (a space alone is the Space key's).
		words := in.Paste != ""
		for _, r := range in.Runes {
			words = words || unicode.IsPrint(r) && r != ' ' && !in.Ctrl
		}
		if !words {
			return
		}
		f.focus = f.atWords()
		s.showWords(lay)
	}
	if editBox(&in, &f.words, checkInMost) {
		if !f.full {
			s.a.say(fmt.Sprintf("A check-in's own words can be at most %d characters long: the rest was left out.", checkInMost))
		}
		f.full = true
	}
}

// showWords scrolls the check-in's words into view, with the buttons
// under them, as the trainee comes to write.
func (s *sessionScreen) showWords(lay *sessionLayout) {
	m := s.a.m
	s.scroll.show(lay.ci.words.Min.Y-m.u(8), lay.contentH, lay.view.Dy())
}

// answerCheckIn records the check-in's answer (nothing, when skip) and
// brings the options.
func (s *sessionScreen) answerCheckIn(skip bool) {
	f := s.ask
	var pulls []string
	var words string
	if !skip {
		pulls, words = f.pulls(), boxText(f.words)
	}
	s.a.checkIn(s.prompt, pulls, words)
	s.ask = nil
	// The options appear as anew: a key still down from the answer does
	// not choose one.
	s.opts.hide()
	s.a.appear()
	s.scrollTo(0)
}

// drawCheckIn draws the check-in, its layout l placed with at.
func (s *sessionScreen) drawCheckIn(dst *ebiten.Image, l *checkInLayout, at func(image.Rectangle) image.Rectangle) {
	a, m, ts := s.a, s.a.m, s.a.ts
	f := s.ask
	card := at(l.card)
	dy := card.Min.Y - l.card.Min.Y
	a.pt.card(dst, card, m.u(16), max(2, m.u(2)), colAccentBG, colAccent)
	pad := m.u(22)
	x := float64(card.Min.X + pad)
	ts.drawLine(dst, checkInLabel, fLabel, x, float64(l.labelY+dy), colAccent)
	ts.drawPara(dst, l.question, fStrong, x, float64(l.questionY+dy), colText, -1)
	ts.drawPara(dst, l.waits, fSmall, x, float64(l.waitsY+dy), colMuted, -1)
	badge, opad, box := checkInBadge(m)
	for i, r := range l.pulls {
		r = at(r)
		on := f.chosen[i]
		fill, edge, bw := colPanel, colBorder, max(1, m.u(1))
		switch {
		case on:
			fill, edge, bw = colPanel, colAccent, max(2, m.u(3))
		case i == f.hover:
			fill = colHover
		}
		if i == f.focus {
			a.pt.roundRect(dst, r.Inset(-m.u(4)), m.u(14), colAccent)
			a.pt.roundRect(dst, r.Inset(-m.u(2)), m.u(12), colAccentBG)
		}
		a.pt.card(dst, r, m.u(10), bw, fill, edge)
		cy := float64(r.Min.Y+opad) + float64(badge)/2
		bx := float64(r.Min.X+opad) + float64(badge)/2
		a.pt.disc(dst, bx, cy, badge/2, colAccent)
		ts.drawCentered(dst, strconv.Itoa(i+1), fBadge, bx, cy, colOnAccent)
		p := l.pullParas[i]
		ty := float64(r.Min.Y + opad)
		if p.height < badge {
			ty += float64(badge-p.height) / 2
		}
		ts.drawPara(dst, p, fOption, float64(r.Min.X+2*opad+badge), ty, colText, -1)
		// The box that says it is chosen.
		b := image.Rect(r.Max.X-opad-box, int(cy)-box/2, r.Max.X-opad, int(cy)-box/2+box)
		if on {
			a.pt.roundRect(dst, b, m.u(6), colAccent)
			a.pt.icon(dst, debrief.GlyphCheck, float64(b.Min.X+b.Max.X)/2, float64(b.Min.Y+b.Max.Y)/2, box*3/4, colOnAccent)
		} else {
			a.pt.card(dst, b, m.u(6), max(2, m.u(2)), colPanel, colMuted)
		}
	}
	a.drawTextBox(dst, at(l.words), f.words, checkInHint, f.focus == f.atWords())
	count := checkInCount(len(f.words))
	if float64(l.skip.Min.X-l.card.Min.X-2*pad) >= ts.width(count, fSmall) {
		ts.drawLine(dst, count, fSmall, x, float64(l.countY+dy), colMuted)
	}
	a.button(dst, at(l.skip), "Nothing to note", "", btnSecondary, f.focus == f.skip(), f.hover == f.skip())
	key := "Enter"
	if a.buttonWidth("Continue", key) > l.cont.Dx() {
		key = ""
	}
	a.button(dst, at(l.cont), "Continue", key, btnPrimary, f.focus == f.cont(), f.hover == f.cont())
}
