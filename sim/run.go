package sim

import (
	"errors"
	"fmt"
	"strings"

	"github.com/expr-lang/expr/vm"
)

// A Run is one course of sessions with a scenario's client, from a seed.
// It is driven by Choose and read through Prompt, State and Events. A Run is
// not safe for concurrent use; runs of one Scenario are independent.
type Run struct {
	sc     *Scenario
	client Client
	quiet  bool
	seed   uint64
	rng    rng
	st     State
	beat   int   // the beat awaiting a choice, or end
	shown  []int // option indices offered at that beat
	lines  []Line
	events []Event
	env    Env
	vm     *vm.VM // made when expr's VM first runs (most runs never need it)
	// What the engine remembers between sessions.
	lastReviewed, hadLast bool
	choices               int
	// opened: the choice being played opened a rupture.
	opened bool
	// acting: the environment holds an act (Run.choosing); noAttrs are
	// its attributes when it holds none, fillAttrs those fill was given.
	acting             bool
	noAttrs, fillAttrs Attrs
	// What the client brings (Dynamics), nil when the model has none: the
	// client's own offset to the weekly symptom rate; the choice after
	// which the client begins a rupture this session (−1: none) and its
	// kind; the cue their next line carries; the last week's rise in
	// symptoms (0 after a fall). rep draws whether repairs take.
	dyn       *Dynamics
	resp      float64
	obstacle  float64
	obstacle0 float64 // as drawn
	onset     int
	onsetKind RuptureKind
	onsetCue  string
	cue       string
	worse     float64
	rep       rng
	// byClientBefore: State.RupturesByClient as the session began.
	byClientBefore int
	// signalTaken: in this session the therapist took up the not-on-track
	// signal with the client (Dynamics.FeedbackActs).
	signalTaken bool
	// failures are the expressions that failed at run time.
	failures []Failure
	// Buffers reused from choice to choice, in the Run itself at first.
	fired      []firing
	amounts    []float64
	firedBuf   [8]firing
	amountsBuf [16]float64
	shownBuf   [16]int
}

// Line is one thing the client says.
type Line struct {
	Beat  string
	Text  string
	Cues  string
	Inner string
}

// Prompt is what the trainee faces: the client's lines since the last
// choice and the options offered now.
type Prompt struct {
	Session      int
	SessionID    string
	SessionTitle string
	Beat         string
	// BeatInner is the client's inner experience of the moment.
	BeatInner string
	// CheckIn, when not nil, asks the trainee what they notice in
	// themselves before they choose (shared: not to be changed).
	CheckIn *CheckIn
	Lines   []Line
	Options []Offer
}

// Offer is one option as offered: Number is what the trainee presses.
type Offer struct {
	Number int
	// ID is the option's id in the scenario, "" when it has none.
	ID    string
	Text  string
	Act   Act
	Attrs Attrs
	// Inner is how the client experiences this response (for debriefs).
	Inner string
	// Intended is what the author means the move to teach (Option.Intended):
	// for debriefs and tests, not to be shown while the trainee chooses.
	Intended string
}

// NewRun starts a course: the first session opens with the intake OQ-45 and
// the client's first lines.
func NewRun(sc *Scenario, seed uint64) *Run {
	return NewRunWith(sc, seed, Options{})
}

// Options change how a run is made.
type Options struct {
	// Client, when set, replaces the scenario's client: a client of the
	// scenario's population drawn by Scenario.Sample, for example.
	Client *Client
	// Quiet runs keep no events (Choose returns none and Events is empty),
	// pick no client lines (Prompt has none) and update DropoutRisk only
	// between sessions: for cohorts, where only the course matters. The
	// course itself is the same, draw for draw.
	Quiet bool
	// Scripted plays without the model's Dynamics: the client begins no
	// rupture the scenario does not write, every repair holds, and the
	// weeks have only their noise. Only the script and the rules act, so
	// that a playthrough test or a check of an author's intentions sees
	// what the author wrote. (Runs a trainee plays, cohorts and
	// recordings always have the model's dynamics.)
	Scripted bool
}

// NewRunWith starts a course with options.
func NewRunWith(sc *Scenario, seed uint64, o Options) *Run {
	r := new(Run)
	r.Reset(sc, seed, o)
	return r
}

// Reset starts a new course in r, the same run NewRunWith(sc, seed, o)
// makes, reusing the memory of r's state (its measures, logs, homework and
// variables), so that a cohort can play client after client in one Run
// without allocating. Everything else of the course before is forgotten.
//
// Copies of the state (State) and the Events and Failures the run handed
// out stay as they were; the state Peek returned is the new course's.
func (r *Run) Reset(sc *Scenario, seed uint64, o Options) {
	old := r.st // its slices' arrays are reused; nothing else is kept
	*r = Run{sc: sc, client: sc.Client, quiet: o.Quiet, seed: seed, beat: end}
	r.rng.seed(seed)
	if o.Client != nil {
		r.client = *o.Client
	}
	c := r.client.Initial
	n := len(sc.Sessions)
	r.st = State{Bond: c.Bond, Task: c.Task, Goal: c.Goal, Hope: c.Hope, Symptoms: c.Symptoms,
		Rupture: NoRupture, Assigned: -1, Due: -1,
		OQ: empty(old.OQ, n+1), WAI: empty(old.WAI, n), Log: empty(old.Log, n), Homework: empty(old.Homework, n)}
	r.fired, r.amounts, r.shown = r.firedBuf[:0], r.amountsBuf[:0], r.shownBuf[:0]
	if n := len(sc.vars); n > 0 {
		r.st.Vars, r.st.names = empty(old.Vars, n)[:n], sc.names
		for i, v := range sc.vars {
			r.st.Vars[i] = v.Start
		}
	}
	r.env.Traits, r.env.Vars = r.client.Traits, r.st.Vars
	r.env.setTraits(&r.client.Traits)
	r.env.attr = &r.noAttrs
	if d := sc.dyn; d != nil && !o.Scripted {
		r.dyn = d
		r.rep.seed(mix(seed ^ 0x726570616972)) // "repair"
		r.resp = float64(d.Responsiveness * r.rng.normal())
		if u := r.rng.float(); u < d.ObstacleShare {
			r.obstacle = float64(d.ObstacleSize * (0.5 + u/d.ObstacleShare))
			r.obstacle0 = r.obstacle
		}
	}
	r.startSession(1, 0)
}

// empty returns s emptied, or a new slice when s has room for fewer than n.
func empty[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, 0, n)
	}
	return s[:0]
}

// Client returns the client of the run.
func (r *Run) Client() Client { return r.client }

// Scenario returns the scenario the run plays.
func (r *Run) Scenario() *Scenario { return r.sc }

// Drawn returns what the model's dynamics drew for the client as the run
// began (all 0 without them): their own offset to the weekly symptom rate
// (Dynamics.Responsiveness), the obstacle to change they carried, as a cut
// of the weekly rate (Dynamics.ObstacleShare: 0 for most clients), and
// what is left of it now (taking the not-on-track signal up with them
// lowers it). No measure shows them; a study of a cohort can check with
// them what the observed figures stand for.
func (r *Run) Drawn() (responsiveness, obstacle, left float64) {
	return r.resp, r.obstacle0, r.obstacle
}

// Seed returns the run's seed.
func (r *Run) Seed() uint64 { return r.seed }

// State returns a copy of the client's state now.
func (r *Run) State() State { return r.st.clone() }

// Peek returns the run's own state, without copying it, for readers that
// need speed (cohorts). It must not be changed, and it changes with the
// next Choose; after Reset it is the new course's, its slices written over
// (a State from State is a copy, and stays as it was).
func (r *Run) Peek() *State { return &r.st }

// Choices returns the number of choices made so far.
func (r *Run) Choices() int { return r.choices }

// Done reports whether the course is over (completed or dropped out).
func (r *Run) Done() bool { return r.st.Done }

// Events returns every event so far. The slice must not be changed.
func (r *Run) Events() []Event { return r.events }

// Prompt returns what the trainee faces now; nil when the course is over.
func (r *Run) Prompt() *Prompt {
	if r.st.Done || r.beat == end {
		return nil
	}
	s := r.sc.Sessions[r.st.Session-1]
	b := s.Beats[r.beat]
	p := &Prompt{Session: r.st.Session, SessionID: s.ID, SessionTitle: s.Title, Beat: b.ID,
		BeatInner: b.Inner, CheckIn: b.CheckIn, Lines: append([]Line(nil), r.lines...)}
	for i, oi := range r.shown {
		o := b.Options[oi]
		p.Options = append(p.Options, Offer{Number: i + 1, ID: o.ID, Text: o.Text, Act: o.Act, Attrs: o.Attrs, Inner: o.Inner, Intended: o.Intended})
	}
	return p
}

// Choose answers the current prompt with the option numbered n (from 1)
// and plays on to the next prompt, through the week between sessions when
// the session ends. It returns the events the choice caused.
func (r *Run) Choose(n int) ([]Event, error) {
	if r.st.Done {
		return nil, errors.New("the course is over")
	}
	if n < 1 || n > len(r.shown) {
		return nil, fmt.Errorf("option %d: choose 1 to %d", n, len(r.shown))
	}
	if r.st.Turn >= MaxSessionChoices {
		return nil, &EndlessError{Session: r.st.Session, Beat: r.sc.Sessions[r.st.Session-1].Beats[r.beat].ID, Choices: r.st.Turn}
	}
	from := len(r.events)
	s := r.sc.Sessions[r.st.Session-1]
	b := s.Beats[r.beat]
	o := b.Options[r.shown[n-1]]
	r.lines = r.lines[:0]
	if !r.quiet {
		r.emit(Event{Kind: Choice, Beat: b.ID, Option: n, Act: o.Act, Text: o.Text, Inner: o.Inner})
	}
	r.apply(o)
	r.choices++
	r.st.Turn++
	if r.onset > 0 && o.next != end {
		// (After the session's last choice there is no line left to
		// carry the cue: the client begins none then.)
		r.clientRupture()
	}
	if !r.quiet {
		r.st.DropoutRisk = r.sc.params.hazard(&r.st, &r.client.Traits, r.signalTaken)
	}
	r.enter(o.next)
	return r.events[from:], nil
}

// emit records an event. Callers test r.quiet first, so that a quiet run
// does not even build the event (an Event is some 200 bytes).
func (r *Run) emit(e Event) {
	if r.quiet {
		return
	}
	e.Session = r.st.Session
	if e.Turn == 0 {
		e.Turn = r.st.Turn
	}
	r.events = append(r.events, e)
}

// enter plays the client's side from beat b until the next choice or the
// end of the session.
func (r *Run) enter(b int) {
	s := r.sc.Sessions[r.st.Session-1]
	r.refresh() // the state changes while the client speaks only by moments
	r.noAct()
	moved := false
	for steps := 0; b != end && steps <= len(s.Beats); steps++ {
		bt := s.Beats[b]
		if bt.moment != nil {
			r.moment(bt.moment, bt.ID)
			moved = true
		}
		says := bt.says
		if r.quiet && !bt.mayFail && !bt.acts {
			says = nil // what the client says changes nothing in the model
		}
		for i := range says {
			y := &says[i]
			if c := y.when; c != nil { // r.cond, by hand: it does not inline
				if c.fast != nil {
					if !c.fast(&r.env) {
						continue
					}
				} else if !r.condVM(c, "beat", bt.ID) {
					continue
				}
			}
			if !r.quiet {
				inner := y.inner
				if inner == "" {
					inner = bt.Inner
				}
				l := Line{Beat: bt.ID, Text: y.text, Cues: y.cues, Inner: inner}
				if r.cue != "" {
					l.Cues = joinCues(l.Cues, r.cue)
					r.cue = ""
				}
				r.lines = append(r.lines, l)
				r.emit(Event{Kind: ClientSays, Beat: bt.ID, Text: l.Text, Cues: l.Cues, Inner: l.Inner})
			}
			if y.moment != nil {
				r.moment(y.moment, bt.ID)
				moved = true
			}
			break
		}
		if moved && !r.quiet {
			r.st.DropoutRisk = r.sc.params.hazard(&r.st, &r.client.Traits, r.signalTaken)
		}
		if len(bt.Options) > 0 {
			r.shown = r.shown[:0]
			for i, o := range bt.Options {
				ok := true
				if c := o.when; c != nil { // r.cond, by hand: it does not inline
					if c.fast != nil {
						ok = c.fast(&r.env)
					} else {
						ok = r.condVM(c, "beat", bt.ID)
					}
				}
				if ok {
					r.shown = append(r.shown, i)
				}
			}
			if len(r.shown) > 0 {
				r.beat = b
				return
			}
			// Load guarantees an unconditional option; a failed condition
			// at run time is the only way here. End the session.
			break
		}
		b = bt.next
	}
	r.beat = end
	r.endSession()
}

// moment plays what the client does on their own: every amount is judged
// on the state as the client speaks, then the variables are set, the
// effects applied and the rupture opened, and the environment brought up
// to date for what follows.
func (r *Run) moment(m *moment, beat string) {
	first := len(r.events)
	from := len(r.amounts)
	for i := range m.effects {
		r.amounts = append(r.amounts, r.num(&m.effects[i].amt, ByClient))
	}
	sev := 0.0
	if m.opens != "" {
		sev = r.num(&m.severity, ByClient)
	}
	r.assign(m.sets, ByClient, m.explain, r.amounts[len(r.amounts):])
	r.fire(ByClient, m.explain, m.effects, r.amounts[from:from+len(m.effects)])
	if m.opens != "" {
		r.open(ByClient, m.explain, m.opens, sev)
	}
	r.amounts = r.amounts[:from]
	r.refresh()
	// The events name the beat, for the debrief: a line's moment follows
	// the ClientSays event of its line.
	for i := first; i < len(r.events); i++ {
		r.events[i].Beat = beat
	}
}

// startSession opens session n; hazard is the chance the client had of not
// coming, which the week drew against.
func (r *Run) startSession(n int, hazard float64) {
	s := &r.st
	s.Session, s.Turn = n, 0
	r.lines = r.lines[:0]
	sess := r.sc.Sessions[n-1]
	if !r.quiet {
		r.emit(Event{Kind: SessionStart, Text: sess.Title, Value: hazard})
	}
	r.measureOQ(n)
	r.refreshSession()
	s.RupturePeak = s.RuptureSeverity
	r.cue, r.signalTaken = "", false
	if r.dyn != nil {
		r.byClientBefore = s.RupturesByClient
		r.sessionRupture()
		if r.onset == 0 {
			r.clientRupture()
		}
	}
	s.DropoutRisk = r.sc.params.hazard(s, &r.client.Traits, false)
	r.enter(sess.start)
}

// joinCues adds a cue to what a line's cues already say, as a sentence of
// its own.
func joinCues(cues, more string) string {
	cues = strings.TrimRight(cues, " ")
	switch {
	case cues == "":
		return more
	case strings.HasSuffix(cues, ".") || strings.HasSuffix(cues, "!") || strings.HasSuffix(cues, "?"):
		return cues + " " + more
	}
	return cues + ". " + more
}

// Result summarises a finished or interrupted course.
func (r *Run) Result() Result {
	s := &r.st
	final, _ := s.LastOQ()
	res := Result{Intake: s.Intake(), Final: float64(final.Score), Dropped: s.Dropped,
		Attended: s.Session, RupturesOpened: s.RupturesOpened, RupturesRepaired: s.RupturesRepaired,
		RupturesEased: s.RupturesEased}
	res.Outcome = Classify(res.Intake, res.Final)
	for _, a := range s.Homework {
		res.HomeworkSet++
		switch a.Completion {
		case Full:
			res.HomeworkFull++
		case Partial:
			res.HomeworkPartial++
		}
	}
	return res
}

// Result is the outcome of a course in numbers.
type Result struct {
	Intake, Final float64
	Outcome       Outcome
	Dropped       bool
	// Attended is the number of sessions the client came to.
	Attended                         int
	HomeworkSet                      int
	HomeworkFull, HomeworkPartial    int
	RupturesOpened, RupturesRepaired int
	RupturesEased                    int
}

// Fingerprint is the fingerprint of the state now (see State.Fingerprint).
func (r *Run) Fingerprint() string { return r.st.Fingerprint() }

// copyOf returns a pointer to a copy of v, for an event. (Taking &v of a
// local would make every v escape to the heap, events or not.)
func copyOf[T any](v T) *T { return &v }
