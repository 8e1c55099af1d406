package sim_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// checkInCourse is the rubric course with a check-in at the strain of the
// second session, with a question of its own, and one at the first
// session's task with the default question.
var checkInCourse = strings.NewReplacer(
	`id = "strain"
opens = "confrontation"
severity = 0.5
explain = "Sam is cross about the wait."
inner = "Cross."
`, `id = "strain"
opens = "confrontation"
severity = 0.5
explain = "Sam is cross about the wait."
inner = "Cross."
[sessions.beats.check_in]
question = "Sam is cross with you. What do you notice in yourself?"
[[sessions.beats.check_in.pulls]]
id = "defend"
text = "A pull to explain myself"
tends = "Explaining widens the rupture."
[[sessions.beats.check_in.pulls]]
id = "irritation"
text = "Irritation"
tends = "Irritation acted on comes out as a clipped reply."
`,
	`id = "task"
inner = "A task?"
`, `id = "task"
inner = "A task?"
[sessions.beats.check_in]
[[sessions.beats.check_in.pulls]]
id = "rescue"
text = "A pull to make it easy for him"
tends = "A task made too easy for the therapist's comfort teaches little."
[[sessions.beats.check_in.pulls]]
id = "hurry"
text = "A pull to hurry to the end"
tends = "A task set in a hurry is seldom his."
`).Replace(rubricCourse)

// TestCheckInLoad: a beat's check-in is read with its question (the
// default when none is written) and its pulls, found by id; the prompt of
// a beat that asks one carries it, and no other prompt does.
func TestCheckInLoad(t *testing.T) {
	if checkInCourse == rubricCourse {
		t.Fatal("the check-ins were not added to the course")
	}
	sc := rubricLoad(t, checkInCourse)
	asked := make(map[string]*sim.CheckIn)
	for _, s := range sc.Sessions {
		for _, b := range s.Beats {
			if b.CheckIn != nil {
				asked[s.ID+"/"+b.ID] = b.CheckIn
			}
		}
	}
	if len(asked) != 2 {
		t.Fatalf("check-ins at %v, want s1/task and s2/strain", asked)
	}
	strain, task := asked["s2/strain"], asked["s1/task"]
	if strain == nil || task == nil {
		t.Fatalf("check-ins at %v, want s1/task and s2/strain", asked)
	}
	if strain.Question != "Sam is cross with you. What do you notice in yourself?" {
		t.Errorf("question %q, not the author's", strain.Question)
	}
	if task.Question != sim.DefaultQuestion {
		t.Errorf("question %q without one written, want the default %q", task.Question, sim.DefaultQuestion)
	}
	want := []sim.Pull{
		{ID: "defend", Text: "A pull to explain myself", Tends: "Explaining widens the rupture."},
		{ID: "irritation", Text: "Irritation", Tends: "Irritation acted on comes out as a clipped reply."},
	}
	if !reflect.DeepEqual(strain.Pulls, want) {
		t.Errorf("pulls %+v\nwant %+v", strain.Pulls, want)
	}
	if p := strain.Pull("irritation"); p == nil || p.Text != "Irritation" {
		t.Errorf("Pull(irritation) = %+v", p)
	}
	if p := strain.Pull("rescue"); p != nil {
		t.Errorf("Pull(rescue), a pull of another check-in, = %+v, want nil", p)
	}

	r := sim.NewRun(sc, rubricSeed)
	var seen []string
	for _, id := range []string{"reflect", "task_set", "review", "own"} {
		p := r.Prompt()
		switch {
		case p.CheckIn == nil:
		case p.CheckIn == asked[fmt.Sprintf("s%d/%s", p.Session, p.Beat)]:
			seen = append(seen, p.Beat)
		default:
			t.Errorf("beat %q: the prompt's check-in is not the beat's", p.Beat)
		}
		if _, err := r.Choose(optionNumber(t, r, id)); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(seen, []string{"task", "strain"}) {
		t.Errorf("prompts with a check-in: %v, want task and strain", seen)
	}
}

// TestCheckInProblems: a check-in's mistakes are told at their line, in
// words an author can act on (docs/messages.md shows each message).
func TestCheckInProblems(t *testing.T) {
	const at = `id = "task"
inner = "A task?"
`
	pull := func(id, text, tends string) string {
		return fmt.Sprintf("[[sessions.beats.check_in.pulls]]\nid = %q\ntext = %q\ntends = %q\n", id, text, tends)
	}
	for _, c := range []struct{ name, checkIn, want string }{
		{"one pull", "[sessions.beats.check_in]\n" + pull("rescue", "A pull to rescue", "Rescuing."),
			`the check-in of beat "task" needs at least two [[...check_in.pulls]]`},
		{"a pull without an id", "[sessions.beats.check_in]\n" + pull("", "A pull to rescue", "Rescuing.") + pull("hurry", "Hurry", "Hurrying."),
			`pull 1 of the check-in of beat "task" needs an id`},
		{"an id in capitals", "[sessions.beats.check_in]\n" + pull("Rescue", "A pull to rescue", "Rescuing.") + pull("hurry", "Hurry", "Hurrying."),
			`id "Rescue": use lowercase letters, digits, - and _`},
		{"an id twice", "[sessions.beats.check_in]\n" + pull("rescue", "A pull to rescue", "Rescuing.") + pull("rescue", "Hurry", "Hurrying."),
			`pull id "rescue" is used twice in the check-in of beat "task"`},
		{"a pull without text", "[sessions.beats.check_in]\n" + pull("rescue", "", "Rescuing.") + pull("hurry", "Hurry", "Hurrying."),
			`pull "rescue" of the check-in of beat "task" needs text`},
		{"a pull without tends", "[sessions.beats.check_in]\n" + pull("rescue", "A pull to rescue", "") + pull("hurry", "Hurry", "Hurrying."),
			`pull "rescue" of the check-in of beat "task" needs tends`},
		{"a key misspelt", "[sessions.beats.check_in]\nquestoin = \"What now?\"\n" + pull("rescue", "A pull to rescue", "Rescuing.") + pull("hurry", "Hurry", "Hurrying."),
			`questoin`},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(rubricCourse, at, at+c.checkIn, 1)
			_, err := sim.Load("bad.toml", []byte(text), scenariotest.Model(t))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v\nwant one saying %s", err, c.want)
			}
			if err != nil && !strings.Contains(err.Error(), "bad.toml:") {
				t.Errorf("the error names no place: %v", err)
			}
		})
	}

	// A beat with no options has no moment to ask at.
	text := strings.Replace(rubricCourse, `[[sessions.beats]]
id = "open"
inner = "Here again."
[[sessions.beats.says]]
text = "Hello again."
`, `[[sessions.beats]]
id = "arrive"
inner = "Early."
next = "open"
[sessions.beats.check_in]
[[sessions.beats.check_in.pulls]]
id = "rescue"
text = "A pull to rescue"
tends = "Rescuing."
[[sessions.beats.check_in.pulls]]
id = "hurry"
text = "Hurry"
tends = "Hurrying."
[[sessions.beats.says]]
text = "I'm early."

[[sessions.beats]]
id = "open"
inner = "Here again."
[[sessions.beats.says]]
text = "Hello again."
`, 1)
	_, err := sim.Load("bad.toml", []byte(text), scenariotest.Model(t))
	if want := `beat "arrive" has a check-in but no options`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v\nwant one saying %s", err, want)
	}
}

// TestRecordRecallAndCheckIns: a check-in's answer is written before the
// choice whose moment asked it and the trainee's recall after the choice
// it is about; both read back as written, in their order, and a replay,
// which checks the choices, is the run played without them.
func TestRecordRecallAndCheckIns(t *testing.T) {
	sc := rubricLoad(t, checkInCourse)
	var plainBuf, buf bytes.Buffer
	plain, r := sim.NewRun(sc, rubricSeed), sim.NewRun(sc, rubricSeed)
	plainRec, err := sim.NewRecorder(&plainBuf, sim.NewHeader(plain, "trainee-7", recStarted))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := sim.NewRecorder(&buf, sim.NewHeader(r, "trainee-7", recStarted))
	if err != nil {
		t.Fatal(err)
	}
	answers := map[string]sim.CheckInAnswer{
		"task":   {Pulls: []string{"hurry"}, Time: "2025-03-04T09:31:00Z"},
		"strain": {Pulls: []string{"defend", "irritation"}, Text: "I wanted to say the last client ran over.", Time: "2025-03-04T09:40:00Z"},
	}
	var wantCheckIns []sim.CheckInAnswer
	for _, id := range []string{"reflect", "task_set", "review", "own"} {
		p := r.Prompt()
		if a, ok := answers[p.Beat]; ok {
			a.Choice, a.Session, a.Beat = r.Choices()+1, p.Session, p.Beat
			if err := rec.CheckIn(a); err != nil {
				t.Fatalf("check-in at %q: %v", p.Beat, err)
			}
			a.Type = "check_in"
			wantCheckIns = append(wantCheckIns, a)
		}
		n := optionNumber(t, r, id)
		for _, w := range []struct {
			run *sim.Run
			rec *sim.Recorder
		}{{plain, plainRec}, {r, rec}} {
			ev, err := w.run.Choose(n)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.rec.Record(w.run, ev); err != nil {
				t.Fatal(err)
			}
		}
	}
	recalls := []sim.Recall{
		{Choice: 2, Time: "2025-03-05T10:00:00Z", Text: "I set the walks because I wanted the session to have an end."},
		{Choice: 4, Text: "I felt caught out, and I wanted him to know it wasn't personal."},
	}
	for _, rc := range recalls {
		if err := rec.Recall(rc); err != nil {
			t.Fatal(err)
		}
	}

	got := recParsed(t, buf.Bytes())
	var wantRecall []sim.Recall
	for _, rc := range recalls {
		rc.Type = "recall"
		wantRecall = append(wantRecall, rc)
	}
	if !reflect.DeepEqual(got.Recall, wantRecall) {
		t.Errorf("recall %+v\nwant %+v", got.Recall, wantRecall)
	}
	if !reflect.DeepEqual(got.CheckIns, wantCheckIns) {
		t.Errorf("check-ins %+v\nwant %+v", got.CheckIns, wantCheckIns)
	}
	for n := 1; n <= len(got.Choices); n++ {
		a := got.CheckIn(n)
		var want *sim.CheckInAnswer
		for i := range wantCheckIns {
			if wantCheckIns[i].Choice == n {
				want = &wantCheckIns[i]
			}
		}
		if (a == nil) != (want == nil) || a != nil && !reflect.DeepEqual(*a, *want) {
			t.Errorf("CheckIn(%d) = %+v, want %+v", n, a, want)
		}
	}
	base := recParsed(t, plainBuf.Bytes())
	if !reflect.DeepEqual(got.Choices, base.Choices) || got.Header != base.Header || len(got.Notes) != 0 {
		t.Error("recall and check-ins changed the header, the choices or the notes")
	}

	// Each line in its place: a check-in just before its choice, recall
	// after the choices.
	var kinds []string
	lines := bufio.NewScanner(bytes.NewReader(buf.Bytes()))
	for lines.Scan() {
		var probe struct {
			Type      string
			N, Choice int
		}
		if err := json.Unmarshal(lines.Bytes(), &probe); err != nil {
			t.Fatal(err)
		}
		switch probe.Type {
		case "choice":
			kinds = append(kinds, fmt.Sprint("c", probe.N))
		case "check_in":
			kinds = append(kinds, fmt.Sprint("k", probe.Choice))
		case "recall":
			kinds = append(kinds, fmt.Sprint("r", probe.Choice))
		default:
			kinds = append(kinds, probe.Type)
		}
	}
	if want := []string{"header", "c1", "k2", "c2", "c3", "k4", "c4", "r2", "r4"}; !slices.Equal(kinds, want) {
		t.Errorf("lines %v, want %v", kinds, want)
	}

	// A replay checks the choices alone: the run with recall and check-ins
	// is the run without them.
	a, err := sim.Replay(sc, got)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sim.Replay(sc, base)
	if err != nil {
		t.Fatal(err)
	}
	recSame(t, plain, a)
	recSame(t, b, a)
}

// TestRecorderRefusesMisplacedRecallAndCheckIns: the recorder refuses a
// recall of a choice not yet made and a check-in at any moment but the
// next choice's, writing nothing; the reader refuses such lines written
// by hand, naming the line.
func TestRecorderRefusesMisplacedRecallAndCheckIns(t *testing.T) {
	sc := rubricLoad(t, checkInCourse)
	var buf bytes.Buffer
	r := sim.NewRun(sc, rubricSeed)
	rec, err := sim.NewRecorder(&buf, sim.NewHeader(r, "t", recStarted))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := r.Choose(optionNumber(t, r, "reflect"))
	if err != nil {
		t.Fatal(err)
	}
	if err := rec.Record(r, ev); err != nil {
		t.Fatal(err)
	}
	before := buf.Len()
	for _, n := range []int{0, 2, -1} {
		if err := rec.Recall(sim.Recall{Choice: n, Text: "x"}); err == nil || !strings.Contains(err.Error(), fmt.Sprint("recall of choice ", n)) {
			t.Errorf("recall of choice %d after 1 choice: error %v", n, err)
		}
	}
	for _, n := range []int{1, 3, 0} {
		if err := rec.CheckIn(sim.CheckInAnswer{Choice: n, Session: 1, Beat: "task", Pulls: []string{"hurry"}}); err == nil || !strings.Contains(err.Error(), "the next choice is 2") {
			t.Errorf("check-in at choice %d after 1 choice: error %v", n, err)
		}
	}
	if buf.Len() != before {
		t.Errorf("refused lines were written: %q", buf.Bytes()[before:])
	}
	recParsed(t, buf.Bytes())

	// The same lines written by hand.
	head := strings.TrimSuffix(buf.String(), "\n")
	for _, c := range []struct{ name, line, want string }{
		{"recall of a choice not yet made", `{"type":"recall","choice":2,"text":"x"}`,
			"recall of choice 2, but only 1 choice comes before it: recall comes after the choice it is about"},
		{"recall of the run as a whole", `{"type":"recall","choice":0,"text":"x"}`,
			`a recall line needs "choice": the number of the choice it is about, from 1`},
		{"recall with no choice", `{"type":"recall","text":"x"}`,
			`a recall line needs "choice"`},
		{"a check-in at a choice already made", `{"type":"check_in","choice":1,"session":1,"beat":"hello","pulls":["rescue"]}`,
			"a check-in at choice 1, but the next choice is 2: a check-in comes just before the choice whose moment asked it"},
		{"a check-in two choices ahead", `{"type":"check_in","choice":3,"session":1,"beat":"task"}`,
			"a check-in at choice 3, but the next choice is 2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := sim.ParseRecording([]byte(head + "\n" + c.line + "\n"))
			var re *sim.RecordError
			if err == nil || !errors.As(err, &re) || re.Line != 3 || !strings.HasPrefix(re.Reason, c.want) {
				t.Errorf("error %v\nwant line 3: %s", err, c.want)
			}
		})
	}
}
