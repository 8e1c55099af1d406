package ui

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

// endScreen is the end of the course: the outcome by OQ-45 reliable change
// and cut-off, the alliance and OQ-45 across the sessions, and where the
// recording was saved.
type endScreen struct {
	a       *app
	c       *course
	res     sim.Result
	st      sim.State
	scroll  scroller
	buttons buttonRow // laid out from the right: Left moves the focus on
	lay     layoutCache[weekLayoutKey, endLayout]
	// areas are the run's competence profile, area by area (nil when the
	// rubric has no skill).
	areas []profileArea
}

func newEndScreen(a *app, c *course) *endScreen {
	s := &endScreen{a: a, c: c, res: c.run.Result(), st: c.run.State(), areas: profileAreas(c.profile())}
	s.buttons = buttonRow{
		buttons: []rowButton{
			{label: "Back to the scenarios", caption: "Enter", captionOnFocus: true, style: btnPrimary},
			{label: "Play again", style: btnSecondary},
			{label: "Debrief this run", style: btnSecondary},
		},
		next: []ebiten.Key{ebiten.KeyArrowLeft}, prev: []ebiten.Key{ebiten.KeyArrowRight}, hover: -1,
	}
	if a.canDownload() {
		s.buttons.buttons = append(s.buttons.buttons, rowButton{label: "Download my recording", style: btnSecondary})
	}
	if c.w != nil {
		_ = c.w.Close()
		c.w = nil
	}
	return s
}

type endLayout struct {
	view     image.Rectangle
	contentH int
	x, w     int
	labelY   int
	title    *para
	titleY   int
	outcomeY int
	icon     image.Rectangle
	explain  *para
	explainY int
	assess   *para
	assessY  int
	charts   [2]image.Rectangle
	stats    []string
	statsY   int
	statRows []int
	saved    *para
	savedY   int
	// The competence profile: its heading, what it is, and its card with
	// the profile in it.
	profHeadY int
	profAbout *para
	profCard  image.Rectangle
	profile   profileLayout
	buttons   []image.Rectangle
	chartTops [2]int
}

// profileHeading heads a run's competence profile.
const profileHeading = "YOUR COMPETENCE PROFILE"

// profileAbout says what the competence profile is.
const profileAbout = "How well you did each skill of the course's rubric at its opportunities, the moments where it was possible: the skills most to work on come first. Your debrief links each score to the choices behind it."

// outcomeStyle is how an outcome is marked: a glyph and a colour.
func outcomeStyle(outcome sim.Outcome) (debrief.Glyph, color.RGBA, color.RGBA) {
	switch outcome {
	case sim.Recovered:
		return debrief.GlyphCheck, colGood, colGoodBG
	case sim.Improved:
		return debrief.GlyphUp, colGood, colGoodBG
	case sim.Deteriorated:
		return debrief.GlyphDown, colWarn, colWarnBG
	}
	return debrief.GlyphRing, colMuted, colPanelAlt
}

func (s *endScreen) explain() string {
	r := s.res
	first := s.c.e.sc.Client.FirstName()
	d := int(r.Intake - r.Final)
	var what string
	switch r.Outcome {
	case "recovered":
		what = "a reliable improvement (14 points or more) that ends below the clinical cut-off of 64"
	case "improved":
		what = "a reliable improvement (14 points or more), though still in the clinical range"
	case "deteriorated":
		what = "a reliable worsening (14 points or more)"
	default:
		what = "less than the 14 points that make a reliable change"
	}
	change := plural(d, "point", "points") + " down"
	if d < 0 {
		change = plural(-d, "point", "points") + " up"
	} else if d == 0 {
		change = "no change"
	}
	if r.Dropped {
		return fmt.Sprintf("%s stopped coming after session %d. The OQ-45 went from %d at intake to %d at the last session attended (%s): %s.",
			first, r.Attended, int(r.Intake), int(r.Final), change, what)
	}
	return fmt.Sprintf("%s's OQ-45 went from %d at intake to %d after the course (%s): %s.", first, int(r.Intake), int(r.Final), change, what)
}

func (s *endScreen) statLines() []string {
	r := s.res
	n := len(s.c.e.sc.Sessions)
	out := []string{fmt.Sprintf("Sessions attended: %d of %d", r.Attended, n)}
	switch {
	case r.HomeworkSet == 0:
		out = append(out, "Homework: none set")
	default:
		out = append(out, fmt.Sprintf("Homework: %d set, %d done fully, %d partly", r.HomeworkSet, r.HomeworkFull, r.HomeworkPartial))
	}
	out = append(out, fmt.Sprintf("Ruptures: %d opened, %d repaired", r.RupturesOpened, r.RupturesRepaired))
	if n := s.st.RepairsFailed; n > 0 {
		out = append(out, fmt.Sprintf("Repairs that did not take: %d", n))
	}
	return out
}

func (s *endScreen) layout() *endLayout {
	return s.lay.get(weekLayoutKey{s.a.size, s.a.m}, s.computeLayout)
}

func (s *endScreen) computeLayout() endLayout {
	a, m, ts := s.a, s.a.m, s.a.ts
	W, H := a.size.X, a.size.Y
	var l endLayout
	M := m.u(32)
	l.w = min(W-2*M, m.u(1120))
	l.x = (W - l.w) / 2
	bh := a.buttonHeight()
	bs := s.buttons.buttons
	right := l.x + l.w
	if len(bs) == 4 {
		// The download's label shortens in a narrow window.
		bs[3].label = "Download my recording"
		need := max(m.u(240), a.buttonWidth(bs[0].label, "Enter")) + 3*m.u(14)
		for _, b := range bs[1:] {
			need += max(m.u(180), a.buttonWidth(b.label, ""))
		}
		if need > l.w {
			bs[3].label = "Download"
		}
	}
	for i, b := range bs {
		bw := max(m.u(180), a.buttonWidth(b.label, ""))
		if i == 0 {
			bw = max(m.u(240), a.buttonWidth(b.label, "Enter"))
		}
		if i == 3 && len(bs) == 4 {
			// The download goes at the left, apart from the way on.
			l.buttons = append(l.buttons, image.Rect(l.x, H-M-bh, min(l.x+bw, right-m.u(14)), H-M))
			continue
		}
		l.buttons = append(l.buttons, image.Rect(right-bw, H-M-bh, right, H-M))
		right -= bw + m.u(14)
	}
	l.view = image.Rect(l.x, 0, l.x+l.w+m.u(14), l.buttons[0].Min.Y-m.u(16))

	y := M
	l.labelY = y
	y += int(ts.lineH(fLabel)) + m.u(2)
	l.title = ts.wrap(s.c.e.sc.Title, fHeading, l.w)
	l.titleY = y
	y += l.title.height + m.u(20)
	iconS := int(ts.lineH(fHuge))
	l.icon = image.Rect(0, y, iconS, y+iconS)
	l.outcomeY = y
	y += iconS + m.u(6)
	l.explain = ts.wrap(s.explain(), fOption, l.w)
	l.explainY = y
	y += l.explain.height + m.u(14)
	if s.c.assess {
		l.assess = ts.wrap("You played in assessment mode; these are the numbers the meters would have shown.", fSmall, l.w)
		l.assessY = y
		y += l.assess.height + m.u(10)
	}
	y += m.u(10)
	// The two charts, side by side when there is room.
	gap := m.u(20)
	ch := max(m.u(250), min(m.u(320), (H-y-M-bh)/2))
	headH := int(ts.lineH(fLabel)) + m.u(8)
	if l.w >= m.u(860) {
		cw := (l.w - gap) / 2
		l.charts[0] = image.Rect(0, y, cw, y+ch+headH)
		l.charts[1] = image.Rect(cw+gap, y, l.w, y+ch+headH)
		y += ch + headH + gap
	} else {
		l.charts[0] = image.Rect(0, y, l.w, y+ch+headH)
		y += ch + headH + gap
		l.charts[1] = image.Rect(0, y, l.w, y+ch+headH)
		y += ch + headH + gap
	}
	// The numbers.
	l.stats = s.statLines()
	l.statsY = y
	x := 0
	row := 0
	for _, st := range l.stats {
		w := a.chipWidth(st, false)
		if x > 0 && x+w > l.w {
			x = 0
			row++
		}
		l.statRows = append(l.statRows, row)
		x += w + m.u(10)
	}
	y += (row+1)*(a.chipHeight()+m.u(10)) + m.u(8)
	if len(s.areas) > 0 {
		y += m.u(12)
		l.profHeadY = y
		y += int(ts.lineH(fLabel)) + m.u(4)
		l.profAbout = ts.wrap(profileAbout, fSmall, l.w)
		y += l.profAbout.height + m.u(12)
		pad := m.u(22)
		l.profile = layoutProfile(a, s.areas, l.w-2*pad, false)
		l.profCard = image.Rect(0, y, l.w, y+l.profile.h+2*pad-m.u(14))
		y = l.profCard.Max.Y + m.u(20)
	}
	var saved string
	switch {
	case s.c.recErr != nil && s.c.name == "":
		saved = "This run was not recorded: " + s.c.recErr.Error()
	case s.c.recErr != nil:
		saved = "The recording is incomplete (" + s.c.recErr.Error() + "): " + a.store.Where(s.c.name)
	default:
		saved = "Your run was saved to " + a.store.Where(s.c.name)
	}
	l.saved = ts.wrap(saved, fSmall, l.w)
	l.savedY = y
	y += l.saved.height + m.u(16)
	l.contentH = y
	return l
}

// Update reads the frame's input.
func (s *endScreen) Update(in input) {
	a := s.a
	l := s.layout()
	s.scroll.update(&in, l.view, l.contentH, a.ts.lineH(fOption), true)
	s.buttons.place(l.buttons[:]...)
	switch i := s.buttons.update(&in); {
	case in.Pressed(ebiten.KeyEscape):
		a.openMenu()
	case i >= 0:
		s.do(i)
	}
}

// moving reports that the screen is still: it has no animation.
func (s *endScreen) moving() bool { return false }

func (s *endScreen) do(i int) {
	switch i {
	case 0:
		s.a.toPicker()
	case 1:
		s.a.restart()
	case 2:
		s.a.debriefCourse(s.c, s)
	case 3:
		s.a.downloadCourse(s.c)
	}
}

// Draw draws the summary.
func (s *endScreen) Draw(dst *ebiten.Image) {
	a, m, ts := s.a, s.a.m, s.a.ts
	l := s.layout()
	view := clip(dst, l.view)
	ox, oy := l.x, -int(s.scroll.off)
	at := func(r image.Rectangle) image.Rectangle { return r.Add(image.Pt(ox, oy)) }
	fx, fy := float64(ox), float64(oy)
	ts.drawLine(view, "END OF THE COURSE", fLabel, fx, fy+float64(l.labelY), colAccent)
	// In class, whether the last choices have reached the instructor, in
	// sight at once (the line at the foot may be scrolled out of it).
	lw := ts.width("END OF THE COURSE", fLabel) + float64(m.u(20))
	a.drawClassStatus(view, fx+lw, fy+float64(l.labelY)+(ts.boxH(fLabel)-ts.boxH(fSmall))/2, float64(l.w)-lw)
	ts.drawPara(view, l.title, fHeading, fx, fy+float64(l.titleY), colText, -1)

	sh, ink, bg := outcomeStyle(s.res.Outcome)
	ic := at(l.icon)
	a.pt.disc(view, float64(ic.Min.X+ic.Max.X)/2, float64(ic.Min.Y+ic.Max.Y)/2, ic.Dx()/2, bg)
	a.pt.icon(view, sh, float64(ic.Min.X+ic.Max.X)/2, float64(ic.Min.Y+ic.Max.Y)/2, ic.Dx()*11/20, ink)
	out := string(s.res.Outcome)
	word := strings.ToUpper(out[:1]) + out[1:]
	if s.res.Dropped {
		word = "Dropped out · " + out
	}
	ts.drawLine(view, word, fHuge, float64(ic.Max.X+m.u(18)), float64(ic.Min.Y)+(float64(ic.Dy())-ts.boxH(fHuge))/2, colText)
	ts.drawPara(view, l.explain, fOption, fx, fy+float64(l.explainY), colText, -1)
	if l.assess != nil {
		ts.drawPara(view, l.assess, fSmall, fx, fy+float64(l.assessY), colMuted, -1)
	}
	heads := [2]string{"OQ-45 ACROSS THE COURSE", "ALLIANCE (WAI-SR, 1–5) AFTER EACH SESSION"}
	charts := [2]*chart{oqChart(s.c.e.sc, s.st.OQ, len(s.c.e.sc.Sessions)+1), allianceChart(s.c.e.sc, s.st.WAI)}
	pad := m.u(18)
	for i, r := range l.charts {
		r = at(r)
		a.pt.card(view, r, m.u(16), max(1, m.u(1)), colPanel, colBorder)
		ts.drawLine(view, a.ellipsize(heads[i], fLabel, float64(r.Dx()-2*pad)), fLabel, float64(r.Min.X+pad), float64(r.Min.Y+pad), colAccent)
		inner := image.Rect(r.Min.X+pad, r.Min.Y+pad+int(ts.lineH(fLabel))+m.u(8), r.Max.X-pad, r.Max.Y-pad)
		a.drawChart(view, inner, charts[i])
	}
	x := 0
	for i, st := range l.stats {
		if i > 0 && l.statRows[i] != l.statRows[i-1] {
			x = 0
		}
		y := l.statsY + l.statRows[i]*(a.chipHeight()+m.u(10))
		x += a.chip(view, ox+x, oy+y, st, 0, false, colText, colPanelAlt) + m.u(10)
	}
	if len(s.areas) > 0 {
		ts.drawLine(view, profileHeading, fLabel, fx, fy+float64(l.profHeadY), colAccent)
		ts.drawPara(view, l.profAbout, fSmall, fx, fy+float64(l.profHeadY)+ts.lineH(fLabel)+float64(m.u(4)), colMuted, -1)
		card := at(l.profCard)
		a.pt.card(view, card, m.u(16), max(1, m.u(1)), colPanel, colBorder)
		pad := m.u(22)
		a.drawProfile(view, &l.profile, card.Min.Add(image.Pt(pad, pad)), -1, -1, 0)
	}
	ts.drawPara(view, l.saved, fSmall, fx, fy+float64(l.savedY), colMuted, -1)
	a.fadeEdges(dst, l.view, &s.scroll, colBG)
	a.drawScrollbar(dst, image.Rect(l.view.Max.X-m.u(8), l.view.Min.Y+m.u(16), l.view.Max.X, l.view.Max.Y), &s.scroll, l.contentH)
	s.buttons.place(l.buttons[:]...)
	s.buttons.draw(a, dst)
}
