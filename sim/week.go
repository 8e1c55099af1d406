package sim

import (
	"fmt"
	"math"
)

// Params are the parameters of the model outside the rules: the week
// between sessions and the measures. The model file sets every one in its
// [week] table; docs/model.md says what each means and why it has its value.
type Params struct {
	// Homework completion. The probability p that the client engages is
	// HomeworkBase plus the weighted terms below, kept in [0.03, 0.97];
	// the client engages when one draw falls below p, and completes the
	// task fully when a second does too (so full p², partial p(1−p)).
	HomeworkBase          float64 `toml:"homework_base"`
	HomeworkTask          float64 `toml:"homework_task"`       // × (task − 0.5)
	HomeworkMotivation    float64 `toml:"homework_motivation"` // × (motivation − 0.5)
	HomeworkAttitude      float64 `toml:"homework_attitude"`   // × (homework_attitude − 0.5)
	HomeworkCollaborative float64 `toml:"homework_collaborative"`
	HomeworkRationale     float64 `toml:"homework_rationale"`
	HomeworkSpecific      float64 `toml:"homework_specific"`
	HomeworkWritten       float64 `toml:"homework_written"`
	HomeworkMatched       float64 `toml:"homework_matched"`
	HomeworkObstacles     float64 `toml:"homework_obstacles"`
	HomeworkDifficulty    float64 `toml:"homework_difficulty"` // × (difficulty − 0.3), subtracted
	HomeworkReviewed      float64 `toml:"homework_reviewed"`   // added when the last task was reviewed, subtracted when not
	HomeworkCriticised    float64 `toml:"homework_criticised"` // subtracted when non-completion was criticised
	HomeworkSeverity      float64 `toml:"homework_severity"`   // × (symptoms/180 − 0.5), subtracted

	// Symptom change over the week, in OQ-45 points:
	// −rate × (symptoms − SymptomFloor) + SymptomNoise × z + life events,
	// where rate is SymptomBase plus the weighted terms, kept within
	// [SymptomRateMin, SymptomRateMax].
	SymptomBase     float64 `toml:"symptom_base"`
	SymptomAlliance float64 `toml:"symptom_alliance"` // × (alliance − 0.5)
	SymptomHope     float64 `toml:"symptom_hope"`     // × (hope − 0.5)
	SymptomHomework float64 `toml:"symptom_homework"` // × compliance with this week's task
	SymptomSupport  float64 `toml:"symptom_support"`  // × (support − 0.5)
	SymptomRupture  float64 `toml:"symptom_rupture"`  // × severity of an open rupture, subtracted
	SymptomRateMin  float64 `toml:"symptom_rate_min"`
	SymptomRateMax  float64 `toml:"symptom_rate_max"`
	SymptomFloor    float64 `toml:"symptom_floor"`
	SymptomNoise    float64 `toml:"symptom_noise"`
	// HopeFromChange: hope moves by this × (−change in symptoms / 14).
	HopeFromChange float64 `toml:"hope_from_change"`

	// Dropout hazard before each next session: DropoutBase plus the
	// weighted terms, times DropoutEarly in the first DropoutEarlySessions
	// sessions, kept within [0, DropoutMax].
	DropoutBase          float64 `toml:"dropout_base"`
	DropoutAlliance      float64 `toml:"dropout_alliance"` // × (1 − alliance)
	DropoutRupture       float64 `toml:"dropout_rupture"`  // × severity of an open rupture
	DropoutNotOnTrack    float64 `toml:"dropout_not_on_track"`
	DropoutHope          float64 `toml:"dropout_hope"`       // × (1 − hope)
	DropoutReactance     float64 `toml:"dropout_reactance"`  // × reactance
	DropoutMotivation    float64 `toml:"dropout_motivation"` // × (1 − motivation)
	DropoutEarly         float64 `toml:"dropout_early"`
	DropoutEarlySessions int     `toml:"dropout_early_sessions"`
	DropoutMax           float64 `toml:"dropout_max"`

	// Measures. OQ-45: the true level plus OQNoise × z, rounded. The
	// expected recovery curve falls from intake towards OQExpectedFloor by
	// the fraction OQCurveRate of the remaining distance each session; a
	// score more than OQNotOnTrackMargin above it is "not on track".
	OQNoise            float64 `toml:"oq_noise"`
	OQExpectedFloor    float64 `toml:"oq_expected_floor"`
	OQCurveRate        float64 `toml:"oq_curve_rate"`
	OQNotOnTrackMargin float64 `toml:"oq_not_on_track_margin"`
	// WAI-SR items: 1 + 4 × (WAIOffset + WAIScale × latent + WAINoise × t)
	// rounded and kept in 1–5, with latent the subscale's dimension and t a
	// triangular draw in (−1, 1). An offset above 0 makes ratings
	// ceiling-heavy, as real WAI-SR data are.
	WAIOffset float64 `toml:"wai_offset"`
	WAIScale  float64 `toml:"wai_scale"`
	WAINoise  float64 `toml:"wai_noise"`
}

// Reliable change and clinical cut-off of the OQ-45 (Lambert).
const (
	ReliableChange = 14
	CutOff         = 63.5
)

// An Outcome classes a course by OQ-45 from intake to the last score, as
// Lambert's OQ-45 system does (reliable change 14 points, cut-off 63/64).
// The names are written in exports, so the list is append-only.
type Outcome string

// Outcome classes.
const (
	// Recovered: a reliable improvement that ends below the cut-off.
	Recovered Outcome = "recovered"
	// Improved: a reliable improvement that ends in the clinical range.
	Improved Outcome = "improved"
	// Unchanged: less than a reliable change either way.
	Unchanged Outcome = "unchanged"
	// Deteriorated: a reliable worsening.
	Deteriorated Outcome = "deteriorated"
)

// Outcomes lists the outcome classes from best to worst.
func Outcomes() []Outcome { return []Outcome{Recovered, Improved, Unchanged, Deteriorated} }

// Classify classes a course from the intake OQ-45 and the last one.
func Classify(intake, final float64) Outcome {
	switch d := intake - final; {
	case d >= ReliableChange && final < CutOff:
		return Recovered
	case d >= ReliableChange:
		return Improved
	case d <= -ReliableChange:
		return Deteriorated
	}
	return Unchanged
}

// Expected returns the expected OQ-45 at session n on the recovery curve
// from intake.
func (p *Params) Expected(intake float64, n int) float64 {
	left := 1.0
	for i := 1; i < n; i++ {
		left = float64(left * (1 - p.OQCurveRate))
	}
	return p.OQExpectedFloor + float64((intake-p.OQExpectedFloor)*left)
}

// completion returns the probability that the client engages with task a.
func (p *Params) completion(s *State, t *Traits, a *Assignment, lastReviewed, hadLast bool) float64 {
	x := p.HomeworkBase
	x += float64(p.HomeworkTask * (s.Task - 0.5))
	x += float64(p.HomeworkMotivation * (t.Motivation - 0.5))
	x += float64(p.HomeworkAttitude * (t.HomeworkAttitude - 0.5))
	at := a.Attrs
	for _, f := range []struct {
		on bool
		w  float64
	}{{at.Collaborative, p.HomeworkCollaborative}, {at.Rationale, p.HomeworkRationale},
		{at.Specific, p.HomeworkSpecific}, {at.Written, p.HomeworkWritten},
		{at.Matched, p.HomeworkMatched}, {at.Obstacles, p.HomeworkObstacles}} {
		if f.on {
			x += f.w
		}
	}
	x -= float64(p.HomeworkDifficulty * (at.Difficulty - 0.3))
	if hadLast {
		if lastReviewed {
			x += p.HomeworkReviewed
		} else {
			x -= p.HomeworkReviewed
		}
	}
	if a.Criticised {
		x -= p.HomeworkCriticised
	}
	x -= float64(p.HomeworkSeverity * (s.Symptoms/MaxOQ - 0.5))
	return clamp(x, 0.03, 0.97)
}

// rate returns the fraction of the distance to the floor by which symptoms
// fall this week.
func (p *Params) rate(s *State, t *Traits, compliance float64) float64 {
	return clamp(p.rawRate(s, t, compliance), p.SymptomRateMin, p.SymptomRateMax)
}

// rawRate is rate before its bounds: the sum of its terms.
func (p *Params) rawRate(s *State, t *Traits, compliance float64) float64 {
	x := p.SymptomBase
	x += float64(p.SymptomAlliance * (s.Alliance() - 0.5))
	x += float64(p.SymptomHope * (s.Hope - 0.5))
	x += float64(p.SymptomHomework * compliance)
	x += float64(p.SymptomSupport * (t.Support - 0.5))
	if s.Rupture != NoRupture {
		x -= float64(p.SymptomRupture * s.RuptureSeverity)
	}
	return x
}

// hazard returns the probability that the client leaves before the next
// session. Every alliance and hope term lowers it as they rise, so a better
// alliance never means more dropout. taken: the therapist took up a
// not-on-track signal with the client in the session (Dynamics), which
// takes away what the signal adds.
func (p *Params) hazard(s *State, t *Traits, taken bool) float64 {
	x := p.DropoutBase
	x += float64(p.DropoutAlliance * (1 - s.Alliance()))
	if s.Rupture != NoRupture {
		x += float64(p.DropoutRupture * s.RuptureSeverity)
	}
	if oq, ok := s.LastOQ(); ok && oq.NotOnTrack && !taken {
		x += p.DropoutNotOnTrack
	}
	x += float64(p.DropoutHope * (1 - s.Hope))
	x += float64(p.DropoutReactance * t.Reactance)
	x += float64(p.DropoutMotivation * (1 - t.Motivation))
	if s.Session <= p.DropoutEarlySessions {
		x = float64(x * p.DropoutEarly)
	}
	return clamp(x, 0, p.DropoutMax)
}

// measureOQ has the client take the OQ-45 before session n.
func (r *Run) measureOQ(n int) {
	p := &r.sc.params
	s := &r.st
	score := int(math.Floor(clamp(s.Symptoms+float64(p.OQNoise*r.rng.normal()), 0, MaxOQ) + 0.5))
	m := OQ{Session: n, Score: score, True: s.Symptoms}
	intake := float64(score)
	if len(s.OQ) > 0 {
		intake = float64(s.OQ[0].Score)
	}
	m.Expected = p.Expected(intake, n)
	m.NotOnTrack = n > 1 && float64(score)-m.Expected > p.OQNotOnTrackMargin
	s.OQ = append(s.OQ, m)
	if !r.quiet {
		r.emit(Event{Kind: MeasureOQ, OQ: copyOf(m)})
	}
}

// waiSubscales maps the twelve WAI-SR items to subscales (Hatcher &
// Gillaspy 2006): 0 goal (items 4, 6, 8, 11), 1 task (1, 2, 10, 12), 2
// bond (3, 5, 7, 9).
func waiSubscales() [12]uint8 { return [12]uint8{1, 1, 2, 0, 2, 0, 2, 0, 2, 1, 0, 1} }

// measureWAI has the client fill in the WAI-SR at the end of a session.
func (r *Run) measureWAI() {
	p := &r.sc.params
	s := &r.st
	w := WAI{Session: s.Session}
	var sums [3]float64
	// Each subscale's part of an item before the noise, as the sum
	// always began: offset + scale × dimension.
	base := [3]float64{p.WAIOffset + float64(p.WAIScale*s.Goal), p.WAIOffset + float64(p.WAIScale*s.Task),
		p.WAIOffset + float64(p.WAIScale*s.Bond)}
	occasion := 0.0 // how the client rates today, whatever the alliance
	if d := r.dyn; d != nil {
		occasion = float64(d.WAIOccasion * r.rng.triangular())
	}
	subs := waiSubscales()
	total := 0
	for i := range w.Items {
		sub := subs[i]
		t := r.rng.float() + r.rng.float() - 1
		x := base[sub] + float64(p.WAINoise*t) + occasion
		item := int(math.Floor(1 + float64(4*clamp(x, 0, 1)) + 0.5))
		w.Items[i] = item
		sums[sub] += float64(item)
		total += item
	}
	w.Goal, w.Task, w.Bond = sums[0]/4, sums[1]/4, sums[2]/4
	w.Total = float64(total) / 12
	s.WAI = append(s.WAI, w)
	if !r.quiet {
		r.emit(Event{Kind: MeasureWAI, WAI: copyOf(w)})
	}
}

// endSession closes a session with the WAI-SR and plays the week after it.
func (r *Run) endSession() {
	s := &r.st
	s.Log = append(s.Log, s.sessionLog())
	if !r.quiet {
		r.emit(Event{Kind: SessionEnd})
	}
	r.measureWAI()
	r.week()
}

// week plays the days between session n and n+1, drawing in a fixed order:
// homework (two draws), symptom noise (four), with Dynamics a sudden gain
// or setback (one) and the alliance's shift (two), then dropout (one).
func (r *Run) week() {
	p := &r.sc.params
	s := &r.st
	t := &r.client.Traits
	n := s.Session
	last := n == len(r.sc.Sessions)

	// Homework.
	u1, u2 := r.rng.float(), r.rng.float()
	compliance := 0.0
	if s.Due >= 0 {
		d := s.Homework[s.Due]
		r.lastReviewed, r.hadLast = d.Reviewed, true
	}
	if s.Assigned >= 0 {
		a := &s.Homework[s.Assigned]
		a.Probability = p.completion(s, t, a, r.lastReviewed, r.hadLast)
		switch {
		case u1 >= a.Probability:
			a.Completion = NotDone
		case u2 < a.Probability:
			a.Completion = Full
		default:
			a.Completion = Partial
		}
		compliance = a.Completion.Compliance()
		if !r.quiet {
			c := *a
			r.emit(Event{Kind: HomeworkOutcome, Homework: &c, Value: a.Probability, Text: r.sc.HomeworkWords(a.Attrs.Kind, a.Completion)})
		}
	}
	s.Due, s.Assigned = s.Assigned, -1

	// Symptoms, then life events, then hope from the change.
	before := s.Symptoms
	rate := p.rate(s, t, compliance)
	if r.dyn != nil {
		rate = clamp(p.rawRate(s, t, compliance)+r.resp-r.obstacle, p.SymptomRateMin, p.SymptomRateMax)
	}
	z := r.rng.normal()
	expected := -float64(rate * (s.Symptoms - p.SymptomFloor))
	noise := float64(p.SymptomNoise * z)
	var why string
	if !r.quiet {
		why = r.weekExplain(expected, noise, compliance)
	}
	r.change("week:symptoms", why, VarSymptoms, expected+noise, false)
	if r.dyn != nil {
		r.weekDynamics()
	}
	r.refresh()
	r.refreshSession() // the task set is now the one due
	r.noAct()
	for _, ev := range r.sc.events {
		if ev.after != n || !r.cond(ev.when, "event", ev.id) {
			continue
		}
		if !r.quiet {
			r.emit(Event{Kind: LifeEvent, Rule: ev.id, Text: ev.text, Inner: ev.inner})
		}
		amounts := make([]float64, len(ev.effects))
		for i := range ev.effects {
			amounts[i] = r.num(&ev.effects[i].amt, ev.id)
		}
		var buf [8]float64
		r.assign(ev.sets, ev.id, ev.text, buf[:0])
		r.fire(ev.id, ev.text, ev.effects, amounts)
	}
	r.worse = max(0, s.Symptoms-before)
	if dh := float64(p.HopeFromChange*(before-s.Symptoms)) / ReliableChange; dh != 0 {
		why := "Hope follows how the week went: feeling better makes therapy seem worth it."
		if dh < 0 {
			why = "Hope follows how the week went: feeling worse makes therapy seem less likely to help."
		}
		r.change("week:hope", why, VarHope, dh, true)
	}

	// Dropout, then the next session or the end.
	u3 := r.rng.float()
	if last {
		r.measureOQ(n + 1)
		r.finish()
		return
	}
	h := p.hazard(s, t, r.signalTaken)
	s.DropoutRisk = h
	s.Log[len(s.Log)-1].Hazard = h
	if u3 < h {
		s.Dropped = true
		if !r.quiet {
			r.emit(Event{Kind: Dropout, Value: h, Text: fmt.Sprintf("%s did not come to session %d.", r.client.Name, n+1)})
		}
		r.finish()
		return
	}
	r.startSession(n+1, h)
}

// weekExplain says what drove the week's change in symptoms: the part the
// model expected from the alliance, hope, support and homework, and chance.
func (r *Run) weekExplain(expected, noise, compliance float64) string {
	s := &r.st
	hw := "no homework this week"
	if s.Due >= 0 {
		hw = "the homework " + s.Homework[s.Due].Completion.Words()
	}
	verb := "ease"
	if expected > 0 {
		verb = "worsen"
	}
	chance := "the week's ups and downs changed nothing"
	if n := math.Round(float64(noise*10)) / 10; n != 0 {
		chance = fmt.Sprintf("the week's ups and downs added %+.1f", n)
	}
	return fmt.Sprintf("With the alliance at %.2f, hope at %.2f and %s, the model expected symptoms to %s by %.1f points; %s.",
		s.Alliance(), s.Hope, hw, verb, math.Abs(expected), chance)
}

// finish ends the course and classes its outcome.
func (r *Run) finish() {
	s := &r.st
	s.Done = true
	r.beat = end
	final, _ := s.LastOQ()
	if !r.quiet {
		r.emit(Event{Kind: CourseEnd, Text: string(Classify(s.Intake(), float64(final.Score)))})
	}
}
