package ui

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// The debrief: a recorded run replayed for a class, in the spirit of
// Interpersonal Process Recall. A timeline of the whole course runs across
// the top; under it, the choice in hand from the trainee's side (what the
// client said, the options, the one chosen) and from the client's (the
// inner experience and what each rule changed). Left and Right step from
// choice to choice, W tries another option ("what if"), N adds a note.

// debriefMode is what the debrief screen is doing.
type debriefMode int

const (
	dmView debriefMode = iota // stepping through the run (or a what-if branch)
	dmPick                    // choosing the other option for a what-if
	dmNote                    // writing a note
)

// noteSink appends an instructor's note to a recording.
type noteSink func(n sim.Note) error

// whatIfPolicies are the policies offered to play the rest of a what-if
// course, by id, in the order shown.
var whatIfPolicies = []string{"competent", "novice", "random"}

// debriefScreen shows one recorded run.
type debriefScreen struct {
	a *App
	d *debrief.Debrief // the recorded run
	// where the recording is, for the header ("" when it is not a file).
	where string
	// addNote writes a note to the recording; nil when notes cannot be
	// kept (then N says so).
	addNote noteSink
	back    func() // Esc
	backTo  string // what Esc goes back to, for its button

	cur    int // the choice shown, from 1; 0 when the run has none
	mode   debriefMode
	branch *debrief.Debrief // the what-if course, or nil
	div    int              // the choice where branch parts from d
	alt    int              // the option tried there
	polIdx int              // the policy the rest of the branch is played by; len(pols) is by hand
	pols   []*sim.Policy
	// hand is the branch's run when its rest is played by hand, at the
	// prompt after the branch's last choice; nil otherwise.
	hand *sim.Run
	note []rune

	hover  int // the button under the mouse, -1 for none
	hoverO int // the option under the mouse in pick mode, 0 for none
	scroll [2]scroller
	// toOptions scrolls the trainee's side to the options on the next
	// frame (when they are to be picked).
	toOptions bool

	key debriefLayoutKey
	lay debriefLayout
}

// newDebriefScreen opens the debrief of d at its first choice.
func newDebriefScreen(a *App, d *debrief.Debrief, where string, add noteSink, back func(), backTo string) *debriefScreen {
	s := &debriefScreen{a: a, d: d, where: where, addNote: add, back: back, backTo: backTo, hover: -1}
	if len(d.Moments) > 0 {
		s.cur = 1
	}
	if all, err := scenarios.Policies(); err == nil {
		for _, id := range whatIfPolicies {
			for _, p := range all {
				if p.ID == id {
					s.pols = append(s.pols, p)
				}
			}
		}
	}
	return s
}

// shown is the course the screen steps through: the branch when there is
// one, else the recording.
func (s *debriefScreen) shown() *debrief.Debrief {
	if s.branch != nil {
		return s.branch
	}
	return s.d
}

// byHand reports whether the rest of a what-if is played by hand.
func (s *debriefScreen) byHand() bool { return s.polIdx >= len(s.pols) }

// policyName names how the rest of a what-if is played.
func (s *debriefScreen) policyName() string {
	if s.byHand() {
		return "hand"
	}
	return s.pols[s.polIdx].ID
}

// pending is the prompt waiting for a choice by hand when the screen is
// past the branch's last choice, or nil.
func (s *debriefScreen) pending() *sim.Prompt {
	if s.hand == nil || s.branch == nil || s.cur != len(s.branch.Moments)+1 {
		return nil
	}
	return s.hand.Prompt()
}

// lastStep is the last position stepping reaches: the last choice, or the
// prompt after it when the rest is played by hand.
func (s *debriefScreen) lastStep() int {
	n := len(s.shown().Moments)
	if s.hand != nil && s.hand.Prompt() != nil {
		n++
	}
	return n
}

// moment is the choice in hand, or nil.
func (s *debriefScreen) moment() *debrief.Moment {
	d := s.shown()
	if s.cur < 1 || s.cur > len(d.Moments) {
		return nil
	}
	return &d.Moments[s.cur-1]
}

// step moves to choice n (clamped).
func (s *debriefScreen) step(n int) {
	n = max(1, min(s.lastStep(), n))
	if n != s.cur {
		s.cur = n
		s.scroll = [2]scroller{}
	}
}

// startWhatIf enters pick mode at the choice in hand.
func (s *debriefScreen) startWhatIf() {
	m := s.moment()
	switch {
	case m == nil:
		return
	case len(m.Offers) < 2:
		s.a.say("There was only one option at this choice.")
		return
	case len(s.pols) == 0:
		s.a.say("The policies that play the rest of the course did not load.")
		return
	}
	if s.branch != nil {
		// A what-if of a what-if starts again from the recording.
		s.toRecording()
		s.cur = m.N
	}
	s.mode = dmPick
	s.hoverO = 0
	s.toOptions = true
}

// tryOption re-simulates the course with option alt at the choice in hand,
// the rest played by the chosen policy.
func (s *debriefScreen) tryOption(alt int) {
	m := s.moment()
	if m == nil || alt == m.Chosen || alt < 1 || alt > len(m.Offers) {
		return
	}
	var pol *sim.Policy
	if !s.byHand() {
		pol = s.pols[s.polIdx]
	}
	b, run, err := debrief.WhatIf(s.d, m.N, alt, pol)
	if err != nil {
		s.a.say("What if: " + err.Error())
		s.mode = dmView
		return
	}
	s.branch, s.alt, s.mode, s.hand = b, alt, dmView, nil
	if pol == nil {
		s.hand = run
		s.step(m.N + 1)
	}
	s.div = debrief.Diverges(s.d, b)
	if s.div == 0 {
		s.div = m.N
	}
	s.scroll = [2]scroller{}
}

// chooseByHand plays option n at the prompt after the branch's last
// choice and rebuilds the branch with it: the branch is re-simulated from
// the start (same seed) through an in-memory recording, never the file.
func (s *debriefScreen) chooseByHand(n int) {
	opts := make([]int, 0, len(s.branch.Moments)+1)
	for _, m := range s.branch.Moments {
		opts = append(opts, m.Chosen)
	}
	b, run, err := replayChoices(s.d, append(opts, n))
	if err != nil {
		s.a.say("What if: " + err.Error())
		return
	}
	s.branch, s.hand = b, run
	s.hoverO = 0
	s.scroll = [2]scroller{}
	if run.Prompt() != nil {
		s.cur = len(b.Moments) + 1
	} else {
		s.cur = len(b.Moments)
	}
}

// replayChoices plays d's scenario from d's seed with the options opts and
// builds the debrief of that course, recorded in memory.
func replayChoices(d *debrief.Debrief, opts []int) (*debrief.Debrief, *sim.Run, error) {
	r := sim.NewRun(d.Scenario, d.Header.Seed)
	var buf bytes.Buffer
	h := d.Header
	rec, err := sim.NewRecorder(&buf, h)
	if err != nil {
		return nil, nil, err
	}
	for _, o := range opts {
		ev, err := r.Choose(o)
		if err != nil {
			return nil, nil, err
		}
		if err := rec.Record(r, ev); err != nil {
			return nil, nil, err
		}
	}
	parsed, err := sim.ParseRecording(buf.Bytes())
	if err != nil {
		return nil, nil, err
	}
	b, err := debrief.Build(d.Scenario, parsed)
	return b, r, err
}

// toRecording drops the what-if branch.
func (s *debriefScreen) toRecording() {
	s.branch, s.div, s.alt, s.hand = nil, 0, 0, nil
	s.mode = dmView
	s.step(s.cur)
}

// startNote opens the note editor at the choice in hand.
func (s *debriefScreen) startNote() {
	switch {
	case s.branch != nil:
		s.a.say("Notes are about the recorded run: go back to it (W) first.")
		return
	case s.addNote == nil:
		s.a.say("Notes cannot be kept here.")
		return
	case s.moment() == nil:
		return
	}
	s.mode, s.note = dmNote, s.note[:0]
}

// saveNote appends the note being written to the recording and shows it.
func (s *debriefScreen) saveNote() {
	txt := strings.TrimSpace(string(s.note))
	if txt == "" {
		s.mode = dmView
		return
	}
	n := sim.Note{Type: "note", Choice: s.cur, Author: strings.TrimSpace(s.a.trainee), Time: s.a.now().Format(time.RFC3339), Text: txt}
	if err := s.addNote(n); err != nil {
		s.a.say("The note could not be saved: " + err.Error())
		return
	}
	m := &s.d.Moments[s.cur-1]
	m.Notes = append(m.Notes, n)
	s.mode, s.note = dmView, s.note[:0]
	s.a.say("Note saved with the recording.")
}

// Update reads the frame's input.
func (s *debriefScreen) Update(in Input) {
	l := s.layout()
	s.hover = -1
	for i, b := range l.buttons {
		if in.Mouse.In(b.r) {
			s.hover = i
		}
	}
	if s.mode == dmNote {
		s.updateNote(in, l)
		return
	}
	// The panels scroll with the wheel; Up and Down scroll the client's.
	lp, rp := s.panels(l)
	if s.toOptions {
		s.scroll[0].max = float64(max(0, lp.h-l.leftView.Dy()))
		s.scroll[0].off = float64(lp.anchor)
		s.scroll[0].clamp()
		s.toOptions = false
	}
	s.scroll[0].update(&in, l.leftView, lp.h, s.a.ts.lineH(fBody), false)
	s.scroll[1].update(&in, l.rightView, rp.h, s.a.ts.lineH(fBody), false)
	for i, dy := range map[ebiten.Key]float64{ebiten.KeyArrowDown: 1, ebiten.KeyArrowUp: -1, ebiten.KeyPageDown: 6, ebiten.KeyPageUp: -6} {
		if in.Pressed(i) {
			s.scroll[1].off += dy * s.a.ts.lineH(fBody)
			s.scroll[1].clamp()
		}
	}
	if s.mode == dmPick {
		s.updatePick(in, l, lp)
		return
	}
	if p := s.pending(); p != nil {
		s.hoverO = 0
		off := image.Pt(l.leftView.Min.X, l.leftView.Min.Y-int(s.scroll[0].off))
		for _, b := range lp.blocks {
			if b.opt > 0 && in.Mouse.In(image.Rect(0, b.y, l.leftView.Dx(), b.y+b.h).Add(off)) && in.Mouse.In(l.leftView) {
				s.hoverO = b.opt
			}
		}
		if n := in.Digit(); n > 0 && n <= len(p.Options) {
			s.chooseByHand(n)
			return
		}
		if in.Click && s.hoverO > 0 {
			s.chooseByHand(s.hoverO)
			return
		}
	}
	// The timeline: a click jumps to the nearest choice, the wheel scrubs.
	if in.Click && in.Mouse.In(l.tl) {
		s.step(l.choiceAt(in.Mouse.X))
		return
	}
	if in.Wheel != 0 && in.Mouse.In(l.tl) {
		if in.Wheel > 0 {
			s.step(s.cur - 1)
		} else {
			s.step(s.cur + 1)
		}
	}
	if in.Click && s.hover >= 0 {
		s.do(l.buttons[s.hover].act)
		return
	}
	switch {
	case in.Pressed(ebiten.KeyArrowLeft):
		s.do(actPrev)
	case in.Pressed(ebiten.KeyArrowRight), in.Pressed(ebiten.KeySpace):
		s.do(actNext)
	case in.Pressed(ebiten.KeyHome):
		s.step(1)
	case in.Pressed(ebiten.KeyEnd):
		s.step(s.lastStep())
	case in.Pressed(ebiten.KeyEscape):
		if s.branch != nil {
			s.do(actOriginal)
		} else {
			s.do(actBack)
		}
	case typed(in, 'w'):
		if s.branch != nil {
			s.do(actOriginal)
		} else {
			s.do(actWhatIf)
		}
	case typed(in, 'n'):
		s.do(actNote)
	}
}

// typed reports whether the letter r (either case) was typed this frame.
func typed(in Input, r rune) bool {
	return !in.Ctrl && (slices.Contains(in.Runes, r) || slices.Contains(in.Runes, r-'a'+'A'))
}

func (s *debriefScreen) updatePick(in Input, l *debriefLayout, lp *panel) {
	m := s.moment()
	s.hoverO = 0
	off := image.Pt(l.leftView.Min.X, l.leftView.Min.Y-int(s.scroll[0].off))
	for _, b := range lp.blocks {
		if b.opt > 0 && b.opt != m.Chosen && in.Mouse.In(image.Rect(0, b.y, l.leftView.Dx(), b.y+b.h).Add(off)) && in.Mouse.In(l.leftView) {
			s.hoverO = b.opt
		}
	}
	switch {
	case in.Pressed(ebiten.KeyEscape):
		s.mode = dmView
	case in.Click && s.hoverO > 0:
		s.tryOption(s.hoverO)
	case in.Click && s.hover >= 0:
		s.do(l.buttons[s.hover].act)
	case in.Digit() > 0:
		if n := in.Digit(); n == m.Chosen {
			s.a.say(fmt.Sprintf("Option %d is the one the trainee chose: pick another.", n))
		} else {
			s.tryOption(n)
		}
	case in.Pressed(ebiten.KeyTab), typed(in, 'p'):
		s.polIdx = (s.polIdx + 1) % (len(s.pols) + 1)
	}
}

func (s *debriefScreen) updateNote(in Input, l *debriefLayout) {
	switch {
	case in.Pressed(ebiten.KeyEscape):
		s.mode = dmView
		return
	case in.confirm():
		s.saveNote()
		return
	case in.Click && s.hover >= 0:
		s.do(l.buttons[s.hover].act)
		return
	case in.Pressed(ebiten.KeyBackspace) && len(s.note) > 0:
		s.note = s.note[:len(s.note)-1]
	}
	for _, r := range in.Runes {
		if r >= ' ' && r != 0x7f && len(s.note) < 1000 {
			s.note = append(s.note, r)
		}
	}
}

// debriefAct is what a button of the debrief does.
type debriefAct int

const (
	actPrev debriefAct = iota
	actNext
	actWhatIf
	actOriginal
	actNote
	actBack
	actCancel
	actSave
	actPolicy // + the policy's index
)

func (s *debriefScreen) do(act debriefAct) {
	switch {
	case act == actPrev:
		s.step(s.cur - 1)
	case act == actNext:
		s.step(s.cur + 1)
	case act == actWhatIf:
		s.startWhatIf()
	case act == actOriginal:
		s.toRecording()
	case act == actNote:
		s.startNote()
	case act == actBack:
		if s.back != nil {
			s.back()
		}
	case act == actCancel:
		s.mode = dmView
	case act == actSave:
		s.saveNote()
	case act == actPolicy+debriefAct(len(s.pols)):
		s.polIdx = len(s.pols)
	case act >= actPolicy:
		s.polIdx = int(act - actPolicy)
	}
}

// Opening recordings.

// loadRecording reads and re-simulates one recording. The scenario is the
// offered one with the recorded id (and the same hash when there is one);
// Build refuses a changed scenario or a fingerprint mismatch, saying why.
func (a *App) loadRecording(name string, data []byte) (*debrief.Debrief, error) {
	rec, err := sim.ParseRecording(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	e := a.findEntry(rec.Header.Scenario, rec.Header.SHA256)
	if e == nil {
		return nil, fmt.Errorf("%s: the run is of scenario %q, which is not among those offered (name its folder with --dir)", name, rec.Header.Scenario)
	}
	d, err := debrief.Build(e.sc, rec)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return d, nil
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
// debrief of that run, several (or a folder) the class view. A recording
// that cannot be replayed is refused with the reason.
func (a *App) openReplay(paths []string) {
	files, err := replayFiles(paths)
	if err == nil && len(files) == 0 {
		err = errors.New("no recording was named")
	}
	if err != nil {
		a.show(newRefusal(a, "Nothing to replay", err.Error()))
		return
	}
	var runs []*debrief.Debrief
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err == nil {
			var d *debrief.Debrief
			d, err = a.loadRecording(f, data)
			runs = append(runs, d)
		}
		if err != nil {
			a.show(newRefusal(a, "This run cannot be replayed", err.Error()))
			return
		}
	}
	toPicker := func() { a.toPicker() }
	if len(files) == 1 {
		path := files[0]
		a.show(newDebriefScreen(a, runs[0], path, func(n sim.Note) error { return debrief.AddNote(path, n) }, toPicker, "Scenarios"))
		return
	}
	cl, err := debrief.BuildClass(runs[0].Scenario, runs)
	if err != nil {
		a.show(newRefusal(a, "These runs cannot be compared", err.Error()))
		return
	}
	a.show(newClassScreen(a, cl, files, toPicker))
}

// debriefCourse opens the debrief of the course just played (from the end
// of the course); Esc comes back to back.
func (a *App) debriefCourse(c *course, back screen) {
	if c.name == "" {
		a.say("This run was not recorded, so it cannot be replayed.")
		return
	}
	data, err := a.store.ReadRecording(c.name)
	var d *debrief.Debrief
	if err == nil {
		d, err = a.loadRecording(c.name, data)
	}
	if err != nil {
		a.say("The debrief cannot open: " + err.Error())
		return
	}
	a.show(newDebriefScreen(a, d, a.store.Where(c.name), storageNotes(a.store, c.name), func() { a.show(back) }, "End of course"))
}

// storageNotes appends notes to a recording in the storage: with
// debrief.AddNote to a file on a desktop, and through the storage itself in
// the browser (where the note is kept in the page's localStorage with the
// recording).
func storageNotes(st Storage, name string) noteSink {
	if fs, ok := st.(*FileStorage); ok {
		path := fs.runPath(name)
		return func(n sim.Note) error { return debrief.AddNote(path, n) }
	}
	return func(n sim.Note) error {
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
		err = sim.ResumeRecorder(w, rec).Note(n)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return err
	}
}

// refusal is a screen that says why something cannot be opened.
type refusal struct {
	a            *App
	title, about string
	hover        bool
}

func newRefusal(a *App, title, about string) *refusal {
	return &refusal{a: a, title: title, about: about}
}

func (r *refusal) button() image.Rectangle {
	a, m := r.a, r.a.m
	w := max(m.u(240), a.buttonWidth("Back to the scenarios", "Enter"))
	x := (a.size.X - w) / 2
	y := a.size.Y*2/3 + m.u(20)
	return image.Rect(x, y, x+w, y+a.buttonHeight())
}

func (r *refusal) Update(in Input) {
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
