package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
)

func pickerOf(t *testing.T, a *app) *picker { t.Helper(); return screenOf[*picker](t, a) }

func TestPickerLists(t *testing.T) {
	a := newTestApp(t, Options{Dir: "testdata/dir"})
	p := pickerOf(t, a)
	var titles []string
	for _, e := range a.entries {
		titles = append(titles, e.title())
	}
	// The courses that come with TheraSim, the default first, then the
	// folder's files in name order.
	n := shippedCount(t)
	if titles[0] != "Maya: CBT for depression after redundancy" {
		t.Errorf("the first entry is %q, want the default course", titles[0])
	}
	want := append(slices.Clone(titles[:min(n, len(titles))]), "broken.toml", "Mini")
	if len(titles) != len(want) {
		t.Fatalf("entries %q, want %q", titles, want)
	}
	for i := range want {
		if titles[i] != want[i] {
			t.Errorf("entry %d is %q, want %q", i, titles[i], want[i])
		}
	}
	if a.entries[n].err == nil {
		t.Error("broken.toml loaded without error")
	}
	if p.sel != 0 {
		t.Errorf("selected %d, want the first scenario", p.sel)
	}
	chips := p.chips()
	if len(chips) < 3 || chips[0] != "CBT" || chips[1] != "6 sessions" {
		t.Errorf("chips %q: want the approach and the number of sessions", chips)
	}
	l := p.layout()
	if len(l.dcontent.objectives) != len(a.entries[0].sc.Objectives) || len(l.dcontent.objectives) == 0 {
		t.Errorf("%d objectives shown, want %d", len(l.dcontent.objectives), len(a.entries[0].sc.Objectives))
	}
}

func TestPickerStart(t *testing.T) {
	tests := []struct {
		name    string
		do      func(d *driver, p *picker)
		started bool
		assess  bool
		trainee string
	}{
		{"no name", func(d *driver, p *picker) { d.press(ebiten.KeyEnter) }, false, false, ""},
		{"name and Enter", func(d *driver, p *picker) {
			d.typeText("Alex Smith")
			d.press(ebiten.KeyEnter)
		}, true, false, "Alex Smith"},
		{"backspace", func(d *driver, p *picker) {
			d.typeText("Alexx")
			d.press(ebiten.KeyBackspace)
			d.press(ebiten.KeyEnter)
		}, true, false, "Alex"},
		{"leading space ignored", func(d *driver, p *picker) {
			d.typeText(" Sam")
			d.press(ebiten.KeyEnter)
		}, true, false, "Sam"},
		{"assessment by click", func(d *driver, p *picker) {
			d.typeText("Sam")
			d.click(center(p.layout().toggle))
			d.click(center(p.layout().start))
		}, true, true, "Sam"},
		{"assessment by Tab and Space", func(d *driver, p *picker) {
			d.typeText("Sam")
			d.press(ebiten.KeyTab)
			d.frame(input{Keys: []ebiten.Key{ebiten.KeySpace}, Runes: []rune{' '}})
			d.press(ebiten.KeyEnter)
		}, true, true, "Sam"},
		{"another scenario by mouse", func(d *driver, p *picker) {
			d.typeText("Sam")
			l := p.layout()
			d.click(center(l.cards[1].Add(l.list.Min)))
			d.press(ebiten.KeyEnter)
		}, true, false, "Sam"},
		{"broken scenario", func(d *driver, p *picker) {
			d.typeText("Sam")
			for range shippedCount(d.t) {
				d.press(ebiten.KeyArrowDown)
			}
			d.press(ebiten.KeyEnter)
		}, false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestApp(t, Options{Dir: "testdata/dir"})
			d := newDriver(t, a)
			tt.do(d, pickerOf(t, a))
			if started := a.course != nil; started != tt.started {
				t.Fatalf("started = %v, want %v (screen %T)", started, tt.started, a.screen)
			}
			if !tt.started {
				if a.notice == "" {
					t.Error("refusing to start said nothing")
				}
				return
			}
			if a.course.assess != tt.assess {
				t.Errorf("assess = %v, want %v", a.course.assess, tt.assess)
			}
			if a.course.trainee != tt.trainee {
				t.Errorf("trainee = %q, want %q", a.course.trainee, tt.trainee)
			}
			if tt.name == "another scenario by mouse" && a.course.e.sc.ID != a.entries[1].sc.ID {
				t.Errorf("started %q, want the one clicked", a.course.e.sc.ID)
			}
			rec := recordingLines(t, a)
			if len(rec) != 1 {
				t.Fatalf("recording has %d lines, want the header", len(rec))
			}
		})
	}
}

func TestNameRemembered(t *testing.T) {
	dir := t.TempDir()
	a := newTestApp(t, Options{DataDir: dir})
	d := newDriver(t, a)
	d.typeText("Robin")
	d.press(ebiten.KeyEnter)
	if a.course == nil {
		t.Fatal("did not start")
	}
	a.endCourse()
	b := newTestApp(t, Options{DataDir: dir})
	// The unfinished run is offered first; starting over leads to the picker.
	if _, ok := b.screen.(*resumeScreen); !ok {
		t.Fatalf("screen %T, want the resume prompt", b.screen)
	}
	db := newDriver(t, b)
	db.press(ebiten.KeyArrowRight)
	db.press(ebiten.KeyEnter)
	if got := string(pickerOf(t, b).name); got != "Robin" {
		t.Errorf("name field holds %q, want the remembered Robin", got)
	}
}

func TestOpenDirectly(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		screen string
	}{
		{"shipped id with a name", Options{Scenario: "cbt-depression", Trainee: "Alex"}, "session"},
		{"path with a name", Options{Scenario: miniPath, Trainee: "Alex"}, "session"},
		{"without a name", Options{Scenario: miniPath}, "picker"},
		{"unknown", Options{Scenario: "nope", Trainee: "Alex"}, "picker"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestApp(t, tt.opts)
			switch tt.screen {
			case "session":
				if _, ok := a.screen.(*sessionScreen); !ok {
					t.Fatalf("screen %T, want the session", a.screen)
				}
			case "picker":
				p := pickerOf(t, a)
				if tt.opts.Scenario == miniPath && a.entries[p.sel].sc.ID != "mini" {
					t.Errorf("selected %q, want the scenario opened", a.entries[p.sel].title())
				}
			}
		})
	}
}

// paste pastes s once the screen has settled, as a trainee would.
func paste(d *driver, s string) {
	d.t.Helper()
	d.settle()
	d.frame(input{Paste: s})
}

// TestPickerPaste checks that pasted (or composed) text goes into the
// name field: on one line, without control characters, after what was
// typed, and no longer than a name may be.
func TestPickerPaste(t *testing.T) {
	long := strings.Repeat("abcdefghij", 5)
	tests := []struct {
		name   string
		do     func(d *driver)
		want   string
		notice bool
	}{
		{"a Chinese name", func(d *driver) { paste(d, "王芳") }, "王芳", false},
		{"with Ctrl+V's v", func(d *driver) {
			d.settle()
			d.frame(input{Keys: []ebiten.Key{}, Runes: []rune{'v'}, Ctrl: true, Paste: "Zoë"})
		}, "Zoë", false},
		{"lines, tabs and controls", func(d *driver) {
			paste(d, "  Anna\r\nMaría\tLópez\x07\x00 \n")
		}, "Anna María López", false},
		{"after typing", func(d *driver) {
			d.typeText("Li ")
			paste(d, " Lei")
		}, "Li Lei", false},
		{"an emoji with its joiners", func(d *driver) { paste(d, "Jo 👩\u200d⚕️") }, "Jo 👩\u200d⚕️", false},
		{"too long", func(d *driver) {
			d.typeText("Sam ")
			paste(d, long)
		}, "Sam " + long[:maxNameRunes-4], true},
		{"only spaces", func(d *driver) { paste(d, "\n \t") }, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestApp(t, Options{Dir: "testdata/dir"})
			d := newDriver(t, a)
			tt.do(d)
			if got := string(pickerOf(t, a).name); got != tt.want {
				t.Errorf("name field holds %q, want %q", got, tt.want)
			}
			if (a.notice != "") != tt.notice {
				t.Errorf("notice %q", a.notice)
			}
		})
	}
}

// TestPasteStartsCourse checks that a pasted name is the trainee's.
func TestPasteStartsCourse(t *testing.T) {
	a := newTestApp(t, Options{Dir: "testdata/dir"})
	d := newDriver(t, a)
	paste(d, "李雷\n")
	d.press(ebiten.KeyEnter)
	if a.course == nil {
		t.Fatal("did not start")
	}
	if a.course.trainee != "李雷" {
		t.Errorf("trainee %q, want 李雷", a.course.trainee)
	}
}

// TestTextField checks where pasted text may go: the picker's name field
// while it has the focus, and nowhere else.
func TestTextField(t *testing.T) {
	a := newTestApp(t, Options{Dir: "testdata/dir"})
	d := newDriver(t, a)
	d.idle(1)
	r, ok := a.textField()
	if !ok || r != pickerOf(t, a).layout().field {
		t.Fatalf("textField = %v, %v; want the name field %v", r, ok, pickerOf(t, a).layout().field)
	}
	d.press(ebiten.KeyTab)
	if _, ok := a.textField(); ok {
		t.Error("a text field has the focus after Tab to the assessment toggle")
	}
	paste(d, "nowhere")
	if got := string(pickerOf(t, a).name); got != "" {
		t.Errorf("pasted with the focus elsewhere: the name is %q", got)
	}
}

// shippedCount is the number of courses that come with TheraSim, which the
// picker lists before a folder's files.
func shippedCount(t testing.TB) int {
	t.Helper()
	all, err := scenarios.Shipped(scenariotest.Model(t))
	if err != nil {
		t.Fatal(err)
	}
	return len(all)
}
