package ui

import (
	"image"
	"math"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/competence"
	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

// The class's competence profile (P in the class view): for each area of
// the rubric a panel, for each skill a histogram of the runs' scores, the
// median and how many runs had no opportunity for it.

// classArea is a panel of the class's competence profile: the skills of
// one area of the rubric, each with the runs' scores.
type classArea struct {
	r      image.Rectangle // content coordinates
	head   string
	scaleY int // the top of the scale's labels, from r's top
	skills []classSkill
	// The columns, from r's left: the skills' names, the histogram of the
	// scores, the median and counts.
	nameX, nameW, stripX, stripW, statX, statW int
	// colW is the width of a histogram's column; a score of 0 is drawn at
	// stripX+inset, of 1 at stripX+stripW-inset.
	colW, inset int
	// key says what the histograms show, right of the head; "" when there
	// is no room.
	key string
}

// classSkill is one skill of the profile: its name and the class's
// scores of it.
type classSkill struct {
	sp          *competence.Spread
	name, count *para
	median      string // "median 75%", or "" when no run had an opportunity
	y, h        int    // from the panel's top
}

// histBins is how many columns the profile's histograms have: one for
// each tenth of the score, from 0% to 100%.
const histBins = 11

// layoutProfile lays out the class's competence profile, w wide: a panel
// for each area of the rubric with a row for each of its skills.
func (s *classScreen) layoutProfile(l *classLayout, w int) {
	m, ts := s.a.m, s.a.ts
	pad := m.u(18)
	inner := w - 2*pad
	nameW := inner * 32 / 100
	statW := inner * 22 / 100
	stripW := inner - nameW - statW - 2*m.u(24)
	rowMin := m.u(80)
	cy := m.u(4)
	for _, area := range sim.Areas() {
		a := classArea{head: upper(debrief.AreaName(area), s.cl.Scenario.Language), nameX: pad, nameW: nameW}
		a.stripX = pad + nameW + m.u(24)
		a.stripW = stripW
		a.colW = max(m.u(6), stripW*6/(10*histBins))
		a.inset = a.colW/2 + m.u(2)
		a.key = "Columns: how many runs scored about so much ·"
		if ts.width(a.key+"  median", fSmall)+float64(m.u(18)) > float64(inner)-ts.width(a.head, fLabel)-float64(m.u(24)) {
			a.key = ""
		}
		a.statX = a.stripX + stripW + m.u(24)
		a.statW = statW
		y := pad + int(ts.lineH(fLabel)) + m.u(8)
		a.scaleY = y
		y += int(ts.lineH(fSmall)) + m.u(4)
		for i := range s.cl.Skills {
			sp := &s.cl.Skills[i]
			if sp.Skill.Area != area {
				continue
			}
			k := classSkill{sp: sp, name: ts.wrap(sp.Skill.Name, fOption, nameW), y: y}
			count := plural(len(sp.Values), "run", "runs")
			if med, ok := sp.Median(); ok {
				k.median = "median " + debrief.Percent(med)
			} else {
				count = "no run had an opportunity"
			}
			if sp.Unscored > 0 && len(sp.Values) > 0 {
				count += " · " + strconv.Itoa(sp.Unscored) + " without an opportunity"
			}
			k.count = ts.wrap(count, fSmall, statW)
			stat := k.count.height
			if k.median != "" {
				stat += int(ts.lineH(fStrong))
			}
			k.h = max(rowMin, k.name.height+m.u(12), stat+m.u(12))
			y += k.h
			a.skills = append(a.skills, k)
		}
		if len(a.skills) == 0 {
			continue
		}
		y += pad - m.u(6)
		a.r = image.Rect(0, cy, w, cy+y)
		cy += y + m.u(14)
		l.areas = append(l.areas, a)
	}
	l.contentH = cy
}

// drawProfile draws the class's competence profile in view, its content
// at (ox, oy).
func (s *classScreen) drawProfile(view *ebiten.Image, l *classLayout, ox, oy int) {
	a, m, ts := s.a, s.a.m, s.a.ts
	pad := m.u(18)
	for _, ar := range l.areas {
		r := ar.r.Add(image.Pt(ox, oy))
		if r.Max.Y < l.view.Min.Y || r.Min.Y > l.view.Max.Y {
			continue
		}
		a.pt.card(view, r, m.u(14), max(1, m.u(1)), colPanel, colBorder)
		ts.drawLine(view, ar.head, fLabel, float64(r.Min.X+pad), float64(r.Min.Y+pad), colAccent)
		if ar.key != "" {
			// "Columns: … · ▲ median", the mark drawn as the histograms draw it.
			ky := float64(r.Min.Y+pad) + (ts.boxH(fLabel)-ts.boxH(fSmall))/2
			mw := ts.width("median", fSmall)
			kx := float64(r.Max.X-pad) - mw - float64(m.u(18)) - ts.width(ar.key, fSmall)
			ts.drawLine(view, ar.key, fSmall, kx, ky, colMuted)
			a.pt.icon(view, debrief.GlyphUp, float64(r.Max.X-pad)-mw-float64(m.u(9)), ky+ts.boxH(fSmall)/2, m.u(12), colWarn)
			ts.drawLine(view, "median", fSmall, float64(r.Max.X-pad)-mw, ky, colMuted)
		}
		x0, x1 := r.Min.X+ar.stripX, r.Min.X+ar.stripX+ar.stripW
		// The scale: 0%, 50% and 100% over the histograms.
		for _, v := range []float64{0, 0.5, 1} {
			x := float64(x0+ar.inset) + v*float64(ar.stripW-2*ar.inset)
			lab := debrief.Percent(v)
			lw := ts.width(lab, fSmall)
			ts.drawLine(view, lab, fSmall, math.Max(float64(x0), math.Min(x-lw/2, float64(x1)-lw)), float64(r.Min.Y+ar.scaleY), colMuted)
		}
		for i, k := range ar.skills {
			y := r.Min.Y + k.y
			if i > 0 {
				fillRect(view, image.Rect(r.Min.X+pad, y, r.Max.X-pad, y+max(1, m.u(1))), colBorder)
			}
			ts.drawPara(view, k.name, fOption, float64(r.Min.X+ar.nameX), float64(y+m.u(8)), colText, -1)
			s.drawHistogram(view, k, image.Rect(x0, y+m.u(4), x1, y+k.h-m.u(4)), ar.colW, ar.inset)
			sy := float64(y + m.u(8))
			if k.median != "" {
				mark := m.u(14)
				a.pt.icon(view, debrief.GlyphUp, float64(r.Min.X+ar.statX+mark/2), sy+ts.boxH(fStrong)/2, mark, colWarn)
				ts.drawLine(view, k.median, fStrong, float64(r.Min.X+ar.statX+mark+m.u(6)), sy, colText)
				sy += ts.lineH(fStrong)
			}
			ink := colMuted
			if k.median == "" {
				ink = colFaint
			}
			ts.drawPara(view, k.count, fSmall, float64(r.Min.X+ar.statX), sy, ink, -1)
		}
	}
}

// drawHistogram draws the runs' scores of one skill in r: a column for
// each tenth of the score, colW wide, as high as the runs that scored it
// (their number over it), on a track from 0% (inset from r's left) to
// 100% (inset from its right), and the median as a mark under the track.
func (s *classScreen) drawHistogram(dst *ebiten.Image, k classSkill, r image.Rectangle, colW, inset int) {
	a, m, ts := s.a, s.a.m, s.a.ts
	var bins [histBins]int
	most := 0
	for _, v := range k.sp.Values {
		b := min(histBins-1, max(0, int(math.Round(v*float64(histBins-1)))))
		bins[b]++
		most = max(most, bins[b])
	}
	mark := m.u(12)
	base := r.Max.Y - mark - m.u(2)
	x := func(v float64) int { return r.Min.X + inset + int(math.Round(v*float64(r.Dx()-2*inset))) }
	labH := int(ts.lineH(fSmall))
	top := r.Min.Y + labH
	// Faint lines at each quarter, and the track.
	for q := 0; q <= 4; q++ {
		gx := x(float64(q) / 4)
		fillRect(dst, image.Rect(gx, top, gx+max(1, m.u(1)), base), colChartGrid)
	}
	a.pt.roundRect(dst, image.Rect(r.Min.X, base, r.Max.X, base+m.u(3)), m.u(1), colTrack)
	for b, n := range bins {
		if n == 0 {
			continue
		}
		cx := x(float64(b) / float64(histBins-1))
		h := max(m.u(6), (base-top)*n/most)
		bar := image.Rect(cx-colW/2, base-h, cx-colW/2+colW, base)
		a.pt.roundRect(dst, bar, m.u(3), colAccent)
		lab := strconv.Itoa(n)
		ts.drawLine(dst, lab, fSmall, float64(cx)-ts.width(lab, fSmall)/2, float64(bar.Min.Y-labH), colText)
	}
	if med, ok := k.sp.Median(); ok {
		a.pt.icon(dst, debrief.GlyphUp, float64(x(med)), float64(base+m.u(3))+float64(mark)/2, mark, colWarn)
	}
}
