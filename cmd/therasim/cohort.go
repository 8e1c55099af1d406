package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/therasim/therasim/cohort"
	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

var cohortCommand = &command{
	name:    "cohort",
	args:    "[flags] SCENARIO  or  therasim cohort summarize [--json] FILE.csv...",
	summary: "simulate many clients through a course and summarise them",
	help: `Simulates N clients of SCENARIO (an id from 'therasim list' or a .toml file)
through the course, each treated by a simulated therapist following a policy,
and prints what a study of them would report: dropout and the session after
which clients left, sessions attended, outcome classes by OQ-45 (recovered,
improved, unchanged, deteriorated: reliable change 14 points, cut-off
63/64), mean OQ-45 and WAI-SR by session, homework assigned and completed,
ruptures (in how many sessions clients would report one and observers would
see one, how many of those reported were resolved by the session's end, how
many the client began, and the repairs that did not take), the subgroup the
OQ-45 signalled not on track before a session and its outcomes, and the
correlations of early alliance and of homework compliance with improvement,
with 95% confidence intervals.

Clients differ: each is drawn from the scenario's population (traits and
starting state vary around the client it describes). Client i of a cohort
plays with a seed made from --seed and i, so the same flags give the same
cohort, however many workers run it and however it is split into shards.

The figures are the observed ones, as in a study: OQ-45 scores with their
measurement noise and the client-rated WAI-SR. A dropout's final OQ-45 is the
score taken before their last session (last observation carried forward).

Policies: competent, trainee, novice, feedback, no-homework and random come
with TheraSim; a path to a .toml file names your own (docs/format.md
describes them). --feedback makes any policy act on outcome feedback as the
feedback policy does (the id becomes P+feedback): when the OQ-45 says a
client is not on track, it takes the signal up with the client; comparing
a cohort with and without it, the same clients, shows what that adds.

Files: --clients writes one row per client, --sessions one row per session a
client attended (the README lists their columns). They are the input of
'therasim cohort summarize FILE.csv...', which recomputes the summary from
the files of any number of shards, exactly as one run would print it.
Rows are written as clients finish, and the summary is kept as running sums,
so a cohort of any size runs in the same memory (some 40 MB). A cohort whose
files would not fit on the disk (about 0.3 kB per client and 0.1 kB per
session) is refused before it starts.

Ctrl-C stops a run: it prints the summary of the clients done so far (the
first ones of the cohort or shard, whose rows the files hold whole) and
exits 1.

Shards: --shard K/N runs only the K-th of N equal parts of the cohort,
numbered from 1 (--shard 1/4 ... --shard 4/4), so that a cohort too large for
one machine runs as an array job on a batch scheduler. A Slurm array numbered
from 1 (#SBATCH --array=1-4) passes
  --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT
and a Kubernetes indexed Job, numbered from 0, passes
  --shard $((JOB_COMPLETION_INDEX + 1))/N.

A progress bar shows on stderr when it is a terminal, and nothing when it is
not (a pipe, a file, a batch job's log).

Exit status: 0 when the cohort was simulated or summarised; 1 when a
scenario or policy file has mistakes, the files to summarise do not fit
together, or the run was interrupted; 2 for a usage error (a bad --shard or
--n, an unknown policy or scenario); 3 when a file cannot be read or
written, or the files would not fit on the disk.

Examples:
  therasim cohort cbt-depression --n 10000
  therasim cohort cbt-depression --policy novice --n 10000 --seed 7 --json
  therasim cohort my-scenario.toml --policy my-policy.toml --n 2000
  therasim cohort cbt-depression --n 1000 --clients clients.csv --sessions sessions.csv

  # a Slurm array job of 4 shards, then the summary of them all:
  #SBATCH --array=1-4
  therasim cohort cbt-depression --n 1000000 --seed 7 \
    --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT \
    --clients clients-$SLURM_ARRAY_TASK_ID.csv --sessions sessions-$SLURM_ARRAY_TASK_ID.csv
  therasim cohort summarize clients-*.csv sessions-*.csv
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		o := &cohortOptions{}
		fs.StringVar(&o.policy, "policy", "competent", "treat the clients with the policy `P`: a shipped id or a .toml file (default competent)")
		fs.BoolVar(&o.feedback, "feedback", false, "the policy also acts on outcome feedback, as the shipped feedback policy does: when the OQ-45 says a client is not on track, it looks at the scores with the client and at what is in the way, checks the alliance, revisits goals, reviews homework and assesses risk")
		fs.IntVar(&o.n, "n", 1000, "simulate `N` clients (default 1000)")
		fs.Uint64Var(&o.seed, "seed", 1, "the cohort's `SEED` (default 1): the same seed gives the same clients and courses")
		fs.IntVar(&o.workers, "workers", 0, "run on `W` goroutines (default: all cores); the results do not depend on it")
		fs.StringVar(&o.shard, "shard", "", "run only shard `K/N` of the cohort, K from 1 to N")
		fs.StringVar(&o.clients, "clients", "", "write one row per client to the CSV `FILE`")
		fs.StringVar(&o.sessions, "sessions", "", "write one row per client per session attended to the CSV `FILE`")
		fs.BoolVar(&o.json, "json", false, "print the summary as one JSON object")
		fs.StringVar(&o.model, "model", "", "run on the model in `FILE` instead of the built-in one (for calibrating the model)")
		return func(args []string) error {
			fs.Visit(func(f *flag.Flag) { o.set = append(o.set, f.Name) })
			if len(args) > 0 && args[0] == "summarize" {
				return a.summarizeCohort(o, args[1:])
			}
			return a.cohort(o, args)
		}
	},
}

// cohortOptions are the flags of "therasim cohort".
type cohortOptions struct {
	policy            string
	feedback          bool // the policy acts on outcome feedback
	n                 int
	seed              uint64
	workers           int
	shard             string
	clients, sessions string
	json              bool
	model             string
	set               []string // the flags given
	shardK, shardN    int
}

// parseShard reads "K/N", K from 1 to N.
func parseShard(s string) (k, n int, err error) {
	ks, ns, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("--shard %s: give K/N, the shard K of N, e.g. --shard 2/4", s)
	}
	if n < 1 || k < 1 || k > n {
		return 0, 0, fmt.Errorf("--shard %s: shards are numbered from 1 to N (--shard 1/%d ... --shard %d/%d)", s, max(n, 1), max(n, 1), max(n, 1))
	}
	return k, n, nil
}

// cohort runs "therasim cohort SCENARIO".
func (a *app) cohort(o *cohortOptions, args []string) error {
	switch {
	case len(args) == 0:
		return usagef("name a scenario: an id from 'therasim list' or a .toml file")
	case len(args) > 1:
		return usagef("cohort simulates one scenario; %d were named (%s)", len(args), strings.Join(args, " "))
	case o.n < 1:
		return usagef("--n %d: simulate at least one client", o.n)
	case o.workers < 0:
		return usagef("--workers %d: give a number of workers, or 0 for all cores", o.workers)
	}
	o.shardK, o.shardN = 1, 1
	if o.shard != "" {
		var err error
		if o.shardK, o.shardN, err = parseShard(o.shard); err != nil {
			return usageError(err)
		}
	}
	m, err := a.cohortModel(o.model)
	if err != nil {
		return err
	}
	sc, err := a.openScenario(m, args[0])
	if err != nil {
		return err
	}
	pol, err := a.openPolicy(o.policy)
	if err != nil {
		return err
	}
	if o.feedback {
		fb, err := a.openPolicy("feedback")
		if err != nil {
			return err
		}
		pol = pol.WithFeedback(fb)
	}
	lo, hi := cohort.ShardRange(o.n, o.shardK, o.shardN)
	if err := checkRoom(sc, pol, o, hi-lo); err != nil {
		return err
	}
	// Create the files first: a mistake in a path shows before the run.
	var files []*os.File
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	cfg := cohort.Config{N: o.n, Seed: o.seed, Workers: o.workers, Shard: o.shardK, Shards: o.shardN}
	for _, f := range []struct {
		path string
		w    *io.Writer
	}{{o.clients, &cfg.Clients}, {o.sessions, &cfg.Sessions}} {
		if f.path == "" {
			continue
		}
		file, err := os.Create(f.path)
		if err != nil {
			return fmt.Errorf("cannot write: %w", err)
		}
		files = append(files, file)
		*f.w = fileWriter{file}
	}

	bar := a.progress(hi - lo)
	if bar != nil {
		cfg.Progress = func(done int) { bar.Set(done) }
	}
	// A streamed cohort keeps a few megabytes live while the engine
	// allocates some 4 kB a client: at Go's default GOGC of 100 the garbage
	// collector would run every thousand clients or so. At 400 the heap
	// may grow to five times the live one (some 20 MB more), and the run
	// takes about a sixth less time. GOGC in the environment overrides it.
	if a.getenv == nil || a.getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	ctx, stop := cohortContext()
	defer stop()
	s, fails, err := cohort.Stream(ctx, sc, pol, cfg)
	if bar != nil {
		bar.Finish()
	}
	for _, f := range files {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("cannot write %s: %w", f.Name(), cerr)
		}
	}
	files = nil
	interrupted := ctx.Err() != nil && errors.Is(err, ctx.Err())
	if err != nil && !interrupted {
		return err
	}
	var notes []string
	if o.shardN > 1 {
		note := fmt.Sprintf("Shard %d/%d: clients %d to %d, %d of the cohort's %d; 'therasim cohort summarize' merges the shards' files.",
			o.shardK, o.shardN, lo, hi-1, hi-lo, o.n)
		if hi == lo {
			note = fmt.Sprintf("Shard %d/%d: no clients (the cohort has %d, fewer than its shards).", o.shardK, o.shardN, o.n)
		}
		notes = append(notes, note)
	}
	if interrupted {
		notes = append(notes, "Interrupted: "+stoppedAt(s.Clients, lo, hi)+".")
	}
	if err := a.printSummary(o.json, s, strings.Join(notes, "\n")); err != nil {
		return err
	}
	if interrupted {
		files := ""
		if o.clients != "" || o.sessions != "" {
			files = ", and the files hold their rows, whole"
		}
		return failf("interrupted: %s%s", stoppedAt(s.Clients, lo, hi), files)
	}
	return a.runFailures(fails)
}

// stoppedAt says which of a shard's clients, ids lo to hi−1, an
// interrupted run summarises: the first done.
func stoppedAt(done, lo, hi int) string {
	if done == 0 {
		return fmt.Sprintf("no client of the %d was done; the summary is empty", hi-lo)
	}
	return fmt.Sprintf("the summary covers the first %d of the %d clients (%d to %d)", done, hi-lo, lo, lo+done-1)
}

// cohortContext returns the context of a cohort's run: done on the first
// interrupt (Ctrl-C) or termination, after which the signals act as they
// would without it, so a second Ctrl-C ends the process at once. Tests
// replace it.
var cohortContext = func() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	return ctx, stop
}

// A fileWriter writes to a file, naming it in its errors.
type fileWriter struct{ f *os.File }

func (w fileWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if err != nil {
		err = fmt.Errorf("cannot write %s: %w", w.f.Name(), unwrapPath(err))
	}
	return n, err
}

// runFailures reports, on stderr, the expressions that failed at run time
// in the cohort's runs, where and in how many clients, and makes them the
// command's failure: the figures count each as false or 0.
func (a *app) runFailures(fs []cohort.Failures) error {
	if len(fs) == 0 {
		return nil
	}
	fmt.Fprintln(a.stderr, "\nExpressions that failed at run time (each was counted as false or 0):")
	for _, f := range fs {
		fmt.Fprintf(a.stderr, "  %s, from session %d: %s; in %s (the first: client %d)\n",
			f.Where, f.Session, f.Message, debrief.Count(f.Clients, "client", "clients"), f.Client)
	}
	return failure(fmt.Errorf("%s of the scenario failed at run time, so the figures above count on false or 0 there: mend the expression and run the cohort again",
		debrief.Count(len(fs), "expression", "expressions")))
}

// cohortModel loads the model: the built-in one, or the one in file.
func (a *app) cohortModel(file string) (*sim.Model, error) {
	if file == "" {
		m, err := scenarios.Model()
		if err != nil {
			return nil, fmt.Errorf("the built-in model does not load:\n%w", err)
		}
		return m, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("cannot read the model: %w", err)
	}
	m, err := sim.LoadModel(file, data)
	if err != nil {
		a.printProblems(file, err)
		return nil, failf("%s has mistakes (above)", file)
	}
	return m, nil
}

// openPolicy loads a policy by id or path.
func (a *app) openPolicy(ref string) (*sim.Policy, error) {
	p, err := scenarios.OpenPolicy(ref)
	if err == nil {
		return p, nil
	}
	var ps sim.Problems
	if errors.As(err, &ps) {
		a.printProblems(ref, err)
		return nil, failf("%s has mistakes (above)", ref)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, fmt.Errorf("cannot read the policy: %w", err)
	}
	return nil, usageError(err)
}

// progress returns a progress bar for n clients on stderr, or nil when
// stderr is not a terminal.
func (a *app) progress(n int) *progressbar.ProgressBar {
	if !a.errTTY || n == 0 {
		return nil
	}
	bar := progressbar.NewOptions(n,
		progressbar.OptionSetWriter(a.stderr),
		progressbar.OptionSetDescription("simulating"),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("clients"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	bar.RenderBlank() // at once: the first clients may take a while
	return bar
}

// writeFile writes f with write and closes it, reporting either's error.
func writeFile(f *os.File, write func(io.Writer) error) error {
	err := write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", f.Name(), err)
	}
	return nil
}

// summarizeCohort runs "therasim cohort summarize FILE...".
func (a *app) summarizeCohort(o *cohortOptions, files []string) error {
	for _, f := range o.set {
		if f != "json" {
			return usagef("summarize takes only --json; --%s is for simulating", f)
		}
	}
	if len(files) == 0 {
		return usagef("name the per-client and per-session CSV files to summarize")
	}
	s, err := cohort.SummarizeFiles(func(name string) (io.ReadCloser, error) { return os.Open(name) }, files...)
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		return fmt.Errorf("cannot read %s: %w", pe.Path, pe.Err)
	}
	if err != nil {
		return failure(err)
	}
	if s.Clients == 0 {
		return failf("the files hold no clients")
	}
	note := ""
	if miss := s.N - s.Clients; miss > 0 {
		note = fmt.Sprintf("Summarised %d of the cohort's %d clients: the files of some shards are missing.", s.Clients, s.N)
		are := "are"
		if miss == 1 {
			are = "is"
		}
		fmt.Fprintf(a.stderr, "therasim cohort summarize: %d of the cohort's %d clients %s missing from the files\n", miss, s.N, are)
	}
	return a.printSummary(o.json, s, note)
}

// sampleClients is the number of clients checkRoom plays to learn how
// many bytes a client's rows take.
const sampleClients = 256
