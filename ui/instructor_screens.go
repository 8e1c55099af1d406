package ui

import (
	"fmt"
	"image"
	"net"
	"net/url"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
)

// The instructor's screens beside the class view and the debrief: the
// class before any run has come in (or while none can be opened), and
// the list of the class's runs, from which each one's debrief opens.

// waitingScreen is the instructor's page while no run can be shown.
type waitingScreen struct {
	ins     *instructor
	buttons buttonRow
	lay     layoutCache[waitingLayoutKey, waitingLayout]
}

type waitingLayoutKey struct {
	size image.Point
	m    metrics
	text string
}

type waitingLayout struct {
	x              int
	labelY, titleY int
	body           *para
	bodyY          int
	forget, runs   image.Rectangle
}

func newWaitingScreen(ins *instructor) *waitingScreen {
	return &waitingScreen{ins: ins, buttons: buttonRow{buttons: []rowButton{
		{label: "Forget the key", style: btnSecondary},
		{label: "Runs", caption: "R", style: btnSecondary, letter: 'r'},
	}, focus: -1, hover: -1}}
}

// placeButtons places Forget the key, and Runs when there are runs to
// list.
func (w *waitingScreen) placeButtons(l *waitingLayout) {
	if w.ins.snap == nil || len(w.ins.snap.runs) == 0 {
		w.buttons.place(l.forget)
		return
	}
	w.buttons.place(l.forget, l.runs)
}

// waitingWords say what to do while no run has come in, or why the runs
// that came in cannot be shown.
func (w *waitingScreen) words() (title, body string) {
	ins := w.ins
	give := "Give the class the address " + traineeAddress(classAddress(ins.c)) + " and the class code the server printed when it started. " +
		"Each trainee opens the address, types the code and their name, and chooses a course; their runs appear here as they play (the page asks the server every few seconds)."
	s := ins.snap
	switch {
	case s == nil && ins.down.IsZero():
		title, body = "Asking the class server…", give
	case s == nil || len(s.runs) == 0 && len(s.left) == 0:
		title, body = "Waiting for the class", "No run has come in yet. "+give
	default:
		title = "No run can be shown yet"
		body = plural(len(s.runs), "run has", "runs have") + " come in, and none can be replayed here:\n" + strings.Join(s.left, "\n")
		if s.err != "" {
			body += "\n" + s.err
		}
	}
	if st := ins.status(); st != "" {
		body = st + "\n\n" + body
	}
	return title, body
}

// traineeAddress is how the waiting screen names the address trainees
// open: the page's own, unless it is this computer's own name for itself
// (localhost), which no other computer reaches.
func traineeAddress(addr string) string {
	u, err := url.Parse(addr)
	if addr == "" || err != nil || u.Hostname() == "" {
		return "the server printed for them"
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() == "localhost" || ip != nil && ip.IsLoopback() {
		return "the server printed for them (not " + addr + ", which only this computer reaches)"
	}
	return addr
}

func (w *waitingScreen) layout() *waitingLayout {
	t, b := w.words()
	return w.lay.get(waitingLayoutKey{w.ins.a.size, w.ins.a.m, t + "\x00" + b}, func() waitingLayout {
		a, m, ts := w.ins.a, w.ins.a.m, w.ins.a.ts
		W, H := a.size.X, a.size.Y
		var l waitingLayout
		wd := min(W-2*m.u(32), m.u(860))
		l.x = (W - wd) / 2
		y := max(m.u(24), H/6)
		l.labelY = y
		y += int(ts.lineH(fLabel))
		l.titleY = y
		y += int(ts.lineH(fTitle)) + m.u(16)
		l.body = ts.wrap(b, fOption, wd)
		l.bodyY = y
		bh := a.buttonHeight()
		M := m.u(24)
		fw := a.buttonWidth("Forget the key", "")
		l.forget = image.Rect(W-M-fw, H-M-bh, W-M, H-M)
		rw := a.buttonWidth("Runs", "R")
		l.runs = image.Rect(l.forget.Min.X-m.u(12)-rw, H-M-bh, l.forget.Min.X-m.u(12), H-M)
		return l
	})
}

// moving: the screen moves while what came in waits to be shown.
func (w *waitingScreen) moving() bool { return w.ins.pending() }

func (w *waitingScreen) Update(in input) {
	w.ins.frame()
	if w.ins.a.screen != w {
		return
	}
	l := w.layout()
	w.placeButtons(l)
	switch w.buttons.update(&in) {
	case 0:
		w.ins.forget()
	case 1:
		if w.ins.snap != nil && len(w.ins.snap.runs) > 0 {
			w.ins.showRuns()
		}
	}
}

func (w *waitingScreen) Draw(dst *ebiten.Image) {
	a, ts := w.ins.a, w.ins.a.ts
	l := w.layout()
	title, _ := w.words()
	x := float64(l.x)
	ts.drawLine(dst, "THERASIM · INSTRUCTOR · CLASS VIEW", fLabel, x, float64(l.labelY), colAccent)
	ts.drawLine(dst, title, fTitle, x, float64(l.titleY), colText)
	ink := colText
	if w.ins.status() != "" {
		ink = colWarn
	}
	ts.drawPara(dst, l.body, fOption, x, float64(l.bodyY), ink, -1)
	w.placeButtons(l)
	w.buttons.draw(a, dst)
}

// runListScreen lists the class's runs; Enter (or a click) opens the
// selected one's debrief.
type runListScreen struct {
	ins    *instructor
	snap   *classSnapshot
	sel    int
	scroll scroller
	hover  int
	gen    int
	bar    buttonRow
	lay    layoutCache[runListKey, runListLayout]
}

type runListKey struct {
	size image.Point
	m    metrics
	gen  int
}

type runRow struct {
	r          image.Rectangle // content coordinates
	who, about *para
}

type runListLayout struct {
	labelY, titleY int
	view           image.Rectangle
	rows           []runRow
	contentH       int
	back, open     image.Rectangle
	forget         image.Rectangle
}

func newRunListScreen(ins *instructor) *runListScreen {
	s := &runListScreen{ins: ins, hover: -1}
	s.bar = buttonRow{buttons: []rowButton{
		{label: "Class view", caption: "Esc", style: btnSecondary, keys: []ebiten.Key{ebiten.KeyEscape}},
		{label: "Open the debrief", caption: "Enter", style: btnPrimary, keys: []ebiten.Key{ebiten.KeyEnter, ebiten.KeyNumpadEnter}},
		{label: "Forget the key", style: btnSecondary},
	}, focus: -1, hover: -1}
	return s
}

// replace shows the runs of snap, the same run selected.
func (s *runListScreen) replace(snap *classSnapshot) {
	name := ""
	if s.snap != nil && s.sel < len(s.snap.runs) {
		name = s.snap.runs[s.sel].info.Name
	}
	s.snap, s.gen = snap, s.gen+1
	s.sel = 0
	for i, r := range snap.runs {
		if r.info.Name == name {
			s.sel = i
		}
	}
}

// runAbout says of a run what the list shows under the trainee's name.
func (s *runListScreen) runAbout(r *liveRun) string {
	if r.d == nil {
		return "Cannot be replayed: " + r.why
	}
	d := r.d
	parts := []string{d.Scenario.Title, plural(len(d.Moments), "choice", "choices")}
	switch {
	case d.Result.Dropped:
		parts = append(parts, "the client dropped out")
	case d.Done:
		parts = append(parts, "finished")
	default:
		parts = append(parts, "in progress")
	}
	if r.info.Notes > 0 {
		parts = append(parts, plural(r.info.Notes, "note", "notes"))
	}
	if len(d.Header.Started) >= 16 {
		parts = append(parts, "started "+strings.Replace(d.Header.Started[:16], "T", " ", 1))
	}
	return strings.Join(parts, " · ")
}

func (s *runListScreen) layout() *runListLayout {
	a := s.ins.a
	return s.lay.get(runListKey{a.size, a.m, s.gen}, func() runListLayout {
		m, ts := a.m, a.ts
		W, H := a.size.X, a.size.Y
		var l runListLayout
		M := m.u(24)
		y := m.u(14)
		l.labelY = y
		y += int(ts.lineH(fLabel))
		l.titleY = y
		y += int(ts.lineH(fHeading)) + m.u(14)
		bh := a.buttonHeight()
		ow := a.buttonWidth("Open the debrief", "Enter")
		l.open = image.Rect(W-M-ow, H-M-bh, W-M, H-M)
		bw := a.buttonWidth("Class view", "Esc")
		l.back = image.Rect(l.open.Min.X-m.u(12)-bw, H-M-bh, l.open.Min.X-m.u(12), H-M)
		fw := a.buttonWidth("Forget the key", "")
		l.forget = image.Rect(M, H-M-bh, M+fw, H-M)
		l.view = image.Rect(M, y, W-M+m.u(10), H-M-bh-m.u(16))
		w := W - 2*M - m.u(14)
		pad := m.u(14)
		cy := 0
		for _, r := range s.snap.runs {
			who := ts.wrap(traineeName(r.info.Trainee), fStrong, w-2*pad)
			about := ts.wrap(s.runAbout(r), fSmall, w-2*pad)
			h := pad + who.height + m.u(4) + about.height + pad
			l.rows = append(l.rows, runRow{r: image.Rect(0, cy, w, cy+h), who: who, about: about})
			cy += h + m.u(10)
		}
		l.contentH = cy
		return l
	})
}

// moving: the screen moves while what came in waits to be shown.
func (s *runListScreen) moving() bool { return s.ins.pending() }

// noticeBottom puts notices above the buttons.
func (s *runListScreen) noticeBottom() int { return s.layout().open.Min.Y - s.ins.a.m.u(12) }

func (s *runListScreen) Update(in input) {
	s.ins.frame()
	if s.ins.a.screen != s {
		return
	}
	l := s.layout()
	s.scroll.update(&in, l.view, l.contentH, s.ins.a.ts.lineH(fOption), false)
	s.hover = -1
	off := image.Pt(l.view.Min.X, l.view.Min.Y-int(s.scroll.off))
	for i, r := range l.rows {
		if in.Mouse.In(l.view) && in.Mouse.In(r.r.Add(off)) {
			s.hover = i
		}
	}
	s.bar.place(l.back, l.open, l.forget)
	n := len(s.snap.runs)
	switch s.bar.update(&in) {
	case 0:
		s.ins.home()
		return
	case 1:
		if s.sel < n {
			s.ins.openRun(s.snap.runs[s.sel], s)
		}
		return
	case 2:
		s.ins.forget()
		return
	}
	switch {
	case in.Click && s.hover >= 0:
		s.sel = s.hover
		s.ins.openRun(s.snap.runs[s.sel], s)
	case in.Pressed(ebiten.KeyArrowDown) && n > 0:
		s.sel = min(n-1, s.sel+1)
		s.showSel(l)
	case in.Pressed(ebiten.KeyArrowUp) && n > 0:
		s.sel = max(0, s.sel-1)
		s.showSel(l)
	case in.Pressed(ebiten.KeyHome) && n > 0:
		s.sel = 0
		s.showSel(l)
	case in.Pressed(ebiten.KeyEnd) && n > 0:
		s.sel = n - 1
		s.showSel(l)
	}
}

func (s *runListScreen) showSel(l *runListLayout) {
	if s.sel < len(l.rows) {
		r := l.rows[s.sel].r
		s.scroll.show(r.Min.Y, r.Max.Y, l.view.Dy())
	}
}

func (s *runListScreen) Draw(dst *ebiten.Image) {
	a, m, ts := s.ins.a, s.ins.a.m, s.ins.a.ts
	l := s.layout()
	M := float64(m.u(24))
	ts.drawLine(dst, "CLASS VIEW · EACH RUN'S DEBRIEF", fLabel, M, float64(l.labelY), colAccent)
	ts.drawLine(dst, "The class's runs", fHeading, M, float64(l.titleY), colText)
	sum := fmt.Sprintf("%s · %d open in the debrief", plural(len(s.snap.runs), "run", "runs"), s.snap.opened())
	ts.drawLine(dst, sum, fSmall, float64(a.size.X)-M-ts.width(sum, fSmall), float64(l.labelY), colMuted)
	view := clip(dst, l.view)
	ox, oy := l.view.Min.X, l.view.Min.Y-int(s.scroll.off)
	pad := m.u(14)
	for i, row := range l.rows {
		r := row.r.Add(image.Pt(ox, oy))
		if r.Max.Y < l.view.Min.Y || r.Min.Y > l.view.Max.Y {
			continue
		}
		fill, edge, bw := colPanel, colBorder, max(1, m.u(1))
		if i == s.hover {
			fill = colHover
		}
		if i == s.sel {
			fill, edge, bw = colAccentBG, colAccent, max(2, m.u(2))
		}
		a.pt.card(view, r, m.u(12), bw, fill, edge)
		ts.drawPara(view, row.who, fStrong, float64(r.Min.X+pad), float64(r.Min.Y+pad), colText, -1)
		ink := colMuted
		if s.snap.runs[i].d == nil {
			ink = colWarn
		}
		ts.drawPara(view, row.about, fSmall, float64(r.Min.X+pad), float64(r.Min.Y+pad+row.who.height+m.u(4)), ink, -1)
	}
	if len(l.rows) == 0 {
		ts.drawLine(view, "No run has come in yet.", fOption, float64(ox), float64(oy+m.u(10)), colMuted)
	}
	a.fadeEdges(dst, l.view, &s.scroll, colBG)
	a.drawScrollbar(dst, image.Rect(l.view.Max.X-m.u(8), l.view.Min.Y, l.view.Max.X, l.view.Max.Y), &s.scroll, l.contentH)
	s.bar.place(l.back, l.open, l.forget)
	s.bar.draw(a, dst)
}
