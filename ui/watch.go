package ui

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/internal/watch"
	"github.com/therasim/therasim/sim"
)

// A Revision is a new version of a scenario file that the window plays as
// its author writes it ('therasim play --watch', which watches the file
// and sends each save on Options.Revisions).
type Revision struct {
	// Path is the file, as named on the command line.
	Path string
	// Scenario is the file's scenario, loaded; nil when it has mistakes.
	Scenario *sim.Scenario
	// Err is why the file did not load: sim.Problems (each shown as
	// FILE:LINE:COL: message, as 'therasim check' prints it), or why it
	// could not be read.
	Err error
}

// watching is what the app keeps of the revisions of a watched file.
type watching struct {
	path string
	// problems are the mistakes of the last save, one a line; nil when
	// it loaded. They stay on screen until a save fixes them, and the
	// last good version plays on meanwhile.
	problems []string
	// stop says that a choice made before a reload is no longer offered;
	// it stays until the next choice (made when the run's choices are no
	// longer stopAt) or the next revision.
	stop   string
	stopAt int
	// fresh: a revision was taken and is not yet drawn.
	fresh bool
	// shown, when set, is called when the first frame showing a revision
	// has been drawn (for measuring how soon a save is on screen).
	shown func()
}

// follow takes the revision that came since the last frame, if any, and
// keeps clicks on the panel of mistakes from acting on what is under it.
// It runs at the start of each Update.
func (a *app) follow(in *input) {
	w := &a.watch
	if a.opts.Revisions != nil {
		select {
		case rev, ok := <-a.opts.Revisions:
			if ok {
				a.revise(rev)
			}
		default:
		}
	}
	if w.stop != "" && (a.course == nil || a.course.run.Choices() != w.stopAt) {
		w.stop = ""
		a.dirty = true
	}
	if in.Click {
		if r, ok := a.watchPanel(); ok && in.Mouse.In(r.box) {
			in.Click = false
		}
	}
}

// revise takes a new version of the watched file. One with mistakes has
// them shown while the course plays on in the last good version; a good
// one replaces the scenario of its entries in the picker, and a course
// playing it goes on in it (see replay).
func (a *app) revise(rev Revision) {
	w := &a.watch
	w.path, w.fresh, w.stop = rev.Path, true, ""
	a.dirty = true
	if rev.Err != nil || rev.Scenario == nil {
		w.problems = problemLines(rev.Err)
		return
	}
	w.problems = nil
	sc := rev.Scenario
	var es []*entry
	for _, e := range a.entries {
		if e.path == rev.Path || e.sc != nil && e.sc.File == rev.Path {
			es = append(es, e)
		}
	}
	// The course plays the file: it was opened from it, or from a
	// scenario offered already that the file was a copy of then.
	c := a.course
	playing := c != nil && (slices.Contains(es, c.e) || c.e.sc != nil && c.e.sc.ID == sc.ID)
	opened := len(es) > 0 || playing
	if len(es) == 0 {
		e := &entry{path: rev.Path}
		a.entries = append(a.entries, e)
		es = append(es, e)
	}
	if playing && c.run.Scenario().Hash == sc.Hash {
		return // saved as it was
	}
	for _, e := range es {
		e.sc, e.err = sc, nil
	}
	if playing {
		if !slices.Contains(es, c.e) {
			c.e = es[0]
		}
		a.replay(c, sc)
		return
	}
	if p, ok := a.screen.(*picker); ok && !opened && a.menu == nil {
		p.selectEntry(es[0])
		if strings.TrimSpace(a.trainee) != "" {
			a.startCourse(es[0], a.trainee, a.assess)
			return
		}
	}
	a.say(fmt.Sprintf("%s reloaded: the new version is offered in the picker", sc.Title))
}

// replay moves course c to the revised scenario sc: a new run from the
// same seed, the choices made so far replayed on it up to the first that
// is no longer offered, and on screen where the trainee was (the prompt,
// when they were at one). The reloaded run is recorded anew, its replayed
// choices first, so that every recording is of one version of the
// scenario and replays; the recording of the version before is left as it
// was, whole up to the reload.
func (a *app) replay(c *course, sc *sim.Scenario) {
	past, err := watch.Choices(c.run)
	if err != nil {
		a.say(err.Error())
		return
	}
	_, atPrompt := a.screen.(*sessionScreen)
	if s, ok := a.screen.(*sessionScreen); ok && s.parting {
		atPrompt = false
	}
	run := sim.NewRun(sc, c.run.Seed())
	nc := &course{e: c.e, run: run, assess: c.assess, trainee: c.trainee, face: c.face}
	a.endCourse() // its recording closed, whole up to here
	// The replayed choices are recorded in memory, then written at once:
	// a file is synced after each write, which takes a while.
	now := a.now()
	h := sim.NewHeader(run, c.trainee, now.Format(time.RFC3339))
	h.Assess = c.assess
	var buf bytes.Buffer
	rec, err := sim.NewRecorder(&buf, h)
	prev := run.State()
	nc.before = prev
	stop, _ := watch.Replay(run, past, func(ev []sim.Event) error {
		nc.before, prev = prev, run.State()
		if err == nil {
			err = rec.Record(run, ev)
		}
		return nil
	})
	if err == nil {
		nc.name, nc.w, nc.rec, err = startRecording(a.store, now, sc.ID, c.trainee, buf.Bytes())
	}
	nc.recErr = err
	ev := sinceLastChoice(run.Events())
	st := run.State()
	if rep := nc.weekFrom(ev); rep != nil {
		st = rep.ended
	}
	nc.meters.init(st, sc.Params())
	a.course = nc
	msg := "Scenario reloaded: " + watch.Replayed(run.Choices())
	if nc.recErr != nil {
		msg += "; this run is not being recorded: " + nc.recErr.Error()
	} else if err := keepSources(a.store, nc.e); err != nil {
		// As a new course does: the copies of the scenario and model
		// played with, beside the recording.
		msg += "; no copy of the scenario could be kept beside its recording: " + err.Error()
	}
	a.say(msg)
	if stop != nil {
		a.watch.stop, a.watch.stopAt = stop.String(), run.Choices()
	}
	if run.Prompt() != nil && (atPrompt || stop != nil) {
		s := newSessionScreen(a, nc, ev)
		s.reveal = float64(s.total) // the words were read before: shown at once
		a.show(s)
		return
	}
	a.afterChoice(nil, ev)
}

// startRecording creates a recording of a run of scenario id and writes
// data, its start, to it; it returns the recording's name and writer, and
// a recorder that goes on after data.
func startRecording(st storage, t time.Time, id, trainee string, data []byte) (string, io.WriteCloser, *sim.Recorder, error) {
	done, err := sim.ParseRecording(data)
	if err != nil {
		return "", nil, nil, err
	}
	name, w, err := createRecording(st, t, id, trainee)
	if err != nil {
		return "", nil, nil, err
	}
	if _, err = w.Write(data); err == nil {
		if s, ok := w.(interface{ Sync() error }); ok {
			err = s.Sync()
		}
	}
	if err != nil {
		w.Close()
		return "", nil, nil, err
	}
	return name, w, sim.ResumeRecorder(w, done), nil
}

// problemLines are the lines that say what is wrong with a file.
func problemLines(err error) []string {
	if err == nil {
		return []string{"the file did not load"}
	}
	var ps sim.Problems
	if errors.As(err, &ps) {
		out := make([]string, 0, len(ps))
		for _, p := range ps {
			if !p.Warning {
				out = append(out, p.Error())
			}
		}
		return out
	}
	return strings.Split(err.Error(), "\n")
}

// watchLayout places the panel of mistakes (or of a choice no longer
// offered) along the bottom of the window.
type watchLayout struct {
	box   image.Rectangle
	title *para // the mistakes' heading; nil for a note
	lines []*para
	// more counts the mistakes that did not fit.
	more *para
	warn bool
}

// maxPanelShare is the most of the window's height the panel takes: the
// session goes on above it.
const maxPanelShare = 0.45

// watchPanel lays out the panel; ok is false when there is none.
func (a *app) watchPanel() (l watchLayout, ok bool) {
	w := &a.watch
	if w.problems == nil && w.stop == "" {
		return l, false
	}
	m, ts := a.m, a.ts
	M, pad := m.u(24), m.u(18)
	inner := min(a.size.X-2*M, m.u(1400)) - 2*pad
	iconW := m.u(34)
	var text []string
	if w.problems != nil {
		l.warn = true
		n := len(w.problems)
		title := fmt.Sprintf("%s has %s: the last good version plays on until they are fixed.", w.path, debrief.Count(n, "mistake", "mistakes"))
		if n == 1 {
			title = fmt.Sprintf("%s has a mistake: the last good version plays on until it is fixed.", w.path)
		}
		l.title = ts.wrap(title, fStrong, inner-iconW)
		text = w.problems
	} else {
		text = []string{w.stop}
	}
	h := 2 * pad
	if l.title != nil {
		h += l.title.height + m.u(10)
	}
	limit := int(float64(a.size.Y) * maxPanelShare)
	for i, s := range text {
		p := ts.wrap(s, fOption, inner-iconW)
		if h+p.height > limit && i > 0 {
			rest := len(text) - i
			l.more = ts.wrap(fmt.Sprintf("… and %d more: 'therasim check %s' lists them all.", rest, w.path), fSmall, inner-iconW)
			h += l.more.height
			break
		}
		l.lines = append(l.lines, p)
		h += p.height + m.u(6)
	}
	W := inner + 2*pad
	x := (a.size.X - W) / 2
	bottom := a.size.Y - m.u(16)
	l.box = image.Rect(x, bottom-h, x+W, bottom)
	return l, true
}

// watchInset is how much of the window's bottom the panel of mistakes
// takes, with its margin; 0 when there is none.
func (a *app) watchInset() int {
	l, ok := a.watchPanel()
	if !ok {
		return 0
	}
	return a.size.Y - l.box.Min.Y
}

// drawWatch draws the panel of mistakes, or of a choice no longer
// offered, over the screen; and notes when a revision is first drawn.
func (a *app) drawWatch(dst *ebiten.Image) {
	w := &a.watch
	if l, ok := a.watchPanel(); ok {
		m := a.m
		pad := m.u(18)
		fill, edge, ink := colPanel, colAccent, colText
		if l.warn {
			fill, edge = colWarnBG, colWarn
		}
		a.pt.card(dst, l.box, m.u(12), m.u(3), fill, edge)
		x := float64(l.box.Min.X + pad + m.u(34))
		y := float64(l.box.Min.Y + pad)
		icon := m.u(24)
		if l.warn {
			a.pt.warning(dst, float64(l.box.Min.X+pad+icon/2), y+float64(icon)/2+float64(m.u(2)), icon, colWarn, fill)
		} else {
			a.pt.icon(dst, debrief.GlyphRing, float64(l.box.Min.X+pad+icon/2), y+float64(icon)/2+float64(m.u(2)), icon, edge)
		}
		if l.title != nil {
			a.ts.drawPara(dst, l.title, fStrong, x, y, ink, -1)
			y += float64(l.title.height + m.u(10))
		}
		for _, p := range l.lines {
			a.ts.drawPara(dst, p, fOption, x, y, ink, -1)
			y += float64(p.height + m.u(6))
		}
		if l.more != nil {
			a.ts.drawPara(dst, l.more, fSmall, x, y, colMuted, -1)
		}
	}
	if w.fresh {
		w.fresh = false
		if w.shown != nil {
			w.shown()
		}
	}
}
