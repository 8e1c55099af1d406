package ui

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
)

// The competence profile in the debrief: a tab of the right panel lists
// the run's skills with their scores, and each skill's choices are links
// to them (a click, or Tab and Enter); at each choice the trainee's side
// says which skills it was an opportunity for and their grades.

// profileKey is what the debrief's profile is laid out for.
type profileKey struct {
	w int
	m metrics
}

// profileIntro says what the debrief's profile is and how to use it.
const profileIntro = "Each skill scored at its opportunities, the moments it was possible; most to work on first. A choice’s number opens it (click, or Tab and Enter)."

// profileLayout returns the run's profile laid out w wide.
func (s *debriefScreen) profileLayout(w int) *profileLayout {
	if s.areas == nil {
		s.areas = profileAreas(s.d.Profile())
	}
	return s.prof.get(profileKey{w, s.a.m}, func() profileLayout { return layoutProfile(s.a, s.areas, w, true) })
}

// profilePanel: the recorded run's competence profile, its choices links.
func (s *debriefScreen) profilePanel(w int) *panel {
	a, m := s.a, s.a.m
	p := &panel{}
	label := "THE RUN’S COMPETENCE PROFILE"
	if s.addRecall != nil {
		label = "YOUR COMPETENCE PROFILE"
	}
	s.label(p, label, w)
	s.text(p, profileIntro, fSmall, w, colMuted)
	p.gap(m.u(12))
	l := s.profileLayout(w)
	if len(l.items) == 0 {
		s.text(p, "The course’s rubric has no skills.", fOption, w, colMuted)
		return p
	}
	s.profTop = p.h
	p.add(l.h, 0, func(dst *ebiten.Image, x, y int) {
		a.drawProfile(dst, l, image.Pt(x, y), s.profHover, s.profFocus, s.cur)
	})
	p.says(l.words())
	return p
}

// profileOrigin is where the profile's top left is on screen.
func (s *debriefScreen) profileOrigin(l *debriefLayout) image.Point {
	return image.Pt(l.rightView.Min.X, l.rightView.Min.Y+s.profTop-int(s.scroll[1].off))
}

// updateProfile reads the frame's input while the profile is shown, and
// reports whether it took it: a click on a choice (or Enter on the one
// with the focus) opens it, Tab and Shift-Tab move the focus through the
// choices, Esc goes back to the client's side.
func (s *debriefScreen) updateProfile(in input, l *debriefLayout) bool {
	pl := s.profileLayout(l.rightView.Dx() - s.a.m.u(14))
	o := s.profileOrigin(l)
	s.profHover = -1
	for i, ln := range pl.links {
		if in.Mouse.In(ln.r.Add(o)) && in.Mouse.In(l.rightView) {
			s.profHover = i
		}
	}
	n := len(pl.links)
	switch {
	case in.Click && s.profHover >= 0:
		s.jumpTo(pl.links[s.profHover].choice)
	case in.Pressed(ebiten.KeyTab) && n > 0:
		if in.Shift {
			s.profFocus = (max(s.profFocus, 0) + n - 1) % n
		} else {
			s.profFocus = (s.profFocus + 1) % n
		}
		r := pl.links[s.profFocus].r
		s.scroll[1].show(s.profTop+r.Min.Y-s.a.m.u(40), s.profTop+r.Max.Y+s.a.m.u(8), l.rightView.Dy())
	case in.confirm() && s.profFocus >= 0 && s.profFocus < n:
		s.jumpTo(pl.links[s.profFocus].choice)
	case in.Pressed(ebiten.KeyEscape):
		s.toggleProfile()
	default:
		return false
	}
	return true
}

// judged adds to the trainee's side the skills of the rubric choice mo
// was an opportunity for, each with its grade: "Reviews every task set:
// done well".
func (s *debriefScreen) judged(p *panel, mo *debrief.Moment, w int) {
	a, m, ts := s.a, s.a.m, s.a.ts
	skills := s.d.Scenario.Rubric().Skills
	first := true
	for _, mk := range mo.Marks {
		if mk.Skill < 0 || mk.Skill >= len(skills) {
			continue
		}
		if first {
			p.gap(m.u(8))
			s.label(p, "AN OPPORTUNITY FOR · THE COMPETENCE RUBRIC", w)
			first = false
		}
		st := debrief.GradeStyle(mk.Grade)
		para := ts.wrap(skills[mk.Skill].Name+": "+debrief.GradeWords(mk.Grade), fOption, w-m.u(30))
		p.add(para.height, 0, func(dst *ebiten.Image, x, y int) {
			a.pt.icon(dst, st.Glyph, float64(x+m.u(10)), float64(y)+ts.boxH(fOption)/2, m.u(18), st.Color)
			ts.drawPara(dst, para, fOption, float64(x+m.u(30)), float64(y), colText, -1)
		})
		p.says(skills[mk.Skill].Name + ": " + debrief.GradeWords(mk.Grade))
		p.gap(m.u(6))
	}
}

// drawTabs draws the right panel's tabs.
func (s *debriefScreen) drawTabs(dst *ebiten.Image, l *debriefLayout) {
	a, m, ts := s.a, s.a.m, s.a.ts
	for i, r := range l.tabs {
		on := s.showProfile == (i == 1)
		label := debriefTabs[i]
		fill, edge, ink := colPanelAlt, colBorder, colText
		switch {
		case on:
			fill, edge, ink = colAccent, colAccent, colOnAccent
		case s.hover < 0 && a.input.Mouse.In(r):
			fill = colHover
		}
		a.pt.card(dst, r, r.Dy()/2, max(1, m.u(1)), fill, edge)
		kw := ts.width(tabKey, fSmall) + float64(m.u(8))
		x := float64(r.Min.X) + (float64(r.Dx())-ts.width(label, fLabel)-kw)/2
		cy := float64(r.Min.Y+r.Max.Y) / 2
		ts.drawLine(dst, label, fLabel, x, cy-ts.boxH(fLabel)/2, ink)
		kc := colMuted
		if on {
			kc = colAccentBG
		}
		ts.drawLine(dst, tabKey, fSmall, x+ts.width(label, fLabel)+float64(m.u(8)), cy-ts.boxH(fSmall)/2, kc)
	}
}
