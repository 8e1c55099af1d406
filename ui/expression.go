package ui

import "github.com/therasim/therasim/sim"

// Thresholds of expressionFor.
const (
	severeRupture = 0.5  // a rupture this severe shows as upset, whatever its kind
	lowHope       = 0.25 // with high symptoms: upset
	highSymptoms  = 80.0 // OQ-45 scale; the clinical cut-off is 63.5
	highBond      = 0.6  // with hope rising (or high): engaged
	lowBond       = 0.2  // guarded
)

// expressionFor is the client's face for a state and the events of the
// last choice (what just happened). The first rule that holds decides:
//
//  1. an open confrontation rupture, or any rupture of severity ≥ 0.5: upset
//  2. an open withdrawal rupture: guarded
//  3. a rupture was just repaired or eased, or homework just turned out
//     (or was just reviewed as) fully done: relieved
//  4. hope below 0.25 with symptoms above 80: upset
//  5. bond at least 0.6 with hope that just rose or is itself at least 0.6:
//     engaged
//  6. bond below 0.2: guarded
//  7. otherwise: neutral
//
// A repair that did not take (sim.RepairFailed) leaves its rupture open,
// so the first two rules keep the client as hurt or as guarded as before
// the attempt: never relieved, and never engaged, however high the bond.
func expressionFor(st *sim.State, recent []sim.Event) expression {
	switch st.Rupture {
	case sim.RuptureConfrontation:
		return upset
	case sim.RuptureWithdrawal:
		if st.RuptureSeverity >= severeRupture {
			return upset
		}
		return guarded
	}
	hopeRose := false
	for _, e := range recent {
		switch e.Kind {
		case sim.RuptureRepaired, sim.RuptureEased:
			return relieved
		case sim.HomeworkOutcome, sim.HomeworkReviewed:
			if e.Homework != nil && e.Homework.Completion == sim.Full {
				return relieved
			}
		case sim.Change:
			if e.Var == sim.VarHope && e.After > e.Before {
				hopeRose = true
			}
		}
	}
	switch {
	case st.Hope < lowHope && st.Symptoms > highSymptoms:
		return upset
	case st.Bond >= highBond && (hopeRose || st.Hope >= highBond):
		return engaged
	case st.Bond < lowBond:
		return guarded
	}
	return neutral
}

// homeworkFace is the face that goes with the client's words about the
// homework on the week screen.
func homeworkFace(completion sim.Completion) expression {
	switch completion {
	case sim.Full:
		return relieved
	case sim.NotDone:
		return guarded
	}
	return neutral
}
