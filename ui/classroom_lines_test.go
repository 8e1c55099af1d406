package ui

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// A classPlay records a run of the shipped default course in a storage as
// the window does: the header, then before each choice the answer to the
// check-in its moment asks, then the choice; and afterwards, in the
// debrief, lines of recall.
type classPlay struct {
	t   *testing.T
	run *sim.Run
	rec *sim.Recorder
	n   int // choices made
}

// newClassPlay starts the recording name in st.
func newClassPlay(t *testing.T, st storage, name string) *classPlay {
	t.Helper()
	run := sim.NewRun(scenariotest.Shipped(t), 7)
	w, err := st.CreateRecording(name)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := sim.NewRecorder(w, sim.NewHeader(run, "Alex Smith", testNow.Format(time.RFC3339)))
	if err != nil {
		t.Fatal(err)
	}
	return &classPlay{t: t, run: run, rec: rec}
}

// more makes n careful choices, or as many as the course has left when n
// is -1, answering each check-in asked before the choice.
func (p *classPlay) more(n int) {
	p.t.Helper()
	for ; n != 0 && !p.run.Done(); n-- {
		if p.run.Prompt().CheckIn != nil {
			p.answer()
		}
		ev, err := p.run.Choose(careful(p.run.Prompt()))
		if err == nil {
			err = p.rec.Record(p.run, ev)
		}
		if err != nil {
			p.t.Fatal(err)
		}
		p.n++
	}
	if n > 0 {
		p.t.Fatal("the course ended before the choices the test makes")
	}
}

// answer writes an answer to a check-in at the moment of the next choice
// (the fake server does not ask whether its moment asks one).
func (p *classPlay) answer() {
	p.t.Helper()
	pr := p.run.Prompt()
	a := sim.CheckInAnswer{Choice: p.n + 1, Session: pr.Session, Beat: pr.Beat, Text: "I notice I want to hurry.", Time: testNow.Format(time.RFC3339)}
	if pr.CheckIn != nil {
		a.Pulls = []string{pr.CheckIn.Pulls[0].ID}
	}
	if err := p.rec.CheckIn(a); err != nil {
		p.t.Fatal(err)
	}
}

// recall writes a line of recall of choice n.
func (p *classPlay) recall(n int, text string) {
	p.t.Helper()
	if err := p.rec.Recall(sim.Recall{Choice: n, Time: testNow.Format(time.RFC3339), Text: text}); err != nil {
		p.t.Fatal(err)
	}
}

// The trainee's answers to check-ins and lines of recall are sent as
// choices are, as they are written: counted in what waits while the server
// cannot be reached, sent once it can, and sent again from where a server
// restored from an older copy of its folder stands.
func TestClassSyncSendsCheckInsAndRecall(t *testing.T) {
	f, srv := newFakeClass(t)
	sy, cs := newTestSync(srv, f.code)
	ctx := context.Background()
	p := newClassPlay(t, cs, "run.jsonl")
	held := func() string {
		f.mu.Lock()
		defer f.mu.Unlock()
		return fmt.Sprintf("%d choices, %d answers, %d lines of recall", len(f.runs["run.jsonl"]), len(f.checkIns["run.jsonl"]), len(f.recall["run.jsonl"]))
	}
	said := func(want string) {
		t.Helper()
		st, _ := sy.status("run.jsonl")
		if w, _ := st.words(); w != want {
			t.Errorf("the status says %q, want %q", w, want)
		}
	}
	step := func(ok bool) {
		t.Helper()
		if r := sy.step(ctx); (r == nil) != ok {
			t.Fatalf("step: %v", r)
		}
	}

	p.more(2)
	step(true)
	p.answer()
	if st, _ := sy.status("run.jsonl"); st.checkIns != 1 || st.ackedCheckIns != 0 {
		t.Errorf("the answer written counts at once: %+v", st)
	}
	step(true)
	if got := held(); got != "2 choices, 1 answers, 0 lines of recall" {
		t.Errorf("the server holds %s, want the answer before the choice it asks", got)
	}
	said("Sent to your instructor")

	f.do(func(f *fakeClass) { f.down = true })
	p.more(1)
	p.answer()
	p.more(1)
	step(false)
	said("2 choices and 1 check-in answer waiting to be sent — keep this page open; they are kept in this browser")
	f.do(func(f *fakeClass) { f.down = false })
	step(true)
	if got := held(); got != "4 choices, 2 answers, 0 lines of recall" {
		t.Errorf("the server holds %s", got)
	}

	// Recall, written in the debrief.
	f.do(func(f *fakeClass) { f.down = true })
	p.recall(1, "I was nervous.")
	p.recall(3, "Here I wanted to fix it.")
	step(false)
	said("2 lines of your recall waiting to be sent — keep this page open; they are kept in this browser")
	if st, _ := sy.status("run.jsonl"); st.shortWords() != "2 lines of your recall waiting to be sent" {
		t.Errorf("the short status says %q", st.shortWords())
	}
	f.do(func(f *fakeClass) { f.down = false })
	step(true)
	if got := held(); got != "4 choices, 2 answers, 2 lines of recall" {
		t.Errorf("the server holds %s", got)
	}
	for key, want := range map[string]string{keyAcked: "4", keyAckedCheckIns: "2", keyAckedRecall: "2"} {
		if got, _ := cs.Get(key + "run.jsonl"); got != want {
			t.Errorf("%s kept beside the recording: %q, want %q", key, got, want)
		}
	}

	// The server restarts from an older copy of its folder, without the
	// answers and with one line of recall: the browser sends again from
	// there.
	f.do(func(f *fakeClass) { f.checkIns["run.jsonl"], f.recall["run.jsonl"] = nil, f.recall["run.jsonl"][:1] })
	p.recall(4, "And here I gave up.")
	step(true)
	if got := held(); got != "4 choices, 2 answers, 3 lines of recall" {
		t.Errorf("after the restart the server holds %s", got)
	}
	said("Sent to your instructor")
}

// A long queue of long lines goes in several appends, none larger than
// the server takes.
func TestClassSyncSendsLongRecallInParts(t *testing.T) {
	f, srv := newFakeClass(t)
	sy, cs := newTestSync(srv, f.code)
	f.do(func(f *fakeClass) { f.down = true })
	p := newClassPlay(t, cs, "long.jsonl")
	p.more(-1)
	// Every character of these lines takes six bytes in JSON (\u003c).
	long := strings.Repeat("<", classroom.MaxRecall)
	for n := 1; n <= 12; n++ {
		p.recall(n, long)
	}
	sy.step(context.Background())
	f.do(func(f *fakeClass) { f.down = false; f.bodies = nil })
	for range 20 {
		if sy.step(context.Background()) == nil {
			break
		}
	}
	st, _ := sy.status("long.jsonl")
	if st.pending() != 0 || st.refused != "" || len(f.recall["long.jsonl"]) != 12 || len(f.runs["long.jsonl"]) != p.n {
		t.Fatalf("status %+v; the server holds %d choices and %d lines of recall", st, len(f.runs["long.jsonl"]), len(f.recall["long.jsonl"]))
	}
	if len(f.bodies) < 3 {
		t.Errorf("%d appends carried 12 lines of %d kB each", len(f.bodies), 6*classroom.MaxRecall>>10)
	}
	for _, b := range f.bodies {
		if b > classroom.MaxBody {
			t.Errorf("an append of %d bytes, more than %d", b, classroom.MaxBody)
		}
	}
}

// A browser that crashed lost the end of its copy of a run (a check-in
// answer and what came after it, or the choice after an answer), which
// the class server holds; opened again, the page takes it all back, in
// its place, before the run resumes, and has nothing more to send.
func TestClassRestoresLostCheckIns(t *testing.T) {
	srv, hs := classServer(t)
	sy, cs := newTestSync(hs, srv.Code())
	p := newClassPlay(t, cs, "run.jsonl")
	p.more(-1)
	p.recall(2, "I was nervous.")
	p.recall(p.n, "At the end I was relieved.")
	if r := sy.step(context.Background()); r != nil {
		t.Fatal(r)
	}
	mem := cs.st.(*memStorage)
	whole := append([]byte(nil), mem.runs["run.jsonl"]...)
	rec, err := sim.ParseRecording(whole)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.CheckIns) == 0 {
		t.Fatal("the careful course of the default scenario asked no check-in: the test needs one")
	}
	if st, _ := sy.status("run.jsonl"); st.pending() != 0 || st.refused != "" {
		t.Fatalf("the server did not take the run: %+v", st)
	}
	// The line of the last answer.
	lines := bytes.SplitAfter(whole, []byte("\n"))
	last := 0
	for i, l := range lines {
		if bytes.Contains(l, []byte(`"type":"check_in"`)) {
			last = i
		}
	}
	for _, tc := range []struct {
		name string
		keep int // lines of the copy the crash left
	}{
		{"the answer lost, and all after it", last},
		{"the choice after the answer lost", last + 1},
		{"the last line of recall lost", len(lines) - 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem.runs["run.jsonl"] = bytes.Join(lines[:tc.keep], nil)
			for _, key := range []string{keyAcked, keyAckedCheckIns, keyAckedRecall} {
				cs.Set(key+"run.jsonl", "")
			}
			a := &app{store: cs, class: &classMode{client: newClassClient(hs.URL, "")}}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			a.restoreHeld(ctx, srv.Code())
			if got := mem.runs["run.jsonl"]; !bytes.Equal(got, whole) {
				t.Fatalf("taken back, the copy is\n%s\nwant\n%s", got, whole)
			}
			for key, want := range map[string]int{keyAcked: len(rec.Choices), keyAckedCheckIns: len(rec.CheckIns), keyAckedRecall: len(rec.Recall)} {
				if got, _ := cs.Get(key + "run.jsonl"); got != strconv.Itoa(want) {
					t.Errorf("%s: %q, want %d", key, got, want)
				}
			}
			again := newClassSync(newClassClient(hs.URL, ""), cs)
			again.scan()
			if r := again.step(context.Background()); r != nil {
				t.Fatal(r)
			}
			if st, _ := again.status("run.jsonl"); st.pending() != 0 || st.refused != "" {
				t.Errorf("after taking back: %+v", st)
			}
		})
	}
}
