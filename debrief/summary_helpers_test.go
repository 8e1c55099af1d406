package debrief_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// supervision is the course of testdata/supervision.toml: goals to agree,
// a strain and a moment of hopelessness that each ask a check-in, a task
// to set and review.
const supervision = "testdata/supervision.toml"

// A trainee is one run of a class, scripted: the option taken at each
// beat (the first whose text begins so; the first option when none is
// named), their answer to each check-in, and what they recall afterwards
// of the choices at some beats.
type trainee struct {
	name   string
	seed   uint64
	picks  map[string]string
	checks map[string]sim.CheckInAnswer // by beat; Pulls and Text only
	recall map[string]string            // by beat
}

// play records t's run of sc and returns the recording's bytes: each
// check-in answered before its choice, the recall appended after the
// choices, as the window writes them.
func (tr trainee) play(t testing.TB, sc *sim.Scenario) []byte {
	t.Helper()
	var buf bytes.Buffer
	r := sim.NewRun(sc, tr.seed)
	rec, err := sim.NewRecorder(&buf, sim.NewHeader(r, tr.name, "2026-03-02T09:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	var recall []sim.Recall
	for n := 1; !r.Done(); n++ {
		p := r.Prompt()
		if a, ok := tr.checks[p.Beat]; ok && p.CheckIn != nil {
			a.Choice, a.Session, a.Beat, a.Time = n, p.Session, p.Beat, "2026-03-02T09:10:00Z"
			if err := rec.CheckIn(a); err != nil {
				t.Fatal(err)
			}
		}
		pick := 1
		for _, o := range p.Options {
			if want, ok := tr.picks[p.Beat]; ok && strings.HasPrefix(o.Text, want) {
				pick = o.Number
				break
			}
		}
		if text, ok := tr.recall[p.Beat]; ok {
			recall = append(recall, sim.Recall{Choice: n, Text: text, Time: "2026-03-02T11:00:00Z"})
		}
		ev, err := r.Choose(pick)
		if err != nil {
			t.Fatal(err)
		}
		if err := rec.Record(r, ev); err != nil {
			t.Fatal(err)
		}
	}
	for _, rc := range recall {
		if err := rec.Recall(rc); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// careful, careless and drifting are the class's three ways through the
// supervision course.
var (
	carefulPicks = map[string]string{"hello": "It took", "goals": "What would", "strain": "I think I pushed",
		"task": "Shall we plan", "review": "How did", "hopeless": "When you say", "ahead": "Shall we look"}
	carelessPicks = map[string]string{"hello": "You need", "goals": "Let's talk", "strain": "I'm only trying",
		"task": "Go to the gym", "review": "You didn't", "hopeless": "Everyone feels", "ahead": "We'll keep"}
	driftingPicks = map[string]string{"hello": "It took", "goals": "What would", "strain": "Let's move on",
		"task": "See you", "review": "Let's start", "hopeless": "Let's get back", "ahead": "Shall we look"}
)

// supervisionClass is a small class of the supervision course: a careful
// trainee, a careless one whose client drops out, one who drifts, each
// with check-ins and some recall, and a run of the mini course besides.
func supervisionClass(t testing.TB) []*debrief.Debrief {
	t.Helper()
	sc := scenariotest.Load(t, supervision)
	mini := scenariotest.Load(t, "../sim/testdata/mini.toml")
	ben := trainee{name: "Ben Okafor", picks: carelessPicks,
		checks: map[string]sim.CheckInAnswer{
			"strain":   {Pulls: []string{"defend"}, Text: "Annoyed that Ren will not engage."},
			"hopeless": {Pulls: []string{"rescue"}},
		},
		recall: map[string]string{"task": "I wanted to give Ren something concrete to hold on to."}}
	ben.seed = droppingSeed(t, sc, ben)
	class := []trainee{
		{name: "Ana Ruiz", seed: 3, picks: carefulPicks,
			checks: map[string]sim.CheckInAnswer{
				"strain":   {Pulls: []string{"rescue"}, Text: "I wanted to make it better for Ren, quickly."},
				"hopeless": {Pulls: []string{"anxious"}, Text: "My stomach dropped."},
			},
			recall: map[string]string{"strain": "I noticed I had pushed, and wanted to own it before Ren closed off.",
				"hopeless": "I was scared of the answer, and asked anyway."}},
		ben,
		{name: "Kim Lee", seed: 5, picks: driftingPicks,
			checks: map[string]sim.CheckInAnswer{"strain": {Pulls: []string{"withdraw"}}}},
	}
	var out []*debrief.Debrief
	for _, tr := range class {
		out = append(out, build(t, sc, tr.play(t, sc)))
	}
	out = append(out, build(t, mini, trainee{name: "Sam Cole", seed: 2}.play(t, mini)))
	return out
}

// droppingSeed returns the first seed at which tr's client drops out
// before the course's end: the class's summary shows a dropout whatever
// the model's draws.
func droppingSeed(t testing.TB, sc *sim.Scenario, tr trainee) uint64 {
	t.Helper()
	for s := uint64(1); s <= 500; s++ {
		tr.seed = s
		if d := build(t, sc, tr.play(t, sc)); d.Result.Dropped {
			return s
		}
	}
	t.Fatalf("%s's client stays to the end at every seed from 1 to 500", tr.name)
	return 0
}
