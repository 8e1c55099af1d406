package ui

import (
	"fmt"
	"image"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/sim"
)

// resumable is the newest recording, when it is of a course not finished.
type resumable struct {
	name string
	rec  *sim.Recording
	e    *entry
	run  *sim.Run // replayed to where the trainee was
	// before is the client's state before the last recorded choice.
	before sim.State
	err    error // why it cannot be resumed, if it cannot
}

// findResumable looks at the newest recording: if its course is not over
// (its replay is not Done), the trainee is offered to resume it. A
// recording the trainee chose not to resume is not offered again.
func findResumable(a *app) *resumable {
	names := newestFirst(a.store)
	if len(names) == 0 {
		return nil
	}
	name := names[0]
	if d, _ := a.store.Get(keyDismissed); d == name {
		return nil
	}
	data, err := a.store.ReadRecording(name)
	if err != nil {
		return &resumable{name: name, err: err}
	}
	rec, err := sim.ParseRecording(data)
	if err != nil {
		return &resumable{name: name, err: err}
	}
	rc := &resumable{name: name, rec: rec}
	rc.e = a.findEntry(rec.Header.Scenario, rec.Header.SHA256)
	if rc.e == nil {
		rc.err = fmt.Errorf("%w (scenario %q)", errNoScenario, rec.Header.Scenario)
		return rc
	}
	run, err := sim.ReplayEach(rc.e.sc, rec, func(st sim.Step) error {
		rc.before = st.Before
		return nil
	})
	if err != nil {
		rc.err = err
		return rc
	}
	if run.Done() {
		return nil
	}
	rc.run = run
	if len(rec.Choices) == 0 {
		rc.before = run.State()
	}
	return rc
}

// resumeScreen offers to continue an unfinished course, or says why the
// last one cannot be continued.
type resumeScreen struct {
	a       *app
	rc      *resumable
	buttons buttonRow // Resume (or Continue), then Start over
}

func newResumeScreen(a *app, rc *resumable) *resumeScreen {
	s := &resumeScreen{a: a, rc: rc}
	_, _, labels := s.texts()
	s.buttons = buttonRow{next: arrowsOn, prev: arrowsBack, hover: -1}
	for i, label := range labels {
		st := btnSecondary
		if i == 0 {
			st = btnPrimary
		}
		s.buttons.buttons = append(s.buttons.buttons, rowButton{label: label, style: st})
	}
	return s
}

type resumeLayout struct {
	panel   image.Rectangle
	titleY  int
	body    *para
	bodyY   int
	buttons []image.Rectangle
}

func (s *resumeScreen) texts() (title, body string, labels []string) {
	rc := s.rc
	if rc.err != nil {
		title = "Your last course can't be continued"
		body = rc.err.Error() + ".\n\nIts recording is kept at " + s.a.store.Where(rc.name) + "."
		return title, body, []string{"Continue"}
	}
	h := rc.rec.Header
	title = "Welcome back"
	if h.Trainee != "" {
		title += ", " + h.Trainee
	}
	st := rc.run.State()
	started := h.Started
	if t, err := time.Parse(time.RFC3339, h.Started); err == nil {
		started = t.Local().Format("Monday 2 January at 15:04")
	}
	n := len(rc.rec.Choices)
	choices := fmt.Sprintf("%d choices made", n)
	if n == 1 {
		choices = "1 choice made"
	}
	body = fmt.Sprintf("You have a course that isn't finished:\n%s — session %d of %d, %s, started %s.",
		rc.e.sc.Title, st.Session, len(rc.e.sc.Sessions), choices, started)
	if h.Assess {
		body += "\nIt is in assessment mode."
	}
	body += "\n\nResume it exactly where you left off, or start something new? (Its recording is kept either way.)"
	return title, body, []string{"Resume", "Start over"}
}

func (s *resumeScreen) layout() resumeLayout {
	a, m := s.a, s.a.m
	var l resumeLayout
	_, body, labels := s.texts()
	w := min(a.size.X-2*m.u(28), m.u(820))
	inner := w - 2*m.u(40)
	l.body = a.ts.wrap(body, fOption, inner)
	bh := a.buttonHeight()
	h := m.u(36) + int(a.ts.lineH(fTitle)) + m.u(16) + l.body.height + m.u(32) + bh + m.u(36)
	x := (a.size.X - w) / 2
	y := max(m.u(20), (a.size.Y-h)/2)
	l.panel = image.Rect(x, y, x+w, y+h)
	l.titleY = y + m.u(36)
	l.bodyY = l.titleY + int(a.ts.lineH(fTitle)) + m.u(16)
	by := l.bodyY + l.body.height + m.u(32)
	bx := x + w - m.u(40)
	for i := len(labels) - 1; i >= 0; i-- {
		bw := max(m.u(180), a.buttonWidth(labels[i], ""))
		l.buttons = append([]image.Rectangle{image.Rect(bx-bw, by, bx, by+bh)}, l.buttons...)
		bx -= bw + m.u(14)
	}
	return l
}

// Update reads the frame's input.
func (s *resumeScreen) Update(in input) {
	s.buttons.place(s.layout().buttons...)
	if i := s.buttons.update(&in); i >= 0 {
		s.do(i)
	}
}

// moving reports that the screen is still: it has no animation.
func (s *resumeScreen) moving() bool { return false }

func (s *resumeScreen) do(i int) {
	a := s.a
	if s.rc.err == nil && i == 0 {
		a.resumeCourse(s.rc)
		return
	}
	_ = a.store.Set(keyDismissed, s.rc.name)
	a.openDirect()
}

// Draw draws the prompt.
func (s *resumeScreen) Draw(dst *ebiten.Image) {
	a, m := s.a, s.a.m
	title, _, _ := s.texts()
	l := s.layout()
	a.pt.card(dst, l.panel, m.u(18), max(1, m.u(1)), colPanel, colBorder)
	x := float64(l.panel.Min.X + m.u(40))
	a.ts.drawLine(dst, title, fTitle, x, float64(l.titleY), colText)
	a.ts.drawPara(dst, l.body, fOption, x, float64(l.bodyY), colText, -1)
	s.buttons.place(l.buttons...)
	s.buttons.draw(a, dst)
}
