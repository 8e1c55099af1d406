package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/therasim/therasim/sim"
)

// testdata/checkin.toml is testdata/mini.toml with two check-ins: three
// pulls at Sam's "What should I do this week?" (choice 2), and two, with
// the default question, at "Hi again." (choice 3).
const checkInScenario = "testdata/checkin.toml"

// checkIns writes the check-in answers of the recording at path one a
// line, as "choice session/beat [pulls] "words"", and fails the test if
// one was not given at the command's time.
func checkIns(t *testing.T, path string) []string {
	t.Helper()
	var out []string
	for _, a := range readRecording(t, path).CheckIns {
		if a.Time != "2026-03-14T09:30:00Z" {
			t.Errorf("check-in at choice %d given at %q, want the command's time", a.Choice, a.Time)
		}
		out = append(out, fmt.Sprintf("%d %d/%s %v %q", a.Choice, a.Session, a.Beat, a.Pulls, a.Text))
	}
	return out
}

// TestRunCheckIn: a check-in is asked before the options it comes with,
// answered on one line, and recorded before the choice; the recording
// verifies.
func TestRunCheckIn(t *testing.T) {
	for _, tc := range []struct {
		name    string
		choices string
		stdin   string
		want    []string // the answers recorded
	}{
		// Pulls and words at the first, nothing to note (Enter) at the
		// second.
		{"words", "1", "1 3: I wanted to fix it for him\n2\n\n1\n", []string{
			`2 1/task [rescue withdraw] "I wanted to fix it for him"`,
			`3 2/review [] ""`,
		}},
		// Help, a number not offered, words with no colon, a word for a
		// number, then numbers twice and out of order; words alone at the
		// second.
		{"mistakes", "1", "?\n5\n1 and 3\n2nd\n 3, 1 ,3\n1\nI felt tense: will he have done it?\n1\n", []string{
			`2 1/task [rescue withdraw] ""`,
			`3 2/review [] "I felt tense: will he have done it?"`,
		}},
		// Choices from --choices answer no check-in, and say so.
		{"scripted", "1,2,1", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			rec := filepath.Join(dir, "run.jsonl")
			r := therasim(t, tc.stdin, "run", "--seed", "42", "--choices", tc.choices, "--record", rec, checkInScenario)
			r.want(t, exitOK)
			if r.stderr != "" {
				t.Errorf("stderr: %s", r.stderr)
			}
			golden(t, "run-checkin-"+tc.name, strings.ReplaceAll(r.stdout, dir, "$DIR"))
			if got := checkIns(t, rec); !slices.Equal(got, tc.want) {
				t.Errorf("check-ins recorded:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			therasim(t, "", "replay", "verify", "--scenario", checkInScenario, rec).want(t, exitOK)
		})
	}
}

// TestCheckInResume: a run stopped after its check-in was answered, at the
// options, is resumed without the check-in asked again; one stopped at the
// check-in is asked it.
func TestCheckInResume(t *testing.T) {
	for _, tc := range []struct {
		name   string
		before string // typed before the run stops
		after  string // typed when it is resumed
		want   []string
	}{
		{"answered", "2: tired\n", "2\n\n1\n", []string{`2 1/task [irritation] "tired"`, `3 2/review [] ""`}},
		{"unanswered", "q\n", "1\n2\n2\n1\n", []string{`2 1/task [rescue] ""`, `3 2/review [dread] ""`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			rec := filepath.Join(dir, "run.jsonl")
			therasim(t, tc.before, "run", "--seed", "42", "--choices", "1", "--record", rec, checkInScenario).want(t, exitBad, "The run is incomplete")
			r := therasim(t, tc.after, "run", "--resume", rec, checkInScenario)
			r.want(t, exitOK)
			asked := strings.Count(r.stdout, "Check-in — about you")
			said := strings.Contains(r.stdout, "You answered the check-in of this moment before the run stopped")
			if tc.name == "answered" {
				golden(t, "run-checkin-resumed", strings.ReplaceAll(r.stdout, dir, "$DIR"))
				if asked != 1 || !said {
					t.Errorf("resumed after an answered check-in: %d check-ins asked, want 1 (the next); said it was answered: %v", asked, said)
				}
			} else if asked != 2 || said {
				t.Errorf("resumed at an unanswered check-in: %d check-ins asked, want 2; said it was answered: %v", asked, said)
			}
			if got := checkIns(t, rec); !slices.Equal(got, tc.want) {
				t.Errorf("check-ins recorded:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			therasim(t, "", "replay", "verify", "--scenario", checkInScenario, rec).want(t, exitOK)
		})
	}
}

// TestCheckInStops: the end of the input or q at a check-in stops the run
// as at the options, with nothing recorded for the check-in.
func TestCheckInStops(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stdin string
		msg   string
	}{
		{"EOF", "", "the input ended before the course did"},
		{"EOF after a wrong answer", "9", "the input ended before the course did"},
		{"EOF after help", "?\n", "the input ended before the course did"},
		{"quit", "q\n1\n", "you stopped before the end of the course"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := filepath.Join(t.TempDir(), "run.jsonl")
			r := therasim(t, tc.stdin, "run", "--seed", "42", "--choices", "1", "--record", rec, checkInScenario)
			r.want(t, exitBad, tc.msg, "in session 1, after choice 1", "To continue it")
			if got := checkIns(t, rec); len(got) != 0 {
				t.Errorf("check-ins recorded: %q", got)
			}
		})
	}
	// The last answer needs no line ending.
	rec := filepath.Join(t.TempDir(), "run.jsonl")
	therasim(t, "1", "run", "--seed", "42", "--choices", "1", "--record", rec, checkInScenario).want(t, exitBad, "the input ended")
	if got, want := checkIns(t, rec), []string{`2 1/task [rescue] ""`}; !slices.Equal(got, want) {
		t.Errorf("check-ins recorded: %q, want %q", got, want)
	}
}

// TestCheckInWordsCut: the trainee's own words are kept to 600
// characters, as in the window, and the trainee is told.
func TestCheckInWordsCut(t *testing.T) {
	long := strings.Repeat("é", checkInMost-1) + " and more"
	rec := filepath.Join(t.TempDir(), "run.jsonl")
	r := therasim(t, "1: "+long+"\n2\n\n1\n", "run", "--seed", "42", "--choices", "1", "--record", rec, checkInScenario)
	r.want(t, exitOK)
	if !strings.Contains(r.stdout, "A check-in's own words can be at most 600 characters long") {
		t.Errorf("the cut is not said:\n%s", r.stdout)
	}
	cis := readRecording(t, rec).CheckIns
	if len(cis) == 0 || cis[0].Text != strings.Repeat("é", checkInMost-1) {
		t.Errorf("check-ins recorded: %+v, want the words cut to their first %d characters", cis, checkInMost)
	}
	// 600 characters are kept whole, and nothing is said.
	rec = filepath.Join(t.TempDir(), "run.jsonl")
	r = therasim(t, "1: "+strings.Repeat("a", checkInMost)+"\n2\n\n1\n", "run", "--seed", "42", "--choices", "1", "--record", rec, checkInScenario)
	if cis := readRecording(t, rec).CheckIns; strings.Contains(r.stdout, "left out") || len(cis) == 0 || len(cis[0].Text) != checkInMost {
		t.Errorf("600 characters were cut: %+v", cis)
	}
}

// TestCheckInJSON: with --json the check-in is asked on stderr, with the
// other prompts; stdout holds only events.
func TestCheckInJSON(t *testing.T) {
	rec := filepath.Join(t.TempDir(), "run.jsonl")
	r := therasim(t, "1\n2: tired\n2\n1\n1\n", "run", "--json", "--seed", "42", "--record", rec, checkInScenario)
	r.want(t, exitOK, "┌─ Check-in — about you", "Sam waits: nothing you note here changes what Sam does.", "│ Your check-in: 2: tired", "Noted: [2] Irritation")
	if strings.Contains(r.stdout, "Check-in") {
		t.Errorf("the check-in is on stdout:\n%s", r.stdout)
	}
	if got, want := checkIns(t, rec), []string{`2 1/task [irritation] "tired"`, `3 2/review [hope] ""`}; !slices.Equal(got, want) {
		t.Errorf("check-ins recorded: %q, want %q", got, want)
	}
}

func TestParseCheckIn(t *testing.T) {
	for _, tc := range []struct {
		line    string
		picked  []int
		words   string
		problem string // in what is said, "" for none
	}{
		{"", nil, "", ""},
		{"   ", nil, "", ""},
		{"2", []int{2}, "", ""},
		{"1 3", []int{1, 3}, "", ""},
		{"1,3", []int{1, 3}, "", ""},
		{"3, 1", []int{1, 3}, "", ""},
		{"1 1 1", []int{1}, "", ""},
		{"1 3: I wanted to fix it", []int{1, 3}, "I wanted to fix it", ""},
		{"2:tired: very", []int{2}, "tired: very", ""},
		{"2 :", []int{2}, "", ""},
		{"I wanted to fix it", nil, "I wanted to fix it", ""},
		{"Irritation: he is late", nil, "Irritation: he is late", ""},
		{": just tired", nil, "just tired", ""},
		{"4", nil, "", "There is no [4] here: the numbers go from 1 to 3"},
		{"0", nil, "", "There is no [0] here"},
		{"1 3 I was tired", nil, "", `Only numbers go before a colon, and "I" is not one`},
		{"1 and 3", nil, "", `"and" is not one`},
		{"1.", nil, "", `"1." is not one`},
		{"2nd: tired", nil, "", `"2nd" is not one`},
	} {
		picked, words, problem := parseCheckIn(tc.line, 3)
		if !slices.Equal(picked, tc.picked) || words != tc.words || (problem == "") != (tc.problem == "") || !strings.Contains(problem, tc.problem) {
			t.Errorf("parseCheckIn(%q) = %v, %q, %q; want %v, %q, %q", tc.line, picked, words, problem, tc.picked, tc.words, tc.problem)
		}
	}
}

func TestClipWords(t *testing.T) {
	for _, tc := range []struct {
		in, out string
		cut     bool
	}{
		{"tired", "tired", false},
		{"a\tb\x1b[Ac", "a b [Ac", false},
		{"bad \xff byte", "bad \uFFFD byte", false},
		{strings.Repeat("x", checkInMost), strings.Repeat("x", checkInMost), false},
		{strings.Repeat("x", checkInMost-1) + " y", strings.Repeat("x", checkInMost-1), true},
	} {
		if out, cut := clipWords(tc.in); out != tc.out || cut != tc.cut {
			t.Errorf("clipWords(%q) = %q, %v; want %q, %v", tc.in, out, cut, tc.out, tc.cut)
		}
	}
}

func TestSameQuestion(t *testing.T) {
	q := &sim.CheckIn{Question: "What do you notice?", Pulls: []sim.Pull{{ID: "a", Text: "A"}, {ID: "b", Text: "B"}}}
	copied := &sim.CheckIn{Question: q.Question, Pulls: slices.Clone(q.Pulls)}
	reworded := &sim.CheckIn{Question: q.Question, Pulls: []sim.Pull{{ID: "a", Text: "A"}, {ID: "b", Text: "B, reworded"}}}
	for _, tc := range []struct {
		x, y *sim.CheckIn
		same bool
	}{
		{q, copied, true},
		{q, reworded, false},
		{q, nil, false},
		{nil, nil, true},
	} {
		if got := sameQuestion(tc.x, tc.y); got != tc.same {
			t.Errorf("sameQuestion(%v, %v) = %v", tc.x, tc.y, got)
		}
	}
}

// TestCheckInWatch: with --watch, a save that leaves the check-in of the
// moment as it was does not ask it again; a save that changes it does.
func TestCheckInWatch(t *testing.T) {
	data, err := os.ReadFile(checkInScenario)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(old, new string) {
		t.Helper()
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s does not hold %q", checkInScenario, old)
		}
		data = bytes.Replace(data, []byte(old), []byte(new), 1)
	}
	path := filepath.Join(t.TempDir(), "checkin.toml")
	save(t, path, data)
	wt := startWatching(t, "--watch", path, "--seed", "42", "--choices", "1")
	at := wt.stdout.await(t, 0, "│ Your check-in: ")
	wt.type_(t, "2")
	at = wt.stdout.await(t, at, "Your choice (1-2): ")

	edit(`text = "Yeah."`, `text = "Yeah, well."`)
	save(t, path, data)
	from := wt.stdout.await(t, at, "Scenario reloaded")
	at = wt.stdout.await(t, from, "Your choice (1-2): ")
	if s := wt.stdout.String()[from:at]; strings.Contains(s, "check-in") {
		t.Errorf("a save that left the check-in as it was asked it again:\n%s", s)
	}

	edit("Sam asks you what to do.", "Sam asks you what he should do.")
	save(t, path, data)
	at = wt.stdout.await(t, at, "Scenario reloaded")
	at = wt.stdout.await(t, at, "│ Sam asks you what he should do.")
	at = wt.stdout.await(t, at, "│ Your check-in: ")
	wt.type_(t, "")
	at = wt.stdout.await(t, at, "Your choice (1-2): ")
	wt.type_(t, "2")
	wt.stdout.await(t, at, "│ Your check-in: ")
	wt.type_(t, "")
	wt.type_(t, "1")
	if code := wt.exit(t); code != exitOK {
		t.Errorf("exit %d, want 0; stderr:\n%s", code, wt.stderr)
	}
}
