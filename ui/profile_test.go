package ui

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/competence"
	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// sameProfile reports how two profiles differ, skill by skill ("" when
// they do not).
func sameProfile(got, want *competence.Profile) string {
	if len(got.Scores) != len(want.Scores) {
		return "they have different skills"
	}
	for i := range got.Scores {
		g, w := &got.Scores[i], &want.Scores[i]
		if g.Skill.ID != w.Skill.ID || !reflect.DeepEqual(g.Moments, w.Moments) {
			return g.Skill.ID + ": moments " + momentsString(g.Moments) + ", want " + momentsString(w.Moments)
		}
	}
	return ""
}

func momentsString(ms []competence.Moment) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(" " + strconv.Itoa(m.Choice) + "=" + m.Grade.String())
	}
	return "[" + strings.TrimSpace(b.String()) + "]"
}

// recordedProfile is the profile of the app's recording, as the debrief
// builds it.
func recordedProfile(t *testing.T, a *app, sc *sim.Scenario) *competence.Profile {
	t.Helper()
	d, err := debrief.Build(sc, parseLines(t, recordingLines(t, a)))
	if err != nil {
		t.Fatal(err)
	}
	return d.Profile()
}

// TestEndProfile: the end of the course shows the run's competence
// profile, the same as its recording's, area by area: in each, the
// scored skills lowest score first, then those with no opportunity, said
// so. In practice the weeks show the skills so far; in assessment mode
// nothing of the profile shows before the end.
func TestEndProfile(t *testing.T) {
	for _, tc := range []struct {
		name   string
		path   string
		assess bool
		choose func(*sim.Prompt) int
	}{
		{"the check-in course, careful", checkInPath, false, careful},
		{"the check-in course, assessed", checkInPath, true, careless},
		{"the shipped course, mixed", scenarios.Default, false, mixed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newTestApp(t, Options{Scenario: tc.path, Trainee: "Alex Smith", Assess: tc.assess})
			d := newDriver(t, a)
			weekSkills := false
			for i := 0; ; i++ {
				if i > 3000 {
					t.Fatal("the course did not end")
				}
				if w, ok := a.screen.(*weekScreen); ok && w.profileWords() != "" {
					weekSkills = true
					if !strings.Contains(w.profileWords(), debrief.AreaName(sim.AreaHomework)+": mean ") {
						t.Errorf("the week says %q", w.profileWords())
					}
				}
				if !d.step(tc.choose, i%2 == 0) {
					break
				}
			}
			if weekSkills == tc.assess {
				t.Errorf("the weeks show the skills so far: %v", weekSkills)
			}
			e := screenOf[*endScreen](t, a)
			sc := a.course.run.Scenario()
			if diff := sameProfile(a.course.profile(), recordedProfile(t, a, sc)); diff != "" {
				t.Fatalf("the end's profile is not the recording's: %s", diff)
			}
			if len(e.areas) != 2 || e.areas[0].area != sim.AreaHomework || e.areas[1].area != sim.AreaAlliance {
				t.Fatalf("areas %+v", e.areas)
			}
			n := 0
			for _, v := range e.areas {
				for i, s := range v.skills {
					n++
					if i == 0 {
						continue
					}
					prev := v.skills[i-1]
					switch {
					case s.Scored() && !prev.Scored():
						t.Errorf("%s: scored %q after %q, which had no opportunity", v.name, s.Skill.Name, prev.Skill.Name)
					case s.Scored() && s.Value() < prev.Value():
						t.Errorf("%s: %q (%.2f) after %q (%.2f)", v.name, s.Skill.Name, s.Value(), prev.Skill.Name, prev.Value())
					}
				}
			}
			if n != len(sc.Rubric().Skills) {
				t.Errorf("%d skills shown of the rubric's %d", n, len(sc.Rubric().Skills))
			}
			words := e.layout().profile.words()
			for _, s := range a.course.profile().Scores {
				want := s.Skill.Name + ": " + debrief.OpportunityWords(&s)
				if s.Scored() {
					want = s.Skill.Name + ": " + percent(s.Value()) + ", " + debrief.OpportunityWords(&s)
				}
				if !strings.Contains(words, want) {
					t.Errorf("the end does not say %q", want)
				}
			}
		})
	}
}

// TestProfileResumed: a course closed and resumed has, at its end, the
// profile of the same course played straight through.
func TestProfileResumed(t *testing.T) {
	straight := newTestApp(t, Options{Scenario: checkInPath, Trainee: "Alex Smith"})
	newDriver(t, straight).playUntil(careful, newDriver(t, straight).onScreen(&endScreen{}))

	dir := t.TempDir()
	a := newTestApp(t, Options{Scenario: checkInPath, Trainee: "Alex Smith", DataDir: dir})
	d := newDriver(t, a)
	for range 3 {
		d.step(careful, false)
	}
	a.endCourse()
	b := newTestApp(t, Options{Dir: "testdata", DataDir: dir})
	bd := newDriver(t, b)
	bd.press(ebiten.KeyEnter) // Resume
	bd.playUntil(careful, bd.onScreen(&endScreen{}))
	if diff := sameProfile(b.course.profile(), straight.course.profile()); diff != "" {
		t.Errorf("resumed, the profile differs: %s", diff)
	}
	if b.course.profile().Scores[0].Moments == nil && straight.course.profile().Scores[0].Moments != nil {
		t.Error("the resumed course lost its first choices' marks")
	}
}

// TestDebriefProfile: the debrief's profile tab (P, or a click on it)
// lists the run's skills with their scores; a choice behind a score,
// clicked or reached with Tab and Enter, opens that choice, where the
// trainee's side names the skills it was an opportunity for and their
// grades.
func TestDebriefProfile(t *testing.T) {
	a := newTestApp(t, Options{Scenario: checkInPath, Trainee: "Alex Smith"})
	d, end := playCheckInCourse(t, a)
	s := debriefFromEnd(t, a, d, end)
	prof := s.d.Profile()

	d.typeText("p")
	if !s.showProfile {
		t.Fatal("P did not show the profile")
	}
	_, rp := s.panels(s.layout())
	w := rp.words()
	for _, sc := range prof.Scores {
		if !strings.Contains(w, sc.Skill.Name+": ") {
			t.Errorf("the profile does not list %q", sc.Skill.Name)
		}
	}
	pl := s.profileLayout(s.layout().rightView.Dx() - a.m.u(14))
	if len(pl.links) == 0 {
		t.Fatal("the profile links to no choice")
	}
	// Tab twice and Enter: the second link's choice.
	d.press(ebiten.KeyTab)
	d.press(ebiten.KeyTab)
	want := pl.links[1].choice
	d.press(ebiten.KeyEnter)
	if s.showProfile || s.cur != want {
		t.Fatalf("Tab, Tab, Enter: at choice %d (profile shown %v), want choice %d", s.cur, s.showProfile, want)
	}
	// The tab, then a click on the last link.
	d.click(center(s.layout().tabs[1]))
	if !s.showProfile {
		t.Fatal("a click on the profile's tab did not show it")
	}
	pl = s.profileLayout(s.layout().rightView.Dx() - a.m.u(14))
	last := pl.links[len(pl.links)-1]
	s.scroll[1].off = float64(s.profTop + last.r.Min.Y - a.m.u(20))
	d.idle(1)
	d.click(center(last.r.Add(s.profileOrigin(s.layout()))))
	if s.showProfile || s.cur != last.choice {
		t.Fatalf("a click on choice %d's link: at choice %d (profile shown %v)", last.choice, s.cur, s.showProfile)
	}
	// The choice names its skills and grades.
	lp, _ := s.panels(s.layout())
	mo := s.moment()
	if len(mo.Marks) == 0 {
		t.Fatalf("choice %d has no marks", mo.N)
	}
	for _, mk := range mo.Marks {
		x := s.d.Scenario.Rubric().Skills[mk.Skill].Name + ": " + debrief.GradeWords(mk.Grade)
		if !strings.Contains(lp.words(), x) {
			t.Errorf("choice %d does not say %q:\n%s", mo.N, x, lp.words())
		}
	}
	// Esc on the profile goes back to the client's side, not out.
	d.typeText("p")
	d.press(ebiten.KeyEscape)
	if s.showProfile || a.screen != s {
		t.Errorf("Esc on the profile: shown %v, screen %T", s.showProfile, a.screen)
	}
}

// TestProfileShipped: the shipped course's end shows a profile with every
// skill of its rubric, so the class sees the same skills whatever path a
// trainee took.
func TestProfileShipped(t *testing.T) {
	sc := scenariotest.Shipped(t)
	_, p, err := competence.Play(sc, 7, func(r *sim.Run) int { return careful(r.Prompt()) })
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, v := range profileAreas(p) {
		n += len(v.skills)
	}
	if n != len(sc.Rubric().Skills) {
		t.Errorf("%d skills in the areas, the rubric has %d", n, len(sc.Rubric().Skills))
	}
}
