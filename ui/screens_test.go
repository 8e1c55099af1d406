package ui

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

var shots = flag.Bool("shots", false, "write reference screenshots of every screen to docs/screenshots")

// screenSetup drives an app to one screen (without a GPU) and returns it.
type screenSetup func(t *testing.T) *app

func setupPicker(t *testing.T) *app {
	a := newTestApp(t, Options{Dir: "testdata/dir"})
	d := newDriver(t, a)
	d.typeText("Alex Smith")
	return a
}

func setupSession(assess bool) screenSetup {
	return func(t *testing.T) *app {
		a := newTestApp(t, Options{Scenario: scenarios.Default, Trainee: "Alex Smith", Assess: assess})
		d := newDriver(t, a)
		for range 3 {
			d.step(careful, true)
		}
		d.reveal()
		d.idle(20)
		d.press(ebiten.KeyArrowDown)
		return a
	}
}

func setupWeek(t *testing.T) *app {
	a := newTestApp(t, Options{Scenario: scenarios.Default, Trainee: "Alex Smith"})
	d := newDriver(t, a)
	for n := 0; n < 3; n++ {
		d.playUntil(careful, d.onScreen(&weekScreen{}))
		if n < 2 {
			d.press(ebiten.KeyEnter)
		}
	}
	d.settle() // the week has come in
	return a
}

func setupDropout(t *testing.T) *app {
	sc := scenariotest.Shipped(t)
	seed := findSeed(t, sc, careless, func(r *sim.Run) bool { return r.State().Dropped && r.State().Session <= 3 })
	a := newTestAppSeed(t, Options{Scenario: scenarios.Default, Trainee: "Alex Smith"}, seed)
	d := newDriver(t, a)
	d.playUntil(careless, d.onScreen(&dropoutScreen{}))
	return a
}

func setupEnd(t *testing.T) *app {
	seed := findSeed(t, scenariotest.Shipped(t), careful, func(r *sim.Run) bool { return r.Result().Outcome == "recovered" && !r.State().Dropped })
	a := newTestAppSeed(t, Options{Scenario: scenarios.Default, Trainee: "Alex Smith"}, seed)
	d := newDriver(t, a)
	d.playUntil(careful, d.onScreen(&endScreen{}))
	return a
}

func setupMenu(t *testing.T) *app {
	a := setupSession(false)(t)
	newDriver(t, a).press(ebiten.KeyEscape)
	return a
}

func setupResume(t *testing.T) *app {
	dir := t.TempDir()
	a := newTestApp(t, Options{Scenario: scenarios.Default, Trainee: "Alex Smith", DataDir: dir})
	d := newDriver(t, a)
	for range 9 {
		d.step(careful, true)
	}
	a.endCourse()
	return newTestApp(t, Options{DataDir: dir})
}

var screenSetups = []namedSetup{
	{"picker", setupPicker},
	{"session", setupSession(false)},
	{"session-assess", setupSession(true)},
	{"week", setupWeek},
	{"dropout", setupDropout},
	{"end", setupEnd},
	{"menu", setupMenu},
	{"resume", setupResume},
}

// TestScreens renders every screen at the smallest supported window and at
// a common one, and writes them to docs/screenshots with -shots.
func TestScreens(t *testing.T) { renderScreens(t, screenSetups) }

// namedSetup is a screen to render and the name of its screenshot.
type namedSetup struct {
	name  string
	setup screenSetup
}

// renderScreens renders each setup at 1280×800 and 1024×640, fails on a
// flat frame, and saves the screenshots with -shots.
func renderScreens(t *testing.T, setups []namedSetup) {
	needDisplay(t)
	sizes := []struct {
		suffix string
		size   image.Point
	}{{"", image.Pt(1280, 800)}, {"-1024", image.Pt(1024, 640)}}
	for _, sc := range setups {
		for _, sz := range sizes {
			t.Run(sc.name+sz.suffix, func(t *testing.T) {
				a := sc.setup(t)
				j := render(t, a, sz.size, 2, nil)
				if flat(j.shot, j.shot.Bounds()) {
					t.Fatal("the screen is one flat colour")
				}
				if *shots {
					savePNG(t, filepath.Join("..", "docs", "screenshots", sc.name+sz.suffix+".png"), j.shot)
				}
			})
		}
	}
}

func savePNG(t testing.TB, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// flat reports whether every pixel of r is the same.
func flat(img *image.RGBA, r image.Rectangle) bool {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return true
	}
	first := img.RGBAAt(r.Min.X, r.Min.Y)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if img.RGBAAt(x, y) != first {
				return false
			}
		}
	}
	return true
}

// only reports whether every pixel of r is c.
func only(img *image.RGBA, r image.Rectangle, c [4]uint8) (bool, string) {
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := img.RGBAAt(x, y)
			if p.R != c[0] || p.G != c[1] || p.B != c[2] {
				return false, fmt.Sprintf("pixel (%d,%d) is %v", x, y, p)
			}
		}
	}
	return true, ""
}

// marked picks the first option marked mark (sim.IntendedGood or
// sim.IntendedPoor), or the first option when none is: a course's own
// careful or careless path, whatever its approach.
func marked(mark string) func(*sim.Prompt) int {
	return func(p *sim.Prompt) int {
		for _, o := range p.Options {
			if o.Intended == mark {
				return o.Number
			}
		}
		return 1
	}
}

// courseSetups are the session and week screens of every shipped course
// but the default one (whose screens screenSetups has), played on its own
// careful path: "session-ID" in its third choice, "week-ID" after its
// second session, "end-ID" when the whole course has been played.
func courseSetups(t *testing.T) []namedSetup {
	all, err := scenarios.Shipped(scenariotest.Model(t))
	if err != nil {
		t.Fatal(err)
	}
	var out []namedSetup
	for _, sc := range all {
		if sc.ID == scenarios.Default {
			continue
		}
		id := sc.ID
		out = append(out, namedSetup{"session-" + id, func(t *testing.T) *app {
			a := newTestApp(t, Options{Scenario: id, Trainee: "Alex Smith"})
			d := newDriver(t, a)
			for range 3 {
				d.step(marked(sim.IntendedGood), true)
			}
			d.reveal()
			d.idle(20)
			return a
		}}, namedSetup{"week-" + id, func(t *testing.T) *app {
			a := newTestApp(t, Options{Scenario: id, Trainee: "Alex Smith"})
			d := newDriver(t, a)
			// The second week: by then each course has set a task.
			for n := range 2 {
				d.playUntil(marked(sim.IntendedGood), d.onScreen(&weekScreen{}))
				if n == 0 {
					d.press(ebiten.KeyEnter)
				}
			}
			d.settle()
			return a
		}}, namedSetup{"end-" + id, func(t *testing.T) *app {
			// The whole course, played through the window to its end.
			a := newTestApp(t, Options{Scenario: id, Trainee: "Alex Smith"})
			d := newDriver(t, a)
			d.playUntil(marked(sim.IntendedGood), d.onScreen(&endScreen{}))
			if _, ok := a.screen.(*endScreen); !ok {
				t.Fatalf("the course ended on %T, not the end screen", a.screen)
			}
			return a
		}})
	}
	return out
}

// TestCourseScreens renders the session and week screens of every other
// shipped course, and writes them to docs/screenshots with -shots.
func TestCourseScreens(t *testing.T) { renderScreens(t, courseSetups(t)) }
