//go:build display

package ui

import (
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// The screens of supervision, drawn: the check-in on the session screen,
// the competence profile at the end of the course and in the debrief, and
// a moment of the debrief with the trainee's check-in and recall beside
// the client's inner experience. With -shots each is written to
// docs/screenshots at 1280×800, as the other screens are; with
// SUPERVISION_SHOTS=DIR each is written to DIR at 1280×800, 1280×720
// (-720) and 1920×1080 (-1920), to look at.

// supervisionSetups are the screens, by the name of their screenshot,
// each driven at the size it is drawn at.
var supervisionSetups = []struct {
	name  string
	setup func(t *testing.T, size image.Point) *app
}{
	{"checkin", setupCheckIn},
	{"profile-end", setupProfileEnd},
	{"profile-debrief", setupProfileDebrief},
	{"recall", setupRecall},
	{"week-skills", setupWeekSkills},
}

// inDocs are the screenshots -shots writes to docs/screenshots.
var inDocs = map[string]bool{"checkin": true, "profile-end": true, "profile-debrief": true, "recall": true}

// setupProfileDebrief is the debrief of the shipped course played by a
// trainee who mostly chooses well, its profile's tab open, at a choice
// that was an opportunity for several skills.
func setupProfileDebrief(t *testing.T, size image.Point) *app {
	a := setupProfileEnd(t, size)
	d := newDriver(t, a)
	d.size = size
	e := screenOf[*endScreen](t, a)
	d.settle()
	e.do(2)
	s := opened[*debriefScreen](t, a)
	best := 1
	for _, m := range s.d.Moments {
		if len(m.Marks) > len(s.d.Moments[best-1].Marks) {
			best = m.N
		}
	}
	s.step(best)
	d.typeText("p")
	d.idle(1)
	// The trainee's side scrolled to the skills the choice was an
	// opportunity for.
	lp, _ := s.panels(s.layout())
	for _, b := range lp.blocks {
		if strings.Contains(b.words, "AN OPPORTUNITY FOR") {
			s.scroll[0].off = float64(b.y - a.m.u(20))
			break
		}
	}
	d.idle(1)
	return a
}

// setupRecall is the debrief of the shipped course, at its first
// check-in: the trainee's answer and recall across from what the client
// experienced, and an instructor's note.
func setupRecall(t *testing.T, size image.Point) *app {
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
	d.typeText("r")
	d.typeText("When she said it might not be for her I heard that I was failing. I wanted to fix it fast, and nearly defended the plan.")
	d.press(ebiten.KeyEnter)
	d.typeText("n")
	d.typeText("Notice the pause before the answer: that is where the repair began.")
	d.press(ebiten.KeyEnter)
	a.notice = ""
	// The trainee's side scrolled down to the end of their recall.
	lp, _ := s.panels(s.layout())
	for _, b := range lp.blocks {
		if strings.HasPrefix(b.words, "When she said") {
			s.scroll[0].off = float64(b.y + b.h + a.m.u(8) - s.layout().leftView.Dy())
			break
		}
	}
	d.idle(1)
	return a
}

// setupWeekSkills is the second week of the shipped course in practice,
// its skills so far.
func setupWeekSkills(t *testing.T, size image.Point) *app {
	a := newTestApp(t, Options{Scenario: scenarios.Default, Trainee: "Alex Smith"})
	d := newDriver(t, a)
	d.size = size
	for n := range 2 {
		d.playUntil(mixed, d.onScreen(&weekScreen{}))
		if n == 0 {
			d.press(ebiten.KeyEnter)
		}
	}
	d.settle()
	return a
}

// setupProfileEnd is the end of the shipped course played by a trainee
// who mostly chooses well and sometimes not, scrolled to the competence
// profile.
func setupProfileEnd(t *testing.T, size image.Point) *app {
	sc := scenariotest.Shipped(t)
	seed := findSeed(t, sc, mixed, func(r *sim.Run) bool { return !r.State().Dropped })
	a := newTestAppSeed(t, Options{Scenario: scenarios.Default, Trainee: "Alex Smith"}, seed)
	d := newDriver(t, a)
	d.size = size
	d.playUntil(mixed, d.onScreen(&endScreen{}))
	e := screenOf[*endScreen](t, a)
	d.idle(1)
	e.scroll.off = float64(e.layout().profHeadY - a.m.u(12))
	d.idle(1)
	return a
}

// setupCheckIn is the first check-in of the shipped course, played on
// its careful path: a pull chosen and a few words written.
func setupCheckIn(t *testing.T, size image.Point) *app {
	a := newTestApp(t, Options{Scenario: scenarios.Default, Trainee: "Alex Smith"})
	d := newDriver(t, a)
	d.size = size
	for i := 0; ; i++ {
		if i > 3000 {
			t.Fatal("the course asked no check-in")
		}
		if s, ok := a.screen.(*sessionScreen); ok && !s.parting {
			d.reveal()
			if s.ask != nil {
				break
			}
		}
		d.step(marked(sim.IntendedGood), false)
	}
	d.press(digitKey(2))
	d.typeText("A sinking feeling, and I want to smooth it over")
	return a
}

func TestSupervisionScreens(t *testing.T) {
	needDisplay(t)
	dir := os.Getenv("SUPERVISION_SHOTS")
	sizes := []struct {
		suffix string
		size   image.Point
	}{{"", image.Pt(1280, 800)}, {"-720", image.Pt(1280, 720)}, {"-1920", image.Pt(1920, 1080)}}
	for _, sc := range supervisionSetups {
		for _, sz := range sizes {
			t.Run(sc.name+sz.suffix, func(t *testing.T) {
				a := sc.setup(t, sz.size)
				j := render(t, a, sz.size, 2, func(int) input { return input{Keys: []ebiten.Key{}} })
				if flat(j.shot, j.shot.Bounds()) {
					t.Fatal("the screen is one flat colour")
				}
				if *shots && sz.suffix == "" && inDocs[sc.name] {
					savePNG(t, filepath.Join("..", "docs", "screenshots", sc.name+".png"), j.shot)
				}
				if dir != "" {
					savePNG(t, filepath.Join(dir, sc.name+sz.suffix+".png"), j.shot)
				}
			})
		}
	}
}
