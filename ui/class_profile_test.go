package ui

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// profileClass records a class of eight runs of the shipped course, taken
// carefully, carelessly and in between, into a folder, and opens its
// class view.
func profileClass(t *testing.T) (*app, *classScreen) {
	t.Helper()
	dir := t.TempDir()
	sc := scenariotest.Shipped(t)
	for i, ch := range []func(*sim.Prompt) int{careful, careless, second, mixed, careful, mixed, careless, careful} {
		recordRun(t, sc, uint64(i+3), ch, 0, filepath.Join(dir, "run"+string(rune('a'+i))+".jsonl"))
	}
	a := newTestApp(t, Options{Replay: []string{dir}})
	return a, opened[*classScreen](t, a)
}

// TestClassProfile: P (or the Competence profile button) turns the class
// view to the class's competence profile: a panel for each area of the
// rubric, a row for each skill with the runs' scores, the median and how
// many runs had no opportunity; the filter of choice points goes while it
// is shown; P again goes back to the choice points.
func TestClassProfile(t *testing.T) {
	a, s := profileClass(t)
	d := newDriver(t, a)
	if s.profile || !strings.HasSuffix(s.heading(), "WHERE THE PATHS PARTED") {
		t.Fatalf("the class view opens on the profile (heading %q)", s.heading())
	}
	d.typeText("p")
	if !s.profile || s.heading() != "CLASS VIEW · COMPETENCE PROFILE" {
		t.Fatalf("P: profile %v, heading %q", s.profile, s.heading())
	}
	l := s.layout()
	if len(l.cards) != 0 || len(l.areas) != 2 {
		t.Fatalf("the profile shows %d choice points and %d areas, want none and 2", len(l.cards), len(l.areas))
	}
	rows := 0
	for _, ar := range l.areas {
		for _, k := range ar.skills {
			rows++
			if ar.head != strings.ToUpper(debrief.AreaName(k.sp.Skill.Area)) {
				t.Errorf("%s is in the panel %q", k.sp.Skill.ID, ar.head)
			}
			_, scored := k.sp.Median()
			if scored != (k.median != "") {
				t.Errorf("%s: median %q with %d scores", k.sp.Skill.ID, k.median, len(k.sp.Values))
			}
			if words := strings.Join(k.count.lines, " "); k.sp.Unscored > 0 && !strings.Contains(words, "without an opportunity") && !strings.Contains(words, "no run had") {
				t.Errorf("%s: %d runs without an opportunity, but the row says %q", k.sp.Skill.ID, k.sp.Unscored, words)
			}
		}
	}
	if rows != len(s.cl.Skills) || rows == 0 {
		t.Errorf("%d rows for %d skills", rows, len(s.cl.Skills))
	}
	for i, act := range s.acts {
		if act == cbFilter {
			t.Error("the filter of choice points is offered with the profile")
		}
		if act == cbProfile && s.buttons.buttons[i].label != classPointsLabel {
			t.Errorf("the button reads %q, want %q", s.buttons.buttons[i].label, classPointsLabel)
		}
	}
	d.press(ebiten.KeyArrowDown)
	d.typeText("p")
	if s.profile || len(s.layout().cards) == 0 || s.buttons.buttons[1].label != classProfileLabel {
		t.Errorf("P again: profile %v, %d choice points, button %q", s.profile, len(s.layout().cards), s.buttons.buttons[1].label)
	}
	d.typeText("f")
	if !s.forks {
		t.Error("F does not filter the choice points after the profile was shown")
	}
}

// TestClassProfileScreens draws the class's profile at a projector's
// 1920×1080, at 1280×800 and at the smallest window, 1024×640: the rows'
// names, histograms and counts stay inside their panel and apart, and no
// glyph is missing. With -shots the 1280×800 one is written to
// docs/screenshots/class-profile.png; with THERASIM_SHOTS=DIR each is
// written to DIR, to look at.
func TestClassProfileScreens(t *testing.T) {
	needDisplay(t)
	for _, size := range []image.Point{{1920, 1080}, {1280, 800}, {1024, 640}} {
		a, s := profileClass(t)
		newDriver(t, a).typeText("p")
		a.notice = ""
		j := render(t, a, size, 2, nil)
		if flat(j.shot, j.shot.Bounds()) {
			t.Fatalf("%v: the screen is one flat colour", size)
		}
		if a.ts.notdef > 0 {
			t.Errorf("%v: %d glyphs missing", size, a.ts.notdef)
		}
		l := s.layout()
		for _, ar := range l.areas {
			if ar.nameX+ar.nameW > ar.stripX || ar.stripX+ar.stripW > ar.statX || ar.statX+ar.statW > ar.r.Dx() {
				t.Errorf("%v: the columns overlap or leave the panel: %+v", size, ar)
			}
			for _, k := range ar.skills {
				if k.name.height > k.h || k.count.height > k.h {
					t.Errorf("%v: %s's row is %d high, its name %d, its counts %d", size, k.sp.Skill.ID, k.h, k.name.height, k.count.height)
				}
			}
		}
		if *shots && size == (image.Point{1280, 800}) {
			savePNG(t, filepath.Join("..", "docs", "screenshots", "class-profile.png"), j.shot)
		}
		if dir := os.Getenv("THERASIM_SHOTS"); dir != "" {
			savePNG(t, filepath.Join(dir, fmt.Sprintf("class-profile-%d.png", size.X)), j.shot)
			// And the foot of the profile, End away.
			d := newDriver(t, a)
			d.size = size
			d.press(ebiten.KeyEnd)
			if s.scroll.off == 0 && s.scroll.max > 0 {
				t.Errorf("%v: End does not scroll the profile", size)
			}
			savePNG(t, filepath.Join(dir, fmt.Sprintf("class-profile-%d-end.png", size.X)), render(t, a, size, 2, nil).shot)
		}
	}
}

// TestClassButtonsFit: the instructor's live class view of two courses
// has every button (Each run, Competence profile, the filter, Next
// scenario, the class's table) inside the window and apart, at the
// smallest window and a common one, in the choice points and in the
// profile.
func TestClassButtonsFit(t *testing.T) {
	f := newFakeInstructorServer(t)
	f.recordWith("ana.jsonl", "Ana", scenariotest.Load(t, "cbt-depression"), 0, careful, 1)
	f.recordWith("ben.jsonl", "Ben", scenariotest.Load(t, "psychodynamic-pattern"), 12, careless, 2)
	a, d, _ := liveInstructorApp(t, f)
	s := screenOf[*classScreen](t, a)
	if len(s.classes) != 2 || len(s.acts) != 5 {
		t.Fatalf("%d class views and %d buttons, want 2 and 5", len(s.classes), len(s.acts))
	}
	for _, size := range []image.Point{{1024, 640}, {1280, 800}} {
		a.size = size
		for _, profile := range []bool{false, true} {
			if s.profile != profile {
				d.size = size
				d.typeText("p")
			}
			l := s.layout()
			for i, r := range l.bar {
				b := s.buttons.buttons[i]
				if r.Min.X < 0 || r.Max.X > size.X || r.Dx() < a.buttonWidth(b.label, "") {
					t.Errorf("%v, profile %v: %q is at %v", size, profile, b.label, r)
				}
				for j, q := range l.bar[:i] {
					if r.Overlaps(q) {
						t.Errorf("%v, profile %v: %q overlaps %q", size, profile, b.label, s.buttons.buttons[j].label)
					}
				}
			}
		}
	}
}
