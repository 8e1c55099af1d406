package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/recfile"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// fakeInstructorServer is a class server's instructor side, as classroom/protocol.go
// has it, over a folder of recordings: the runs, each recording, the
// copies kept, notes (appended with debrief.AddNote) and exports (which
// say what was asked for: the exports themselves are the server's).
type fakeInstructorServer struct {
	t    testing.TB
	dir  string
	key  string
	srv  *httptest.Server
	down atomic.Bool // the network fails, as when the server is gone
	// refuseNotes, when set, is the server's words refusing every note.
	refuseNotes atomic.Value
	mu          sync.Mutex
	asked       []string // the paths asked for, in order
}

const testInstructorKey = "k3y-of-the-class"

func newFakeInstructorServer(t testing.TB) *fakeInstructorServer {
	f := &fakeInstructorServer{t: t, dir: t.TempDir(), key: testInstructorKey}
	f.refuseNotes.Store("")
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// client is a client of the fake, with key, whose network fails while the
// fake is down.
func (f *fakeInstructorServer) client(key string) *classClient {
	return &classClient{base: f.srv.URL, key: key, hc: &http.Client{Transport: flakyNet{f}}}
}

// flakyNet fails every request while the fake is down.
type flakyNet struct{ f *fakeInstructorServer }

func (fl flakyNet) RoundTrip(r *http.Request) (*http.Response, error) {
	if fl.f.down.Load() {
		return nil, errors.New("dial tcp: connection refused")
	}
	return http.DefaultTransport.RoundTrip(r)
}

func refuseWith(w http.ResponseWriter, status int, words string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(classroom.Refusal{Error: words})
}

func (f *fakeInstructorServer) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.asked = append(f.asked, r.URL.Path)
	f.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer "+f.key {
		refuseWith(w, http.StatusForbidden, "That is not this class's instructor key.")
		return
	}
	p := r.URL.Path
	switch {
	case p == classroom.PathRuns:
		var list classroom.RunList
		names, _ := filepath.Glob(filepath.Join(f.dir, "*.jsonl"))
		for _, n := range names {
			data, _ := os.ReadFile(n)
			rec, err := sim.ParseRecording(data)
			if err != nil {
				list.Left = append(list.Left, filepath.Base(n)+": "+err.Error())
				continue
			}
			list.Runs = append(list.Runs, classroom.RunInfo{Name: filepath.Base(n), Trainee: rec.Header.Trainee,
				Scenario: rec.Header.Scenario, Choices: len(rec.Choices), Notes: len(rec.Notes), Size: int64(len(data))})
		}
		json.NewEncoder(w).Encode(list)
	case strings.HasPrefix(p, classroom.PathRun):
		data, err := os.ReadFile(filepath.Join(f.dir, filepath.Base(strings.TrimPrefix(p, classroom.PathRun))))
		if err != nil {
			refuseWith(w, http.StatusNotFound, "No such run.")
			return
		}
		w.Write(data)
	case strings.HasPrefix(p, classroom.PathKept):
		rest := strings.TrimPrefix(p, classroom.PathKept)
		kind := recfile.KeptScenario
		if strings.HasSuffix(rest, recfile.KeptModel) {
			kind = recfile.KeptModel
		}
		data, err := recfile.Kept(f.dir, kind, strings.TrimSuffix(rest, kind))
		if err != nil {
			refuseWith(w, http.StatusNotFound, "No such copy.")
			return
		}
		w.Write(data)
	case p == classroom.PathNote:
		if words := f.refuseNotes.Load().(string); words != "" {
			refuseWith(w, http.StatusConflict, words)
			return
		}
		var add classroom.AddNote
		if err := json.NewDecoder(r.Body).Decode(&add); err != nil {
			refuseWith(w, http.StatusBadRequest, "The note could not be read.")
			return
		}
		add.Note.Time = "2026-11-23T15:00:00Z"
		if err := debrief.AddNote(filepath.Join(f.dir, filepath.Base(add.Recording)), add.Note); err != nil {
			refuseWith(w, http.StatusConflict, err.Error())
			return
		}
		json.NewEncoder(w).Encode(classroom.NoteAdded{Note: add.Note})
	case strings.HasPrefix(p, classroom.PathExport):
		w.Write([]byte("export " + strings.TrimPrefix(p, classroom.PathExport)))
	default:
		refuseWith(w, http.StatusNotFound, "No such path.")
	}
}

// record writes name in the fake's folder: the first choices choices of
// a careful trainee's course of sc (the same run each time, so that a
// longer one is the shorter one grown).
func (f *fakeInstructorServer) record(name, trainee string, sc *sim.Scenario, choices int) {
	f.t.Helper()
	f.recordWith(name, trainee, sc, choices, careful, 7)
}

// recordWith writes name as record does, the trainee choosing with choose
// from seed.
func (f *fakeInstructorServer) recordWith(name, trainee string, sc *sim.Scenario, choices int, choose func(*sim.Prompt) int, seed uint64) {
	f.t.Helper()
	path := filepath.Join(f.dir, name)
	tmp := path + ".tmp"
	out, err := os.Create(tmp)
	if err != nil {
		f.t.Fatal(err)
	}
	r := sim.NewRun(sc, seed)
	rec, err := sim.NewRecorder(out, sim.NewHeader(r, trainee, testNow.Format(time.RFC3339)))
	if err != nil {
		f.t.Fatal(err)
	}
	for n := 0; !r.Done() && n < choices; n++ {
		ev, err := r.Choose(choose(r.Prompt()))
		if err != nil {
			f.t.Fatal(err)
		}
		if err := rec.Record(r, ev); err != nil {
			f.t.Fatal(err)
		}
	}
	out.Close()
	if err := os.Rename(tmp, path); err != nil {
		f.t.Fatal(err)
	}
}

// tamper changes the option of the recording's last choice, so that it
// no longer replays.
func (f *fakeInstructorServer) tamper(name string) {
	f.t.Helper()
	path := filepath.Join(f.dir, name)
	data, err := os.ReadFile(path)
	if err != nil {
		f.t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	var c map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &c); err != nil {
		f.t.Fatal(err)
	}
	c["option"] = c["option"].(float64) + 1
	b, _ := json.Marshal(c)
	lines[len(lines)-1] = string(b)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

// TestInstructorPoll follows a class through one poll after another: what
// each poll says came in, how many runs the class view has, and why the
// others are left out.
func TestInstructorPoll(t *testing.T) {
	f := newFakeInstructorServer(t)
	a := newTestApp(t, Options{})
	cbt := scenariotest.Load(t, "cbt-depression")
	mini := scenariotest.Load(t, miniPath)
	miniTOML, err := os.ReadFile(miniPath)
	if err != nil {
		t.Fatal(err)
	}
	l := newLiveClass(a, f.client(testInstructorKey))
	steps := []struct {
		name    string
		before  func()
		words   string // what the poll says came in
		err     string // the poll's error, or ""
		opened  int    // runs in the class views
		classes int
		left    string // a reason left out, or ""
	}{
		{"nobody yet", func() {}, "", "", 0, 0, ""},
		{"a run started", func() { f.record("sam.jsonl", "Sam", cbt, 0) }, "Sam started a run", "", 1, 1, ""},
		{"the run grew", func() { f.record("sam.jsonl", "Sam", cbt, 2) }, "2 new choices from Sam", "", 1, 1, ""},
		{"nothing new", func() {}, "", "", 1, 1, ""},
		{"a run of a scenario only the server has", func() {
			if _, err := recfile.Keep(f.dir, recfile.KeptScenario, miniTOML); err != nil {
				t.Fatal(err)
			}
			f.record("ana.jsonl", "Ana", mini, 3)
		}, "Ana's run came in (3 choices)", "", 2, 2, ""},
		{"a run that does not replay", func() {
			f.record("kim.jsonl", "Kim", cbt, 4)
			f.tamper("kim.jsonl")
		}, "Kim's run cannot be replayed: ", "", 2, 2, "Kim's run: "},
		{"the server gone", func() { f.down.Store(true) }, "", unreachable, 2, 2, "Kim's run: "},
		{"a run grows while it is gone", func() { f.record("sam.jsonl", "Sam", cbt, 5) }, "", unreachable, 2, 2, "Kim's run: "},
		{"the server back", func() { f.down.Store(false) }, "3 new choices from Sam", "", 2, 2, "Kim's run: "},
		{"a note written elsewhere", func() {
			if err := debrief.AddNote(filepath.Join(f.dir, "ana.jsonl"), sim.Note{Type: "note", Choice: 1, Text: "good start"}); err != nil {
				t.Fatal(err)
			}
		}, "", "", 2, 2, ""},
		{"a run taken out of the folder", func() { os.Remove(filepath.Join(f.dir, "ana.jsonl")) }, "Ana's run was taken out of the class's folder", "", 1, 1, ""},
	}
	for i, st := range steps {
		st.before()
		chs, err := l.poll(context.Background())
		got := changeWords(chs, false)
		switch {
		case st.err == "" && err != nil:
			t.Fatalf("%d %s: %v", i, st.name, err)
		case st.err != "" && (err == nil || !strings.Contains(refusalText(err), st.err)):
			t.Fatalf("%d %s: the error is %v, want %q", i, st.name, err, st.err)
		}
		if !strings.HasPrefix(got, st.words) || (st.words == "") != (got == "") {
			t.Errorf("%d %s: says %q, want %q", i, st.name, got, st.words)
		}
		snap := l.snapshot()
		if snap.opened() != st.opened || len(snap.classes) != st.classes {
			t.Errorf("%d %s: %d runs open in %d class views, want %d in %d (left: %q)", i, st.name, snap.opened(), len(snap.classes), st.opened, st.classes, snap.left)
		}
		if st.left != "" && !strings.Contains(strings.Join(snap.left, "\n"), st.left) {
			t.Errorf("%d %s: left out %q, want %q", i, st.name, snap.left, st.left)
		}
	}
}

// TestInstructorPollFetchesOnlyWhatChanged: a run whose size is the same
// is not fetched again, and a copy of a scenario is fetched once.
func TestInstructorPollFetchesOnlyWhatChanged(t *testing.T) {
	f := newFakeInstructorServer(t)
	a := newTestApp(t, Options{})
	mini := scenariotest.Load(t, miniPath)
	miniTOML, _ := os.ReadFile(miniPath)
	recfile.Keep(f.dir, recfile.KeptScenario, miniTOML)
	f.record("a.jsonl", "Ana", mini, 2)
	f.record("b.jsonl", "Bo", mini, 2)
	l := newLiveClass(a, f.client(testInstructorKey))
	for range 3 {
		if _, err := l.poll(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	count := map[string]int{}
	for _, p := range f.asked {
		switch {
		case strings.HasPrefix(p, classroom.PathRun):
			count["run"]++
		case strings.HasPrefix(p, classroom.PathKept):
			count["kept"]++
		case p == classroom.PathRuns:
			count["list"]++
		}
	}
	if count["list"] != 3 || count["run"] != 2 || count["kept"] != 1 {
		t.Errorf("asked %v: want the list 3 times, each run once and the copy once", count)
	}
}

// TestTraineeAddress: the waiting screen names the page's address for
// the trainees, unless only this computer reaches it.
func TestTraineeAddress(t *testing.T) {
	for addr, want := range map[string]string{
		"http://10.0.0.5:8080":  "http://10.0.0.5:8080",
		"http://127.0.0.1:8080": "the server printed for them (not http://127.0.0.1:8080, which only this computer reaches)",
		"http://localhost:8080": "the server printed for them (not http://localhost:8080, which only this computer reaches)",
		"http://[::1]:8080":     "the server printed for them (not http://[::1]:8080, which only this computer reaches)",
		"":                      "the server printed for them",
	} {
		if got := traineeAddress(addr); got != want {
			t.Errorf("traineeAddress(%q) = %q, want %q", addr, got, want)
		}
	}
}

// TestChangeWords: what the page says came in.
func TestChangeWords(t *testing.T) {
	tests := []struct {
		chs   []change
		first bool
		want  string
	}{
		{nil, false, ""},
		{[]change{{trainee: "Ana", isNew: true}}, false, "Ana started a run"},
		{[]change{{trainee: "Sam", choices: 1}}, false, "1 new choice from Sam"},
		{[]change{{trainee: "", isNew: true, choices: 4}}, false, "A trainee's run came in (4 choices)"},
		{[]change{{trainee: "Sam", choices: 2}, {trainee: "Ana", isNew: true}}, false, "2 new choices from Sam · Ana started a run"},
		{[]change{{trainee: "A", choices: 1}, {trainee: "B", choices: 1}, {trainee: "C", choices: 1}, {trainee: "D", choices: 1}, {trainee: "E", choices: 1}}, false,
			"1 new choice from A · 1 new choice from B · 1 new choice from C · and 2 more"},
		{[]change{{trainee: "A", isNew: true}, {trainee: "B", isNew: true}}, true, "2 runs so far."},
		{[]change{{trainee: "Sam"}}, false, ""},
		{[]change{{trainee: "Sam", recall: 2}}, false, "Sam wrote 2 lines of recall"},
		{[]change{{trainee: "Sam", checkIns: 1}}, false, "Sam answered 1 check-in"},
		{[]change{{trainee: "Sam", choices: 1, checkIns: 1}}, false, "1 new choice from Sam"},
	}
	for _, tt := range tests {
		if got := changeWords(tt.chs, tt.first); got != tt.want {
			t.Errorf("changeWords(%+v, %v) = %q, want %q", tt.chs, tt.first, got, tt.want)
		}
	}
}

// until runs frames until cond holds, failing the test when it does not
// within a generous while (the class server answers on other goroutines).
func pumpUntil(t testing.TB, d *driver, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s (the screen is %T, the notice %q)", what, d.a.screen, d.a.notice)
		}
		d.idle(1)
		time.Sleep(2 * time.Millisecond)
	}
}

// typeInstructorKey types the key into the key screen and presses Enter.
func typeInstructorKey(t testing.TB, d *driver, key string) *keyScreen {
	t.Helper()
	k := screenOf[*keyScreen](t, d.a)
	k.key = k.key[:0]
	d.typeText(key)
	d.press(ebiten.KeyEnter)
	pumpUntil(t, d, "the key is checked", func() bool { k.answered(); return !k.checking })
	return k
}

// TestInstructorKey: a wrong key is refused in the server's words and not
// kept; the right one opens the class and is kept, so that the page opens
// the class straight away next time; a server that cannot be reached is
// said plainly; Forget the key forgets it.
func TestInstructorKey(t *testing.T) {
	f := newFakeInstructorServer(t)
	dir := t.TempDir()
	a := newTestApp(t, Options{DataDir: dir})
	a.beginInstructor(f.client(""))
	d := newDriver(t, a)

	k := typeInstructorKey(t, d, "not-the-key")
	if k.words != "That is not this class's instructor key." {
		t.Errorf("a wrong key: the screen says %q", k.words)
	}
	if got, _ := a.store.Get(keyInstructorKey); got != "" {
		t.Errorf("a wrong key is kept: %q", got)
	}

	f.down.Store(true)
	k = typeInstructorKey(t, d, testInstructorKey)
	if !strings.HasPrefix(k.words, unreachable) || !strings.Contains(k.words, "Enter") {
		t.Errorf("the server gone: the screen says %q", k.words)
	}
	f.down.Store(false)

	d.press(ebiten.KeyTab)
	d.typeText("Dr Lee")
	d.press(ebiten.KeyEnter)
	pumpUntil(t, d, "the class opens", func() bool { _, ok := a.screen.(*waitingScreen); return ok })
	if got, _ := a.store.Get(keyInstructorKey); got != testInstructorKey {
		t.Errorf("the key kept is %q", got)
	}
	if a.trainee != "Dr Lee" || !strings.Contains(a.notice, "“Dr Lee”") {
		t.Errorf("notes are signed %q; the page says %q", a.trainee, a.notice)
	}
	w := screenOf[*waitingScreen](t, a)
	pumpUntil(t, d, "the server answers", func() bool { return w.ins.snap != nil })
	if title, body := w.words(); title != "Waiting for the class" || !strings.Contains(body, "the server printed for them (not "+f.srv.URL) || !strings.Contains(body, "class code") {
		t.Errorf("the empty class says %q: %q", title, body)
	}
	w.ins.stop()

	// The next visit goes straight in.
	b := newTestApp(t, Options{DataDir: dir})
	b.beginInstructor(f.client(""))
	db := newDriver(t, b)
	pumpUntil(t, db, "the class opens with the key kept", func() bool { _, ok := b.screen.(*waitingScreen); return ok })
	if b.trainee != "Dr Lee" {
		t.Errorf("the name kept is %q", b.trainee)
	}
	w = screenOf[*waitingScreen](t, b)
	db.settle()
	db.click(center(w.layout().forget))
	screenOf[*keyScreen](t, b)
	if got, _ := b.store.Get(keyInstructorKey); got != "" {
		t.Errorf("after Forget the key, the key kept is %q", got)
	}
}

// TestInstructorKeyPaste: a pasted key is taken whole, without the spaces
// and line breaks a copy from a terminal brings.
func TestInstructorKeyPaste(t *testing.T) {
	f := newFakeInstructorServer(t)
	a := newTestApp(t, Options{})
	a.beginInstructor(f.client(""))
	d := newDriver(t, a)
	d.settle()
	d.frame(input{Paste: "  k3y-of-the-\nclass \n"})
	k := screenOf[*keyScreen](t, a)
	if string(k.key) != testInstructorKey {
		t.Errorf("pasted: the key is %q", string(k.key))
	}
	if r, ok := k.textField(); !ok || r.Empty() {
		t.Error("the key field does not say where pasted text goes")
	}
}

// liveInstructorApp opens the instructor's page of f with the key, and waits for
// the class to be shown.
func liveInstructorApp(t testing.TB, f *fakeInstructorServer) (*app, *driver, *instructor) {
	t.Helper()
	a := newTestApp(t, Options{})
	_ = a.store.Set(keyInstructorKey, testInstructorKey)
	a.beginInstructor(f.client(""))
	d := newDriver(t, a)
	pumpUntil(t, d, "the class view", func() bool { _, ok := a.screen.(*classScreen); return ok })
	s := screenOf[*classScreen](t, a)
	t.Cleanup(s.live.stop)
	return a, d, s.live
}

// TestInstructorLiveClass: runs that come in are swapped into the class
// view without losing the instructor's place (the scenario shown, the
// choice point selected, where it is on screen), with a calm word of
// what came in; a run's debrief opens from the list of runs.
func TestInstructorLiveClass(t *testing.T) {
	f := newFakeInstructorServer(t)
	cbt := scenariotest.Load(t, "cbt-depression")
	f.record("sam.jsonl", "Sam", cbt, 12)
	f.record("ana.jsonl", "Ana", cbt, 10)
	a, d, ins := liveInstructorApp(t, f)
	s := screenOf[*classScreen](t, a)
	if len(s.cl.Runs) != 2 {
		t.Fatalf("the class view shows %d runs", len(s.cl.Runs))
	}
	d.settle()
	for range 4 {
		d.press(ebiten.KeyArrowDown)
	}
	l := s.layout()
	sel := l.cards[s.sel].p
	onScreen := float64(l.cards[s.sel].r.Min.Y) - s.scroll.off
	gen := s.gen

	f.record("sam.jsonl", "Sam", cbt, 14)
	f.record("kim.jsonl", "Kim", cbt, 0)
	ins.pollNow()
	pumpUntil(t, d, "the grown class is swapped in", func() bool { return s.gen != gen })
	if a.screen != s {
		t.Fatalf("the screen is %T after the swap", a.screen)
	}
	// What came in is said in the view's status line, not over the view.
	if st := s.live.status(); !strings.Contains(st, "2 new choices from Sam") || !strings.Contains(st, "Kim started a run") {
		t.Errorf("the class view's status line says %q", st)
	}
	if strings.Contains(a.notice, "new choices") {
		t.Errorf("a notice over the class view says %q", a.notice)
	}
	l = s.layout()
	now := l.cards[s.sel].p
	if now.Session != sel.Session || now.Beat != sel.Beat {
		t.Errorf("the selection moved from %d/%s to %d/%s", sel.Session, sel.Beat, now.Session, now.Beat)
	}
	if got := float64(l.cards[s.sel].r.Min.Y) - s.scroll.off; got != onScreen {
		t.Errorf("the selected point moved on screen from %v to %v", onScreen, got)
	}
	if len(s.cl.Runs) != 3 {
		t.Errorf("the class view shows %d runs, want 3", len(s.cl.Runs))
	}

	// The list of runs, and Sam's debrief from it.
	d.typeText("r")
	rl := screenOf[*runListScreen](t, a)
	if len(rl.snap.runs) != 3 || rl.snap.runs[2].info.Trainee != "Sam" {
		t.Fatalf("the list of runs: %+v", rl.snap.runs)
	}
	d.press(ebiten.KeyArrowDown)
	d.press(ebiten.KeyArrowDown)
	d.press(ebiten.KeyEnter)
	db := screenOf[*debriefScreen](t, a)
	if db.recording != "sam.jsonl" || len(db.d.Moments) != 14 {
		t.Errorf("the debrief opened is of %s with %d choices", db.recording, len(db.d.Moments))
	}
	d.press(ebiten.KeyEscape)
	screenOf[*runListScreen](t, a)
	d.press(ebiten.KeyEscape)
	if a.screen != s {
		t.Errorf("Esc from the runs shows %T, not the class view", a.screen)
	}
}

// TestInstructorServerGone: while the server cannot be reached the class
// view keeps what it had and says so; when it answers again, what came
// in meanwhile is swapped in.
func TestInstructorServerGone(t *testing.T) {
	f := newFakeInstructorServer(t)
	cbt := scenariotest.Load(t, "cbt-depression")
	f.record("sam.jsonl", "Sam", cbt, 3)
	a, d, ins := liveInstructorApp(t, f)
	s := screenOf[*classScreen](t, a)
	f.down.Store(true)
	ins.pollNow()
	pumpUntil(t, d, "the page says the server is gone", func() bool { return strings.Contains(ins.status(), unreachable) })
	if s.layout().note == nil {
		t.Errorf("the class view shows no status line; it would say %q", ins.status())
	}
	f.record("sam.jsonl", "Sam", cbt, 6)
	f.down.Store(false)
	ins.pollNow()
	pumpUntil(t, d, "the page says the server is back", func() bool { return !strings.Contains(ins.status(), unreachable) })
	pumpUntil(t, d, "the run that grew is shown", func() bool { return len(s.cl.Runs[0].Moments) == 6 })
	if st := ins.status(); !strings.Contains(st, "3 new choices from Sam") {
		t.Errorf("the status line says %q, not what came in meanwhile", st)
	}
}

// TestInstructorWrongKeyLater: a key the server stops accepting (it was
// started again with a new one) takes the page back to the key screen,
// saying why, and is forgotten.
func TestInstructorWrongKeyLater(t *testing.T) {
	f := newFakeInstructorServer(t)
	f.record("sam.jsonl", "Sam", scenariotest.Load(t, "cbt-depression"), 3)
	a, d, ins := liveInstructorApp(t, f)
	f.key = "a-new-key"
	ins.pollNow()
	pumpUntil(t, d, "the key screen", func() bool { _, ok := a.screen.(*keyScreen); return ok })
	k := screenOf[*keyScreen](t, a)
	if !strings.Contains(k.words, "That is not this class's instructor key.") || !strings.Contains(k.words, "new key") {
		t.Errorf("the key screen says %q", k.words)
	}
	if got, _ := a.store.Get(keyInstructorKey); got != "" {
		t.Errorf("the key refused is kept: %q", got)
	}
}

// openLiveDebrief opens the debrief of the first run in the list.
func openLiveDebrief(t testing.TB, a *app, d *driver, ins *instructor) *debriefScreen {
	t.Helper()
	ins.showRuns()
	d.press(ebiten.KeyEnter)
	return screenOf[*debriefScreen](t, a)
}

// TestInstructorNotes: a note written in a run's debrief is sent to the
// server, which appends it to the recording, signed with the
// instructor's name; a note the server refuses stays in the editor and
// the server's words are said.
func TestInstructorNotes(t *testing.T) {
	f := newFakeInstructorServer(t)
	f.record("sam.jsonl", "Sam", scenariotest.Load(t, "cbt-depression"), 5)
	a, d, ins := liveInstructorApp(t, f)
	s := openLiveDebrief(t, a, d, ins)

	f.refuseNotes.Store("The recording is being written: try again in a moment.")
	d.typeText("n")
	d.typeText("Notice the pause here")
	d.press(ebiten.KeyEnter)
	pumpUntil(t, d, "the refusal", func() bool { return !s.saving })
	if s.mode != dmNote || string(s.note) != "Notice the pause here" {
		t.Errorf("after a refusal the editor is %v with %q", s.mode, string(s.note))
	}
	if !strings.Contains(a.notice, "The recording is being written: try again in a moment.") {
		t.Errorf("the page says %q", a.notice)
	}

	f.refuseNotes.Store("")
	d.press(ebiten.KeyEnter)
	pumpUntil(t, d, "the note saved", func() bool { return !s.saving && s.mode == dmView })
	data, _ := os.ReadFile(filepath.Join(f.dir, "sam.jsonl"))
	rec, err := sim.ParseRecording(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Notes) != 1 || rec.Notes[0].Text != "Notice the pause here" || rec.Notes[0].Author != defaultAuthor || rec.Notes[0].Choice != 1 {
		t.Errorf("the recording's notes: %+v", rec.Notes)
	}
	if got := s.d.Moments[0].Notes; len(got) != 1 || got[0].Time != "2026-11-23T15:00:00Z" {
		t.Errorf("the debrief shows the notes %+v (with the server's time)", got)
	}
}

// TestInstructorDownloads: the run's report and table, and the class's
// table, profiles and supervisor's summary, are fetched from the server
// with the key and handed to the browser under the recording's name.
func TestInstructorDownloads(t *testing.T) {
	f := newFakeInstructorServer(t)
	f.record("2026-11-23T14-05-09_cbt-depression_sam.jsonl", "Sam", scenariotest.Load(t, "cbt-depression"), 5)
	a, d, ins := liveInstructorApp(t, f)
	type dl struct{ name, mime, data string }
	got := make(chan dl, 4)
	ins.save = func(name, mime string, data []byte) error {
		got <- dl{name, mime, string(data)}
		return nil
	}
	next := func(what string) dl {
		t.Helper()
		var fl dl
		pumpUntil(t, d, what, func() bool {
			select {
			case fl = <-got:
				return true
			default:
				return false
			}
		})
		return fl
	}
	d.typeText("d")
	if fl := next("the class's table"); fl != (dl{"class.csv", "text/csv", "export class.csv"}) {
		t.Errorf("the class's table: %+v", fl)
	}
	// Over the class's competence profile, D downloads the class's
	// profiles, and S the supervisor's summary of the class.
	d.typeText("p")
	d.typeText("d")
	if fl := next("the class's profiles"); fl != (dl{classroom.ClassProfiles, "text/csv", "export " + classroom.ClassProfiles}) {
		t.Errorf("the class's profiles: %+v", fl)
	}
	d.typeText("s")
	if fl := next("the summary"); fl != (dl{classroom.ClassSummary, "text/html", "export " + classroom.ClassSummary}) {
		t.Errorf("the supervisor's summary: %+v", fl)
	}
	d.typeText("p")
	s := openLiveDebrief(t, a, d, ins)
	d.typeText("d")
	if s.mode != dmDownload {
		t.Fatalf("D: the debrief is in mode %v", s.mode)
	}
	d.typeText("h")
	const run = "2026-11-23T14-05-09_cbt-depression_sam"
	if fl := next("the report"); fl != (dl{run + ".html", "text/html", "export " + run + ".jsonl.html"}) {
		t.Errorf("the report: %+v", fl)
	}
	d.typeText("d")
	l := s.layout()
	for _, b := range l.buttons {
		if b.act == actTable {
			d.click(center(b.r))
		}
	}
	if fl := next("the table"); fl != (dl{run + ".csv", "text/csv", "export " + run + ".jsonl.csv"}) {
		t.Errorf("the table: %+v", fl)
	}
	pumpUntil(t, d, "the page says so", func() bool { return strings.Contains(a.notice, "is downloaded as "+run+".csv") })
}

// TestDesktopHasNoInstructorButtons: the desktop's class view and debrief
// are as they were: no downloads, no list of runs.
func TestDesktopHasNoInstructorButtons(t *testing.T) {
	a := setupClass(t)
	s := screenOf[*classScreen](t, a)
	for _, b := range s.buttons.buttons {
		if b.label == classTableLabel || b.label == "Each run" {
			t.Errorf("the desktop's class view offers %q", b.label)
		}
	}
	_, db := openDebrief(t, miniRecording(t, careful))
	for _, b := range db.layout().buttons {
		if b.act == actDownload {
			t.Errorf("the desktop's debrief offers %q", b.label)
		}
	}
}

// BenchmarkInstructorPoll measures what the instructor's page does every
// time something comes in, for a class of 30 whole courses: the first
// poll (every run fetched and re-simulated, the class view built), and a
// poll after one run grew by a choice (that run fetched and re-simulated,
// the class view built again).
func BenchmarkInstructorPoll(b *testing.B) {
	f := newFakeInstructorServer(b)
	a := newTestApp(b, Options{})
	cbt := scenariotest.Load(b, "cbt-depression")
	const class = 30
	for i := range class {
		f.recordWith(fmt.Sprintf("run%02d.jsonl", i), fmt.Sprintf("Trainee %d", i), cbt, 1000, mixed, uint64(i+1))
	}
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			l := newLiveClass(a, f.client(testInstructorKey))
			if _, err := l.poll(context.Background()); err != nil {
				b.Fatal(err)
			}
			if len(l.snapshot().classes) != 1 {
				b.Fatal("no class view")
			}
		}
	})
	b.Run("one-grew", func(b *testing.B) {
		l := newLiveClass(a, f.client(testInstructorKey))
		if _, err := l.poll(context.Background()); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			// The run's size changes, as a choice's would change it.
			l.runs["run00.jsonl"].info.Size = 0
			chs, err := l.poll(context.Background())
			if err != nil || len(chs) != 1 {
				b.Fatal(err, chs)
			}
			l.snapshot()
		}
	})
}
