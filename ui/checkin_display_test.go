//go:build display

package ui

import (
	"image"
	"os"
	"path/filepath"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
)

// The screens of supervision, drawn: the check-in on the session screen,
// the competence profile at the end of the course and in the debrief, and
// a moment of the debrief with the trainee's check-in and recall beside
// the client's inner experience. With -shots each is written to
// docs/screenshots at 1280×720; with SUPERVISION_SHOTS=DIR each is written
// to DIR at 1280×720 and at 1920×1080, to look at.

// supervisionSetups are the screens, by the name of their screenshot,
// each driven at the size it is drawn at.
var supervisionSetups = []struct {
	name  string
	setup func(t *testing.T, size image.Point) *app
}{
	{"checkin", setupCheckIn},
}

// setupCheckIn is the first check-in of the check-in scenario, two pulls
// chosen and a few words written.
func setupCheckIn(t *testing.T, size image.Point) *app {
	a := newTestApp(t, Options{Scenario: checkInPath, Trainee: "Alex Smith"})
	d := newDriver(t, a)
	d.size = size
	d.reveal()
	d.press(digitKey(1))
	d.press(digitKey(4))
	d.typeText("My chest tightens when he says nothing will help")
	return a
}

func TestSupervisionScreens(t *testing.T) {
	needDisplay(t)
	dir := os.Getenv("SUPERVISION_SHOTS")
	sizes := []struct {
		suffix string
		size   image.Point
	}{{"", image.Pt(1280, 720)}, {"-1920", image.Pt(1920, 1080)}}
	for _, sc := range supervisionSetups {
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
