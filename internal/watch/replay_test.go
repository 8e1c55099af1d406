package watch

import (
	"strings"
	"testing"

	"github.com/therasim/therasim/internal/watch/watchtest"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

func load(t testing.TB, text string) *sim.Scenario {
	t.Helper()
	sc, err := sim.Load("talk.toml", []byte(text), scenariotest.Model(t))
	if err != nil {
		t.Fatalf("the revised scenario does not load:\n%v", err)
	}
	return sc
}

// The choices the tests make: validate, agree, close, leave the thought
// record.
var played = []int{1, 2, 1, 2}

const seed = 1

func TestReplay(t *testing.T) {
	base := watchtest.Talk(t)
	validate := "[[sessions.beats.options]]\nid = \"validate\"\ntext = \"It took something to come here.\"\nact = \"validation\"\nnext = \"goals\"\n"
	advise := "[[sessions.beats.options]]\nid = \"advise\"\ntext = \"You should try to be more positive.\"\nact = \"advice\"\nnext = \"goals\"\n"
	leave := "[[sessions.beats.options]]\ntext = \"Let's leave the thought record for today.\"\nact = \"agenda_setting\"\nnext = \"thought\"\n"
	tests := []struct {
		name  string
		edits []string // old, new, … as watchtest.Talk takes them
		// replayed is how many choices are made again; numbers, the
		// option numbers they are made at.
		replayed int
		numbers  []int
		stop     string // the Stop's words, "" when every choice is made
	}{
		{name: "unchanged", replayed: 4, numbers: []int{1, 2, 1, 2}},
		{name: "a line of the client reworded", edits: []string{"It was hard.", "It was a hard week."},
			replayed: 4, numbers: []int{1, 2, 1, 2}},
		{name: "an option with an id reworded", edits: []string{"It took something to come here.", "It took courage to come."},
			replayed: 4, numbers: []int{1, 2, 1, 2}},
		{name: "options with ids in another order", edits: []string{validate + advise, advise + validate},
			replayed: 4, numbers: []int{2, 2, 1, 2}},
		{name: "the ids taken out", edits: []string{`id = "validate"` + "\n", "", `id = "agree"` + "\n", ""},
			replayed: 4, numbers: []int{1, 2, 1, 2}},
		{name: "an option's id renamed, its text as it was", edits: []string{`id = "agree"`, `id = "set-goal"`},
			replayed: 4, numbers: []int{1, 2, 1, 2}},
		{name: "an option's id renamed and its text reworded", edits: []string{`id = "agree"`, `id = "set-goal"`, "Let's set a goal together.", "What would you like to change?"},
			replayed: 1, numbers: []int{1},
			stop: `Your 2nd choice, "Let's set a goal together.", is no longer offered at beat "goals"; the run continues from there.`},
		{name: "an option without an id reworded", edits: []string{"Let's leave the thought record for today.", "Shall we look at the thought record?"},
			replayed: 3, numbers: []int{1, 2, 1},
			stop: `Your 4th choice, "Let's leave the thought record for today.", is no longer offered at beat "review"; the run continues from there.`},
		{name: "fewer options", edits: []string{leave, ""},
			replayed: 3, numbers: []int{1, 2, 1},
			stop: `Your 4th choice, "Let's leave the thought record for today.", is no longer offered at beat "review"; the run continues from there.`},
		{name: "another beat", edits: []string{`next = "goals"`, `next = "close"`},
			replayed: 1, numbers: []int{1},
			stop: `Your 2nd choice, "Let's set a goal together.", was made at beat "goals"; the run now comes to beat "close" there instead, and continues from there.`},
		{name: "the course ends before", edits: []string{base[strings.Index(base, "[[sessions]]\nid = \"s2\""):], ""},
			replayed: 3, numbers: []int{1, 2, 1},
			stop: `Your 4th choice, "Let's leave the thought record for today.", is no longer reached: the course now ends before it.`},
	}
	old := load(t, base)
	run := sim.NewRun(old, seed)
	for _, n := range played {
		if _, err := run.Choose(n); err != nil {
			t.Fatalf("playing the original: %v", err)
		}
	}
	past, err := Choices(run)
	if err != nil {
		t.Fatal(err)
	}
	if len(past) != len(played) || past[3].Beat != "review" || past[0].Option.ID != "validate" {
		t.Fatalf("Choices = %+v", past)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := load(t, watchtest.Talk(t, tt.edits...))
			r := sim.NewRun(sc, seed)
			var numbers []int
			stop, err := Replay(r, past, func(ev []sim.Event) error {
				numbers = append(numbers, ev[0].Option)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if r.Choices() != tt.replayed || !equal(numbers, tt.numbers) {
				t.Errorf("replayed %d choices at %v, want %d at %v", r.Choices(), numbers, tt.replayed, tt.numbers)
			}
			got := ""
			if stop != nil {
				got = stop.String()
			}
			if got != tt.stop {
				t.Errorf("stop:\n got %s\nwant %s", got, tt.stop)
			}
		})
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWords(t *testing.T) {
	tests := []struct{ got, want string }{
		{Ordinal(1), "1st"}, {Ordinal(2), "2nd"}, {Ordinal(3), "3rd"}, {Ordinal(4), "4th"},
		{Ordinal(11), "11th"}, {Ordinal(12), "12th"}, {Ordinal(13), "13th"}, {Ordinal(21), "21st"},
		{Ordinal(102), "102nd"}, {Ordinal(112), "112th"},
		{Replayed(0), "no choice replayed"}, {Replayed(1), "choice 1 replayed"},
		{Replayed(2), "choices 1 and 2 replayed"}, {Replayed(4), "choices 1–4 replayed"},
		{Shorten("Let's leave the thought record", 60), "Let's leave the thought record"},
		{Shorten("It doesn't sound dramatic. It sounds like things have felt very heavy.", 40), "It doesn't sound dramatic. It sounds…"},
		{Shorten("  two\n lines ", 60), "two lines"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
