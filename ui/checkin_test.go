package ui

import (
	"encoding/json"
	"image"
	"reflect"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// checkInPath is a scenario with a check-in in each of its two sessions:
// at the first choice (four pulls) and at the third (two pulls).
const checkInPath = "testdata/checkin.toml"

// checkInApp starts the check-in scenario in a fresh folder and shows the
// first prompt's words whole.
func checkInApp(t *testing.T, dir string) (*app, *driver) {
	t.Helper()
	a := newTestApp(t, Options{Scenario: checkInPath, Trainee: "Alex Smith", DataDir: dir})
	d := newDriver(t, a)
	d.reveal()
	return a, d
}

// lineTypes are the types of a recording's lines, in order.
func lineTypes(t *testing.T, lines []string) []string {
	t.Helper()
	var out []string
	for _, l := range lines[1:] {
		var v struct{ Type string }
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		out = append(out, v.Type)
	}
	return out
}

// lastCheckIn is the recording's last check-in answer.
func lastCheckIn(t *testing.T, a *app) sim.CheckInAnswer {
	t.Helper()
	rec, err := sim.ParseRecording([]byte(strings.Join(recordingLines(t, a), "\n") + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.CheckIns) == 0 {
		t.Fatal("the recording holds no check-in")
	}
	return rec.CheckIns[len(rec.CheckIns)-1]
}

// TestCheckInAnswers: the check-in is asked, once the client's words are
// shown, in place of the options; its numbers toggle the pulls, typing
// writes the trainee's own words, and the answer is recorded before the
// choice (an empty one for "Nothing to note", or Enter with nothing).
func TestCheckInAnswers(t *testing.T) {
	for _, tc := range []struct {
		name   string
		answer func(d *driver, s *sessionScreen)
		pulls  []string
		text   string
	}{
		{"pulls by number, words typed, Enter", func(d *driver, s *sessionScreen) {
			d.press(digitKey(1))
			d.press(digitKey(3))
			d.press(digitKey(2))
			d.press(digitKey(2)) // toggled back off
			d.typeText("tight chest, 2 thoughts")
			d.press(ebiten.KeyEnter)
		}, []string{"rescue", "withdraw"}, "tight chest, 2 thoughts"},
		{"words pasted, the Continue button", func(d *driver, s *sessionScreen) {
			d.press(digitKey(4))
			d.frame(input{Paste: "I want\nto argue with him."})
			d.click(s.onScreen(s.layout().ci.cont))
		}, []string{"irritation"}, "I want to argue with him."},
		{"pulls by click and Space", func(d *driver, s *sessionScreen) {
			d.click(s.onScreen(s.layout().ci.pulls[1]))
			d.press(ebiten.KeyTab) // the focus on the first pull
			d.press(ebiten.KeySpace)
			d.press(ebiten.KeyEnter)
		}, []string{"rescue", "defend"}, ""},
		{"Nothing to note, whatever was chosen", func(d *driver, s *sessionScreen) {
			d.press(digitKey(1))
			d.typeText("hm")
			d.click(s.onScreen(s.layout().ci.skip))
		}, nil, ""},
		{"Enter with nothing chosen", func(d *driver, s *sessionScreen) {
			d.press(ebiten.KeyEnter)
		}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, d := checkInApp(t, t.TempDir())
			s := d.session()
			if s.ask == nil {
				t.Fatal("the first prompt's check-in is not asked")
			}
			if len(s.options()) != 0 || len(s.layout().options) != 0 {
				t.Fatal("the options are on screen with the check-in")
			}
			tc.answer(d, s)
			if s.ask != nil {
				t.Fatal("the check-in is still asked after its answer")
			}
			if a.course.run.Choices() != 0 {
				t.Fatalf("%d choices made while answering the check-in", a.course.run.Choices())
			}
			got := lastCheckIn(t, a)
			want := sim.CheckInAnswer{Type: "check_in", Choice: 1, Session: 1, Beat: "hello", Pulls: tc.pulls, Text: tc.text, Time: testNow.Format("2006-01-02T15:04:05Z07:00")}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("recorded %+v\nwant      %+v", got, want)
			}
			// The options come, and the choice is recorded after the answer.
			d.press(digitKey(1))
			if a.course.run.Choices() != 1 {
				t.Fatal("the first option was not chosen after the check-in")
			}
			if got, want := lineTypes(t, recordingLines(t, a)), []string{"check_in", "choice"}; !reflect.DeepEqual(got, want) {
				t.Errorf("lines %v, want %v", got, want)
			}
		})
	}
}

// TestCheckInWords: the check-in's own words take at most checkInMost
// characters, and the trainee is told when some were left out; Esc leaves
// the words (the menu does not open) and numbers then toggle the pulls
// again.
func TestCheckInWords(t *testing.T) {
	a, d := checkInApp(t, t.TempDir())
	s := d.session()
	d.frame(input{Paste: strings.Repeat("a", checkInMost-2) + " and more"})
	if n := len(s.ask.words); n != checkInMost {
		t.Errorf("the words hold %d characters, want %d", n, checkInMost)
	}
	if !strings.Contains(a.notice, "at most 600 characters") {
		t.Errorf("the notice says %q", a.notice)
	}
	d.typeText("b")
	if n := len(s.ask.words); n != checkInMost {
		t.Errorf("typed past the end: %d characters", n)
	}
	if s.ask.focus != s.ask.atWords() {
		t.Fatal("pasting did not put the focus on the words")
	}
	d.press(digitKey(2)) // typed into the words: they are full
	if s.ask.chosen[1] {
		t.Error("a number typed into the words toggled a pull")
	}
	d.press(ebiten.KeyEscape)
	if a.menu != nil || s.ask.focus == s.ask.atWords() {
		t.Fatalf("Esc in the words: menu %v, focus %d", a.menu != nil, s.ask.focus)
	}
	d.press(digitKey(2))
	if !s.ask.chosen[1] {
		t.Error("after Esc, 2 did not toggle the second pull")
	}
	d.press(ebiten.KeyEscape)
	if a.menu == nil {
		t.Error("Esc outside the words did not open the menu")
	}
}

// onScreen is where r, a rectangle of the conversation's content, is on
// screen, at its centre, scrolled into view first (as the trainee would).
func (s *sessionScreen) onScreen(r image.Rectangle) image.Point {
	lay := s.layout()
	s.scroll.show(r.Min.Y, r.Max.Y, lay.view.Dy())
	return center(r.Add(image.Pt(lay.view.Min.X, lay.view.Min.Y-int(s.scroll.off))))
}

// TestCheckInAskedOnce: each check-in is asked once, at its own moment;
// the prompts that ask none show their options at once.
func TestCheckInAskedOnce(t *testing.T) {
	a, d := checkInApp(t, t.TempDir())
	var asked []int // the choices whose moment asked
	for i := 0; a.course != nil && !a.course.run.Done(); i++ {
		if i > 200 {
			t.Fatal("the course did not end")
		}
		s, ok := a.screen.(*sessionScreen)
		if !ok || s.parting {
			d.step(careful, false)
			continue
		}
		d.reveal()
		n := a.course.run.Choices() + 1
		if s.ask != nil {
			asked = append(asked, n)
			d.press(ebiten.KeyEnter)
			if s.ask != nil {
				t.Fatalf("choice %d: asked again after its answer", n)
			}
		}
		d.press(digitKey(careful(s.prompt)))
	}
	if want := []int{1, 3}; !reflect.DeepEqual(asked, want) {
		t.Errorf("check-ins asked at choices %v, want %v", asked, want)
	}
	rec := parseLines(t, recordingLines(t, a))
	if len(rec.CheckIns) != 2 || rec.CheckIns[0].Choice != 1 || rec.CheckIns[1].Choice != 3 {
		t.Errorf("check-ins recorded %+v", rec.CheckIns)
	}
}

func parseLines(t *testing.T, lines []string) *sim.Recording {
	t.Helper()
	rec, err := sim.ParseRecording([]byte(strings.Join(lines, "\n") + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestCheckInResume: a course resumed at a moment whose check-in was
// answered goes on to the options; one resumed before the answer asks it.
func TestCheckInResume(t *testing.T) {
	for _, tc := range []struct {
		name     string
		answered bool
	}{{"answered before closing", true}, {"closed before answering", false}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			a, d := checkInApp(t, dir)
			if tc.answered {
				d.press(digitKey(2))
				d.press(ebiten.KeyEnter)
			}
			a.endCourse()
			b := newTestApp(t, Options{Dir: "testdata", DataDir: dir})
			bd := newDriver(t, b)
			bd.press(ebiten.KeyEnter) // Resume
			s := bd.session()
			bd.reveal()
			if (s.ask != nil) == tc.answered {
				t.Fatalf("resumed with the check-in asked = %v", s.ask != nil)
			}
			if tc.answered && len(s.options()) == 0 {
				t.Fatal("no options after the answered check-in")
			}
			if !tc.answered {
				bd.press(ebiten.KeyEnter)
			}
			bd.press(digitKey(1))
			rec := parseLines(t, recordingLines(t, b))
			if len(rec.CheckIns) != 1 || len(rec.Choices) != 1 {
				t.Errorf("the recording holds %d check-ins and %d choices, want one of each", len(rec.CheckIns), len(rec.Choices))
			}
		})
	}
}

// TestCheckInReplays: a whole course played through the window with its
// check-ins answered replays, and verifies as 'therasim replay verify'
// does, to the run played; the debrief sets each answer beside its
// moment.
func TestCheckInReplays(t *testing.T) {
	dir := t.TempDir()
	a, d := checkInApp(t, dir)
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
	run := a.course.run
	rec := parseLines(t, recordingLines(t, a))
	if len(rec.CheckIns) != 2 {
		t.Fatalf("%d check-ins recorded, want 2", len(rec.CheckIns))
	}
	sc := scenariotest.Load(t, checkInPath)
	p, err := debrief.Resolve(rec, sc, a.model, nil)
	if err != nil {
		t.Fatal(err)
	}
	replayed, err := sim.Replay(p.Scenario, rec)
	if err != nil {
		t.Fatalf("does not verify: %v", err)
	}
	if replayed.Fingerprint() != run.Fingerprint() || !replayed.Done() {
		t.Error("the replay ends elsewhere than the run")
	}
	db, err := debrief.Build(sc, rec)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range db.Moments {
		if (m.Asked != nil) != (m.CheckIn != nil) {
			t.Errorf("choice %d: asked %v, answer %v", m.N, m.Asked != nil, m.CheckIn)
		}
		if m.CheckIn != nil && (m.CheckIn.Text != "a wish to fix it" || len(m.CheckIn.Pulls) != 1) {
			t.Errorf("choice %d: answer %+v", m.N, m.CheckIn)
		}
	}
}
