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
