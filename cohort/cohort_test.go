package cohort_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/therasim/therasim/cohort"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// testN is the size of the cohorts the tests run: enough for every path
// (dropouts after several sessions, ruptures, all homework outcomes), small
// enough to keep the suite fast.
const testN = 300

func run(t testing.TB, sc *sim.Scenario, pol *sim.Policy, cfg cohort.Config) *cohort.Result {
	t.Helper()
	res, err := cohort.Run(sc, pol, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// jsonOf encodes v; for summaries, equal encodings mean equal to the last
// bit (floats are written in their shortest exact form) with NaN as null,
// which reflect.DeepEqual would call unequal to itself.
func jsonOf(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sameResult fails the test unless got and want hold the same records and
// the same summary.
func sameResult(t *testing.T, what string, got, want *cohort.Result) {
	t.Helper()
	if got.Cohort != want.Cohort {
		t.Errorf("%s: cohort %+v, want %+v", what, got.Cohort, want.Cohort)
	}
	if len(got.Clients) != len(want.Clients) || len(got.Sessions) != len(want.Sessions) {
		t.Fatalf("%s: %d clients and %d sessions, want %d and %d", what, len(got.Clients), len(got.Sessions), len(want.Clients), len(want.Sessions))
	}
	for i := range want.Clients {
		if !reflect.DeepEqual(got.Clients[i], want.Clients[i]) {
			t.Fatalf("%s: client %d:\n got %+v\nwant %+v", what, i, got.Clients[i], want.Clients[i])
		}
	}
	for i := range want.Sessions {
		if jsonOf(t, got.Sessions[i]) != jsonOf(t, want.Sessions[i]) || !sameBits(got.Sessions[i].DropoutRisk, want.Sessions[i].DropoutRisk) {
			t.Fatalf("%s: session record %d:\n got %+v\nwant %+v", what, i, got.Sessions[i], want.Sessions[i])
		}
	}
	if g, w := jsonOf(t, got.Summary()), jsonOf(t, want.Summary()); g != w {
		t.Errorf("%s: summary\n got %s\nwant %s", what, g, w)
	}
}

func sameBits(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

func TestWorkersDoNotChangeTheCohort(t *testing.T) {
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "novice")
	want := run(t, sc, pol, cohort.Config{N: testN, Seed: 7, Workers: 1})
	for _, workers := range []int{2, 7, 0} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			sameResult(t, "cohort", run(t, sc, pol, cohort.Config{N: testN, Seed: 7, Workers: workers}), want)
		})
	}
}

func TestSeedsGiveDifferentCohorts(t *testing.T) {
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "competent")
	a := run(t, sc, pol, cohort.Config{N: 50, Seed: 1})
	b := run(t, sc, pol, cohort.Config{N: 50, Seed: 2})
	if reflect.DeepEqual(a.Clients, b.Clients) {
		t.Error("seeds 1 and 2 gave the same clients")
	}
}

func TestShardsMergeIntoTheWhole(t *testing.T) {
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "competent")
	const seed = 11
	whole := run(t, sc, pol, cohort.Config{N: testN, Seed: seed})
	for _, shards := range []int{1, 3, 7} {
		t.Run(fmt.Sprintf("shards=%d", shards), func(t *testing.T) {
			var parts, files []*cohort.Result
			for k := shards; k >= 1; k-- { // in any order
				p := run(t, sc, pol, cohort.Config{N: testN, Seed: seed, Shard: k, Shards: shards, Workers: k})
				if lo, hi := cohort.ShardRange(testN, k, shards); len(p.Clients) != hi-lo || (hi > lo && p.Clients[0].ID != lo) {
					t.Fatalf("shard %d/%d has %d clients, want ids %d to %d", k, shards, len(p.Clients), lo, hi-1)
				}
				parts = append(parts, p)
				files = append(files, roundTrip(t, p)...)
			}
			merged, err := cohort.Merge(parts...)
			if err != nil {
				t.Fatal(err)
			}
			sameResult(t, "merged shards", merged, whole)
			fromCSV, err := cohort.Merge(files...)
			if err != nil {
				t.Fatal(err)
			}
			sameResult(t, "shards through CSV", fromCSV, whole)
			if fromCSV.Missing() != 0 {
				t.Errorf("Missing = %d, want 0", fromCSV.Missing())
			}
		})
	}
}

// roundTrip writes a result's records to CSV and reads them back.
func roundTrip(t testing.TB, r *cohort.Result) []*cohort.Result {
	t.Helper()
	var cb, sb bytes.Buffer
	if err := cohort.WriteClients(&cb, r.Cohort, r.Clients); err != nil {
		t.Fatal(err)
	}
	if err := cohort.WriteSessions(&sb, r.Cohort, r.Sessions); err != nil {
		t.Fatal(err)
	}
	c, err := cohort.Read(&cb)
	if err != nil {
		t.Fatal(err)
	}
	s, err := cohort.Read(&sb)
	if err != nil {
		t.Fatal(err)
	}
	return []*cohort.Result{c, s}
}

func TestShardRange(t *testing.T) {
	for _, tc := range []struct {
		n, shards int
		want      [][2]int
	}{
		{10, 1, [][2]int{{0, 10}}},
		{10, 3, [][2]int{{0, 3}, {3, 6}, {6, 10}}},
		{2, 4, [][2]int{{0, 0}, {0, 1}, {1, 1}, {1, 2}}},
		{0, 2, [][2]int{{0, 0}, {0, 0}}},
		{math.MaxInt, 3, [][2]int{{0, math.MaxInt / 3}, {math.MaxInt / 3, math.MaxInt / 3 * 2}, {math.MaxInt / 3 * 2, math.MaxInt}}},
		{2_000_000_000, 100, nil}, // checked below: contiguous, from 0 to n
	} {
		if tc.want == nil {
			prev := 0
			for k := 1; k <= tc.shards; k++ {
				lo, hi := cohort.ShardRange(tc.n, k, tc.shards)
				if lo != prev || hi-lo < tc.n/tc.shards || hi-lo > tc.n/tc.shards+1 {
					t.Errorf("ShardRange(%d, %d, %d) = %d, %d after %d", tc.n, k, tc.shards, lo, hi, prev)
				}
				prev = hi
			}
			if prev != tc.n {
				t.Errorf("the shards of %d end at %d", tc.n, prev)
			}
			continue
		}
		for k := 1; k <= tc.shards; k++ {
			lo, hi := cohort.ShardRange(tc.n, k, tc.shards)
			if w := tc.want[k-1]; lo != w[0] || hi != w[1] {
				t.Errorf("ShardRange(%d, %d, %d) = %d, %d; want %d, %d", tc.n, k, tc.shards, lo, hi, w[0], w[1])
			}
		}
	}
}

// TestRecordsFitTogether checks what must hold of every cohort, whatever
// the model's numbers: the per-session records add up to the per-client
// ones, and the measures are in range.
func TestRecordsFitTogether(t *testing.T) {
	sc := scenariotest.Shipped(t)
	course := len(sc.Sessions)
	for _, pol := range scenariotest.Policies(t) {
		t.Run(pol.ID, func(t *testing.T) {
			res := run(t, sc, pol, cohort.Config{N: testN, Seed: 3})
			if len(res.Clients) != testN {
				t.Fatalf("%d clients, want %d", len(res.Clients), testN)
			}
			j := 0
			for i, c := range res.Clients {
				if c.ID != i || c.Seed != sim.ClientSeed(3, i) {
					t.Fatalf("client %d has id %d and seed %d", i, c.ID, c.Seed)
				}
				if want := sc.Sample(c.Seed); c.Traits != want.Traits || c.Start != want.Initial {
					t.Errorf("client %d: traits and start are not the sampled client's", i)
				}
				if c.Attended < 1 || c.Attended > course || (c.Dropped && c.Attended == course) {
					t.Errorf("client %d: attended %d of %d, dropped %v", i, c.Attended, course, c.Dropped)
				}
				if !c.Dropped && c.Attended != course {
					t.Errorf("client %d: completed but attended %d of %d sessions", i, c.Attended, course)
				}
				if (c.Dropped && c.DroppedAfter != c.Attended) || (!c.Dropped && c.DroppedAfter != 0) {
					t.Errorf("client %d: dropped %v after session %d, attended %d", i, c.Dropped, c.DroppedAfter, c.Attended)
				}
				sessions := res.Sessions[j : j+c.Attended]
				j += c.Attended
				var hw, full, partial, opened, repaired, eased, byClient, failed int
				notOnTrack := false
				for k, s := range sessions {
					if s.Client != c.ID || s.Session != k+1 {
						t.Fatalf("client %d: session record %d is client %d session %d", i, k, s.Client, s.Session)
					}
					if s.OQ < 0 || s.OQ > sim.MaxOQ {
						t.Errorf("client %d session %d: OQ-45 %d", i, s.Session, s.OQ)
					}
					for _, w := range []float64{s.WAI, s.WAIGoal, s.WAITask, s.WAIBond} {
						if w < 1 || w > 5 {
							t.Errorf("client %d session %d: WAI-SR %v outside 1–5", i, s.Session, w)
						}
					}
					if s.DropoutRisk < 0 || s.DropoutRisk > 1 || math.IsNaN(s.DropoutRisk) {
						t.Errorf("client %d session %d: dropout risk %v", i, s.Session, s.DropoutRisk)
					}
					if s.Homework {
						hw++
						switch s.Completion {
						case "full":
							full++
						case "partial":
							partial++
						case "none":
						default:
							t.Errorf("client %d session %d: completion %q", i, s.Session, s.Completion)
						}
					} else if s.Completion != "" {
						t.Errorf("client %d session %d: completion %q with no homework", i, s.Session, s.Completion)
					}
					opened += s.RupturesOpened
					repaired += s.RupturesRepaired
					eased += s.RupturesEased
					byClient += s.RupturesByClient
					failed += s.RepairsFailed
					notOnTrack = notOnTrack || s.NotOnTrack
					if !(s.RupturePeak >= 0 && s.RupturePeak <= 1) || (s.RuptureReported && s.RupturePeak == 0) ||
						(s.RuptureResolved && !s.RuptureReported) || s.RupturesByClient > s.RupturesOpened {
						t.Errorf("client %d session %d: rupture peak %v, reported %v, resolved %v, %d of %d opened by the client",
							i, s.Session, s.RupturePeak, s.RuptureReported, s.RuptureResolved, s.RupturesByClient, s.RupturesOpened)
					}
				}
				if sessions[0].OQ != c.Intake {
					t.Errorf("client %d: intake %d but session 1's OQ-45 %d", i, c.Intake, sessions[0].OQ)
				}
				last := sessions[len(sessions)-1]
				if c.Dropped && last.OQ != c.Final {
					t.Errorf("client %d dropped out: final %d is not the last session's OQ-45 %d", i, c.Final, last.OQ)
				}
				if !c.Dropped && last.DropoutRisk != 0 {
					t.Errorf("client %d: dropout risk %v after the last session", i, last.DropoutRisk)
				}
				if hw != c.HomeworkAssigned || full != c.HomeworkFull || partial != c.HomeworkPartial {
					t.Errorf("client %d: homework %d/%d/%d in sessions, %d/%d/%d in total", i, hw, full, partial, c.HomeworkAssigned, c.HomeworkFull, c.HomeworkPartial)
				}
				if opened != c.RupturesOpened || repaired != c.RupturesRepaired || eased != c.RupturesEased {
					t.Errorf("client %d: ruptures %d/%d/%d in sessions, %d/%d/%d in total", i, opened, repaired, eased, c.RupturesOpened, c.RupturesRepaired, c.RupturesEased)
				}
				if byClient != c.RupturesByClient || failed != c.RepairsFailed {
					t.Errorf("client %d: %d ruptures by the client and %d repairs failed in sessions, %d and %d in total", i, byClient, failed, c.RupturesByClient, c.RepairsFailed)
				}
				if notOnTrack != c.NotOnTrack {
					t.Errorf("client %d: not on track %v, but before a session %v", i, c.NotOnTrack, notOnTrack)
				}
			}
			if j != len(res.Sessions) {
				t.Errorf("%d session records, %d attended", len(res.Sessions), j)
			}
		})
	}
}

// TestRecordsMatchFullRuns plays clients of a cohort again with events and
// checks the per-session records against them: OQ-45 scores, WAI-SR,
// ruptures by session, and above all the dropout hazard each week drew
// against, which quiet runs do not show and the cohort reconstructs.
func TestRecordsMatchFullRuns(t *testing.T) {
	sc := scenariotest.Shipped(t)
	for _, pol := range scenariotest.Policies(t) {
		t.Run(pol.ID, func(t *testing.T) {
			const n, seed = 60, 5
			res := run(t, sc, pol, cohort.Config{N: n, Seed: seed})
			j := 0
			for i := range n {
				c := res.Clients[i]
				want := fullRun(t, sc, pol, seed, i)
				got := res.Sessions[j : j+c.Attended]
				j += c.Attended
				if len(got) != len(want) {
					t.Fatalf("client %d: %d sessions, the full run %d", i, len(got), len(want))
				}
				for k := range want {
					if g, w := jsonOf(t, got[k]), jsonOf(t, want[k]); g != w {
						t.Errorf("client %d session %d:\n got %s\nfull %s", i, k+1, g, w)
					}
				}
			}
		})
	}
}

// fullRun plays client i of a cohort with events and makes its session
// records from them.
func fullRun(t *testing.T, sc *sim.Scenario, pol *sim.Policy, seed uint64, i int) []cohort.Session {
	t.Helper()
	cs := sim.ClientSeed(seed, i)
	client := sc.Sample(cs)
	r := sim.NewRunWith(sc, cs, sim.Options{Client: &client})
	ch := pol.Chooser(cs)
	for !r.Done() {
		if _, err := r.Choose(ch.Pick(r)); err != nil {
			t.Fatal(err)
		}
	}
	var (
		out       []cohort.Session
		severity  float64 // of the rupture open, 0 when none is
		inSession bool    // between SessionStart and SessionEnd
	)
	dyn := sc.Dynamics()
	cur := func() *cohort.Session { return &out[len(out)-1] }
	seen := func(sev float64) { // a rupture of severity sev is open
		severity = sev
		if inSession {
			cur().RupturePeak = max(cur().RupturePeak, sev)
		}
	}
	for _, e := range r.Events() {
		switch e.Kind {
		case sim.SessionStart:
			if len(out) > 0 {
				cur().DropoutRisk = e.Value
			}
			out = append(out, cohort.Session{Client: i, Session: e.Session, RupturePeak: severity})
			inSession = true
		case sim.SessionEnd:
			inSession = false
			s := cur()
			s.RuptureReported = dyn.Reports(s.RupturePeak)
			s.RuptureResolved = s.RuptureReported && severity == 0
		case sim.MeasureOQ:
			if e.OQ.Session == cur().Session {
				cur().OQ, cur().NotOnTrack = e.OQ.Score, e.OQ.NotOnTrack
			}
		case sim.MeasureWAI:
			cur().WAI, cur().WAIGoal, cur().WAITask, cur().WAIBond = e.WAI.Total, e.WAI.Goal, e.WAI.Task, e.WAI.Bond
		case sim.HomeworkOutcome:
			s := &out[e.Homework.Session-1]
			s.Homework, s.Completion = true, e.Homework.Completion
		case sim.RuptureOpened: // in the session, or in the week after it
			s := &out[e.Session-1]
			s.RupturesOpened++
			if e.Rule == sim.ByClient {
				s.RupturesByClient++
			}
			seen(e.Value)
		case sim.Change:
			if e.Var == sim.VarRuptureSeverity && severity > 0 {
				seen(e.After)
			}
		case sim.RepairFailed:
			out[e.Session-1].RepairsFailed++
		case sim.RuptureRepaired:
			out[e.Session-1].RupturesRepaired++
			severity = 0
		case sim.RuptureEased:
			out[e.Session-1].RupturesEased++
			severity = 0
		case sim.Dropout:
			cur().DropoutRisk = e.Value
		}
	}
	return out
}

// TestRecord makes the records of hand-made states: the ruptures an
// observer sees, those the client reports (not the mildest) and those
// resolved by the session's end, and the not-on-track signal, given before
// a session of the course and not after it.
func TestRecord(t *testing.T) {
	dyn := &sim.Dynamics{ReportSeverity: 0.2}
	oqs := func(scores []int, notOnTrack ...int) []sim.OQ {
		var out []sim.OQ
		for i, x := range scores {
			out = append(out, sim.OQ{Session: i + 1, Score: x, NotOnTrack: slices.Contains(notOnTrack, i+1)})
		}
		return out
	}
	wais := func(n int) []sim.WAI {
		var out []sim.WAI
		for i := range n {
			x := 3 + float64(i)/4
			out = append(out, sim.WAI{Session: i + 1, Total: x, Goal: x, Task: x - 1, Bond: x + 1})
		}
		return out
	}
	// Three sessions: none; a strain too mild to report, still open at the
	// end; a rupture carried in and one begun by the client, one repair
	// failing before the other held.
	logs := []sim.SessionLog{
		{Session: 1, Hazard: 0.1},
		{Session: 2, RupturesOpened: 1, RupturePeak: 0.15, OpenAtEnd: true, Hazard: 0.2},
		{Session: 3, RupturesOpened: 1, RupturesRepaired: 2, RupturesByClient: 1, RepairsFailed: 1, RupturePeak: 0.5},
	}
	sessions := func(st *sim.State) []cohort.Session {
		out := make([]cohort.Session, st.Session)
		for i := range out {
			w, l := st.WAI[i], st.Log[i]
			out[i] = cohort.Session{Client: 7, Session: i + 1, OQ: st.OQ[i].Score, NotOnTrack: st.OQ[i].NotOnTrack,
				WAI: w.Total, WAIGoal: w.Goal, WAITask: w.Task, WAIBond: w.Bond,
				RupturesOpened: l.RupturesOpened, RupturesRepaired: l.RupturesRepaired, DropoutRisk: l.Hazard,
				RupturePeak: l.RupturePeak, RupturesByClient: l.RupturesByClient, RepairsFailed: l.RepairsFailed}
		}
		return out
	}
	completer := sim.State{Session: 3, Done: true, RupturesOpened: 2, RupturesRepaired: 2, RupturesByClient: 1, RepairsFailed: 1,
		OQ: oqs([]int{90, 85, 80, 70}), WAI: wais(3), Log: logs,
		Homework: []sim.Assignment{{Session: 1, Completion: sim.Full}, {Session: 3, Completion: sim.Partial}}}
	want := sessions(&completer)
	want[0].Homework, want[0].Completion = true, sim.Full
	want[2].Homework, want[2].Completion = true, sim.Partial
	want[2].RuptureReported, want[2].RuptureResolved = true, true
	wantClient := cohort.Client{ID: 7, Seed: 99, Intake: 90, Final: 70, Attended: 3,
		HomeworkAssigned: 2, HomeworkFull: 1, HomeworkPartial: 1,
		RupturesOpened: 2, RupturesRepaired: 2, RupturesByClient: 1, RepairsFailed: 1}

	for _, tc := range []struct {
		name     string
		st       sim.State
		dyn      *sim.Dynamics
		client   func(*cohort.Client)
		sessions func([]cohort.Session)
		err      string
	}{
		{name: "completer", st: completer, dyn: dyn},
		{name: "no dynamics: every rupture reported", st: completer,
			sessions: func(s []cohort.Session) { s[1].RuptureReported = true }},
		{name: "open at the end: reported, not resolved", dyn: dyn,
			st: func() sim.State {
				st := completer
				st.Log = slices.Clone(logs)
				st.Log[2].OpenAtEnd = true
				return st
			}(),
			sessions: func(s []cohort.Session) { s[2].RuptureResolved = false }},
		{name: "not on track before session 2", dyn: dyn,
			st: func() sim.State {
				st := completer
				st.OQ = oqs([]int{90, 99, 80, 70}, 2)
				return st
			}(),
			client:   func(c *cohort.Client) { c.NotOnTrack = true },
			sessions: func(s []cohort.Session) { s[1].OQ, s[1].NotOnTrack = 99, true }},
		{name: "not on track only after the course", dyn: dyn,
			st: func() sim.State {
				st := completer
				st.OQ = oqs([]int{90, 85, 80, 99}, 4)
				return st
			}(),
			client: func(c *cohort.Client) { c.Final = 99 }},
		{name: "dropout", dyn: dyn,
			st: func() sim.State {
				st := completer
				st.Session, st.Dropped, st.OQ, st.Homework = 2, true, oqs([]int{90, 95}, 2), completer.Homework[:1]
				st.RupturesOpened, st.RupturesRepaired, st.RupturesByClient, st.RepairsFailed = 1, 0, 0, 0
				return st
			}(),
			client: func(c *cohort.Client) {
				c.Final, c.Attended, c.Dropped, c.DroppedAfter, c.NotOnTrack = 95, 2, true, 2, true
				c.HomeworkAssigned, c.HomeworkPartial = 1, 0
				c.RupturesOpened, c.RupturesRepaired, c.RupturesByClient, c.RepairsFailed = 1, 0, 0, 0
			},
			sessions: func(s []cohort.Session) { s[1].OQ, s[1].NotOnTrack = 95, true }},
		{name: "a log missing", dyn: dyn,
			st: func() sim.State {
				st := completer
				st.Log = logs[:2]
				return st
			}(),
			err: "3 sessions attended but 4 OQ-45, 3 WAI-SR and 2 session logs"},
		{name: "a log out of place", dyn: dyn,
			st: func() sim.State {
				st := completer
				st.Log = []sim.SessionLog{logs[0], logs[2], logs[1]}
				return st
			}(),
			err: "session 2: measures of sessions 2 (OQ-45), 2 (WAI-SR), 3 (log)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := cohort.Client{ID: 7, Seed: 99, RupturesEased: 5, NotOnTrack: true} // left over: set anew
			prior := []cohort.Session{{Client: 6, Session: 1}}
			got, err := cohort.Record(&c, &tc.st, tc.dyn, prior)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("Record: %v, want an error saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			wc := wantClient
			if tc.client != nil {
				tc.client(&wc)
			}
			ws := slices.Clone(want[:wc.Attended])
			if tc.sessions != nil {
				tc.sessions(ws)
			}
			if c != wc {
				t.Errorf("client\n got %+v\nwant %+v", c, wc)
			}
			if !reflect.DeepEqual(got[0], prior[0]) || !reflect.DeepEqual(got[1:], ws) {
				t.Errorf("sessions\n got %+v\nwant %+v", got, append(prior, ws...))
			}
		})
	}
}

func TestRunRejectsBadShards(t *testing.T) {
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "competent")
	for _, cfg := range []cohort.Config{
		{N: 10, Shard: 0, Shards: 3},
		{N: 10, Shard: 4, Shards: 3},
		{N: 10, Shard: 1, Shards: -1},
		{N: -1},
	} {
		if _, err := cohort.Run(sc, pol, cfg); err == nil {
			t.Errorf("Run with %+v: no error", cfg)
		}
	}
}

func TestProgress(t *testing.T) {
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "random")
	var calls []int
	res := run(t, sc, pol, cohort.Config{N: 100, Seed: 1, Workers: 3, Shard: 2, Shards: 2,
		Progress: func(done int) { calls = append(calls, done) }})
	if len(calls) == 0 || calls[len(calls)-1] != len(res.Clients) {
		t.Fatalf("progress calls %v, want the last to be %d", calls, len(res.Clients))
	}
	for i := 1; i < len(calls); i++ {
		if calls[i] <= calls[i-1] {
			t.Errorf("progress went from %d to %d", calls[i-1], calls[i])
		}
	}
}

// TestFailuresCounted (case expression-failures): a condition that divides
// by zero at run time is counted, for the cohort, by where it failed and in
// how many clients, in client order whatever the workers.
func TestFailuresCounted(t *testing.T) {
	sc := scenariotest.Load(t, "testdata/when-mod-zero.toml")
	pol := scenariotest.Policy(t, "random")
	var first []cohort.Failures
	for _, workers := range []int{1, 3} {
		res, err := cohort.Run(sc, pol, cohort.Config{N: 60, Seed: 2, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Failures) == 0 {
			t.Fatal("no failure counted")
		}
		f := res.Failures[0]
		if f.Where != "beat worry" || !strings.Contains(f.Message, "divide by zero") || f.Clients < 1 || f.Clients > 60 {
			t.Errorf("failure %+v, want beat worry dividing by zero", f)
		}
		if first == nil {
			first = res.Failures
		} else if !reflect.DeepEqual(first, res.Failures) {
			t.Errorf("%d workers count %+v, 1 worker %+v", workers, res.Failures, first)
		}
	}
	clean, err := cohort.Run(scenariotest.Shipped(t), pol, cohort.Config{N: 30, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if clean.Failures != nil {
		t.Errorf("the shipped course fails at run time: %+v", clean.Failures)
	}
}
