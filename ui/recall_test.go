package ui

import (
	"bytes"
	"image"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// newTestAppOn builds a test app on the storage st, as newTestApp does on
// a folder.
func newTestAppOn(t testing.TB, opts Options, st storage) *app {
	t.Helper()
	a, err := newApp(opts, st)
	if err != nil {
		t.Fatal(err)
	}
	a.now = func() time.Time { return testNow }
	a.seed = func() uint64 { return 1 }
	a.begin()
	return a
}

// playCheckInCourse plays the whole check-in course through the window,
// answering each check-in with its first pull and a few words, and
// returns on the end screen.
func playCheckInCourse(t *testing.T, a *app) (*driver, *endScreen) {
	t.Helper()
	d := newDriver(t, a)
	for i := 0; ; i++ {
		if i > 200 {
			t.Fatal("the course did not end")
		}
		if s, ok := a.screen.(*sessionScreen); ok && !s.parting {
			d.reveal()
			if s.ask != nil {
				d.press(digitKey(1))
				d.typeText("a wish to fix it")
				d.press(ebiten.KeyEnter)
			}
		}
		if !d.step(careful, false) {
			break
		}
	}
	return d, screenOf[*endScreen](t, a)
}

// debriefFromEnd opens the debrief of the course just played from its end
// screen.
func debriefFromEnd(t *testing.T, a *app, d *driver, e *endScreen) *debriefScreen {
	t.Helper()
	d.settle()
	e.do(2)
	return opened[*debriefScreen](t, a)
}

// TestRecallSurvivesReopening: in the debrief of their own run, a trainee
// writes their recall of a choice (R, the words, Enter); it shows at
// once beside the client's side, is appended to the recording after its
// choices (which replay as before), and is there when the debrief is
// opened again: from a folder on a desktop, from a storage that is not a
// folder (the browser's localStorage), and from memory.
func TestRecallSurvivesReopening(t *testing.T) {
	for _, tc := range []struct {
		name  string
		store func(t *testing.T) storage
	}{
		{"a folder", func(t *testing.T) storage { st, _ := newFileStorage(t.TempDir()); return st }},
		{"a storage that is not a folder", func(t *testing.T) storage { st, _ := newFileStorage(t.TempDir()); return plainStorage{st} }},
		{"memory", func(t *testing.T) storage { return newMemStorage("nothing is kept") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := tc.store(t)
			a := newTestAppOn(t, Options{Scenario: checkInPath, Trainee: "Alex Smith"}, st)
			d, end := playCheckInCourse(t, a)
			name := end.c.name
			before, err := st.ReadRecording(name)
			if err != nil {
				t.Fatal(err)
			}
			s := debriefFromEnd(t, a, d, end)
			if s.addRecall == nil {
				t.Fatal("the debrief of the trainee's own run takes no recall")
			}
			d.press(ebiten.KeyArrowRight) // choice 2
			d.typeText("r")
			if s.mode != dmRecall {
				t.Fatalf("R opened mode %v, not the recall's editor", s.mode)
			}
			d.typeText("I wanted to ")
			d.frame(input{Paste: "fix it\nfor him."})
			d.press(ebiten.KeyEnter)
			if s.mode != dmView {
				t.Fatalf("after Enter the debrief is in mode %v", s.mode)
			}
			const want = "I wanted to fix it for him."
			if r := s.d.Moments[1].Recall; len(r) != 1 || r[0].Text != want || r[0].Choice != 2 {
				t.Fatalf("choice 2's recall: %+v", r)
			}
			lp, rp := s.panels(s.layout())
			if w := lp.words(); !strings.Contains(w, "YOUR RECALL") || !strings.Contains(w, want) {
				t.Errorf("the trainee's side does not show the recall:\n%s", w)
			}
			if strings.Contains(rp.words(), want) {
				t.Errorf("the recall shows among the client's side and the instructor's notes:\n%s", rp.words())
			}

			after, err := st.ReadRecording(name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(after, before) {
				t.Fatal("the recall rewrote the recording")
			}
			rec, err := sim.ParseRecording(after)
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.Recall) != 1 || rec.Recall[0].Text != want || rec.Recall[0].Choice != 2 || len(rec.Notes) != 0 {
				t.Errorf("read back: recall %+v, notes %+v", rec.Recall, rec.Notes)
			}
			if _, err := sim.Replay(scenariotest.Load(t, checkInPath), rec); err != nil {
				t.Errorf("the recording with its recall does not verify: %v", err)
			}

			// Opened again from the end of the course.
			d.press(ebiten.KeyEscape)
			again := debriefFromEnd(t, a, d, screenOf[*endScreen](t, a))
			if again == s {
				t.Fatal("the debrief was not opened again")
			}
			if r := again.d.Moments[1].Recall; len(r) != 1 || r[0].Text != want {
				t.Errorf("opened again, choice 2's recall: %+v", r)
			}
		})
	}
}

// TestRecallFromFile: a recording opened on its own from a file takes the
// recall of the trainee whose run it is (by the name the window knows),
// which a later opening shows, and no one else's.
func TestRecallFromFile(t *testing.T) {
	dir := t.TempDir()
	a := newTestApp(t, Options{Scenario: checkInPath, Trainee: "Alex Smith", DataDir: dir})
	playCheckInCourse(t, a)
	path := filepath.Join(dir, "runs", a.course.name)
	for _, tc := range []struct {
		trainee string
		takes   bool
	}{{"alex smith", true}, {"Dr Reyes", false}} {
		b := newTestApp(t, Options{Dir: "testdata", Replay: []string{path}, Trainee: tc.trainee})
		s := opened[*debriefScreen](t, b)
		if (s.addRecall != nil) != tc.takes {
			t.Fatalf("%s: takes recall = %v", tc.trainee, s.addRecall != nil)
		}
		bd := newDriver(t, b)
		bd.typeText("r")
		if !tc.takes {
			if s.mode != dmView || s.buttonFor(actRecall) != (image.Rectangle{}) {
				t.Errorf("%s: R opened mode %v; the bar offers recall: %v", tc.trainee, s.mode, s.buttonFor(actRecall))
			}
			continue
		}
		bd.typeText("Relieved.")
		bd.press(ebiten.KeyEnter)
	}
	c := newTestApp(t, Options{Dir: "testdata", Replay: []string{path}, Trainee: "Dr Reyes"})
	s := opened[*debriefScreen](t, c)
	if r := s.d.Moments[0].Recall; len(r) != 1 || r[0].Text != "Relieved." {
		t.Fatalf("choice 1's recall, opened again: %+v", r)
	}
	lp, _ := s.panels(s.layout())
	if w := lp.words(); !strings.Contains(w, "ALEX SMITH’S RECALL") || !strings.Contains(w, "Relieved.") {
		t.Errorf("the instructor's debrief does not show the trainee's recall:\n%s", w)
	}
}

// TestCheckInBesideInner: at a moment that asked a check-in, the
// trainee's side of the debrief sets their answer, across from the
// client's inner experience: each pull noticed with what the author says
// it tends to do, and their words; at a moment that asked none, nothing.
func TestCheckInBesideInner(t *testing.T) {
	a := newTestApp(t, Options{Scenario: checkInPath, Trainee: "Alex Smith"})
	d, end := playCheckInCourse(t, a)
	s := debriefFromEnd(t, a, d, end)
	sc := scenariotest.Load(t, checkInPath)
	rescue := sc.Sessions[0].Beats[0].CheckIn.Pull("rescue")
	for _, tc := range []struct {
		choice int
		want   []string // on the trainee's side
		not    []string
	}{
		{1, []string{"YOUR CHECK-IN BEFORE CHOOSING", rescue.Text + " · The author: " + rescue.Tends, "“a wish to fix it”", "YOUR RECALL"}, nil},
		{2, []string{"YOUR RECALL"}, []string{"CHECK-IN"}},
	} {
		s.step(tc.choice)
		lp, rp := s.panels(s.layout())
		w := lp.words()
		for _, x := range tc.want {
			if !strings.Contains(w, x) {
				t.Errorf("choice %d: the trainee's side does not say %q:\n%s", tc.choice, x, w)
			}
		}
		for _, x := range tc.not {
			if strings.Contains(w, x) {
				t.Errorf("choice %d: the trainee's side says %q:\n%s", tc.choice, x, w)
			}
		}
		// What the client said, then the trainee's words of the moment,
		// before the options; across, the client's inner experience.
		said, answer, options := strings.Index(w, "SAM SAID"), strings.Index(w, "YOUR RECALL"), strings.Index(w, "THE OPTIONS")
		if !(said >= 0 && answer > said && options > answer) {
			t.Errorf("choice %d: the trainee's words are not between what the client said and the options:\n%s", tc.choice, w)
		}
		if tc.choice == 1 && !strings.Contains(rp.words(), "He expects to be told he is doing it wrong") {
			t.Errorf("choice 1: the client's side does not give the inner experience:\n%s", rp.words())
		}
	}
	// The recording's answers, as the debrief reads them.
	db, err := debrief.Build(sc, parseLines(t, recordingLines(t, a)))
	if err != nil {
		t.Fatal(err)
	}
	if db.Moments[0].CheckIn == nil || db.Moments[2].CheckIn == nil {
		t.Error("the answers are not read back beside their moments")
	}
}
