package ui

import (
	"fmt"
	"image"
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

// recallQuestion is what the recall's editor asks.
const recallQuestion = "What were you thinking and feeling here?"

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
	if len(mo.Recall) == 0 && s.addRecall != nil && s.branch == nil {
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
		if pull.Tends != "" {
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
		p.says(pull.Text + " · The author: " + pull.Tends)
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

// drawRecallEditor draws the recall being written over the client's side.
func (s *debriefScreen) drawRecallEditor(dst *ebiten.Image, l *debriefLayout) {
	foot := fmt.Sprintf("It is added to your recording, apart from the instructor’s notes, and shown beside what %s experienced (up to %d characters).",
		s.d.Scenario.Client.FirstName(), recallMost)
	s.drawEditor(dst, l, fmt.Sprintf("YOUR RECALL OF CHOICE %d", s.cur), colAccent, s.recall, recallQuestion, foot)
}
