package ui

import (
	"fmt"
	"image"
	"slices"
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
// client said, the trainee's check-in answer and recall, the options, the
// one chosen and the skills of the rubric it was an opportunity for) and
// from the client's (the inner experience and what each rule changed).
// Left and Right step from choice to choice, W tries another option ("what
// if"), N adds a note, R writes the trainee's recall (of their own run),
// and P shows the run's competence profile in the client's place. In the
// debrief of their own run a trainee may step through it recall first (F):
// the client's side of each choice stays hidden until they have written
// their recall of it or shown it (S); see recall.go.

// debriefMode is what the debrief screen is doing.
type debriefMode int

const (
	dmView     debriefMode = iota // stepping through the run (or a what-if branch)
	dmPick                        // choosing the other option for a what-if
	dmNote                        // writing a note
	dmDownload                    // choosing an export to download (the instructor's page)
	dmRecall                      // the trainee writing their recall of a choice
)

// recallMost is the most characters a recall (or a note) may have.
const recallMost = 1000

// noteSink appends an instructor's note to a recording.
type noteSink func(n sim.Note) error

// recallSink appends the trainee's recall of a choice to their recording.
type recallSink func(r sim.Recall) error

// whatIfPolicies are the policies offered to play the rest of a what-if
// course, by id, in the order shown.
var whatIfPolicies = []string{"competent", "novice", "random"}

// debriefScreen shows one recorded run.
type debriefScreen struct {
	a *app
	d *debrief.Debrief // the recorded run
	// where the recording is, for the header ("" when it is not a file).
	where string
	// addNote writes a note to the recording; nil when notes cannot be
	// kept (then N says so).
	addNote noteSink
	// addRecall writes the trainee's recall to the recording; nil when
	// the run is not the trainee's own (then there is no recall to write).
	addRecall recallSink
	back      func() // Esc
	backTo    string // what Esc goes back to, for its button

	cur    int // the choice shown, from 1; 0 when the run has none
	mode   debriefMode
	branch *debrief.Debrief // the what-if course, or nil
	div    int              // the choice where branch parts from d
	alt    int              // the option tried there
	polIdx int              // the policy the rest of the branch is played by; len(pols) is by hand
	pols   []*sim.Policy
	// hand is the branch's run when its rest is played by hand, at the
	// prompt after the branch's last choice; nil otherwise.
	hand   *sim.Run
	note   []rune
	recall []rune

	// recallFirst: the trainee steps through their own run recall first,
	// each choice's client's side hidden until they have written their
	// recall of it or shown it; revealed holds the choices they chose to
	// show. A way of viewing: nothing of it is recorded.
	recallFirst bool
	revealed    map[int]bool

	// showProfile: the right panel shows the run's competence profile
	// (its tab) instead of the client's side. profFocus is the link to a
	// choice the keyboard is on and profHover the one under the mouse
	// (indexes into the profile's links, -1 for none); prof is the
	// profile laid out for the panel, and profTop where it begins in it.
	showProfile          bool
	profFocus, profHover int
	areas                []profileArea
	prof                 layoutCache[profileKey, profileLayout]
	profTop              int

	hover  int // the button under the mouse, -1 for none
	hoverO int // the option under the mouse in pick mode, 0 for none
	scroll [2]scroller
	// toOptions scrolls the trainee's side to the options on the next
	// frame (when they are to be picked).
	toOptions bool

	// live is the instructor's page the run comes from, and recording
	// its name on the class server: notes go to the server, and the
	// run's exports download from it. nil on a desktop.
	live      *instructor
	recording string
	// saving says a note is on its way to the class server.
	saving bool

	lay   layoutCache[debriefLayoutKey, debriefLayout]
	chart layoutCache[chartKey, *debrief.Chart]
	// painted is the chart painted, and the chart it was painted from.
	painted    *ebiten.Image
	paintedFor *debrief.Chart
}

// newDebriefScreen opens the debrief of d at its first choice.
func newDebriefScreen(a *app, d *debrief.Debrief, where string, add noteSink, back func(), backTo string) *debriefScreen {
	s := &debriefScreen{a: a, d: d, where: where, addNote: add, back: back, backTo: backTo, hover: -1, profFocus: -1, profHover: -1}
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
	s.showProfile = false
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
// choice, through the debrief's own Choose: the branch grows by one moment
// and the recording is never touched.
func (s *debriefScreen) chooseByHand(n int) {
	if err := s.branch.Choose(s.hand, n); err != nil {
		s.a.say("What if: " + err.Error())
		return
	}
	s.hoverO = 0
	s.scroll = [2]scroller{}
	if s.hand.Prompt() != nil {
		s.cur = len(s.branch.Moments) + 1
	} else {
		s.cur = len(s.branch.Moments)
	}
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
	case s.addNote == nil && s.live == nil:
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
	if s.saving {
		return
	}
	if txt == "" {
		s.mode = dmView
		return
	}
	n := sim.Note{Type: "note", Choice: s.cur, Author: strings.TrimSpace(s.a.trainee), Time: s.a.now().Format(time.RFC3339), Text: txt}
	if s.live != nil {
		s.live.postNote(s, n)
		return
	}
	s.noteSaved(n, s.addNote(n))
}

// noteSaved shows the note n once it is kept with the recording, or says
// why it could not be (the note stays in the editor, to try again).
func (s *debriefScreen) noteSaved(n sim.Note, err error) {
	s.saving = false
	if err != nil {
		if s.live != nil {
			s.a.say("The note could not be saved: " + refusalText(err))
		} else {
			s.a.say("The note could not be saved: " + err.Error())
		}
		return
	}
	if n.Choice >= 1 && n.Choice <= len(s.d.Moments) {
		m := &s.d.Moments[n.Choice-1]
		m.Notes = append(m.Notes, n)
	}
	s.mode, s.note = dmView, s.note[:0]
	if s.live != nil {
		s.a.say("Note saved with the recording on the class server.")
		return
	}
	s.a.say("Note saved with the recording.")
}

// Update reads the frame's input.
func (s *debriefScreen) Update(in input) {
	if s.live != nil {
		s.live.frame()
		if s.a.screen != s {
			return
		}
	}
	l := s.layout()
	s.hover = -1
	for i, b := range l.buttons {
		if in.Mouse.In(b.r) {
			s.hover = i
		}
	}
	if s.mode == dmNote || s.mode == dmRecall {
		s.updateNote(in, l)
		return
	}
	if s.mode == dmDownload {
		s.updateDownload(in, l)
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
	// The switch of recall first, and the buttons of a panel (those of
	// the client's side while it is hidden).
	if in.Click && in.Mouse.In(l.toggle) {
		s.do(actRecallFirst)
		return
	}
	if act, ok := s.panelButton(in, l, rp); ok {
		s.do(act)
		return
	}
	// The right panel's tabs: the client's side and the profile.
	for i, r := range l.tabs {
		if in.Click && in.Mouse.In(r) {
			if s.showProfile != (i == 1) {
				s.toggleProfile()
			}
			return
		}
	}
	if s.showProfile && s.updateProfile(in, l) {
		return
	}
	// The timeline: a click jumps to the nearest choice, the wheel scrubs.
	if in.Click && in.Mouse.In(l.tl) {
		c, at := s.timeline(l)
		s.step(c.ChoiceAt(float64(in.Mouse.X - at.X)))
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
	case typed(in, 'p'):
		s.do(actProfile)
	case typed(in, 'r') && s.addRecall != nil:
		s.do(actRecall)
	case typed(in, 'f') && s.addRecall != nil:
		s.do(actRecallFirst)
	case typed(in, 's') && s.clientHidden():
		s.do(actReveal)
	case typed(in, 'd') && s.live != nil:
		s.do(actDownload)
	}
}

// updateDownload reads the frame's input while an export is chosen.
func (s *debriefScreen) updateDownload(in input, l *debriefLayout) {
	switch {
	case in.Pressed(ebiten.KeyEscape):
		s.mode = dmView
	case in.Click && s.hover >= 0:
		s.do(l.buttons[s.hover].act)
	case typed(in, 'h'):
		s.do(actReport)
	case typed(in, 'c'):
		s.do(actTable)
	}
}

// download downloads an export of the run from the class server: it is
// asked for as the recording's name with ext after it
// (classroom.PathExport), and saved as the recording's name with ext for
// .jsonl.
func (s *debriefScreen) download(ext, mime, what string) {
	s.mode = dmView
	s.live.download(s.recording+ext, strings.TrimSuffix(s.recording, ".jsonl")+ext, mime, what+" of "+traineeName(s.d.Header.Trainee)+"'s run")
}

// typed reports whether the letter r (either case) was typed this frame.
func typed(in input, r rune) bool {
	return !in.Ctrl && (slices.Contains(in.Runes, r) || slices.Contains(in.Runes, r-'a'+'A'))
}

func (s *debriefScreen) updatePick(in input, l *debriefLayout, lp *panel) {
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

func (s *debriefScreen) updateNote(in input, l *debriefLayout) {
	text, save := &s.note, s.saveNote
	if s.mode == dmRecall {
		text, save = &s.recall, s.saveRecall
	}
	switch {
	case in.Pressed(ebiten.KeyEscape) && !s.saving:
		s.mode = dmView
		return
	case in.confirm():
		save()
		return
	case s.saving:
		return
	case in.Click && s.hover >= 0:
		s.do(l.buttons[s.hover].act)
		return
	}
	if editBox(&in, text, recallMost) {
		s.a.say(fmt.Sprintf("It can be at most %d characters long: the rest was left out.", recallMost))
	}
}

// startRecall opens the editor of the trainee's recall at the choice in
// hand.
func (s *debriefScreen) startRecall() {
	switch {
	case s.addRecall == nil:
		return
	case s.branch != nil:
		s.a.say("Your recall is of the run you played: go back to it (W) first.")
		return
	case s.moment() == nil:
		return
	}
	s.mode, s.recall = dmRecall, s.recall[:0]
}

// saveRecall appends the recall being written to the recording and shows
// it beside the client's side of the choice.
func (s *debriefScreen) saveRecall() {
	txt := boxText(s.recall)
	if txt == "" {
		s.mode = dmView
		return
	}
	r := sim.Recall{Type: "recall", Choice: s.cur, Time: s.a.now().Format(time.RFC3339), Text: txt}
	if err := s.addRecall(r); err != nil {
		// The words stay in the editor, to try again.
		s.a.say("Your recall could not be saved: " + err.Error())
		return
	}
	if r.Choice >= 1 && r.Choice <= len(s.d.Moments) {
		m := &s.d.Moments[r.Choice-1]
		m.Recall = append(m.Recall, r)
	}
	s.mode, s.recall = dmView, s.recall[:0]
	s.scroll[1] = scroller{} // the client's side, shown now, from its top
	s.a.say("Your recall is saved with your recording.")
}

// toggleProfile shows the run's competence profile in the right panel, or
// the client's side again.
func (s *debriefScreen) toggleProfile() {
	if !s.showProfile && s.branch != nil {
		s.a.say("The competence profile is of the recorded run: go back to it (W) first.")
		return
	}
	s.showProfile = !s.showProfile
	s.profFocus = -1
	s.scroll[1] = scroller{}
}

// jumpTo shows choice n, from a link of the profile, with the client's
// side of it.
func (s *debriefScreen) jumpTo(n int) {
	s.showProfile = false
	s.profFocus, s.profHover = -1, -1
	s.step(n)
	s.scroll = [2]scroller{}
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
	actDownload // choose an export (the instructor's page)
	actReport   // download the run's report (HTML)
	actTable    // download the run's table (CSV)
	actRecall   // write the trainee's recall
	actProfile  // show the competence profile, or the client's side again
	// actRecallFirst turns recall first on or off; actReveal shows the
	// client's side it hides at the choice in hand. Appended here, before
	// actPolicy, which the policies' indexes follow.
	actRecallFirst
	actReveal
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
	case act == actCancel && !s.saving:
		s.mode = dmView
	case act == actSave && s.mode == dmRecall:
		s.saveRecall()
	case act == actSave:
		s.saveNote()
	case act == actRecall:
		s.startRecall()
	case act == actProfile:
		s.toggleProfile()
	case act == actRecallFirst:
		s.toggleRecallFirst()
	case act == actReveal:
		s.reveal()
	case act == actDownload && s.live != nil:
		s.mode = dmDownload
	case act == actReport && s.live != nil:
		s.download(".html", "text/html", "the report")
	case act == actTable && s.live != nil:
		s.download(".csv", "text/csv", "the table")
	case act == actPolicy+debriefAct(len(s.pols)):
		s.polIdx = len(s.pols)
	case act >= actPolicy:
		s.polIdx = int(act - actPolicy)
	}
}
