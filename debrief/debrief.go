// Package debrief turns a recorded run into what a debrief shows: the course
// as a timeline, each choice from the trainee's and the client's side,
// "what if" branches, class views, and exports (CSV, PNG, a self-contained
// HTML report).
//
// It is pure, like the engine: no window, no clock, no Ebiten. The only
// files it writes are a note appended to a recording (AddNote) and the
// exports it is asked for.
package debrief

import (
	"errors"
	"fmt"
	"os"

	"github.com/therasim/therasim/competence"

	"github.com/therasim/therasim/sim"
)

// Moment is one choice of a run, seen from both sides.
type Moment struct {
	N       int // choice number, from 1 over the course
	Session int
	Beat    string
	// Lines is what the client said before the choice (text, cues, inner).
	Lines []sim.Line
	// Inner is the client's inner experience of the moment: that of the
	// line they said last at the beat (a line's own inner, if it has one),
	// else the beat's.
	Inner string
	// Offers are the options offered (Number, Text, Act, Attrs, Inner).
	Offers []sim.Offer
	// Chosen is the number chosen (1-based).
	Chosen int
	// Changes are the events the choice caused, starting with the Choice
	// event: changes of state (Rule, Var, Before, After, Explain),
	// ruptures, homework, and, when the choice ended a session, the
	// session end, the WAI, the week (homework outcome, symptoms, life
	// events), the dropout or the next session's start and OQ.
	Changes []sim.Event
	// Notes are the instructor's notes about this choice.
	Notes []sim.Note
	// Recall is the trainee's own recall of this choice (IPR), in the
	// order written; kept apart from the instructor's notes.
	Recall []sim.Recall
	// Asked is the check-in the moment asked before the choice (nil when
	// it asked none), and CheckIn the trainee's answer (nil when none was
	// recorded).
	Asked   *sim.CheckIn
	CheckIn *sim.CheckInAnswer
	// Marks are what the choice made of the skills of the rubric it was an
	// opportunity for (sim.Run.Judge).
	Marks []sim.Mark
	// After is the state right after the choice (after the week, if it
	// ended a session).
	After Point

	// The whole state before the choice and after it (and the week), for
	// the exports.
	before, after sim.State
}

// Offer returns the option chosen.
func (m *Moment) Offer() sim.Offer { return m.Offers[m.Chosen-1] }

// Variables returns the values of the scenario's variables as they stood
// when the choice came, after the client's lines: "told not waking: yes",
// in the order sc declares them; nil for a scenario without variables.
func (m *Moment) Variables(sc *sim.Scenario) []string {
	return VariableValues(sc, m.before.Vars)
}

// Week returns the index in Changes where the session's end and the week
// after it begin, or len(Changes) when the choice did not end a session.
func (m *Moment) Week() int {
	for i, e := range m.Changes {
		if e.Kind == sim.SessionEnd {
			return i
		}
	}
	return len(m.Changes)
}

// Point is the state the timeline draws, after a choice (Choice 0 is the
// start of the course).
type Point struct {
	Choice                           int
	Session                          int
	Bond, Task, Goal, Hope, Alliance float64
	OQ                               int // the last OQ-45 observed
	DropoutRisk                      float64
}

// Mark is something the timeline marks at a choice.
type Mark struct {
	Choice int
	// Kind is one of the Mark… constants.
	Kind string
	Text string
}

// Mark kinds.
const (
	MarkSession         = "session"  // a session starts: Text is its title
	MarkHomework        = "homework" // Text: none, partial or full
	MarkRuptureOpened   = "rupture_opened"
	MarkRuptureRepaired = "rupture_repaired"
	MarkRuptureDeepened = "rupture_deepened"
	MarkRuptureEased    = "rupture_eased"
	MarkRepairFailed    = "repair_failed" // Text: the kind of the rupture still open
	MarkNotOnTrack      = "not_on_track"
	MarkLifeEvent       = "life_event" // Text: what happened
	MarkDropout         = "dropout"
	MarkEnd             = "end" // Text: the outcome class
)

// Debrief is a whole recorded run, re-simulated.
type Debrief struct {
	Header   sim.Header
	Scenario *sim.Scenario
	Moments  []Moment
	// Timeline has len(Moments)+1 points: the start, then after each
	// choice.
	Timeline []Point
	Marks    []Mark
	// Notes are the notes about the run as a whole (Choice 0).
	Notes  []sim.Note
	Result sim.Result
	// Done: the recording reaches the end of the course.
	Done bool
	// Opening are the events before the first choice (of the whole run,
	// when it has none).
	Opening []sim.Event

	// Path is the file the recording was read from (set by Open).
	Path string
	// Branch is the choice a "what if" took another option at; 0 for a
	// recorded run.
	Branch int
	rec    *sim.Recording
}

// Recording returns the recording d was built from (for a "what if", the
// original's).
func (d *Debrief) Recording() *sim.Recording { return d.rec }

// AllNotes returns every note, about the run and about each choice, in the
// order they were written.
func (d *Debrief) AllNotes() []sim.Note {
	if d.rec == nil {
		return nil
	}
	return d.rec.Notes
}

// Build re-simulates a recording (sim.ReplayEach: it refuses a changed
// scenario or a fingerprint mismatch with the reason) and builds its
// debrief.
func Build(sc *sim.Scenario, rec *sim.Recording) (*Debrief, error) {
	d := &Debrief{Header: rec.Header, Scenario: sc, rec: rec}
	run, err := sim.ReplayEach(sc, rec, func(st sim.Step) error {
		if len(d.Moments) == 0 {
			d.start(st.Before, nil)
		}
		d.add(st.Prompt, st.Choice.Option, st.Before, st.After, st.Events, st.Marks)
		return nil
	})
	if err != nil {
		return nil, err
	}
	ev := run.Events()
	n := firstChoice(ev)
	d.Opening = ev[:n:n]
	if len(d.Moments) == 0 {
		d.start(run.State(), ev)
	} else {
		// The marks of the course's opening come first.
		rest := d.Marks
		d.Marks = nil
		d.mark(0, d.Opening)
		d.Marks = append(d.Marks, rest...)
	}
	d.Result, d.Done = run.Result(), run.Done()
	for _, n := range rec.Notes {
		if n.Choice == 0 {
			d.Notes = append(d.Notes, n)
			continue
		}
		m := &d.Moments[n.Choice-1]
		m.Notes = append(m.Notes, n)
	}
	d.attach(rec)
	return d, nil
}

// attach sets beside each moment the trainee's recall of it and their
// answer to its check-in. An answer recorded at a moment that asked none
// (the scenario has changed since) is left out.
func (d *Debrief) attach(rec *sim.Recording) {
	for _, r := range rec.Recall {
		if r.Choice >= 1 && r.Choice <= len(d.Moments) {
			m := &d.Moments[r.Choice-1]
			m.Recall = append(m.Recall, r)
		}
	}
	for i := range d.Moments {
		m := &d.Moments[i]
		if a := rec.CheckIn(m.N); a != nil && m.Asked != nil && a.Session == m.Session && a.Beat == m.Beat {
			m.CheckIn = a
		}
	}
}

// Profile returns the run's competence profile: its marks added up under
// the scenario's rubric.
func (d *Debrief) Profile() *competence.Profile {
	p := competence.New(d.Scenario)
	for i := range d.Moments {
		m := &d.Moments[i]
		p.Add(m.N, m.Session, m.Marks)
	}
	return p
}

// ClientOpening returns what the client said or did on their own before
// the first choice, as the course's first beat was reached (the changes,
// ruptures and variables of a moment the client led); nil when nothing.
func (d *Debrief) ClientOpening() []sim.Event {
	var out []sim.Event
	for _, e := range d.Opening {
		if e.Rule == byClient {
			out = append(out, e)
		}
	}
	return out
}

// firstChoice is the index of the first Choice event, or len(ev).
func firstChoice(ev []sim.Event) int {
	for i, e := range ev {
		if e.Kind == sim.Choice {
			return i
		}
	}
	return len(ev)
}

// Read reads the recording in path.
func Read(path string) (*sim.Recording, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rec, err := sim.ReadRecording(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rec, nil
}

// Open reads the recording in path and builds its debrief with scenario
// sc; an error names the file.
func Open(path string, sc *sim.Scenario) (*Debrief, error) {
	rec, err := Read(path)
	if err != nil {
		return nil, err
	}
	d, err := Build(sc, rec)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	d.Path = path
	return d, nil
}

// start takes the state and marks of a run that has made no choice yet.
func (d *Debrief) start(st sim.State, ev []sim.Event) {
	d.Timeline = append(d.Timeline[:0], pointOf(0, st))
	d.mark(0, ev)
}

// Choose plays option at run's prompt and adds the choice to d: a moment, a
// point of the timeline and its marks. run must be the run d was made from
// (the one WhatIf returns, for playing a branch by hand).
func (d *Debrief) Choose(run *sim.Run, option int) error {
	p := run.Prompt()
	if p == nil {
		return errors.New("the course is over")
	}
	before := run.State()
	marks := run.Judge(option)
	ev, err := run.Choose(option)
	if err != nil {
		return err
	}
	d.add(p, option, before, run.State(), ev, marks)
	d.Result, d.Done = run.Result(), run.Done()
	return nil
}

// add adds a choice made at prompt p: its moment, its point of the
// timeline and its marks.
func (d *Debrief) add(p *sim.Prompt, option int, before, after sim.State, ev []sim.Event, marks []sim.Mark) {
	n := len(d.Moments) + 1
	pt := pointOf(n, after)
	d.Moments = append(d.Moments, Moment{N: n, Session: p.Session, Beat: p.Beat, Lines: p.Lines, Inner: momentInner(p),
		Offers: p.Options, Chosen: option, Changes: append([]sim.Event(nil), ev...), After: pt, Asked: p.CheckIn, Marks: marks,
		before: before, after: after})
	d.Timeline = append(d.Timeline, pt)
	d.mark(n, ev)
}

// momentInner is the client's inner experience at prompt p: the inner of
// the last line said at its beat (the engine gives a line the beat's inner
// when it has none of its own), else the beat's.
func momentInner(p *sim.Prompt) string {
	for i := len(p.Lines) - 1; i >= 0; i-- {
		if l := p.Lines[i]; l.Beat == p.Beat && l.Inner != "" {
			return l.Inner
		}
	}
	return p.BeatInner
}

func pointOf(choice int, s sim.State) Point {
	p := Point{Choice: choice, Session: s.Session, Bond: s.Bond, Task: s.Task, Goal: s.Goal, Hope: s.Hope,
		Alliance: s.Alliance(), DropoutRisk: s.DropoutRisk}
	if oq, ok := s.LastOQ(); ok {
		p.OQ = oq.Score
	}
	return p
}

// mark adds the marks of the events ev, caused by choice n.
func (d *Debrief) mark(n int, ev []sim.Event) {
	for _, e := range ev {
		m := Mark{Choice: n}
		switch e.Kind {
		case sim.SessionStart:
			m.Kind, m.Text = MarkSession, e.Text
		case sim.HomeworkOutcome:
			m.Kind = MarkHomework
			if e.Homework != nil {
				m.Text = string(e.Homework.Completion)
			}
		case sim.RuptureOpened:
			m.Kind, m.Text = MarkRuptureOpened, string(e.Rupture)
		case sim.RuptureRepaired:
			m.Kind, m.Text = MarkRuptureRepaired, string(e.Rupture)
		case sim.RuptureDeepened:
			m.Kind, m.Text = MarkRuptureDeepened, string(e.Rupture)
		case sim.RuptureEased:
			m.Kind, m.Text = MarkRuptureEased, string(e.Rupture)
		case sim.RepairFailed:
			m.Kind, m.Text = MarkRepairFailed, string(e.Rupture)
		case sim.MeasureOQ:
			if e.OQ == nil || !e.OQ.NotOnTrack {
				continue
			}
			m.Kind, m.Text = MarkNotOnTrack, fmt.Sprintf("OQ-45 %d, expected %.0f", e.OQ.Score, e.OQ.Expected)
		case sim.LifeEvent:
			m.Kind, m.Text = MarkLifeEvent, e.Text
		case sim.Dropout:
			m.Kind, m.Text = MarkDropout, e.Text
		case sim.CourseEnd:
			m.Kind, m.Text = MarkEnd, e.Text
		default:
			continue
		}
		d.Marks = append(d.Marks, m)
	}
}

// WhatIf replays the first k-1 choices of d's recording, chooses option alt
// (1-based, which must differ from the recorded one and be offered) at
// choice k, then plays the rest of the course with policy pol (or stops
// there when pol is nil, for play by hand: use the returned Run, with the
// returned Debrief's Choose to keep it in step). The seed is the same, so
// the difference is the choice alone. The returned Debrief has the same
// Moments as d up to k-1, then the branch; its Branch is k. The original
// recording is never changed.
func WhatIf(d *Debrief, k, alt int, pol *sim.Policy) (*Debrief, *sim.Run, error) {
	if d.rec == nil {
		return nil, nil, errors.New("what if: the debrief has no recording")
	}
	if d.Branch != 0 && k > d.Branch {
		return nil, nil, fmt.Errorf("what if: choice %d comes after this branch's own choice %d; branch from the recorded run", k, d.Branch)
	}
	run, from, err := sim.WhatIf(d.Scenario, d.rec, k, alt)
	if err != nil {
		return nil, nil, err
	}
	b := &Debrief{Header: d.Header, Scenario: d.Scenario, Path: d.Path, Branch: k, rec: d.rec, Notes: d.Notes, Opening: d.Opening}
	b.Moments = append([]Moment(nil), d.Moments[:k-1]...)
	b.Timeline = append([]Point(nil), d.Timeline[:k]...)
	for _, m := range d.Marks {
		if m.Choice < k {
			b.Marks = append(b.Marks, m)
		}
	}
	// The branch's choice k: its prompt is the original's (the state
	// before it is the same), its events are the run's from the choice on.
	orig := d.Moments[k-1]
	st := run.State()
	b.add(&sim.Prompt{Session: orig.Session, Beat: orig.Beat, Lines: orig.Lines, BeatInner: orig.Inner, Options: orig.Offers},
		alt, orig.before, st, run.Events()[from:], nil) // (a what-if is not judged: it is no one's run)
	b.Result, b.Done = run.Result(), run.Done()
	if pol != nil {
		c := pol.Chooser(d.Header.Seed)
		for !run.Done() {
			o := c.Pick(run)
			if o == 0 {
				break
			}
			if err := b.Choose(run, o); err != nil {
				return nil, nil, err
			}
		}
	}
	return b, run, nil
}

// Diverges returns the first choice number at which a and b differ (the
// chosen option, or the state after it), or 0 when they do not.
func Diverges(a, b *Debrief) int {
	n := min(len(a.Moments), len(b.Moments))
	for i := 0; i < n; i++ {
		ma, mb := &a.Moments[i], &b.Moments[i]
		if ma.Session != mb.Session || ma.Beat != mb.Beat || ma.Chosen != mb.Chosen || ma.After != mb.After {
			return i + 1
		}
	}
	if len(a.Moments) != len(b.Moments) {
		return n + 1
	}
	return 0
}
