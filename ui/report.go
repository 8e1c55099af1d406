package ui

import "github.com/therasim/therasim/sim"

// weekReport is what the week after a session brought, read from the
// events of the choice that ended the session.
type weekReport struct {
	session int // the session that ended
	total   int // sessions in the course
	last    bool
	wai     *sim.WAI
	// homework is what became of the task set in the session, and words
	// what the client says about it; nil and "" when none was set.
	homework *sim.Assignment
	words    string
	life     []sim.Event
	// oq is the OQ-45 taken before the next session (after the course,
	// for the last); nil when the client did not come back.
	oq      *sim.OQ
	oqs     []sim.OQ // every OQ-45 so far, for the chart
	dropped bool
	// events are the choice's events, for the screen after the week.
	events []sim.Event
	// ended is the client's state as the session ended, before the week
	// changed anything: the meters and the face show it until the trainee
	// has seen the week.
	ended sim.State
}

// weekFrom reads the week out of the events of the course's last choice;
// nil when the choice did not end a session.
func (c *course) weekFrom(ev []sim.Event) *weekReport {
	return weekFrom(c.before, ev, c.run)
}

// weekFrom reads the week out of a choice's events, ev, given the state
// before the choice; nil when the choice did not end a session.
func weekFrom(before sim.State, ev []sim.Event, run *sim.Run) *weekReport {
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
	rep := &weekReport{session: ev[end].Session, total: total, events: ev, oqs: st.OQ, ended: before}
	for _, e := range ev[:end+1] {
		rep.ended.Apply(e)
	}
	rep.last = rep.session == total
	for _, e := range ev[end+1:] {
		switch e.Kind {
		case sim.MeasureWAI:
			rep.wai = e.WAI
		case sim.HomeworkOutcome:
			rep.homework, rep.words = e.Homework, e.Text
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
