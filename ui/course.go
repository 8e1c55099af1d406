package ui

import (
	"io"
	"slices"
	"strings"
	"time"

	"github.com/therasim/therasim/competence"
	"github.com/therasim/therasim/sim"
)

// course is the run being played and its recording.
type course struct {
	e       *entry
	run     *sim.Run
	rec     *sim.Recorder
	w       io.WriteCloser
	name    string // the recording's name in the storage
	assess  bool
	trainee string
	recErr  error // the recording failed; the run goes on and says so
	meters  meterSet
	face    faceAnim
	// before is the client's state before the last choice: the week
	// after a session is shown from the state it ended in.
	before sim.State
	// checkedIn is the number of the choice whose moment's check-in the
	// trainee has answered (0 for none yet): it is not asked again.
	checkedIn int
	// prof is the run's competence profile as of profAt choices (see
	// profile).
	prof   *competence.Profile
	profAt int
}

// startCourse starts a new run of e and its recording, then shows the
// first session.
func (a *app) startCourse(e *entry, trainee string, assess bool) {
	a.endCourse()
	trainee = strings.TrimSpace(trainee)
	a.trainee = trainee
	_ = a.store.Set(keyTrainee, trainee)
	now := a.now()
	run := sim.NewRun(e.sc, a.seed())
	c := &course{e: e, run: run, assess: assess, trainee: trainee}
	h := sim.NewHeader(run, trainee, now.Format(time.RFC3339))
	h.Assess = assess
	name, w, err := createRecording(a.store, now, e.sc.ID, trainee)
	if err == nil {
		// Copies of the scenario and model played with, first: the run
		// is recorded all the same without them, and opens while its
		// scenario replays it.
		if err := keepSources(a.store, e); err != nil {
			a.say("This run is recorded, but no copy of its scenario could be kept beside it: " + err.Error())
		}
		c.name, c.w = name, w
		c.rec, err = sim.NewRecorder(w, h)
	}
	if err != nil {
		c.recErr = err
		a.say("This run is not being recorded: " + err.Error())
	}
	c.meters.init(run.State(), e.sc.Params())
	a.course = c
	a.show(newSessionScreen(a, c, run.Events()))
}

// resumeCourse continues a recorded run.
func (a *app) resumeCourse(rc *resumable) {
	a.endCourse()
	c := &course{e: rc.e, run: rc.run, assess: rc.rec.Header.Assess, trainee: rc.rec.Header.Trainee, name: rc.name}
	if next := len(rc.rec.Choices) + 1; rc.rec.CheckIn(next) != nil {
		// The check-in of the moment the trainee left at was answered.
		c.checkedIn = next
	}
	w, err := a.store.AppendRecording(rc.name)
	if err != nil {
		c.recErr = err
		a.say("This run is not being recorded: " + err.Error())
	} else {
		c.w = w
		c.rec = sim.ResumeRecorder(w, rc.rec)
		h := rc.rec.Header
		if !rc.kept && rc.e.sc.Hash == h.SHA256 && rc.e.sc.ModelHash == h.Model {
			// A run recorded before copies were kept has them from now on.
			if err := keepSources(a.store, rc.e); err != nil {
				a.say("This run is recorded, but no copy of its scenario could be kept beside it: " + err.Error())
			}
		}
	}
	if c.trainee != "" {
		a.trainee = c.trainee
	}
	// Back to exactly where the trainee was: the events since the last
	// choice say whether that was mid-session, at the client's last words,
	// or in the week after a session.
	ev := sinceLastChoice(rc.run.Events())
	c.before = rc.before
	st := rc.run.State()
	if rep := c.weekFrom(ev); rep != nil {
		st = rep.ended
	}
	c.meters.init(st, rc.e.sc.Params())
	a.course = c
	a.afterChoice(nil, ev)
}

// endCourse closes the recording of the course being played, if any.
func (a *app) endCourse() {
	if a.course != nil && a.course.w != nil {
		_ = a.course.w.Close()
	}
	a.course = nil
}

// toPicker leaves the course (its recording stays, resumable) and shows
// the picker.
func (a *app) toPicker() {
	var sel *entry
	if a.course != nil {
		sel = a.course.e
	}
	a.endCourse()
	a.menu = nil
	p := newPicker(a)
	if sel != nil {
		p.selectEntry(sel)
	}
	a.show(p)
}

// restart starts the course again from session 1, as a new recording.
func (a *app) restart() {
	c := a.course
	a.menu = nil
	if c == nil {
		return
	}
	if c.name != "" && !c.run.Done() {
		_ = a.store.Set(keyDismissed, c.name)
	}
	e := c.e
	if !slices.Contains(a.entries, e) {
		// A course resumed with the copy kept of the version it began
		// with starts again with the scenario as it is now, when offered.
		if cur := a.findEntry(e.sc.ID, ""); cur != nil {
			e = cur
		}
	}
	a.startCourse(e, c.trainee, c.assess)
}

// choose plays option n of the current prompt, records it and moves on.
// It reports whether the choice was made.
func (a *app) choose(s *sessionScreen, n int) bool {
	c := a.course
	c.before = c.run.State()
	ev, err := c.run.Choose(n)
	if err != nil {
		a.say(err.Error())
		return false
	}
	if c.rec != nil {
		if err := c.rec.Record(c.run, ev); err != nil {
			c.recErr = err
			a.say("The last choice could not be saved: " + err.Error())
		}
	}
	if rep := c.weekFrom(ev); rep != nil {
		c.meters.set(rep.ended)
	} else {
		c.meters.set(c.run.State())
	}
	a.afterChoice(s, ev)
	return true
}

// asks reports whether the prompt p, the run's current one, asks a
// check-in the trainee has not answered yet.
func (c *course) asks(p *sim.Prompt) bool {
	return p != nil && p.CheckIn != nil && c.checkedIn != c.run.Choices()+1
}

// checkIn records the trainee's answer to the check-in of prompt p, the
// run's current one: the pulls they noticed (ids) and their own words;
// none of either is "nothing to note". It is written before the choice it
// comes before, and never changes the run.
func (a *app) checkIn(p *sim.Prompt, pulls []string, text string) {
	c := a.course
	ans := sim.CheckInAnswer{Choice: c.run.Choices() + 1, Session: p.Session, Beat: p.Beat,
		Pulls: pulls, Text: text, Time: a.now().Format(time.RFC3339)}
	c.checkedIn = ans.Choice
	if c.rec == nil {
		return
	}
	if err := c.rec.CheckIn(ans); err != nil {
		c.recErr = err
		a.say("Your check-in could not be saved: " + err.Error())
	}
}

// profile returns the run's competence profile so far: the course's own
// choices judged again, in order, on a new run of the same scenario and
// seed (the engine is deterministic, so each is judged at the moment it
// was made). It is kept until the next choice. Judged from the run
// itself, it is right however the run came to be where it is (played,
// resumed from a recording, or moved to a revised scenario).
func (c *course) profile() *competence.Profile {
	if c.prof != nil && c.profAt == c.run.Choices() {
		return c.prof
	}
	sc := c.run.Scenario()
	p := competence.New(sc)
	r := sim.NewRun(sc, c.run.Seed())
	n := 0
	for _, e := range c.run.Events() {
		if e.Kind != sim.Choice {
			continue
		}
		pr := r.Prompt()
		if pr == nil {
			break
		}
		marks := r.Judge(e.Option)
		if _, err := r.Choose(e.Option); err != nil {
			break
		}
		n++
		p.Add(n, pr.Session, marks)
	}
	c.prof, c.profAt = p, c.run.Choices()
	return p
}

// afterChoice shows what follows a choice whose events are ev: the next
// prompt, the client's last words in a session, the week, dropout or the
// end. s is the session screen the choice was made on (nil on resume).
func (a *app) afterChoice(s *sessionScreen, ev []sim.Event) {
	c := a.course
	rep := c.weekFrom(ev)
	if rep == nil {
		if s == nil {
			s = newSessionScreen(a, c, ev)
		} else {
			s.load(ev)
		}
		a.show(s)
		return
	}
	if parting := partingLines(ev); len(parting) > 0 {
		if s == nil {
			s = newSessionScreen(a, c, ev)
		}
		s.part(parting, rep, ev)
		a.show(s)
		return
	}
	a.toWeek(rep)
}

// toWeek shows the week after a session, or the missed session when the
// client dropped out.
func (a *app) toWeek(rep *weekReport) {
	if rep.dropped {
		a.show(newDropoutScreen(a, a.course, rep))
		return
	}
	a.show(newWeekScreen(a, a.course, rep))
}

// nextSession shows the session that follows the week, or the end.
func (a *app) nextSession(rep *weekReport) {
	c := a.course
	if c.run.Done() {
		a.show(newEndScreen(a, c))
		return
	}
	c.meters.set(c.run.State())
	a.show(newSessionScreen(a, c, rep.events))
}

// openMenu opens the Esc menu over the current screen.
func (a *app) openMenu() { a.menu = newMenu(a) }

// sinceLastChoice returns the events from the last choice on (all events
// when there was no choice yet).
func sinceLastChoice(ev []sim.Event) []sim.Event {
	for i := len(ev) - 1; i >= 0; i-- {
		if ev[i].Kind == sim.Choice {
			return ev[i:]
		}
	}
	return ev
}

// partingLines returns what the client said after a choice and before the
// session ended.
func partingLines(ev []sim.Event) []sim.Line {
	var out []sim.Line
	for _, e := range ev {
		switch e.Kind {
		case sim.ClientSays:
			out = append(out, sim.Line{Beat: e.Beat, Text: e.Text, Cues: e.Cues, Inner: e.Inner})
		case sim.SessionEnd:
			return out
		}
	}
	return nil
}
