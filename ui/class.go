package ui

import (
	"fmt"
	"image"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/debrief"
)

// classScreen is the class view of several runs of one scenario: for every
// point where trainees chose, how many took each option and what became of
// their clients, so that a class sees where their paths parted. Runs of
// several scenarios make one class view for each, shown one after another
// (Tab), each named by its scenario's title.
type classScreen struct {
	a       *app
	classes []*debrief.Class // one for each scenario, by title
	at      int              // the class view shown
	cl      *debrief.Class   // classes[at]
	// left says why each recording left out was refused.
	left  []string
	back  func()
	forks bool // show only the points where the runs parted
	// profile shows the class's competence profile (each skill's scores
	// across the runs) instead of the choice points.
	profile bool
	sel     int // the selected point (index into the shown ones)
	scroll  scroller
	// buttons are Scenarios (Esc), the filter (F) and, with several
	// scenarios, Next scenario (Tab); on the instructor's page, Runs (R)
	// instead of Scenarios, and the class's table (D). They take no focus,
	// as the arrow keys move through the choice points. acts says what
	// each does, in the order they are placed from the right.
	buttons buttonRow
	acts    []classAct
	lay     layoutCache[classLayoutKey, classLayout]

	// live is the instructor's page the class comes from, which swaps in
	// the class as it grows (replace); nil for recordings on a desktop.
	live *instructor
	// gen counts the changes of what is shown other than by the keys: a
	// new state of the class, a new status line.
	gen int
}

// classAct is what a button of the class view does.
type classAct int

// The class view's buttons.
const (
	cbBack classAct = iota
	cbFilter
	cbNext
	cbRuns
	cbDownload
	cbProfile
	cbSummary
)

// The labels of the button that switches between the choice points and
// the class's competence profile.
const (
	classProfileLabel = "Competence profile"
	classPointsLabel  = "Choice points"
)

// newClassScreen shows the class views classes (at least one), the first
// first; left says why each recording left out was refused.
func newClassScreen(a *app, classes []*debrief.Class, left []string, back func()) *classScreen {
	s := &classScreen{a: a, classes: classes, cl: classes[0], left: left, back: back}
	s.setButtons()
	return s
}

// newLiveClassScreen shows the class of the instructor's page.
func newLiveClassScreen(ins *instructor, snap *classSnapshot) *classScreen {
	s := &classScreen{a: ins.a, classes: snap.classes, cl: snap.classes[0], left: snap.left, live: ins}
	s.setButtons()
	return s
}

// classTableLabel is the label of the button that downloads the class's
// table, and a shorter one for a narrow window.
const (
	classTableLabel      = "Download the class's table (CSV)"
	classTableLabelShort = "Class table (CSV)"
	// Over the class's competence profile, the button downloads the
	// class's profiles instead, a row a run.
	classProfilesLabel      = "Download the class's profiles (CSV)"
	classProfilesLabelShort = "Profiles (CSV)"
	// The supervisor's summary of the whole class, one page (HTML).
	classSummaryLabel      = "Supervisor's summary (HTML)"
	classSummaryLabelShort = "Summary"
)

// setButtons makes the buttons for what the view shows.
func (s *classScreen) setButtons() {
	s.acts = []classAct{cbBack, cbProfile}
	if s.live != nil {
		s.acts[0] = cbRuns
	}
	if !s.profile {
		s.acts = append(s.acts, cbFilter)
	}
	if len(s.classes) > 1 {
		s.acts = append(s.acts, cbNext)
	}
	if s.live != nil {
		s.acts = append(s.acts, cbDownload)
		if s.profile {
			s.acts = append(s.acts, cbSummary)
		}
	}
	var bs []rowButton
	for _, act := range s.acts {
		switch act {
		case cbBack:
			bs = append(bs, rowButton{label: "Scenarios", caption: "Esc", style: btnSecondary, keys: []ebiten.Key{ebiten.KeyEscape}})
		case cbRuns:
			bs = append(bs, rowButton{label: "Each run", caption: "R", style: btnPrimary, letter: 'r'})
		case cbFilter:
			bs = append(bs, rowButton{label: s.filterLabel(), caption: "F", style: btnSecondary, letter: 'f'})
		case cbProfile:
			label := classProfileLabel
			if s.profile {
				label = classPointsLabel
			}
			bs = append(bs, rowButton{label: label, caption: "P", style: btnSecondary, letter: 'p'})
		case cbNext:
			bs = append(bs, rowButton{label: "Next scenario", caption: "Tab", style: btnPrimary, keys: []ebiten.Key{ebiten.KeyTab}})
		case cbDownload:
			bs = append(bs, rowButton{label: s.buttonLabel(cbDownload, false), caption: "D", style: btnSecondary, letter: 'd'})
		case cbSummary:
			bs = append(bs, rowButton{label: classSummaryLabel, caption: "S", style: btnSecondary, letter: 's'})
		}
	}
	// A row already in sight stays settled: a press of P takes at once.
	s.buttons = buttonRow{buttons: bs, focus: -1, hover: -1, shown: s.buttons.shown}
}

// replace shows a new state of the class (at least one class view)
// without losing the instructor's place: the same scenario, the same
// choice point selected, at the same height on screen.
func (s *classScreen) replace(classes []*debrief.Class, left []string) {
	id, hash := s.cl.Scenario.ID, s.cl.Scenario.Hash
	l := s.layout()
	type place struct {
		session int
		beat    string
	}
	var at place
	var onScreen float64
	held := s.sel < len(l.cards)
	if held {
		c := l.cards[s.sel]
		at, onScreen = place{c.p.Session, c.p.Beat}, float64(c.r.Min.Y)-s.scroll.off
	}
	several := len(s.classes) > 1
	s.classes, s.left = classes, left
	s.at = 0
	found := false
	for i, c := range classes {
		if c.Scenario.ID == id && c.Scenario.Hash == hash {
			s.at, found = i, true
		}
	}
	s.cl = classes[s.at]
	s.gen++
	if several != (len(classes) > 1) {
		s.setButtons()
	}
	if !found {
		s.sel, s.scroll = 0, scroller{}
		return
	}
	nl := s.layout()
	s.sel = min(s.sel, max(0, len(nl.cards)-1))
	s.scroll.max = float64(max(0, nl.contentH-nl.view.Dy()))
	for i, c := range nl.cards {
		if held && c.p.Session == at.session && c.p.Beat == at.beat {
			s.sel = i
			s.scroll.off = float64(c.r.Min.Y) - onScreen
		}
	}
	s.scroll.clamp()
}

// moving: a class view still moves as any screen that does not say (for
// a while after input, and when the caret would blink); the instructor's
// moves while what came in waits to be shown.
func (s *classScreen) moving() bool {
	a := s.a
	return a.clock-a.lastEvent < afterglow || a.caretOn() != a.blinkDrawn || s.live != nil && s.live.pending()
}

// show shows the class view of the i-th scenario (modulo their number),
// from its first choice point.
func (s *classScreen) show(i int) {
	n := len(s.classes)
	s.at = ((i % n) + n) % n
	s.cl = s.classes[s.at]
	s.sel, s.scroll = 0, scroller{}
}

// heading is the label above the title: which class view is shown, when
// there are several.
func (s *classScreen) heading() string {
	what := "WHERE THE PATHS PARTED"
	if s.profile {
		what = "COMPETENCE PROFILE"
	}
	if len(s.classes) > 1 {
		return fmt.Sprintf("CLASS VIEW · SCENARIO %d OF %d · %s", s.at+1, len(s.classes), what)
	}
	return "CLASS VIEW · " + what
}

// leftOut says which recordings were left out and why, or "".
func (s *classScreen) leftOut() string {
	if len(s.left) == 0 {
		return ""
	}
	const most = 3
	why := strings.Join(s.left[:min(most, len(s.left))], "; ")
	if len(s.left) > most {
		why += fmt.Sprintf("; and %d more", len(s.left)-most)
	}
	return "Left out: " + plural(len(s.left), "recording that cannot be replayed", "recordings that cannot be replayed") + " – " + why
}

// buttonLabel is the label of the button that does act, or a shorter one
// for a window too narrow for the long ones.
func (s *classScreen) buttonLabel(act classAct, short bool) string {
	switch act {
	case cbBack:
		return "Scenarios"
	case cbRuns:
		return "Each run"
	case cbNext:
		if short {
			return "Next"
		}
		return "Next scenario"
	case cbDownload:
		switch {
		case s.profile && short:
			return classProfilesLabelShort
		case s.profile:
			return classProfilesLabel
		case short:
			return classTableLabelShort
		}
		return classTableLabel
	case cbSummary:
		if short {
			return classSummaryLabelShort
		}
		return classSummaryLabel
	case cbProfile:
		switch {
		case s.profile && short:
			return "Choices"
		case s.profile:
			return classPointsLabel
		case short:
			return "Profile"
		}
		return classProfileLabel
	}
	if short {
		if s.forks {
			return "Every choice"
		}
		return "Paths part"
	}
	return s.filterLabel()
}

// filterLabel is what the filter button offers.
func (s *classScreen) filterLabel() string {
	if s.forks {
		return "Show every choice"
	}
	return "Only where paths part"
}

// parted reports whether the runs took different options at a point.
func parted(p *debrief.ChoicePoint) bool {
	n := 0
	for _, o := range p.Options {
		if o.Trainees > 0 {
			n++
		}
	}
	return n > 1
}

// shownPoints are the points listed: all, or only where paths parted.
func (s *classScreen) shownPoints() []*debrief.ChoicePoint {
	var out []*debrief.ChoicePoint
	for i := range s.cl.Points {
		if p := &s.cl.Points[i]; !s.forks || parted(p) {
			out = append(out, p)
		}
	}
	return out
}

type classLayoutKey struct {
	size    image.Point
	m       metrics
	forks   bool
	profile bool
	at      int
	gen     int
}

type classRow struct {
	text, stats *para
	y, h        int
}

type classCard struct {
	p      *debrief.ChoicePoint
	r      image.Rectangle // content coordinates
	head   string
	line   *para
	lineY  int
	rows   []classRow
	parted bool
}

type classLayout struct {
	labelY, titleY int
	note           *para // the recordings left out, or nil
	noteY          int
	summary        string
	view           image.Rectangle
	contentH       int
	cards          []classCard
	filter, back   image.Rectangle
	next           image.Rectangle   // Next scenario, with several
	bar            []image.Rectangle // the buttons, in the order of acts
	barW           int
	// areas are the panels of the competence profile, when it is shown.
	areas []classArea
}

// allianceWords names the model's alliance of runs, all of them finished
// (at the end), none (so far: where each has got to, in a class still
// playing) or some.
func allianceWords(allDone, noneDone bool) string {
	switch {
	case allDone:
		return "the model's alliance at the end"
	case noneDone:
		return "the model's alliance so far"
	}
	return "the model's alliance at the end or so far"
}

// tallyWords is what became of the runs that took an option.
func tallyWords(o *debrief.OptionTally) string {
	if o.Trainees == 0 {
		return "nobody"
	}
	who := "1 trainee"
	if o.Trainees != 1 {
		who = strconv.Itoa(o.Trainees) + " trainees"
	}
	parts := []string{who, allianceWords(o.Going == 0, o.Going == o.Trainees) + fmt.Sprintf(" %.2f", o.Alliance)}
	if o.Dropped > 0 {
		parts = append(parts, fmt.Sprintf("%d dropped out", o.Dropped))
	}
	if w := debrief.OutcomeWords(o.Outcomes); w != "" {
		parts = append(parts, w)
	}
	if len(o.Then) > 0 {
		parts = append(parts, "then "+drawable(debrief.ThenWords(o.Then)))
	}
	return strings.Join(parts, " · ")
}

func (s *classScreen) layout() *classLayout {
	return s.lay.get(classLayoutKey{s.a.size, s.a.m, s.forks, s.profile, s.at, s.gen}, s.computeLayout)
}

func (s *classScreen) computeLayout() classLayout {
	a, m, ts := s.a, s.a.m, s.a.ts
	W, H := a.size.X, a.size.Y
	var l classLayout
	M := m.u(24)
	y := m.u(14)
	l.labelY = y
	y += int(ts.lineH(fLabel))
	l.titleY = y
	y += int(ts.lineH(fHeading)) + m.u(14)
	t := s.leftOut()
	if s.live != nil && s.live.status() != "" {
		t = strings.TrimSpace(s.live.status() + " " + t)
	}
	if t != "" {
		l.note = ts.wrap(t, fSmall, W-2*M)
		l.noteY = y - m.u(6)
		y += l.note.height + m.u(8)
	}
	dropped, going, all := 0, 0, 0.0
	for _, r := range s.cl.Runs {
		if r.Result.Dropped {
			dropped++
		}
		if !r.Done {
			going++
		}
		if len(r.Timeline) > 0 {
			all += r.Timeline[len(r.Timeline)-1].Alliance
		}
	}
	l.summary = fmt.Sprintf("%s · %s dropped out · %s, mean %.2f",
		plural(len(s.cl.Runs), "run", "runs"), plural(dropped, "client", "clients"),
		allianceWords(going == 0, going == len(s.cl.Runs)), all/float64(max(1, len(s.cl.Runs))))

	bh := a.buttonHeight()
	// The buttons' words: the long ones, or short ones, the class's table
	// first, then Next scenario, the filter and the profile, until they
	// fit the window.
	shortened := []classAct{cbDownload, cbSummary, cbNext, cbFilter, cbProfile}
	for k := 0; k <= len(shortened); k++ {
		total := 0
		for i, act := range s.acts {
			b := &s.buttons.buttons[i]
			b.label = s.buttonLabel(act, slices.Contains(shortened[:k], act))
			w := a.buttonWidth(b.label, b.caption)
			if act == cbBack || act == cbRuns {
				w = max(m.u(120), w)
			}
			total += w + m.u(12)
		}
		if total <= W-2*M+m.u(12) {
			break
		}
	}
	x := W - M
	for i, act := range s.acts {
		b := &s.buttons.buttons[i]
		w := a.buttonWidth(b.label, b.caption)
		if act == cbBack || act == cbRuns {
			w = max(m.u(120), w)
		}
		r := image.Rect(x-w, H-M-bh, x, H-M)
		l.bar = append(l.bar, r)
		switch act {
		case cbBack, cbRuns:
			l.back = r
		case cbFilter:
			l.filter = r
		case cbNext:
			l.next = r
		}
		x = r.Min.X - m.u(12)
	}
	l.view = image.Rect(M, y, W-M+m.u(10), H-M-bh-m.u(16))

	w := W - 2*M - m.u(14)
	pad := m.u(18)
	inner := w - 2*pad
	if s.profile {
		s.layoutProfile(&l, w)
		return l
	}
	l.barW = max(m.u(80), inner/8)
	numW := m.u(24) + int(ts.width("00", fStrong))
	textW := (inner - l.barW - numW) * 55 / 100
	statW := inner - l.barW - numW - textW - m.u(16)
	cy := m.u(4)
	for _, p := range s.shownPoints() {
		c := classCard{p: p, parted: parted(p)}
		c.head = fmt.Sprintf("SESSION %d · %s", p.Session, upper(p.Beat, s.cl.Scenario.Language))
		if p.Session >= 1 && p.Session <= len(s.cl.Scenario.Sessions) {
			c.head = fmt.Sprintf("SESSION %d · %s", p.Session, upper(s.cl.Scenario.Sessions[p.Session-1].Title, s.cl.Scenario.Language))
		}
		yy := pad + int(ts.lineH(fLabel)) + m.u(4)
		c.line = ts.wrap("“"+p.Text+"”", fBody, inner)
		c.lineY = yy
		yy += c.line.height + m.u(12)
		for i := range p.Options {
			o := &p.Options[i]
			r := classRow{text: ts.wrap(o.Text, fOption, textW), stats: ts.wrap(tallyWords(o), fSmall, statW), y: yy}
			r.h = max(r.text.height, r.stats.height, int(ts.lineH(fOption))) + m.u(10)
			c.rows = append(c.rows, r)
			yy += r.h + m.u(6)
		}
		yy += pad - m.u(6)
		c.r = image.Rect(0, cy, w, cy+yy)
		cy += yy + m.u(14)
		l.cards = append(l.cards, c)
	}
	l.contentH = cy
	return l
}

// noticeBottom puts the window's notices just above the buttons, not over
// the title (see debriefScreen.noticeBottom).
func (s *classScreen) noticeBottom() int { return s.layout().back.Min.Y - s.a.m.u(12) }

// placeButtons places the buttons where the layout l has them.
func (s *classScreen) placeButtons(l *classLayout) { s.buttons.place(l.bar...) }

// Update reads the frame's input.
func (s *classScreen) Update(in input) {
	if s.live != nil {
		s.live.frame()
		if s.a.screen != s {
			return
		}
	}
	l := s.layout()
	s.scroll.update(&in, l.view, l.contentH, s.a.ts.lineH(fBody), false)
	s.placeButtons(l)
	pressed := classAct(-1)
	if i := s.buttons.update(&in); i >= 0 {
		pressed = s.acts[i]
	}
	n := len(l.cards)
	switch {
	case pressed == cbBack:
		if s.back != nil {
			s.back()
		}
	case pressed == cbRuns:
		s.live.showRuns()
	case pressed == cbDownload && s.profile:
		s.live.download(classroom.ClassProfiles, classroom.ClassProfiles, "text/csv", "the class's profiles")
	case pressed == cbDownload:
		s.live.download(classroom.ClassExport, classroom.ClassExport, "text/csv", "the class's table")
	case pressed == cbSummary:
		s.live.download(classroom.ClassSummary, classroom.ClassSummary, "text/html", "the supervisor's summary")
	case pressed == cbNext && in.Shift:
		s.show(s.at - 1)
	case pressed == cbNext:
		s.show(s.at + 1)
	case pressed == cbFilter:
		s.forks = !s.forks
		s.buttons.buttons[slices.Index(s.acts, cbFilter)].label = s.filterLabel()
		s.sel, s.scroll = 0, scroller{}
	case pressed == cbProfile:
		s.profile = !s.profile
		s.setButtons()
		s.sel, s.scroll = 0, scroller{}
	case s.profile && in.anyPressed(ebiten.KeyHome, ebiten.KeyEnd):
		s.scroll.off = 0
		if in.Pressed(ebiten.KeyEnd) {
			s.scroll.off = s.scroll.max
		}
		s.scroll.clamp()
	case s.profile && in.anyPressed(ebiten.KeyArrowDown, ebiten.KeyArrowUp):
		d := s.a.ts.lineH(fBody) * 2
		if in.Pressed(ebiten.KeyArrowUp) {
			d = -d
		}
		s.scroll.off += d
		s.scroll.clamp()
	case in.Pressed(ebiten.KeyArrowDown) && n > 0:
		s.sel = min(n-1, s.sel+1)
		s.showSel()
	case in.Pressed(ebiten.KeyArrowUp) && n > 0:
		s.sel = max(0, s.sel-1)
		s.showSel()
	case in.Pressed(ebiten.KeyHome) && n > 0:
		s.sel = 0
		s.showSel()
	case in.Pressed(ebiten.KeyEnd) && n > 0:
		s.sel = n - 1
		s.showSel()
	case in.anyPressed(ebiten.KeyPageDown, ebiten.KeyPageUp):
		d := 0.85 * float64(l.view.Dy())
		if in.Pressed(ebiten.KeyPageUp) {
			d = -d
		}
		s.scroll.off += d
		s.scroll.clamp()
	case in.Click && in.Mouse.In(l.view):
		for i, c := range l.cards {
			if in.Mouse.In(c.r.Add(image.Pt(l.view.Min.X, l.view.Min.Y-int(s.scroll.off)))) {
				s.sel = i
			}
		}
	}
}

func (s *classScreen) showSel() {
	l := s.layout()
	if s.sel < len(l.cards) {
		r := l.cards[s.sel].r
		s.scroll.show(r.Min.Y, r.Max.Y, l.view.Dy())
	}
}

// Draw draws the class view.
func (s *classScreen) Draw(dst *ebiten.Image) {
	a, m, ts := s.a, s.a.m, s.a.ts
	l := s.layout()
	M := float64(m.u(24))
	head := s.heading()
	ts.drawLine(dst, head, fLabel, M, float64(l.labelY), colAccent)
	ts.drawLine(dst, a.ellipsize(s.cl.Scenario.Title, fHeading, float64(a.size.X)-2*M), fHeading, M, float64(l.titleY), colText)
	sw := a.ellipsize(l.summary, fSmall, float64(a.size.X)-3*M-ts.width(head, fLabel))
	ts.drawLine(dst, sw, fSmall, float64(a.size.X)-M-ts.width(sw, fSmall), float64(l.labelY)+(ts.boxH(fLabel)-ts.boxH(fSmall))/2, colMuted)
	if l.note != nil {
		// A warning, but for what the last poll brought alone.
		col := colWarn
		if s.leftOut() == "" && s.live != nil && s.live.down.IsZero() {
			col = colMuted
		}
		ts.drawPara(dst, l.note, fSmall, M, float64(l.noteY), col, -1)
	}

	view := clip(dst, l.view)
	ox, oy := l.view.Min.X, l.view.Min.Y-int(s.scroll.off)
	runs := len(s.cl.Runs)
	if s.profile {
		s.drawProfile(view, l, ox, oy)
	}
	pad := m.u(18)
	for i, c := range l.cards {
		r := c.r.Add(image.Pt(ox, oy))
		if r.Max.Y < l.view.Min.Y || r.Min.Y > l.view.Max.Y {
			continue
		}
		edge, bw := colBorder, max(1, m.u(1))
		if i == s.sel {
			edge, bw = colAccent, m.u(3)
		}
		a.pt.card(view, r, m.u(14), bw, colPanel, edge)
		x := float64(r.Min.X + pad)
		ts.drawLine(view, c.head, fLabel, x, float64(r.Min.Y+pad), colAccent)
		if c.parted {
			tag := "PATHS PART HERE"
			tw := ts.width(tag, fLabel)
			ts.drawLine(view, tag, fLabel, float64(r.Max.X-pad)-tw, float64(r.Min.Y+pad), colWarn)
			a.pt.icon(view, debrief.GlyphDiamond, float64(r.Max.X-pad)-tw-float64(m.u(14)), float64(r.Min.Y+pad)+ts.boxH(fLabel)/2, m.u(14), colWarn)
		}
		ts.drawPara(view, c.line, fBody, x, float64(r.Min.Y+c.lineY), colText, -1)
		for j, row := range c.rows {
			o := &c.p.Options[j]
			y := r.Min.Y + row.y
			// The bar: the share of the class that took the option.
			bar := image.Rect(r.Min.X+pad, y+m.u(4), r.Min.X+pad+l.barW, y+m.u(4)+int(ts.lineH(fOption))-m.u(6))
			a.pt.roundRect(view, bar, m.u(4), colTrack)
			if o.Trainees > 0 && runs > 0 {
				fw := max(m.u(6), bar.Dx()*o.Trainees/runs)
				col := colAccent
				if o.Dropped > 0 && o.Dropped*2 >= o.Trainees {
					col = colWarn
				}
				a.pt.roundRect(view, image.Rect(bar.Min.X, bar.Min.Y, bar.Min.X+fw, bar.Max.Y), m.u(4), col)
			}
			cnt := strconv.Itoa(o.Trainees)
			ts.drawLine(view, cnt, fStrong, float64(bar.Max.X+m.u(10)), float64(y)+(float64(bar.Dy())-ts.boxH(fStrong))/2+float64(m.u(4)), colText)
			tx := float64(bar.Max.X+m.u(24)) + ts.width("00", fStrong)
			ink := colText
			if o.Trainees == 0 {
				ink = colFaint
			}
			ts.drawPara(view, row.text, fOption, tx, float64(y), ink, -1)
			sx := float64(r.Max.X-pad) - row.stats.width
			sc := colMuted
			if o.Dropped > 0 {
				sc = colWarn
			}
			ts.drawPara(view, row.stats, fSmall, math.Max(sx, tx), float64(y)+float64(m.u(2)), sc, -1)
		}
	}
	if len(l.cards) == 0 && !s.profile {
		ts.drawLine(view, "No choice points to show.", fOption, float64(ox), float64(oy+m.u(10)), colMuted)
	}
	if s.profile && len(l.areas) == 0 {
		ts.drawLine(view, "The course's rubric has no skills to show.", fOption, float64(ox), float64(oy+m.u(10)), colMuted)
	}
	a.fadeEdges(dst, l.view, &s.scroll, colBG)
	a.drawScrollbar(dst, image.Rect(l.view.Max.X-m.u(8), l.view.Min.Y, l.view.Max.X, l.view.Max.Y), &s.scroll, l.contentH)
	s.placeButtons(l)
	s.buttons.draw(a, dst)
}

// plural writes n with the noun that agrees with it, as debrief.Count.
func plural(n int, one, many string) string { return debrief.Count(n, one, many) }
