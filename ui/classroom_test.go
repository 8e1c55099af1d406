package ui

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// fakeClass plays a class server as package classroom's protocol has it:
// it joins with the right code, keeps each run's choices (and answers to
// check-ins, and lines of recall) by the browser's run id, takes a resent
// choice that is the same, appends the next, refuses a gap or a different
// choice with 409, and answers how many it holds. A test sets what goes wrong: answers to fail with a status
// (503, 429), acknowledgements to lose after the choices are taken, the
// server down, or a restart that lost what it held.
type fakeClass struct {
	mu   sync.Mutex
	code string
	// scenarios are offered on joining.
	scenarios []classroom.Source
	runs      map[string][]sim.ChoiceRecord
	checkIns  map[string][]sim.CheckInAnswer
	recall    map[string][]sim.Recall
	// fail are the statuses of the next answers to appends, in turn.
	fail []int
	// retryAfter is the Retry-After a 429 carries, in seconds.
	retryAfter int
	// loseAcks is how many appends are taken and their answer lost (the
	// connection cut).
	loseAcks int
	// down cuts every connection.
	down bool
	// refuse refuses every append with 409 and these words.
	refuse string
	// appends counts the appends answered (taken or refused).
	appends int
	// sizes are the number of choices each append carried, bodies the
	// size of each in bytes.
	sizes, bodies []int
}

func newFakeClass(t *testing.T) (*fakeClass, *httptest.Server) {
	f := &fakeClass{code: "KXR4TP", runs: map[string][]sim.ChoiceRecord{}, checkIns: map[string][]sim.CheckInAnswer{}, recall: map[string][]sim.Recall{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeClass) refusal(w http.ResponseWriter, status int, words string, acked int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(classroom.Refusal{Error: words, Acked: acked})
}

func (f *fakeClass) cut(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

func (f *fakeClass) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		f.cut(w)
		return
	}
	switch r.URL.Path {
	case classroom.PathClass:
		json.NewEncoder(w).Encode(classroom.ClassInfo{Class: "TheraSim class", Engine: sim.Version})
	case classroom.PathJoin:
		var j classroom.Join
		if json.NewDecoder(r.Body).Decode(&j) != nil {
			f.refusal(w, 400, "The request could not be read.", 0)
			return
		}
		if j.Code != f.code {
			f.refusal(w, http.StatusForbidden, "That is not this class's code: check it with your instructor", 0)
			return
		}
		json.NewEncoder(w).Encode(classroom.Joined{Trainee: strings.TrimSpace(j.Trainee), Scenarios: f.scenarios})
	case classroom.PathAppend:
		f.append(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (f *fakeClass) append(w http.ResponseWriter, r *http.Request) {
	var ap classroom.Append
	body, _ := io.ReadAll(r.Body)
	if json.Unmarshal(body, &ap) != nil {
		f.refusal(w, 400, "The request could not be read.", 0)
		return
	}
	f.appends++
	f.sizes = append(f.sizes, len(ap.Choices))
	f.bodies = append(f.bodies, len(body))
	if len(body) > classroom.MaxBody {
		f.refusal(w, http.StatusRequestEntityTooLarge, "The request is larger than 64 kB", len(f.runs[ap.Run]))
		return
	}
	if len(f.fail) > 0 {
		st := f.fail[0]
		f.fail = f.fail[1:]
		if st == http.StatusTooManyRequests && f.retryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(f.retryAfter))
		}
		f.refusal(w, st, "The class server is busy.", 0)
		return
	}
	if ap.Code != f.code {
		f.refusal(w, http.StatusForbidden, "That is not this class's code", 0)
		return
	}
	held := f.runs[ap.Run]
	if f.refuse != "" {
		f.refusal(w, http.StatusConflict, f.refuse, len(held))
		return
	}
	if len(ap.Choices) > classroom.MaxChoicesPerAppend {
		f.refusal(w, http.StatusRequestEntityTooLarge, "Too many choices at once", len(held))
		return
	}
	for _, c := range ap.Choices {
		switch {
		case c.N <= len(held) && held[c.N-1] == c:
		case c.N == len(held)+1:
			held = append(held, c)
		default:
			f.refusal(w, http.StatusConflict, "Choice "+strconv.Itoa(c.N)+" does not follow the choices this server holds", len(held))
			return
		}
	}
	cis, rcs := f.checkIns[ap.Run], f.recall[ap.Run]
	gap := func(what string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusConflict)
		json.NewEncoder(w).Encode(classroom.Refusal{Error: what + " does not follow those this server holds", Acked: len(f.runs[ap.Run]), CheckIns: len(cis), Recall: len(rcs)})
	}
	for i, c := range ap.CheckIns {
		switch n := ap.CheckInsFrom + i; {
		case n <= len(cis):
		case n == len(cis)+1 && c.Choice <= len(held)+1:
			cis = append(cis, c)
		default:
			gap("Check-in answer " + strconv.Itoa(n))
			return
		}
	}
	for i, c := range ap.Recall {
		switch n := ap.RecallFrom + i; {
		case n <= len(rcs):
		case n == len(rcs)+1 && c.Choice <= len(held):
			rcs = append(rcs, c)
		default:
			gap("Recall line " + strconv.Itoa(n))
			return
		}
	}
	f.runs[ap.Run], f.checkIns[ap.Run], f.recall[ap.Run] = held, cis, rcs
	if f.loseAcks > 0 {
		f.loseAcks--
		f.cut(w)
		return
	}
	json.NewEncoder(w).Encode(classroom.Acked{Acked: len(held), CheckIns: len(cis), Recall: len(rcs), Recording: ap.Run + ".jsonl"})
}

// held returns how many choices of the run the fake holds.
func (f *fakeClass) held(run string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.runs[run])
}

// do changes the fake under its lock.
func (f *fakeClass) do(change func(f *fakeClass)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	change(f)
}

// classRun records a run of the shipped default course in st, as the
// window does (header, then each choice as it is made), marked as played
// in class code, and returns its name and a function that makes n more
// choices.
func classRun(t *testing.T, st *classStorage, name string) (more func(n int)) {
	t.Helper()
	sc := scenariotest.Shipped(t)
	run := sim.NewRun(sc, 7)
	w, err := st.CreateRecording(name)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := sim.NewRecorder(w, sim.NewHeader(run, "Alex Smith", testNow.Format(time.RFC3339)))
	if err != nil {
		t.Fatal(err)
	}
	return func(n int) {
		t.Helper()
		for range n {
			if run.Done() {
				t.Fatal("the course ended before the choices the test makes")
			}
			ev, err := run.Choose(careful(run.Prompt()))
			if err != nil {
				t.Fatal(err)
			}
			if err := rec.Record(run, ev); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// newTestSync returns a sender on memory storage for the fake at srv, with
// new recordings marked as the class's.
func newTestSync(srv *httptest.Server, code string) (*classSync, *classStorage) {
	cs := &classStorage{st: newMemStorage("")}
	sy := newClassSync(newClassClient(srv.URL, ""), cs)
	cs.sync = sy
	cs.setCode(code)
	return sy, cs
}

func TestClassSyncSendsEachChoiceAndDropsWhatIsAcked(t *testing.T) {
	f, srv := newFakeClass(t)
	sy, cs := newTestSync(srv, f.code)
	more := classRun(t, cs, "run1.jsonl")
	ctx := context.Background()

	// Nothing is sent before the first choice.
	if r := sy.step(ctx); r != nil {
		t.Fatalf("step: %v", r)
	}
	if f.appends != 0 {
		t.Errorf("%d appends before any choice, want none", f.appends)
	}
	st, _ := sy.status("run1.jsonl")
	if w, _ := st.words(); w != "Your choices are sent to your instructor as you make them" {
		t.Errorf("before any choice the status says %q", w)
	}

	for i := 1; i <= 3; i++ {
		more(1)
		st, _ := sy.status("run1.jsonl")
		if st.choices != i || st.acked != i-1 {
			t.Errorf("after choice %d, before sending: %d choices %d acked, want %d and %d", i, st.choices, st.acked, i, i-1)
		}
		if r := sy.step(ctx); r != nil {
			t.Fatalf("step: %v", r)
		}
		if got := f.held("run1.jsonl"); got != i {
			t.Errorf("after choice %d the server holds %d", i, got)
		}
		if got, _ := cs.Get(keyAcked + "run1.jsonl"); got != strconv.Itoa(i) {
			t.Errorf("acked kept beside the recording: %q, want %d", got, i)
		}
	}
	if f.sizes[0] != 1 || f.sizes[1] != 1 || f.sizes[2] != 1 {
		t.Errorf("appends carried %v choices, want one each: only those not acknowledged are sent", f.sizes)
	}
	st, _ = sy.status("run1.jsonl")
	if w, warn := st.words(); w != "Sent to your instructor" || warn {
		t.Errorf("status %q (warning %v), want sent", w, warn)
	}
}

func TestClassSyncKeepsChoicesQueuedThroughFailures(t *testing.T) {
	tests := []struct {
		name string
		// fail sets what goes wrong for the first attempt.
		fail func(f *fakeClass)
		// retryAfter is what the failure asks to wait.
		retryAfter time.Duration
	}{
		{"the server fails (503)", func(f *fakeClass) { f.fail = []int{503, 503} }, 0},
		{"the server is busy (429, Retry-After)", func(f *fakeClass) { f.fail = []int{429}; f.retryAfter = 3 }, 3 * time.Second},
		{"the server is down", func(f *fakeClass) { f.down = true }, 0},
		{"the acknowledgement is lost", func(f *fakeClass) { f.loseAcks = 1 }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, srv := newFakeClass(t)
			sy, cs := newTestSync(srv, f.code)
			more := classRun(t, cs, "run.jsonl")
			more(4)
			f.do(tt.fail)
			r := sy.step(context.Background())
			if r == nil || !r.transient() {
				t.Fatalf("step after %s: %v, want a failure to try again after", tt.name, r)
			}
			if r.RetryAfter != tt.retryAfter {
				t.Errorf("retry after %v, want %v", r.RetryAfter, tt.retryAfter)
			}
			st, _ := sy.status("run.jsonl")
			if w, warn := st.words(); w != "4 choices waiting to be sent — keep this page open; they are kept in this browser" || warn {
				t.Errorf("status %q (warning %v)", w, warn)
			}
			if _, err := cs.ReadRecording("run.jsonl"); err != nil {
				t.Errorf("the recording is gone from the browser: %v", err)
			}
			// Better later: everything goes, once.
			f.do(func(f *fakeClass) { f.down = false })
			for range 3 {
				if r = sy.step(context.Background()); r == nil {
					break
				}
			}
			if r != nil {
				t.Fatalf("still failing: %v", r)
			}
			if got := f.held("run.jsonl"); got != 4 {
				t.Errorf("the server holds %d choices, want 4", got)
			}
			st, _ = sy.status("run.jsonl")
			if w, _ := st.words(); w != "Sent to your instructor" {
				t.Errorf("status %q, want sent", w)
			}
		})
	}
}

func TestClassSyncStopsAtARefusal(t *testing.T) {
	f, srv := newFakeClass(t)
	sy, cs := newTestSync(srv, f.code)
	more := classRun(t, cs, "run.jsonl")
	more(2)
	f.do(func(f *fakeClass) { f.refuse = "Choice 2 was not made in this course as recorded" })
	if r := sy.step(context.Background()); r != nil {
		t.Fatalf("a 409 is to be tried again after: %v", r)
	}
	st, _ := sy.status("run.jsonl")
	want := "Not sent to your instructor: Choice 2 was not made in this course as recorded. Your run is kept in this browser; you can download it at the end."
	if w, warn := st.words(); w != want || !warn {
		t.Errorf("status %q (warning %v), want %q as a warning", w, warn, want)
	}
	n := f.appends
	more(1)
	sy.step(context.Background())
	if f.appends != n {
		t.Errorf("a refused run was sent again (%d appends, was %d)", f.appends, n)
	}
	// Nor after a reload: the refusal is kept beside the recording.
	sy2 := newClassSync(newClassClient(srv.URL, ""), cs)
	sy2.scan()
	sy2.step(context.Background())
	if f.appends != n {
		t.Errorf("a refused run was sent again after a reload")
	}
	if st, _ := sy2.status("run.jsonl"); st.refused == "" {
		t.Error("the refusal was forgotten on reload")
	}
	if data, err := cs.ReadRecording("run.jsonl"); err != nil || len(data) == 0 {
		t.Errorf("the refused run is gone from the browser (%v)", err)
	}
}

func TestClassSyncAfterReloadAndRestart(t *testing.T) {
	f, srv := newFakeClass(t)
	sy, cs := newTestSync(srv, f.code)
	more := classRun(t, cs, "a.jsonl")
	more(3)
	f.do(func(f *fakeClass) { f.down = true })
	sy.step(context.Background())
	more(2)
	// The page is closed with 5 choices unsent, and another run of a
	// class long over, and one played outside class mode.
	cs.setCode("")
	classRun(t, cs, "solo.jsonl")(2)
	f.do(func(f *fakeClass) { f.down = false })

	// A reload: a new sender on the same storage sends what is queued.
	sy = newClassSync(newClassClient(srv.URL, ""), cs)
	cs.sync = sy
	sy.scan()
	if r := sy.step(context.Background()); r != nil {
		t.Fatal(r)
	}
	if got := f.held("a.jsonl"); got != 5 {
		t.Errorf("after the reload the server holds %d choices, want 5", got)
	}
	if f.held("solo.jsonl") != 0 {
		t.Error("a run not played in class was sent")
	}

	// The server restarts from an older copy of its folder, holding 2:
	// the browser sends again from the third.
	f.do(func(f *fakeClass) { f.runs["a.jsonl"] = f.runs["a.jsonl"][:2] })
	more(1)
	if r := sy.step(context.Background()); r != nil {
		t.Fatal(r)
	}
	if got := f.held("a.jsonl"); got != 6 {
		t.Errorf("after the restart the server holds %d choices, want 6", got)
	}
	if got, _ := cs.Get(keyAcked + "a.jsonl"); got != "6" {
		t.Errorf("acked %q, want 6", got)
	}
}

func TestClassSyncSendsLongQueuesInParts(t *testing.T) {
	f, srv := newFakeClass(t)
	sy, cs := newTestSync(srv, f.code)
	f.do(func(f *fakeClass) { f.down = true })
	more := classRun(t, cs, "long.jsonl")
	sc := scenariotest.Shipped(t)
	// A whole course, queued.
	n := 0
	for {
		data, _ := cs.ReadRecording("long.jsonl")
		rec, err := sim.ParseRecording(data)
		if err != nil {
			t.Fatal(err)
		}
		run, err := sim.Replay(sc, rec)
		if err != nil {
			t.Fatal(err)
		}
		if run.Done() {
			break
		}
		more(1)
		n++
	}
	sy.step(context.Background())
	f.do(func(f *fakeClass) { f.down = false; f.sizes = nil })
	if r := sy.step(context.Background()); r != nil {
		t.Fatal(r)
	}
	if got := f.held("long.jsonl"); got != n {
		t.Errorf("server holds %d, want %d", got, n)
	}
	for _, size := range f.sizes {
		if size > classroom.MaxChoicesPerAppend {
			t.Errorf("an append carried %d choices, more than %d", size, classroom.MaxChoicesPerAppend)
		}
	}
}

func TestClassSyncLoopWakesOnEachChoiceAndRetries(t *testing.T) {
	f, srv := newFakeClass(t)
	sy, cs := newTestSync(srv, f.code)
	sy.first, sy.last = time.Millisecond, 4*time.Millisecond
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { sy.loop(ctx); close(done) }()
	defer func() { stop(); <-done }()
	f.do(func(f *fakeClass) { f.fail = []int{503, 503, 503} })
	more := classRun(t, cs, "run.jsonl")
	more(2)
	waitFor(t, func() bool { return f.held("run.jsonl") == 2 })
	more(1)
	waitFor(t, func() bool { return f.held("run.jsonl") == 3 })
}

// waitFor waits until cond holds, failing the test after a minute.
func waitFor(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("gave up waiting")
		}
		time.Sleep(time.Millisecond)
	}
}

func TestClassClientRefusals(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/words":
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte(`{"error":"That is not this class's code"}`))
		case "/key":
			if r.Header.Get("Authorization") != "Bearer k3y" {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			w.Write([]byte("ok"))
		default:
			w.WriteHeader(http.StatusBadGateway)
			w.Write([]byte("<html>proxy error</html>"))
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	tests := []struct {
		path, key string
		status    int
		words     string
	}{
		{"/words", "", 403, "That is not this class's code"},
		{"/key", "", 401, "The class server refused: the code or key is not this class's."},
		{"/key", "k3y", 0, ""},
		{"/other", "", 502, "The class server had a problem (502); it will be asked again shortly."},
	}
	for _, tt := range tests {
		_, err := newClassClient(srv.URL, tt.key).get(ctx, tt.path)
		r := asRefusal(err)
		switch {
		case tt.status == 0 && err != nil:
			t.Errorf("%s: %v", tt.path, err)
		case tt.status != 0 && (r == nil || r.Status != tt.status || r.Words != tt.words):
			t.Errorf("%s: %#v, want %d %q", tt.path, err, tt.status, tt.words)
		}
	}
	srv.Close()
	_, err := newClassClient(srv.URL, "").get(ctx, "/words")
	if r := asRefusal(err); r == nil || r.Status != 0 || !r.transient() || !strings.HasPrefix(r.Words, "The class server cannot be reached") {
		t.Errorf("a server gone: %#v", err)
	}
	if errors.Is(err, context.Canceled) {
		t.Error("not cancelled")
	}
}
