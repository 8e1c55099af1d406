package sim

import (
	"slices"

	"github.com/expr-lang/expr/vm"
)

// A Scenario is a loaded, checked and compiled scenario. It is immutable:
// any number of runs, on any number of goroutines, may share one.
type Scenario struct {
	ID          string
	Title       string
	Approach    string
	Language    string
	Author      string
	Description string
	Objectives  []string
	Client      Client
	Sessions    []*Session
	// File is the name the scenario was loaded under.
	File string
	// Hash is the SHA-256 of the scenario file's bytes, in hex.
	Hash string
	// ModelHash is the SHA-256 of the model file it was loaded with.
	ModelHash string

	params     Params
	dyn        *Dynamics // the model's, shared; nil when it has none
	words      homeworkWords
	vars       []Variable
	names      []string // the variables' names
	warnings   Problems
	population [11]Spread // traits in Traits order, then bond, task, goal, hope, symptoms
	rules      []*rule
	// byAct[open][act index]: the rules an act can trigger, in order, when
	// a rupture is open (1) or not (0): a rule whose condition demands
	// the other is left out of the list, unjudged.
	byAct  [2][][]*rule
	events []*lifeEvent
	rubric Rubric
}

// Client is the virtual client a scenario describes.
type Client struct {
	Name       string
	Age        int
	Pronouns   string
	Presenting string
	Background string
	Goal       string
	Traits     Traits
	Initial    Initial
	// Appearance is how the author describes the client's looks, for the
	// portrait; its empty fields are the portrait's to choose.
	Appearance Appearance
	// RuptureProneness scales the model's chance that the client begins a
	// rupture in a session (Dynamics), 0 to 3; 1 unless the scenario says
	// otherwise. A course whose script already writes the client's
	// relational pattern into ruptures of its own gives less, so that the
	// two do not add up to more strain than such clients show.
	RuptureProneness float64
}

// Initial is the client's state before the first session.
type Initial struct {
	Bond, Task, Goal, Hope float64
	// Symptoms is the true symptom level on the OQ-45 scale.
	Symptoms float64
}

// A Session is one session of a course: a graph of beats.
type Session struct {
	ID    string
	Title string
	Focus string
	Beats []*Beat
	start int
}

// A Beat is one moment of a session: what the client says and the options
// the trainee has.
type Beat struct {
	ID      string
	Inner   string
	Options []*Option
	// CheckIn, when not nil, asks the trainee what they notice in
	// themselves before they choose (checkin.go).
	CheckIn *CheckIn
	says    []say
	next    int // the beat that follows a beat with no options
	// mayFail: a condition of the client's lines runs on expr's VM and
	// can fail at run time, so quiet runs judge them too, to report it.
	mayFail bool
	// moment is what reaching the beat does; acts: one of its lines does
	// something, so quiet runs play its lines too.
	moment *moment
	acts   bool
}

type say struct {
	when              *condition
	text, cues, inner string
	moment            *moment
}

// A moment is what the client does on their own when a beat is reached or
// a line said: set variables, change state, open a rupture. nil does
// nothing.
type moment struct {
	sets     []assign
	effects  []effect
	opens    RuptureKind
	severity value
	explain  string
}

// An Option is one response the trainee can choose.
type Option struct {
	// ID names the option for tests and recordings; "" when the author
	// gave none. It is unique in its beat.
	ID      string
	Text    string
	Act     Act
	Attrs   Attrs
	Inner   string
	Explain string
	// Intended is what the author means the move to teach: IntendedGood
	// (a supervisor would endorse it), IntendedPoor (a supervisor would
	// mark it down), or "" when the author did not say. Check warns when
	// the model's net effect of the move has the other sign.
	Intended   string
	intendedAt Pos
	when       *condition
	next       int // beat index, or end
	actIndex   int // the act's place in Acts()
	// homework: the act sets or reviews homework (Run.bookkeep).
	homework bool
	effects  []effect
	sets     []assign
}

const end = -1

type lifeEvent struct {
	id, text, inner string
	after           int
	when            *condition
	effects         []effect
	sets            []assign
}

// RuptureKind names the kind of an alliance rupture.
type RuptureKind string

// Rupture kinds (Safran & Muran).
const (
	NoRupture            RuptureKind = "none"
	RuptureWithdrawal    RuptureKind = "withdrawal"
	RuptureConfrontation RuptureKind = "confrontation"
)

// any reports whether e sets any amount.
func (e effectsFile) any() bool {
	for _, a := range e.fields() {
		if a.set {
			return true
		}
	}
	return false
}

// fields lists the amounts of e in their fixed order of application.
func (e effectsFile) fields() []amount {
	return []amount{e.Bond, e.Task, e.Goal, e.Hope, e.Symptoms, e.Rupture}
}

// value is a compiled amount: a constant, or an expression to evaluate, by
// its closure when it has one (see fast.go) and by expr's VM otherwise.
type value struct {
	set  bool
	num  float64
	prog *vm.Program
	fast func(*Env) float64
	src  string
}

// condition is a compiled condition; a nil *condition is always true.
type condition struct {
	prog *vm.Program
	fast func(*Env) bool
	src  string
	// gate is what the condition demands of the open rupture, whatever
	// else it says: gateNone, gateOpen, or gateAny.
	gate int8
}

type effect struct {
	v   Var
	amt value
}

type rule struct {
	id       string
	source   string
	acts     []Act
	when     *condition
	explain  string
	effects  []effect
	opens    RuptureKind
	severity value
	repairs  bool
	disabled bool
	file     string
	pos      Pos
}

// index builds the act → rules table: a rule with acts is evaluated only
// for those acts, a rule without for every act.
func (sc *Scenario) index() {
	all := Acts()
	for open := range sc.byAct {
		sc.byAct[open] = make([][]*rule, len(all))
		for i, a := range all {
			for _, r := range sc.rules {
				if len(r.acts) == 0 || containsAct(r.acts, a) {
					if r.when != nil && (open == 0 && r.when.gate == gateOpen || open == 1 && r.when.gate == gateNone) {
						continue // it cannot hold in this case
					}
					sc.byAct[open][i] = append(sc.byAct[open][i], r)
				}
			}
		}
	}
}

func containsAct(as []Act, a Act) bool {
	for _, b := range as {
		if a == b {
			return true
		}
	}
	return false
}

// Warnings returns what loading found to warn of in the scenario: what
// runs, but probably not as its author meant. The slice must not be
// changed. Review adds what playing the course finds.
func (sc *Scenario) Warnings() Problems { return sc.warnings }

// Review returns everything check warns of in the scenario, in the order
// of the file: the warnings of the load, and every option marked intended
// = "good" or "poor" whose net effect in the model has the other sign. To
// find those it plays the course with clients of the scenario's population
// (a tenth of a second or so for a course of six sessions), which is why
// loading does not. It returns a new slice each time.
func (sc *Scenario) Review() Problems {
	ps := append(slices.Clone(sc.warnings), sc.intentions()...)
	ps.sort()
	return ps
}

// Params returns the week's parameters the scenario runs with.
func (sc *Scenario) Params() Params { return sc.params }

// Dynamics returns a copy of the dynamics of the model the scenario was
// loaded with, or nil when the model has none (Model.Dynamics).
func (sc *Scenario) Dynamics() *Dynamics {
	if sc.dyn == nil {
		return nil
	}
	d := *sc.dyn
	return &d
}

// A RuleInfo is a rule of the model, as a scenario runs it, for people to
// read: where it is written, what it reads and what it does.
type RuleInfo struct {
	ID string
	// Acts are the acts that can trigger it; none means every act.
	Acts []Act
	// When is its condition as written; "" means always.
	When string
	// Effects are its changes as written: "bond = 0.05".
	Effects []string
	// Opens is the kind of rupture it opens ("" for none), with Severity.
	Opens    RuptureKind
	Severity string
	// Repairs: it closes the open rupture.
	Repairs bool
	// Explain is the sentence a debrief shows when it fires.
	Explain string
	// Source is where the rule comes from, as its author wrote it: the
	// research ("Safran & Muran 2000") or "assumption: …"; "" when none is
	// given.
	Source string
	// File and Line say where it is written: the model's file, or the
	// scenario's when the scenario adds or replaces it.
	File string
	Line int
}

// Rules returns the rules the scenario runs, the model's and its own, in
// the order they are judged; rules switched off are left out.
func (sc *Scenario) Rules() []RuleInfo {
	out := make([]RuleInfo, 0, len(sc.rules))
	for _, r := range sc.rules {
		if r.disabled {
			continue
		}
		ri := RuleInfo{ID: r.id, Source: r.source, Acts: r.acts, Opens: r.opens, Repairs: r.repairs, Explain: r.explain, File: r.file, Line: r.pos.Line}
		if r.when != nil {
			ri.When = r.when.src
		}
		for _, e := range r.effects {
			ri.Effects = append(ri.Effects, e.v.key()+" = "+e.amt.src)
		}
		if r.opens != "" {
			ri.Severity = r.severity.src
		}
		out = append(out, ri)
	}
	return out
}

// setAct gives o its act, and what the engine reads of it on every choice:
// its place in Acts() (0 for an act not in it, which loading refuses) and
// whether it sets or reviews homework.
func (o *Option) setAct(a Act) {
	o.Act, o.actIndex = a, max(a.index(), 0)
	switch a {
	case HomeworkAssign, HomeworkReview, ExploreNoncompletion, CriticiseNoncompletion:
		o.homework = true
	}
}
