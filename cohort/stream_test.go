package cohort_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/therasim/therasim/cohort"
	"github.com/therasim/therasim/internal/testenv"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestStreamEqualsBatch: the summary Stream computes as clients finish is,
// to the last bit, the one Summarize computes from the records Run keeps,
// for any number of workers; and both agree with a two-pass computation
// from the records, the textbook one, to within rounding.
func TestStreamEqualsBatch(t *testing.T) {
	sc := scenariotest.Shipped(t)
	for _, tc := range []struct {
		policy string
		n      int
		seed   uint64
		shard  [2]int
	}{
		{"competent", 1, 1, [2]int{1, 1}},
		{"competent", 65, 2, [2]int{1, 1}},
		{"novice", 200, 3, [2]int{1, 1}},
		{"no-homework", 300, 4, [2]int{2, 3}},
		{"random", 129, 5, [2]int{1, 1}},
	} {
		pol := scenariotest.Policy(t, tc.policy)
		cfg := cohort.Config{N: tc.n, Seed: tc.seed, Shard: tc.shard[0], Shards: tc.shard[1], Workers: 1}
		res := run(t, sc, pol, cfg)
		batch := res.Summary()
		want := jsonOf(t, batch)
		for _, workers := range []int{1, 2, 5} {
			t.Run(fmt.Sprintf("%s n=%d workers=%d", tc.policy, tc.n, workers), func(t *testing.T) {
				cfg.Workers = workers
				s, fails, err := cohort.Stream(context.Background(), sc, pol, cfg)
				if err != nil {
					t.Fatal(err)
				}
				if got := jsonOf(t, s); got != want {
					t.Errorf("streamed summary\n got %s\nwant %s", got, want)
				}
				if len(fails) != 0 {
					t.Errorf("failures %+v", fails)
				}
			})
		}
		t.Run(fmt.Sprintf("%s n=%d two-pass", tc.policy, tc.n), func(t *testing.T) {
			checkTwoPass(t, batch, res)
		})
	}
}

// checkTwoPass checks the means, standard deviations and correlations of s
// against the two-pass formulas on res's records.
func checkTwoPass(t *testing.T, s cohort.Summary, res *cohort.Result) {
	t.Helper()
	var attended, intake, final, gain, compliance, complianceGain, early, earlyGain []float64
	bySession := map[int][]float64{}
	j := 0
	for _, c := range res.Clients {
		attended = append(attended, float64(c.Attended))
		intake = append(intake, float64(c.Intake))
		final = append(final, float64(c.Final))
		gain = append(gain, float64(c.Improvement()))
		if x, ok := c.Compliance(); ok {
			compliance = append(compliance, x)
			complianceGain = append(complianceGain, float64(c.Improvement()))
		}
		sum, n := 0.0, 0
		for ; j < len(res.Sessions) && res.Sessions[j].Client == c.ID; j++ {
			ss := res.Sessions[j]
			if ss.Session <= cohort.EarlySessions {
				sum += ss.WAI
				n++
			}
			bySession[ss.Session] = append(bySession[ss.Session], ss.WAI)
		}
		early = append(early, sum/float64(n))
		earlyGain = append(earlyGain, float64(c.Improvement()))
	}
	for _, tc := range []struct {
		name string
		got  cohort.Stat
		xs   []float64
	}{
		{"attended", s.Attended, attended},
		{"intake", s.Intake, intake},
		{"final", s.Final, final},
		{"improvement", s.Improvement, gain},
		{"compliance", s.Homework.Compliance, compliance},
		{"WAI-SR of session 1", s.BySession[0].WAI, bySession[1]},
		{"WAI-SR of the last session", s.BySession[len(s.BySession)-1].WAI, bySession[len(s.BySession)]},
	} {
		mean, sd := twoPass(tc.xs)
		if tc.got.N != len(tc.xs) || !close(tc.got.Mean, mean) || !close(tc.got.SD, sd) {
			t.Errorf("%s: %+v; two passes give n %d, mean %v, SD %v", tc.name, tc.got, len(tc.xs), mean, sd)
		}
	}
	for _, tc := range []struct {
		name string
		got  cohort.Correlation
		x, y []float64
	}{
		{"alliance", s.AllianceOutcome, early, earlyGain},
		{"homework", s.HomeworkOutcome, compliance, complianceGain},
	} {
		if r := twoPassR(tc.x, tc.y); tc.got.N != len(tc.x) || !close(tc.got.R, r) {
			t.Errorf("%s: %+v; two passes give n %d, r %v", tc.name, tc.got, len(tc.x), r)
		}
	}
}

// close reports whether a and b agree to 1e-12 relative, or are both NaN.
func close(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-12*max(1, math.Abs(b))
}

// twoPass is the textbook mean and standard deviation: the mean, then the
// sum of squared deviations from it.
func twoPass(xs []float64) (mean, sd float64) {
	mean, sd = math.NaN(), math.NaN()
	if len(xs) == 0 {
		return
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	mean = sum / float64(len(xs))
	if len(xs) > 1 {
		ss := 0.0
		for _, x := range xs {
			ss += (x - mean) * (x - mean)
		}
		sd = math.Sqrt(ss / float64(len(xs)-1))
	}
	return
}

// twoPassR is the textbook Pearson correlation.
func twoPassR(x, y []float64) float64 {
	if len(x) < 2 {
		return math.NaN()
	}
	mx, _ := twoPass(x)
	my, _ := twoPass(y)
	var sxx, syy, sxy float64
	for i := range x {
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
		sxy += (x[i] - mx) * (y[i] - my)
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

// TestDescribeAccurate: the one-pass mean and standard deviation keep
// their accuracy where the textbook one-pass formula (Σx² − (Σx)²/n) loses
// every digit: values far from zero that vary little, many of them.
func TestDescribeAccurate(t *testing.T) {
	const n = 1_000_000
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = 1e9 + float64(i%12)/12 // 1e9 plus twelfths: WAI-SR-like steps
	}
	// Exactly: the twelve steps k/12 (k = 0…11) in equal numbers, bar the
	// first n mod 12, which come once more.
	var sum, sq float64
	for i := range n {
		k := float64(i%12) / 12
		sum += k
		sq += k * k
	}
	mean := 1e9 + sum/n
	sd := math.Sqrt((sq - sum*sum/n) / (n - 1))
	got := cohort.Describe(xs)
	if math.Abs(got.Mean-mean) > 1e-6 || math.Abs(got.SD-sd)/sd > 1e-6 {
		t.Errorf("Describe = mean %v, SD %v; want %v, %v", got.Mean, got.SD, mean, sd)
	}
	var naive, naiveSq float64
	for _, x := range xs {
		naive += x
		naiveSq += x * x
	}
	if v := (naiveSq - naive*naive/n) / (n - 1); math.Abs(math.Sqrt(math.Max(v, 0))-sd)/sd < 1e-3 {
		t.Logf("the naive formula happened to do well here: %v", math.Sqrt(v))
	}
}

// TestStreamFiles: the files Stream writes as clients finish are, byte for
// byte, those WriteClients and WriteSessions write from Run's records,
// whatever the number of workers.
func TestStreamFiles(t *testing.T) {
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "novice")
	cfg := cohort.Config{N: testN, Seed: 6, Shard: 2, Shards: 2}
	res := run(t, sc, pol, cfg)
	var wantC, wantS bytes.Buffer
	if err := cohort.WriteClients(&wantC, res.Cohort, res.Clients); err != nil {
		t.Fatal(err)
	}
	if err := cohort.WriteSessions(&wantS, res.Cohort, res.Sessions); err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 2, 7} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			var c, s bytes.Buffer
			cfg := cfg
			cfg.Workers, cfg.Clients, cfg.Sessions = workers, &c, &s
			if _, _, err := cohort.Stream(context.Background(), sc, pol, cfg); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(c.Bytes(), wantC.Bytes()) {
				t.Errorf("the per-client file differs from WriteClients's (%d bytes, want %d)", c.Len(), wantC.Len())
			}
			if !bytes.Equal(s.Bytes(), wantS.Bytes()) {
				t.Errorf("the per-session file differs from WriteSessions's (%d bytes, want %d)", s.Len(), wantS.Len())
			}
		})
	}
}

// TestWriteAsEncodingCSV: the files are what encoding/csv writes from the
// fields, awkward ones included (quotes and commas in the cohort's names,
// a completion the engine does not give, extreme numbers).
func TestWriteAsEncodingCSV(t *testing.T) {
	res := run(t, scenariotest.Shipped(t), scenariotest.Policy(t, "random"), cohort.Config{N: 40, Seed: 9})
	res.Cohort.Scenario, res.Cohort.Policy = `a "quoted", scenario`, " leading space"
	c := &res.Clients[0]
	c.Traits.Reactance, c.Start.Symptoms, c.Seed, c.Intake = 0.1+0.2, math.SmallestNonzeroFloat64, math.MaxUint64, -3
	s := &res.Sessions[0]
	s.WAI, s.DropoutRisk, s.Completion = 1.0/3, math.NaN(), "half, \"or so\""
	s.RupturePeak, s.RupturesByClient, s.RepairsFailed = 0.1+0.2, 3, 4
	res.Sessions[1].DropoutRisk, res.Sessions[1].RupturePeak = math.Inf(-1), math.SmallestNonzeroFloat64
	c.RupturesByClient, c.RepairsFailed, c.NotOnTrack = 5, 6, true
	c.Responsiveness, c.Obstacle, c.ObstacleLeft = -0.1+0.02, 0.12, 1e-5
	// Numbers of every magnitude, about the bounds of the form without an
	// exponent (1e-4 and 1e6) above all.
	r := rand.New(rand.NewPCG(3, 4))
	edges := []float64{1e-4, math.Nextafter(1e-4, 0), math.Nextafter(1e-4, 1), 1e6, math.Nextafter(1e6, 0), 999999.5,
		0.5, 1, 2, 10, 90, 100, 123456.789, 1.0 / 3, 0.1 + 0.2, 5e-5, -0.25, math.Copysign(0, -1), math.Inf(1)}
	number := func() float64 {
		if len(edges) > 0 {
			x := edges[0]
			edges = edges[1:]
			return x
		}
		return math.Pow(10, r.Float64()*14-7) * float64(1+r.IntN(9))
	}
	for i := range res.Clients[1:] {
		tr := &res.Clients[i+1].Traits
		tr.Reactance, tr.Motivation, tr.Attachment, tr.HomeworkAttitude, tr.Mindedness, tr.Support =
			number(), number(), number(), number(), number(), number()
	}
	for i := range res.Sessions[2:] {
		ss := &res.Sessions[i+2]
		ss.WAI, ss.DropoutRisk, ss.RupturePeak = number(), number(), number()
	}

	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	i := strconv.Itoa
	b := strconv.FormatBool
	co := []string{res.Cohort.Scenario, res.Cohort.Policy, strconv.FormatUint(res.Cohort.Seed, 10), i(res.Cohort.N)}
	var wantC, wantS bytes.Buffer
	cw := csv.NewWriter(&wantC)
	cw.Write(cohort.ClientsHeader)
	for _, x := range res.Clients {
		after := ""
		if x.Dropped {
			after = i(x.DroppedAfter)
		}
		t, st := x.Traits, x.Start
		cw.Write(append(co[:4:4], i(x.ID), strconv.FormatUint(x.Seed, 10),
			f(t.Reactance), f(t.Motivation), f(t.Attachment), f(t.HomeworkAttitude), f(t.Mindedness), f(t.Support),
			f(st.Bond), f(st.Task), f(st.Goal), f(st.Hope), f(st.Symptoms),
			i(x.Intake), i(x.Final), i(x.Attended), b(x.Dropped), after,
			i(x.HomeworkAssigned), i(x.HomeworkFull), i(x.HomeworkPartial),
			i(x.RupturesOpened), i(x.RupturesRepaired), i(x.RupturesEased),
			i(x.RupturesByClient), i(x.RepairsFailed), b(x.NotOnTrack),
			f(x.Responsiveness), f(x.Obstacle), f(x.ObstacleLeft)))
	}
	cw.Flush()
	sw := csv.NewWriter(&wantS)
	sw.Write(cohort.SessionsHeader)
	for _, s := range res.Sessions {
		sw.Write(append(co[:4:4], i(s.Client), i(s.Session), i(s.OQ), b(s.NotOnTrack),
			f(s.WAI), f(s.WAIGoal), f(s.WAITask), f(s.WAIBond), b(s.Homework), string(s.Completion),
			i(s.RupturesOpened), i(s.RupturesRepaired), i(s.RupturesEased), f(s.DropoutRisk),
			f(s.RupturePeak), b(s.RuptureReported), b(s.RuptureResolved), i(s.RupturesByClient), i(s.RepairsFailed)))
	}
	sw.Flush()

	var gotC, gotS bytes.Buffer
	if err := cohort.WriteClients(&gotC, res.Cohort, res.Clients); err != nil {
		t.Fatal(err)
	}
	if err := cohort.WriteSessions(&gotS, res.Cohort, res.Sessions); err != nil {
		t.Fatal(err)
	}
	if gotC.String() != wantC.String() {
		t.Errorf("per-client file:\n%s\nencoding/csv writes:\n%s", firstLines(gotC.String()), firstLines(wantC.String()))
	}
	if gotS.String() != wantS.String() {
		t.Errorf("per-session file:\n%s\nencoding/csv writes:\n%s", firstLines(gotS.String()), firstLines(wantS.String()))
	}
}

func firstLines(s string) string {
	n := 0
	for i, r := range s {
		if r == '\n' {
			if n++; n == 3 {
				return s[:i]
			}
		}
	}
	return s
}

// TestStreamStops: when its context is done, Stream stops and returns the
// summary of the clients done so far, the first of the shard, whose rows
// the files hold, whole: the beginning of the full run's files.
func TestStreamStops(t *testing.T) {
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "competent")
	const n, seed = 3000, 8
	full := run(t, sc, pol, cohort.Config{N: n, Seed: seed})
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var c, s bytes.Buffer
			cfg := cohort.Config{N: n, Seed: seed, Workers: workers, Clients: &c, Sessions: &s,
				Progress: func(done int) {
					if done >= 500 {
						cancel()
					}
				}}
			sum, _, err := cohort.Stream(ctx, sc, pol, cfg)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Stream stopped with %v, want context.Canceled", err)
			}
			done := sum.Clients
			if done < 500 || done >= n {
				t.Fatalf("stopped after %d clients, want from 500 to fewer than %d", done, n)
			}
			part := &cohort.Result{Cohort: full.Cohort, Clients: full.Clients[:done]}
			for _, x := range full.Clients[:done] {
				part.Sessions = append(part.Sessions, full.Sessions[len(part.Sessions):len(part.Sessions)+x.Attended]...)
			}
			want := part.Summary()
			if got := jsonOf(t, sum); got != jsonOf(t, want) {
				t.Errorf("the summary of the %d clients done is not theirs:\n got %s\nwant %s", done, got, jsonOf(t, want))
			}
			var wantC, wantS bytes.Buffer
			cohort.WriteClients(&wantC, part.Cohort, part.Clients)
			cohort.WriteSessions(&wantS, part.Cohort, part.Sessions)
			if c.String() != wantC.String() || s.String() != wantS.String() {
				t.Errorf("the files of the %d clients done are not the first %d clients' rows", done, done)
			}
		})
	}
	// Done before it starts: nothing played, an empty summary.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sum, _, err := cohort.Stream(ctx, sc, pol, cohort.Config{N: 2_000_000_000, Seed: 1})
	if !errors.Is(err, context.Canceled) || sum.Clients != 0 || sum.N != 2_000_000_000 {
		t.Errorf("Stream with a done context: %v, %d clients of %d", err, sum.Clients, sum.N)
	}
}

// failingWriter fails after some bytes.
type failingWriter struct{ left int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.left {
		n := w.left
		w.left = 0
		return n, errors.New("disk full")
	}
	w.left -= len(p)
	return len(p), nil
}

func TestStreamWriteError(t *testing.T) {
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "competent")
	cfg := cohort.Config{N: 5000, Seed: 1, Workers: 2, Sessions: &failingWriter{left: 100_000}}
	if _, _, err := cohort.Stream(context.Background(), sc, pol, cfg); err == nil || err.Error() != "disk full" {
		t.Errorf("Stream into a failing writer: %v, want disk full", err)
	}
}

// TestStreamMemoryBounded: the memory a streamed run holds does not grow
// with its number of clients. Near the end of a run of 2,000 clients and
// of one of 20,000, with the files written, the live heap (after a
// collection) differs by far less than the records of the 18,000 more
// clients would take (some 2 KB each: 36 MB).
func TestStreamMemoryBounded(t *testing.T) {
	testenv.SkipShort(t, "plays 22,000 clients")
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "competent")
	live := func(n int) uint64 {
		// The least of three readings, at 70, 80 and 90%: the workers
		// allocate between a collection and its reading.
		at, next := uint64(math.MaxUint64), 7
		cfg := cohort.Config{N: n, Seed: 1, Workers: 2, Clients: discard{}, Sessions: discard{},
			Progress: func(done int) {
				if next <= 9 && done >= n*next/10 {
					next++
					runtime.GC()
					var ms runtime.MemStats
					runtime.ReadMemStats(&ms)
					at = min(at, ms.HeapAlloc)
				}
			}}
		if _, _, err := cohort.Stream(context.Background(), sc, pol, cfg); err != nil {
			t.Fatal(err)
		}
		return at
	}
	live(500) // warm up: what is made once
	small, large := live(2000), live(20000)
	grow := int64(large) - int64(small)
	t.Logf("live heap near the end: %d kB at 2,000 clients, %d kB at 20,000", small>>10, large>>10)
	if grow > 4<<20 {
		t.Errorf("the live heap grew by %d kB from 2,000 to 20,000 clients; at most 4096 kB allowed", grow>>10)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// TestStreamAllocations: beyond what the engine allocates to play the same
// clients, Stream allocates a bounded number of times per run, nothing per
// client (the failures' count aside, none here).
func TestStreamAllocations(t *testing.T) {
	testenv.SkipShort(t, "counts allocations of two cohorts")
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "competent")
	const seed = 4
	extra := func(n int) float64 {
		engine := testing.AllocsPerRun(1, func() {
			for i := range n {
				if _, _, err := pol.Treat(sc, sim.ClientSeed(seed, i)); err != nil {
					t.Fatal(err)
				}
			}
		})
		stream := testing.AllocsPerRun(1, func() {
			cfg := cohort.Config{N: n, Seed: seed, Workers: 1, Clients: discard{}, Sessions: discard{}}
			if _, _, err := cohort.Stream(context.Background(), sc, pol, cfg); err != nil {
				t.Fatal(err)
			}
		})
		return stream - engine
	}
	small, large := extra(200), extra(2000)
	t.Logf("Stream allocated %.0f times beyond the engine for 200 clients, %.0f for 2,000", small, large)
	if large-small > 100 {
		t.Errorf("Stream's own allocations grew by %.0f from 200 to 2,000 clients; at most 100 allowed (none per client)", large-small)
	}
}

// TestWorkersReuseRuns: a worker plays all its clients in one Run, reset
// for each; each client's failures are still its own, counted as playing
// every client in a run of its own counts them, for any number of workers.
// Here the shipped course's first two life events fail at run time, each
// for the clients of its own range of support, so that a client's failures
// differ from the next one's.
func TestWorkersReuseRuns(t *testing.T) {
	m := scenariotest.Model(t)
	_, data, err := scenarios.Open(m, scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	src := strings.NewReplacer(
		`when = "hope < 0.3"`, `when = "traits.support < 0.45 && session % (turn - turn) == 0"`,
		"after_session = 3\n", "after_session = 3\nwhen = \"traits.support > 0.55 && session % (turn - turn) == 0\"\n",
	).Replace(string(data))
	if strings.Count(src, "turn - turn") != 2 {
		t.Fatal("the shipped course's life events are not as this test expects")
	}
	sc, err := sim.Load("lost-weekend.toml", []byte(src), m)
	if err != nil {
		t.Fatal(err)
	}
	pol := scenariotest.Policy(t, "random")
	const n, seed = 300, 5
	type key struct{ where, msg string }
	var want []cohort.Failures
	at := map[key]int{}
	failed := 0
	for id := range n {
		r, _, err := pol.Treat(sc, sim.ClientSeed(seed, id))
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Failures()) > 0 {
			failed++
		}
		seen := map[key]bool{}
		for _, f := range r.Failures() {
			k := key{f.Where, f.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			i, ok := at[k]
			if !ok {
				i = len(want)
				at[k] = i
				want = append(want, cohort.Failures{Where: f.Where, Message: f.Message, Session: f.Session, Client: id})
			}
			want[i].Clients++
		}
	}
	if failed == 0 || failed == n {
		t.Fatalf("%d of %d clients' runs failed: the test needs some that fail and some that do not", failed, n)
	}
	for _, workers := range []int{1, 2, 5} {
		res, err := cohort.Run(sc, pol, cohort.Config{N: n, Seed: seed, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(res.Failures) != fmt.Sprint(want) {
			t.Errorf("%d workers count the failures %+v; one run per client, %+v", workers, res.Failures, want)
		}
	}
}
