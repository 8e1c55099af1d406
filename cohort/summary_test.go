package cohort_test

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/therasim/therasim/cohort"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// near reports whether got is want to within tol, or both are NaN.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol
}

// client makes a client who attended sessions 1 to attended, dropping out
// after the last when dropped, with the OQ-45 intake and final given.
func client(id, intake, final, attended int, dropped bool) cohort.Client {
	c := cohort.Client{ID: id, Intake: intake, Final: final, Attended: attended, Dropped: dropped}
	if dropped {
		c.DroppedAfter = attended
	}
	return c
}

// sessionsOf makes the session records of c, with the WAI-SR totals given
// (one per session attended); the first session's OQ-45 is the intake.
func sessionsOf(c cohort.Client, wai ...float64) []cohort.Session {
	var out []cohort.Session
	for i := range c.Attended {
		out = append(out, cohort.Session{Client: c.ID, Session: i + 1, OQ: c.Intake - i, WAI: wai[i],
			WAIGoal: wai[i], WAITask: wai[i], WAIBond: wai[i], DropoutRisk: 0.1})
	}
	return out
}

func TestOutcomeClasses(t *testing.T) {
	for _, tc := range []struct {
		intake, final int
		want          sim.Outcome
	}{
		{90, 63, "recovered"},    // 27 points down, below the cut-off
		{77, 63, "recovered"},    // exactly reliable change, just below 63.5
		{78, 64, "improved"},     // reliable change but 64 is above the cut-off
		{90, 70, "improved"},     //
		{90, 77, "unchanged"},    // 13 points: not reliable
		{70, 83, "unchanged"},    // 13 points worse
		{70, 84, "deteriorated"}, // 14 points worse
		{60, 50, "unchanged"},    // below the cut-off throughout
	} {
		c := client(0, tc.intake, tc.final, 1, false)
		if got := c.Outcome(); got != tc.want {
			t.Errorf("intake %d, final %d: %s, want %s", tc.intake, tc.final, got, tc.want)
		}
	}
	clients := []cohort.Client{client(0, 90, 63, 6, false), client(1, 78, 64, 6, false), client(2, 90, 70, 2, true),
		client(3, 70, 84, 6, false), client(4, 90, 77, 1, true)}
	var sessions []cohort.Session
	for _, c := range clients {
		sessions = append(sessions, sessionsOf(c, 3, 3, 3, 3, 3, 3)[:c.Attended]...)
	}
	s := cohort.Summarize(clients, sessions)
	if want := (cohort.Outcomes{Recovered: 1, Improved: 2, Unchanged: 1, Deteriorated: 1}); s.Outcomes != want {
		t.Errorf("outcomes %+v, want %+v", s.Outcomes, want)
	}
}

// ruptureRecords are three clients' records, ten sessions in all: ruptures
// seen in five, reported in three (the other two too mild), resolved in
// two; two clients the OQ-45 signalled not on track.
func ruptureRecords() ([]cohort.Client, []cohort.Session) {
	clients := []cohort.Client{
		client(0, 90, 60, 4, false), // recovered
		client(1, 80, 78, 3, true),  // unchanged
		client(2, 90, 70, 3, false), // improved
	}
	clients[0].NotOnTrack, clients[1].NotOnTrack = true, true
	clients[0].RupturesOpened, clients[0].RupturesByClient, clients[0].RepairsFailed = 3, 2, 1
	clients[1].RupturesOpened, clients[1].RupturesByClient, clients[1].RepairsFailed = 1, 1, 2
	clients[2].RupturesOpened = 1
	var sessions []cohort.Session
	for _, c := range clients {
		sessions = append(sessions, sessionsOf(c, 3, 3, 3, 3)...)
	}
	// peak, reported, resolved, by session of the records above.
	for i, r := range []struct {
		peak               float64
		reported, resolved bool
	}{
		{0.5, true, true}, {0, false, false}, {0.1, false, false}, {0.7, true, false}, // client 0
		{0, false, false}, {0.6, true, true}, {0, false, false}, // client 1
		{0.05, false, false}, {0, false, false}, {0, false, false}, // client 2
	} {
		sessions[i].RupturePeak, sessions[i].RuptureReported, sessions[i].RuptureResolved = r.peak, r.reported, r.resolved
	}
	return clients, sessions
}

func TestRupturesAndNotOnTrack(t *testing.T) {
	s := cohort.Summarize(ruptureRecords())
	r := s.Ruptures
	if r.Opened != 5 || r.ByClient != 3 || r.RepairsFailed != 3 {
		t.Errorf("%d ruptures opened, %d by the client, %d repairs failed; want 5, 3, 3", r.Opened, r.ByClient, r.RepairsFailed)
	}
	if r.Sessions != 10 || r.Observed != 5 || r.Reported != 3 || r.Resolved != 2 {
		t.Errorf("of %d sessions, %d observed, %d reported, %d resolved; want 10, 5, 3, 2", r.Sessions, r.Observed, r.Reported, r.Resolved)
	}
	nan := math.NaN()
	for _, tc := range []struct {
		name      string
		got, want cohort.Proportion
	}{
		// Wilson's intervals, as tables give them.
		{"reported", r.ReportedFrequency, cohort.Proportion{K: 3, N: 10, P: 0.3, Lo: 0.1078, Hi: 0.6032}},
		{"observed", r.ObservedFrequency, cohort.Proportion{K: 5, N: 10, P: 0.5, Lo: 0.2366, Hi: 0.7634}},
		{"resolved", r.ResolutionRate, cohort.Proportion{K: 2, N: 3, P: 2.0 / 3, Lo: 0.2077, Hi: 0.9385}},
		{"none", cohort.Wilson(0, 10), cohort.Proportion{K: 0, N: 10, P: 0, Lo: 0, Hi: 0.2775}},
		{"all", cohort.Wilson(10, 10), cohort.Proportion{K: 10, N: 10, P: 1, Lo: 0.7225, Hi: 1}},
		{"of nothing", cohort.Wilson(0, 0), cohort.Proportion{P: nan, Lo: nan, Hi: nan}},
	} {
		g, w := tc.got, tc.want
		if g.K != w.K || g.N != w.N || !near(g.P, w.P, 1e-15) || !near(g.Lo, w.Lo, 5e-5) || !near(g.Hi, w.Hi, 5e-5) {
			t.Errorf("%s: %+v, want %+v", tc.name, g, w)
		}
	}
	var reported, resolved []int
	for _, ss := range s.BySession {
		reported = append(reported, ss.RupturesReported)
		resolved = append(resolved, ss.RupturesResolved)
	}
	if want := []int{1, 1, 0, 1}; !reflect.DeepEqual(reported, want) {
		t.Errorf("reported by session %v, want %v", reported, want)
	}
	if want := []int{1, 1, 0, 0}; !reflect.DeepEqual(resolved, want) {
		t.Errorf("resolved by session %v, want %v", resolved, want)
	}
	want := cohort.Subgroup{Clients: 2, Dropped: 1, Outcomes: cohort.Outcomes{Recovered: 1, Unchanged: 1}}
	if s.NotOnTrack != want {
		t.Errorf("not on track %+v, want %+v", s.NotOnTrack, want)
	}
}

func TestDropoutBySession(t *testing.T) {
	// Three complete six sessions; two leave after session 1, one after 2,
	// one after 4.
	var clients []cohort.Client
	for i, after := range []int{0, 1, 0, 2, 1, 0, 4} {
		if after == 0 {
			clients = append(clients, client(i, 80, 60, 6, false))
		} else {
			clients = append(clients, client(i, 80, 75, after, true))
		}
	}
	var sessions []cohort.Session
	for _, c := range clients {
		sessions = append(sessions, sessionsOf(c, 4, 4, 4, 4, 4, 4)[:c.Attended]...)
	}
	s := cohort.Summarize(clients, sessions)
	if s.Clients != 7 || s.Completed != 3 || s.Dropped != 4 || s.DropoutRate != 4.0/7 {
		t.Errorf("%d clients, %d completed, %d dropped (rate %v); want 7, 3, 4 (4/7)", s.Clients, s.Completed, s.Dropped, s.DropoutRate)
	}
	var attended, dropped []int
	for _, ss := range s.BySession {
		attended = append(attended, ss.Clients)
		dropped = append(dropped, ss.DroppedAfter)
	}
	if want := []int{7, 5, 4, 4, 3, 3}; !reflect.DeepEqual(attended, want) {
		t.Errorf("attended by session %v, want %v", attended, want)
	}
	if want := []int{2, 1, 0, 1, 0, 0}; !reflect.DeepEqual(dropped, want) {
		t.Errorf("dropped after each session %v, want %v", dropped, want)
	}
	if got, want := s.Attended.Mean, (6*3+1+2+1+4)/7.0; got != want {
		t.Errorf("mean sessions attended %v, want %v", got, want)
	}
	if s.AfterCourse.N != 3 || s.AfterCourse.Mean != 60 || s.Final.N != 7 {
		t.Errorf("after course %+v (want 3 completers at 60), final %+v (want 7)", s.AfterCourse, s.Final)
	}
}

func TestCorrelations(t *testing.T) {
	// Early alliance: the mean WAI-SR of sessions 1–3 (later ones do not
	// count; a client who left after session 1 has one rating).
	// x = 1, 2, 3, 4, 5 and improvement y = 2, 1, 4, 3, 5 give r = 0.8
	// (sxy 8, sxx 10, syy 10).
	clients := []cohort.Client{
		client(0, 82, 80, 6, false), // y 2
		client(1, 81, 80, 1, true),  // y 1
		client(2, 84, 80, 3, true),  // y 4
		client(3, 83, 80, 6, false), // y 3
		client(4, 85, 80, 2, true),  // y 5
	}
	wai := [][]float64{{1, 0.5, 1.5, 5, 5, 5}, {2}, {3, 3, 3}, {3, 4, 5, 1, 1, 1}, {5, 5}}
	var sessions []cohort.Session
	for i, c := range clients {
		sessions = append(sessions, sessionsOf(c, wai[i]...)...)
	}
	// Compliance: (full + partial/2) / assigned = 0, 0.25, 0.5, 1 for
	// clients 0–3 with improvements 2, 1, 4, 3; client 4 had no homework
	// and is left out.
	hw := [][3]int{{2, 0, 0}, {2, 0, 1}, {1, 0, 1}, {3, 3, 0}, {0, 0, 0}}
	for i, h := range hw {
		clients[i].HomeworkAssigned, clients[i].HomeworkFull, clients[i].HomeworkPartial = h[0], h[1], h[2]
	}
	s := cohort.Summarize(clients, sessions)
	z, se := math.Atanh(0.8), 1/math.Sqrt(2)
	alliance := cohort.Correlation{N: 5, R: 0.8, Lo: math.Tanh(z - 1.959964*se), Hi: math.Tanh(z + 1.959964*se)}
	checkCorrelation(t, "alliance", s.AllianceOutcome, alliance)
	if !near(alliance.Lo, -0.2797, 1e-4) || !near(alliance.Hi, 0.9861, 1e-4) {
		t.Fatalf("the test's own interval is off: %+v", alliance)
	}
	// x 0, .25, .5, 1; y 2, 1, 4, 3: mx .4375, my 2.5; sxy = 0.875,
	// sxx = 0.546875, syy = 5, r = 0.875/√2.734375 = 0.52915…
	checkCorrelation(t, "homework", s.HomeworkOutcome, cohort.Correlation{N: 4, R: 0.875 / math.Sqrt(0.546875*5),
		Lo: math.Tanh(math.Atanh(0.875/math.Sqrt(0.546875*5)) - 1.959964), Hi: math.Tanh(math.Atanh(0.875/math.Sqrt(0.546875*5)) + 1.959964)})
	if h := s.Homework; h.Assigned != 8 || h.Full != 3 || h.Partial != 2 || h.None != 3 || h.Clients != 4 || h.Compliance.Mean != 0.4375 {
		t.Errorf("homework %+v", h)
	}
}

func checkCorrelation(t *testing.T, what string, got, want cohort.Correlation) {
	t.Helper()
	if got.N != want.N || !near(got.R, want.R, 1e-12) || !near(got.Lo, want.Lo, 1e-6) || !near(got.Hi, want.Hi, 1e-6) {
		t.Errorf("%s: %+v, want %+v", what, got, want)
	}
}

func TestCorrelate(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		x, y []float64
		want cohort.Correlation
	}{
		{"perfect", []float64{1, 2, 3, 4, 5}, []float64{2, 4, 6, 8, 10}, cohort.Correlation{N: 5, R: 1, Lo: 1, Hi: 1}},
		{"inverse", []float64{1, 2, 3, 4}, []float64{3, 2, 1, 0}, cohort.Correlation{N: 4, R: -1, Lo: -1, Hi: -1}},
		{"three: no interval", []float64{1, 2, 3}, []float64{1, 3, 2}, cohort.Correlation{N: 3, R: 0.5, Lo: nan, Hi: nan}},
		{"constant", []float64{1, 2, 3, 4}, []float64{5, 5, 5, 5}, cohort.Correlation{N: 4, R: nan, Lo: nan, Hi: nan}},
		{"one pair", []float64{1}, []float64{1}, cohort.Correlation{N: 1, R: nan, Lo: nan, Hi: nan}},
		{"none", nil, nil, cohort.Correlation{R: nan, Lo: nan, Hi: nan}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkCorrelation(t, tc.name, cohort.Correlate(tc.x, tc.y), tc.want)
		})
	}
}

func TestDescribe(t *testing.T) {
	s := cohort.Describe([]float64{2, 4, 4, 4, 5, 5, 7, 9})
	if s.N != 8 || s.Mean != 5 || !near(s.SD, math.Sqrt(32.0/7), 1e-15) {
		t.Errorf("Describe = %+v, want 8, 5, √(32/7)", s)
	}
	if s := cohort.Describe([]float64{3}); s.Mean != 3 || !math.IsNaN(s.SD) {
		t.Errorf("Describe of one value = %+v, want mean 3 and no SD", s)
	}
	if s := cohort.Describe(nil); s.N != 0 || !math.IsNaN(s.Mean) {
		t.Errorf("Describe of nothing = %+v", s)
	}
}

func TestEffectSize(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		x, y cohort.Stat
		want cohort.Effect
	}{
		// d = 1/2; se = √(40/400 + .25/80) = .32113
		{"half an SD", cohort.Stat{N: 20, Mean: 10, SD: 2}, cohort.Stat{N: 20, Mean: 9, SD: 2},
			cohort.Effect{D: 0.5, Lo: 0.5 - 1.959964*math.Sqrt(0.103125), Hi: 0.5 + 1.959964*math.Sqrt(0.103125)}},
		// pooled SD √((9·1 + 29·4)/38) = √(125/38)
		{"pooled", cohort.Stat{N: 10, Mean: 5, SD: 1}, cohort.Stat{N: 30, Mean: 6, SD: 2},
			cohort.Effect{D: -1 / math.Sqrt(125.0/38), Lo: nan, Hi: nan}},
		{"too small", cohort.Stat{N: 1, Mean: 5, SD: nan}, cohort.Stat{N: 30, Mean: 6, SD: 2}, cohort.Effect{D: nan, Lo: nan, Hi: nan}},
		{"no spread", cohort.Stat{N: 5, Mean: 5, SD: 0}, cohort.Stat{N: 5, Mean: 6, SD: 0}, cohort.Effect{D: nan, Lo: nan, Hi: nan}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cohort.EffectSize(tc.x, tc.y)
			if !near(got.D, tc.want.D, 1e-12) || (!math.IsNaN(tc.want.Lo) && (!near(got.Lo, tc.want.Lo, 1e-6) || !near(got.Hi, tc.want.Hi, 1e-6))) {
				t.Errorf("EffectSize = %+v, want %+v", got, tc.want)
			}
			if !math.IsNaN(got.D) && !(got.Lo < got.D && got.D < got.Hi) {
				t.Errorf("EffectSize = %+v: d is not inside its interval", got)
			}
		})
	}
}

func TestCohensDFavoursFewerSymptoms(t *testing.T) {
	better := cohort.Summary{Final: cohort.Stat{N: 50, Mean: 60, SD: 10}}
	worse := cohort.Summary{Final: cohort.Stat{N: 50, Mean: 65, SD: 10}}
	if d := cohort.CohensD(better, worse); !near(d.D, 0.5, 1e-12) {
		t.Errorf("CohensD(better, worse) = %+v, want d = +0.5", d)
	}
	if d := cohort.CohensD(worse, better); !near(d.D, -0.5, 1e-12) {
		t.Errorf("CohensD(worse, better) = %+v, want d = −0.5", d)
	}
}

func TestSummarizeIgnoresOrder(t *testing.T) {
	res := run(t, scenariotest.Shipped(t), scenariotest.Policy(t, "novice"), cohort.Config{N: 100, Seed: 2})
	want := jsonOf(t, cohort.Summarize(res.Clients, res.Sessions))
	clients := append([]cohort.Client(nil), res.Clients...)
	sessions := append([]cohort.Session(nil), res.Sessions...)
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(clients), func(i, j int) { clients[i], clients[j] = clients[j], clients[i] })
	r.Shuffle(len(sessions), func(i, j int) { sessions[i], sessions[j] = sessions[j], sessions[i] })
	if got := jsonOf(t, cohort.Summarize(clients, sessions)); got != want {
		t.Errorf("shuffled records give another summary:\n got %s\nwant %s", got, want)
	}
}

func TestSummaryJSON(t *testing.T) {
	// One client: no SD, no correlation; NaN must come out as null.
	c := client(0, 80, 70, 1, true)
	s := cohort.Summarize([]cohort.Client{c}, sessionsOf(c, 4))
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"scenario", "policy", "seed", "n", "clients", "completed", "dropped", "dropout_rate",
		"sessions_attended", "outcomes", "intake_oq45", "final_oq45", "after_course_oq45", "improvement_oq45",
		"by_session", "homework", "ruptures", "not_on_track", "alliance_outcome", "homework_outcome"} {
		if _, ok := m[k]; !ok {
			t.Errorf("the JSON summary has no %q", k)
		}
	}
	for k, keys := range map[string][]string{
		"ruptures": {"opened", "repaired", "eased", "by_client", "repairs_failed", "sessions", "observed", "reported", "resolved",
			"reported_frequency", "observed_frequency", "resolution_rate"},
		"not_on_track": {"clients", "dropped", "outcomes"},
	} {
		for _, key := range keys {
			if _, ok := m[k].(map[string]any)[key]; !ok {
				t.Errorf("the JSON summary's %s has no %q", k, key)
			}
		}
	}
	if bs := m["by_session"].([]any)[0].(map[string]any); bs["ruptures_reported"] == nil || bs["ruptures_resolved"] == nil {
		t.Errorf("the JSON summary's sessions do not count the ruptures reported and resolved: %v", bs)
	}
	if !strings.Contains(string(b), `"resolution_rate":{"k":0,"n":0,"p":null,"lo":null,"hi":null}`) {
		t.Errorf("a rate of no ruptures reported is not written with nulls:\n%s", b)
	}
	if !strings.Contains(string(b), `"alliance_outcome":{"n":1,"r":null,"lo":null,"hi":null}`) {
		t.Errorf("an undefined correlation is not written with nulls:\n%s", b)
	}
}
