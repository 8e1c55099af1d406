package ui

import (
	"fmt"
	"image"
	"strings"
	"unicode"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/therasim/therasim/debrief"
)

// maxNameRunes limits the trainee's name.
const maxNameRunes = 40

// Picker focus: what typing and Space act on.
const (
	pfName = iota
	pfAssess
	pfStart
	numPickerFocus
	// pfCode is the class code's field, in class mode only (the first
	// in the order of focus then).
	pfCode = numPickerFocus
)

// maxCodeRunes limits what can be typed as a class code.
const maxCodeRunes = 24

// picker is the first screen: the scenarios on offer, the one selected in
// detail, the trainee's name, the assessment toggle and Start.
type picker struct {
	a     *app
	sel   int
	focus int
	hover string // what the mouse is over: "start", "assess", "name", "code" or "card"
	card  int    // the card under the mouse, when hover is "card"
	name  []rune
	// code is the class code typed, in class mode.
	code   []rune
	scroll scroller // the detail panel
	list   scroller
	flash  int // frames left of the "type your name" highlight
	// field and codeField are where the name's and the class code's
	// fields were laid out in the last Update, for an input method's
	// window and what is pasted (see app.textField); codeField is empty
	// out of class mode.
	field, codeField image.Rectangle
}

func newPicker(a *app) *picker {
	p := &picker{a: a, name: []rune(a.trainee)}
	switch {
	case a.class != nil && a.class.code == "" && len(p.name) > 0:
		p.focus = pfCode
	case len(p.name) == 0:
		p.focus = pfName
	default:
		p.focus = pfStart
	}
	if a.class != nil {
		code := a.class.code
		if code == "" {
			code, _ = a.store.Get(keyClassCode)
		}
		p.code = []rune(code)
		if len(p.code) == 0 {
			p.focus = pfCode
		}
	}
	for i, e := range a.entries {
		if e.sc != nil {
			p.sel = i
			break
		}
	}
	return p
}

// textField is where the focused text field is (the name's, or the class
// code's), for what is pasted or composed (app.textField).
func (p *picker) textField() (image.Rectangle, bool) {
	switch {
	case p.focus == pfName && !p.field.Empty():
		return p.field, true
	case p.focus == pfCode && !p.codeField.Empty():
		return p.codeField, true
	}
	return image.Rectangle{}, false
}

func (p *picker) selectEntry(e *entry) {
	for i, x := range p.a.entries {
		if x == e {
			p.sel = i
			p.scroll = scroller{}
		}
	}
}

// pickerLayout places the picker's parts.
// pickerIntro is the line under the title.
const pickerIntro = "Practise a course of therapy with a virtual client. Choose a scenario, enter your name and start."

// pickerClassIntro is the line under the title in class mode.
const pickerClassIntro = "Practise a course of therapy with a virtual client, in class: type the class code your instructor gave you and your name, choose a scenario and start."

type pickerLayout struct {
	titleY, subY int
	sub          *para
	// warn says that the browser keeps nothing (see storageWarning), at
	// warnY; nil when storage works.
	warn       *para
	warnY      int
	list       image.Rectangle // the list's view
	cards      []image.Rectangle
	cardTitles []*para
	listH      int
	detail     image.Rectangle // the panel
	dview      image.Rectangle // its scrolling inside
	dcontent   detailContent
	nameLabelY int
	field      image.Rectangle
	// code is the class code's field, and said the line about the class
	// at saidY, in class mode; code is empty otherwise.
	code     image.Rectangle
	said     *para
	saidY    int
	toggle   image.Rectangle
	start    image.Rectangle
	startKey string // "Enter", or "" when there is no room for it
}

// detailContent is the selected scenario's description, wrapped.
type detailContent struct {
	title      *para
	meta       string
	desc       *para
	objectives []*para
	err        *para
	// chips are the scenario's approach, sessions and client, each with
	// its top left: in rows, so that none is left out of a narrow
	// window.
	chips  []string
	chipAt []image.Point
	height int
	// tops of each part, in content coordinates
	metaY, descY, objHeadY, descHeadY int
	objY                              []int
}

func (p *picker) layout() pickerLayout {
	a, m, ts := p.a, p.a.m, p.a.ts
	W, H := a.size.X, a.size.Y
	var l pickerLayout
	M := m.u(32)
	l.titleY = M
	l.subY = l.titleY + int(ts.lineH(fTitle))
	intro := pickerIntro
	if a.class != nil {
		intro = pickerClassIntro
	}
	l.sub = ts.wrap(intro, fSmall, W-2*M)
	top := l.subY + l.sub.height + m.u(20)
	if w := storageWarning(a.store); w != "" {
		l.warnY = l.subY + l.sub.height + m.u(8)
		l.warn = ts.wrap(w, fStrong, W-2*M-m.u(28))
		top = l.warnY + l.warn.height + m.u(20)
	}

	bh := a.buttonHeight()
	labelH := int(ts.lineH(fLabel)) + m.u(6)
	barTop := H - M - bh - labelH
	l.nameLabelY = barTop
	fy := barTop + labelH
	// The bar gives way in order when the text is large: the Start
	// button drops its key caption, then the name field narrows.
	fw := min(m.u(340), W/3)
	cw := 0 // the class code's field and the gap after it
	if a.class != nil {
		cw = max(m.u(150), int(ts.width("Class code", fLabel))+m.u(8))
		fw = min(m.u(300), W/4)
	}
	l.startKey = "Enter"
	sw := max(m.u(220), a.buttonWidth("Start the course", l.startKey))
	toggleMin := m.u(26) + m.u(32) + int(ts.width("Assessment mode", fStrong))
	if cw > 0 {
		cw += m.u(16)
	}
	if W-2*M-cw-fw-sw-m.u(48) < toggleMin {
		l.startKey = ""
		sw = max(m.u(200), a.buttonWidth("Start the course", ""))
	}
	if room := W - 2*M - cw - sw - m.u(48) - toggleMin; fw > room {
		fw = max(m.u(160), room)
	}
	if cw > 0 {
		l.code = image.Rect(M, fy, M+cw-m.u(16), fy+bh)
	}
	l.field = image.Rect(M+cw, fy, M+cw+fw, fy+bh)
	l.start = image.Rect(W-M-sw, fy, W-M, fy+bh)
	l.toggle = image.Rect(l.field.Max.X+m.u(28), fy, l.start.Min.X-m.u(20), fy+bh)

	LW := max(m.u(300), min(m.u(440), W*34/100))
	bottom := barTop - m.u(24)
	if cm := a.class; cm != nil && cm.said != "" {
		l.said = a.wrapLines(cm.said, fSmall, W-2*M, 2)
		l.saidY = barTop - m.u(10) - l.said.height
		bottom = l.saidY - m.u(14)
	}
	l.list = image.Rect(M, top, M+LW, bottom)
	y := 0
	pad := m.u(16)
	for _, e := range a.entries {
		t := ts.wrap(e.title(), fStrong, LW-2*pad-m.u(8))
		h := pad + t.height + m.u(6) + int(ts.lineH(fSmall)) + pad
		l.cards = append(l.cards, image.Rect(0, y, LW-m.u(8), y+h))
		l.cardTitles = append(l.cardTitles, t)
		y += h + m.u(12)
	}
	l.listH = y
	l.detail = image.Rect(M+LW+m.u(24), top, W-M, bottom)
	dpad := m.u(28)
	l.dview = l.detail.Inset(dpad)
	l.dview.Max.X += dpad / 2 // the scrollbar sits in the padding
	l.dcontent = p.detailContent(l.dview.Dx() - dpad/2 - m.u(8))
	return l
}

func (p *picker) detailContent(w int) detailContent {
	a, m, ts := p.a, p.a.m, p.a.ts
	var d detailContent
	if len(a.entries) == 0 {
		d.err = ts.wrap("No scenarios could be loaded.", fOption, w)
		d.height = d.err.height
		return d
	}
	e := a.entries[p.sel]
	d.title = ts.wrap(e.title(), fHeading, w)
	y := d.title.height + m.u(10)
	if e.err != nil {
		d.metaY = y
		d.meta = "This file could not be loaded:"
		y += int(ts.lineH(fSmall)) + m.u(8)
		d.err = ts.wrap(e.err.Error(), fSmall, w)
		d.descY = y
		d.height = y + d.err.height
		return d
	}
	sc := e.sc
	d.metaY = y
	cx := 0
	for _, c := range p.chips() {
		cw := a.chipWidth(c, false)
		if cx > 0 && cx+cw > w {
			cx, y = 0, y+a.chipHeight()+m.u(8)
		}
		if cw > w {
			c = a.ellipsize(c, fSmall, float64(w-(a.chipWidth("", false))))
			cw = a.chipWidth(c, false)
		}
		d.chips = append(d.chips, c)
		d.chipAt = append(d.chipAt, image.Pt(cx, y))
		cx += cw + m.u(8)
	}
	y += a.chipHeight() + m.u(16)
	if len(sc.Objectives) > 0 {
		d.objHeadY = y
		y += int(ts.lineH(fLabel)) + m.u(8)
		for _, o := range sc.Objectives {
			op := ts.wrap(o, fOption, w-m.u(28))
			d.objY = append(d.objY, y)
			d.objectives = append(d.objectives, op)
			y += op.height + m.u(10)
		}
		y += m.u(14)
	}
	if sc.Description != "" {
		d.descHeadY = y
		y += int(ts.lineH(fLabel)) + m.u(8)
		d.desc = ts.wrap(strings.Join(strings.Fields(sc.Description), " "), fOption, w)
		d.descY = y
		y += d.desc.height
	}
	d.height = y
	return d
}

func (p *picker) chips() []string {
	e := p.a.entries[p.sel]
	sc := e.sc
	var out []string
	if sc.Approach != "" {
		out = append(out, sc.Approach)
	}
	n := len(sc.Sessions)
	if n == 1 {
		out = append(out, "1 session")
	} else {
		out = append(out, fmt.Sprintf("%d sessions", n))
	}
	c := sc.Client.Name
	if sc.Client.Age > 0 {
		c += fmt.Sprintf(", %d", sc.Client.Age)
	}
	out = append(out, "Client: "+c)
	switch {
	case e.class:
		out = append(out, "from your instructor")
	case e.path != "":
		out = append(out, "from "+shortPath(e.path))
	}
	return out
}

func shortPath(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// canStart reports whether Start would start, and if not why.
func (p *picker) canStart() (bool, string) {
	if len(p.a.entries) == 0 || p.a.entries[p.sel].sc == nil {
		return false, "Choose a scenario that loads."
	}
	if p.a.class != nil && strings.TrimSpace(string(p.code)) == "" {
		return false, "Type the class code your instructor gave you first."
	}
	if strings.TrimSpace(string(p.name)) == "" {
		return false, "Type your name first: it goes into the recording of your run."
	}
	if p.a.class != nil && p.a.class.joining != nil {
		return false, "Joining the class: a moment."
	}
	return true, ""
}

func (p *picker) start() {
	ok, why := p.canStart()
	if !ok {
		p.a.say(why)
		if p.a.class == nil || p.a.class.joining == nil {
			p.focus = pfName
			if p.a.class != nil && strings.TrimSpace(string(p.code)) == "" {
				p.focus = pfCode
			}
			p.flash = 90
		}
		return
	}
	if cm := p.a.class; cm != nil && !cm.isJoined(string(p.code), string(p.name)) {
		// The server decides: the course starts once it has let the
		// trainee in (see joinAnswered).
		cm.join(strings.TrimSpace(string(p.code)), strings.TrimSpace(string(p.name)))
		return
	}
	p.a.startCourse(p.a.entries[p.sel], string(p.name), p.a.assess)
}

// joinAnswered takes the server's answer to the join Start asked for:
// joined, the course starts, unless the join brought the instructor's own
// scenarios, which the trainee is shown first (the first selected);
// refused or unreachable, the picker says why and nothing starts.
func (p *picker) joinAnswered(ans joinAnswer) {
	a := p.a
	added := a.joined(ans, false)
	if ans.err != nil {
		if r := asRefusal(ans.err); r != nil && !r.transient() {
			p.focus, p.flash = pfCode, 90
		}
		return
	}
	p.name = []rune(a.class.trainee)
	for _, e := range added {
		if e.sc != nil {
			p.selectEntry(e)
			l := p.layout()
			p.showCard(&l)
			a.class.said = "You have joined the class as " + a.class.trainee + ". Your instructor's own scenarios are now in the list: choose one and press Start."
			p.focus = pfStart
			return
		}
	}
	p.a.startCourse(p.a.entries[p.sel], string(p.name), p.a.assess)
}

// focusOrder is the order Tab moves the focus in.
func (p *picker) focusOrder() []int {
	if p.a.class != nil {
		return []int{pfCode, pfName, pfAssess, pfStart}
	}
	return []int{pfName, pfAssess, pfStart}
}

// tab moves the focus on by step (1 or -1) in focusOrder.
func (p *picker) tab(step int) {
	order := p.focusOrder()
	i := 0
	for j, f := range order {
		if f == p.focus {
			i = j
		}
	}
	p.focus = order[(i+step+len(order))%len(order)]
}

// typing returns the text the focused field holds, and its longest; nil
// when no text field has the focus.
func (p *picker) typing() (*[]rune, int) {
	if p.focus == pfCode && p.a.class != nil {
		return &p.code, maxCodeRunes
	}
	return &p.name, maxNameRunes
}

// Update reads the frame's input.
func (p *picker) Update(in input) {
	a := p.a
	l := p.layout()
	if p.flash > 0 {
		p.flash--
	}
	p.field, p.codeField = l.field, l.code
	if cm := a.class; cm != nil {
		if ans, ok := cm.joinDone(); ok {
			p.joinAnswered(ans)
			if a.screen != p {
				return
			}
			l = p.layout()
		}
	}
	p.scroll.update(&in, l.dview, l.dcontent.height, a.ts.lineH(fOption), true)
	p.list.update(&in, l.list, l.listH, a.ts.lineH(fOption), false)
	p.hover = ""
	switch {
	case in.Mouse.In(l.start):
		p.hover = "start"
	case in.Mouse.In(l.toggle):
		p.hover = "assess"
	case in.Mouse.In(l.field):
		p.hover = "name"
	case in.Mouse.In(l.code):
		p.hover = "code"
	}
	for i, r := range l.cards {
		if in.Mouse.In(l.list) && in.Mouse.In(r.Add(image.Pt(l.list.Min.X, l.list.Min.Y-int(p.list.off)))) {
			p.hover, p.card = "card", i
		}
	}
	if in.Click {
		switch {
		case p.hover == "start":
			p.start()
			return
		case p.hover == "assess":
			a.assess = !a.assess
			p.focus = pfAssess
		case p.hover == "name":
			p.focus = pfName
		case p.hover == "code":
			p.focus = pfCode
		case p.hover == "card":
			p.sel = p.card
			p.scroll = scroller{}
		}
	}
	n := len(a.entries)
	switch {
	case in.confirm():
		p.start()
		return
	case in.Pressed(ebiten.KeyArrowDown) && n > 0:
		p.sel = (p.sel + 1) % n
		p.scroll = scroller{}
		p.showCard(&l)
	case in.Pressed(ebiten.KeyArrowUp) && n > 0:
		p.sel = (p.sel + n - 1) % n
		p.scroll = scroller{}
		p.showCard(&l)
	case in.Pressed(ebiten.KeyTab):
		if in.Shift {
			p.tab(-1)
		} else {
			p.tab(1)
		}
	case in.Pressed(ebiten.KeySpace) && p.focus == pfAssess:
		a.assess = !a.assess
	case in.Pressed(ebiten.KeySpace) && p.focus == pfStart:
		p.start()
		return
	case in.anyPressed(ebiten.KeyBackspace) && (p.focus == pfName || p.focus == pfCode):
		text, _ := p.typing()
		backspace(text)
	}
	for _, r := range in.Runes {
		if !unicode.IsPrint(r) && !joiner(r) || in.Ctrl {
			continue
		}
		if r == ' ' && p.focus != pfName && p.focus != pfCode {
			continue
		}
		// Typing with the toggle or Start focused types the name.
		if p.focus != pfCode {
			p.focus = pfName
		}
		text, most := p.typing()
		typeInto(text, r, most, false)
	}
	if (p.focus == pfName || p.focus == pfCode) && in.Paste != "" {
		p.paste(in.Paste)
	}
}

// paste adds pasted (or composed) text to the focused field, saying when
// some was left out for want of room.
func (p *picker) paste(s string) {
	text, most := p.typing()
	if pasteInto(text, s, most, false) {
		what := "A name"
		if text == &p.code {
			what = "A class code"
		}
		p.a.say(fmt.Sprintf("%s can be at most %d characters long: the rest was left out.", what, most))
	}
}

func (p *picker) showCard(l *pickerLayout) {
	if p.sel < len(l.cards) {
		r := l.cards[p.sel]
		p.list.max = float64(max(0, l.listH-l.list.Dy()))
		p.list.show(r.Min.Y, r.Max.Y, l.list.Dy())
	}
}

// Draw draws the picker.
func (p *picker) Draw(dst *ebiten.Image) {
	a, m, ts := p.a, p.a.m, p.a.ts
	l := p.layout()
	M := float64(m.u(32))
	ts.drawLine(dst, "TheraSim", fTitle, M, float64(l.titleY), colText)
	ts.drawPara(dst, l.sub, fSmall, M, float64(l.subY), colMuted, -1)
	if l.warn != nil {
		s := m.u(18)
		a.pt.warning(dst, M+float64(s)/2, float64(l.warnY)+ts.boxH(fStrong)/2, s, colWarn, colBG)
		ts.drawPara(dst, l.warn, fStrong, M+float64(m.u(28)), float64(l.warnY), colWarn, -1)
	}

	// The list.
	list := clip(dst, l.list)
	off := image.Pt(l.list.Min.X, l.list.Min.Y-int(p.list.off))
	pad := m.u(16)
	for i, r := range l.cards {
		r = r.Add(off)
		e := a.entries[i]
		fill, edge := colPanel, colBorder
		if p.hover == "card" && p.card == i {
			fill = colHover
		}
		if i == p.sel {
			fill, edge = colAccentBG, colAccent
		}
		bw := max(1, m.u(1))
		if i == p.sel {
			bw = max(2, m.u(2))
		}
		a.pt.card(list, r, m.u(12), bw, fill, edge)
		ts.drawPara(list, l.cardTitles[i], fStrong, float64(r.Min.X+pad), float64(r.Min.Y+pad), colText, -1)
		my := r.Min.Y + pad + l.cardTitles[i].height + m.u(6)
		if e.err != nil {
			s := m.u(16)
			a.pt.warning(list, float64(r.Min.X+pad+s/2), float64(my)+ts.lineH(fSmall)/2, s, colWarn, fill)
			ts.drawLine(list, "Could not be loaded", fSmall, float64(r.Min.X+pad+s+m.u(8)), float64(my), colWarn)
		} else {
			meta := fmt.Sprintf("%s · %d sessions", e.sc.Approach, len(e.sc.Sessions))
			ts.drawLine(list, a.ellipsize(meta, fSmall, float64(r.Dx()-2*pad)), fSmall, float64(r.Min.X+pad), float64(my), colMuted)
		}
	}
	a.drawScrollbar(dst, l.list, &p.list, l.listH)

	// The detail of the selected scenario.
	a.pt.card(dst, l.detail, m.u(16), max(1, m.u(1)), colPanel, colBorder)
	view := clip(dst, l.dview)
	d := &l.dcontent
	x := float64(l.dview.Min.X)
	y0 := float64(l.dview.Min.Y) - p.scroll.off
	if d.title != nil {
		ts.drawPara(view, d.title, fHeading, x, y0, colText, -1)
	}
	if len(a.entries) > 0 {
		e := a.entries[p.sel]
		if e.err != nil {
			ts.drawLine(view, d.meta, fSmall, x, y0+float64(d.metaY), colWarn)
			ts.drawPara(view, d.err, fSmall, x, y0+float64(d.descY), colText, -1)
		} else {
			for i, c := range d.chips {
				a.chip(view, int(x)+d.chipAt[i].X, int(y0)+d.chipAt[i].Y, c, 0, false, colText, colPanelAlt)
			}
			if d.desc != nil {
				ts.drawLine(view, "ABOUT THE COURSE", fLabel, x, y0+float64(d.descHeadY), colAccent)
				ts.drawPara(view, d.desc, fOption, x, y0+float64(d.descY), colText, -1)
			}
			if len(d.objectives) > 0 {
				ts.drawLine(view, "LEARNING OBJECTIVES", fLabel, x, y0+float64(d.objHeadY), colAccent)
				for i, op := range d.objectives {
					yy := y0 + float64(d.objY[i])
					a.pt.icon(view, debrief.GlyphCheck, x+float64(m.u(9)), yy+ts.boxH(fOption)/2, m.u(15), colAccent)
					ts.drawPara(view, op, fOption, x+float64(m.u(28)), yy, colText, -1)
				}
			}
		}
	} else if d.err != nil {
		ts.drawPara(view, d.err, fOption, x, y0, colWarn, -1)
	}
	a.fadeEdges(dst, l.dview, &p.scroll, colPanel)
	a.drawScrollbar(dst, image.Rect(l.dview.Min.X, l.dview.Min.Y, l.dview.Max.X, l.dview.Max.Y), &p.scroll, d.height)

	// The bar: name, assessment mode, start.
	if l.said != nil {
		col := colMuted
		if a.class.warn {
			col = colWarn
		}
		ts.drawPara(dst, l.said, fSmall, M, float64(l.saidY), col, -1)
	}
	if !l.code.Empty() {
		ts.drawLine(dst, "Class code", fLabel, float64(l.code.Min.X), float64(l.nameLabelY), colMuted)
		a.drawField(dst, l.code, string(p.code), "6 letters", p.focus == pfCode, p.flashing(pfCode))
	}
	ts.drawLine(dst, "Your name", fLabel, float64(l.field.Min.X), float64(l.nameLabelY), colMuted)
	a.drawField(dst, l.field, string(p.name), "e.g. Alex Smith", p.focus == pfName, p.flashing(pfName))
	if note := undrawableNote(string(p.name)); note != "" {
		y := float64(l.field.Max.Y + m.u(4))
		ts.drawLine(dst, a.ellipsize(note, fSmall, float64(l.start.Max.X-l.field.Min.X)), fSmall, float64(l.field.Min.X), y, colWarn)
	}
	p.drawToggle(dst, l.toggle)
	ok, _ := p.canStart()
	st := btnPrimary
	if !ok {
		st = btnSecondary
	}
	a.button(dst, l.start, "Start the course", l.startKey, st, p.focus == pfStart, p.hover == "start")
}

// undrawableNote says which characters of a name no font can draw (they
// are left out where the name is shown, and kept in the recording), by
// their Unicode code points; "" when every one can be drawn.
func undrawableNote(name string) string {
	rs := undrawable(name)
	if len(rs) == 0 {
		return ""
	}
	codes := make([]string, len(rs))
	for i, r := range rs {
		codes[i] = fmt.Sprintf("U+%04X", r)
	}
	return "Some characters of this name cannot be shown here: " + strings.Join(codes, ", ") +
		". They are kept in your name all the same."
}

// drawField draws a text field at r holding text, or the placeholder
// when it is empty, with the caret when it has the focus.
// flashing says whether the field f (pfName, pfCode) is drawn in the
// warning colour this frame: it has the focus, and Start was pressed
// without it (flash).
func (p *picker) flashing(f int) bool {
	return p.focus == f && p.flash > 0 && (p.flash/10)%2 == 0
}

func (p *picker) drawToggle(dst *ebiten.Image, r image.Rectangle) {
	a, m, ts := p.a, p.a.m, p.a.ts
	if p.focus == pfAssess {
		a.pt.roundRect(dst, r, m.u(10), colAccentBG)
	} else if p.hover == "assess" {
		a.pt.roundRect(dst, r, m.u(10), colHover)
	}
	box := m.u(26)
	bx := r.Min.X + m.u(12)
	cy := (r.Min.Y + r.Max.Y) / 2
	br := image.Rect(bx, cy-box/2, bx+box, cy+box/2)
	if a.assess {
		a.pt.roundRect(dst, br, m.u(6), colAccent)
		a.pt.icon(dst, debrief.GlyphCheck, float64(bx)+float64(box)/2, float64(cy), box*3/4, colOnAccent)
	} else {
		a.pt.roundRect(dst, br, m.u(6), colMuted)
		a.pt.roundRect(dst, br.Inset(max(2, m.u(2))), m.u(4), colPanel)
	}
	tx := float64(br.Max.X + m.u(12))
	avail := float64(r.Max.X) - tx - float64(m.u(8))
	t1 := "Assessment mode"
	t2 := "hide the meters and numbers until the end"
	h := ts.lineH(fStrong) + ts.boxH(fSmall)
	y := float64(cy) - h/2
	ts.drawLine(dst, a.ellipsize(t1, fStrong, avail), fStrong, tx, y, colText)
	for _, alt := range []string{"numbers hidden till the end", "numbers hidden"} {
		if ts.width(t2, fSmall) <= avail {
			break
		}
		t2 = alt
	}
	ts.drawLine(dst, a.ellipsize(t2, fSmall, avail), fSmall, tx, y+ts.lineH(fStrong), colMuted)
}
