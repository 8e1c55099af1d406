package ui

import (
	"fmt"
	"image"
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
	if s.mode == dmNote {
		s.drawNoteEditor(dst, l)
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
	a, m, ts := s.a, s.a.m, s.a.ts
	r := l.right
	a.pt.card(dst, r, m.u(14), m.u(3), colPanel, colWarn)
	in := r.Inset(m.u(18))
	ts.drawLine(dst, fmt.Sprintf("A NOTE ON CHOICE %d", s.cur), fLabel, float64(in.Min.X), float64(in.Min.Y), colWarn)
	y := in.Min.Y + int(ts.lineH(fLabel)) + m.u(6)
	box := image.Rect(in.Min.X, y, in.Max.X, in.Max.Y-int(ts.lineH(fSmall))-m.u(8))
	a.pt.card(dst, box, m.u(8), max(1, m.u(2)), colPanelAlt, colAccent)
	txt := string(s.note)
	p := ts.wrap(txt+"|", fOption, box.Dx()-m.u(24))
	v := clip(dst, box.Inset(m.u(4)))
	// Keep the end of a long note in view.
	ty := box.Min.Y + m.u(10)
	if over := p.height - (box.Dy() - m.u(20)); over > 0 {
		ty -= over
	}
	if txt == "" {
		ts.drawLine(v, "What should the class see at this moment?", fOption, float64(box.Min.X+m.u(12)), float64(ty), colFaint)
	} else {
		ts.drawPara(v, ts.wrap(txt, fOption, box.Dx()-m.u(24)), fOption, float64(box.Min.X+m.u(12)), float64(ty), colText, -1)
	}
	// The caret after the last character.
	last := p.lines[len(p.lines)-1]
	cx := float64(box.Min.X+m.u(12)) + ts.width(strings.TrimSuffix(last, "|"), fOption)
	if txt == "" {
		cx = float64(box.Min.X + m.u(12))
	}
	cy := float64(ty) + float64(len(p.lines)-1)*p.lineH
	if s.a.caretOn() {
		fillRect(v, image.Rect(int(cx), int(cy), int(cx)+max(2, m.u(2)), int(cy+p.boxH)), colAccent)
	}
	foot := "It is added to the recording; the recorded choices stay as they are."
	if s.saving {
		foot = "Saving the note with the recording on the class server…"
	}
	ts.drawLine(dst, a.ellipsize(foot, fSmall, float64(in.Dx())), fSmall, float64(in.Min.X), float64(box.Max.Y+m.u(6)), colMuted)
}
