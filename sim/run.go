package sim

import (
	"errors"
	"fmt"
	"math"
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
	Lines     []Line
	Options   []Offer
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
		BeatInner: b.Inner, Lines: append([]Line(nil), r.lines...)}
	for i, oi := range r.shown {
		o := b.Options[oi]
		p.Options = append(p.Options, Offer{Number: i + 1, ID: o.ID, Text: o.Text, Act: o.Act, Attrs: o.Attrs, Inner: o.Inner})
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
	if !r.quiet {
		r.st.DropoutRisk = r.sc.params.hazard(&r.st, &r.client.Traits)
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

// fill brings the expression environment up to date, all of it: the slots
// the closures read and the named fields expr's VM reads, with act and at
// as the act being chosen ("" between choices).
func (r *Run) fill(act Act, at Attrs) {
	r.refresh()
	r.env.f[sAct] = fieldCode(sAct, string(act))
	r.fillAttrs = at
	r.env.attr = &r.fillAttrs
	r.acting = true
	r.env.export()
}

// refresh brings the slots of the environment up to date with the state
// (see fast.go): what every choice and moment needs, with no text written.
// The traits never change; NewRunWith puts them in once. The named fields
// are written from the slots only before expr's VM runs (vmEnv).
func (r *Run) refresh() {
	s := &r.st
	f := &r.env.f
	f[sBond], f[sTask], f[sGoal], f[sHope], f[sAlliance] = s.Bond, s.Task, s.Goal, s.Hope, s.Alliance()
	f[sSymptoms], f[sIntake] = s.Symptoms, s.Intake()
	f[sSession], f[sTurn] = float64(s.Session), float64(s.Turn)
	switch s.Rupture {
	case NoRupture:
		f[sRupture] = 0
	case RuptureWithdrawal:
		f[sRupture] = 1
	case RuptureConfrontation:
		f[sRupture] = 2
	default:
		f[sRupture] = fieldCode(sRupture, string(s.Rupture))
	}
	f[sRuptureSeverity], f[sRuptureTurns] = s.RuptureSeverity, float64(s.RuptureTurns)
	f[sHomeworkAssigned] = flag(s.Assigned >= 0)
	f[sImprovement], f[sNotOnTrack] = 0, 0
	if n := len(s.OQ); n > 0 {
		f[sImprovement] = f[sIntake] - float64(s.OQ[n-1].Score)
		f[sNotOnTrack] = flag(s.OQ[n-1].NotOnTrack)
	}
	f[sHomeworkDue], f[sHomeworkReviewed], f[sHomeworkDone] = 0, 0, 0
	if s.Due >= 0 {
		d := &s.Homework[s.Due]
		f[sHomeworkDue], f[sHomeworkReviewed] = 1, flag(d.Reviewed)
		switch d.Completion {
		case "":
		case NotDone:
			f[sHomeworkDone] = 1
		case Partial:
			f[sHomeworkDone] = 2
		case Full:
			f[sHomeworkDone] = 3
		default:
			f[sHomeworkDone] = fieldCode(sHomeworkDone, string(d.Completion))
		}
	}
}

// choosing puts the act of option o and its attributes in the environment.
func (r *Run) choosing(o *Option) {
	r.env.f[sAct] = float64(o.actIndex + 1)
	r.env.attr = &o.Attrs
	r.acting = true
}

// noAct takes the act out of the environment, as between choices.
func (r *Run) noAct() {
	if r.acting {
		r.env.f[sAct] = 0
		r.env.attr = &r.noAttrs
		r.acting = false
	}
}

// machine returns the run's expr VM, made on first use.
func (r *Run) machine() *vm.VM {
	if r.vm == nil {
		r.vm = &vm.VM{}
	}
	return r.vm
}

// vmEnv is the environment for expr's VM: its named fields written from
// the slots, the same snapshot of the state the closures read.
func (r *Run) vmEnv() *Env {
	r.env.export()
	return &r.env
}

// cond evaluates a condition; nil is true. A failure at run time counts as
// false and is reported as a warning event naming the kind and id of its
// owner (kept apart so that no string is built unless it is needed).
func (r *Run) cond(c *condition, kind, id string) bool {
	if c == nil {
		return true
	}
	if c.fast != nil {
		return c.fast(&r.env)
	}
	return r.condVM(c, kind, id)
}

func (r *Run) condVM(c *condition, kind, id string) bool {
	if c.prog == nil {
		return false
	}
	out, err := r.machine().Run(c.prog, r.vmEnv())
	if err != nil {
		r.fail(strings.TrimSpace(kind+" "+id), failed(c.src, err))
		return false
	}
	b, _ := out.(bool)
	return b
}

// num evaluates an amount; a failure or a non-finite result counts as 0.
func (r *Run) num(v *value, what string) float64 {
	if v.fast != nil {
		if x := v.fast(&r.env); x-x == 0 { // finite: x-x is NaN for NaN and ±Inf
			return x
		}
	} else if v.prog == nil {
		return v.num
	}
	return r.numSlow(v, what)
}

// numSlow evaluates an amount on expr's VM, or reports a closure's
// non-finite result.
func (r *Run) numSlow(v *value, what string) float64 {
	var x float64
	if v.fast != nil {
		x = v.fast(&r.env)
	} else {
		x = r.vmNum(*v, what)
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		r.fail(what, fmt.Sprintf("%s gave %v; counted as 0", v.src, x))
		return 0
	}
	return x
}

func (r *Run) vmNum(v value, what string) float64 {
	out, err := r.machine().Run(v.prog, r.vmEnv())
	if err != nil {
		r.fail(what, failed(v.src, err))
		return 0
	}
	switch o := out.(type) {
	case float64:
		return o
	case int:
		return float64(o)
	}
	return 0
}

// firing is a rule that applies to a choice, with its amounts (at from in
// the run's buffer) and the severity of the rupture it opens.
type firing struct {
	r        *rule
	from     int
	severity float64
}

// apply plays an option: the rules its act can trigger, all judged on the
// state before the choice, then the engine's own bookkeeping of the act,
// then the option's own effects.
func (r *Run) apply(o *Option) {
	// The environment is as enter left it, the state before this choice:
	// only the act and its attributes are new.
	r.choosing(o)
	openBefore := r.st.Rupture != NoRupture
	r.opened = false
	// Judge every rule first, on the state before the choice; the buffers
	// are the run's, reused from choice to choice.
	r.fired, r.amounts = r.fired[:0], r.amounts[:0]
	for _, ru := range r.sc.byAct[o.actIndex] {
		if c := ru.when; c != nil { // r.cond, by hand: it does not inline
			if c.fast != nil {
				if !c.fast(&r.env) {
					continue
				}
			} else if !r.condVM(c, "", ru.id) {
				continue
			}
		}
		f := firing{r: ru, from: len(r.amounts)}
		for i := range ru.effects {
			x := ru.effects[i].amt.num // r.num, by hand, for a constant
			if v := &ru.effects[i].amt; v.fast != nil || v.prog != nil {
				x = r.num(v, ru.id)
			}
			r.amounts = append(r.amounts, x)
		}
		if ru.opens != "" {
			f.severity = r.num(&ru.severity, ru.id)
		}
		r.fired = append(r.fired, f)
	}
	for _, f := range r.fired {
		r.fire(f.r.id, f.r.explain, f.r.effects, r.amounts[f.from:f.from+len(f.r.effects)])
		if f.r.opens != "" {
			r.open(f.r.id, f.r.explain, f.r.opens, f.severity)
		}
		if f.r.repairs && r.st.Rupture != NoRupture {
			r.close(RuptureRepaired, f.r.id, f.r.explain)
		}
	}
	r.bookkeep(o)
	if len(o.effects) > 0 {
		r.refresh()
		from := len(r.amounts)
		for i := range o.effects {
			r.amounts = append(r.amounts, r.num(&o.effects[i].amt, "option"))
		}
		r.fire("option", o.Explain, o.effects, r.amounts[from:])
	}
	if len(o.sets) > 0 {
		r.refresh()
		r.assign(o.sets, "option", o.Explain, r.amounts[len(r.amounts):])
	}
	// A rupture open before the choice and still open after it has lasted
	// one more turn; one opened by the choice (even one that closed and
	// opened again) starts at 0.
	if openBefore && r.st.Rupture != NoRupture && !r.opened {
		r.st.RuptureTurns++
	}
}

// fire applies effects with soft bounds and records each change.
func (r *Run) fire(id, explain string, effects []effect, amounts []float64) {
	for i := range effects {
		e, d := &effects[i], amounts[i]
		if e.v == VarRuptureSeverity {
			r.severity(id, explain, d)
			continue
		}
		r.change(id, explain, e.v, d, true)
	}
}

// change moves variable v by d: softly (rules, events) or plainly clamped
// (the week's own arithmetic).
func (r *Run) change(id, explain string, v Var, d float64, softly bool) {
	before := r.st.get(v)
	lo, hi := v.Range()
	var after float64
	if softly {
		after = softMid(before, d, lo, hi)
	} else {
		after = clamp(before+d, lo, hi)
	}
	if after == before {
		return
	}
	r.st.set(v, after)
	if !r.quiet {
		r.emit(Event{Kind: Change, Rule: id, Var: v, Before: before, After: after, Explain: explain})
	}
}

// softMid is soft with the amount read as the change at the middle of the
// range: an author's "bond = 0.05" moves a middling bond by 0.05, a high one
// by less, and an amount of half the range or more reaches the bound.
func softMid(x, d, lo, hi float64) float64 {
	return soft(x, float64(2*d), lo, hi)
}

func (r *Run) severity(id, explain string, d float64) {
	if r.st.Rupture == NoRupture || d == 0 {
		return
	}
	before := r.st.RuptureSeverity
	after := softMid(before, d, 0, 1)
	r.st.RuptureSeverity = after
	if !r.quiet {
		r.emit(Event{Kind: Change, Rule: id, Var: VarRuptureSeverity, Before: before, After: after, Explain: explain})
	}
	switch {
	case after < 0.05:
		r.close(RuptureEased, id, explain)
	case d > 0 && !r.quiet:
		r.emit(Event{Kind: RuptureDeepened, Rule: id, Rupture: r.st.Rupture, Value: after, Explain: explain})
	}
}

func (r *Run) open(id, explain string, kind RuptureKind, sev float64) {
	sev = clamp(sev, 0.05, 1)
	if r.st.Rupture != NoRupture {
		r.severity(id, explain, float64(sev/2))
		return
	}
	r.st.Rupture, r.st.RuptureSeverity, r.st.RuptureTurns = kind, sev, 0
	r.st.RupturesOpened++
	r.opened = true
	if !r.quiet {
		r.emit(Event{Kind: RuptureOpened, Rule: id, Rupture: kind, Value: sev, Explain: explain})
	}
}

func (r *Run) close(kind EventKind, id, explain string) {
	k := r.st.Rupture
	r.st.Rupture, r.st.RuptureSeverity, r.st.RuptureTurns = NoRupture, 0, 0
	if kind == RuptureRepaired {
		r.st.RupturesRepaired++
	} else {
		r.st.RupturesEased++
	}
	if !r.quiet {
		r.emit(Event{Kind: kind, Rule: id, Rupture: k, Explain: explain})
	}
}

// bookkeep does what an act means to the engine beyond the rules: setting
// and reviewing homework.
func (r *Run) bookkeep(o *Option) {
	s := &r.st
	switch o.Act {
	case HomeworkAssign:
		a := Assignment{Session: s.Session, Attrs: o.Attrs}
		if s.Assigned >= 0 {
			s.Homework[s.Assigned] = a
		} else {
			s.Assigned = len(s.Homework)
			s.Homework = append(s.Homework, a)
		}
		if !r.quiet {
			r.emit(Event{Kind: HomeworkSet, Homework: copyOf(a), Explain: "The task is set; the week will show what becomes of it."})
		}
	case HomeworkReview, ExploreNoncompletion, CriticiseNoncompletion:
		if s.Due < 0 {
			return
		}
		d := &s.Homework[s.Due]
		was := *d
		d.Reviewed = true
		if o.Act == CriticiseNoncompletion {
			d.Criticised = true
		}
		if *d != was && !r.quiet {
			a := *d
			r.emit(Event{Kind: HomeworkReviewed, Homework: &a})
		}
	}
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
			if !r.cond(y.when, "beat", bt.ID) {
				continue
			}
			if !r.quiet {
				inner := y.inner
				if inner == "" {
					inner = bt.Inner
				}
				l := Line{Beat: bt.ID, Text: y.text, Cues: y.cues, Inner: inner}
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
			r.st.DropoutRisk = r.sc.params.hazard(&r.st, &r.client.Traits)
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
		r.amounts = append(r.amounts, r.num(&m.effects[i].amt, "client"))
	}
	sev := 0.0
	if m.opens != "" {
		sev = r.num(&m.severity, "client")
	}
	r.assign(m.sets, "client", m.explain, r.amounts[len(r.amounts):])
	r.fire("client", m.explain, m.effects, r.amounts[from:from+len(m.effects)])
	if m.opens != "" {
		r.open("client", m.explain, m.opens, sev)
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
	s.DropoutRisk = r.sc.params.hazard(s, &r.client.Traits)
	r.enter(sess.start)
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
