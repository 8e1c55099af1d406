package ui

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios"
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

// clientSideWords are words of the check-in course's client's side of its
// first choice, each with where it shows: Sam's inner experience and what
// the choice changed across from the trainee, and on the trainee's side
// what the author says the pull they noticed tends to do.
var clientSideWords = []struct {
	what  string
	words string
	left  bool // on the trainee's side
}{
	{"Sam's inner experience", "He expects to be told he is doing it wrong", false},
	{"what the choice changed", "WHAT IT CHANGED", false},
	{"what the author says the pull tends to do", "The author: Reassurance that comes too soon", true},
}

// traineeSideWords are the trainee's own of the first choice, which stay
// in view when the client's side is hidden: what Sam said, their check-in
// answer and the option they chose.
var traineeSideWords = []string{
	"I've tried everything, and I'm tired of talking.",
	"A pull to reassure him that this time will be different",
	"“a wish to fix it”",
	"THE OPTIONS",
}

// checkShown holds the debrief's two sides of its choice in hand to
// showing the client's side (shown) or hiding it, the rubric's grades
// with it (grades, the skills the choice was an opportunity for, when it
// was one) and the timeline, and always the trainee's own side.
func checkShown(t *testing.T, s *debriefScreen, shown bool, grades []string, when string) {
	t.Helper()
	lp, rp := s.panels(s.layout())
	for _, c := range clientSideWords {
		w := rp.words()
		if c.left {
			w = lp.words()
		}
		if got := strings.Contains(w, c.words); got != shown {
			t.Errorf("%s: %s shown = %v, want %v:\n%s", when, c.what, got, shown, w)
		}
	}
	for _, g := range grades {
		if got := strings.Contains(lp.words(), g); got != shown {
			t.Errorf("%s: the grade %q shown = %v, want %v", when, g, got, shown)
		}
	}
	for _, w := range traineeSideWords {
		if !strings.Contains(lp.words(), w) {
			t.Errorf("%s: the trainee's side does not show %q:\n%s", when, w, lp.words())
		}
	}
	// The timeline, which shows what each choice changed, is hidden
	// while the trainee writes and throughout recall first.
	if got, want := !s.layout().tl.Empty(), shown && !s.recallFirst; got != want {
		t.Errorf("%s: the timeline shown = %v, want %v", when, got, want)
	}
}

// gradesOf are the words the trainee's side gives the rubric's grades of
// choice n of s's run.
func gradesOf(s *debriefScreen, n int) []string {
	skills := s.d.Scenario.Rubric().Skills
	var out []string
	for _, mk := range s.d.Moments[n-1].Marks {
		out = append(out, skills[mk.Skill].Name+": "+debrief.GradeWords(mk.Grade))
	}
	return out
}

// TestRecallHidesClientSide: while the trainee writes their recall of a
// choice, the client's side of it is hidden (Sam's inner experience, what
// the choice changed and the timeline of it, what the author says their
// pull tends to do, the rubric's grades), and the editor asks an
// inquirer's questions naming Sam; what Sam said, their check-in answer
// and their choice stay in view. Saved, their recall shows beside the
// client's side, shown again; cancelled, so is the client's side.
func TestRecallHidesClientSide(t *testing.T) {
	a := newTestApp(t, Options{Scenario: checkInPath, Trainee: "Alex Smith"})
	d, end := playCheckInCourse(t, a)
	s := debriefFromEnd(t, a, d, end)
	grades := gradesOf(s, 1)
	checkShown(t, s, true, grades, "before the recall")

	for _, tc := range []struct {
		name string
		end  func()
	}{
		{"cancelled", func() { d.press(ebiten.KeyEscape) }},
		{"saved", func() { d.typeText("Tight in the chest."); d.press(ebiten.KeyEnter) }},
	} {
		d.typeText("r")
		if s.mode != dmRecall {
			t.Fatalf("R opened mode %v", s.mode)
		}
		checkShown(t, s, false, grades, "writing, to be "+tc.name)
		leads := strings.Join(s.recallEditorLeads(), "\n")
		for _, q := range []string{"What did you want to say, and didn’t?", "What did you think Sam was feeling about you?", "What did you want Sam to think of you?"} {
			if !strings.Contains(leads, q) {
				t.Errorf("the recall's editor does not ask %q:\n%s", q, leads)
			}
		}
		tc.end()
		if s.mode != dmView {
			t.Fatalf("%s: the debrief is in mode %v", tc.name, s.mode)
		}
		checkShown(t, s, true, grades, tc.name)
	}
	lp, _ := s.panels(s.layout())
	if !strings.Contains(lp.words(), "Tight in the chest.") {
		t.Errorf("the recall saved is not on the trainee's side:\n%s", lp.words())
	}

	// The rubric's grades of a choice that was an opportunity for a
	// skill: hidden while the trainee writes, shown after.
	n := 0
	for _, mo := range s.d.Moments {
		if len(mo.Marks) > 0 && n == 0 {
			n = mo.N
		}
	}
	if n == 0 {
		t.Fatal("no choice of the course was an opportunity for a skill")
	}
	s.step(n)
	grades = gradesOf(s, n)
	has := func(want bool, when string) {
		t.Helper()
		lp, _ := s.panels(s.layout())
		for _, g := range grades {
			if got := strings.Contains(lp.words(), g); got != want {
				t.Errorf("choice %d, %s: the grade %q shown = %v, want %v", n, when, g, got, want)
			}
		}
	}
	has(true, "before the recall")
	d.typeText("r")
	has(false, "writing")
	d.press(ebiten.KeyEscape)
	has(true, "cancelled")
}

// TestRecallFirst: recall first (F, or its switch) hides the client's
// side of each choice of the trainee's own run until they have written
// their recall of it or shown it (S, or the button in its place); what
// they chose and what the client said stay in view; turned off, it shows
// every choice's client's side again; and nothing of it is recorded.
func TestRecallFirst(t *testing.T) {
	dir := t.TempDir()
	a := newTestApp(t, Options{Scenario: checkInPath, Trainee: "Alex Smith", DataDir: dir})
	d, end := playCheckInCourse(t, a)
	s := debriefFromEnd(t, a, d, end)
	path := filepath.Join(dir, "runs", a.course.name)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.recallFirst {
		t.Fatal("recall first is on when the debrief opens")
	}
	if s.layout().toggle.Empty() {
		t.Fatal("the debrief of the trainee's own run has no switch of recall first")
	}
	grades := gradesOf(s, 1)
	hidden := func(n int) bool { s.step(n); return s.clientHidden() }
	shownAt := func(want ...bool) {
		t.Helper()
		for i, w := range want {
			if got := !hidden(i + 1); got != w {
				t.Errorf("choice %d: the client's side shown = %v, want %v", i+1, got, w)
			}
		}
	}

	d.typeText("f")
	if !s.recallFirst {
		t.Fatal("F did not turn recall first on")
	}
	s.step(1)
	checkShown(t, s, false, grades, "recall first, choice 1")
	_, rp := s.panels(s.layout())
	for _, w := range []string{"SAM’S SIDE · HIDDEN UNTIL YOUR RECALL", "Show Sam’s side (S)", "What did you think Sam was feeling about you?", "What did you want Sam to think of you?"} {
		if !strings.Contains(rp.words(), w) {
			t.Errorf("the hidden side does not say %q:\n%s", w, rp.words())
		}
	}
	shownAt(false, false, false)

	// Choice 1 recalled, choice 2 shown by S, choice 3 by the button.
	s.step(1)
	d.typeText("r")
	d.typeText("I wanted him to hope.")
	d.press(ebiten.KeyEnter)
	checkShown(t, s, true, grades, "recall first, choice 1 recalled")
	s.step(2)
	graded := func(want bool) {
		t.Helper()
		lp, _ := s.panels(s.layout())
		for _, g := range gradesOf(s, 2) {
			if got := strings.Contains(lp.words(), g); got != want {
				t.Errorf("recall first, choice 2: the grade %q shown = %v, want %v", g, got, want)
			}
		}
	}
	if len(gradesOf(s, 2)) == 0 {
		t.Fatal("choice 2 was an opportunity for no skill")
	}
	graded(false)
	d.typeText("s")
	graded(true)
	shownAt(true, true, false)
	s.step(3)
	l := s.layout()
	_, rp = s.panels(l)
	var show image.Rectangle
	for _, b := range rp.buttons {
		if b.act == actReveal {
			show = b.r.Add(image.Pt(l.rightView.Min.X, l.rightView.Min.Y-int(s.scroll[1].off)))
		}
	}
	if show.Empty() {
		t.Fatal("the hidden side has no button to show it")
	}
	d.click(center(show))
	shownAt(true, true, true)

	// Off, by the switch: every choice shown, the timeline back; on
	// again, the choices shown stay shown.
	d.click(center(s.layout().toggle))
	if s.recallFirst {
		t.Fatal("a click on the switch did not turn recall first off")
	}
	if s.layout().tl.Empty() {
		t.Error("recall first off, the timeline is hidden")
	}
	d.typeText("f")
	shownAt(true, true, true)

	// A way of viewing: the recording holds the recall, and nothing else
	// new.
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(after, before) {
		t.Fatal("the recording was rewritten")
	}
	added := strings.Split(strings.TrimSpace(string(after[len(before):])), "\n")
	if len(added) != 1 || !strings.Contains(added[0], `"type":"recall"`) {
		t.Errorf("recall first added to the recording:\n%s", after[len(before):])
	}
}

// TestRecallFirstNotForInstructors: an instructor opening a trainee's run
// sees every choice's client's side as before: there is no switch of
// recall first, F and S do nothing, the timeline is shown.
func TestRecallFirstNotForInstructors(t *testing.T) {
	dir := t.TempDir()
	a := newTestApp(t, Options{Scenario: checkInPath, Trainee: "Alex Smith", DataDir: dir})
	playCheckInCourse(t, a)
	b := newTestApp(t, Options{Dir: "testdata", Replay: []string{filepath.Join(dir, "runs", a.course.name)}, Trainee: "Dr Reyes"})
	s := opened[*debriefScreen](t, b)
	d := newDriver(t, b)
	if !s.layout().toggle.Empty() {
		t.Error("the instructor's debrief has a switch of recall first")
	}
	d.typeText("f")
	d.typeText("s")
	if s.recallFirst {
		t.Error("F turned recall first on in the instructor's debrief")
	}
	grades := gradesOf(s, 1)
	lp, rp := s.panels(s.layout())
	for _, c := range clientSideWords {
		w := rp.words()
		if c.left {
			w = lp.words()
		}
		if !strings.Contains(w, c.words) {
			t.Errorf("the instructor does not see %s:\n%s", c.what, w)
		}
	}
	for _, g := range grades {
		if !strings.Contains(lp.words(), g) {
			t.Errorf("the instructor does not see the grade %q", g)
		}
	}
	if s.layout().tl.Empty() {
		t.Error("the instructor's debrief hides the timeline")
	}
}

// recallSetups are the screens of the trainee's recall, drawn by
// TestRecallScreens: writing it, the client's side hidden and the
// inquirer's questions in its place, and stepping through the run
// recall first.
var recallSetups = []struct {
	name  string
	setup func(t *testing.T, size image.Point) *app
}{
	{"recall-writing", func(t *testing.T, size image.Point) *app {
		a, d, _ := debriefAtCheckIn(t, size)
		d.typeText("r")
		d.typeText("When she said it might not be for her I heard that I was failing")
		return a
	}},
	{"recall-first", func(t *testing.T, size image.Point) *app {
		a, d, _ := debriefAtCheckIn(t, size)
		d.typeText("f")
		d.idle(1)
		a.notice = ""
		return a
	}},
}

// debriefAtCheckIn plays the shipped course as a trainee who mostly
// chooses well, answering its first check-in, and opens the debrief of
// the run at that choice.
func debriefAtCheckIn(t *testing.T, size image.Point) (*app, *driver, *debriefScreen) {
	a := newTestApp(t, Options{Scenario: scenarios.Default, Trainee: "Alex Smith"})
	d := newDriver(t, a)
	d.size = size
	first := 0
	for i := 0; ; i++ {
		if s, ok := a.screen.(*sessionScreen); ok && !s.parting {
			d.reveal()
			if s.ask != nil {
				if first == 0 {
					first = a.course.run.Choices() + 1
					d.press(digitKey(2))
					d.typeText("A sinking feeling, and I want to smooth it over")
				}
				d.press(ebiten.KeyEnter)
			}
		}
		if !d.step(marked(sim.IntendedGood), false) {
			break
		}
	}
	e := screenOf[*endScreen](t, a)
	d.settle()
	e.do(2)
	s := opened[*debriefScreen](t, a)
	s.step(first)
	d.idle(1)
	return a, d, s
}

// TestRecallScreens draws the screens of recall at 1280×800 (written to
// docs/screenshots with -shots) and, with SUPERVISION_SHOTS=DIR, at
// 1280×720 and 1024×640 too, to DIR, to look at.
func TestRecallScreens(t *testing.T) {
	needDisplay(t)
	dir := os.Getenv("SUPERVISION_SHOTS")
	sizes := []struct {
		suffix string
		size   image.Point
	}{{"", image.Pt(1280, 800)}, {"-720", image.Pt(1280, 720)}, {"-1024", image.Pt(1024, 640)}}
	for _, sc := range recallSetups {
		for _, sz := range sizes {
			t.Run(sc.name+sz.suffix, func(t *testing.T) {
				a := sc.setup(t, sz.size)
				j := render(t, a, sz.size, 2, func(int) input { return input{Keys: []ebiten.Key{}} })
				if flat(j.shot, j.shot.Bounds()) {
					t.Fatal("the screen is one flat colour")
				}
				if *shots && sz.suffix == "" {
					savePNG(t, filepath.Join("..", "docs", "screenshots", sc.name+".png"), j.shot)
				}
				if dir != "" {
					savePNG(t, filepath.Join(dir, sc.name+sz.suffix+".png"), j.shot)
				}
			})
		}
	}
}
