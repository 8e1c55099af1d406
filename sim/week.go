package sim

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
	x := p.SymptomBase
	x += float64(p.SymptomAlliance * (s.Alliance() - 0.5))
	x += float64(p.SymptomHope * (s.Hope - 0.5))
	x += float64(p.SymptomHomework * compliance)
	x += float64(p.SymptomSupport * (t.Support - 0.5))
	if s.Rupture != NoRupture {
		x -= float64(p.SymptomRupture * s.RuptureSeverity)
	}
	return clamp(x, p.SymptomRateMin, p.SymptomRateMax)
}

// hazard returns the probability that the client leaves before the next
// session. Every alliance and hope term lowers it as they rise, so a better
// alliance never means more dropout.
func (p *Params) hazard(s *State, t *Traits) float64 {
	x := p.DropoutBase
	x += float64(p.DropoutAlliance * (1 - s.Alliance()))
	if s.Rupture != NoRupture {
		x += float64(p.DropoutRupture * s.RuptureSeverity)
	}
	if oq, ok := s.LastOQ(); ok && oq.NotOnTrack {
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
