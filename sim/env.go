package sim

// Env is what conditions and amounts can read. Its expr tags are the names
// an author writes; docs/format.md lists them. Every expression is compiled
// and type-checked against this type when a scenario loads.
type Env struct {
	// Bond, Task and Goal are the alliance dimensions in [0,1].
	Bond float64 `expr:"bond"`
	Task float64 `expr:"task"`
	Goal float64 `expr:"goal"`
	// Hope is the client's expectation that therapy will help, in [0,1].
	Hope float64 `expr:"hope"`
	// Alliance is the mean of bond, task and goal.
	Alliance float64 `expr:"alliance"`
	// Symptoms is the true symptom level on the OQ-45 scale (0–180).
	Symptoms float64 `expr:"symptoms"`
	// Intake is the OQ-45 observed before the first session.
	Intake float64 `expr:"intake"`
	// Improvement is intake minus the last observed OQ-45.
	Improvement float64 `expr:"improvement"`
	// Session is the session number, from 1.
	Session int `expr:"session"`
	// Turn counts the choices made so far in this session.
	Turn int `expr:"turn"`
	// Rupture is "none", "withdrawal" or "confrontation".
	Rupture string `expr:"rupture"`
	// RuptureSeverity is the open rupture's severity in [0,1].
	RuptureSeverity float64 `expr:"rupture_severity"`
	// RuptureTurns counts the choices since the rupture opened.
	RuptureTurns int `expr:"rupture_turns"`
	// RuptureUnprompted: the open rupture is one the client began with
	// nothing in the session to prompt it (the model's dynamics), not a
	// misstep of the therapist's or a moment of the script, and nothing has
	// deepened it since.
	RuptureUnprompted bool `expr:"rupture_unprompted"`
	// HomeworkDue: a task set last session awaits review.
	HomeworkDue bool `expr:"homework_due"`
	// HomeworkDone is what became of it: "", "none", "partial" or "full".
	HomeworkDone string `expr:"homework_done"`
	// HomeworkReviewed: the due task has been reviewed this session.
	HomeworkReviewed bool `expr:"homework_reviewed"`
	// HomeworkAssigned: a task has been set in this session.
	HomeworkAssigned bool `expr:"homework_assigned"`
	// NotOnTrack: the last OQ-45 lags the expected recovery curve.
	NotOnTrack bool `expr:"not_on_track"`
	// Act is the act of the option being chosen ("" in client lines).
	Act string `expr:"act"`
	// Attr holds the chosen option's attributes.
	Attr Attrs `expr:"attr"`
	// Traits are the client's constant traits.
	Traits Traits `expr:"traits"`
	// Vars holds the scenario's variables (State.Vars); expressions read
	// them by name (see variables.go).
	Vars []float64 `expr:"scenario_variables"`

	// What the closures of fast.go read instead of the fields above: each
	// number and flag (0 or 1) in a slot of f, each text field as a code
	// (fast.go lists both), and the attributes through attr, never nil
	// once set. The engine keeps them in step with the fields above; sync
	// sets them from the fields.
	f    [nSlots]float64
	attr *Attrs
}

// The slots of Env.f.
const (
	sBond = iota
	sTask
	sGoal
	sHope
	sAlliance
	sSymptoms
	sIntake
	sImprovement
	sSession
	sTurn
	sRuptureSeverity
	sRuptureTurns
	sHomeworkDue
	sHomeworkReviewed
	sHomeworkAssigned
	sNotOnTrack
	sRuptureUnprompted
	sRupture      // code: ruptureCodes
	sHomeworkDone // code: doneCodes
	sAct          // code: the act's index in Acts() + 1, 0 for none
	sReactance
	sMotivation
	sAttachment
	sHomeworkAttitude
	sMindedness
	sSupport
	nSlots
)

// A text field's code: its value's place in its list. A constant not in
// the list is noCode, which no field's code ever equals; a field holding a
// value not in the list (which the engine never writes) is badCode.
const (
	noCode  = -1
	badCode = -2
)

func ruptureCodes() [3]string { return [3]string{"none", "withdrawal", "confrontation"} }
func doneCodes() [4]string    { return [4]string{"", "none", "partial", "full"} }

// textCode is the code of the text x in the field at slot i.
func textCode(i int, x string) float64 {
	switch i {
	case sRupture:
		for i, v := range ruptureCodes() {
			if v == x {
				return float64(i)
			}
		}
	case sHomeworkDone:
		for i, v := range doneCodes() {
			if v == x {
				return float64(i)
			}
		}
	case sAct:
		if x == "" {
			return 0
		}
		if i := Act(x).index(); i >= 0 {
			return float64(i + 1)
		}
	}
	return noCode
}

// codeText is the text of code c in the field at slot at.
func codeText(at int, c float64) string {
	i := int(c)
	switch at {
	case sRupture:
		if l := ruptureCodes(); i >= 0 && i < len(l) {
			return l[i]
		}
	case sHomeworkDone:
		if l := doneCodes(); i >= 0 && i < len(l) {
			return l[i]
		}
	case sAct:
		if l := Acts(); i > 0 && i <= len(l) {
			return string(l[i-1])
		}
	}
	return ""
}

func flag(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// fieldCode is textCode for a field's own value: badCode where textCode
// finds none.
func fieldCode(i int, x string) float64 {
	if c := textCode(i, x); c != noCode {
		return c
	}
	return badCode
}

// sync sets the slots from the named fields.
func (e *Env) sync() {
	f := &e.f
	f[sBond], f[sTask], f[sGoal], f[sHope], f[sAlliance] = e.Bond, e.Task, e.Goal, e.Hope, e.Alliance
	f[sSymptoms], f[sIntake], f[sImprovement] = e.Symptoms, e.Intake, e.Improvement
	f[sSession], f[sTurn] = float64(e.Session), float64(e.Turn)
	f[sRuptureSeverity], f[sRuptureTurns] = e.RuptureSeverity, float64(e.RuptureTurns)
	f[sHomeworkDue], f[sHomeworkReviewed] = flag(e.HomeworkDue), flag(e.HomeworkReviewed)
	f[sHomeworkAssigned], f[sNotOnTrack] = flag(e.HomeworkAssigned), flag(e.NotOnTrack)
	f[sRuptureUnprompted] = flag(e.RuptureUnprompted)
	f[sRupture] = fieldCode(sRupture, e.Rupture)
	f[sHomeworkDone] = fieldCode(sHomeworkDone, e.HomeworkDone)
	f[sAct] = fieldCode(sAct, e.Act)
	e.attr = &e.Attr // (a copy of e then reads the original's, equal, attributes)
	e.setTraits(&e.Traits)
}

func (e *Env) setTraits(t *Traits) {
	f := &e.f
	f[sReactance], f[sMotivation], f[sAttachment] = t.Reactance, t.Motivation, t.Attachment
	f[sHomeworkAttitude], f[sMindedness], f[sSupport] = t.HomeworkAttitude, t.Mindedness, t.Support
}

// export sets the named fields from the slots, for expr's VM: the same
// snapshot of the state the closures read.
func (e *Env) export() {
	f := &e.f
	e.Bond, e.Task, e.Goal, e.Hope, e.Alliance = f[sBond], f[sTask], f[sGoal], f[sHope], f[sAlliance]
	e.Symptoms, e.Intake, e.Improvement = f[sSymptoms], f[sIntake], f[sImprovement]
	e.Session, e.Turn = int(f[sSession]), int(f[sTurn])
	e.RuptureSeverity, e.RuptureTurns = f[sRuptureSeverity], int(f[sRuptureTurns])
	e.HomeworkDue, e.HomeworkReviewed = f[sHomeworkDue] != 0, f[sHomeworkReviewed] != 0
	e.HomeworkAssigned, e.NotOnTrack = f[sHomeworkAssigned] != 0, f[sNotOnTrack] != 0
	e.RuptureUnprompted = f[sRuptureUnprompted] != 0
	e.Rupture = codeText(sRupture, f[sRupture])
	e.HomeworkDone = codeText(sHomeworkDone, f[sHomeworkDone])
	e.Act = codeText(sAct, f[sAct])
	e.Attr = Attrs{}
	if e.attr != nil {
		e.Attr = *e.attr
	}
	e.Traits = Traits{Reactance: f[sReactance], Motivation: f[sMotivation], Attachment: f[sAttachment],
		HomeworkAttitude: f[sHomeworkAttitude], Mindedness: f[sMindedness], Support: f[sSupport]}
}
