package sim

import "slices"

// Apply moves s by one event of a run, as the engine moved the run's own
// state: folding a run's events, in order, over the state before them gives
// the state after them. So a caller that has the state before a choice and
// the choice's events can have the state at any point between, such as the
// end of a session before the week that followed it, without knowing what
// any variable means.
//
// Every field follows but DropoutRisk, which the engine recomputes after
// each choice and no event carries: Apply sets it only where an event does
// (the hazard the week drew against, on SessionStart and Dropout).
// Events of other runs, or out of order, give a state no run had.
func (s *State) Apply(e Event) {
	switch e.Kind {
	case SessionStart:
		s.weekPassed()
		s.Session, s.Turn = e.Session, 0
		s.RupturePeak = s.RuptureSeverity
		if n := len(s.Log); n > 0 && s.Log[n-1].Session == e.Session-1 {
			s.Log = append(s.Log[:n-1:n-1], s.Log[n-1])
			s.Log[n-1].Hazard = e.Value
			s.DropoutRisk = e.Value
		}
	case MeasureOQ:
		if e.OQ != nil {
			s.OQ = append(s.OQ[:len(s.OQ):len(s.OQ)], *e.OQ)
		}
	case Choice:
		s.Turn = e.Turn + 1
		if s.Rupture != NoRupture {
			s.RuptureTurns++
		}
	case Change:
		s.set(e.Var, e.After)
		if e.Var == VarRuptureSeverity {
			s.RupturePeak = max(s.RupturePeak, e.After)
			if e.After > e.Before {
				s.RuptureUnprompted = false
			}
		}
	case RuptureOpened:
		s.Rupture, s.RuptureSeverity, s.RuptureTurns = e.Rupture, e.Value, 0
		// The model's own onset is the client's, and of no beat.
		s.RuptureUnprompted = e.Rule == ByClient && e.Beat == ""
		s.RupturesOpened++
		s.RupturePeak = max(s.RupturePeak, e.Value)
		if e.Rule == ByClient {
			s.RupturesByClient++
		}
	case RepairFailed:
		s.RepairsFailed++
	case RuptureRepaired, RuptureEased:
		s.Rupture, s.RuptureSeverity, s.RuptureTurns = NoRupture, 0, 0
		s.RuptureUnprompted = false
		if e.Kind == RuptureRepaired {
			s.RupturesRepaired++
		} else {
			s.RupturesEased++
		}
	case HomeworkSet:
		if e.Homework == nil {
			return
		}
		s.Homework = append([]Assignment(nil), s.Homework...)
		if s.Assigned >= 0 {
			s.Homework[s.Assigned] = *e.Homework
		} else {
			s.Assigned = len(s.Homework)
			s.Homework = append(s.Homework, *e.Homework)
		}
	case HomeworkReviewed, HomeworkOutcome:
		if e.Homework == nil {
			return
		}
		// The task is the one set in its session: the due one for a
		// review, the one just set for the week's outcome.
		for i := len(s.Homework) - 1; i >= 0; i-- {
			if s.Homework[i].Session == e.Homework.Session {
				s.Homework = append([]Assignment(nil), s.Homework...)
				s.Homework[i] = *e.Homework
				break
			}
		}
	case SessionEnd:
		s.Log = append(s.Log[:len(s.Log):len(s.Log)], s.sessionLog())
	case MeasureWAI:
		if e.WAI != nil {
			s.WAI = append(s.WAI[:len(s.WAI):len(s.WAI)], *e.WAI)
		}
	case Dropout:
		s.Dropped = true
		s.DropoutRisk = e.Value
		if n := len(s.Log); n > 0 {
			s.Log = append(s.Log[:n-1:n-1], s.Log[n-1])
			s.Log[n-1].Hazard = e.Value
		}
	case CourseEnd:
		s.weekPassed()
		s.Done = true
	case VariableSet:
		if i := slices.Index(s.names, e.Variable); i >= 0 && i < len(s.Vars) {
			s.Vars = append([]float64(nil), s.Vars...)
			s.Vars[i] = e.After
		}
	}
}

// weekPassed does what the end of a week does to the homework: the task
// set in the session, if any, is now the one due for review.
func (s *State) weekPassed() {
	s.Due, s.Assigned = s.Assigned, -1
}

// sessionLog is the log entry of the session ending now: the ruptures
// opened, repaired and eased in it, counted from the course's totals less
// those of the sessions before.
func (s *State) sessionLog() SessionLog {
	l := SessionLog{Session: s.Session, RupturesOpened: s.RupturesOpened,
		RupturesRepaired: s.RupturesRepaired, RupturesEased: s.RupturesEased,
		RupturesByClient: s.RupturesByClient, RepairsFailed: s.RepairsFailed,
		RupturePeak: s.RupturePeak, OpenAtEnd: s.Rupture != NoRupture}
	for _, p := range s.Log {
		l.RupturesOpened -= p.RupturesOpened
		l.RupturesRepaired -= p.RupturesRepaired
		l.RupturesEased -= p.RupturesEased
		l.RupturesByClient -= p.RupturesByClient
		l.RepairsFailed -= p.RepairsFailed
	}
	return l
}
