package classroom

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// checkInTOML is the check-in checkInScenario adds to a beat.
const checkInTOML = `
[sessions.beats.check_in]
question = "Before you answer: what do you notice in yourself?"

[[sessions.beats.check_in.pulls]]
id = "rescue"
text = "A pull to reassure her"
tends = "Reassurance given before she has been heard tells her that her distress is too much."

[[sessions.beats.check_in.pulls]]
id = "withdraw"
text = "A wish to move on to the questions"
tends = "Moving on leaves her alone with what she has just said."

[[sessions.beats.check_in.pulls]]
id = "irritation"
text = "Irritation"
tends = "Irritation acted on unnoticed comes out as a push."
`

// checkInScenario is the shipped cbt-depression course with a check-in at
// its first two moments (the beats welcome and story), under the id
// cbt-check-in, written in a folder of its own as an instructor's
// scenario: the folder, and the scenario as the server loads it.
func checkInScenario(t testing.TB) (string, *sim.Scenario) {
	t.Helper()
	data := string(scenarios.Embedded(shipped(t, "cbt-depression").Hash))
	data = strings.Replace(data, `id = "cbt-depression"`, `id = "cbt-check-in"`, 1)
	for _, beat := range []string{"welcome", "story"} {
		at := strings.Index(data, "[[sessions.beats]]\nid = \""+beat+"\"\n")
		if at < 0 {
			t.Fatalf("no beat %s in cbt-depression", beat)
		}
		end := at + len("[[sessions.beats]]")
		next := strings.Index(data[end:], "\n[[sessions.beats]]")
		if strings.Contains(data[at:end+next], "check_in") {
			continue // the course asks one there already
		}
		sub := end + strings.Index(data[end:], "\n[")
		data = data[:sub] + "\n" + checkInTOML + data[sub:]
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "cbt-check-in.toml"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := scenarios.Model()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := sim.Load("cbt-check-in.toml", []byte(data), m)
	if err != nil {
		t.Fatal(err)
	}
	return dir, sc
}

// answerCheckIn is a trainee's answer to the check-in at p, the moment of choice
// n: the first pull it offers, and a few words.
func answerCheckIn(p *sim.Prompt, n int) sim.CheckInAnswer {
	return sim.CheckInAnswer{Choice: n, Session: p.Session, Beat: p.Beat, Pulls: []string{p.CheckIn.Pulls[0].ID},
		Text: "I want to fix it for her <now>.", Time: fmt.Sprintf("2026-03-14T09:%02d:00Z", n%60)}
}

// upTo is the recording as the browser holds it when its first k lines
// after the header are written.
func (c course) upTo(t testing.TB, k int) *sim.Recording {
	t.Helper()
	head, err := json.Marshal(c.header)
	if err != nil {
		t.Fatal(err)
	}
	data := append(append(head, '\n'), bytes.Join(c.lines[:k], nil)...)
	rec, err := sim.ParseRecording(data)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// pending is the Append of what rec holds beyond ack, as a browser sends
// it.
func pending(code, run string, rec *sim.Recording, ack Acked) Append {
	a := Append{Code: code, Trainee: rec.Header.Trainee, Run: run, Header: rec.Header, Choices: rec.Choices[ack.Acked:]}
	if ack.CheckIns < len(rec.CheckIns) {
		a.CheckIns, a.CheckInsFrom = rec.CheckIns[ack.CheckIns:], ack.CheckIns+1
	}
	if ack.Recall < len(rec.Recall) {
		a.Recall, a.RecallFrom = rec.Recall[ack.Recall:], ack.Recall+1
	}
	return a
}

// A course with check-ins, and recall written after it, sent as a browser
// sends it (whatever is written and not acknowledged, as it is written,
// some answers lost, some lines sent again): the server's recording is the
// browser's line for line after its header, it replays, and its debrief
// has the answers and the recall at their moments. Sent again whole, after
// a restart too, it changes nothing; a finished run takes more recall.
func TestAppendCheckInsAndRecall(t *testing.T) {
	scs, sc := checkInScenario(t)
	for _, tc := range []struct {
		name  string
		steps []int // lines the browser writes between two sends, cycled
		lost  int   // every lost-th acknowledgement is lost
		again bool  // everything written is sent each time, acknowledged or not
	}{
		{"a line at a time", []int{1}, 0, false},
		{"lines in bursts, some answers lost", []int{1, 3, 7, 2}, 3, false},
		{"the whole course at once", []int{1 << 10}, 0, false},
		{"everything sent again each time", []int{2, 5}, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			c := newRoomOffering(t, dir, scs)
			co := playAnswering(t, sc, "competent", "Ana", 3, answerCheckIn)
			if len(co.checkIns) < 2 || len(co.recall) != len(co.checkIns) || co.checkIns[0].Choice != 1 || co.checkIns[1].Choice != 2 {
				t.Fatalf("the course asked %+v and recalled %+v; want answers at choices 1 and 2 (and where the course asks), and recall of each", co.checkIns, co.recall)
			}
			var ack Acked
			written := 0
			for i := 0; ; i++ {
				written = min(len(co.lines), written+tc.steps[i%len(tc.steps)])
				rec := co.upTo(t, written)
				from := ack
				if tc.again {
					from = Acked{}
				}
				a := c.do("POST", PathAppend, pending(c.srv.Code(), "run-1", rec, from))
				if a.status != http.StatusOK {
					t.Fatalf("after %d lines: %d %s", written, a.status, a.body)
				}
				var got Acked
				mustJSON(t, a.body, &got)
				if want := (Acked{len(rec.Choices), len(rec.CheckIns), len(rec.Recall), got.Recording}); got != want {
					t.Fatalf("after %d lines: acked %+v, want %+v", written, got, want)
				}
				if tc.lost == 0 || (i+1)%tc.lost != 0 {
					ack = got
				}
				if written == len(co.lines) && ack == got {
					break
				}
			}
			path := filepath.Join(dir, ack.Recording)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if lines := bytes.SplitAfter(data, []byte("\n")); !bytes.Equal(bytes.Join(lines[1:], nil), bytes.Join(co.lines, nil)) {
				t.Errorf("the server's recording after its header:\n%s\nthe browser's:\n%s", bytes.Join(lines[1:], nil), bytes.Join(co.lines, nil))
			}
			rec, err := sim.ParseRecording(data)
			if err != nil {
				t.Fatal(err)
			}
			if run, err := sim.Replay(sc, rec); err != nil || !run.Done() {
				t.Fatalf("replay: %v", err)
			}
			d, err := debrief.Build(sc, rec)
			if err != nil {
				t.Fatal(err)
			}
			for n := 1; n <= 2; n++ {
				m := d.Moments[n-1]
				if m.Asked == nil || m.CheckIn == nil || m.CheckIn.Pulls[0] != "rescue" || len(m.Recall) != 1 || m.Recall[0] != co.recall[n-1] {
					t.Errorf("the debrief's moment %d asked %v, was answered %+v and recalled %+v", n, m.Asked != nil, m.CheckIn, m.Recall)
				}
			}
			if log := strings.Join(c.log, "\n"); !strings.Contains(log, "Ana wrote ") || !strings.Contains(log, " of recall of ") {
				t.Errorf("the log does not say that recall came in:\n%s", log)
			}
			var list RunList
			mustJSON(t, c.do("GET", PathRuns, nil, c.key()).body, &list)
			if len(list.Runs) != 1 || list.Runs[0].CheckIns != len(co.checkIns) || list.Runs[0].Recall != len(co.recall) {
				t.Errorf("the list of runs: %+v, want %d check-in answers and lines of recall", list.Runs, len(co.checkIns))
			}

			// Sent again whole, before and after a restart: nothing changes.
			whole := co.upTo(t, len(co.lines))
			resend := func(c *room) {
				t.Helper()
				before := snapshot(t, dir)
				if a := c.do("POST", PathAppend, pending(c.srv.Code(), "run-1", whole, Acked{})); a.status != http.StatusOK {
					t.Fatalf("sent again: %d %s", a.status, a.body)
				}
				if diff := changed(before, snapshot(t, dir)); len(diff) > 0 {
					t.Errorf("sent again, it changed %v", diff)
				}
			}
			resend(c)
			c.srv.Close()
			again := newRoomOffering(t, dir, scs)
			resend(again)

			// The finished run takes another line of recall, and holds it.
			more := sim.Recall{Type: "recall", Choice: 5, Time: "2026-03-14T10:05:00Z", Text: "Here I stopped listening."}
			a := again.do("POST", PathAppend, Append{Code: again.srv.Code(), Trainee: "Ana", Run: "run-1", Header: co.header, Recall: []sim.Recall{more}, RecallFrom: len(co.recall) + 1})
			var got Acked
			if mustJSON(t, a.body, &got); a.status != http.StatusOK || got.Recall != len(co.recall)+1 || got.Acked != len(co.choices) {
				t.Fatalf("more recall of the finished run: %d %s", a.status, a.body)
			}
			var held HeldRun
			mustJSON(t, again.do("POST", PathHeld, Held{Code: again.srv.Code(), Trainee: "Ana", Run: "run-1", Header: co.header}).body, &held)
			if len(held.Choices) != len(co.choices) || len(held.CheckIns) != len(co.checkIns) || !sameCheckIn(held.CheckIns[1], co.checkIns[1]) ||
				len(held.Recall) != len(co.recall)+1 || held.Recall[len(co.recall)] != more {
				t.Errorf("the server holds %d choices, the answers %+v and the recall %+v", len(held.Choices), held.CheckIns, held.Recall)
			}
			rec, err = debrief.Read(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := sim.Replay(sc, rec); err != nil || len(rec.Recall) != len(co.recall)+1 {
				t.Errorf("with more recall: %v, %d lines of recall", err, len(rec.Recall))
			}
		})
	}
}

// Every check-in answer or line of recall the server cannot place in the
// run, or that breaks a limit, is refused with words that say why, and
// writes nothing: the choices sent with it are not kept either, and the
// run goes on after.
func TestLineRefusals(t *testing.T) {
	scs, sc := checkInScenario(t)
	co := playAnswering(t, sc, "competent", "Ana", 3, answerCheckIn)
	ci := func(n int) sim.CheckInAnswer { // a copy of the answer at choice n
		for _, a := range co.checkIns {
			if a.Choice == n {
				a.Pulls = append([]string(nil), a.Pulls...)
				return a
			}
		}
		t.Fatalf("no answer at choice %d", n)
		return sim.CheckInAnswer{}
	}
	// The server holds choice 1, the answer given before it, and a line
	// of recall of it; next is choice 2, whose moment asks a check-in.
	held := Acked{Acked: 1, CheckIns: 1, Recall: 1}
	next := func(f func(a *Append)) Append {
		a := Append{Trainee: "Ana", Run: "r1", Header: co.header, Choices: co.choices[1:2],
			CheckIns: []sim.CheckInAnswer{ci(2)}, CheckInsFrom: 2}
		if f != nil {
			f(&a)
		}
		return a
	}
	recall := func(choice, from int, text string) func(a *Append) {
		return func(a *Append) {
			a.Choices, a.CheckIns, a.CheckInsFrom = nil, nil, 0
			a.Recall, a.RecallFrom = []sim.Recall{{Type: "recall", Choice: choice, Text: text}}, from
		}
	}
	bo := co.header
	bo.Trainee = "Bo"
	for _, tc := range []struct {
		name   string
		req    Append
		status int
		says   string
		acked  Acked
	}{
		{"a pull the check-in does not offer", next(func(a *Append) { a.CheckIns[0].Pulls = []string{"made-up"} }), 409,
			`The check-in answer at choice 2 names a pull, "made-up", that the check-in at that moment does not offer`, held},
		{"a pull named twice", next(func(a *Append) { a.CheckIns[0].Pulls = []string{"rescue", "rescue"} }), 400,
			`The check-in answer at choice 2 names the pull "rescue" twice`, held},
		{"more pulls than offered", next(func(a *Append) { a.CheckIns[0].Pulls = []string{"rescue", "withdraw", "irritation", "rescue"} }), 400,
			"The check-in answer at choice 2 names 4 pulls; the check-in at that moment offers 3", held},
		{"an answer at another moment", next(func(a *Append) { a.CheckIns[0].Beat = "elsewhere" }), 409,
			`The check-in answer at choice 2 was given at session 1 beat "elsewhere", but the course is at session 1 beat "story" there`, held},
		{"an answer at a choice not come", next(func(a *Append) { a.CheckIns[0].Choice = 4 }), 409,
			"A check-in answer at choice 4 was sent, but this run has 2 choices so far: the choices between are missing", held},
		{"an answer at a moment that asks none", next(func(a *Append) {
			a.Choices = co.choices[1:3]
			a.CheckIns[0].Choice, a.CheckIns[0].Beat = 3, co.choices[2].Beat
		}), 409, "The check-in answer at choice 3 was sent, but that moment asks no check-in", held},
		{"an answer after its choice", next(func(a *Append) {
			a.Choices, a.CheckIns[0] = nil, ci(1)
			a.CheckIns[0].Text = "On second thoughts, irritation."
		}), 409, "The check-in answer at choice 1 came after the choice itself, which the server holds already", held},
		{"an answer's text too long", next(func(a *Append) { a.CheckIns[0].Text = strings.Repeat("é", MaxCheckInText+1) }), 413,
			"The check-in answer at choice 2 has 2001 characters of text; it may have at most 2000", Acked{}},
		{"a gap in the answers", next(func(a *Append) { a.CheckInsFrom = 3 }), 409,
			"Check-in answer 3 was sent, but the server holds 1 check-in answer of this run: the answers between are missing", held},
		{"an answer sent again, changed", next(func(a *Append) {
			a.CheckIns, a.CheckInsFrom = []sim.CheckInAnswer{ci(1), ci(2)}, 1
			a.CheckIns[0].Pulls = []string{"withdraw"}
		}), 409, "Check-in answer 1 differs from the one the server already holds of this run", held},
		{"answers numbered from 0", next(func(a *Append) { a.CheckInsFrom = 0 }), 400, "The check-in answers sent begin with number 0; they are numbered from 1", Acked{}},
		{"an answer of another type", next(func(a *Append) { a.CheckIns[0].Type = "note" }), 400, `Check-in answer 2 has type "note", not "check_in"`, Acked{}},
		{"too many answers at once", next(func(a *Append) {
			for len(a.CheckIns) <= MaxChoicesPerAppend {
				a.CheckIns = append(a.CheckIns, ci(2))
			}
		}), 413, "Too many check-in answers were sent at once (101; the most is 100)", Acked{}},
		{"recall of a choice not made", next(recall(2, 2, "I froze.")), 409,
			"Recall of choice 2 was sent, but this run has 1 choice so far: recall is of a choice made", held},
		{"recall too long", next(recall(1, 2, strings.Repeat("x", MaxRecall+1))), 413,
			"Recall line 2 has 4001 characters; a line of recall may have at most 4000", Acked{}},
		{"a gap in the recall", next(recall(1, 3, "I froze.")), 409,
			"Recall line 3 was sent, but the server holds 1 recall line of this run: the lines between are missing", held},
		{"recall sent again, changed", next(recall(1, 1, "I froze, and then I rushed.")), 409,
			"Recall line 1 differs from the one the server already holds of this run", held},
		{"recall of another trainee's run, under its header", next(func(a *Append) {
			recall(1, 2, "I froze.")(a)
			a.Trainee = "Bo"
		}), 400, `The run's header is of trainee "Ana", not of "Bo" who sends it`, Acked{}},
		{"recall of another trainee's run, under one's own name", next(func(a *Append) {
			recall(1, 1, "I froze.")(a)
			a.Trainee, a.Header = "Bo", bo
		}), 409, "Recall of choice 1 was sent, but this run has no choice so far", Acked{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newRoomOffering(t, t.TempDir(), scs)
			first := Append{Code: c.srv.Code(), Trainee: "Ana", Run: "r1", Header: co.header, Choices: co.choices[:1],
				CheckIns: []sim.CheckInAnswer{ci(1)}, CheckInsFrom: 1, Recall: []sim.Recall{{Type: "recall", Choice: 1, Text: "I froze."}}, RecallFrom: 1}
			if a := c.do("POST", PathAppend, first); a.status != http.StatusOK {
				t.Fatalf("the run's start: %d %s", a.status, a.body)
			}
			req := tc.req
			req.Code = c.srv.Code()
			before := snapshot(t, c.dir)
			a := c.do("POST", PathAppend, req)
			got := a.refusal()
			if a.status != tc.status || !strings.Contains(got.Error, tc.says) {
				t.Errorf("%d %q, want %d saying %q", a.status, got.Error, tc.status, tc.says)
			}
			if r, _ := utf8.DecodeRuneInString(got.Error); !unicode.IsUpper(r) {
				t.Errorf("says %q, which does not begin a sentence", got.Error)
			}
			if held := (Acked{got.Acked, got.CheckIns, got.Recall, ""}); held != tc.acked {
				t.Errorf("says the server holds %+v, want %+v", held, tc.acked)
			}
			if diff := changed(before, snapshot(t, c.dir)); len(diff) > 0 {
				t.Errorf("the refusal changed %v", diff)
			}
			// The run goes on after the refusal.
			ok := next(nil)
			ok.Code = c.srv.Code()
			var ack Acked
			if a := c.do("POST", PathAppend, ok); a.status != http.StatusOK {
				t.Errorf("the run does not go on after the refusal: %d %s", a.status, a.body)
			} else if mustJSON(t, a.body, &ack); ack.Acked != 2 || ack.CheckIns != 2 || ack.Recall != 1 {
				t.Errorf("after the refusal the run goes on to %+v", ack)
			}
		})
	}
}

// BenchmarkAppendRecall measures a line of recall sent to a finished run,
// as a trainee's debrief sends them: no replay, one line synced to disk.
func BenchmarkAppendRecall(b *testing.B) {
	c := newRoom(b, b.TempDir())
	c.srv.appends = newBuckets(1e12, 1e12, c.srv.now)
	co := play(b, "cbt-depression", "competent", "Ana", 5)
	run, runs, from := "", 0, MaxRecallPerRun
	for b.Loop() {
		if from == MaxRecallPerRun {
			b.StopTimer()
			runs++
			run, from = fmt.Sprintf("r%d", runs), 0
			if a := c.do("POST", PathAppend, co.send(c.srv.Code(), run, 1, len(co.choices))); a.status != http.StatusOK {
				b.Fatalf("%d %s", a.status, a.body)
			}
			b.StartTimer()
		}
		from++
		a := c.do("POST", PathAppend, Append{Code: c.srv.Code(), Trainee: "Ana", Run: run, Header: co.header,
			Recall: []sim.Recall{{Type: "recall", Choice: 1 + from%len(co.choices), Text: "I froze, and then I rushed to fix it."}}, RecallFrom: from})
		if a.status != http.StatusOK {
			b.Fatalf("%d %s", a.status, a.body)
		}
	}
}
