package sim

import "encoding/json"

// EventKind names what an event records. The names are stored in recorded
// runs and exports, so the list is append-only.
type EventKind string

// Event kinds.
const (
	// SessionStart: a session begins (Text is its title; Value the chance,
	// drawn against in the week before, that the client would not come).
	SessionStart EventKind = "session_start"
	// MeasureOQ: the client took the OQ-45 (OQ is set).
	MeasureOQ EventKind = "measure_oq"
	// ClientSays: the client speaks (Beat, Text, Cues, Inner).
	ClientSays EventKind = "client_says"
	// Choice: the trainee chose an option (Beat, Option, Act, Text).
	Choice EventKind = "choice"
	// Change: a rule changed a state variable (Rule, Var, Before, After,
	// Explain).
	Change EventKind = "change"
	// RuptureOpened, RuptureDeepened, RuptureRepaired and RuptureEased
	// follow the open rupture (Rupture names its kind).
	RuptureOpened   EventKind = "rupture_opened"
	RuptureDeepened EventKind = "rupture_deepened"
	RuptureRepaired EventKind = "rupture_repaired"
	RuptureEased    EventKind = "rupture_eased"
	// HomeworkSet: a task was assigned (Homework is set).
	HomeworkSet EventKind = "homework_set"
	// HomeworkReviewed: the due task was gone over (Homework is set).
	HomeworkReviewed EventKind = "homework_reviewed"
	// SessionEnd: a session ends.
	SessionEnd EventKind = "session_end"
	// MeasureWAI: the client rated the alliance (WAI is set).
	MeasureWAI EventKind = "measure_wai"
	// HomeworkOutcome: what became of the task during the week (Homework;
	// Text is what the client says about it, Value the chance the model
	// gave the client of engaging with it).
	HomeworkOutcome EventKind = "homework_outcome"
	// LifeEvent: something happened in the client's life (Rule is its id).
	LifeEvent EventKind = "life_event"
	// Dropout: the client did not come to the next session.
	Dropout EventKind = "dropout"
	// CourseEnd: the course is over (Text is the outcome class).
	CourseEnd EventKind = "course_end"
	// Warning: an expression failed at run time and counted as false or 0.
	Warning EventKind = "warning"
	// VariableSet: a scenario variable changed (Variable, Before, After;
	// Rule is "option", "client" or a life event's id).
	VariableSet EventKind = "variable_set"
	// RepairFailed: a repair that would have resolved the open rupture did
	// not take (Rule, Rupture; Value the chance it had, Explain why).
	RepairFailed EventKind = "repair_failed"
)

// Rules of events that no rule of the model made.
const (
	// ByOption: an option's own effects and variables.
	ByOption = "option"
	// ByClient: what the client said or did on their own, a scenario's
	// client moment or a rupture the client began (Dynamics).
	ByClient = "client"
)

// An Event is one thing that happened in a run. The events of a run, in
// order, are its whole story: the debrief and every export are built from
// them. Fields that do not apply to a kind are left empty.
type Event struct {
	Kind    EventKind `json:"kind"`
	Session int       `json:"session"`
	Turn    int       `json:"turn,omitempty"`
	Beat    string    `json:"beat,omitempty"`
	// Option is the 1-based number of the chosen option as shown.
	Option int    `json:"option,omitempty"`
	Act    Act    `json:"act,omitempty"`
	Text   string `json:"text,omitempty"`
	Cues   string `json:"cues,omitempty"`
	Inner  string `json:"inner,omitempty"`
	// Rule is the id of the rule (or engine step) behind a change.
	Rule string `json:"rule,omitempty"`
	// Var, Before and After describe a change of one state variable.
	Var Var `json:"var,omitempty"`
	// Variable names the scenario variable of a VariableSet event.
	Variable string      `json:"variable,omitempty"`
	Before   float64     `json:"before,omitempty"`
	After    float64     `json:"after,omitempty"`
	Explain  string      `json:"explain,omitempty"`
	Rupture  RuptureKind `json:"rupture,omitempty"`
	// Value is a probability or hazard the engine drew against.
	Value    float64     `json:"value,omitempty"`
	Homework *Assignment `json:"homework,omitempty"`
	OQ       *OQ         `json:"oq,omitempty"`
	WAI      *WAI        `json:"wai,omitempty"`
}

// MarshalJSON writes a change's before and after even when one is zero.
func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	if e.Var == 0 && e.Variable == "" {
		return json.Marshal(plain(e))
	}
	return json.Marshal(struct {
		plain
		Before float64 `json:"before"`
		After  float64 `json:"after"`
	}{plain(e), e.Before, e.After})
}
