package ui

import (
	"fmt"
	"image"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

// Draw draws the session screen.
func (s *sessionScreen) Draw(dst *ebiten.Image) {
	a, m, ts := s.a, s.a.m, s.a.ts
	lay := s.layout()
	sc := s.c.e.sc
	st := &s.view

	// Top bar: where we are in the course.
	fillRect(dst, lay.top, colPanel)
	fillRect(dst, image.Rect(0, lay.top.Max.Y-max(1, m.u(1)), lay.top.Max.X, lay.top.Max.Y), colBorder)
	sess := st.Session
	title := ""
	if s.prompt != nil {
		title = s.prompt.SessionTitle
	} else if sess >= 1 && sess <= len(sc.Sessions) {
		title = sc.Sessions[sess-1].Title
	}
	x := float64(lay.left.Min.X)
	y := float64(m.u(10))
	label := fmt.Sprintf("Session %d of %d", sess, len(sc.Sessions))
	ts.drawLine(dst, label, fLabel, x, y, colMuted)
	maxW := float64(lay.timeline.Min.X-lay.left.Min.X) - float64(m.u(24))
	if s.c.assess {
		cw := a.chipWidth("Assessment mode", true)
		maxW -= float64(cw + m.u(16))
		a.chip(dst, lay.timeline.Min.X-cw-m.u(20), (lay.top.Dy()-a.chipHeight())/2, "Assessment mode", debrief.GlyphRing, true, colAccent, colAccentBG)
	}
	// In class, how far the run has been sent, beside where it is.
	lw := ts.width(label, fLabel) + float64(m.u(20))
	a.drawClassStatus(dst, x+lw, y+(ts.boxH(fLabel)-ts.boxH(fSmall))/2, maxW-lw)
	ts.drawLine(dst, a.ellipsize(title, fHeading, maxW), fHeading, x, y+ts.lineH(fLabel), colText)
	s.drawTimeline(dst, lay.timeline, sess, len(sc.Sessions))

	// The client.
	a.pt.roundRect(dst, lay.portrait, m.u(16), colPanelAlt)
	s.drawPortrait(dst, lay.portrait)
	a.pt.roundCorners(dst, lay.portrait, m.u(16), colBG)
	ts.drawPara(dst, lay.name, fHeading, float64(lay.left.Min.X), float64(lay.nameY), colText, -1)
	if !s.c.assess {
		s.drawOQ(dst, lay.oq, st)
		for i := range numMeters {
			s.drawMeter(dst, lay.meterRows[i], i, lay.compact)
		}
		if st.Rupture != sim.NoRupture {
			a.chip(dst, lay.rupture.Min.X, lay.rupture.Min.Y, "Open rupture: "+string(st.Rupture), debrief.GlyphWarning, true, colWarn, colWarnBG)
		}
	}

	// The conversation.
	view := clip(dst, lay.view)
	off := image.Pt(lay.view.Min.X, lay.view.Min.Y-int(s.scroll.off))
	s.drawConversation(view, lay, off)
	a.fadeEdges(dst, lay.view, &s.scroll, colBG)
	a.drawScrollbar(dst, lay.view, &s.scroll, lay.contentH)
	if s.ready() && s.scroll.off < s.scroll.max-1 && !lay.hint.Empty() {
		// Say there is more below while the bottom is out of sight.
		label := "More below: scroll, or use the arrow keys"
		if a.chipWidth(label, true) > lay.hint.Dx() {
			label = "More below"
		}
		w := a.chipWidth(label, true)
		a.chip(dst, lay.hint.Min.X+(lay.hint.Dx()-w)/2, lay.hint.Min.Y, label, debrief.GlyphDown, true, colMuted, colPanelAlt)
	}
}

func (s *sessionScreen) drawTimeline(dst *ebiten.Image, r image.Rectangle, cur, n int) {
	a, m := s.a, s.a.m
	d := r.Dy()
	gap := m.u(12)
	cy := float64(r.Min.Y) + float64(d)/2
	for i := 0; i < n; i++ {
		x := r.Min.X + i*(d+gap)
		if i > 0 {
			c := colBorder
			if i < cur {
				c = colAccent
			}
			fillRect(dst, image.Rect(x-gap, int(cy)-max(1, m.u(1)), x, int(cy)+max(1, m.u(1))), c)
		}
		cx := float64(x) + float64(d)/2
		rr := d / 2
		label := strconv.Itoa(i + 1)
		switch {
		case i+1 < cur: // done
			a.pt.disc(dst, cx, cy, rr, colAccent)
			a.pt.icon(dst, debrief.GlyphCheck, cx, cy, d*11/20, colOnAccent)
		case i+1 == cur: // now
			a.pt.disc(dst, cx, cy, rr, colAccent)
			a.ts.drawCentered(dst, label, fLabel, cx, cy, colOnAccent)
		default:
			a.pt.disc(dst, cx, cy, rr, colBorder)
			a.pt.disc(dst, cx, cy, rr-max(2, m.u(2)), colPanel)
			a.ts.drawCentered(dst, label, fLabel, cx, cy, colMuted)
		}
	}
}

func (s *sessionScreen) drawPortrait(dst *ebiten.Image, r image.Rectangle) {
	a := s.a
	sc := s.c.e.sc
	lk := lookFor(&sc.Client)
	size := min(r.Dx(), r.Dy())
	f := &s.c.face
	draw := func(e expression, alpha float64) {
		img := a.pics.get(lk, sc.Client.Name, e, size)
		op := &ebiten.DrawImageOptions{}
		b := img.Bounds()
		op.GeoM.Translate(float64(r.Min.X+(r.Dx()-b.Dx())/2), float64(r.Max.Y-b.Dy()))
		op.ColorScale.ScaleAlpha(float32(alpha))
		op.Filter = ebiten.FilterLinear
		clip(dst, r).DrawImage(img, op)
	}
	from, to, t := f.mix()
	if from != to {
		draw(from, 1)
	}
	draw(to, t)
}

func (s *sessionScreen) drawOQ(dst *ebiten.Image, r image.Rectangle, st *sim.State) {
	a, m := s.a, s.a.m
	oq, ok := st.LastOQ()
	if !ok {
		return
	}
	cy := float64(r.Min.Y+r.Max.Y) / 2
	if s.layout().oqStacked {
		cy = float64(r.Min.Y) + a.ts.lineH(fSmall)/2
	}
	label := fmt.Sprintf("OQ-45 today: %d", oq.Score)
	a.ts.drawLine(dst, label, fSmall, float64(r.Min.X), cy-a.ts.boxH(fSmall)/2, colText)
	var tag string
	var sh debrief.Glyph
	ink, bg := colMuted, colPanelAlt
	switch {
	case len(st.OQ) == 1:
		tag, sh = "intake", debrief.GlyphRing
	case oq.NotOnTrack:
		tag, sh, ink, bg = "not on track", debrief.GlyphWarning, colWarn, colWarnBG
	default:
		tag, sh, ink, bg = "on track", debrief.GlyphCheck, colGood, colGoodBG
	}
	w := a.chipWidth(tag, true)
	switch {
	case s.layout().oqStacked:
		a.chip(dst, r.Min.X, r.Max.Y-a.chipHeight()-m.u(4), tag, sh, true, ink, bg)
	case float64(r.Max.X-w) > float64(r.Min.X)+a.ts.width(label, fSmall)+float64(m.u(8)):
		a.chip(dst, r.Max.X-w, int(cy)-a.chipHeight()/2, tag, sh, true, ink, bg)
	}
}

func (s *sessionScreen) drawMeter(dst *ebiten.Image, r image.Rectangle, i int, compact bool) {
	a, m, ts := s.a, s.a.m, s.a.ts
	def := meterDefs[i]
	ma := s.c.meters.m[i]
	iconS := m.u(18)
	y := float64(r.Min.Y + m.u(4))
	if compact {
		y = float64(r.Min.Y) + (float64(r.Dy()-m.u(4))-ts.boxH(fLabel))/2
	}
	cy := y + ts.boxH(fLabel)/2
	if i == mDropout {
		a.pt.warning(dst, float64(r.Min.X)+float64(iconS)/2, cy, iconS, def.col, colBG)
	} else {
		a.pt.icon(dst, def.sh, float64(r.Min.X)+float64(iconS)/2, cy, iconS, def.col)
	}
	lx := float64(r.Min.X + iconS + m.u(8))
	ts.drawLine(dst, def.label, fLabel, lx, y, colText)
	val := valueText(i, ma.shown, ma.known)
	vw := ts.width(val, fLabel)
	// The value is right-aligned in a slot wide enough for any value, so
	// the bar does not jump as the digits change.
	slot := math.Max(vw, ts.width("0.00", fLabel))
	ts.drawLine(dst, val, fLabel, float64(r.Max.X)-vw, y, colText)
	arrowX := float64(r.Max.X) - slot - float64(m.u(12))
	if ma.delta != 0 && ma.known {
		sh := debrief.GlyphUp
		if ma.delta < 0 {
			sh = debrief.GlyphDown
		}
		if compact {
			a.pt.icon(dst, sh, arrowX, cy, m.u(13), colMuted)
		} else {
			dt := deltaText(i, ma.delta)
			dw := ts.width(dt, fSmall)
			ax := float64(r.Max.X) - slot - float64(m.u(14)) - dw
			ts.drawLine(dst, dt, fSmall, ax, y+ts.boxH(fLabel)-ts.boxH(fSmall), colMuted)
			a.pt.icon(dst, sh, ax-float64(m.u(10)), cy, m.u(13), colMuted)
		}
	}
	// The bar: under the label, or between label and value when compact.
	bh := m.u(9)
	bar := image.Rect(r.Min.X, r.Max.Y-bh-m.u(7), r.Max.X, r.Max.Y-m.u(7))
	if compact {
		bx := int(lx + ts.width("Dropout risk", fLabel) + float64(m.u(10)))
		bw := int(arrowX) - m.u(12) - bx
		if bw >= m.u(48) {
			bar = image.Rect(bx, int(cy)-bh/2, bx+bw, int(cy)-bh/2+bh)
		} else {
			// No room beside the label (large text): a thin bar under it.
			bh = max(3, m.u(5))
			bar = image.Rect(r.Min.X, r.Max.Y-bh-m.u(1), r.Max.X, r.Max.Y-m.u(1))
		}
	}
	a.pt.roundRect(dst, bar, bh/2, colTrack)
	if ma.known {
		f := s.c.meters.fraction(i, ma.shown)
		w := int(math.Round(f * float64(bar.Dx())))
		if w > 0 {
			a.pt.roundRect(dst, image.Rect(bar.Min.X, bar.Min.Y, bar.Min.X+max(w, bh), bar.Max.Y), bh/2, def.col)
		}
	}
}

func (s *sessionScreen) drawConversation(dst *ebiten.Image, lay *sessionLayout, off image.Point) {
	a, m, ts := s.a, s.a.m, s.a.ts
	at := func(r image.Rectangle) image.Rectangle { return r.Add(off) }
	fx, fy := float64(off.X), float64(off.Y)
	if lay.you != nil {
		ts.drawLine(dst, "You said", fLabel, fx, fy+float64(lay.youY)-ts.lineH(fLabel), colFaint)
		fillRect(dst, image.Rect(off.X, off.Y+lay.youY, off.X+m.u(4), off.Y+lay.youY+lay.you.height), colBorder)
		ts.drawPara(dst, lay.you, fCue, fx+float64(m.u(18)), fy+float64(lay.youY), colMuted, -1)
	}
	card := at(lay.card)
	a.pt.card(dst, card, m.u(16), max(1, m.u(1)), colPanel, colBorder)
	pad := m.u(22)
	first := s.c.e.sc.Client.Name
	for i, r := range first {
		if r == ' ' {
			first = first[:i]
			break
		}
	}
	ts.drawLine(dst, first, fLabel, float64(card.Min.X+pad), fy+float64(lay.nameLabelY), colAccent)
	left := int(s.reveal)
	if s.revealed() {
		left = -1
	}
	for i, b := range lay.blocks {
		if i >= len(s.lines) {
			break
		}
		ln := s.lines[i]
		lim := left
		ts.drawPara(dst, b.speech, fBody, float64(card.Min.X+pad), fy+float64(b.y), colText, lim)
		if left >= 0 {
			left -= utf8.RuneCountInString(ln.Text)
			if left <= 0 {
				break
			}
		}
		if b.cue != nil {
			fillRect(dst, image.Rect(card.Min.X+pad, off.Y+b.cueY, card.Min.X+pad+m.u(4), off.Y+b.cueY+b.cue.height), colCueBar)
			ts.drawPara(dst, b.cue, fCue, float64(card.Min.X+pad+m.u(16)), fy+float64(b.cueY), colMuted, left)
			if left >= 0 {
				left -= utf8.RuneCountInString(ln.Cues)
				if left <= 0 {
					break
				}
			}
		}
	}
	if !s.ready() {
		// A quiet hint that the words can be skipped.
		hint := "Space or click to show all"
		ts.drawLine(dst, hint, fSmall, float64(card.Max.X)-ts.width(hint, fSmall)-float64(pad), float64(card.Max.Y+m.u(8)), colFaint)
		return
	}
	alpha := s.optionsAlpha()
	if s.ask != nil {
		s.drawCheckIn(dst, &lay.ci, at)
		return
	}
	if s.parting {
		s.a.button(dst, at(lay.cont), "End the session", "Enter", btnPrimary, true, s.a.input.Mouse.In(at(lay.cont)))
		return
	}
	badge := m.u(36)
	opad := m.u(14)
	for i, r := range lay.options {
		r = at(r)
		focused, hovered := i == s.focus, i == s.hover
		fill, edge := colPanel, colBorder
		if hovered {
			fill = colHover
		}
		if focused {
			edge = colAccent
			a.pt.roundRect(dst, r.Inset(-m.u(3)), m.u(15), fade(colAccent, alpha))
		}
		a.pt.card(dst, r, m.u(12), max(1, m.u(1)), fade(fill, alpha), fade(edge, alpha))
		cx := float64(r.Min.X+opad) + float64(badge)/2
		cy := float64(r.Min.Y+opad) + float64(badge)/2
		bc := colAccentBG
		ink := colAccent
		if focused || hovered {
			bc, ink = colAccent, colOnAccent
		}
		a.pt.disc(dst, cx, cy, badge/2, fade(bc, alpha))
		ts.drawCentered(dst, strconv.Itoa(i+1), fBadge, cx, cy, fade(ink, alpha))
		p := lay.optParas[i]
		ty := float64(r.Min.Y + opad)
		if p.height < badge {
			ty += float64(badge-p.height) / 2
		}
		ts.drawPara(dst, p, fOption, float64(r.Min.X+opad+badge+opad+m.u(6)), ty, fade(colText, alpha), -1)
	}
}
