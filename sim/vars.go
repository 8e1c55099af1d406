package sim

import "fmt"

// A Var is a state variable that rules, options and life events change.
// Change events name it, and exports write its name, so the names are
// stored: the list is append-only.
type Var uint8

// The state variables. The zero Var names none.
const (
	// VarBond is the emotional bond of the alliance (Bordin), 0–1.
	VarBond Var = iota + 1
	// VarTask is agreement on the tasks of therapy, 0–1.
	VarTask
	// VarGoal is agreement on its goals, 0–1.
	VarGoal
	// VarHope is the client's expectation that therapy will help, 0–1.
	VarHope
	// VarSymptoms is the true symptom level on the OQ-45 scale, 0–180;
	// lower is better.
	VarSymptoms
	// VarRuptureSeverity is the open rupture's severity, 0–1; lower is
	// better.
	VarRuptureSeverity
)

// vars lists every state variable in the order effects apply them.
func vars() [6]Var {
	return [6]Var{VarBond, VarTask, VarGoal, VarHope, VarSymptoms, VarRuptureSeverity}
}

// String returns the name events and exports use: "bond", "task", "goal",
// "hope", "symptoms" or "rupture_severity".
func (v Var) String() string {
	if v.valid() {
		return [...]string{"bond", "task", "goal", "hope", "symptoms", "rupture_severity"}[v-VarBond]
	}
	return fmt.Sprintf("Var(%d)", uint8(v))
}

// Label is the variable's name for people: the name, but "true symptom
// level" for the symptoms (the model's level, which the OQ-45 a therapist
// sees measures with noise) and "rupture severity" for the rupture's.
func (v Var) Label() string {
	switch v {
	case VarSymptoms:
		return "true symptom level"
	case VarRuptureSeverity:
		return "rupture severity"
	}
	return v.String()
}

// Range returns the variable's bounds: 0–180 for symptoms, 0–1 otherwise.
func (v Var) Range() (lo, hi float64) {
	if v == VarSymptoms {
		return 0, MaxOQ
	}
	return 0, 1
}

// Better reports whether a change from before to after is good for the
// client: a rise of the alliance or hope, a fall of symptoms or of a
// rupture's severity.
func (v Var) Better(before, after float64) bool {
	if v == VarSymptoms || v == VarRuptureSeverity {
		return after < before
	}
	return after > before
}

// Digits is how many decimals show a change of the variable: one on the
// OQ-45 scale, two on the 0–1 scales.
func (v Var) Digits() int {
	if v == VarSymptoms {
		return 1
	}
	return 2
}

func (v Var) valid() bool { return v >= VarBond && v <= VarRuptureSeverity }

// key is the variable's key in an effects table: "rupture" for the
// rupture's severity, the name otherwise.
func (v Var) key() string {
	if v == VarRuptureSeverity {
		return "rupture"
	}
	return v.String()
}

// MarshalText writes the variable's name.
func (v Var) MarshalText() ([]byte, error) {
	if !v.valid() {
		return nil, fmt.Errorf("no state variable %d", uint8(v))
	}
	return []byte(v.String()), nil
}

// UnmarshalText reads a variable's name.
func (v *Var) UnmarshalText(b []byte) error {
	for _, x := range vars() {
		if x.String() == string(b) {
			*v = x
			return nil
		}
	}
	return fmt.Errorf("unknown state variable %q", b)
}
