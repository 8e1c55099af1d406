package ui

import "github.com/therasim/therasim/sim"

// weekReport is what the week after a session brought, read from the
// events of the choice that ended the session.
type weekReport struct {
	session int // the session that ended
	total   int // sessions in the course
	last    bool
	wai     *sim.WAI
	// homework is what became of the task set in the session; nil when
	// none was set.
	homework *sim.Assignment
	life     []sim.Event
	// oq is the OQ-45 taken before the next session (after the course,
	// for the last); nil when the client did not come back.
	oq      *sim.OQ
	oqs     []sim.OQ // every OQ-45 so far, for the chart
	dropped bool
	// events are the choice's events, for the screen after the week.
	events []sim.Event
}

// weekFrom reads the week out of a choice's events; nil when the choice
// did not end a session.
func weekFrom(ev []sim.Event, run *sim.Run) *weekReport {
	end := -1
	for i, e := range ev {
		if e.Kind == sim.SessionEnd {
			end = i
			break
		}
	}
	if end < 0 {
		return nil
	}
	st := run.State()
	total := len(run.Scenario().Sessions)
	rep := &weekReport{session: ev[end].Session, total: total, events: ev, oqs: st.OQ}
	rep.last = rep.session == total
	for _, e := range ev[end+1:] {
		switch e.Kind {
		case sim.MeasureWAI:
			rep.wai = e.WAI
		case sim.HomeworkOutcome:
			rep.homework = e.Homework
		case sim.LifeEvent:
			rep.life = append(rep.life, e)
		case sim.Dropout:
			rep.dropped = true
		case sim.MeasureOQ:
			if rep.oq == nil {
				rep.oq = e.OQ
			}
		}
	}
	return rep
}

// previousOQ is the OQ-45 taken before the one the week ends with.
func (r *weekReport) previousOQ() (sim.OQ, bool) {
	if len(r.oqs) < 2 {
		return sim.OQ{}, false
	}
	return r.oqs[len(r.oqs)-2], true
}

// beforeWeek returns the state as it was when the session of ev ended, by
// undoing the changes the week made (ev are the events of the choice that
// ended it). The meters and the face show the session's end until the
// trainee has seen the week.
func beforeWeek(st sim.State, ev []sim.Event) sim.State {
	end := indexOf(ev, sim.SessionEnd)
	for i := len(ev) - 1; i > end; i-- {
		e := ev[i]
		if e.Kind != sim.Change {
			continue
		}
		switch e.Var {
		case "bond":
			st.Bond = e.Before
		case "task":
			st.Task = e.Before
		case "goal":
			st.Goal = e.Before
		case "hope":
			st.Hope = e.Before
		case "symptoms":
			st.Symptoms = e.Before
		}
	}
	// The measures and the session number are the ended session's.
	st.Session, st.Turn = ev[end].Session, ev[end].Turn
	st.Dropped, st.Done = false, false
	st.OQ = keepOQ(st.OQ, ev[end].Session)
	// Homework whose week has now passed had no outcome yet then.
	for _, e := range ev[end+1:] {
		if e.Kind == sim.HomeworkOutcome && len(st.Homework) > 0 {
			st.Homework = append([]sim.Assignment(nil), st.Homework...)
			st.Homework[len(st.Homework)-1].Completion = ""
		}
		if e.Kind == sim.SessionStart {
			break
		}
	}
	return st
}

// keepOQ returns the measures taken up to session n.
func keepOQ(oqs []sim.OQ, n int) []sim.OQ {
	var out []sim.OQ
	for _, o := range oqs {
		if o.Session <= n {
			out = append(out, o)
		}
	}
	return out
}
