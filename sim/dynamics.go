package sim

import (
	"fmt"
	"math"
	"reflect"
	"strings"
)

// Dynamics are the parameters of what a client brings to a course beyond
// the therapist's choices: ruptures the client begins, repair that can
// fail, and the variation of real courses (the alliance dipping and
// recovering, ratings that vary from one occasion to the next, clients who
// respond more or less, sudden gains and setbacks). The model file sets
// every one in its [dynamics] table; docs/model.md says what each means and
// where its value comes from.
//
// A model without a [dynamics] table (every model written before engine
// 0.2) plays without any of it, draw for draw as such models always
// played, so that a run recorded with one still replays.
type Dynamics struct {
	// Ruptures the client begins. Before each session the chance that the
	// client begins one in it is RuptureBase plus the weighted terms, kept
	// within [0, RuptureMax]. It begins after the trainee's k-th choice
	// of the session, k uniform from 0 to RuptureWindow − 1 (0: the client
	// comes in with it), unless a rupture is open then.
	RuptureBase       float64 `toml:"rupture_base"`
	RuptureInsecurity float64 `toml:"rupture_insecurity"` // × (1 − attachment security)
	RuptureReactance  float64 `toml:"rupture_reactance"`  // × reactance
	RuptureWeakBond   float64 `toml:"rupture_weak_bond"`  // × (1 − bond)
	RuptureRecurs     float64 `toml:"rupture_recurs"`     // added when the last session had a rupture
	RuptureBadWeek    float64 `toml:"rupture_bad_week"`   // × the week's rise in symptoms / 14 (none for a fall)
	RuptureMax        float64 `toml:"rupture_max"`
	RuptureWindow     int     `toml:"rupture_window"`
	// Its kind: a confrontation with chance ConfrontationBase +
	// ConfrontationReactance × reactance, a withdrawal otherwise; its
	// severity SeverityBase + SeverityInsecurity × (1 − attachment).
	ConfrontationBase      float64 `toml:"confrontation_base"`
	ConfrontationReactance float64 `toml:"confrontation_reactance"`
	SeverityBase           float64 `toml:"severity_base"`
	SeverityInsecurity     float64 `toml:"severity_insecurity"`
	// ReportSeverity: a client asked after a session whether there was
	// tension with the therapist says yes when a rupture of at least this
	// severity was open in the session (Reports).
	ReportSeverity float64 `toml:"report_severity"`
	// The cues, one of which is added to what the client says next when
	// they begin a rupture: what the trainee can notice, or miss. Several,
	// so that no one sentence gives it away; each must fit any line.
	WithdrawalCues    []string `toml:"withdrawal_cues"`
	ConfrontationCues []string `toml:"confrontation_cues"`

	// Repair that can fail. When a repair would resolve the open rupture,
	// it does with chance RepairBase, plus RepairAcknowledges when the
	// therapist owns their part, plus RepairBond × (bond − 0.5), less
	// RepairSeverity × severity, RepairInsecurity × (1 − attachment) and
	// RepairReactance × reactance, kept within [RepairMin, RepairMax].
	// Otherwise the rupture stays open and the repair's own effects do
	// not happen.
	RepairBase         float64 `toml:"repair_base"`
	RepairAcknowledges float64 `toml:"repair_acknowledges"`
	RepairBond         float64 `toml:"repair_bond"`
	RepairSeverity     float64 `toml:"repair_severity"`
	RepairInsecurity   float64 `toml:"repair_insecurity"`
	RepairReactance    float64 `toml:"repair_reactance"`
	RepairMin          float64 `toml:"repair_min"`
	RepairMax          float64 `toml:"repair_max"`

	// Variation. AllianceShock is the standard deviation of the week's
	// shift of bond, task and goal together (in the variables' 0–1
	// units, at the middle of the range); WAIOccasion that of the shift of
	// every WAI-SR item of one rating (the same 0–1 units as WAINoise);
	// both shifts are triangular draws of that spread;
	// Responsiveness that of the client's own offset to the weekly
	// symptom rate, drawn once a course.
	AllianceShock  float64 `toml:"alliance_shock"`
	WAIOccasion    float64 `toml:"wai_occasion"`
	Responsiveness float64 `toml:"responsiveness"`
	// An obstacle to change: a share ObstacleShare of clients carry
	// something that holds their change back (the alliance, motivation,
	// support, a life event, a problem not yet named: what the OQ
	// system's clinical support tools ask about), which lowers their
	// weekly symptom rate by ObstacleSize × (0.5 to 1.5, uniformly).
	ObstacleShare float64 `toml:"obstacle_share"`
	ObstacleSize  float64 `toml:"obstacle_size"`
	// ObstacleAlliance: while it stands, the obstacle also wears on the
	// alliance, by this × the obstacle's size a week (bond, task and goal,
	// at the middle of their range): a client held back feels the work
	// fits less.
	ObstacleAlliance float64 `toml:"obstacle_alliance"`
	// Acting on the not-on-track signal: when the client is not on track
	// and the therapist makes one of FeedbackActs, the fraction
	// FeedbackAddresses of what is left of the obstacle is addressed, and
	// the signal adds nothing to that week's dropout hazard: a client
	// whose lack of progress is taken up is less likely to leave.
	FeedbackActs      []Act   `toml:"feedback_acts"`
	FeedbackAddresses float64 `toml:"feedback_addresses"`
	// Each week a sudden gain (symptoms fall by SuddenGainSize of their
	// distance to the floor) happens with chance SuddenGain × (0.5 +
	// alliance), or else a setback (symptoms rise by SetbackSize OQ-45
	// points) with chance Setback × (1.5 − alliance): at a middling
	// alliance, the chances themselves.
	SuddenGain     float64 `toml:"sudden_gain"`
	SuddenGainSize float64 `toml:"sudden_gain_size"`
	Setback        float64 `toml:"setback"`
	SetbackSize    float64 `toml:"setback_size"`
}

// Reports reports whether a client asked after a session about tension
// with the therapist would say there was some, given the highest severity
// of a rupture open in the session (SessionLog.RupturePeak): client
// reports miss the mildest strains that observers see.
func (d *Dynamics) Reports(peak float64) bool {
	if d == nil {
		return peak > 0
	}
	return peak > 0 && peak >= d.ReportSeverity
}

// checkDynamics holds every key of a [dynamics] table to be present and
// every chance and severity to lie in 0–1.
func (ld *loader) checkDynamics(d *Dynamics) {
	t := reflect.TypeOf(*d)
	v := reflect.ValueOf(*d)
	for i := 0; i < t.NumField(); i++ {
		k := "dynamics." + t.Field(i).Tag.Get("toml")
		if !ld.has(k) {
			ld.errorf("dynamics", "missing parameter %s", k)
			continue
		}
		f := v.Field(i)
		switch f.Kind() {
		case reflect.Float64:
			hi := 1.0
			if t.Field(i).Name == "SetbackSize" {
				hi = MaxOQ
			}
			if x := f.Float(); x < 0 || x > hi || math.IsNaN(x) {
				ld.errorf(k, "%s = %v is outside 0 to %v", t.Field(i).Tag.Get("toml"), x, hi)
			}
		case reflect.Int:
			if n := f.Int(); n < 1 || n > MaxSessionChoices {
				ld.errorf(k, "%s = %d is outside 1 to %d", t.Field(i).Tag.Get("toml"), n, MaxSessionChoices)
			}
		}
	}
	for i, a := range d.FeedbackActs {
		if a.index() < 0 {
			ld.errorf(fmt.Sprintf("dynamics.feedback_acts.%d", i), "%s", unknownAct(string(a)))
		}
	}
	for _, c := range []struct {
		k    string
		cues []string
	}{{"withdrawal_cues", d.WithdrawalCues}, {"confrontation_cues", d.ConfrontationCues}} {
		if len(c.cues) == 0 {
			ld.errorf("dynamics."+c.k, "%s needs at least one cue: what the trainee can see in the client's next line when the client begins such a rupture", c.k)
		}
		for i, s := range c.cues {
			if strings.TrimSpace(s) == "" {
				ld.errorf(fmt.Sprintf("dynamics.%s.%d", c.k, i), "a cue of %s is empty: write what the trainee can see (posture, voice, eye contact)", c.k)
			}
		}
	}
	if len(d.FeedbackActs) == 0 {
		ld.errorf("dynamics.feedback_acts", "feedback_acts is empty: name the acts that take up the not-on-track signal with the client (the shipped model has [\"progress_feedback\"])")
	}
	if d.RepairMin > d.RepairMax {
		ld.errorf("dynamics.repair_min", "repair_min = %v is above repair_max = %v", d.RepairMin, d.RepairMax)
	}
}

// sessionRupture draws, as session n begins, whether the client will
// begin a rupture in it and after which choice: one draw, whatever the
// outcome. The uniform draw u below the chance h places the onset:
// u/h is itself uniform, so it gives the choice and, what is left of it,
// the kind.
func (r *Run) sessionRupture() {
	d := r.dyn
	s := &r.st
	t := &r.client.Traits
	u := r.rng.float()
	r.onset = -1
	last := false
	if n := len(s.Log); n > 0 && s.Log[n-1].RupturePeak > 0 {
		last = true
	}
	h := d.ruptureChance(t, s.Bond, last, r.worse, r.client.RuptureProneness)
	if u >= h {
		return
	}
	w := float64(u/h) * float64(d.RuptureWindow)
	k := math.Floor(w)
	r.onset = int(k)
	// What is left of the draw is uniform again: it gives the kind, and
	// what is left of that, the cue.
	v, pc := w-k, clamp(d.ConfrontationBase+float64(d.ConfrontationReactance*t.Reactance), 0, 1)
	cues := d.WithdrawalCues
	if v < pc {
		r.onsetKind, cues, v = RuptureConfrontation, d.ConfrontationCues, v/pc
	} else {
		r.onsetKind, v = RuptureWithdrawal, (v-pc)/(1-pc)
	}
	r.onsetCue = ""
	if len(cues) > 0 {
		r.onsetCue = cues[min(int(float64(v*float64(len(cues)))), len(cues)-1)]
	}
}

// ruptureChance is the chance that a client with traits t begins a rupture
// in a session: bond as the session begins, last whether the session
// before had a rupture, worse the week's rise in symptoms (OQ-45 points,
// 0 after a fall), proneness the scenario's Client.RuptureProneness.
func (d *Dynamics) ruptureChance(t *Traits, bond float64, last bool, worse, proneness float64) float64 {
	h := d.RuptureBase
	h += float64(d.RuptureInsecurity * (1 - t.Attachment))
	h += float64(d.RuptureReactance * t.Reactance)
	h += float64(d.RuptureWeakBond * (1 - bond))
	if last {
		h += d.RuptureRecurs
	}
	if worse > 0 {
		h += float64(d.RuptureBadWeek*worse) / ReliableChange
	}
	return clamp(float64(h*proneness), 0, d.RuptureMax)
}

// clientRupture begins the client's rupture when its choice has come:
// unless one is open already, or the client began one in the session by
// the scenario's script, the client pulls back or pushes against the
// therapist, and the next thing they say carries the cue.
func (r *Run) clientRupture() {
	if r.onset != r.st.Turn {
		return
	}
	r.onset = -1
	// A rupture open already, or one the scenario's client began in this
	// session, is the client's strain for the session.
	if r.st.Rupture != NoRupture || r.st.RupturesByClient > r.byClientBefore {
		return
	}
	d := r.dyn
	t := &r.client.Traits
	sev := d.SeverityBase + float64(d.SeverityInsecurity*(1-t.Attachment))
	var explain string
	if !r.quiet {
		explain = r.onsetExplain()
	}
	r.open(ByClient, explain, r.onsetKind, sev)
	r.st.RuptureUnprompted = true
	r.cue = r.onsetCue
}

// onsetExplain says why the client began a rupture: what in them and in
// the course made it likelier, largest first.
func (r *Run) onsetExplain() string {
	d := r.dyn
	s := &r.st
	t := &r.client.Traits
	name := r.client.FirstName()
	why := "nothing the therapist did just now; some tension arises in most courses of therapy"
	type term struct {
		w    float64
		text string
	}
	terms := []term{
		{float64(d.RuptureInsecurity * (1 - t.Attachment)), "trusting a helper does not come easily"},
		{float64(d.RuptureReactance * t.Reactance), "being steered is hard to bear"},
		{float64(d.RuptureWeakBond * (1 - s.Bond)), "the bond is not yet strong"},
	}
	if n := len(s.Log); n > 0 && s.Log[n-1].RupturePeak > 0 {
		terms = append(terms, term{d.RuptureRecurs, "last session had its strain"})
	}
	if r.worse > 0 {
		terms = append(terms, term{float64(d.RuptureBadWeek*r.worse) / ReliableChange, "the week went badly"})
	}
	best, next := -1, -1
	for i, x := range terms {
		switch {
		case best < 0 || x.w > terms[best].w:
			best, next = i, best
		case next < 0 || x.w > terms[next].w:
			next = i
		}
	}
	if best >= 0 && terms[best].w > 0 {
		why = terms[best].text
		if next >= 0 && terms[next].w > 0 {
			why += ", and " + terms[next].text
		}
	}
	kind := "pulls back"
	if r.onsetKind == RuptureConfrontation {
		kind = "pushes back"
	}
	return fmt.Sprintf("%s %s: a rupture that begins on the client's side (%s). It may be easy to miss.", name, kind, why)
}

// actOnSignal addresses part of what holds the client back when, with the
// client not on track, the therapist makes one of the acts that respond to
// the signal (Dynamics.FeedbackActs); taken up, the signal no longer adds
// to the week's dropout hazard (Params.DropoutNotOnTrack).
func (r *Run) actOnSignal(a Act) {
	if oq, ok := r.st.LastOQ(); !ok || !oq.NotOnTrack {
		return
	}
	for _, f := range r.dyn.FeedbackActs {
		if f == a {
			r.signalTaken = true
			r.obstacle = float64(r.obstacle * (1 - r.dyn.FeedbackAddresses))
			return
		}
	}
}

// repairFailedExplain says why a repair did not take: what weighed most
// against it, and what to do next.
func (r *Run) repairFailedExplain(ack bool) string {
	d := r.dyn
	s := &r.st
	t := &r.client.Traits
	against := []struct {
		w    float64
		text string
	}{
		{float64(d.RepairSeverity * s.RuptureSeverity), "the strain runs deep"},
		{float64(d.RepairBond * (0.5 - s.Bond)), "the bond is not yet strong enough to carry it"},
		{float64(d.RepairInsecurity * (1 - t.Attachment)), "trusting a helper does not come easily to " + r.client.FirstName()},
		{float64(d.RepairReactance * t.Reactance), r.client.FirstName() + " bristles at being steered"},
	}
	why := against[0]
	for _, a := range against[1:] {
		if a.w > why.w {
			why = a
		}
	}
	next := "Owning one's part, where there was a misstep, makes a repair likelier to hold; so does staying with the strain rather than moving on."
	switch {
	case r.env.f[sAct] != float64(RuptureRepair.index()+1): // a reflection, say, not a repair
		next = "Being heard did not settle it this time; naming the strain and asking about it may."
	case ack:
		next = "It was a good attempt; some repairs take more than one."
	}
	return "Mostly because " + why.text + ". " + next
}

// repairChance is the chance that a repair resolves a rupture of severity
// sev with a client of traits t and the bond as it is: ack, the therapist
// owns their part.
func (d *Dynamics) repairChance(t *Traits, ack bool, bond, sev float64) float64 {
	p := d.RepairBase
	if ack {
		p += d.RepairAcknowledges
	}
	p += float64(d.RepairBond * (bond - 0.5))
	p -= float64(d.RepairSeverity * sev)
	p -= float64(d.RepairInsecurity * (1 - t.Attachment))
	p -= float64(d.RepairReactance * t.Reactance)
	return clamp(p, d.RepairMin, d.RepairMax)
}

// repairHolds draws whether a repair resolves the open rupture, and says
// so when it does not. The draw is from the run's second generator, so
// that the number of repairs tried never shifts the draws of the weeks.
func (r *Run) repairHolds(id string) bool {
	d := r.dyn
	s := &r.st
	ack := r.env.attr != nil && r.env.attr.Acknowledges
	p := d.repairChance(&r.client.Traits, ack, s.Bond, s.RuptureSeverity)
	if r.rep.float() < p {
		return true
	}
	s.RepairsFailed++
	if !r.quiet {
		r.emit(Event{Kind: RepairFailed, Rule: id, Rupture: s.Rupture, Value: p, Explain: r.repairFailedExplain(ack)})
	}
	return false
}

// weekDynamics plays what varies in a week beyond the model's expectation
// and its noise: a sudden gain or a setback, and the shift of the alliance
// between sessions. Three draws, whatever comes: one uniform, and two for the shift.
func (r *Run) weekDynamics() {
	d := r.dyn
	s := &r.st
	p := &r.sc.params
	u := r.rng.float()
	z := r.rng.triangular()
	a := s.Alliance()
	gain := float64(d.SuddenGain * (0.5 + a))
	setback := float64(d.Setback * (1.5 - a))
	switch {
	case u < gain:
		drop := float64(d.SuddenGainSize * max(0, s.Symptoms-p.SymptomFloor))
		var why string
		if !r.quiet {
			why = fmt.Sprintf("A sudden gain: something shifted for %s this week, and symptoms fell more than the week's pace would explain. Sudden gains happen in a sizeable minority of courses (Tang & DeRubeis 1999).", r.client.FirstName())
		}
		r.change("week:sudden-gain", why, VarSymptoms, -drop, false)
	case u < gain+setback:
		var why string
		if !r.quiet {
			why = fmt.Sprintf("A setback: %s had a harder week than anything in the sessions would explain. Courses of therapy have their setbacks (Lutz et al. 2013).", r.client.FirstName())
		}
		r.change("week:setback", why, VarSymptoms, d.SetbackSize, false)
	}
	if shift := float64(d.AllianceShock*z) - float64(d.ObstacleAlliance*r.obstacle); shift != 0 {
		var why string
		if !r.quiet {
			why = "Between sessions how the client feels about the therapy drifts, for reasons of their own: the alliance has its ups and downs."
			if shift < 0 {
				why = "Between sessions how the client feels about the therapy drifts, for reasons of their own: this week it cooled a little."
			}
		}
		for _, v := range [...]Var{VarBond, VarTask, VarGoal} {
			r.change("week:alliance", why, v, shift, true)
		}
	}
}

// FirstName is how sentences about the client name them: their first
// name, or "The client" for a client with none.
func (c *Client) FirstName() string {
	if f := strings.Fields(c.Name); len(f) > 0 {
		return f[0]
	}
	return "The client"
}
