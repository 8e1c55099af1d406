package ui

import (
	"fmt"
	"image"
	"math"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/competence"
	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

// weekScreen is the week between two sessions: what became of the
// homework, in the client's words; anything that happened in the client's
// life; and, outside assessment mode, the OQ-45 before the next session
// against the expected recovery curve, with the not-on-track signal.
//
// The week comes in before it can be left: its cards fade in one after
// another, and only then does the button that ends it appear. Enter,
// Space or a click during the entrance shows everything at once; only a
// later press, once the button has been on screen for settleTime, goes
// on to the next session.
type weekScreen struct {
	a      *app
	c      *course
	rep    *weekReport
	scroll scroller
	button buttonRow // one button, always focused
	lay    layoutCache[weekLayoutKey, weekLayout]
	// since is the time since the week appeared, for its entrance.
	since time.Duration
	// areas are the run's competence profile so far, shown in practice
	// (nil in assessment mode, where it waits for the end).
	areas []profileArea
}

// The week's entrance: each card starts to fade in cardStagger after the
// one before and takes cardFade to do so.
const (
	cardStagger = 350 * time.Millisecond
	cardFade    = 400 * time.Millisecond
)

// cards is how many cards the week shows: the homework, each thing that
// happened in the client's life, and the questionnaire (its scores, or
// in assessment mode a note that they are kept for the end).
func (s *weekScreen) cards() int {
	n := 1 + len(s.rep.life)
	if len(s.skillLines()) > 0 {
		n++
	}
	if s.c.assess || s.rep.oq != nil {
		n++
	}
	return n
}

// entrance is how long the week takes to come in.
func (s *weekScreen) entrance() time.Duration {
	return time.Duration(s.cards()-1)*cardStagger + cardFade
}

// entered reports whether the week has come in, with its button.
func (s *weekScreen) entered() bool { return s.since >= s.entrance() }

// cardIn is how far card i (in the order of cards) has faded in, 0 to 1.
func (s *weekScreen) cardIn(i int) float64 {
	t := s.since - time.Duration(i)*cardStagger
	return math.Max(0, math.Min(1, float64(t)/float64(cardFade)))
}

// moving reports whether the week is still coming in.
func (s *weekScreen) moving() bool { return !s.entered() }

func newWeekScreen(a *app, c *course, rep *weekReport) *weekScreen {
	s := &weekScreen{a: a, c: c, rep: rep}
	if !c.assess {
		s.areas = profileAreas(c.profile())
	}
	s.button = buttonRow{buttons: []rowButton{{label: s.buttonLabel(), caption: "Enter", style: btnPrimary}}, hover: -1}
	return s
}

// buttonLabel is what the button that ends the week says.
func (s *weekScreen) buttonLabel() string {
	if s.rep.last {
		return "See the outcome"
	}
	return fmt.Sprintf("Start session %d", s.rep.session+1)
}

type weekLayoutKey struct {
	size image.Point
	m    metrics
}

// weekLayout places the week's cards in a column that scrolls above a
// bar holding the Continue button. Card rectangles are in content
// coordinates.
type weekLayout struct {
	view     image.Rectangle
	contentH int
	x        int
	titleY   int
	sub      *para
	subY     int

	hwCard  image.Rectangle
	hwHead  string
	hwHeadP *para
	hwQuote *para
	hwNone  *para
	hwFace  image.Rectangle

	lifeCards []image.Rectangle
	lifeParas []*para

	// The skills so far: their card and its lines.
	skCard  image.Rectangle
	skParas []*para
	skYs    []int

	mCard   image.Rectangle
	mChart  image.Rectangle
	mText   []*para
	mTextY  []int
	notCard image.Rectangle
	notPara *para
	hidden  *para

	button image.Rectangle
}

func (s *weekScreen) names() (first string, next int) {
	first = s.c.e.sc.Client.FirstName()
	return first, s.rep.session + 1
}

func (s *weekScreen) layout() *weekLayout {
	return s.lay.get(weekLayoutKey{s.a.size, s.a.m}, s.computeLayout)
}

func (s *weekScreen) computeLayout() weekLayout {
	a, m, ts := s.a, s.a.m, s.a.ts
	rep := s.rep
	first, next := s.names()
	W, H := a.size.X, a.size.Y
	var l weekLayout
	M := m.u(32)
	bh := a.buttonHeight()
	bw := max(m.u(240), a.buttonWidth(s.button.buttons[0].label, "Enter"))
	cw := min(W-2*M, m.u(1040))
	l.x = (W - cw) / 2
	l.button = image.Rect(l.x+cw-bw, H-M-bh, l.x+cw, H-M)
	l.view = image.Rect(l.x, 0, l.x+cw+m.u(14), l.button.Min.Y-m.u(16))
	y := M
	l.titleY = y
	y += int(ts.lineH(fTitle))
	sub := fmt.Sprintf("Between session %d and session %d.", rep.session, next)
	if rep.last {
		sub = fmt.Sprintf("The course is over. A week after the last session, %s fills in the OQ-45 one last time.", first)
	}
	l.sub = ts.wrap(sub, fSmall, cw)
	l.subY = y
	y += l.sub.height + m.u(22)

	// Two columns when there is room: what happened on the left, the
	// questionnaire on the right; otherwise one column.
	gap := m.u(20)
	lx, lw, rx, rw := 0, cw, 0, cw
	two := cw >= m.u(940)
	if two {
		lw = (cw - gap) * 53 / 100
		rx, rw = lw+gap, cw-lw-gap
	}
	top := y
	y = s.layoutStory(&l, y, lx, lw)
	if two {
		y = max(y, s.layoutMeasures(&l, top, rx, rw))
	} else {
		y = s.layoutMeasures(&l, y, 0, cw)
	}
	l.contentH = y
	return l
}

// layoutStory places the homework and life-event cards in a column at x
// of width w from y, and returns the y below them.
func (s *weekScreen) layoutStory(l *weekLayout, y, x, w int) int {
	m, ts := s.a.m, s.a.ts
	rep := s.rep
	pad := m.u(24)
	inner := w - 2*pad
	headH := int(ts.lineH(fLabel)) + m.u(6)
	if h := rep.homework; h != nil {
		l.hwHead = fmt.Sprintf("The %s: %s", debrief.TaskName(h.Attrs.Kind), h.Completion.Words())
		face := min(m.u(120), inner/4)
		face -= face % portraitStep
		l.hwQuote = ts.wrap("“"+rep.words+"”", fQuote, inner-face-m.u(24))
		l.hwHeadP = ts.wrap(l.hwHead, fStrong, inner-face-m.u(24)-m.u(30))
		body := headH + l.hwHeadP.height + m.u(10) + l.hwQuote.height
		ch := max(face, body) + 2*pad
		l.hwCard = image.Rect(x, y, x+w, y+ch)
		l.hwFace = image.Rect(x+pad, y+pad, x+pad+face, y+pad+face)
	} else {
		l.hwNone = ts.wrap(fmt.Sprintf("No homework was set in session %d.", rep.session), fOption, inner)
		l.hwCard = image.Rect(x, y, x+w, y+2*pad+headH+l.hwNone.height)
	}
	y = l.hwCard.Max.Y + m.u(18)
	for _, e := range rep.life {
		p := ts.wrap(e.Text, fOption, inner)
		r := image.Rect(x, y, x+w, y+2*pad+headH+p.height)
		l.lifeCards = append(l.lifeCards, r)
		l.lifeParas = append(l.lifeParas, p)
		y = r.Max.Y + m.u(18)
	}
	if lines := s.skillLines(); len(lines) > 0 {
		ty := headH
		for _, t := range lines {
			p := ts.wrap(t.s, t.role, inner)
			l.skParas = append(l.skParas, p)
			l.skYs = append(l.skYs, ty)
			ty += p.height + m.u(8)
		}
		l.skCard = image.Rect(x, y, x+w, y+ty-m.u(8)+2*pad)
		y = l.skCard.Max.Y + m.u(18)
	}
	return y
}

// skillLines are what the week says of the competence profile so far, in
// practice: each area's mean, and the skill most to work on; none in
// assessment mode, or before any skill has had an opportunity.
func (s *weekScreen) skillLines() []textLine {
	var out []textLine
	var low *competence.Score
	for _, v := range s.areas {
		if v.scored == 0 {
			continue
		}
		out = append(out, textLine{v.name + ": " + areaSummary(&v), fOption})
		if sk := v.skills[0]; low == nil || sk.Value() < low.Value() {
			low = sk
		}
	}
	if low == nil {
		return nil
	}
	if low.Value() < 1 {
		out = append(out, textLine{"Most to work on so far: " + low.Skill.Name + " (" + debrief.OpportunityWords(low) + ").", fSmall})
	}
	out = append(out, textLine{"The end of the course shows every skill.", fSmall})
	return out
}

// profileWords is what the week says of the profile so far ("" when
// nothing), for the tests.
func (s *weekScreen) profileWords() string {
	var b strings.Builder
	for _, t := range s.skillLines() {
		b.WriteString(t.s + "\n")
	}
	return b.String()
}

// layoutMeasures places the questionnaire card at x of width w from y, and
// returns the y below it.
func (s *weekScreen) layoutMeasures(l *weekLayout, y, x, w int) int {
	a, m, ts := s.a, s.a.m, s.a.ts
	rep := s.rep
	first, _ := s.names()
	pad := m.u(24)
	inner := w - 2*pad
	headH := int(ts.lineH(fLabel)) + m.u(6)
	if s.c.assess {
		msg := fmt.Sprintf("%s filled in the OQ-45 questionnaire. In assessment mode you see the scores at the end of the course: read how %s is doing from the sessions themselves.", first, first)
		l.hidden = ts.wrap(msg, fOption, inner)
		l.mCard = image.Rect(x, y, x+w, y+2*pad+headH+l.hidden.height)
		return l.mCard.Max.Y + m.u(18)
	}
	if rep.oq == nil {
		return y
	}
	ty := headH
	for _, t := range s.measureLines() {
		p := ts.wrap(t.s, t.role, inner)
		l.mText = append(l.mText, p)
		l.mTextY = append(l.mTextY, ty)
		ty += p.height + m.u(8)
	}
	if rep.oq.NotOnTrack {
		isz := m.u(26)
		l.notPara = ts.wrap(notOnTrackText(first, rep.last), fSmall, inner-2*m.u(14)-isz-m.u(14))
		ty += m.u(6)
		l.notCard = image.Rect(x+pad, y+pad+ty, x+pad+inner, y+pad+ty+l.notPara.height+2*m.u(14))
		ty += l.notCard.Dy() + m.u(8)
	}
	ty += m.u(10)
	chartH := max(m.u(220), int(a.ts.lineH(fSmall))*8)
	l.mChart = image.Rect(x+pad, y+pad+ty, x+pad+inner, y+pad+ty+chartH)
	ty += chartH
	l.mCard = image.Rect(x, y, x+w, y+ty+2*pad)
	return l.mCard.Max.Y + m.u(18)
}

type textLine struct {
	s    string
	role fontRole
}

func (s *weekScreen) measureLines() []textLine {
	rep := s.rep
	first, next := s.names()
	oq := rep.oq
	var out []textLine
	when := fmt.Sprintf("before session %d", next)
	if rep.last {
		when = "after the course"
	}
	out = append(out, textLine{fmt.Sprintf("OQ-45 %s: %d", when, oq.Score), fHeading})
	var parts []string
	if prev, ok := rep.previousOQ(); ok {
		d := oq.Score - prev.Score
		parts = append(parts, fmt.Sprintf("Last time %d (%s).", prev.Score, signed(d)))
	}
	parts = append(parts, fmt.Sprintf("Expected on the recovery curve: %d.", int(math.Round(oq.Expected))))
	if float64(oq.Score) < sim.CutOff {
		parts = append(parts, "Below the clinical cut-off of 64.")
	} else {
		parts = append(parts, "Still in the clinical range (64 and above).")
	}
	out = append(out, textLine{strings.Join(parts, " "), fOption})
	out = append(out, textLine{"Lower is better: 0–180.", fSmall})
	if w := rep.wai; w != nil {
		out = append(out, textLine{fmt.Sprintf("At the end of session %d %s rated the alliance %.1f of 5 (WAI-SR: goal %.1f, task %.1f, bond %.1f).",
			rep.session, first, w.Total, w.Goal, w.Task, w.Bond), fSmall})
	}
	return out
}

func signed(d int) string {
	switch {
	case d > 0:
		return fmt.Sprintf("up %d", d)
	case d < 0:
		return fmt.Sprintf("down %d", -d)
	}
	return "no change"
}

// notOnTrackText explains a score that is not on track: before a session,
// a warning to take into it; after the last session, when no session
// follows, what it says about how the course ended.
func notOnTrackText(first string, last bool) string {
	if last {
		return "Not on track: the score after the course lags the expected recovery curve. " + first + " ended the course having improved less than clients who respond to therapy usually do – a reason to review the course and to consider further or different help."
	}
	return "Not on track: the score lags the expected recovery curve. Clients who are not on track are more likely to drop out or get worse – a reason to talk with " + first + " about how therapy is going."
}

// Update reads the frame's input: during the entrance, Enter, Space or a
// click finishes it; after, the button goes on to the next session.
func (s *weekScreen) Update(in input) {
	a := s.a
	l := s.layout()
	s.scroll.update(&in, l.view, l.contentH, a.ts.lineH(fOption), true)
	if in.Pressed(ebiten.KeyEscape) {
		a.openMenu()
		return
	}
	if !s.entered() {
		s.button.hide()
		if in.confirm() || in.Pressed(ebiten.KeySpace) || in.Click {
			s.since = s.entrance()
		} else {
			s.since += in.DT
		}
		return
	}
	s.button.place(l.button)
	if s.button.update(&in) >= 0 {
		a.nextSession(s.rep)
	}
}

// Draw draws the week.
func (s *weekScreen) Draw(dst *ebiten.Image) {
	a, m, ts := s.a, s.a.m, s.a.ts
	l := s.layout()
	rep := s.rep
	first, _ := s.names()
	view := clip(dst, l.view)
	ox, oy := l.x, -int(s.scroll.off)
	at := func(r image.Rectangle) image.Rectangle { return r.Add(image.Pt(ox, oy)) }
	fx, fy := float64(ox), float64(oy)
	title := fmt.Sprintf("The week after session %d", rep.session)
	if rep.last {
		title = "After the last session"
	}
	ts.drawLine(view, title, fTitle, fx, fy+float64(l.titleY), colText)
	ts.drawPara(view, l.sub, fSmall, fx, fy+float64(l.subY), colMuted, -1)
	pad := m.u(24)
	headH := int(ts.lineH(fLabel)) + m.u(6)

	card := at(l.hwCard)
	a.pt.card(view, card, m.u(16), max(1, m.u(1)), colPanel, colBorder)
	if h := rep.homework; h != nil {
		face := at(l.hwFace)
		a.pt.roundRect(view, face, m.u(12), colPanelAlt)
		sc := s.c.e.sc
		img := a.pics.get(lookFor(&sc.Client), sc.Client.Name, homeworkFace(h.Completion), face.Dx())
		op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
		op.GeoM.Translate(float64(face.Min.X+(face.Dx()-img.Bounds().Dx())/2), float64(face.Max.Y-img.Bounds().Dy()))
		clip(view, face).DrawImage(img, op)
		a.pt.roundCorners(view, face, m.u(12), colPanel)
		tx := float64(face.Max.X + m.u(24))
		ts.drawLine(view, "HOMEWORK", fLabel, tx, float64(card.Min.Y+pad), colAccent)
		sh := debrief.HomeworkStyle(h.Completion).Glyph
		hy := float64(card.Min.Y + pad + headH)
		isz := m.u(20)
		a.pt.icon(view, sh, tx+float64(isz)/2, hy+ts.boxH(fStrong)/2, isz, colText)
		ts.drawPara(view, l.hwHeadP, fStrong, tx+float64(isz+m.u(10)), hy, colText, -1)
		ts.drawPara(view, l.hwQuote, fQuote, tx, hy+float64(l.hwHeadP.height+m.u(10)), colText, -1)
	} else {
		ts.drawLine(view, "HOMEWORK", fLabel, float64(card.Min.X+pad), float64(card.Min.Y+pad), colAccent)
		ts.drawPara(view, l.hwNone, fOption, float64(card.Min.X+pad), float64(card.Min.Y+pad+headH), colMuted, -1)
	}

	for i, r := range l.lifeCards {
		r = at(r)
		a.pt.card(view, r, m.u(16), max(1, m.u(1)), colPanel, colBorder)
		ts.drawLine(view, "IN "+upper(first, s.c.e.sc.Language)+"’S LIFE", fLabel, float64(r.Min.X+pad), float64(r.Min.Y+pad), colAccent)
		ts.drawPara(view, l.lifeParas[i], fOption, float64(r.Min.X+pad), float64(r.Min.Y+pad+headH), colText, -1)
	}

	if !l.skCard.Empty() {
		r := at(l.skCard)
		a.pt.card(view, r, m.u(16), max(1, m.u(1)), colPanel, colBorder)
		ts.drawLine(view, "YOUR SKILLS SO FAR", fLabel, float64(r.Min.X+pad), float64(r.Min.Y+pad), colAccent)
		lines := s.skillLines()
		for i, p := range l.skParas {
			c := colText
			if lines[i].role == fSmall {
				c = colMuted
			}
			ts.drawPara(view, p, lines[i].role, float64(r.Min.X+pad), float64(r.Min.Y+pad+l.skYs[i]), c, -1)
		}
	}

	if !l.mCard.Empty() {
		r := at(l.mCard)
		a.pt.card(view, r, m.u(16), max(1, m.u(1)), colPanel, colBorder)
		ts.drawLine(view, "THE QUESTIONNAIRE", fLabel, float64(r.Min.X+pad), float64(r.Min.Y+pad), colAccent)
		if l.hidden != nil {
			ts.drawPara(view, l.hidden, fOption, float64(r.Min.X+pad), float64(r.Min.Y+pad+headH), colMuted, -1)
		} else {
			lines := s.measureLines()
			for i, p := range l.mText {
				c := colText
				if lines[i].role == fSmall {
					c = colMuted
				}
				ts.drawPara(view, p, lines[i].role, float64(r.Min.X+pad), float64(r.Min.Y+pad+l.mTextY[i]), c, -1)
			}
			if l.notPara != nil {
				nr := at(l.notCard)
				a.pt.roundRect(view, nr, m.u(10), colWarnBG)
				isz := m.u(26)
				a.pt.warning(view, float64(nr.Min.X+m.u(14)+isz/2), float64(nr.Min.Y+m.u(14))+ts.boxH(fSmall)/2+float64(m.u(2)), isz, colWarn, colWarnBG)
				ts.drawPara(view, l.notPara, fSmall, float64(nr.Min.X+m.u(14)+isz+m.u(14)), float64(nr.Min.Y+m.u(14)), colWarn, -1)
			}
			a.drawChart(view, at(l.mChart), oqChart(s.c.e.sc, rep.oqs, len(rep.oqs)))
		}
	}
	// The entrance: a card not yet in is veiled in the background colour.
	cards := append([]image.Rectangle{l.hwCard}, l.lifeCards...)
	if !l.skCard.Empty() {
		cards = append(cards, l.skCard)
	}
	if !l.mCard.Empty() {
		cards = append(cards, l.mCard)
	}
	for i, r := range cards {
		if in := s.cardIn(i); in < 1 {
			fillRect(view, at(r).Inset(-m.u(8)), fade(colBG, 1-in))
		}
	}
	a.fadeEdges(dst, l.view, &s.scroll, colBG)
	a.drawScrollbar(dst, image.Rect(l.view.Max.X-m.u(8), l.view.Min.Y+m.u(16), l.view.Max.X, l.view.Max.Y), &s.scroll, l.contentH)
	if s.entered() {
		s.button.place(l.button)
		s.button.draw(a, dst)
	}
	// In class, how far the run has been sent, beside the button.
	a.drawClassStatus(dst, float64(l.x), float64(l.button.Min.Y+l.button.Max.Y)/2-ts.boxH(fSmall)/2, float64(l.button.Min.X-l.x-m.u(24)))
}
