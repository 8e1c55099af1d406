package sim

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
)

// MaxOQ is the top of the OQ-45 scale.
const MaxOQ = 180

// State is a client's state at one moment of a run. Runs hand out copies;
// changing one changes nothing in the run.
type State struct {
	// Bond, Task, Goal: the alliance dimensions (Bordin), in [0,1].
	Bond, Task, Goal float64
	// Hope: the client's expectation that therapy will help, in [0,1].
	Hope float64
	// Symptoms: the true symptom level on the OQ-45 scale (0–180). The
	// trainee only ever sees it measured, with noise.
	Symptoms float64

	// Session is the current session, from 1; Turn the choices made in it.
	Session, Turn int

	// The open rupture, if any. RuptureUnprompted: the client began it
	// with nothing in the session to prompt it (Dynamics), and nothing
	// has deepened it since.
	Rupture           RuptureKind
	RuptureSeverity   float64
	RuptureTurns      int
	RuptureUnprompted bool
	// RupturesOpened, RupturesRepaired and RupturesEased (resolved without
	// a repair, e.g. by asking for feedback) count over the course.
	RupturesOpened, RupturesRepaired, RupturesEased int
	// RupturesByClient counts the ruptures the client began (rule
	// "client": the model's own or a scenario's client moment), among
	// RupturesOpened; RepairsFailed the repairs that did not take.
	RupturesByClient, RepairsFailed int
	// RupturePeak is the highest severity of a rupture open in the current
	// session so far, 0 when none has been.
	RupturePeak float64

	// Homework is every task set, in order, with its outcome.
	Homework []Assignment
	// Assigned indexes the task set in this session, Due last session's
	// task awaiting review; -1 when there is none.
	Assigned, Due int

	// Measures: every OQ-45 observed (the first is the intake) and every
	// WAI-SR the client filled in.
	OQ  []OQ
	WAI []WAI
	// Log has one entry for each session that has ended.
	Log []SessionLog

	// Vars are the values of the scenario's variables, in the order of
	// Scenario.Variables: a flag is 0 or 1, a counter any number.
	Vars []float64
	// names are the variables' names, shared with the scenario.
	names []string

	// DropoutRisk is the hazard of leaving before the next session, as it
	// stands now.
	DropoutRisk float64
	// Dropped: the client did not come back. Done: the course is over.
	Dropped, Done bool
}

// Assignment is one homework task and what became of it.
type Assignment struct {
	Session int   `json:"session"`
	Attrs   Attrs `json:"attrs"`
	// Completion is "" until the week has passed.
	Completion Completion `json:"completion,omitempty"`
	// Probability the model gave the client of engaging with it.
	Probability float64 `json:"probability,omitempty"`
	// Reviewed in the next session; Criticised when non-completion was met
	// with criticism.
	Reviewed   bool `json:"reviewed,omitempty"`
	Criticised bool `json:"criticised,omitempty"`
}

// SessionLog is what a session left behind: the ruptures opened, repaired
// and eased in it, and the dropout hazard the week after it drew against
// (0 after the course's last session, when there is no next one to miss).
type SessionLog struct {
	Session                                         int
	RupturesOpened, RupturesRepaired, RupturesEased int
	// RupturesByClient: of those opened, the ones the client began;
	// RepairsFailed: repairs that did not take.
	RupturesByClient, RepairsFailed int
	// RupturePeak is the highest severity of any rupture open in the
	// session (one carried in from the session before counts), 0 when
	// there was none: what an observer would see. Dynamics.Reports says
	// whether the client would report it. OpenAtEnd: a rupture was still
	// open when the session ended, and carries into the week.
	RupturePeak float64
	OpenAtEnd   bool
	Hazard      float64
}

// OQ is one Outcome Questionnaire-45 administration.
type OQ struct {
	// Session it was taken before; the course's last session + 1 for the
	// measure after the course.
	Session int `json:"session"`
	// Score observed (0–180) and the true level it measured.
	Score int     `json:"score"`
	True  float64 `json:"true"`
	// Expected score on the recovery curve from intake.
	Expected float64 `json:"expected"`
	// NotOnTrack: the score lags the expected curve by more than the margin.
	NotOnTrack bool `json:"not_on_track"`
}

// WAI is one client-rated Working Alliance Inventory (short revised form):
// twelve items rated 1–5, four for each subscale.
type WAI struct {
	Session int     `json:"session"`
	Items   [12]int `json:"items"`
	// Subscale means and the mean of all items, each 1–5.
	Goal  float64 `json:"goal"`
	Task  float64 `json:"task"`
	Bond  float64 `json:"bond"`
	Total float64 `json:"total"`
}

// Alliance is the mean of bond, task and goal.
func (s *State) Alliance() float64 { return (s.Bond + s.Task + s.Goal) / 3 }

// Intake is the first OQ-45 observed, or the true level before it is.
func (s *State) Intake() float64 {
	if len(s.OQ) == 0 {
		return s.Symptoms
	}
	return float64(s.OQ[0].Score)
}

// LastOQ returns the most recent OQ-45, and false before the first.
func (s *State) LastOQ() (OQ, bool) {
	if len(s.OQ) == 0 {
		return OQ{}, false
	}
	return s.OQ[len(s.OQ)-1], true
}

// clone returns a copy of s that shares nothing with it.
func (s *State) clone() State {
	c := *s
	c.Homework = append([]Assignment(nil), s.Homework...)
	c.OQ = append([]OQ(nil), s.OQ...)
	c.WAI = append([]WAI(nil), s.WAI...)
	c.Log = append([]SessionLog(nil), s.Log...)
	if s.Vars != nil {
		c.Vars = append([]float64(nil), s.Vars...)
	}
	return c
}

// field is the field of s that holds variable v.
func (s *State) field(v Var) *float64 {
	switch v {
	case VarBond:
		return &s.Bond
	case VarTask:
		return &s.Task
	case VarGoal:
		return &s.Goal
	case VarHope:
		return &s.Hope
	case VarSymptoms:
		return &s.Symptoms
	case VarRuptureSeverity:
		return &s.RuptureSeverity
	}
	return new(float64) // no variable: a value nothing reads
}

func (s *State) get(v Var) float64 { return *s.field(v) }

func (s *State) set(v Var, x float64) { *s.field(v) = x }

// soft moves x by d within [lo,hi]: a rise is scaled by the room left above
// x, a fall by the room below, so values approach the bounds smoothly and
// never cross them. Every product is converted explicitly so that no
// architecture fuses it into a multiply-add (Go spec, "Floating-point
// operators"): runs must be bit-identical everywhere.
func soft(x, d, lo, hi float64) float64 {
	span := hi - lo
	var y float64
	if d > 0 {
		y = x + float64(d*(hi-x))/span
	} else {
		y = x + float64(d*(x-lo))/span
	}
	return clamp(y, lo, hi)
}

func clamp(x, lo, hi float64) float64 {
	switch {
	case x < lo || math.IsNaN(x):
		return lo
	case x > hi:
		return hi
	}
	return x
}

// Fingerprint is a short hash of everything in the state that the future of
// the run depends on. Recorded runs store it after every choice.
func (s *State) Fingerprint() string {
	h := sha256.New()
	var buf [8]byte
	f := func(x float64) {
		binary.LittleEndian.PutUint64(buf[:], math.Float64bits(x))
		h.Write(buf[:])
	}
	i := func(n int) { f(float64(n)) }
	b := func(v bool) {
		if v {
			i(1)
		} else {
			i(0)
		}
	}
	f(s.Bond)
	f(s.Task)
	f(s.Goal)
	f(s.Hope)
	f(s.Symptoms)
	i(s.Session)
	i(s.Turn)
	h.Write([]byte(s.Rupture))
	f(s.RuptureSeverity)
	i(s.RuptureTurns)
	i(s.RupturesOpened)
	i(s.RupturesRepaired)
	i(s.RupturesEased)
	for _, a := range s.Homework {
		i(a.Session)
		h.Write([]byte(a.Completion))
		b(a.Reviewed)
		b(a.Criticised)
	}
	i(s.Assigned)
	i(s.Due)
	for _, m := range s.OQ {
		i(m.Score)
		f(m.True)
	}
	for _, w := range s.WAI {
		for _, it := range w.Items {
			i(it)
		}
	}
	f(s.DropoutRisk)
	b(s.Dropped)
	b(s.Done)
	// A scenario without variables keeps the fingerprints it had before
	// there were any.
	for _, v := range s.Vars {
		f(v)
	}
	// Only the model's dynamics begin an unprompted rupture: a run without
	// them keeps the fingerprints it had before.
	if s.RuptureUnprompted {
		h.Write([]byte("unprompted"))
	}
	sum := h.Sum(nil)
	return hex.EncodeToString(sum[:8])
}
