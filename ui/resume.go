package ui

import (
	"errors"
	"fmt"
	"image"
	"io/fs"
	"log"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

// resumable is the newest recording, when it is of a course not finished.
type resumable struct {
	name string
	rec  *sim.Recording
	// e is the scenario the course goes on with: as it is now, or, when
	// that plays a recorded choice differently, the copy kept of the
	// version the course began with (an entry of its own, not offered in
	// the picker).
	e   *entry
	run *sim.Run // replayed to where the trainee was
	// before is the client's state before the last recorded choice.
	before sim.State
	// revised says, in a line for the trainee, that the scenario has
	// changed since the course began and which version it goes on with;
	// "" when it has not changed.
	revised string
	// kept: the course goes on with the copy kept of the version it began
	// with.
	kept bool
	// err says why it cannot be resumed, if it cannot, in the trainee's
	// words: it follows "The course you began … can't be continued: ".
	err error
}

// findResumable looks at the newest recording: if its course is not over
// (its replay is not Done), the trainee is offered to resume it. A
// recording the trainee chose not to resume is not offered again.
//
// A course goes on as 'therasim run --resume' does (debrief.Resolve): with
// its scenario as it is now when that replays the recorded choices
// exactly, else with the copy kept beside the recordings of the version it
// began with, so that the trainee finishes the course they started and
// the recording's header stays true. It is refused only when neither can
// be had; the details for an instructor go to the log.
func findResumable(a *app) *resumable {
	names := newestFirst(a.store)
	if len(names) == 0 {
		return nil
	}
	name := names[0]
	if d, _ := a.store.Get(keyDismissed); d == name {
		return nil
	}
	rc := &resumable{name: name}
	data, err := a.store.ReadRecording(name)
	if err != nil {
		log.Printf("therasim: %s: %v", name, err)
		rc.err = fmt.Errorf("its recording can't be read (%v)", unwrapPath(err))
		return rc
	}
	rec, err := sim.ParseRecording(data)
	if err != nil {
		log.Printf("therasim: %s: %v", name, err)
		var re *sim.RecordError
		if errors.As(err, &re) && re.Line > 0 {
			rc.err = fmt.Errorf("its recording is damaged at line %d (%s)", re.Line, re.Reason)
		} else {
			rc.err = fmt.Errorf("its recording is damaged (%v)", err)
		}
		return rc
	}
	rc.rec = rec
	h := rec.Header
	e := a.findEntry(h.Scenario, h.SHA256)
	if e == nil && a.opts.Scenario != "" {
		// The scenario named on the command line, not in the list yet.
		if o, err := a.resolve(a.opts.Scenario); err == nil && o.sc.ID == h.Scenario {
			e = o
		}
	}
	var cur *sim.Scenario
	if e != nil {
		cur = e.sc
	}
	p, err := debrief.Resolve(rec, cur, a.model, a.store.Kept)
	if err != nil {
		log.Printf("therasim: %s: %v", name, err)
		switch {
		case cur != nil:
			rc.err = errors.New("its scenario has changed since, and the copy kept of the version you played can't be used")
		case errors.Is(err, fs.ErrNotExist):
			rc.err = fmt.Errorf("its scenario (%q) is not among those offered, and no copy of the version you played was kept", h.Scenario)
		default:
			rc.err = fmt.Errorf("its scenario (%q) is not among those offered, and the copy kept of the version you played can't be used", h.Scenario)
		}
		return rc
	}
	if p.Note != "" {
		log.Printf("therasim: %s: %s", name, p.Note)
	}
	sc := p.Scenario
	same := sc.Hash == h.SHA256 && sc.ModelHash == h.Model
	switch {
	case p.Kept != "":
		rc.e, rc.kept = &entry{sc: sc, path: p.Kept}, true
		rc.revised = "Its scenario has changed since; you go on with the version you began with, so your course stays as it was."
		if cur == nil {
			rc.revised = "Its scenario is no longer offered; you go on with the version you began with, which was kept."
		}
	default:
		rc.e = e
	}
	run, err := sim.ReplayEach(sc, rec, func(st sim.Step) error {
		rc.before = st.Before
		return nil
	})
	if err != nil {
		log.Printf("therasim: %s: %v", name, err)
		if !same && !rc.kept {
			rc.err = errors.New("its scenario has changed since, and no copy of the version you played was kept")
		} else {
			rc.err = errors.New("its recording no longer matches the scenario it was played with (it may have been edited)")
		}
		return rc
	}
	if run.Done() {
		return nil
	}
	if !same && !rc.kept {
		rc.revised = "Its scenario has been revised since, in nothing your choices so far do: you go on with the new version."
	}
	rc.run = run
	if len(rec.Choices) == 0 {
		rc.before = run.State()
	}
	return rc
}

// began is " on 30 November" for a course begun then (with the year when
// it is not this one), or "" when the recording does not say.
func (a *app) began(rec *sim.Recording) string {
	if rec == nil {
		return ""
	}
	t, err := time.Parse(time.RFC3339, rec.Header.Started)
	if err != nil {
		return ""
	}
	t = t.Local()
	if t.Year() != a.now().Year() {
		return " on " + t.Format("2 January 2006")
	}
	return " on " + t.Format("2 January")
}

// unwrapPath drops the operation and path a file error repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
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
		why := rc.err.Error()
		if on := s.a.began(rc.rec); on != "" {
			body = "The course you began" + on + " can't be continued: " + why + "."
		} else {
			body = strings.ToUpper(why[:1]) + why[1:] + "."
		}
		body += "\n\nYour choices so far are kept at " + s.a.store.Where(rc.name) + "; your instructor can still look at them."
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
	if rc.revised != "" {
		body += "\n" + rc.revised
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
