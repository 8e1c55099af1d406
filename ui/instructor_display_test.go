//go:build display

package ui

import (
	"image"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// The instructor's screens, drawn. With -shots the key screen and the
// class view are written to docs/screenshots (instructor-key.png,
// instructor-class.png); with INSTRUCTOR_SHOTS=DIR every one is written
// to DIR, to look at.

// instructorClass is a class of five trainees of the shipped CBT course,
// some still playing, open on the instructor's page.
func instructorClass(t *testing.T) (*app, *driver, *instructor) {
	f := newFakeInstructorServer(t)
	cbt := scenariotest.Load(t, "cbt-depression")
	for i, tr := range []struct {
		name    string
		choose  func(*sim.Prompt) int
		choices int
	}{{"Ana Ruiz", careful, 0}, {"Sam Okafor", careless, 30}, {"Kim Lee", second, 18}, {"Jo Park", mixed, 40}, {"Noor Haddad", careful, 25}} {
		f.recordWith(tr.name+".jsonl", tr.name, cbt, tr.choices, tr.choose, uint64(11+i))
	}
	a, d, ins := liveInstructorApp(t, f)
	ins.news, ins.newsAt = "2 new choices from Sam Okafor · Ana Ruiz started a run", time.Date(2026, 11, 30, 14, 5, 9, 0, time.UTC)
	if ins.view != nil {
		ins.view.gen++
	}
	a.notice = ""
	return a, d, ins
}

var instructorSetups = []struct {
	name  string
	setup func(t *testing.T) *app
}{
	{"instructor-key", func(t *testing.T) *app {
		f := newFakeInstructorServer(t)
		a := newTestApp(t, Options{})
		a.beginInstructor(f.client(""))
		d := newDriver(t, a)
		k := typeInstructorKey(t, d, "not-the-key")
		k.key = []rune("k3y-of-the-cl")
		k.name = []rune("Dr Mira Lee")
		return a
	}},
	{"instructor-waiting", func(t *testing.T) *app {
		f := newFakeInstructorServer(t)
		a := newTestApp(t, Options{})
		_ = a.store.Set(keyInstructorKey, testInstructorKey)
		a.beginInstructor(f.client(""))
		d := newDriver(t, a)
		pumpUntil(t, d, "the class answers", func() bool {
			w, ok := a.screen.(*waitingScreen)
			return ok && w.ins.snap != nil
		})
		t.Cleanup(screenOf[*waitingScreen](t, a).ins.stop)
		a.notice = ""
		return a
	}},
	{"instructor-class", func(t *testing.T) *app {
		a, d, _ := instructorClass(t)
		d.settle()
		d.press(ebiten.KeyArrowDown)
		return a
	}},
	{"instructor-runs", func(t *testing.T) *app {
		a, d, ins := instructorClass(t)
		ins.showRuns()
		d.press(ebiten.KeyArrowDown)
		a.notice = ""
		return a
	}},
	{"instructor-debrief", func(t *testing.T) *app {
		a, d, ins := instructorClass(t)
		ins.showRuns()
		d.press(ebiten.KeyArrowDown)
		d.press(ebiten.KeyEnter)
		d.typeText("d")
		a.notice = ""
		return a
	}},
	{"instructor-debrief-bar", func(t *testing.T) *app {
		a, d, ins := instructorClass(t)
		ins.showRuns()
		d.press(ebiten.KeyArrowDown)
		d.press(ebiten.KeyEnter)
		a.notice = ""
		return a
	}},
}

// TestInstructorScreens draws the instructor's screens at the smallest
// supported window and a common one: none is flat, none draws a missing
// glyph, and no button runs off the window or over another.
func TestInstructorScreens(t *testing.T) {
	needDisplay(t)
	sizes := []struct {
		suffix string
		size   image.Point
	}{{"", image.Pt(1280, 800)}, {"-1024", image.Pt(1024, 640)}}
	for _, sc := range instructorSetups {
		for _, sz := range sizes {
			t.Run(sc.name+sz.suffix, func(t *testing.T) {
				a := sc.setup(t)
				j := render(t, a, sz.size, 3, nil)
				if flat(j.shot, j.shot.Bounds()) {
					t.Fatal("the screen is one flat colour")
				}
				if a.ts.notdef > 0 {
					t.Errorf("%d characters drawn as missing glyphs", a.ts.notdef)
				}
				checkButtons(t, a, sz.size)
				if dir := os.Getenv("INSTRUCTOR_SHOTS"); dir != "" {
					savePNG(t, filepath.Join(dir, sc.name+sz.suffix+".png"), j.shot)
				}
				if *shots && sz.suffix == "" && (sc.name == "instructor-key" || sc.name == "instructor-class") {
					savePNG(t, filepath.Join("..", "docs", "screenshots", sc.name+".png"), j.shot)
				}
			})
		}
	}
}

// checkButtons fails when a button of the screen on show lies outside
// the window or over another.
func checkButtons(t *testing.T, a *app, size image.Point) {
	t.Helper()
	var rs []image.Rectangle
	switch s := a.screen.(type) {
	case *classScreen:
		rs = s.layout().bar
	case *debriefScreen:
		for _, b := range s.layout().buttons {
			rs = append(rs, b.r)
		}
	case *keyScreen:
		rs = []image.Rectangle{s.layout().open}
	case *waitingScreen:
		rs = []image.Rectangle{s.layout().forget}
	case *runListScreen:
		l := s.layout()
		rs = []image.Rectangle{l.back, l.open, l.forget}
	}
	win := image.Rectangle{Max: size}
	for i, r := range rs {
		if !r.In(win) {
			t.Errorf("button %d at %v runs off the %v window", i, r, size)
		}
		for _, o := range rs[:i] {
			if r.Overlaps(o) {
				t.Errorf("buttons at %v and %v overlap", r, o)
			}
		}
	}
}
