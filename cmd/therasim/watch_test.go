package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/therasim/therasim/internal/watch/watchtest"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
)

// patience is how long a test waits for therasim to answer a save: far
// longer than any machine needs.
const patience = 30 * time.Second

// liveBuffer is an output that a test reads while therasim writes it.
type liveBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	written chan struct{} // a value after each write, if none is waiting
}

func newLiveBuffer() *liveBuffer { return &liveBuffer{written: make(chan struct{}, 1)} }

func (l *liveBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n, err := l.b.Write(p)
	select {
	case l.written <- struct{}{}:
	default:
	}
	return n, err
}

func (l *liveBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// await waits until the output after offset from holds s, and returns
// the offset just after it.
func (l *liveBuffer) await(t testing.TB, from int, s string) int {
	t.Helper()
	give := time.After(patience)
	for {
		out := l.String()
		if i := strings.Index(out[from:], s); i >= 0 {
			return from + i + len(s)
		}
		select {
		case <-l.written:
		case <-give:
			t.Fatalf("waited %v for %q; the output after %d bytes:\n%s", patience, s, from, out[from:])
		}
	}
}

// watching is one "therasim run --watch" running in the test: its input
// is typed with type_, its outputs are read as they come.
type watching struct {
	stdout, stderr *liveBuffer
	in             *io.PipeWriter
	code           chan int
}

func startWatching(t testing.TB, args ...string) *watching {
	t.Helper()
	r, w := io.Pipe()
	wt := &watching{stdout: newLiveBuffer(), stderr: newLiveBuffer(), in: w, code: make(chan int, 1)}
	a := &app{stdin: r, stdout: wt.stdout, stderr: wt.stderr,
		now:    func() time.Time { return time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC) },
		getenv: func(string) string { return "" }}
	go func() { wt.code <- a.main(append([]string{"run"}, args...)) }()
	t.Cleanup(func() {
		w.Close()
		r.Close()
	})
	return wt
}

func (wt *watching) type_(t testing.TB, line string) {
	t.Helper()
	if _, err := io.WriteString(wt.in, line+"\n"); err != nil {
		t.Fatal(err)
	}
}

func (wt *watching) exit(t testing.TB) int {
	t.Helper()
	select {
	case c := <-wt.code:
		return c
	case <-time.After(patience):
		t.Fatalf("therasim did not exit; its output:\n%s", wt.stdout)
		return 0
	}
}

// talk returns the scenario of the --watch tests with the edits old→new
// applied.
func talk(t testing.TB, pairs ...string) []byte { return []byte(watchtest.Talk(t, pairs...)) }

func save(t testing.TB, path string, data []byte) {
	t.Helper()
	// As many editors do: a new file renamed over the old.
	tmp := path + ".new"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

const (
	leave    = "Let's leave the thought record for today."
	thoughts = "  1) That sounds hard.\nYour choice (1): "
)

func TestRunWatch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "talk.toml")
	if err := os.WriteFile(path, talk(t), 0o644); err != nil {
		t.Fatal(err)
	}
	wt := startWatching(t, "--watch", path, "--seed", "1", "--choices", "1,2,1,2")
	at := wt.stdout.await(t, 0, thoughts)

	// The option chosen fourth is reworded: it is no longer the same.
	save(t, path, talk(t, leave, "Shall we look at the thought record?"))
	at = wt.stdout.await(t, at, "Scenario reloaded: choices 1–3 replayed.\n")
	at = wt.stdout.await(t, at, `Your 4th choice, "Let's leave the thought record for today.", is no longer`+"\n"+
		`offered at beat "review"; the run continues from there.`)
	at = wt.stdout.await(t, at, "Sam: Hi again.")
	at = wt.stdout.await(t, at, "  2) Shall we look at the thought record?\nYour choice (1-2): ")

	// A mistake: it is shown, and the last good version plays on.
	save(t, path, talk(t, leave, "Shall we look at the thought record?", `act = "empathic_reflection"`, `act = "empathic_reflexion"`))
	wt.stderr.await(t, 0, path+":")
	wt.stderr.await(t, 0, `"empathic_reflexion"`)
	wt.stderr.await(t, 0, "has mistakes (above): the last good version plays on until they are fixed.")
	at = wt.stdout.await(t, at, "Your choice (1-2): ")
	wt.type_(t, "1")
	at = wt.stdout.await(t, at, "Sam: It was hard.")
	at = wt.stdout.await(t, at, thoughts)

	// Fixed: the choices made meanwhile are replayed too.
	save(t, path, talk(t, "It was hard.", "It was a hard week."))
	at = wt.stdout.await(t, at, "Scenario reloaded: choices 1–4 replayed.\n")
	at = wt.stdout.await(t, at, "Sam: It was a hard week.")
	at = wt.stdout.await(t, at, thoughts)
	wt.type_(t, "1")
	if code := wt.exit(t); code != exitOK {
		t.Errorf("exit %d, want 0; stderr:\n%s", code, wt.stderr)
	}
	if out := wt.stdout.String(); strings.Count(out, "Scenario reloaded") != 2 {
		t.Errorf("reloaded %d times, want 2:\n%s", strings.Count(out, "Scenario reloaded"), out)
	}
}

// A file with mistakes from the start is waited for.
func TestRunWatchStartsWithMistakes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "talk.toml")
	if err := os.WriteFile(path, talk(t, `next = "goals"`, `next = "gaols"`), 0o644); err != nil {
		t.Fatal(err)
	}
	wt := startWatching(t, "--watch", path, "--seed", "1")
	wt.stderr.await(t, 0, "gaols")
	wt.stderr.await(t, 0, "has mistakes (above): waiting for a save that fixes them; type q to stop.")
	save(t, path, talk(t))
	wt.stdout.await(t, 0, "Sam: Hi. I'm not sure why I'm here.")
	wt.stdout.await(t, 0, "Your choice (1-2): ")
	wt.type_(t, "q")
	if code := wt.exit(t); code != exitBad {
		t.Errorf("exit %d, want 1", code)
	}
}

func TestRunWatchUsage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "talk.toml")
	if err := os.WriteFile(path, talk(t, `next = "goals"`, `next = "gaols"`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--watch", path, "--record", "x.jsonl"}, exitUsage, "--watch runs are not recorded"},
		{[]string{"--watch", path, "--resume", "x.jsonl"}, exitUsage, "cannot continue a recording (--resume)"},
		{[]string{"--watch", path, "--json"}, exitUsage, "cannot be used with --json"},
		{[]string{"--watch", path, "mini.toml"}, exitUsage, "--watch names the scenario to play; leave out mini.toml"},
		{[]string{"--watch", "cbt-depression"}, exitUsage, "give the path of the .toml file you are writing"},
		// With mistakes and no more input: it stops, as run does.
		{[]string{"--watch", path}, exitBad, "it cannot be played until they are fixed"},
	}
	for _, tt := range tests {
		r := therasim(t, "", append([]string{"run"}, tt.args...)...)
		r.want(t, tt.code, tt.msg)
	}
}

// BenchmarkRunWatchReload measures how soon a save is in the terminal:
// from the Close of the file to the prompt printed again, reloaded, for
// the shipped course (the largest scenario there is) three choices in. It
// reports the median and the worst in milliseconds.
func BenchmarkRunWatchReload(b *testing.B) {
	_, data, err := scenarios.Open(scenariotest.Model(b), scenarios.Default)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "course.toml")
	versions := [][]byte{data, append(slices.Clone(data), "\n# revised\n"...)}
	if err := os.WriteFile(path, versions[0], 0o644); err != nil {
		b.Fatal(err)
	}
	wt := startWatching(b, "--watch", path, "--seed", "1", "--choices", "1,1,1")
	at := wt.stdout.await(b, 0, "Your choice (1-4): ")
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		if err := os.WriteFile(path, versions[(i+1)%2], 0o644); err != nil {
			b.Fatal(err)
		}
		closed := time.Now()
		at = wt.stdout.await(b, at, "Scenario reloaded: choices 1–3 replayed.")
		at = wt.stdout.await(b, at, "Your choice (1-4): ")
		took = append(took, time.Since(closed))
	}
	if e := wt.stderr.String(); e != "" {
		b.Logf("stderr:\n%s", e)
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2])/1e6, "median-ms")
	b.ReportMetric(float64(took[len(took)-1])/1e6, "worst-ms")
}

// A save read half-written (a slow writer) shows mistakes; the rest of
// the write is another save, which loads.
func TestRunWatchHalfWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "talk.toml")
	if err := os.WriteFile(path, talk(t), 0o644); err != nil {
		t.Fatal(err)
	}
	wt := startWatching(t, "--watch", path, "--seed", "1", "--choices", "1")
	at := wt.stdout.await(t, 0, "Your choice (1-2): ")
	whole := talk(t, "I just want to feel like myself again.", "I want to feel like me again.")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(whole[:len(whole)/2]); err != nil {
		t.Fatal(err)
	}
	wt.stderr.await(t, 0, "has mistakes (above): the last good version plays on until they are fixed.")
	if _, err := f.Write(whole[len(whole)/2:]); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	at = wt.stdout.await(t, at, "Scenario reloaded: choice 1 replayed.\n")
	wt.stdout.await(t, at, "Sam: I want to feel like me again.")
	wt.type_(t, "q")
	if code := wt.exit(t); code != exitBad {
		t.Errorf("exit %d, want 1", code)
	}
}

// The watched file deleted: the trainee is told, and the last version
// plays on; written again, it is loaded (as it was: said so; changed:
// reloaded).
func TestRunWatchDeleted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "talk.toml")
	if err := os.WriteFile(path, talk(t), 0o644); err != nil {
		t.Fatal(err)
	}
	wt := startWatching(t, "--watch", path, "--seed", "1", "--choices", "1")
	at := wt.stdout.await(t, 0, "Your choice (1-2): ")
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	log := wt.stderr.await(t, 0, path+" is gone (deleted, moved or renamed): the last version plays on, and the file is loaded again when it is back.\n")
	at = wt.stdout.await(t, at, "Your choice (1-2): ")
	save(t, path, talk(t))
	log = wt.stderr.await(t, log, path+" is back, as it was: the run goes on.\n")
	at = wt.stdout.await(t, at, "Your choice (1-2): ")
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	wt.stderr.await(t, log, "is gone")
	save(t, path, talk(t, "I just want to feel like myself again.", "I want to feel like me again."))
	at = wt.stdout.await(t, at, "Scenario reloaded: choice 1 replayed.\n")
	wt.stdout.await(t, at, "Sam: I want to feel like me again.")
	wt.type_(t, "q")
	if code := wt.exit(t); code != exitBad {
		t.Errorf("exit %d, want 1", code)
	}
	if n := strings.Count(wt.stderr.String(), "is gone"); n != 2 {
		t.Errorf("said %d times that the file is gone, want 2:\n%s", n, wt.stderr)
	}
}

// An option's id renamed, its text as it was: the choice made at it is
// the same choice, replayed, and the choices after it too.
func TestRunWatchIDRenamed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "talk.toml")
	if err := os.WriteFile(path, talk(t), 0o644); err != nil {
		t.Fatal(err)
	}
	wt := startWatching(t, "--watch", path, "--seed", "1", "--choices", "1,2,1,2")
	at := wt.stdout.await(t, 0, thoughts)
	save(t, path, talk(t, `id = "agree"`, `id = "set-goal"`))
	at = wt.stdout.await(t, at, "Scenario reloaded: choices 1–4 replayed.\n")
	wt.stdout.await(t, at, thoughts)
	if out := wt.stdout.String(); strings.Contains(out, "no longer") {
		t.Errorf("a choice said to be no longer offered:\n%s", out)
	}
	wt.type_(t, "q")
	wt.exit(t)
}
