package ui

import (
	"image"

	"github.com/therasim/therasim/sim"
)

// layout returns the layout for the current frame, recomputing it only
// when the window, the text scale or the content changed.
func (s *sessionScreen) layout() *sessionLayout {
	k := sessionLayoutKey{size: s.a.size, m: s.a.m, prompt: s.prompt, parting: s.parting, lines: len(s.lines), you: s.you, inset: s.a.watchInset(), asking: s.ask != nil}
	if k != s.layKey {
		s.lay = layoutSession(s.a, s.content())
		s.layKey = k
	}
	return &s.lay
}

func (s *sessionScreen) content() sessionContent {
	c := sessionContent{assess: s.c.assess, you: s.you, lines: s.lines, parting: s.parting, client: s.c.e.sc.Client.Name, age: s.c.e.sc.Client.Age}
	for _, o := range s.options() {
		c.options = append(c.options, o.Text)
	}
	if s.ask != nil {
		c.checkIn, c.first = s.ask.q, s.c.e.sc.Client.FirstName()
	}
	return c
}

// sessionContent is what the conversation column shows.
type sessionContent struct {
	assess  bool
	client  string
	age     int
	you     string
	lines   []sim.Line
	options []string
	parting bool
	// checkIn is the check-in asked in place of the options, or nil;
	// first is the client's first name, whom it says waits.
	checkIn *sim.CheckIn
	first   string
}

type sessionLayoutKey struct {
	size    image.Point
	m       metrics
	prompt  *sim.Prompt
	parting bool
	lines   int
	you     string
	inset   int
	asking  bool
}

// lineBlock is one thing the client says, placed in the card.
type lineBlock struct {
	speech, cue *para
	y, cueY     int // content coordinates of their tops
}

// sessionLayout places everything on the session screen. The left column
// holds the portrait, the client's name, the OQ-45 and the meters; the
// right column is the conversation, which scrolls when it is taller than
// the window. Rectangles in the conversation are in content coordinates
// (relative to view, before scrolling).
type sessionLayout struct {
	top, timeline image.Rectangle
	left          image.Rectangle
	portrait      image.Rectangle
	name          *para // the client's name and age, on one line or two
	nameY         int
	oq            image.Rectangle
	meters        image.Rectangle // the region all meters occupy
	meterRows     [numMeters]image.Rectangle
	rupture       image.Rectangle
	view          image.Rectangle
	contentW      int
	contentH      int
	you           *para
	youY          int
	card          image.Rectangle
	nameLabelY    int
	blocks        []lineBlock
	options       []image.Rectangle
	optParas      []*para
	cont          image.Rectangle
	ci            checkInLayout   // the check-in, when one is asked
	hint          image.Rectangle // under the view, when it scrolls
	compact       bool            // meters on one line each
	// oqStacked: the OQ-45's on-track badge goes under the score, there
	// being no room beside it.
	oqStacked bool
}

// layoutSession computes the session screen's layout for the app's window
// size and text scale.
func layoutSession(a *app, c sessionContent) sessionLayout {
	m, ts := a.m, a.ts
	W, H := a.size.X, a.size.Y
	var l sessionLayout
	M, G := m.u(28), m.u(28)
	topH := max(m.u(68), int(ts.lineH(fLabel)+ts.lineH(fHeading))+m.u(14))
	l.top = image.Rect(0, 0, W, topH)
	// The panel of a watched file's mistakes takes the bottom of the
	// window: the session goes on above it, its options scrolled to.
	bodyTop, bodyBot := topH+m.u(18), H-m.u(16)-a.watchInset()

	L := max(m.u(260), min(m.u(400), W*24/100))
	R := min(W-2*M-L-G, m.u(960))
	x0 := max(M, (W-L-G-R)/2)
	l.left = image.Rect(x0, bodyTop, x0+L, bodyBot)

	// The client's name: a name of two words too long for the column
	// goes on two lines rather than lose its end.
	l.name = a.wrapLines(clientLine(c.client, c.age), fHeading, L, 2)
	nameH := len(l.name.lines)*int(ts.lineH(fHeading)) + m.u(4)
	avail := bodyBot - bodyTop
	if c.assess {
		// Nothing but the client: the portrait takes the column.
		P := max(m.u(120), min(L, avail-nameH))
		P -= P % portraitStep
		l.portrait = image.Rect(x0+(L-P)/2, bodyTop, x0+(L-P)/2+P, bodyTop+P)
		l.nameY = l.portrait.Max.Y + m.u(10)
	} else {
		oqH := max(m.u(34), int(ts.lineH(fSmall))+m.u(10))
		if ts.width("OQ-45 today: 180", fSmall)+float64(a.chipWidth("not on track", true)+m.u(8)) > float64(L) {
			l.oqStacked = true
			oqH = int(ts.lineH(fSmall)) + a.chipHeight() + m.u(10)
		}
		ruptH := a.chipHeight() + m.u(8)
		rowMin := max(m.u(40), int(ts.lineH(fLabel))+m.u(20))
		P := min(L, avail-nameH-oqH-m.u(16)-numMeters*rowMin-ruptH)
		if P < L*3/4 {
			// Short window: each meter on one line, bar between label and value.
			l.compact = true
			rowMin = int(ts.lineH(fLabel)) + m.u(14)
			P = min(L, avail-nameH-oqH-m.u(16)-numMeters*rowMin-ruptH)
		}
		P = max(P, m.u(64)) // a small window keeps every meter and a smaller face
		P -= P % portraitStep
		l.portrait = image.Rect(x0+(L-P)/2, bodyTop, x0+(L-P)/2+P, bodyTop+P)
		l.nameY = l.portrait.Max.Y + m.u(10)
		l.oq = image.Rect(x0, l.nameY+nameH, x0+L, l.nameY+nameH+oqH)
		l.meters = image.Rect(x0, l.oq.Max.Y+m.u(8), x0+L, bodyBot)
		rowH := max(rowMin, min(m.u(56), (l.meters.Dy()-ruptH)/numMeters))
		for i := range l.meterRows {
			y := l.meters.Min.Y + i*rowH
			l.meterRows[i] = image.Rect(x0, y, x0+L, y+rowH)
		}
		y := l.meterRows[numMeters-1].Max.Y + m.u(8)
		l.rupture = image.Rect(x0, y, x0+L, y+a.chipHeight())
		l.meters.Max.Y = l.rupture.Max.Y
	}

	// The timeline: one dot per session at the right of the top bar.
	n := len(a.course.e.sc.Sessions)
	d := m.u(30)
	tw := n*d + (n-1)*m.u(12)
	l.timeline = image.Rect(x0+L+G+R-tw, (topH-d)/2, x0+L+G+R, (topH-d)/2+d)

	// The conversation. Content starts a little inside the view so that
	// a focus ring is not clipped.
	xr := x0 + L + G
	l.view = image.Rect(xr, bodyTop, xr+R, bodyBot)
	in := m.u(5)
	cw := R - m.u(16) - 2*in // room for the scrollbar
	l.contentW = cw
	y := in
	if c.you != "" {
		// A reminder of what the trainee said: two lines at most, so that
		// the client's words and every option keep their room.
		l.you = ts.wrap(c.you, fCue, cw-m.u(18))
		if len(l.you.lines) > 2 {
			l.you = ts.wrap(l.you.lines[0]+"\n"+a.ellipsize(l.you.lines[1]+" "+l.you.lines[2], fCue, float64(cw-m.u(18))), fCue, cw-m.u(18))
		}
		l.youY = y + int(ts.lineH(fLabel))
		y = l.youY + l.you.height + m.u(12)
	}
	pad := m.u(18)
	cardY := y
	y += pad
	l.nameLabelY = y
	y += int(ts.lineH(fLabel)) + m.u(2)
	for i, ln := range c.lines {
		var b lineBlock
		if i > 0 {
			y += m.u(16)
		}
		b.y = y
		b.speech = ts.wrap(ln.Text, fBody, cw-2*pad)
		y += b.speech.height
		if ln.Cues != "" {
			y += m.u(10)
			b.cueY = y
			b.cue = ts.wrap(ln.Cues, fCue, cw-2*pad-m.u(16))
			y += b.cue.height
		}
		l.blocks = append(l.blocks, b)
	}
	if len(c.lines) == 0 {
		y += int(ts.lineH(fBody))
	}
	y += pad
	l.card = image.Rect(in, cardY, in+cw, y)
	y += m.u(16)
	if c.parting {
		bw := max(m.u(240), a.buttonWidth("End the session", "Enter"))
		l.cont = image.Rect(in+cw-bw, y, in+cw, y+a.buttonHeight())
		y = l.cont.Max.Y + m.u(8)
	}
	if c.checkIn != nil {
		l.ci, y = layoutCheckIn(a, c.checkIn, c.first, in, y, cw)
		y += m.u(8)
	}
	badge := m.u(36)
	opad := m.u(11)
	for _, o := range c.options {
		p := ts.wrap(o, fOption, cw-badge-3*opad-m.u(6))
		h := max(p.height, badge) + 2*opad
		l.options = append(l.options, image.Rect(in, y, in+cw, y+h))
		l.optParas = append(l.optParas, p)
		y += h + m.u(10)
	}
	l.contentH = y + m.u(8)
	if l.contentH > l.view.Dy() {
		// It scrolls: keep a strip under the view for the "more below" hint.
		l.hint = image.Rect(l.view.Min.X, l.view.Max.Y-a.chipHeight()-m.u(6), l.view.Max.X, l.view.Max.Y)
		l.view.Max.Y = l.hint.Min.Y - m.u(6)
	}
	return l
}
