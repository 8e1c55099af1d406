package ui

import (
	"image"
	"image/color"
	"strconv"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

// debriefButton is a button of the debrief's bottom bar.
type debriefButton struct {
	r        image.Rectangle
	label    string
	key      string
	act      debriefAct
	st       buttonStyle
	selected bool // a policy chip that is chosen
	// short is the label in a window too narrow for the bar's labels
	// ("" keeps the label).
	short string
}

type debriefLayoutKey struct {
	size   image.Point
	m      metrics
	mode   debriefMode
	branch bool
	polIdx int
	points int
	backTo string
	// profile: the competence profile is shown, over the timeline.
	profile bool
	// own: the run is the trainee's own (the switch of recall first is
	// shown); noChart: the timeline is hidden (chartHidden).
	own, noChart bool
}

// debriefLayout places the debrief screen: the top bar, the timeline card
// (legend, plot, marks lane, marks legend), the two perspectives, and the
// bar of buttons. It depends only on the window, the text scale, the mode
// and the number of choices.
type debriefLayout struct {
	labelY, titleY int
	status         image.Rectangle // right of the top bar: "Choice 7 of 38"
	tl             image.Rectangle // the timeline card
	points         int             // the timeline's x axis spans choices 0..points-1
	left, right    image.Rectangle // the perspective cards
	leftView       image.Rectangle
	rightView      image.Rectangle
	// tabs are the right panel's tabs: the client's side and the
	// competence profile.
	tabs [2]image.Rectangle
	// toggle is the switch of recall first over the trainee's side, in
	// the debrief of their own run (empty otherwise).
	toggle  image.Rectangle
	pickY   int // the policy row's label in pick mode
	buttons []debriefButton
}

// timelinePoints is how many points the timeline spans: the longer of the
// recording and the branch.
func (s *debriefScreen) timelinePoints() int {
	n := len(s.d.Timeline)
	if s.branch != nil {
		n = max(n, len(s.branch.Timeline))
		if s.hand != nil && s.hand.Prompt() != nil {
			n = max(n, len(s.branch.Timeline)+1)
		}
	}
	return max(n, 2)
}

func (s *debriefScreen) layout() *debriefLayout {
	points := s.timelinePoints()
	k := debriefLayoutKey{size: s.a.size, m: s.a.m, mode: s.mode, branch: s.branch != nil, polIdx: s.polIdx, points: points, backTo: s.backTo,
		profile: s.showProfile, own: s.addRecall != nil, noChart: s.chartHidden()}
	return s.lay.get(k, func() debriefLayout { return s.computeLayout(points) })
}

func (s *debriefScreen) computeLayout(points int) debriefLayout {
	a, m, ts := s.a, s.a.m, s.a.ts
	W, H := a.size.X, a.size.Y
	var l debriefLayout
	l.points = points
	M, G := m.u(24), m.u(16)
	y := m.u(14)
	l.labelY = y
	y += int(ts.lineH(fLabel))
	l.titleY = y
	y += int(ts.lineH(fHeading)) + m.u(10)
	sw := max(m.u(330), W*36/100)
	l.status = image.Rect(W-M-sw, l.labelY, W-M, y)

	// The bar of buttons.
	bh := a.buttonHeight()
	by := H - M - bh
	l.buttons = s.bar(M, W-M, by, bh)

	// The timeline: its fixed rows (legend, choice numbers, marks, the
	// marks' legend) and a plot of about two fifths of what is left, at least
	// tall enough to read. A short window puts all marks on one row.
	avail := by - G - y
	// The chart's rows (title, legend, choice numbers, two lanes of marks
	// and their legend) take about nine lines of its text.
	fixed := int(9*m.fontPx(roleSize[fSmall])) + m.u(12)
	tlH := max(fixed+m.u(90), min(fixed+m.u(240), avail*42/100))
	l.tl = image.Rect(M, y, W-M, y+tlH)

	// The two perspectives: under the timeline, or, while the competence
	// profile is shown, in its place too (the profile's rows and the
	// choice in hand need the height more than the timeline does); so
	// too while the trainee recalls (chartHidden).
	py := l.tl.Max.Y + G
	if s.showProfile || s.chartHidden() {
		l.tl, py = image.Rectangle{}, y
	}
	pw := (W - 2*M - G) / 2
	l.left = image.Rect(M, py, M+pw, by-G)
	l.right = image.Rect(M+pw+G, py, W-M, by-G)
	ip := m.u(18)
	l.leftView = l.left.Inset(ip)
	l.rightView = l.right.Inset(ip)
	l.leftView.Max.X += ip / 2 // room for the scrollbar
	l.rightView.Max.X += ip / 2
	// The right panel's tabs, over its view.
	th := int(ts.lineH(fLabel)) + m.u(14)
	x := l.rightView.Min.X
	for i, label := range debriefTabs {
		w := s.tabWidth(label, i)
		l.tabs[i] = image.Rect(x, l.right.Min.Y+m.u(12), x+w, l.right.Min.Y+m.u(12)+th)
		x += w + m.u(8)
	}
	l.rightView.Min.Y = l.tabs[0].Max.Y + m.u(12)
	// Over the trainee's side of their own run, as high as the tabs, the
	// switch of recall first.
	if s.addRecall != nil {
		l.toggle = s.toggleRect(image.Rect(l.leftView.Min.X, l.tabs[0].Min.Y, l.leftView.Max.X-ip/2, l.tabs[0].Max.Y))
		l.leftView.Min.Y = l.rightView.Min.Y
	}
	return l
}

// debriefTabs are the labels of the right panel's tabs.
var debriefTabs = [2]string{"The client’s side", "Competence profile"}

// tabKey is the key that switches to the profile's tab and back.
const tabKey = "P"

// tabWidth is the width of tab i with its label.
func (s *debriefScreen) tabWidth(label string, i int) int {
	a, m := s.a, s.a.m
	return int(a.ts.width(label, fLabel)+a.ts.width(tabKey, fSmall)) + m.u(46)
}

// noticeBottom puts the window's notices just above the bar of buttons,
// not over the title at the top: a notice of the debrief is about the run
// whose title it would hide.
func (s *debriefScreen) noticeBottom() int {
	l := s.layout()
	y := s.a.size.Y
	for _, b := range l.buttons {
		y = min(y, b.r.Min.Y)
	}
	return y - s.a.m.u(12)
}

// bar lays out the buttons for the mode between x0 and x1.
func (s *debriefScreen) bar(x0, x1, y, h int) []debriefButton {
	a, m := s.a, s.a.m
	gap := m.u(12)
	var left, right []debriefButton
	switch s.mode {
	case dmPick:
		for i, p := range s.pols {
			left = append(left, debriefButton{label: p.ID, act: actPolicy + debriefAct(i), st: btnSecondary, selected: i == s.polIdx})
		}
		left = append(left, debriefButton{label: "by hand", act: actPolicy + debriefAct(len(s.pols)), st: btnSecondary, selected: s.byHand()})
		right = []debriefButton{{label: "Cancel", key: "Esc", act: actCancel, st: btnSecondary}}
	case dmNote:
		right = []debriefButton{{label: "Cancel", key: "Esc", act: actCancel, st: btnSecondary}, {label: "Save the note", key: "Enter", act: actSave, st: btnPrimary}}
	case dmRecall:
		right = []debriefButton{{label: "Cancel", key: "Esc", act: actCancel, st: btnSecondary}, {label: "Save your recall", key: "Enter", act: actSave, st: btnPrimary}}
	case dmDownload:
		left = []debriefButton{{label: "Download report (HTML)", key: "H", act: actReport, st: btnPrimary}, {label: "Download table (CSV)", key: "C", act: actTable, st: btnPrimary}}
		right = []debriefButton{{label: "Cancel", key: "Esc", act: actCancel, st: btnSecondary}}
	default:
		left = []debriefButton{{label: "Previous", key: "Left", act: actPrev, st: btnSecondary}, {label: "Next", key: "Right", act: actNext, st: btnPrimary}}
		if s.branch != nil {
			right = []debriefButton{{label: "Back to the recorded run", key: "W", act: actOriginal, st: btnSecondary}}
		} else {
			right = []debriefButton{{label: "What if…", key: "W", act: actWhatIf, st: btnSecondary}}
			if s.addRecall != nil {
				right = append(right, debriefButton{label: "Write your recall", short: "Recall", key: "R", act: actRecall, st: btnSecondary})
			}
			right = append(right, debriefButton{label: "Add a note", short: "Note", key: "N", act: actNote, st: btnSecondary})
			if s.live != nil {
				right = append(right, debriefButton{label: "Download…", key: "D", act: actDownload, st: btnSecondary})
			}
			right = append(right, debriefButton{label: s.backTo, key: "Esc", act: actBack, st: btnSecondary})
		}
	}
	place := func() bool {
		x := x0
		if s.mode == dmPick {
			x += int(a.ts.width(pickLabel, fOption)) + m.u(16)
		}
		for i := range left {
			w := max(m.u(120), a.buttonWidth(left[i].label, left[i].key))
			left[i].r = image.Rect(x, y, x+w, y+h)
			x += w + gap
		}
		end := x
		x = x1
		for i := len(right) - 1; i >= 0; i-- {
			w := max(m.u(120), a.buttonWidth(right[i].label, right[i].key))
			right[i].r = image.Rect(x-w, y, x, y+h)
			x -= w + gap
		}
		return end <= x+gap
	}
	// A bar too full for the window (the instructor's, at its narrowest)
	// drops the keys' captions, the right group's first: the keys work
	// all the same; and then, if it must (a trainee's own run, which
	// has one more), takes the short labels.
	fits := false
	for _, group := range [][]debriefButton{right, left} {
		if fits = place(); fits {
			break
		}
		for i := range group {
			group[i].key = ""
		}
	}
	if !fits && !place() {
		for i := range right {
			if right[i].short != "" {
				right[i].label = right[i].short
			}
		}
	}
	place()
	return append(left, right...)
}

const pickLabel = "The rest played by:"

// The panels: the perspectives' content as blocks in content coordinates.

type block struct {
	y, h int
	opt  int // the option a block shows, 0 for other blocks
	draw func(dst *ebiten.Image, x, y int)
	// words are the words the block shows, where it shows words (for
	// the tests, which read what a panel says).
	words string
}

type panel struct {
	blocks []block
	h      int
	anchor int // where the options begin, for scrolling to them
	// buttons are the buttons in the panel, in content coordinates.
	buttons []panelButton
}

// panelButton is a button drawn in a panel, scrolled with it.
type panelButton struct {
	r   image.Rectangle
	act debriefAct
}

func (p *panel) add(h, opt int, draw func(dst *ebiten.Image, x, y int)) {
	p.blocks = append(p.blocks, block{y: p.h, h: h, opt: opt, draw: draw})
	p.h += h
}

func (p *panel) gap(h int) { p.h += h }

// says notes the words the last block added shows.
func (p *panel) says(words string) {
	if len(p.blocks) > 0 {
		p.blocks[len(p.blocks)-1].words = words
	}
}

// words returns all the words the panel shows, a block a line.
func (p *panel) words() string {
	var b strings.Builder
	for _, bl := range p.blocks {
		if bl.words != "" {
			b.WriteString(bl.words + "\n")
		}
	}
	return b.String()
}

// label adds a heading, wrapped to the panel's width w.
func (s *debriefScreen) label(p *panel, txt string, w int) {
	s.text(p, txt, fLabel, w, colAccent)
	p.gap(s.a.m.u(4))
}

func (s *debriefScreen) text(p *panel, txt string, r fontRole, w int, c color.RGBA) {
	ts := s.a.ts
	para := ts.wrap(txt, r, w)
	p.add(para.height, 0, func(dst *ebiten.Image, x, y int) {
		ts.drawPara(dst, para, r, float64(x), float64(y), c, -1)
	})
	p.says(txt)
}

// panels builds the two perspectives of the choice in hand; the right
// one is the run's competence profile when its tab is chosen.
func (s *debriefScreen) panels(l *debriefLayout) (*panel, *panel) {
	w := l.rightView.Dx() - s.a.m.u(14)
	if s.showProfile && s.branch == nil {
		return s.traineePanel(l.leftView.Dx() - s.a.m.u(14)), s.profilePanel(w)
	}
	if s.clientHidden() {
		return s.traineePanel(l.leftView.Dx() - s.a.m.u(14)), s.hiddenPanel(w)
	}
	return s.traineePanel(l.leftView.Dx() - s.a.m.u(14)), s.clientPanel(w)
}

// traineePanel: what the client said, the options offered and the one
// chosen.
func (s *debriefScreen) traineePanel(w int) *panel {
	m := s.a.m
	p := &panel{}
	mo := s.moment()
	if pr := s.pending(); pr != nil {
		return s.handPanel(w, pr)
	}
	if mo == nil {
		s.text(p, "The recording holds no choice yet.", fOption, w, colMuted)
		return p
	}
	client := s.d.Scenario.Client.FirstName()
	s.label(p, "THE TRAINEE’S SIDE · "+upper(client, s.d.Scenario.Language)+" SAID", w)
	s.says(p, mo.Lines, w)
	if len(mo.Lines) == 0 {
		s.text(p, "(nothing since the last choice)", fCue, w, colMuted)
	}
	// The trainee's own words of the moment, across from what the client
	// experienced.
	s.traineeWords(p, mo, w)
	if vars := mo.Variables(s.d.Scenario); len(vars) > 0 {
		p.gap(m.u(12))
		s.label(p, "THE SCENARIO’S VARIABLES AT THIS CHOICE", w)
		s.text(p, strings.Join(vars, " · "), fSmall, w, colMuted)
	}
	p.gap(m.u(16))
	recorded := 0
	if s.branch != nil && mo.N == s.div {
		recorded = s.d.Moments[mo.N-1].Chosen
	}
	p.anchor = p.h
	if s.mode == dmPick {
		s.label(p, "WHAT IF THE TRAINEE HAD SAID… (PRESS ITS NUMBER)", w)
	} else {
		s.label(p, "THE OPTIONS", w)
	}
	for _, o := range mo.Offers {
		tag, tagCol := "", colAccent
		chosen := o.Number == mo.Chosen
		switch {
		case recorded != 0 && chosen:
			tag, tagCol = "WHAT IF", colWarn
		case recorded != 0 && o.Number == recorded:
			tag, tagCol = "RECORDED", colMuted
		case chosen && s.mode == dmPick:
			tag, tagCol = "CHOSEN", colMuted
		case chosen:
			tag = "CHOSEN"
		}
		s.optionCard(p, o, w, tag, tagCol, func() cardLook {
			l := cardLook{fill: colPanelAlt, edge: colBorder, ink: colText, badge: colMuted, bw: max(1, m.u(1))}
			switch {
			case s.mode == dmPick && chosen:
				l.ink = colFaint
			case s.mode == dmPick && o.Number == s.hoverO:
				l.fill, l.edge, l.bw = colHover, colAccent, m.u(3)
			case chosen && tagCol == colWarn:
				l.fill, l.edge, l.bw = colWarnBG, colWarn, m.u(3)
			case chosen:
				l.fill, l.edge, l.bw = colAccentBG, colAccent, m.u(3)
			case o.Number == recorded:
				l.ink = colMuted
			}
			if chosen && s.mode != dmPick {
				l.badge = l.edge
			}
			return l
		})
		p.gap(m.u(8))
	}
	if !s.clientHidden() {
		s.judged(p, mo, w)
	}
	return p
}

// says adds what the client said: each line, and its cues beside a bar.
func (s *debriefScreen) says(p *panel, lines []sim.Line, w int) {
	m, ts := s.a.m, s.a.ts
	for i, ln := range lines {
		if i > 0 {
			p.gap(m.u(8))
		}
		s.text(p, ln.Text, fBody, w, colText)
		if ln.Cues != "" {
			p.gap(m.u(4))
			cue := ts.wrap(ln.Cues, fCue, w-m.u(16))
			p.add(cue.height, 0, func(dst *ebiten.Image, x, y int) {
				fillRect(dst, image.Rect(x, y, x+m.u(4), y+cue.height), colCueBar)
				ts.drawPara(dst, cue, fCue, float64(x+m.u(16)), float64(y), colMuted, -1)
			})
		}
	}
}

// handPanel: the prompt of a what-if played by hand, for the class to
// choose the next response.
func (s *debriefScreen) handPanel(w int, pr *sim.Prompt) *panel {
	m := s.a.m
	p := &panel{}
	client := s.d.Scenario.Client.FirstName()
	s.label(p, "YOUR TURN · "+upper(client, s.d.Scenario.Language)+" SAYS", w)
	s.says(p, pr.Lines, w)
	p.gap(m.u(16))
	p.anchor = p.h
	s.label(p, "PICK A RESPONSE (PRESS ITS NUMBER)", w)
	for _, o := range pr.Options {
		s.optionCard(p, o, w, "", colAccent, func() cardLook {
			l := cardLook{fill: colPanelAlt, edge: colBorder, ink: colText, badge: colAccent, bw: max(1, m.u(1))}
			if o.Number == s.hoverO {
				l.fill, l.edge, l.bw = colHover, colAccent, m.u(3)
			}
			return l
		})
		p.gap(m.u(8))
	}
	return p
}

// cardLook is how an option card looks as it is drawn (it follows the
// mouse): its fill, edge and its width, the text's ink and the badge's.
type cardLook struct {
	fill, edge, ink, badge color.RGBA
	bw                     int
}

// optionCard adds option o as a card: its number in a badge, its text,
// and over them a tag ("CHOSEN", "WHAT IF") when tag is not "".
func (s *debriefScreen) optionCard(p *panel, o sim.Offer, w int, tag string, tagCol color.RGBA, look func() cardLook) {
	a, m, ts := s.a, s.a.m, s.a.ts
	badge, opad := m.u(34), m.u(10)
	para := ts.wrap(o.Text, fOption, w-badge-3*opad)
	h := max(para.height, badge) + 2*opad
	if tag != "" {
		h += int(ts.lineH(fLabel))
	}
	p.add(h, o.Number, func(dst *ebiten.Image, x, y int) {
		l := look()
		a.pt.card(dst, image.Rect(x, y, x+w, y+h), m.u(10), l.bw, l.fill, l.edge)
		ty := y + opad
		if tag != "" {
			ts.drawLine(dst, tag, fLabel, float64(x+badge+2*opad), float64(ty), tagCol)
			ty += int(ts.lineH(fLabel))
		}
		a.pt.disc(dst, float64(x+opad+badge/2), float64(ty+badge/2), badge/2, l.badge)
		ts.drawCentered(dst, strconv.Itoa(o.Number), fBadge, float64(x+opad+badge/2), float64(ty+badge/2), colOnAccent)
		ts.drawPara(dst, para, fOption, float64(x+badge+2*opad), float64(ty)+(float64(badge)-para.boxH)/2, l.ink, -1)
	})
}

// clientPanel: the client's inner experience of the moment and of the
// response, what the choice changed with each rule's sentence, and the
// instructors' notes.
func (s *debriefScreen) clientPanel(w int) *panel {
	a, m, ts := s.a, s.a.m, s.a.ts
	p := &panel{}
	mo := s.moment()
	if s.pending() != nil {
		s.label(p, "THE CLIENT’S SIDE", w)
		s.text(p, "Shown once you have chosen, as in the room.", fOption, w, colMuted)
		return p
	}
	if mo == nil {
		return p
	}
	client := s.d.Scenario.Client.FirstName()
	s.label(p, "THE CLIENT’S SIDE · WHAT "+upper(client, s.d.Scenario.Language)+" EXPERIENCED", w)
	inner := strings.TrimSpace(mo.Inner)
	var resp string
	for _, o := range mo.Offers {
		if o.Number == mo.Chosen {
			resp = strings.TrimSpace(o.Inner)
		}
	}
	if inner == "" && resp == "" {
		s.text(p, "The scenario gives no inner experience for this moment.", fCue, w, colMuted)
	}
	if inner != "" {
		s.text(p, inner, fQuote, w, colText)
	}
	if resp != "" {
		if inner != "" {
			p.gap(m.u(8))
		}
		s.text(p, "On the response: "+resp, fQuote, w, colText)
	}
	p.gap(m.u(16))
	// What the client did on their own as the course opened, before the
	// first choice.
	if mo.N == 1 {
		if opening := s.shown().ClientOpening(); len(opening) > 0 {
			s.label(p, "BEFORE THE FIRST CHOICE", w)
			s.changes(p, opening, w)
			p.gap(m.u(6))
		}
	}
	s.label(p, "WHAT IT CHANGED", w)
	n := s.changes(p, mo.Changes, w)
	if n == 0 {
		s.text(p, "Nothing changed.", fOption, w, colMuted)
	}
	notes := mo.Notes
	if mo.N == 1 {
		notes = append(append([]sim.Note(nil), s.shown().Notes...), notes...)
	}
	if len(notes) > 0 || s.addNote != nil && s.branch == nil {
		p.gap(m.u(12))
		s.label(p, "INSTRUCTOR’S NOTES", w)
	}
	for _, nt := range notes {
		by := nt.Author
		if by == "" {
			by = "A note"
		}
		if nt.Choice == 0 {
			by += " · about the whole run"
		}
		para := ts.wrap(nt.Text, fOption, w-m.u(24))
		h := para.height + int(ts.lineH(fSmall)) + m.u(20)
		p.add(h, 0, func(dst *ebiten.Image, x, y int) {
			r := image.Rect(x, y, x+w, y+h)
			a.pt.roundRect(dst, r, m.u(8), colWarnBG)
			fillRect(dst, image.Rect(x, y+m.u(4), x+m.u(4), y+h-m.u(4)), colWarn)
			ts.drawLine(dst, by, fSmall, float64(x+m.u(16)), float64(y+m.u(8)), colWarn)
			ts.drawPara(dst, para, fOption, float64(x+m.u(16)), float64(y+m.u(10))+ts.lineH(fSmall), colText, -1)
		})
		p.gap(m.u(8))
	}
	if len(notes) == 0 && s.addNote != nil && s.branch == nil {
		s.text(p, "None yet: press N to add one.", fSmall, w, colMuted)
	}
	return p
}

// A changeItem is an event as the debrief lists it: its description, the
// sentence under it (with what the client said about it) and what is
// behind it.
type changeItem struct {
	d    debrief.Description
	why  string
	rule string
}

// drawable puts stand-ins for the characters of Describe's words that no
// embedded font has, which would otherwise vanish ("hope −0.01" drawn as
// "hope 0.01"): the minus sign as an en dash, the arrow of a change as the
// symbols font's.
var drawable = strings.NewReplacer("−", "–", "→", "⭢").Replace

// changeItems describes the events of evs a debrief lists.
func (s *debriefScreen) changeItems(evs []sim.Event) []changeItem {
	var out []changeItem
	for _, e := range evs {
		d, ok := debrief.Describe(e, s.d.Scenario)
		if !ok {
			continue
		}
		d.Head = drawable(d.Head)
		it := changeItem{d: d, why: d.Explain}
		if d.Quote != "" {
			it.why = strings.TrimSpace(it.why + " “" + d.Quote + "”")
		}
		// The rule behind it, by id, for an instructor who would change it
		// ('therasim rules' shows where it is written); or what else made
		// it happen: the option chosen, the client, a life event.
		switch {
		case d.Rule != "" && e.Kind == sim.Change:
			it.rule = "rule " + d.Rule
		case d.By != "" && (e.Kind == sim.Change || e.Kind == sim.VariableSet):
			it.rule = d.By
		}
		out = append(out, it)
	}
	return out
}

// changes adds the events evs a debrief lists, each with its sentence and
// the rule (or what else) behind it, and returns how many it added.
func (s *debriefScreen) changes(p *panel, evs []sim.Event, w int) int {
	a, m, ts := s.a, s.a.m, s.a.ts
	items := s.changeItems(evs)
	for _, it := range items {
		d, why, rule := it.d, it.why, it.rule
		ex := ts.wrap(why, fOption, w-m.u(30))
		head := ts.wrap(d.HeadAndModel(), fStrong, w-m.u(30))
		h := head.height
		if why != "" {
			h += ex.height + m.u(2)
		}
		if rule != "" {
			h += int(ts.lineH(fSmall))
		}
		p.add(h, 0, func(dst *ebiten.Image, x, y int) {
			cy := float64(y) + ts.boxH(fStrong)/2
			a.pt.icon(dst, d.Style.Glyph, float64(x+m.u(10)), cy, m.u(18), d.Style.Color)
			ts.drawPara(dst, head, fStrong, float64(x+m.u(30)), float64(y), d.Style.Color, -1)
			if why != "" {
				ts.drawPara(dst, ex, fOption, float64(x+m.u(30)), float64(y+head.height+m.u(2)), colText, -1)
			}
			if rule != "" {
				ts.drawLine(dst, rule, fSmall, float64(x+m.u(30)), float64(y+h)-ts.lineH(fSmall), colFaint)
			}
		})
		p.gap(m.u(10))
	}
	return len(items)
}
