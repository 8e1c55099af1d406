package ui

import (
	"image"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/classroom"
)

// newClassApp builds an app in class mode, as a page served by the class
// server srv starts, on st (the browser's storage: pass the same one to
// play a reload), and shows its first screen.
func newClassApp(t *testing.T, srv *httptest.Server, st storage) *app {
	t.Helper()
	a, err := newApp(Options{}, st)
	if err != nil {
		t.Fatal(err)
	}
	a.now = func() time.Time { return testNow }
	a.seed = func() uint64 { return 1 }
	a.beginClass(newClassClient(srv.URL, ""))
	t.Cleanup(a.class.stop)
	a.begin()
	return a
}

// joinAnswer runs frames until the picker has the server's answer to
// the join Start asked for.
func (d *driver) joinAnswer() {
	d.t.Helper()
	waitFor(d.t, func() bool {
		d.idle(1)
		return d.a.class.joining == nil
	})
}

// backspace empties the focused field of the picker.
func (d *driver) backspaces(n int) {
	for range n {
		d.press(ebiten.KeyBackspace)
	}
}

func TestClassPickerJoins(t *testing.T) {
	tests := []struct {
		name    string
		code    string
		down    bool
		started bool
		said    string // what the picker says, in part
		warn    bool
	}{
		{name: "the right code", code: "KXR4TP", started: true, said: "You have joined the class as Alex Smith"},
		{name: "a wrong code", code: "ABC123", said: "That is not this class's code: check it with your instructor.", warn: true},
		{name: "the server down", code: "KXR4TP", down: true, said: "The class server cannot be reached", warn: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, srv := newFakeClass(t)
			st := newMemStorage("")
			st.Set(keyTrainee, "Alex Smith")
			a := newClassApp(t, srv, st)
			d := newDriver(t, a)
			p := pickerOf(t, a)
			if p.focus != pfCode {
				t.Errorf("focus %d, want the class code's field (the name is remembered, the code not)", p.focus)
			}
			if l := p.layout(); l.code.Empty() || l.code.Overlaps(l.field) {
				t.Errorf("class code field %v beside the name's %v", l.code, l.field)
			}
			d.typeText(tt.code)
			if string(p.code) != tt.code || string(p.name) != "Alex Smith" {
				t.Fatalf("typed into code %q and name %q", string(p.code), string(p.name))
			}
			f.do(func(f *fakeClass) { f.down = tt.down })
			d.press(ebiten.KeyEnter)
			if a.class.joining == nil {
				t.Fatal("Start did not ask the server")
			}
			d.joinAnswer()
			if got := a.course != nil; got != tt.started {
				t.Fatalf("course started: %v, want %v (the picker says %q)", got, tt.started, a.class.said)
			}
			if tt.started {
				if code, _ := a.store.Get(keyClassCode); code != tt.code {
					t.Errorf("code remembered %q, want %q", code, tt.code)
				}
				if code, _ := a.store.Get(keyRunClass + a.course.name); code != tt.code {
					t.Errorf("the run is not marked as the class's (%q)", code)
				}
				return
			}
			p = pickerOf(t, a)
			if !strings.Contains(a.class.said, tt.said) || a.class.warn != tt.warn {
				t.Errorf("the picker says %q (warning %v), want %q (warning %v)", a.class.said, a.class.warn, tt.said, tt.warn)
			}
			if l := p.layout(); l.said == nil || l.saidY+l.said.height > l.nameLabelY || l.said.height == 0 {
				t.Errorf("the picker's line about the class is not shown above the fields")
			}
			names, _ := a.store.Recordings()
			if len(names) != 0 {
				t.Errorf("recordings %q made without joining", names)
			}
			// Try again, better: the course starts.
			f.do(func(f *fakeClass) { f.down = false })
			if tt.code != f.code {
				p.focus = pfCode
				d.backspaces(len(tt.code))
				d.typeText(f.code)
			}
			d.press(ebiten.KeyEnter)
			d.joinAnswer()
			if a.course == nil {
				t.Fatalf("no course after joining with the right code: %q", a.class.said)
			}
		})
	}
}

func TestClassPickerOffersTheInstructorsScenarios(t *testing.T) {
	f, srv := newFakeClass(t)
	mini, err := os.ReadFile(miniPath)
	if err != nil {
		t.Fatal(err)
	}
	f.scenarios = []classroom.Source{{Name: "mini.toml", TOML: string(mini)}, {Name: "broken.toml", TOML: "title = "}}
	st := newMemStorage("")
	a := newClassApp(t, srv, st)
	d := newDriver(t, a)
	d.typeText("KXR4TP")
	d.press(ebiten.KeyTab)
	d.typeText("  Alex Smith")
	d.press(ebiten.KeyEnter)
	d.joinAnswer()
	// Joined: the picker shows them before anything starts.
	p := pickerOf(t, a)
	e := a.entries[p.sel]
	if e.sc == nil || e.sc.Title != "Mini" || !e.class {
		t.Fatalf("selected %q, want the instructor's Mini", e.title())
	}
	if chips := p.chips(); chips[len(chips)-1] != "from your instructor" {
		t.Errorf("chips %q", chips)
	}
	last := a.entries[len(a.entries)-1]
	if last.path != "broken.toml" || last.err == nil {
		t.Errorf("a scenario that does not load is offered as %q (%v)", last.path, last.err)
	}
	d.press(ebiten.KeyEnter)
	if a.course == nil || a.course.e != e {
		t.Fatal("Start did not start the instructor's scenario")
	}
	if a.course.trainee != "Alex Smith" {
		t.Errorf("trainee %q, want the name as the server keeps it", a.course.trainee)
	}
	// Its copy is kept beside the recording, for a reload.
	if _, _, err := a.store.Kept(".toml", e.sc.Hash); err != nil {
		t.Errorf("no copy kept of the instructor's scenario: %v", err)
	}
	// Played, every choice reaches the server.
	d.reveal()
	d.press(digitKey(1))
	name := a.course.name
	waitFor(t, func() bool { return f.held(name) == 1 })
	waitFor(t, func() bool { st, _ := a.classStatus(); w, _ := st.words(); return w == "Sent to your instructor" })

	// A reload: the resume prompt, already joined, the scenario offered.
	a.endCourse()
	a.class.stop()
	b := newClassApp(t, srv, st)
	if b.class.code != f.code || b.class.trainee != "Alex Smith" {
		t.Errorf("after a reload: joined %q as %q", b.class.code, b.class.trainee)
	}
	r := screenOf[*resumeScreen](t, b)
	if r.rc.err != nil || r.rc.e.sc.Title != "Mini" {
		t.Fatalf("the resume prompt offers %v (%v)", r.rc.e, r.rc.err)
	}
	db := newDriver(t, b)
	db.press(ebiten.KeyEnter)
	db.reveal()
	db.press(digitKey(1))
	waitFor(t, func() bool { return f.held(name) == 2 })
}

func TestClassPickerWithoutClass(t *testing.T) {
	a := newTestApp(t, Options{})
	p := pickerOf(t, a)
	l := p.layout()
	if !l.code.Empty() || l.said != nil {
		t.Error("a page outside class mode shows the class code's field")
	}
	if a.canDownload() {
		t.Error("the desktop offers to download a recording it has on disk")
	}
	if _, ok := a.classStatus(); ok {
		t.Error("a class status outside class mode")
	}
	order := p.focusOrder()
	for _, f := range order {
		if f == pfCode {
			t.Error("Tab reaches a class code field outside class mode")
		}
	}
}

// Each status says where the run is in the trainee's words, and has a
// short form for a narrow place.
func TestClassStatusWords(t *testing.T) {
	tests := []struct {
		st    runStatus
		words string
		short string
		warn  bool
	}{
		{runStatus{}, "Your choices are sent to your instructor as you make them", "Your choices are sent to your instructor as you make them", false},
		{runStatus{choices: 3, acked: 3}, "Sent to your instructor", "Sent to your instructor", false},
		{runStatus{choices: 4, acked: 3}, "Sending to your instructor…", "Sending to your instructor…", false},
		{runStatus{choices: 6, acked: 3, failing: "down"}, "3 choices waiting to be sent — keep this page open; they are kept in this browser", "3 choices waiting to be sent", false},
		{runStatus{choices: 1, failing: "down"}, "1 choice waiting to be sent — keep this page open; they are kept in this browser", "1 choice waiting to be sent", false},
		{runStatus{choices: 2, refused: "the run was played with TheraSim 0.1.0 and this server is TheraSim 0.2.0: reload the page"},
			"Not sent to your instructor: the run was played with TheraSim 0.1.0 and this server is TheraSim 0.2.0: reload the page. Your run is kept in this browser; you can download it at the end.",
			"Not sent to your instructor", true},
	}
	for _, tt := range tests {
		w, warn := tt.st.words()
		if w != tt.words || warn != tt.warn || tt.st.shortWords() != tt.short {
			t.Errorf("%+v says %q (warning %v) and %q,\nwant %q (%v) and %q", tt.st, w, warn, tt.st.shortWords(), tt.words, tt.warn, tt.short)
		}
	}
}

// The short forms fit where the status goes at the smallest window.
func TestClassStatusFitsTheSmallestWindow(t *testing.T) {
	a, err := newApp(Options{}, newMemStorage(""))
	if err != nil {
		t.Fatal(err)
	}
	a.setSize(image.Pt(800, 500), 1)
	ts := a.ts
	m := a.m
	// The session's top bar, beside "Session 6 of 6", left of the
	// timeline of six sessions and the assessment chip.
	W := a.size.X
	room := float64(W) - 2*float64(m.u(28)) - float64(6*m.u(30)+5*m.u(12)) - float64(m.u(24)) -
		float64(a.chipWidth("Assessment mode", true)+m.u(16)) - ts.width("SESSION 6 OF 6", fLabel) - float64(m.u(20))
	for _, st := range []runStatus{{choices: 60, acked: 1, failing: "x"}, {refused: "x"}, {choices: 1, acked: 1}} {
		if w := ts.width(st.shortWords(), fSmall); w > room {
			t.Errorf("%q is %.0f wide; the session's top bar has %.0f at 800×500", st.shortWords(), w, room)
		}
	}
}

// classShots is where TestClassScreens writes every screen it renders, to
// look at; "" writes none.
var classShots = os.Getenv("THERASIM_CLASS_SHOTS")

// TestClassScreens renders the class picker and the session, week and end
// screens with their status lines at 1280×800, 1024×640 and 800×500, and
// saves class-picker.png and class-session.png with -shots.
func TestClassScreens(t *testing.T) {
	needDisplay(t)
	picker := func(code string) screenSetup {
		return func(t *testing.T) *app {
			f, srv := newFakeClass(t)
			mini, _ := os.ReadFile(miniPath)
			f.scenarios = []classroom.Source{{Name: "mini.toml", TOML: string(mini)}}
			a := newClassApp(t, srv, newMemStorage(""))
			d := newDriver(t, a)
			d.typeText(code)
			d.press(ebiten.KeyTab)
			d.typeText("Alex Smith")
			d.press(ebiten.KeyEnter)
			d.joinAnswer()
			return a
		}
	}
	// playing plays choices choices of the default course with the
	// server down, so that they wait to be sent.
	playing := func(choices int, down bool, until func(d *driver) bool) func(t *testing.T) *app {
		return func(t *testing.T) *app {
			f, srv := newFakeClass(t)
			st := newMemStorage("")
			st.Set(keyTrainee, "Alex Smith")
			st.Set(keyClassCode, f.code)
			a := newClassApp(t, srv, st)
			a.class.sync.setWaits(time.Hour, time.Hour) // one failure, then it waits
			d := newDriver(t, a)
			d.press(ebiten.KeyEnter)
			if a.course == nil {
				t.Fatalf("no course: %q", a.class.said)
			}
			f.do(func(f *fakeClass) { f.down = down })
			for i := 0; i < choices || until != nil && !until(d); i++ {
				d.step(careful, true)
			}
			name := a.course.name
			waitFor(t, func() bool {
				st, _ := a.class.sync.status(name)
				return st.failing != "" || st.acked == st.choices && st.choices > 0
			})
			d.settle()
			d.idle(2)
			return a
		}
	}
	setups := []namedSetup{
		{"class-picker", picker("KXR4TP")},
		{"class-picker-refused", picker("KXR-4TX")},
		{"class-end", func(t *testing.T) *app {
			downloadable = true
			t.Cleanup(func() { downloadable = false })
			return playing(0, true, func(d *driver) bool { _, ok := d.a.screen.(*endScreen); return ok })(t)
		}},
		{"class-session", playing(3, true, nil)},
		{"class-session-sent", playing(2, false, nil)},
		{"class-week", playing(0, true, func(d *driver) bool { _, ok := d.a.screen.(*weekScreen); return ok })},
	}
	sizes := []struct {
		suffix string
		size   image.Point
	}{{"", image.Pt(1280, 800)}, {"-1024", image.Pt(1024, 640)}, {"-800x500", image.Pt(800, 500)}}
	for _, sc := range setups {
		for _, sz := range sizes {
			t.Run(sc.name+sz.suffix, func(t *testing.T) {
				a := sc.setup(t)
				j := render(t, a, sz.size, 2, nil)
				if flat(j.shot, j.shot.Bounds()) {
					t.Fatal("the screen is one flat colour")
				}
				if classShots != "" {
					savePNG(t, classShots+"/"+sc.name+sz.suffix+".png", j.shot)
				}
				if *shots && sz.suffix == "" && (sc.name == "class-picker" || sc.name == "class-session") {
					savePNG(t, "../docs/screenshots/"+sc.name+".png", j.shot)
				}
			})
		}
	}
}
