package ui

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
)

// Draw draws the debrief.
func (s *debriefScreen) Draw(dst *ebiten.Image) {
	a, m, ts := s.a, s.a.m, s.a.ts
	l := s.layout()
	d := s.shown()
	mo := s.moment()

	// Top bar.
	var label string
	if s.branch != nil {
		label = fmt.Sprintf("WHAT IF · OPTION %d AT CHOICE %d · THE REST PLAYED BY %s", s.alt, s.div, upper(s.policyName(), ""))
	} else {
		label = "DEBRIEF"
		if t := strings.TrimSpace(s.d.Header.Trainee); t != "" {
			label += " · " + upper(t, "")
		}
		if len(s.d.Header.Started) >= 10 {
			label += " · " + s.d.Header.Started[:10]
		}
	}
	tw := float64(l.status.Min.X - m.u(24) - m.u(20))
	lc := colAccent
	if s.branch != nil {
		lc = colWarn
	}
	ts.drawLine(dst, a.ellipsize(label, fLabel, tw), fLabel, float64(m.u(24)), float64(l.labelY), lc)
	ts.drawLine(dst, a.ellipsize(s.d.Scenario.Title, fHeading, tw), fHeading, float64(m.u(24)), float64(l.titleY), colText)
	if pr := s.pending(); pr != nil {
		st := fmt.Sprintf("Choice %d: yours", s.cur)
		ts.drawLine(dst, st, fHeading, float64(l.status.Max.X)-ts.width(st, fHeading), float64(l.titleY), colWarn)
	}
	if mo != nil {
		st := fmt.Sprintf("Choice %d of %d", mo.N, len(d.Moments))
		ts.drawLine(dst, st, fHeading, float64(l.status.Max.X)-ts.width(st, fHeading), float64(l.titleY), colText)
		sess := fmt.Sprintf("SESSION %d", mo.Session)
		if mo.Session >= 1 && mo.Session <= len(s.d.Scenario.Sessions) {
			sess += " · " + upper(s.d.Scenario.Sessions[mo.Session-1].Title, s.d.Scenario.Language)
		}
		sess = a.ellipsize(sess, fLabel, float64(l.status.Dx()))
		ts.drawLine(dst, sess, fLabel, float64(l.status.Max.X)-ts.width(sess, fLabel), float64(l.labelY), colMuted)
	}

	s.drawTimeline(dst, l)

	// The two perspectives.
	lp, rp := s.panels(l)
	for i, pn := range []*panel{lp, rp} {
		card, view := l.left, l.leftView
		if i == 1 {
			card, view = l.right, l.rightView
		}
		s.scroll[i].max = float64(max(0, pn.h-view.Dy()))
		s.scroll[i].clamp()
		a.pt.card(dst, card, m.u(14), max(1, m.u(1)), colPanel, colBorder)
		v := clip(dst, view)
		oy := view.Min.Y - int(s.scroll[i].off)
		for _, b := range pn.blocks {
			if oy+b.y > view.Max.Y || oy+b.y+b.h < view.Min.Y {
				continue
			}
			b.draw(v, view.Min.X, oy+b.y)
		}
		a.fadeEdges(dst, view, &s.scroll[i], colPanel)
		a.drawScrollbar(dst, image.Rect(view.Max.X-m.u(8), view.Min.Y, view.Max.X, view.Max.Y), &s.scroll[i], pn.h)
	}
	s.drawTabs(dst, l)
	s.drawToggle(dst, l)
	switch s.mode {
	case dmNote:
		s.drawNoteEditor(dst, l)
	case dmRecall:
		s.drawRecallEditor(dst, l)
	}

	// The bar.
	if s.mode == dmPick {
		y := l.buttons[0].r.Min.Y
		ts.drawLine(dst, pickLabel, fOption, float64(m.u(24)), float64(y)+(float64(a.buttonHeight())-ts.boxH(fOption))/2, colText)
	}
	for i, b := range l.buttons {
		st := b.st
		if b.selected {
			st = btnPrimary
		}
		a.button(dst, b.r, b.label, b.key, st, false, i == s.hover)
	}
}

// drawNoteEditor draws the note being written over the client's side.
func (s *debriefScreen) drawNoteEditor(dst *ebiten.Image, l *debriefLayout) {
	foot := "It is added to the recording; the recorded choices stay as they are."
	if s.saving {
		foot = "Saving the note with the recording on the class server…"
	}
	s.drawEditor(dst, l, fmt.Sprintf("A NOTE ON CHOICE %d", s.cur), colWarn, s.note, "What should the class see at this moment?", foot, nil)
}

// drawEditor draws an editor over the client's side: its heading in ink,
// the box of text with hint when it is empty, foot under it, and between
// them the questions of leads, as many as leave the box three lines.
func (s *debriefScreen) drawEditor(dst *ebiten.Image, l *debriefLayout, heading string, ink color.RGBA, text []rune, hint, foot string, leads []string) {
	a, m, ts := s.a, s.a.m, s.a.ts
	r := l.right
	a.pt.card(dst, r, m.u(14), m.u(3), colPanel, ink)
	in := r.Inset(m.u(18))
	ts.drawLine(dst, heading, fLabel, float64(in.Min.X), float64(in.Min.Y), ink)
	y := in.Min.Y + int(ts.lineH(fLabel)) + m.u(6)
	fp := ts.wrap(foot, fSmall, in.Dx())
	bottom := in.Max.Y - fp.height - m.u(8)
	// The questions under the box, as many as fit.
	least := 3*int(ts.lineH(fOption)) + m.u(20)
	var qs []*para
	qh := 0
	head := ts.wrap("You might ask yourself:", fSmall, in.Dx())
	for _, q := range leads {
		p := ts.wrap(q, fOption, in.Dx()-m.u(24))
		h := p.height + m.u(6)
		if len(qs) == 0 {
			h += head.height + m.u(14)
		}
		if bottom-y-qh-h < least {
			break
		}
		qs, qh = append(qs, p), qh+h
	}
	box := image.Rect(in.Min.X, y, in.Max.X, bottom-qh)
	a.drawTextBox(dst, box, text, hint, true)
	qy := box.Max.Y + m.u(14)
	if len(qs) > 0 {
		ts.drawPara(dst, head, fSmall, float64(in.Min.X), float64(qy), colMuted, -1)
		qy += head.height
	}
	for _, p := range qs {
		a.pt.disc(dst, float64(in.Min.X+m.u(6)), float64(qy)+ts.boxH(fOption)/2, max(2, m.u(3)), ink)
		ts.drawPara(dst, p, fOption, float64(in.Min.X+m.u(24)), float64(qy), colText, -1)
		qy += p.height + m.u(6)
	}
	ts.drawPara(dst, fp, fSmall, float64(in.Min.X), float64(bottom+m.u(6)), colMuted, -1)
}
