package ui

import (
	"fmt"
	"image"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/sim"
)

// revealRate is the reading pace at which the client's words appear, in
// characters per frame (60 frames a second: 48 characters a second).
const revealRate = 0.8

// sessionScreen is the role-play: the client's portrait and words, the
// trainee's options, and (outside assessment mode) the meters.
type sessionScreen struct {
	a *App
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

	reveal float64 // characters of the lines shown so far
	total  int     // characters in all the lines
	shown  int     // frames since everything was revealed
	focus  int     // the option the keyboard is on; -1 for none
	kbd    bool    // the last choice was made with the arrows and Enter
	hover  int     // the option under the mouse; -1 for none
	scroll scroller
	moreAt int // frame the "more below" hint was last needed

	lay    sessionLayout
	layKey sessionLayoutKey
}

// newSessionScreen shows the current prompt of c's run; recent are the
// events that led to it (for the client's expression and the last choice).
func newSessionScreen(a *App, c *course, recent []sim.Event) *sessionScreen {
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
	s.restart()
}

// part shows the client's last words of a session, before the week.
func (s *sessionScreen) part(lines []sim.Line, rep *weekReport, ev []sim.Event) {
	s.parting, s.week, s.lines, s.prompt = true, rep, lines, nil
	s.you = ""
	if len(ev) > 0 && ev[0].Kind == sim.Choice {
		s.you = ev[0].Text
	}
	// The session as it ended, before the week changed anything.
	s.view = beforeWeek(s.c.run.State(), ev)
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
	s.reveal, s.shown, s.focus, s.hover = 0, 0, -1, -1
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

// ready reports whether the options (or Continue) can be used.
func (s *sessionScreen) ready() bool { return s.revealed() }

func (s *sessionScreen) options() []sim.Offer {
	if s.parting || s.prompt == nil {
		return nil
	}
	return s.prompt.Options
}

// layout returns the layout for the current frame, recomputing it only
// when the window, the text scale or the content changed.
func (s *sessionScreen) layout() *sessionLayout {
	k := sessionLayoutKey{size: s.a.size, m: s.a.m, prompt: s.prompt, parting: s.parting, lines: len(s.lines), you: s.you}
	if k != s.layKey {
		s.lay = layoutSession(s.a, s.content())
		s.layKey = k
	}
	return &s.lay
}

func (s *sessionScreen) content() sessionContent {
	c := sessionContent{assess: s.c.assess, you: s.you, lines: s.lines, parting: s.parting, client: s.c.e.sc.Client.Name}
	for _, o := range s.options() {
		c.options = append(c.options, o.Text)
	}
	return c
}

// Update reads the frame's input.
func (s *sessionScreen) Update(in Input) {
	a := s.a
	s.c.meters.step()
	s.c.face.step()
	lay := s.layout()
	s.scroll.update(&in, lay.view, lay.contentH, a.ts.lineH(fBody), true)
	if in.Pressed(ebiten.KeyEscape) {
		a.openMenu()
		return
	}
	if !s.revealed() {
		skip := in.anyPressed(ebiten.KeySpace, ebiten.KeyEnter, ebiten.KeyNumpadEnter) || in.Digit() > 0 || in.Click
		if skip {
			s.reveal = float64(s.total)
		} else {
			s.reveal += revealRate
		}
		return
	}
	s.shown++
	off := image.Pt(lay.view.Min.X, lay.view.Min.Y-int(s.scroll.off))
	if s.parting {
		cont := lay.cont.Add(off)
		if in.confirm() || in.Pressed(ebiten.KeySpace) || in.clickIn(cont) {
			a.toWeek(s.week)
		}
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

// sessionContent is what the conversation column shows.
type sessionContent struct {
	assess  bool
	client  string
	you     string
	lines   []sim.Line
	options []string
	parting bool
}

type sessionLayoutKey struct {
	size    image.Point
	m       metrics
	prompt  *sim.Prompt
	parting bool
	lines   int
	you     string
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
	hint          image.Rectangle // under the view, when it scrolls
	compact       bool            // meters on one line each
}

// layoutSession computes the session screen's layout for the app's window
// size and text scale.
func layoutSession(a *App, c sessionContent) sessionLayout {
	m, ts := a.m, a.ts
	W, H := a.size.X, a.size.Y
	var l sessionLayout
	M, G := m.u(28), m.u(28)
	topH := max(m.u(68), int(ts.lineH(fLabel)+ts.lineH(fHeading))+m.u(14))
	l.top = image.Rect(0, 0, W, topH)
	bodyTop, bodyBot := topH+m.u(22), H-m.u(22)

	L := max(m.u(260), min(m.u(400), W*27/100))
	R := min(W-2*M-L-G, m.u(960))
	x0 := max(M, (W-L-G-R)/2)
	l.left = image.Rect(x0, bodyTop, x0+L, bodyBot)

	nameH := int(ts.lineH(fHeading)) + m.u(4)
	avail := bodyBot - bodyTop
	if c.assess {
		// Nothing but the client: the portrait takes the column.
		P := max(m.u(120), min(L, avail-nameH))
		P -= P % portraitStep
		l.portrait = image.Rect(x0+(L-P)/2, bodyTop, x0+(L-P)/2+P, bodyTop+P)
		l.nameY = l.portrait.Max.Y + m.u(10)
	} else {
		oqH := max(m.u(34), int(ts.lineH(fSmall))+m.u(10))
		ruptH := a.chipHeight() + m.u(8)
		rowMin := max(m.u(40), int(ts.lineH(fLabel))+m.u(20))
		P := min(L, avail-nameH-oqH-m.u(16)-numMeters*rowMin-ruptH)
		if P < L*3/4 {
			// Short window: each meter on one line, bar between label and value.
			l.compact = true
			rowMin = int(ts.lineH(fLabel)) + m.u(10)
			P = min(L, avail-nameH-oqH-m.u(16)-numMeters*rowMin-ruptH)
		}
		P = max(P, m.u(120))
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
		l.you = ts.wrap(c.you, fCue, cw-m.u(18))
		l.youY = y + int(ts.lineH(fLabel))
		y = l.youY + l.you.height + m.u(18)
	}
	pad := m.u(22)
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
	y += m.u(22)
	if c.parting {
		bw := max(m.u(240), a.buttonWidth("End the session", "Enter"))
		l.cont = image.Rect(in+cw-bw, y, in+cw, y+a.buttonHeight())
		y = l.cont.Max.Y + m.u(8)
	}
	badge := m.u(36)
	opad := m.u(14)
	for _, o := range c.options {
		p := ts.wrap(o, fOption, cw-badge-3*opad-m.u(6))
		h := max(p.height, badge) + 2*opad
		l.options = append(l.options, image.Rect(in, y, in+cw, y+h))
		l.optParas = append(l.optParas, p)
		y += h + m.u(12)
	}
	l.contentH = y + m.u(8)
	if l.contentH > l.view.Dy() {
		// It scrolls: keep a strip under the view for the "more below" hint.
		l.hint = image.Rect(l.view.Min.X, l.view.Max.Y-a.chipHeight()-m.u(6), l.view.Max.X, l.view.Max.Y)
		l.view.Max.Y = l.hint.Min.Y - m.u(6)
	}
	return l
}

// Draw draws the session screen.
func (s *sessionScreen) Draw(dst *ebiten.Image) {
	a, m, ts := s.a, s.a.m, s.a.ts
	lay := s.layout()
	sc := s.c.e.sc
	st := &s.view

	// Top bar: where we are in the course.
	fillRect(dst, lay.top, colPanel)
	fillRect(dst, image.Rect(0, lay.top.Max.Y-max(1, m.u(1)), lay.top.Max.X, lay.top.Max.Y), colBorder)
	sess := st.Session
	title := ""
	if s.prompt != nil {
		title = s.prompt.SessionTitle
	} else if sess >= 1 && sess <= len(sc.Sessions) {
		title = sc.Sessions[sess-1].Title
	}
	x := float64(lay.left.Min.X)
	y := float64(m.u(10))
	ts.drawLine(dst, fmt.Sprintf("Session %d of %d", sess, len(sc.Sessions)), fLabel, x, y, colMuted)
	maxW := float64(lay.timeline.Min.X-lay.left.Min.X) - float64(m.u(24))
	if s.c.assess {
		cw := a.chipWidth("Assessment mode", true)
		maxW -= float64(cw + m.u(16))
		a.chip(dst, lay.timeline.Min.X-cw-m.u(20), (lay.top.Dy()-a.chipHeight())/2, "Assessment mode", shRing, true, colAccent, colAccentBG)
	}
	ts.drawLine(dst, a.ellipsize(title, fHeading, maxW), fHeading, x, y+ts.lineH(fLabel), colText)
	s.drawTimeline(dst, lay.timeline, sess, len(sc.Sessions))

	// The client.
	a.pt.roundRect(dst, lay.portrait, m.u(16), colPanelAlt)
	s.drawPortrait(dst, lay.portrait)
	a.pt.roundCorners(dst, lay.portrait, m.u(16), colBG)
	name := sc.Client.Name
	if sc.Client.Age > 0 {
		name += ", " + strconv.Itoa(sc.Client.Age)
	}
	ts.drawLine(dst, a.ellipsize(name, fHeading, float64(lay.left.Dx())), fHeading, float64(lay.left.Min.X), float64(lay.nameY), colText)
	if !s.c.assess {
		s.drawOQ(dst, lay.oq, st)
		for i := range numMeters {
			s.drawMeter(dst, lay.meterRows[i], i, lay.compact)
		}
		if st.Rupture != sim.NoRupture {
			a.chip(dst, lay.rupture.Min.X, lay.rupture.Min.Y, "Open rupture: "+string(st.Rupture), shWarning, true, colWarn, colWarnBG)
		}
	}

	// The conversation.
	view := clip(dst, lay.view)
	off := image.Pt(lay.view.Min.X, lay.view.Min.Y-int(s.scroll.off))
	s.drawConversation(view, lay, off)
	a.fadeEdges(dst, lay.view, &s.scroll, colBG)
	a.drawScrollbar(dst, lay.view, &s.scroll, lay.contentH)
	if s.ready() && s.scroll.off < s.scroll.max-1 && !lay.hint.Empty() {
		// Say there is more below while the bottom is out of sight.
		label := "More below: scroll, or use the arrow keys"
		if a.chipWidth(label, true) > lay.hint.Dx() {
			label = "More below"
		}
		w := a.chipWidth(label, true)
		a.chip(dst, lay.hint.Min.X+(lay.hint.Dx()-w)/2, lay.hint.Min.Y, label, shDown, true, colMuted, colPanelAlt)
	}
}

func (s *sessionScreen) drawTimeline(dst *ebiten.Image, r image.Rectangle, cur, n int) {
	a, m := s.a, s.a.m
	d := r.Dy()
	gap := m.u(12)
	cy := float64(r.Min.Y) + float64(d)/2
	for i := 0; i < n; i++ {
		x := r.Min.X + i*(d+gap)
		if i > 0 {
			c := colBorder
			if i < cur {
				c = colAccent
			}
			fillRect(dst, image.Rect(x-gap, int(cy)-max(1, m.u(1)), x, int(cy)+max(1, m.u(1))), c)
		}
		cx := float64(x) + float64(d)/2
		rr := d / 2
		label := strconv.Itoa(i + 1)
		switch {
		case i+1 < cur: // done
			a.pt.disc(dst, cx, cy, rr, colAccent)
			a.pt.icon(dst, shCheck, cx, cy, d*11/20, colOnAccent)
		case i+1 == cur: // now
			a.pt.disc(dst, cx, cy, rr, colAccent)
			a.ts.drawCentered(dst, label, fLabel, cx, cy, colOnAccent)
		default:
			a.pt.disc(dst, cx, cy, rr, colBorder)
			a.pt.disc(dst, cx, cy, rr-max(2, m.u(2)), colPanel)
			a.ts.drawCentered(dst, label, fLabel, cx, cy, colMuted)
		}
	}
}

func (s *sessionScreen) drawPortrait(dst *ebiten.Image, r image.Rectangle) {
	a := s.a
	sc := s.c.e.sc
	lk := lookFor(sc.Client.Name, sc.Client.Pronouns)
	size := min(r.Dx(), r.Dy())
	f := &s.c.face
	draw := func(e expression, alpha float64) {
		img := a.pics.get(lk, sc.Client.Name, e, size)
		op := &ebiten.DrawImageOptions{}
		b := img.Bounds()
		op.GeoM.Translate(float64(r.Min.X+(r.Dx()-b.Dx())/2), float64(r.Max.Y-b.Dy()))
		op.ColorScale.ScaleAlpha(float32(alpha))
		op.Filter = ebiten.FilterLinear
		clip(dst, r).DrawImage(img, op)
	}
	if f.age < faceFadeFrames && f.prev != f.cur {
		t := float64(f.age) / faceFadeFrames
		draw(f.prev, 1)
		draw(f.cur, t)
		return
	}
	draw(f.cur, 1)
}

func (s *sessionScreen) drawOQ(dst *ebiten.Image, r image.Rectangle, st *sim.State) {
	a, m := s.a, s.a.m
	oq, ok := st.LastOQ()
	if !ok {
		return
	}
	cy := float64(r.Min.Y+r.Max.Y) / 2
	label := fmt.Sprintf("OQ-45 today: %d", oq.Score)
	a.ts.drawLine(dst, label, fSmall, float64(r.Min.X), cy-a.ts.boxH(fSmall)/2, colText)
	var tag string
	var sh shape
	ink, bg := colMuted, colPanelAlt
	switch {
	case len(st.OQ) == 1:
		tag, sh = "intake", shRing
	case oq.NotOnTrack:
		tag, sh, ink, bg = "not on track", shWarning, colWarn, colWarnBG
	default:
		tag, sh, ink, bg = "on track", shCheck, colGood, colGoodBG
	}
	w := a.chipWidth(tag, true)
	if float64(r.Max.X-w) > float64(r.Min.X)+a.ts.width(label, fSmall)+float64(m.u(8)) {
		a.chip(dst, r.Max.X-w, int(cy)-a.chipHeight()/2, tag, sh, true, ink, bg)
	}
}

func (s *sessionScreen) drawMeter(dst *ebiten.Image, r image.Rectangle, i int, compact bool) {
	a, m, ts := s.a, s.a.m, s.a.ts
	def := meterDefs[i]
	ma := s.c.meters.m[i]
	iconS := m.u(18)
	y := float64(r.Min.Y + m.u(4))
	if compact {
		y = float64(r.Min.Y) + (float64(r.Dy())-ts.boxH(fLabel))/2
	}
	cy := y + ts.boxH(fLabel)/2
	if i == mDropout {
		a.pt.warning(dst, float64(r.Min.X)+float64(iconS)/2, cy, iconS, def.col, colBG)
	} else {
		a.pt.icon(dst, def.sh, float64(r.Min.X)+float64(iconS)/2, cy, iconS, def.col)
	}
	lx := float64(r.Min.X + iconS + m.u(8))
	ts.drawLine(dst, def.label, fLabel, lx, y, colText)
	val := valueText(i, ma.shown, ma.known)
	vw := ts.width(val, fLabel)
	// The value is right-aligned in a slot wide enough for any value, so
	// the bar does not jump as the digits change.
	slot := math.Max(vw, ts.width("0.00", fLabel))
	ts.drawLine(dst, val, fLabel, float64(r.Max.X)-vw, y, colText)
	arrowX := float64(r.Max.X) - slot - float64(m.u(12))
	if ma.delta != 0 && ma.known {
		sh := shUp
		if ma.delta < 0 {
			sh = shDown
		}
		if compact {
			a.pt.icon(dst, sh, arrowX, cy, m.u(13), colMuted)
		} else {
			dt := deltaText(i, ma.delta)
			dw := ts.width(dt, fSmall)
			ax := float64(r.Max.X) - slot - float64(m.u(14)) - dw
			ts.drawLine(dst, dt, fSmall, ax, y+ts.boxH(fLabel)-ts.boxH(fSmall), colMuted)
			a.pt.icon(dst, sh, ax-float64(m.u(10)), cy, m.u(13), colMuted)
		}
	}
	// The bar: under the label, or between label and value when compact.
	bh := m.u(9)
	bar := image.Rect(r.Min.X, r.Max.Y-bh-m.u(7), r.Max.X, r.Max.Y-m.u(7))
	if compact {
		bx := int(lx + ts.width("Dropout risk", fLabel) + float64(m.u(10)))
		bw := int(arrowX) - m.u(12) - bx
		if bw < m.u(20) {
			return
		}
		bar = image.Rect(bx, int(cy)-bh/2, bx+bw, int(cy)-bh/2+bh)
	}
	a.pt.roundRect(dst, bar, bh/2, colTrack)
	if ma.known {
		f := s.c.meters.fraction(i, ma.shown)
		w := int(math.Round(f * float64(bar.Dx())))
		if w > 0 {
			a.pt.roundRect(dst, image.Rect(bar.Min.X, bar.Min.Y, bar.Min.X+max(w, bh), bar.Max.Y), bh/2, def.col)
		}
	}
}

func (s *sessionScreen) drawConversation(dst *ebiten.Image, lay *sessionLayout, off image.Point) {
	a, m, ts := s.a, s.a.m, s.a.ts
	at := func(r image.Rectangle) image.Rectangle { return r.Add(off) }
	fx, fy := float64(off.X), float64(off.Y)
	if lay.you != nil {
		ts.drawLine(dst, "You said", fLabel, fx, fy+float64(lay.youY)-ts.lineH(fLabel), colFaint)
		fillRect(dst, image.Rect(off.X, off.Y+lay.youY, off.X+m.u(4), off.Y+lay.youY+lay.you.height), colBorder)
		ts.drawPara(dst, lay.you, fCue, fx+float64(m.u(18)), fy+float64(lay.youY), colMuted, -1)
	}
	card := at(lay.card)
	a.pt.card(dst, card, m.u(16), max(1, m.u(1)), colPanel, colBorder)
	pad := m.u(22)
	first := s.c.e.sc.Client.Name
	for i, r := range first {
		if r == ' ' {
			first = first[:i]
			break
		}
	}
	ts.drawLine(dst, first, fLabel, float64(card.Min.X+pad), fy+float64(lay.nameLabelY), colAccent)
	left := int(s.reveal)
	if s.revealed() {
		left = -1
	}
	for i, b := range lay.blocks {
		if i >= len(s.lines) {
			break
		}
		ln := s.lines[i]
		lim := left
		ts.drawPara(dst, b.speech, fBody, float64(card.Min.X+pad), fy+float64(b.y), colText, lim)
		if left >= 0 {
			left -= utf8.RuneCountInString(ln.Text)
			if left <= 0 {
				break
			}
		}
		if b.cue != nil {
			fillRect(dst, image.Rect(card.Min.X+pad, off.Y+b.cueY, card.Min.X+pad+m.u(4), off.Y+b.cueY+b.cue.height), colCueBar)
			ts.drawPara(dst, b.cue, fCue, float64(card.Min.X+pad+m.u(16)), fy+float64(b.cueY), colMuted, left)
			if left >= 0 {
				left -= utf8.RuneCountInString(ln.Cues)
				if left <= 0 {
					break
				}
			}
		}
	}
	if !s.ready() {
		// A quiet hint that the words can be skipped.
		hint := "Space or click to show all"
		ts.drawLine(dst, hint, fSmall, float64(card.Max.X)-ts.width(hint, fSmall)-float64(pad), float64(card.Max.Y+m.u(8)), colFaint)
		return
	}
	alpha := math.Min(1, float64(s.shown+1)/10)
	if s.parting {
		s.a.button(dst, at(lay.cont), "End the session", "Enter", btnPrimary, true, s.a.input.Mouse.In(at(lay.cont)))
		return
	}
	badge := m.u(36)
	opad := m.u(14)
	for i, r := range lay.options {
		r = at(r)
		focused, hovered := i == s.focus, i == s.hover
		fill, edge := colPanel, colBorder
		if hovered {
			fill = colHover
		}
		if focused {
			edge = colAccent
			a.pt.roundRect(dst, r.Inset(-m.u(3)), m.u(15), fade(colAccent, alpha))
		}
		a.pt.card(dst, r, m.u(12), max(1, m.u(1)), fade(fill, alpha), fade(edge, alpha))
		cx := float64(r.Min.X+opad) + float64(badge)/2
		cy := float64(r.Min.Y+opad) + float64(badge)/2
		bc := colAccentBG
		ink := colAccent
		if focused || hovered {
			bc, ink = colAccent, colOnAccent
		}
		a.pt.disc(dst, cx, cy, badge/2, fade(bc, alpha))
		ts.drawCentered(dst, strconv.Itoa(i+1), fBadge, cx, cy, fade(ink, alpha))
		p := lay.optParas[i]
		ty := float64(r.Min.Y + opad)
		if p.height < badge {
			ty += float64(badge-p.height) / 2
		}
		ts.drawPara(dst, p, fOption, float64(r.Min.X+opad+badge+opad+m.u(6)), ty, fade(colText, alpha), -1)
	}
}
