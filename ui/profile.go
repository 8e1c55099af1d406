package ui

import (
	"fmt"
	"image"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/competence"
	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

// A run's competence profile as the window shows it, at the end of the
// course and in the debrief: for each area of the rubric (homework, the
// alliance), each skill with what the run made of its opportunities in a
// supervisor's words (debrief.OpportunityWords, as the HTML report says
// them), its score and a bar of its opportunities in the order of the
// run, the skills most to work on first and those the run gave no
// opportunity for, greyed, last. In the debrief each skill's moments are
// links to the choices behind it.

// profileArea is one area of a profile.
type profileArea struct {
	area, name string
	// mean is the mean score of its scored skills, scored how many were.
	mean   float64
	scored int
	// skills are the area's skills: the scored ones lowest score first
	// (the rubric's order among equals), then those with no opportunity.
	skills []*competence.Score
}

// profileAreas returns p's areas, homework then the alliance; an area
// the rubric has no skill of is left out.
func profileAreas(p *competence.Profile) []profileArea {
	var out []profileArea
	for _, a := range p.Areas() {
		v := profileArea{area: a.Area, name: debrief.AreaName(a.Area), mean: a.Mean, scored: a.Scored,
			skills: slices.Clone(a.Scores)}
		slices.SortStableFunc(v.skills, func(x, y *competence.Score) int {
			switch {
			case x.Scored() != y.Scored():
				if x.Scored() {
					return -1
				}
				return 1
			case !x.Scored():
				return 0
			}
			return cmpFloat(x.Value(), y.Value())
		})
		out = append(out, v)
	}
	return out
}

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// percent writes a score of 0 to 1 as a whole percentage.
func percent(v float64) string { return strconv.Itoa(int(math.Round(v*100))) + "%" }

// areaSummary says an area's mean over its scored skills.
func areaSummary(v *profileArea) string {
	if v.scored == 0 {
		return "no skill of it had an opportunity"
	}
	return fmt.Sprintf("mean %s over %s scored", percent(v.mean), debrief.Count(v.scored, "skill", "skills"))
}

// profileGrades are the grades in the legend's order.
var profileGrades = []sim.Grade{sim.Well, sim.Partly, sim.Missed, sim.Against}

// profileLink is a choice behind a skill's score, a link to it in the
// debrief: where its chip is (relative to the profile's top left).
type profileLink struct {
	r      image.Rectangle
	choice int
	grade  sim.Grade
}

// profileItem is a heading or a skill of a laid out profile.
type profileItem struct {
	y, h                  int
	area                  *profileArea      // a heading when skill is nil
	skill                 *competence.Score // a skill
	name                  *para             // the skill's name, or the area's
	words                 *para             // what the run made of it, or the area's mean
	nameX, wordsX, wordsY int               // relative to the item's top
	bar                   image.Rectangle   // relative to the item's top
	links                 []profileLink     // relative to the profile's top left
	// linksY is the top of the links' row, relative to the item's top.
	linksY int
}

// profileLayout is a profile laid out w wide: its legend, then its areas.
type profileLayout struct {
	w, h    int
	legendY int
	items   []profileItem
	links   []profileLink // every link, in reading order
}

// layoutProfile lays out p w wide; with links, each skill's choices are
// listed under it as links.
func layoutProfile(a *app, areas []profileArea, w int, links bool) profileLayout {
	m, ts := a.m, a.ts
	l := profileLayout{w: w}
	y := 0
	l.legendY = y
	y += a.legendHeight(w) + m.u(14)
	wide := w >= m.u(760)
	barW := m.u(150)
	pctW := int(ts.width("100%", fLabel)) + m.u(4)
	gap := m.u(16)
	for ai := range areas {
		v := &areas[ai]
		if ai > 0 {
			y += m.u(12)
		}
		head := profileItem{y: y, area: v, name: ts.wrap(upper(v.name, ""), fLabel, w)}
		head.words = ts.wrap(areaSummary(v), fSmall, w)
		head.wordsY = head.name.height + m.u(2)
		head.h = head.wordsY + head.words.height + m.u(8)
		l.items = append(l.items, head)
		y += head.h
		for _, s := range v.skills {
			it := profileItem{y: y, skill: s}
			words := debrief.OpportunityWords(s)
			if wide {
				nw := w*40/100 - gap
				it.name = ts.wrap(s.Skill.Name, fOption, nw)
				bx := nw + gap
				it.wordsX = bx + barW + gap/2 + pctW + gap
				it.words = ts.wrap(words, fSmall, w-it.wordsX)
				rowH := max(it.name.height, it.words.height, int(ts.lineH(fOption)))
				cy := int(ts.boxH(fOption)) / 2
				it.bar = image.Rect(bx, cy-m.u(6), bx+barW, cy+m.u(6))
				it.wordsY = (int(ts.boxH(fOption)) - int(ts.boxH(fSmall))) / 2
				it.h = rowH
			} else {
				it.name = ts.wrap(s.Skill.Name, fOption, w)
				by := it.name.height + m.u(4)
				it.wordsX = barW + gap/2 + pctW + gap/2
				it.words = ts.wrap(words, fSmall, w-it.wordsX)
				cy := by + int(ts.boxH(fSmall))/2
				it.bar = image.Rect(0, cy-m.u(6), barW, cy+m.u(6))
				it.wordsY = by
				it.h = by + max(it.words.height, m.u(12))
			}
			if links && s.Scored() {
				it.linksY = it.h + m.u(6)
				lx := int(ts.width("At choices", fSmall)) + m.u(10)
				x, ly := lx, it.linksY
				for _, mo := range s.Moments {
					label := strconv.Itoa(mo.Choice)
					cw := a.chipWidth(label, true)
					if x > lx && x+cw > w {
						x, ly = lx, ly+a.chipHeight()+m.u(6)
					}
					r := image.Rect(x, y+ly, x+cw, y+ly+a.chipHeight())
					it.links = append(it.links, profileLink{r: r, choice: mo.Choice, grade: mo.Grade})
					x += cw + m.u(6)
				}
				it.h = ly + a.chipHeight()
				l.links = append(l.links, it.links...)
			}
			it.h += m.u(14)
			l.items = append(l.items, it)
			y += it.h
		}
	}
	l.h = y
	return l
}

// words returns what the profile says, a heading or a skill a line: a
// skill's name, score and words.
func (l *profileLayout) words() string {
	var b strings.Builder
	for _, it := range l.items {
		switch {
		case it.skill == nil:
			b.WriteString(it.area.name + ": " + areaSummary(it.area) + "\n")
		case it.skill.Scored():
			b.WriteString(it.skill.Skill.Name + ": " + percent(it.skill.Value()) + ", " + debrief.OpportunityWords(it.skill) + "\n")
		default:
			b.WriteString(it.skill.Skill.Name + ": " + debrief.OpportunityWords(it.skill) + "\n")
		}
	}
	return b.String()
}

// legendHeight is the height of the grades' legend laid out w wide.
func (a *app) legendHeight(w int) int {
	rows := 1
	x := 0
	for _, g := range profileGrades {
		cw := a.chipWidth(debrief.GradeWords(g), true)
		if x > 0 && x+cw > w {
			rows++
			x = 0
		}
		x += cw + a.m.u(8)
	}
	return rows*a.chipHeight() + (rows-1)*a.m.u(6)
}

// drawProfile draws l with its top left at o. hover and focus are the
// links under the mouse and under the keyboard's focus (indexes into
// l.links, -1 for none), and current the choice the debrief shows (0 for
// none).
func (a *app) drawProfile(dst *ebiten.Image, l *profileLayout, o image.Point, hover, focus, current int) {
	m, ts := a.m, a.ts
	// The legend.
	x, y := o.X, o.Y+l.legendY
	for _, g := range profileGrades {
		st := debrief.GradeStyle(g)
		label := debrief.GradeWords(g)
		cw := a.chipWidth(label, true)
		if x > o.X && x+cw > o.X+l.w {
			x, y = o.X, y+a.chipHeight()+m.u(6)
		}
		x += a.chip(dst, x, y, label, st.Glyph, true, st.Color, colPanelAlt) + m.u(8)
	}
	k := 0
	for i := range l.items {
		it := &l.items[i]
		top := o.Y + it.y
		if it.skill == nil {
			ts.drawPara(dst, it.name, fLabel, float64(o.X), float64(top), colAccent, -1)
			ts.drawPara(dst, it.words, fSmall, float64(o.X), float64(top+it.wordsY), colMuted, -1)
			continue
		}
		s := it.skill
		ink, wink := colText, colMuted
		if !s.Scored() {
			ink, wink = colFaint, colFaint
		}
		ts.drawPara(dst, it.name, fOption, float64(o.X+it.nameX), float64(top), ink, -1)
		bar := it.bar.Add(image.Pt(o.X, top))
		a.drawOpportunities(dst, bar, s)
		if s.Scored() {
			pct := percent(s.Value())
			ts.drawLine(dst, pct, fLabel, float64(bar.Max.X+m.u(8)), float64(bar.Min.Y+bar.Max.Y)/2-ts.boxH(fLabel)/2, colText)
		}
		ts.drawPara(dst, it.words, fSmall, float64(o.X+it.wordsX), float64(top+it.wordsY), wink, -1)
		if len(it.links) > 0 {
			ts.drawLine(dst, "At choices", fSmall, float64(o.X), float64(top+it.linksY)+(float64(a.chipHeight())-ts.boxH(fSmall))/2, colMuted)
		}
		for _, ln := range it.links {
			r := ln.r.Add(o)
			st := debrief.GradeStyle(ln.grade)
			bg := colPanelAlt
			switch {
			case ln.choice == current:
				bg = colAccentBG
			case k == hover:
				bg = colHover
			}
			if k == focus {
				a.pt.roundRect(dst, r.Inset(-m.u(3)), r.Dy()/2+m.u(3), colAccent)
			}
			a.chip(dst, r.Min.X, r.Min.Y, strconv.Itoa(ln.choice), st.Glyph, true, st.Color, bg)
			if ln.choice == current {
				fillRect(dst, image.Rect(r.Min.X+m.u(10), r.Max.Y-max(2, m.u(2)), r.Max.X-m.u(10), r.Max.Y), colAccent)
			}
			k++
		}
	}
}

// drawOpportunities draws the bar of a skill's opportunities in r: one
// segment each, in the order of the run, in its grade's colour; an empty
// track when it had none.
func (a *app) drawOpportunities(dst *ebiten.Image, r image.Rectangle, s *competence.Score) {
	ops := s.Opportunities()
	rad := r.Dy() / 2
	if len(ops) == 0 {
		a.pt.roundRect(dst, r, rad, colTrack)
		return
	}
	n := len(ops)
	// The gaps narrow as the segments do, so that each keeps most of
	// its width.
	gap := max(1, min(a.m.u(3), r.Dx()/(4*n)))
	w := float64(r.Dx()-(n-1)*gap) / float64(n)
	for i, g := range ops {
		x0 := r.Min.X + int(math.Round(float64(i)*(w+float64(gap))))
		x1 := r.Min.X + int(math.Round(float64(i)*(w+float64(gap))+w))
		a.pt.roundRect(dst, image.Rect(x0, r.Min.Y, max(x1, x0+1), r.Max.Y), min(rad, (x1-x0)/2), debrief.GradeStyle(g).Color)
	}
}
