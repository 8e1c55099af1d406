package cohort

import (
	"cmp"
	"math"
	"slices"

	"github.com/therasim/therasim/sim"
)

// EarlySessions is the number of first sessions whose WAI-SR ratings make
// a client's early alliance.
const EarlySessions = 3

// Summary is what a cohort came to, computed as a study computes it: from
// the OQ-45 scores observed and the client-rated WAI-SR.
type Summary struct {
	// Cohort names the cohort; Summarize leaves it empty for the caller to
	// fill (Result.Summary does).
	Cohort
	// Clients summarised: the cohort's N when every shard is in.
	Clients int `json:"clients"`
	// Completed the course, or Dropped out before its end.
	Completed   int     `json:"completed"`
	Dropped     int     `json:"dropped"`
	DropoutRate float64 `json:"dropout_rate"`
	// Attended: sessions attended per client.
	Attended Stat     `json:"sessions_attended"`
	Outcomes Outcomes `json:"outcomes"`
	// NotOnTrack is the subgroup of clients the OQ-45 signalled not on
	// track before at least one session (Client.NotOnTrack), with their
	// outcome classes, as the OQ-45 feedback studies report them.
	NotOnTrack Subgroup `json:"not_on_track"`
	// OQ-45 observed at intake; the final score of every client (the
	// post-treatment score, intention to treat: for completers the
	// measure after the course, for dropouts their last score carried
	// forward); the measure after the course, of completers only; and the
	// improvement, intake − final.
	Intake      Stat `json:"intake_oq45"`
	Final       Stat `json:"final_oq45"`
	AfterCourse Stat `json:"after_course_oq45"`
	Improvement Stat `json:"improvement_oq45"`
	// BySession has one entry per session that any client attended, from
	// session 1.
	BySession []SessionSummary `json:"by_session"`
	Homework  Homework         `json:"homework"`
	Ruptures  Ruptures         `json:"ruptures"`
	// AllianceOutcome correlates each client's early alliance, the mean
	// WAI-SR total over the sessions among the first EarlySessions that
	// the client attended, with OQ-45 improvement; every client with at
	// least one such rating counts (all who attended session 1 do).
	AllianceOutcome Correlation `json:"alliance_outcome"`
	// HomeworkOutcome correlates homework compliance (Client.Compliance)
	// with OQ-45 improvement, over the clients given at least one task.
	HomeworkOutcome Correlation `json:"homework_outcome"`
}

// Outcomes counts clients by outcome class (sim.Outcome, from intake to
// final OQ-45: reliable change 14 points, clinical cut-off 63/64).
type Outcomes struct {
	Recovered    int `json:"recovered"`
	Improved     int `json:"improved"`
	Unchanged    int `json:"unchanged"`
	Deteriorated int `json:"deteriorated"`
}

// Subgroup is a group of a cohort's clients: how many, how many of them
// dropped out, and their outcome classes.
type Subgroup struct {
	Clients  int      `json:"clients"`
	Dropped  int      `json:"dropped"`
	Outcomes Outcomes `json:"outcomes"`
}

// add counts c into the subgroup.
func (g *Subgroup) add(c *Client) {
	g.Clients++
	if c.Dropped {
		g.Dropped++
	}
	g.Outcomes.add(c.Outcome())
}

// add counts a client of the outcome class.
func (o *Outcomes) add(class sim.Outcome) {
	switch class {
	case sim.Recovered:
		o.Recovered++
	case sim.Improved:
		o.Improved++
	case sim.Deteriorated:
		o.Deteriorated++
	default:
		o.Unchanged++
	}
}

// Homework counts the tasks assigned over the course and what became of
// them.
type Homework struct {
	Assigned int `json:"assigned"`
	Full     int `json:"full"`
	Partial  int `json:"partial"`
	None     int `json:"none"`
	// Clients given at least one task, and their compliance
	// (Client.Compliance).
	Clients    int  `json:"clients"`
	Compliance Stat `json:"compliance"`
}

// Ruptures counts the ruptures of the course, as the engine counts them
// and as the studies of ruptures measure them, session by session: the
// share of sessions in which clients report one (asked after the session)
// is lower than the share in which observers see one, as clients miss
// the mildest strains.
type Ruptures struct {
	// Opened, Repaired, and Eased (resolved without a repair); ByClient:
	// of those opened, the ones the client began; RepairsFailed: repairs
	// that did not take.
	Opened        int `json:"opened"`
	Repaired      int `json:"repaired"`
	Eased         int `json:"eased"`
	ByClient      int `json:"by_client"`
	RepairsFailed int `json:"repairs_failed"`
	// Sessions attended, and of them those with a rupture an observer
	// would see (Session.RupturePeak > 0), one the client would report
	// (Session.RuptureReported), and one reported and resolved by the
	// session's end (Session.RuptureResolved).
	Sessions int `json:"sessions"`
	Observed int `json:"observed"`
	Reported int `json:"reported"`
	Resolved int `json:"resolved"`
	// ReportedFrequency is Reported/Sessions, ObservedFrequency
	// Observed/Sessions, and ResolutionRate Resolved/Reported, each with
	// its 95% Wilson interval.
	ReportedFrequency Proportion `json:"reported_frequency"`
	ObservedFrequency Proportion `json:"observed_frequency"`
	ResolutionRate    Proportion `json:"resolution_rate"`
}

// SessionSummary is one session across the clients who attended it.
type SessionSummary struct {
	Session int `json:"session"`
	// Clients who attended the session.
	Clients int `json:"clients"`
	// OQ-45 observed before the session, and how many were not on track.
	OQ         Stat `json:"oq45"`
	NotOnTrack int  `json:"not_on_track"`
	// WAI-SR at the end of the session: total and subscales.
	WAI     Stat `json:"wai"`
	WAIGoal Stat `json:"wai_goal"`
	WAITask Stat `json:"wai_task"`
	WAIBond Stat `json:"wai_bond"`
	// Homework assigned in the session and what became of it.
	HomeworkAssigned int `json:"homework_assigned"`
	HomeworkFull     int `json:"homework_full"`
	HomeworkPartial  int `json:"homework_partial"`
	// Ruptures opened, repaired and eased in the session; clients who
	// would report a rupture in it, and of them those whose rupture was
	// resolved by its end (Session.RuptureReported, RuptureResolved).
	RupturesOpened   int `json:"ruptures_opened"`
	RupturesRepaired int `json:"ruptures_repaired"`
	RupturesEased    int `json:"ruptures_eased"`
	RupturesReported int `json:"ruptures_reported"`
	RupturesResolved int `json:"ruptures_resolved"`
	// DroppedAfter: clients whose last session this was, before the end
	// of the course.
	DroppedAfter int `json:"dropped_after"`
	// DropoutRisk: the hazard the week after the session drew against
	// (Session.DropoutRisk), over the clients for whom it is known.
	DropoutRisk Stat `json:"dropout_risk"`
}

// Summarize computes the summary of a cohort, or of any set of its clients,
// from their records. The order of the records does not matter: they are
// taken in client order (and session order), so the same records give the
// same summary to the last bit, the one a Summarizer gives them in client
// order (as Stream does). Sessions of clients not among clients are left
// out.
func Summarize(clients []Client, sessions []Session) Summary {
	if !slices.IsSortedFunc(clients, byID) {
		clients = slices.SortedStableFunc(slices.Values(clients), byID)
	}
	if !slices.IsSortedFunc(sessions, bySession) {
		sessions = slices.SortedStableFunc(slices.Values(sessions), bySession)
	}
	var (
		sum  Summarizer
		next int // the first session of the next client
	)
	for i := range clients {
		c := &clients[i]
		// The client's sessions, skipping any of clients left out.
		for next < len(sessions) && sessions[next].Client < c.ID {
			next++
		}
		from := next
		for next < len(sessions) && sessions[next].Client == c.ID {
			next++
		}
		sum.Add(c, sessions[from:next])
	}
	return sum.Summary()
}

// A Summarizer computes a Summary from records given one client at a time,
// in memory bounded by the number of sessions of the course, not by the
// number of clients: every figure of a Summary is a count or a proportion
// of counts, a mean and standard deviation, or a correlation, which it
// computes from running sums (see Stat). Given the clients in client order it gives the summary
// Summarize gives the same records, to the last bit.
//
// The zero Summarizer is ready to use.
type Summarizer struct {
	s                                                       Summary // the counts
	attended, intake, final, after, improvement, compliance moments
	allianceOutcome, homeworkOutcome                        comoments
	bySession                                               []sessionMoments
}

// Add adds a client and the sessions it attended, in session order.
// Sessions of other clients are left out.
func (z *Summarizer) Add(c *Client, sessions []Session) {
	s := &z.s
	s.Clients++
	if c.Dropped {
		s.Dropped++
	} else {
		s.Completed++
		z.after.add(float64(c.Final))
	}
	s.Outcomes.add(c.Outcome())
	if c.NotOnTrack {
		s.NotOnTrack.add(c)
	}
	gain := float64(c.Improvement())
	z.attended.add(float64(c.Attended))
	z.intake.add(float64(c.Intake))
	z.final.add(float64(c.Final))
	z.improvement.add(gain)

	h := &s.Homework
	h.Assigned += c.HomeworkAssigned
	h.Full += c.HomeworkFull
	h.Partial += c.HomeworkPartial
	if x, ok := c.Compliance(); ok {
		h.Clients++
		z.compliance.add(x)
		z.homeworkOutcome.add(x, gain)
	}
	r := &s.Ruptures
	r.Opened += c.RupturesOpened
	r.Repaired += c.RupturesRepaired
	r.Eased += c.RupturesEased
	r.ByClient += c.RupturesByClient
	r.RepairsFailed += c.RepairsFailed
	if c.Dropped && c.DroppedAfter >= 1 {
		z.grow(c.DroppedAfter)
		z.bySession[c.DroppedAfter-1].droppedAfter++
	}

	sum, n := 0.0, 0
	for i := range sessions {
		ss := &sessions[i]
		if ss.Client != c.ID || ss.Session < 1 {
			continue
		}
		if ss.Session <= EarlySessions {
			sum += ss.WAI
			n++
		}
		r.Sessions++
		if ss.RupturePeak > 0 {
			r.Observed++
		}
		if ss.RuptureReported {
			r.Reported++
		}
		if ss.RuptureResolved {
			r.Resolved++
		}
		z.grow(ss.Session)
		z.bySession[ss.Session-1].add(ss)
	}
	if n > 0 {
		z.allianceOutcome.add(sum/float64(n), gain)
	}
}

// grow makes room for session n.
func (z *Summarizer) grow(n int) {
	for len(z.bySession) < n {
		z.bySession = append(z.bySession, sessionMoments{})
	}
}

// Summary returns the summary of the clients added so far. Its Cohort is
// empty, for the caller to fill.
func (z *Summarizer) Summary() Summary {
	s := z.s
	s.Homework.None = s.Homework.Assigned - s.Homework.Full - s.Homework.Partial
	s.DropoutRate = frac(s.Dropped, s.Clients)
	r := &s.Ruptures
	r.ReportedFrequency = Wilson(r.Reported, r.Sessions)
	r.ObservedFrequency = Wilson(r.Observed, r.Sessions)
	r.ResolutionRate = Wilson(r.Resolved, r.Reported)
	s.Attended = z.attended.stat()
	s.Intake = z.intake.stat()
	s.Final = z.final.stat()
	s.AfterCourse = z.after.stat()
	s.Improvement = z.improvement.stat()
	s.Homework.Compliance = z.compliance.stat()
	s.AllianceOutcome = z.allianceOutcome.correlation()
	s.HomeworkOutcome = z.homeworkOutcome.correlation()
	s.BySession = make([]SessionSummary, len(z.bySession))
	for i := range z.bySession {
		s.BySession[i] = z.bySession[i].summary(i + 1)
	}
	return s
}

func byID(a, b Client) int { return cmp.Compare(a.ID, b.ID) }

func bySession(a, b Session) int {
	if a.Client != b.Client {
		return cmp.Compare(a.Client, b.Client)
	}
	return cmp.Compare(a.Session, b.Session)
}

func frac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// sessionMoments gathers one session's records.
type sessionMoments struct {
	sum                             SessionSummary // the counts
	oq, wai, goal, task, bond, risk moments
	droppedAfter                    int
}

func (v *sessionMoments) add(s *Session) {
	c := &v.sum
	c.Clients++
	if s.NotOnTrack {
		c.NotOnTrack++
	}
	v.oq.add(float64(s.OQ))
	v.wai.add(s.WAI)
	v.goal.add(s.WAIGoal)
	v.task.add(s.WAITask)
	v.bond.add(s.WAIBond)
	if s.Homework {
		tally(s.Completion, &c.HomeworkAssigned, &c.HomeworkFull, &c.HomeworkPartial)
	}
	c.RupturesOpened += s.RupturesOpened
	c.RupturesRepaired += s.RupturesRepaired
	c.RupturesEased += s.RupturesEased
	if s.RuptureReported {
		c.RupturesReported++
	}
	if s.RuptureResolved {
		c.RupturesResolved++
	}
	if !math.IsNaN(s.DropoutRisk) {
		v.risk.add(s.DropoutRisk)
	}
}

func (v *sessionMoments) summary(n int) SessionSummary {
	s := v.sum
	s.Session = n
	s.OQ = v.oq.stat()
	s.WAI, s.WAIGoal, s.WAITask, s.WAIBond = v.wai.stat(), v.goal.stat(), v.task.stat(), v.bond.stat()
	s.DroppedAfter = v.droppedAfter
	s.DropoutRisk = v.risk.stat()
	return s
}
