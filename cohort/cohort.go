// Package cohort simulates many clients of a scenario through the course,
// each treated by a therapist policy, and summarises the cohort the way
// outcome studies do: dropout, sessions attended, OQ-45 outcome classes,
// alliance (WAI-SR) and OQ-45 by session, homework, ruptures (as clients
// would report them, as observers would see them, and how many were
// resolved), the clients the OQ-45 signalled not on track, and the
// correlations of early alliance and of homework compliance with outcome.
//
// Stream plays the clients on all cores and summarises them as they finish,
// writing their records (one row per client, one per attended session) as
// it goes, in memory that does not grow with the number of clients; Run
// keeps the records (Client, Session). Both are the same whatever the
// number of workers, and a cohort can be split into shards that run apart
// and are merged again (WriteClients, WriteSessions, Read, Merge,
// SummarizeFiles). A Summarizer computes the summary from records, client
// by client, so a merged set of shards gives the very summary of one run.
//
// Every figure is computed from what a study would observe: the OQ-45
// scores as measured (with their noise) and the client-rated WAI-SR, never
// the engine's hidden true values.
package cohort

import (
	"context"
	"fmt"
	"io"
	"math/bits"

	"github.com/therasim/therasim/sim"
)

// Cohort names a cohort: what all its shards share.
type Cohort struct {
	// Scenario and Policy are the ids of the scenario and of the policy.
	Scenario string `json:"scenario"`
	Policy   string `json:"policy"`
	// Seed is the cohort's seed; client i plays with sim.ClientSeed(Seed, i).
	Seed uint64 `json:"seed"`
	// N is the number of clients in the whole cohort (all shards).
	N int `json:"n"`
}

// Config says which clients Run and Stream play and how.
type Config struct {
	// N clients, numbered 0 to N−1, from the cohort's Seed.
	N    int
	Seed uint64
	// Workers is the number of goroutines; 0 means runtime.GOMAXPROCS(0).
	// The results do not depend on it.
	Workers int
	// Shard (from 1) of Shards: Run plays only that shard's clients, a
	// contiguous block of ids (see ShardRange). Shards 0 means 1: all.
	Shard, Shards int
	// Progress, if set, is called as clients finish with the number done
	// so far in this shard, the first ones in client order: on the
	// goroutine that called Run or Stream, with increasing numbers, ending
	// with the shard's size (or the number done when stopped early). It
	// should return quickly: the workers wait on it when they run ahead.
	Progress func(done int)
	// Clients and Sessions, when set, receive the shard's per-client and
	// per-session files as clients finish, in client order: the bytes
	// WriteClients and WriteSessions write, whatever the number of workers.
	// Writes are buffered and overlap the play; Run and Stream do not
	// close the writers.
	Clients, Sessions io.Writer
}

// Client is what became of one client of a cohort.
type Client struct {
	// ID is the client's number in the cohort, from 0; Seed its run's
	// seed, sim.ClientSeed(cohort seed, ID).
	ID   int
	Seed uint64
	// Traits and Start are the client drawn from the scenario's population
	// (Scenario.Sample): traits, and the true starting alliance, hope and
	// symptoms, which no measure shows.
	Traits sim.Traits
	Start  sim.Initial
	// Responsiveness, Obstacle and ObstacleLeft are what the model's
	// dynamics drew for the client (sim.Run.Drawn): their own offset to
	// the weekly symptom rate, the obstacle to change they carried (0 for
	// most), and what was left of it at the course's end (0 once it was
	// addressed). No measure shows them.
	Responsiveness, Obstacle, ObstacleLeft float64
	// Intake and Final are OQ-45 scores as observed: the first, taken
	// before session 1, and the last. For a client who completed the
	// course Final is the measure after it; for one who dropped out it is
	// the score taken before the last session attended (the last
	// observation, carried forward).
	Intake, Final int
	// Attended is the number of sessions the client came to. Dropped: the
	// client left after session DroppedAfter (= Attended) before the
	// course ended; DroppedAfter is 0 for completers.
	Attended     int
	Dropped      bool
	DroppedAfter int
	// Homework tasks assigned over the course, and how many of them were
	// done fully and partly.
	HomeworkAssigned, HomeworkFull, HomeworkPartial int
	// Ruptures opened, repaired, and eased (resolved without a repair);
	// RupturesByClient: of those opened, the ones the client began;
	// RepairsFailed: repairs that did not take.
	RupturesOpened, RupturesRepaired, RupturesEased int
	RupturesByClient, RepairsFailed                 int
	// NotOnTrack: the OQ-45 signalled the client not on track before at
	// least one session attended (Session.NotOnTrack). The measure after
	// the course does not count: a therapist can act only on a signal
	// given during it.
	NotOnTrack bool
}

// Improvement is the fall in observed OQ-45 from intake to the final score.
func (c *Client) Improvement() int { return c.Intake - c.Final }

// Outcome classes the client's course by observed OQ-45 (sim.Classify):
// recovered, improved, unchanged or deteriorated.
func (c *Client) Outcome() sim.Outcome { return sim.Classify(float64(c.Intake), float64(c.Final)) }

// Compliance is the client's mean homework compliance over the tasks
// assigned, scoring each full 1, partial 0.5 and not done 0, computed as
// (full + 0.5 × partial) / assigned; false when no task was assigned.
func (c *Client) Compliance() (float64, bool) {
	if c.HomeworkAssigned == 0 {
		return 0, false
	}
	return (float64(c.HomeworkFull) + float64(c.HomeworkPartial)/2) / float64(c.HomeworkAssigned), true
}

// Session is one session a client attended.
type Session struct {
	// Client is the client's ID; Session the session's number, from 1.
	Client, Session int
	// OQ is the OQ-45 score observed before the session, and NotOnTrack
	// the signal it gave (lagging the expected recovery curve).
	OQ         int
	NotOnTrack bool
	// WAI is the client's WAI-SR at the end of the session: the mean of
	// the twelve items, and of the goal, task and bond subscales (1–5).
	WAI, WAIGoal, WAITask, WAIBond float64
	// Homework: a task was assigned in the session; Completion is what
	// became of it in the week after: none, partial or full ("" when no
	// task was assigned).
	Homework   bool
	Completion sim.Completion
	// Ruptures opened, repaired and eased in the session.
	RupturesOpened, RupturesRepaired, RupturesEased int
	// DropoutRisk is the hazard the week after the session drew against:
	// the probability the client had of not coming to the next session.
	// It is 0 after the course's last session, which has no next session.
	DropoutRisk float64
	// RupturePeak is the highest severity (0–1) of a rupture open in the
	// session, one carried in from the week before included, 0 when there
	// was none: a rupture an observer of the session would see.
	// RuptureReported: the client, asked after the session, would report
	// it (sim.Dynamics.Reports: clients miss the mildest strains).
	// RuptureResolved: it was reported, and no rupture was open any more
	// at the session's end.
	RupturePeak                      float64
	RuptureReported, RuptureResolved bool
	// RupturesByClient: of the ruptures opened in the session, the ones the
	// client began; RepairsFailed: repairs that did not take.
	RupturesByClient, RepairsFailed int
}

// Result is a cohort run, or a merge of shards.
type Result struct {
	Cohort Cohort
	// Clients in ID order; Sessions by client, then session.
	Clients  []Client
	Sessions []Session
	// Failures are the scenario's or the model's expressions that failed
	// at run time (counted as false or 0), by where and what, in the order
	// first met; nil when none did.
	Failures []Failures
}

// Failures counts the clients whose runs met one failure of an expression.
type Failures struct {
	// Where names the expression's owner ("beat worry", a rule's id) and
	// Message what failed; Session is the first session it failed in.
	Where, Message string
	Session        int
	// Clients is how many clients' runs it failed in; Client the first.
	Clients, Client int
}

// Summary summarises the result (Summarize) under its cohort's name.
func (r *Result) Summary() Summary {
	s := Summarize(r.Clients, r.Sessions)
	s.Cohort = r.Cohort
	return s
}

// ShardRange returns the ids of shard k (from 1) of shards of a cohort of
// n clients: [lo, hi). Shards are contiguous blocks whose sizes differ by
// at most one. A k outside 1 to shards has no ids.
func ShardRange(n, k, shards int) (lo, hi int) {
	if n < 0 || k < 1 || k > shards {
		return 0, 0
	}
	return share(n, k-1, shards), share(n, k, shards)
}

// share is n·k/shards, rounded down, for 0 ≤ k ≤ shards, without
// overflow: the product is taken to 128 bits.
func share(n, k, shards int) int {
	hi, lo := bits.Mul64(uint64(n), uint64(k))
	q, _ := bits.Div64(hi, lo, uint64(shards)) // hi < shards: q ≤ n
	return int(q)
}

// Run plays the clients of cfg's shard of a cohort: each client i is drawn
// by sc.Sample and played by a chooser of pol, both seeded with
// sim.ClientSeed(cfg.Seed, i), in a quiet run (sim.Options.Quiet), until
// the course ends. It keeps every record, some 2 KB a client: for large
// cohorts, Stream keeps none.
func Run(sc *sim.Scenario, pol *sim.Policy, cfg Config) (*Result, error) {
	// Room for the records of the shard's clients, up to a bound, as if
	// all completed the course: a little more than the dropouts need, and
	// less than growing the slices would leave spare.
	k, shards := cfg.Shard, cfg.Shards
	if shards == 0 {
		k, shards = 1, 1
	}
	lo, hi := ShardRange(cfg.N, k, shards)
	n := min(hi-lo, preallocated)
	res := &Result{Cohort: cfg.cohort(sc, pol), Clients: make([]Client, 0, n), Sessions: make([]Session, 0, n*len(sc.Sessions))}
	fails, err := runShard(context.Background(), sc, pol, cfg, func(c *Client, sessions []Session) {
		res.Clients = append(res.Clients, *c)
		res.Sessions = append(res.Sessions, sessions...)
	})
	if err != nil {
		return nil, err
	}
	res.Failures = fails
	return res, nil
}

// preallocated is the number of clients whose records Run makes room for
// before it plays them; beyond it, the records grow as clients finish.
const preallocated = 1 << 16

// Stream plays the clients of cfg's shard as Run does, but keeps none of
// their records: as each client finishes, in client order, it is added to
// the summary and, when cfg.Clients or cfg.Sessions is set, its rows are
// written there. Its memory does not grow with the number of clients.
// It returns the summary, under the cohort's name, and the expressions
// that failed at run time, as Result.Failures counts them.
//
// When ctx is done, Stream stops taking clients, finishes those it has
// begun and returns, with ctx's error, the summary of the clients done
// so far: the first Summary.Clients of the shard, whose rows are in the
// files, whole.
func Stream(ctx context.Context, sc *sim.Scenario, pol *sim.Policy, cfg Config) (Summary, []Failures, error) {
	var z Summarizer
	fails, err := runShard(ctx, sc, pol, cfg, z.Add)
	s := z.Summary()
	s.Cohort = cfg.cohort(sc, pol)
	return s, fails, err
}

// cohort names the cohort cfg plays.
func (cfg *Config) cohort(sc *sim.Scenario, pol *sim.Policy) Cohort {
	return Cohort{Scenario: sc.ID, Policy: pol.ID, Seed: cfg.Seed, N: cfg.N}
}

// A player plays clients one after another on one goroutine.
type player struct {
	sc   *sim.Scenario
	pol  *sim.Policy
	seed uint64
	dyn  *sim.Dynamics // the scenario's: whether a client reports a rupture
}

func newPlayer(sc *sim.Scenario, pol *sim.Policy, seed uint64) player {
	return player{sc: sc, pol: pol, seed: seed, dyn: sc.Dynamics()}
}

// play plays client id, filling in c and its sessions (one slot per
// session of the course; the first c.Attended are used), and returns the
// expressions that failed in the client's run.
func (p *player) play(id int, c *Client, sessions []Session) ([]sim.Failure, error) {
	seed := sim.ClientSeed(p.seed, id)
	r, client, err := p.pol.Treat(p.sc, seed)
	if err != nil {
		return nil, err
	}
	return r.Failures(), p.record(id, seed, r, client, c, sessions)
}

// record fills in c and its sessions, one slot per session of the course,
// from client id's finished run.
func (p *player) record(id int, seed uint64, r *sim.Run, client sim.Client, c *Client, sessions []Session) error {
	c.ID, c.Seed, c.Traits, c.Start = id, seed, client.Traits, client.Initial
	c.Responsiveness, c.Obstacle, c.ObstacleLeft = r.Drawn()
	// Capped to the course: a client attending more would not spill into
	// the next client's slots.
	out, err := Record(c, r.Peek(), p.dyn, sessions[:0:len(sessions)]) // read only, and nothing runs after this
	if err == nil && len(out) > len(sessions) {
		err = fmt.Errorf("%d sessions attended of a course of %d", len(out), len(sessions))
	}
	return err
}

// Record fills in c and the records of its sessions from st, the state the
// client's run ended in (sim.Run.Peek), as Run records each client of a
// cohort. The state does not say who the client is: c's ID, Seed, Traits,
// Start, Responsiveness, Obstacle and ObstacleLeft are the caller's, and
// are kept; every other field of c is set
// from st. The sessions attended, one record each in session order, are
// appended to sessions, and the result returned. dyn is the scenario's
// dynamics (sim.Scenario.Dynamics, nil for a model without any), which
// says whether the client would report a rupture.
//
// Record fails when the state's measures do not fit together: fewer OQ-45,
// WAI-SR or session logs than sessions attended, or of other sessions.
func Record(c *Client, st *sim.State, dyn *sim.Dynamics, sessions []Session) ([]Session, error) {
	*c = Client{ID: c.ID, Seed: c.Seed, Traits: c.Traits, Start: c.Start,
		Responsiveness: c.Responsiveness, Obstacle: c.Obstacle, ObstacleLeft: c.ObstacleLeft,
		Attended: st.Session, Dropped: st.Dropped,
		RupturesOpened: st.RupturesOpened, RupturesRepaired: st.RupturesRepaired, RupturesEased: st.RupturesEased,
		RupturesByClient: st.RupturesByClient, RepairsFailed: st.RepairsFailed}
	if c.Dropped {
		c.DroppedAfter = c.Attended
	}
	if c.Attended < 1 || len(st.OQ) < c.Attended || len(st.WAI) < c.Attended || len(st.Log) < c.Attended {
		return sessions, fmt.Errorf("%d sessions attended but %d OQ-45, %d WAI-SR and %d session logs",
			c.Attended, len(st.OQ), len(st.WAI), len(st.Log))
	}
	c.Intake = st.OQ[0].Score
	c.Final = st.OQ[len(st.OQ)-1].Score
	first := len(sessions)
	for i := range c.Attended {
		n := i + 1
		oq, wai, log := &st.OQ[i], &st.WAI[i], &st.Log[i]
		if oq.Session != n || wai.Session != n || log.Session != n {
			return sessions, fmt.Errorf("session %d: measures of sessions %d (OQ-45), %d (WAI-SR), %d (log)", n, oq.Session, wai.Session, log.Session)
		}
		reported := dyn.Reports(log.RupturePeak)
		sessions = append(sessions, Session{Client: c.ID, Session: n, OQ: oq.Score, NotOnTrack: oq.NotOnTrack,
			WAI: wai.Total, WAIGoal: wai.Goal, WAITask: wai.Task, WAIBond: wai.Bond,
			RupturesOpened: log.RupturesOpened, RupturesRepaired: log.RupturesRepaired,
			RupturesEased: log.RupturesEased, DropoutRisk: log.Hazard,
			RupturePeak: log.RupturePeak, RuptureReported: reported, RuptureResolved: reported && !log.OpenAtEnd,
			RupturesByClient: log.RupturesByClient, RepairsFailed: log.RepairsFailed})
		c.NotOnTrack = c.NotOnTrack || oq.NotOnTrack
	}
	for _, a := range st.Homework {
		if a.Session < 1 || a.Session > c.Attended {
			return sessions, fmt.Errorf("homework of session %d, of %d attended", a.Session, c.Attended)
		}
		s := &sessions[first+a.Session-1]
		s.Homework, s.Completion = true, a.Completion
		tally(a.Completion, &c.HomeworkAssigned, &c.HomeworkFull, &c.HomeworkPartial)
	}
	return sessions, nil
}

// tally counts a task assigned, and what became of it.
func tally(done sim.Completion, assigned, full, partial *int) {
	*assigned++
	switch done {
	case sim.Full:
		*full++
	case sim.Partial:
		*partial++
	}
}

// failureCount counts, client by client in client order, the clients each
// failure (where and what) was met in: its memory is bounded by the
// number of the scenario's expressions, not by the number of clients.
type failureCount struct {
	out []Failures
	at  map[[2]string]int
}

// add counts the failures of client id's run.
func (fc *failureCount) add(id int, fs []sim.Failure) {
	if len(fs) == 0 {
		return
	}
	if fc.at == nil {
		fc.at = map[[2]string]int{}
	}
	var seen map[[2]string]bool
	for _, f := range fs {
		k := [2]string{f.Where, f.Message}
		if seen[k] {
			continue
		}
		if seen == nil {
			seen = map[[2]string]bool{}
		}
		seen[k] = true
		i, ok := fc.at[k]
		if !ok {
			i = len(fc.out)
			fc.at[k] = i
			fc.out = append(fc.out, Failures{Where: f.Where, Message: f.Message, Session: f.Session, Client: id})
		}
		fc.out[i].Clients++
	}
}
