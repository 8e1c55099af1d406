package ui

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
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
		label = fmt.Sprintf("WHAT IF · OPTION %d AT CHOICE %d · THE REST PLAYED BY %s", s.alt, s.div, strings.ToUpper(s.policyName()))
	} else {
		label = "DEBRIEF"
		if t := strings.TrimSpace(s.d.Header.Trainee); t != "" {
			label += " · " + strings.ToUpper(t)
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
			sess += " · " + strings.ToUpper(s.d.Scenario.Sessions[mo.Session-1].Title)
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
	if (s.a.tick/30)%2 == 0 {
		fillRect(v, image.Rect(int(cx), int(cy), int(cx)+max(2, m.u(2)), int(cy+p.boxH)), colAccent)
	}
	ts.drawLine(dst, "It is added to the recording; the recorded choices stay as they are.", fSmall, float64(in.Min.X), float64(box.Max.Y+m.u(6)), colMuted)
}

// drawTimeline draws the course: six series over the choices, sessions as
// bands, the marks under the plot, the choice in hand and, with a what-if,
// the branch dashed over the recording from the point where it parts.
func (s *debriefScreen) drawTimeline(dst *ebiten.Image, l *debriefLayout) {
	a, m, ts := s.a, s.a.m, s.a.ts
	a.pt.card(dst, l.tl, m.u(14), max(1, m.u(1)), colPanel, colBorder)
	pad := m.u(16)

	// Legend: the six series, then recorded / what if.
	x := float64(l.tl.Min.X + pad)
	ly := float64(l.legendY)
	cy := ly + ts.boxH(fSmall)/2
	for _, se := range timelineSeries {
		fillRect(dst, image.Rect(int(x), int(cy)-max(1, m.u(1)), int(x)+m.u(22), int(cy)+max(1, m.u(1))), se.def.col)
		s.marker(dst, se.def, x+float64(m.u(11)), cy, m.u(14))
		ts.drawLine(dst, se.def.label, fSmall, x+float64(m.u(28)), ly, colText)
		x += ts.width(se.def.label, fSmall) + float64(m.u(44))
	}
	if s.branch != nil {
		w := ts.width("recorded", fSmall) + ts.width("what if", fSmall) + float64(m.u(100))
		if x+w < float64(l.tl.Max.X-pad) {
			x = float64(l.tl.Max.X-pad) - w
			fillRect(dst, image.Rect(int(x), int(cy)-1, int(x)+m.u(22), int(cy)+1), colMuted)
			ts.drawLine(dst, "recorded", fSmall, x+float64(m.u(28)), ly, colMuted)
			x += ts.width("recorded", fSmall) + float64(m.u(44))
			dashed(dst, [][2]float64{{x, cy}, {x + float64(m.u(22)), cy}}, float64(max(2, m.u(3))), float64(m.u(5)), colWarn)
			ts.drawLine(dst, "what if", fSmall, x+float64(m.u(28)), ly, colWarn)
		}
	}

	plot := l.plot
	d := s.shown()
	// Session bands, from the moments: a session starts after the point of
	// the choice before its first.
	type band struct{ from, to, n int }
	var bands []band
	for i, mo := range d.Moments {
		if i == 0 || mo.Session != d.Moments[i-1].Session {
			if len(bands) > 0 {
				bands[len(bands)-1].to = i
			}
			bands = append(bands, band{from: i, n: mo.Session})
		}
	}
	if len(bands) > 0 {
		bands[len(bands)-1].to = max(len(d.Timeline)-1, bands[len(bands)-1].from)
	}
	fillRect(dst, plot, colPanel)
	for i, b := range bands {
		x0, x1 := int(l.xAt(b.from)), int(l.xAt(b.to))
		if i == 0 {
			x0 = plot.Min.X
		}
		if i == len(bands)-1 {
			x1 = plot.Max.X
		}
		if i%2 == 1 {
			fillRect(dst, image.Rect(x0, plot.Min.Y, x1, plot.Max.Y), colPanelAlt)
		}
		if i > 0 {
			fillRect(dst, image.Rect(x0, plot.Min.Y, x0+max(1, m.u(1)), plot.Max.Y), colBorder)
		}
	}
	// The axes: 0–1 at the left, OQ-45 0–180 at the right.
	yAt := func(v float64) float64 {
		top := float64(plot.Min.Y) + ts.lineH(fSmall) + float64(m.u(4))
		return float64(plot.Max.Y-m.u(6)) - (float64(plot.Max.Y-m.u(6))-top)*v
	}
	for _, t := range []float64{0, 0.5, 1} {
		y := yAt(t)
		fillRect(dst, image.Rect(plot.Min.X, int(y), plot.Max.X, int(y)+max(1, m.u(1))), colChartGrid)
		lt := tickText(t)
		ts.drawLine(dst, lt, fSmall, float64(plot.Min.X-m.u(8))-ts.width(lt, fSmall), y-ts.boxH(fSmall)/2, colMuted)
		rt := strconv.Itoa(int(t * 180))
		ts.drawLine(dst, rt, fSmall, float64(plot.Max.X+m.u(8)), y-ts.boxH(fSmall)/2, seriesOQ.col)
	}
	// The choice in hand.
	if s.cur > 0 {
		cx := l.xAt(s.cur)
		bw := max(m.u(8), int((l.px1-l.px0)/float64(max(1, l.points-1))))
		fillRect(dst, image.Rect(int(cx)-bw/2, plot.Min.Y, int(cx)+bw/2+1, plot.Max.Y), colAccentBG)
		fillRect(dst, image.Rect(int(cx)-max(1, m.u(1)), plot.Min.Y, int(cx)+max(1, m.u(1))+1, plot.Max.Y), colAccent)
	}
	// The sessions' names, over the bands.
	for i, b := range bands {
		x0, x1 := int(l.xAt(b.from)), int(l.xAt(b.to))
		if i == 0 {
			x0 = plot.Min.X
		}
		if i == len(bands)-1 {
			x1 = plot.Max.X
		}
		lab := "S" + strconv.Itoa(b.n)
		if x1-x0 > int(ts.width("Session 9", fSmall))+m.u(12) {
			lab = "Session " + strconv.Itoa(b.n)
		}
		if x1-x0 > int(ts.width(lab, fSmall))+m.u(8) {
			ts.drawLine(dst, lab, fSmall, float64(x0+m.u(6)), float64(plot.Min.Y+m.u(2)), colMuted)
		}
	}
	// The divergence.
	if s.branch != nil && s.div > 0 {
		dx := l.xAt(s.div)
		dashed(dst, [][2]float64{{dx, float64(plot.Min.Y)}, {dx, float64(plot.Max.Y)}}, float64(max(2, m.u(2))), float64(m.u(6)), colWarn)
		lab := fmt.Sprintf("what if: option %d", s.alt)
		lx := dx + float64(m.u(6))
		if lx+ts.width(lab, fSmall) > float64(plot.Max.X) {
			lx = dx - float64(m.u(6)) - ts.width(lab, fSmall)
		}
		ts.drawLine(dst, lab, fSmall, lx, float64(plot.Min.Y+m.u(2))+ts.lineH(fSmall), colWarn)
	}
	// The lines: the recording, then the branch dashed over it.
	pv := clip(dst, plot)
	lw := float64(max(2, m.u(3)))
	line := func(tl []debrief.Point, from int, se tlSeries, w float64, c color.RGBA, dash bool) {
		var pts [][2]float64
		for i := from; i < len(tl); i++ {
			pts = append(pts, [2]float64{l.xAt(i), yAt(clamp01(se.val(&tl[i])))})
		}
		if dash {
			dashed(pv, pts, w, float64(m.u(8)), c)
		} else {
			polyline(pv, pts, w, c)
		}
	}
	for _, se := range timelineSeries {
		c := se.def.col
		if s.branch != nil {
			c = lerpColor(c, colPanel, 0.45)
		}
		line(s.d.Timeline, 0, se, lw, c, false)
	}
	if s.branch != nil {
		for _, se := range timelineSeries {
			line(s.branch.Timeline, max(0, s.div-1), se, lw+1, se.def.col, true)
		}
	}
	// Markers at the choice in hand.
	if s.cur > 0 && s.cur < len(d.Timeline) {
		p := &d.Timeline[s.cur]
		for _, se := range timelineSeries {
			y := yAt(clamp01(se.val(p)))
			a.pt.icon(dst, shCircle, l.xAt(s.cur), y, m.u(20), colPanel)
			s.marker(dst, se.def, l.xAt(s.cur), y, m.u(15))
		}
	}
	// The choice numbers.
	n := l.points - 1
	every := 1
	for _, e := range []int{1, 2, 5, 10, 20, 50} {
		every = e
		if float64(e)*(l.px1-l.px0)/float64(max(1, n)) >= ts.width("000", fSmall)+float64(m.u(8)) {
			break
		}
	}
	for i := every; i <= n; i += every {
		t := strconv.Itoa(i)
		c := colMuted
		if s.cur > 0 && math.Abs(l.xAt(i)-l.xAt(s.cur)) < ts.width(t+strconv.Itoa(s.cur), fSmall)/2+float64(m.u(14)) {
			continue
		}
		ts.drawLine(dst, t, fSmall, l.xAt(i)-ts.width(t, fSmall)/2, float64(l.axisY), c)
	}
	if s.cur > 0 {
		t := strconv.Itoa(s.cur)
		w := ts.width(t, fSmall) + float64(m.u(12))
		cx := l.xAt(s.cur)
		r := image.Rect(int(cx-w/2), l.axisY-m.u(1), int(cx+w/2), l.axisY+int(ts.lineH(fSmall)))
		a.pt.roundRect(dst, r, r.Dy()/2, colAccent)
		ts.drawLine(dst, t, fSmall, cx-ts.width(t, fSmall)/2, float64(l.axisY), colOnAccent)
	}
	// The marks: ruptures on the first row, the week's on the second.
	seen := map[string]bool{}
	var kinds []debrief.Mark
	size := m.u(18)
	drawMarks := func(marks []debrief.Mark, faded bool) {
		stack := map[[2]int]int{}
		for _, mk := range marks {
			sh, col, row, word := markStyle(mk)
			if row < 0 {
				continue
			}
			if !seen[word] {
				seen[word] = true
				kinds = append(kinds, mk)
			}
			if faded {
				col = lerpColor(col, colPanel, 0.55)
			}
			k := [2]int{mk.Choice, row}
			off := stack[k]
			stack[k]++
			mx := l.xAt(mk.Choice) + float64(off*(size+m.u(2)))
			my := float64(l.lane[row])
			if sh == shWarning {
				a.pt.warning(dst, mx, my, size+m.u(2), col, colPanel)
			} else {
				a.pt.icon(dst, sh, mx, my, size, col)
			}
		}
	}
	if s.branch != nil {
		var before, after []debrief.Mark
		for _, mk := range s.d.Marks {
			if mk.Choice >= s.div {
				before = append(before, mk)
			}
		}
		for _, mk := range s.branch.Marks {
			if mk.Choice >= s.div {
				after = append(after, mk)
			}
		}
		drawMarks(before, true)
		var common []debrief.Mark
		for _, mk := range s.d.Marks {
			if mk.Choice < s.div {
				common = append(common, mk)
			}
		}
		drawMarks(common, false)
		drawMarks(after, false)
	} else {
		drawMarks(s.d.Marks, false)
	}
	// The marks' legend.
	x = float64(l.tl.Min.X + pad)
	my := float64(l.marksY)
	ts.drawLine(dst, "Marks:", fSmall, x, my, colMuted)
	x += ts.width("Marks:", fSmall) + float64(m.u(14))
	if len(kinds) == 0 {
		ts.drawLine(dst, "no ruptures, homework or warnings in this run", fSmall, x, my, colFaint)
	}
	for _, mk := range kinds {
		sh, col, _, word := markStyle(mk)
		cy := my + ts.boxH(fSmall)/2
		if x+ts.width(word, fSmall)+float64(m.u(40)) > float64(l.tl.Max.X-pad) {
			break
		}
		if sh == shWarning {
			a.pt.warning(dst, x+float64(m.u(9)), cy, m.u(18), col, colPanel)
		} else {
			a.pt.icon(dst, sh, x+float64(m.u(9)), cy, m.u(16), col)
		}
		ts.drawLine(dst, word, fSmall, x+float64(m.u(24)), my, colText)
		x += ts.width(word, fSmall) + float64(m.u(44))
	}
}

// marker draws a series' marker shape.
func (s *debriefScreen) marker(dst *ebiten.Image, def meterDef, x, y float64, size int) {
	if def.sh == shWarning {
		s.a.pt.warning(dst, x, y, size+s.a.m.u(2), def.col, colPanel)
		return
	}
	s.a.pt.icon(dst, def.sh, x, y, size, def.col)
}

func clamp01(v float64) float64 { return max(0, min(1, v)) }
