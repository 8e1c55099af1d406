package ui

import (
	"errors"
	"fmt"
	"image"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

// Opening recordings for the debrief and the class view, and the screen
// that says why one cannot be opened.

// loadRecording reads and re-simulates one recording, with the copies
// kept of the scenarios as they were played found by copies (see
// openRuns); note says which scenario it was opened with when not the one
// it was played with.
func (a *app) loadRecording(name string, data []byte, copies debrief.Copies) (d *debrief.Debrief, note string, err error) {
	runs, left, notes := a.openRuns([]opening{{name, data, copies}})
	if len(runs) == 0 {
		return nil, "", errors.New(left[0])
	}
	return runs[0], a.openedNotice(runs, notes), nil
}

// openedNotice is what the window says, in a line, of runs opened with a
// scenario other than the one they were played with (notes, from
// openRuns), or "". It names no file: the notes, which say where the copy
// of the scenario is kept, go to the log, for whoever looks after the
// files.
func (a *app) openedNotice(runs []*debrief.Debrief, notes []string) string {
	for _, n := range notes {
		log.Printf("therasim: %s", n)
	}
	if len(notes) == 0 {
		return ""
	}
	if len(runs) > 1 {
		if len(notes) == 1 {
			return "One of these runs was played with another version of its scenario: it is opened with the version that replays it exactly."
		}
		return keptNotice(notes)
	}
	d := runs[0]
	on := ""
	if t, err := time.Parse(time.RFC3339, d.Header.Started); err == nil {
		on = " on " + t.Format("2 January 2006")
	}
	cur := a.findEntry(d.Header.Scenario, d.Header.SHA256)
	switch {
	case cur != nil && cur.sc == d.Scenario:
		return "The scenario has changed since this run was played" + on + ", but not what its choices do."
	case cur == nil:
		return "Opened with the version of the scenario played" + on + " (not among those offered)."
	}
	return "Opened with the version of the scenario played" + on + ": it has changed since."
}

// replayFiles expands the paths given to --replay: a folder stands for the
// recordings (.jsonl) in it.
func replayFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		names, err := filepath.Glob(filepath.Join(p, "*.jsonl"))
		if err != nil {
			return nil, err
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("%s holds no recordings (.jsonl files)", p)
		}
		sort.Strings(names)
		out = append(out, names...)
	}
	return out, nil
}

// openReplay opens the recordings of Options.Replay: one file is the
// debrief of that run, several (or a folder) the class view, one for each
// scenario among them. A recording that cannot be replayed is refused with
// the reason: alone, on a screen of its own; among others, in a note on the
// class view of those that can.
func (a *app) openReplay(paths []string) {
	files, err := replayFiles(paths)
	if err == nil && len(files) == 0 {
		err = errors.New("no recording was named")
	}
	if err != nil {
		a.show(newRefusal(a, "Nothing to replay", err.Error()))
		return
	}
	var ops []opening
	var left []string // why each recording left out was refused
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			left = append(left, err.Error())
			continue
		}
		ops = append(ops, opening{f, data, debrief.KeptBeside(filepath.Dir(f))})
	}
	runs, refused, notes := a.openRuns(ops)
	left = append(left, refused...)
	if n := a.openedNotice(runs, notes); n != "" {
		defer a.say(n)
	}
	switch {
	case len(runs) == 0 && len(files) == 1:
		a.show(newRefusal(a, "This run cannot be replayed", left[0]))
		return
	case len(runs) == 0:
		a.show(newRefusal(a, "None of these runs can be replayed", strings.Join(left, "\n")))
		return
	}
	toPicker := func() { a.toPicker() }
	if len(files) == 1 {
		path := files[0]
		s := newDebriefScreen(a, runs[0], path, func(n sim.Note) error { return debrief.AddNote(path, n) }, toPicker, "Scenarios")
		if a.owns(runs[0]) {
			s.addRecall = func(r sim.Recall) error { return debrief.AddRecall(path, r) }
		}
		a.show(s)
		return
	}
	cls, err := debrief.BuildClasses(runs)
	if err != nil {
		a.show(newRefusal(a, "These runs cannot be compared", err.Error()))
		return
	}
	a.show(newClassScreen(a, cls, left, toPicker))
}

// debriefCourse opens the debrief of the course just played (from the end
// of the course); Esc comes back to back.
func (a *app) debriefCourse(c *course, back screen) {
	if c.name == "" {
		a.say("This run was not recorded, so it cannot be replayed.")
		return
	}
	data, err := a.store.ReadRecording(c.name)
	var d *debrief.Debrief
	var note string
	if err == nil {
		d, note, err = a.loadRecording(c.name, data, a.store.Kept)
	}
	if err != nil {
		a.say("The debrief cannot open: " + err.Error())
		return
	}
	if note != "" {
		defer a.say(note)
	}
	s := newDebriefScreen(a, d, a.store.Where(c.name), storageNotes(a.store, c.name), func() { a.show(back) }, "End of course")
	s.addRecall = storageRecall(a.store, c.name)
	a.show(s)
}

// owns reports whether d is a run of the trainee the window knows (by
// the name they entered), whose recall the debrief may take: the run
// opened on its own from a file (--replay) may be theirs or a trainee's
// an instructor opens.
func (a *app) owns(d *debrief.Debrief) bool {
	me := strings.TrimSpace(a.trainee)
	return me != "" && strings.EqualFold(me, strings.TrimSpace(d.Header.Trainee))
}

// storageNotes appends notes to a recording in the storage (annotate).
func storageNotes(st storage, name string) noteSink {
	return func(n sim.Note) error {
		return annotate(st, name, func(path string) error { return debrief.AddNote(path, n) },
			func(w *sim.Recorder) error { return w.Note(n) })
	}
}

// storageRecall appends the trainee's recall to their recording in the
// storage (annotate).
func storageRecall(st storage, name string) recallSink {
	return func(r sim.Recall) error {
		return annotate(st, name, func(path string) error { return debrief.AddRecall(path, r) },
			func(w *sim.Recorder) error { return w.Recall(r) })
	}
}

// annotate appends one annotation line (an instructor's note, the
// trainee's recall) to the recording name in the storage st, after its
// choices, which stay as they are: on a desktop with onDisk, given the
// file's path (debrief.AddNote, debrief.AddRecall: locked against a run
// still being recorded, and synced); in the browser through the storage
// itself, with write on a recorder that goes on after the recording's
// choices (the line is kept in the page's localStorage with the
// recording).
func annotate(st storage, name string, onDisk func(path string) error, write func(*sim.Recorder) error) error {
	if fs, ok := st.(*fileStorage); ok {
		return onDisk(fs.runPath(name))
	}
	data, err := st.ReadRecording(name)
	if err != nil {
		return err
	}
	rec, err := sim.ParseRecording(data)
	if err != nil {
		return err
	}
	w, err := st.AppendRecording(name)
	if err != nil {
		return err
	}
	err = write(sim.ResumeRecorder(w, rec))
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

// refusal is a screen that says why something cannot be opened.
type refusal struct {
	a            *app
	title, about string
	hover        bool
}

func newRefusal(a *app, title, about string) *refusal {
	return &refusal{a: a, title: title, about: about}
}

func (r *refusal) button() image.Rectangle {
	a, m := r.a, r.a.m
	w := max(m.u(240), a.buttonWidth("Back to the scenarios", "Enter"))
	x := (a.size.X - w) / 2
	y := a.size.Y*2/3 + m.u(20)
	return image.Rect(x, y, x+w, y+a.buttonHeight())
}

func (r *refusal) Update(in input) {
	b := r.button()
	r.hover = in.Mouse.In(b)
	if in.confirm() || in.Pressed(ebiten.KeyEscape) || in.clickIn(b) {
		r.a.toPicker()
	}
}

func (r *refusal) Draw(dst *ebiten.Image) {
	a, m, ts := r.a, r.a.m, r.a.ts
	w := min(a.size.X-2*m.u(40), m.u(900))
	x := (a.size.X - w) / 2
	y := a.size.Y / 5
	a.pt.warning(dst, float64(x)+float64(m.u(22)), float64(y)+ts.boxH(fTitle)/2, m.u(40), colWarn, colBG)
	ts.drawLine(dst, r.title, fTitle, float64(x+m.u(56)), float64(y), colText)
	y += int(ts.lineH(fTitle)) + m.u(20)
	p := ts.wrap(r.about, fOption, w)
	ts.drawPara(dst, p, fOption, float64(x), float64(y), colText, -1)
	a.button(dst, r.button(), "Back to the scenarios", "Enter", btnPrimary, true, r.hover)
}
