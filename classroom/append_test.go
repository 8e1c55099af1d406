package classroom

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/recfile"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// A whole course, sent as a browser does, in batches of every size, with
// the acknowledgement of some lost (the batch is sent again) and some
// choices sent again with the next ones: the server's recording is the
// course, choice for choice, and it replays.
func TestAppendWholeCourse(t *testing.T) {
	for _, tc := range []struct {
		scenario, policy string
		batches          []int // choices sent each time, cycled
		lost             int   // every lost-th acknowledgement is lost
		again            int   // choices already acknowledged sent again with each batch
	}{
		{"cbt-depression", "competent", []int{1}, 0, 0},
		{"psychodynamic-pattern", "trainee", []int{1, 3, 7, 2}, 3, 0},
		{"eft-self-criticism", "novice", []int{5, 1, 100}, 2, 2},
		{"cbt-depression", "random", []int{2}, 0, 1},
	} {
		t.Run(tc.scenario+"/"+tc.policy, func(t *testing.T) {
			dir := t.TempDir()
			c := newRoom(t, dir)
			co := play(t, tc.scenario, tc.policy, "Ana", 11)
			if a := c.do("POST", PathJoin, Join{Code: strings.ToLower(c.srv.Code()[:3]) + " " + c.srv.Code()[3:], Trainee: "  Ana "}); a.status != 200 {
				t.Fatalf("join: %d %s", a.status, a.body)
			}
			acked, held, sends, file := 0, 0, 0, ""
			for i := 0; acked < len(co.choices); i++ {
				from := max(1, acked+1-tc.again)
				to := min(len(co.choices), acked+tc.batches[i%len(tc.batches)])
				a := c.do("POST", PathAppend, co.send(c.srv.Code(), "run-1", from, to))
				if a.status != 200 {
					t.Fatalf("append %d..%d: %d %s", from, to, a.status, a.body)
				}
				var ack Acked
				mustJSON(t, a.body, &ack)
				// Acked is all the server holds, the batch whose answer was
				// lost included.
				if held = max(held, to); ack.Acked != held {
					t.Fatalf("append %d..%d: acked %d, want %d", from, to, ack.Acked, held)
				}
				file = ack.Recording
				sends++
				if tc.lost > 0 && sends%tc.lost == 0 {
					continue // the answer never came: the browser sends the same again
				}
				acked = ack.Acked
			}
			rec, err := debrief.Read(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.Choices) != len(co.choices) {
				t.Fatalf("the recording holds %d choices, the course %d", len(rec.Choices), len(co.choices))
			}
			for i := range co.choices {
				if rec.Choices[i] != co.choices[i] {
					t.Fatalf("choice %d recorded as %+v, played as %+v", i+1, rec.Choices[i], co.choices[i])
				}
			}
			h := rec.Header
			if h.Trainee != "Ana" || h.Seed != 11 || h.Started != "2026-03-14T09:30:00Z" || h.SHA256 != co.header.SHA256 {
				t.Errorf("header %+v: want trainee Ana, seed 11, started at the server's time", h)
			}
			sc := shipped(t, tc.scenario)
			run, err := sim.Replay(sc, rec)
			if err != nil || !run.Done() {
				t.Fatalf("replay: %v (done %v)", err, run != nil && run.Done())
			}
			// The kept copies are there, and the folder opens as a class.
			for _, kind := range []string{recfile.KeptScenario, recfile.KeptModel} {
				hash := h.SHA256
				if kind == recfile.KeptModel {
					hash = h.Model
				}
				if _, err := recfile.Kept(dir, kind, hash); err != nil {
					t.Errorf("kept copy: %v", err)
				}
			}
			p, err := debrief.Resolve(rec, nil, scenariotest.Model(t), debrief.KeptBeside(dir))
			if err != nil {
				t.Fatalf("opening with the kept copy alone: %v", err)
			}
			d, err := debrief.Build(p.Scenario, rec)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := debrief.BuildClasses([]*debrief.Debrief{d}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(c.log, "\n"), "Ana finished") {
				t.Errorf("the log does not say the run finished:\n%s", strings.Join(c.log, "\n"))
			}
		})
	}
}

// A server started again on the folder has the class's code and key, and
// goes on with the runs where they were, a last line half written by a
// crash cut off.
func TestRestart(t *testing.T) {
	dir := t.TempDir()
	first := newRoom(t, dir)
	co := play(t, "cbt-depression", "competent", "Bo", 3)
	a := first.do("POST", PathAppend, co.send(first.srv.Code(), "r", 1, 10))
	if a.status != 200 {
		t.Fatalf("%d %s", a.status, a.body)
	}
	var ack Acked
	mustJSON(t, a.body, &ack)
	path := filepath.Join(dir, ack.Recording)
	// The server is killed while writing choice 11.
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"type":"choice","n":11,"sess`)
	f.Close()

	if err := first.srv.Close(); err != nil {
		t.Fatal(err)
	}
	again := newRoom(t, dir)
	if again.srv.Code() != first.srv.Code() || again.srv.Key() != first.srv.Key() {
		t.Fatalf("the restarted server has code %s and key %s, not %s and %s", again.srv.Code(), again.srv.Key(), first.srv.Code(), first.srv.Key())
	}
	if fi, err := os.Stat(filepath.Join(dir, ClassFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the class file: %v, mode %v; want 0600", err, fi.Mode())
	}
	a = again.do("POST", PathAppend, co.send(again.srv.Code(), "r", 5, len(co.choices)))
	if a.status != 200 {
		t.Fatalf("after the restart: %d %s", a.status, a.body)
	}
	mustJSON(t, a.body, &ack)
	if ack.Acked != len(co.choices) || filepath.Join(dir, ack.Recording) != path {
		t.Fatalf("after the restart: %+v, want %d choices in %s", ack, len(co.choices), filepath.Base(path))
	}
	rec, err := debrief.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sim.Replay(shipped(t, "cbt-depression"), rec); err != nil {
		t.Fatal(err)
	}
}

// The names the server gives recordings: the trainee's and the scenario's,
// and a hash of the trainee and the run, so that the same run has the same
// name after a restart and two runs never share one.
func TestRecordingNames(t *testing.T) {
	c := newRoom(t, t.TempDir())
	names := map[string]string{}
	for _, tc := range []struct{ trainee, run string }{
		{"Ana María", "a"}, {"Ana María", "b"}, {"ana maría", "a"}, {"Łukasz", "a"}, {"../..", "a"},
	} {
		co := play(t, "cbt-depression", "competent", tc.trainee, 1)
		a := c.do("POST", PathAppend, co.send(c.srv.Code(), tc.run, 1, 1))
		if a.status != http.StatusOK {
			t.Fatalf("%+v: %d %s", tc, a.status, a.body)
		}
		var ack Acked
		mustJSON(t, a.body, &ack)
		if !validName(ack.Recording) || strings.ContainsAny(ack.Recording, " /") {
			t.Errorf("%+v: recording %q", tc, ack.Recording)
		}
		if other, ok := names[ack.Recording]; ok {
			t.Errorf("%+v has the name %s of %s", tc, ack.Recording, other)
		}
		names[ack.Recording] = tc.trainee + "/" + tc.run
	}
	for name := range names {
		if !strings.HasPrefix(name, "ana-mar-a_cbt-depression_") && !strings.HasPrefix(name, "ukasz_") && !strings.HasPrefix(name, "run_") {
			t.Errorf("unexpected name %s", name)
		}
	}
}

// Refused first appends of new runs leave nothing behind: no run and no
// trainee is kept in memory for them, however many there are, and a run
// refused at first is taken when it is sent right.
func TestRefusedNewRunsAreForgotten(t *testing.T) {
	co := play(t, "cbt-depression", "competent", "Ana", 2)
	for _, tc := range []struct {
		name  string
		forge func(a *Append)
	}{
		{"a forged fingerprint", func(a *Append) { a.Choices[0].Fingerprint = strings.Repeat("0", 16) }},
		{"an option not offered", func(a *Append) { a.Choices[0].Option = 9 }},
		{"a gap", func(a *Append) { a.Choices[0].N = 3 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newRoom(t, t.TempDir())
			if a := c.do("POST", PathJoin, Join{Code: c.srv.Code(), Trainee: "Bo"}); a.status != http.StatusOK {
				t.Fatalf("join: %d %s", a.status, a.body)
			}
			runs, trainees := len(c.srv.runs), len(c.srv.trainees)
			for i := range 200 {
				name := fmt.Sprintf("Forger %d", i%20)
				a := co.send(c.srv.Code(), fmt.Sprintf("run %d", i), 1, 1)
				a.Trainee, a.Header.Trainee = name, name
				a.Choices = append([]sim.ChoiceRecord(nil), a.Choices...)
				tc.forge(&a)
				if ans := c.do("POST", PathAppend, a); ans.status != http.StatusConflict {
					t.Fatalf("append %d: %d %s, want 409", i, ans.status, ans.body)
				}
			}
			if len(c.srv.runs) != runs || len(c.srv.trainees) != trainees {
				t.Errorf("after 200 refused new runs the server holds %d runs and %d trainees, not %d and %d",
					len(c.srv.runs), len(c.srv.trainees), runs, trainees)
			}
			// The same run, sent right, is taken, and its trainee enrolled.
			if a := c.do("POST", PathAppend, co.send(c.srv.Code(), "run 0", 1, 1)); a.status != http.StatusOK {
				t.Fatalf("the run sent right: %d %s", a.status, a.body)
			}
			if c.srv.trainees["Ana"] == nil || len(c.srv.trainees["Ana"].runs) != 1 {
				t.Errorf("Ana's first run is not counted: %+v", c.srv.trainees["Ana"])
			}
		})
	}
}

// A trainee who begins many runs at once begins no more than the most one
// trainee may: each new run takes its slot as it is admitted.
func TestRunsPerTraineeLimitHoldsUnderConcurrency(t *testing.T) {
	c := newRoom(t, t.TempDir())
	co := play(t, "cbt-depression", "competent", "Ana", 4)
	const tries = MaxRunsPerTrainee + 12
	status := make([]int, tries)
	var wg sync.WaitGroup
	for i := range tries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status[i] = c.do("POST", PathAppend, co.send(c.srv.Code(), fmt.Sprintf("run %d", i), 1, 1)).status
		}()
	}
	wg.Wait()
	taken := 0
	for _, s := range status {
		switch s {
		case http.StatusOK:
			taken++
		case http.StatusForbidden:
		default:
			t.Errorf("a new run was answered %d, not 200 or 403", s)
		}
	}
	if taken != MaxRunsPerTrainee || len(c.srv.trainees["Ana"].runs) != MaxRunsPerTrainee {
		t.Errorf("%d runs begun at once: %d taken, %d counted; want %d", tries, taken, len(c.srv.trainees["Ana"].runs), MaxRunsPerTrainee)
	}
}

// One folder is served by one server at a time: a second is refused,
// saying why, while the first serves it, and serves it once the first has
// let go of it.
func TestOneServerAFolder(t *testing.T) {
	dir := t.TempDir()
	first := newRoom(t, dir)
	before := snapshot(t, dir)
	for _, tc := range []struct {
		name string
		dir  string
	}{
		{"the same folder", dir},
		{"the same folder, named otherwise", filepath.Join(dir, ".", "kept", "..")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(Config{Dir: tc.dir, Web: fakeWeb(t)})
			if err == nil || !strings.Contains(err.Error(), "another 'therasim serve' is serving the runs folder") ||
				!strings.Contains(err.Error(), "give this one another --runs folder") {
				t.Fatalf("a second server on the folder: %v", err)
			}
		})
	}
	if d := changed(before, snapshot(t, dir)); len(d) > 0 {
		t.Errorf("the refused servers changed %v", d)
	}
	if err := first.srv.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := New(Config{Dir: dir, Web: fakeWeb(t)})
	if err != nil {
		t.Fatalf("after the first server closed: %v", err)
	}
	defer again.Close()
	if again.Code() != first.srv.Code() {
		t.Errorf("the next server has code %s, not %s", again.Code(), first.srv.Code())
	}
}
