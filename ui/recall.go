package ui

import (
	"fmt"
	"image"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

// The trainee's side of a moment in their own words, in the debrief
// across from the client's inner experience (the trainee's side of the
// choice, under what the client said): their answer to the moment's check-in
// (the pulls they noticed, each with what the author says such a pull
// tends to do, and their words) and their recall of the moment written
// afterwards (Interpersonal Process Recall). Both are drawn in the
// accent's colours, apart from the instructor's notes (the warning's).
// In the debrief of their own run the trainee writes their recall of any
// choice (R); it is appended to the recording (storageRecall).
//
// Recall is of what went on in the trainee then, not a judgement of the
// moment made knowing how it turned out. So while they write, the
// client's side of the choice (the client's inner experience, what the
// choice changed, what the author says their pulls tend to do, the
// rubric's grades, and the timeline of the whole run) is hidden, and in
// its place the editor asks an inquirer's open questions (recallLeads).
// And they may step through their run recall first (F): at each choice
// the client's side stays hidden until they have written their recall of
// it or chosen to show it (S). Recall first is a way of viewing, kept
// nowhere; an instructor opening a trainee's run sees everything.

// recallQuestion is what the recall's editor asks first.
const recallQuestion = "What were you thinking and feeling just then?"

// recallLeads are the questions the recall's editor (and a choice's
// hidden client's side) asks, about client (the client's first name): an
// inquirer's leads in Interpersonal Process Recall, open and unjudging,
// which ask after the trainee's covert thoughts and feelings at the
// moment, what they wanted and did not say, and what they made of the
// client's feelings about them (Kagan 1980, as docs/model.md cites it).
func recallLeads(client string) []string {
	return []string{
		recallQuestion,
		"What did you want to say, and didn’t?",
		"What did you think " + client + " was feeling about you?",
		"What did you want " + client + " to think of you?",
		"Did it remind you of anyone, or of anything?",
	}
}

// clientName is the client's first name, as a sentence names them in
// its middle.
func (s *debriefScreen) clientName() string {
	n := s.d.Scenario.Client.FirstName()
	if n == "The client" {
		return "the client"
	}
	return n
}

// clientSide is what the trainee calls the client's side of a choice:
// "Maya’s side".
func (s *debriefScreen) clientSide() string {
	return s.d.Scenario.Client.FirstName() + "’s side"
}

// clientHidden reports whether the client's side of the choice in hand is
// hidden from the trainee: while they write their recall of it, and,
// recall first, until they have written it or shown that side. Only in
// the debrief of the trainee's own run; a what-if's own moments, which
// they chose to try, are never hidden.
func (s *debriefScreen) clientHidden() bool {
	if s.addRecall == nil {
		return false
	}
	if s.mode == dmRecall {
		return true
	}
	mo := s.moment()
	if !s.recallFirst || mo == nil || s.pending() != nil {
		return false
	}
	if s.branch != nil && mo.N >= s.div || mo.N > len(s.d.Moments) {
		return false
	}
	return len(s.d.Moments[mo.N-1].Recall) == 0 && !s.revealed[mo.N]
}

// chartHidden reports whether the timeline is hidden, the two sides in
// its place: in the debrief of the trainee's own run while they write
// their recall and while they step through the recorded run recall
// first, for its curves show what each choice changed. A what-if shows
// it, to set the two courses side by side.
func (s *debriefScreen) chartHidden() bool {
	return s.addRecall != nil && (s.mode == dmRecall || s.recallFirst && s.branch == nil)
}

// toggleRecallFirst turns recall first on or off.
func (s *debriefScreen) toggleRecallFirst() {
	if s.addRecall == nil {
		return
	}
	s.recallFirst = !s.recallFirst
	s.scroll[1] = scroller{}
	if !s.recallFirst {
		s.a.say(s.clientSide() + " is shown at every choice.")
		return
	}
	s.showProfile = false
	s.a.say(fmt.Sprintf("Recall first: %s of each choice stays hidden until you write your recall of it (R) or show it (S).", s.clientSide()))
}

// reveal shows the client's side of the choice in hand that recall first
// hides.
func (s *debriefScreen) reveal() {
	mo := s.moment()
	if mo == nil || s.mode != dmView || !s.clientHidden() {
		return
	}
	if s.revealed == nil {
		s.revealed = map[int]bool{}
	}
	s.revealed[mo.N] = true
	s.scroll[1] = scroller{}
}

// whose is "YOUR" in the debrief of the trainee's own run, and otherwise
// the trainee's name (or "THE TRAINEE’S"), for the headings of their words.
func (s *debriefScreen) whose() string {
	if s.addRecall != nil {
		return "YOUR"
	}
	if t := strings.TrimSpace(s.d.Header.Trainee); t != "" {
		return upper(t, "") + "’S"
	}
	return "THE TRAINEE’S"
}

// traineeWords adds the trainee's check-in answer and recall of choice mo
// to the trainee's side, under what the client said: across from the
// client's inner experience of the same moment.
func (s *debriefScreen) traineeWords(p *panel, mo *debrief.Moment, w int) {
	m := s.a.m
	if s.branch != nil {
		if mo.N >= s.div || mo.N > len(s.d.Moments) {
			return // a what-if's own moments are no one's
		}
		mo = &s.d.Moments[mo.N-1] // before it parts, the recorded run's
	}
	if mo.Asked != nil {
		p.gap(m.u(14))
		s.label(p, s.whose()+" CHECK-IN BEFORE CHOOSING", w)
		s.checkInAnswer(p, mo, w)
	}
	if len(mo.Recall) > 0 || s.addRecall != nil {
		p.gap(m.u(14))
		s.label(p, s.whose()+" RECALL", w)
	}
	for _, r := range mo.Recall {
		s.wordsCard(p, w, r.Text)
		p.gap(m.u(8))
	}
	switch {
	case s.mode == dmRecall:
		s.text(p, "You are writing it in the box across.", fSmall, w, colMuted)
	case len(mo.Recall) == 0 && s.addRecall != nil && s.branch == nil:
		s.text(p, recallQuestion+" Press R to write your recall.", fSmall, w, colMuted)
	}
}

// checkInAnswer adds the answer to mo's check-in: each pull noticed with
// what the author says it tends to do, and the trainee's own words.
func (s *debriefScreen) checkInAnswer(p *panel, mo *debrief.Moment, w int) {
	a, m, ts := s.a, s.a.m, s.a.ts
	ans := mo.CheckIn
	switch {
	case ans == nil:
		s.text(p, "No answer was recorded.", fSmall, w, colMuted)
		return
	case len(ans.Pulls) == 0 && strings.TrimSpace(ans.Text) == "":
		s.text(p, "Nothing to note.", fOption, w, colMuted)
		return
	}
	for _, id := range ans.Pulls {
		pull := mo.Asked.Pull(id)
		if pull == nil {
			pull = &sim.Pull{ID: id, Text: id} // one the scenario no longer offers
		}
		head := ts.wrap(pull.Text, fStrong, w-m.u(30))
		var tends *para
		if pull.Tends != "" && !s.clientHidden() {
			tends = ts.wrap("The author: "+pull.Tends, fSmall, w-m.u(30))
		}
		h := head.height
		if tends != nil {
			h += m.u(2) + tends.height
		}
		p.add(h, 0, func(dst *ebiten.Image, x, y int) {
			a.pt.icon(dst, debrief.GlyphCheck, float64(x+m.u(10)), float64(y)+ts.boxH(fStrong)/2, m.u(16), colAccent)
			ts.drawPara(dst, head, fStrong, float64(x+m.u(30)), float64(y), colText, -1)
			if tends != nil {
				ts.drawPara(dst, tends, fSmall, float64(x+m.u(30)), float64(y+head.height+m.u(2)), colMuted, -1)
			}
		})
		if tends != nil {
			p.says(pull.Text + " · The author: " + pull.Tends)
		} else {
			p.says(pull.Text)
		}
		p.gap(m.u(8))
	}
	if t := strings.TrimSpace(ans.Text); t != "" {
		s.wordsCard(p, w, "“"+t+"”")
		p.gap(m.u(4))
	}
}

// wordsCard adds the trainee's words in a card of the accent's colours.
func (s *debriefScreen) wordsCard(p *panel, w int, words string) {
	a, m, ts := s.a, s.a.m, s.a.ts
	para := ts.wrap(words, fOption, w-m.u(32))
	h := para.height + m.u(20)
	p.add(h, 0, func(dst *ebiten.Image, x, y int) {
		a.pt.roundRect(dst, image.Rect(x, y, x+w, y+h), m.u(8), colAccentBG)
		fillRect(dst, image.Rect(x, y+m.u(4), x+m.u(4), y+h-m.u(4)), colAccent)
		ts.drawPara(dst, para, fOption, float64(x+m.u(16)), float64(y+m.u(10)), colText, -1)
	})
	p.says(words)
}

// drawRecallEditor draws the recall being written in the place of the
// client's side, with the inquirer's questions over it.
func (s *debriefScreen) drawRecallEditor(dst *ebiten.Image, l *debriefLayout) {
	foot := fmt.Sprintf("It is added to your recording, apart from the instructor’s notes; once it is saved, %s is shown beside it (up to %d characters).",
		s.clientSide(), recallMost)
	s.drawEditor(dst, l, fmt.Sprintf("YOUR RECALL OF CHOICE %d", s.cur), colAccent, s.recall, recallQuestion, foot, s.recallEditorLeads())
}

// recallEditorLeads are the questions the recall's editor asks under its
// box, which asks the first.
func (s *debriefScreen) recallEditorLeads() []string { return recallLeads(s.clientName())[1:] }

// hiddenPanel: in the client's place while recall first hides their side
// of the choice in hand, what is hidden and how to see it, the buttons
// that write the recall and show the side, and the inquirer's questions.
func (s *debriefScreen) hiddenPanel(w int) *panel {
	m := s.a.m
	p := &panel{}
	mo := s.moment()
	s.label(p, upper(s.clientSide(), s.d.Scenario.Language)+" · HIDDEN UNTIL YOUR RECALL", w)
	what := []string{"what " + s.clientName() + " experienced", "what your choice changed"}
	if mo != nil && s.d.Moments[mo.N-1].CheckIn != nil && len(s.d.Moments[mo.N-1].CheckIn.Pulls) > 0 {
		what = append(what, "what the author says your pulls tend to do")
	}
	what = append(what, "how the choice was judged")
	s.text(p, "Recall first: write what went on in you at this moment before you see "+
		strings.Join(what[:len(what)-1], ", ")+" and "+what[len(what)-1]+".", fOption, w, colText)
	p.gap(m.u(14))
	s.panelButtons(p, w, []debriefButton{
		{label: "Write your recall", key: "R", act: actRecall, st: btnPrimary},
		{label: "Show " + s.clientSide(), key: "S", act: actReveal, st: btnSecondary},
	})
	p.gap(m.u(18))
	s.label(p, "QUESTIONS TO ASK YOURSELF", w)
	s.leads(p, recallLeads(s.clientName()), w)
	p.gap(m.u(10))
	s.text(p, "While recall first is on, the timeline is hidden too. It is only a way of viewing: nothing is added to your recording. F turns it off.", fSmall, w, colMuted)
	return p
}

// leads adds the inquirer's questions to p, each after a dot.
func (s *debriefScreen) leads(p *panel, qs []string, w int) {
	a, m, ts := s.a, s.a.m, s.a.ts
	for _, q := range qs {
		para := ts.wrap(q, fOption, w-m.u(24))
		p.add(para.height, 0, func(dst *ebiten.Image, x, y int) {
			a.pt.disc(dst, float64(x+m.u(6)), float64(y)+ts.boxH(fOption)/2, max(2, m.u(3)), colAccent)
			ts.drawPara(dst, para, fOption, float64(x+m.u(24)), float64(y), colText, -1)
		})
		p.says(q)
		p.gap(m.u(6))
	}
}

// panelButtons adds a row of buttons to p (one under the other when the
// row is too narrow for them), which scroll with it and are clicked
// through panelButton.
func (s *debriefScreen) panelButtons(p *panel, w int, bs []debriefButton) {
	a, m := s.a, s.a.m
	bh, gap := a.buttonHeight(), m.u(10)
	row := -gap
	for _, b := range bs {
		row += a.buttonWidth(b.label, b.key) + gap
	}
	x, y := 0, 0
	for i := range bs {
		bw := min(w, a.buttonWidth(bs[i].label, bs[i].key))
		if row > w && i > 0 {
			x, y = 0, y+bh+gap
		}
		bs[i].r = image.Rect(x, y, x+bw, y+bh)
		x += bw + gap
		p.buttons = append(p.buttons, panelButton{r: bs[i].r.Add(image.Pt(0, p.h)), act: bs[i].act})
	}
	words := make([]string, len(bs))
	for i, b := range bs {
		words[i] = b.label + " (" + b.key + ")"
	}
	p.add(y+bh, 0, func(dst *ebiten.Image, x, y int) {
		for _, b := range bs {
			r := b.r.Add(image.Pt(x, y))
			a.button(dst, r, b.label, b.key, b.st, false, a.input.Mouse.In(r))
		}
	})
	p.says(strings.Join(words, " · "))
}

// panelButton is the act of the panel's button clicked this frame, if
// one was (those of the client's side: the right panel p).
func (s *debriefScreen) panelButton(in input, l *debriefLayout, p *panel) (debriefAct, bool) {
	if !in.Click || !in.Mouse.In(l.rightView) {
		return 0, false
	}
	off := image.Pt(l.rightView.Min.X, l.rightView.Min.Y-int(s.scroll[1].off))
	for _, b := range p.buttons {
		if in.Mouse.In(b.r.Add(off)) {
			return b.act, true
		}
	}
	return 0, false
}

// The switch of recall first, over the trainee's side of their own run.

// toggleKey is the key that turns recall first on and off.
const toggleKey = "F"

// toggleWords is what the switch says in a row w wide: in full, or, in a
// narrow window, its first words.
func (s *debriefScreen) toggleWords(w int) string {
	full := "Recall first: hide " + s.clientSide()
	if s.toggleWidth(full) <= w {
		return full
	}
	return "Recall first"
}

// toggleWidth is the width of the switch saying words.
func (s *debriefScreen) toggleWidth(words string) int {
	a, m := s.a, s.a.m
	return int(math.Ceil(a.ts.width(words, fLabel)+a.ts.width(toggleKey, fSmall))) + m.u(36) + m.u(16) + m.u(40)
}

// toggleRect places the switch at the left of the row.
func (s *debriefScreen) toggleRect(row image.Rectangle) image.Rectangle {
	w := min(row.Dx(), s.toggleWidth(s.toggleWords(row.Dx())))
	return image.Rect(row.Min.X, row.Min.Y, row.Min.X+w, row.Max.Y)
}

// drawToggle draws the switch of recall first: a track with its knob at
// the right when it is on, its words and its key.
func (s *debriefScreen) drawToggle(dst *ebiten.Image, l *debriefLayout) {
	a, m, ts := s.a, s.a.m, s.a.ts
	r := l.toggle
	if r.Empty() {
		return
	}
	fill, edge := colPanelAlt, colBorder
	switch {
	case s.recallFirst:
		fill, edge = colAccentBG, colAccent
	case s.hover < 0 && s.mode == dmView && a.input.Mouse.In(r):
		fill = colHover
	}
	a.pt.card(dst, r, r.Dy()/2, max(1, m.u(1)), fill, edge)
	cy := float64(r.Min.Y+r.Max.Y) / 2
	tw, th := m.u(36), m.u(20)
	x := r.Min.X + m.u(16)
	track := image.Rect(x, int(cy)-th/2, x+tw, int(cy)-th/2+th)
	tc, kx := colFaint, track.Min.X+th/2
	if s.recallFirst {
		tc, kx = colAccent, track.Max.X-th/2
	}
	a.pt.roundRect(dst, track, th/2, tc)
	a.pt.disc(dst, float64(kx), cy, th/2-max(2, m.u(3)), colPanel)
	words := a.ellipsize(s.toggleWords(r.Dx()), fLabel, float64(r.Dx()-tw-m.u(16)-m.u(40))-ts.width(toggleKey, fSmall))
	tx := float64(track.Max.X + m.u(10))
	ts.drawLine(dst, words, fLabel, tx, cy-ts.boxH(fLabel)/2, colText)
	ts.drawLine(dst, toggleKey, fSmall, tx+ts.width(words, fLabel)+float64(m.u(8)), cy-ts.boxH(fSmall)/2, colMuted)
}
