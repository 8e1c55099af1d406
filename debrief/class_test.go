package debrief_test

import (
	"strings"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestBuildClasses: runs of several scenarios make one class view for
// each, in the order of the scenarios' titles, each with its own runs;
// the text heads each with its title and how many runs it has.
func TestBuildClasses(t *testing.T) {
	maya := scenariotest.Shipped(t)
	mini := scenariotest.Load(t, "../sim/testdata/mini.toml")
	var runs []*debrief.Debrief
	for i, r := range []struct {
		sc     *sim.Scenario
		policy string
	}{{mini, "competent"}, {maya, "novice"}, {mini, "random"}, {maya, "competent"}, {mini, "novice"}} {
		runs = append(runs, build(t, r.sc, record(t, r.sc, r.policy, r.policy, uint64(i+1), -1)))
	}
	cs, err := debrief.BuildClasses(runs)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 {
		t.Fatalf("%d class views, want 2", len(cs))
	}
	for i, want := range []struct {
		sc   *sim.Scenario
		runs []*debrief.Debrief
	}{{maya, []*debrief.Debrief{runs[1], runs[3]}}, {mini, []*debrief.Debrief{runs[0], runs[2], runs[4]}}} {
		c := cs[i]
		if c.Scenario != want.sc || len(c.Runs) != len(want.runs) {
			t.Fatalf("class view %d: %s with %d runs, want %s with %d", i+1, c.Scenario.ID, len(c.Runs), want.sc.ID, len(want.runs))
		}
		for j := range c.Runs {
			if c.Runs[j] != want.runs[j] {
				t.Errorf("class view %d: run %d out of order", i+1, j+1)
			}
		}
	}
	var sb strings.Builder
	if err := debrief.WriteClassesText(&sb, cs); err != nil {
		t.Fatal(err)
	}
	out, at := sb.String(), 0
	for _, want := range []string{
		"The runs are of 2 scenarios; a class view of each follows:",
		"  " + maya.Title + " (cbt-depression): 2 runs\n",
		"  Mini (mini): 3 runs\n",
		"── Class view 1 of 2 ──\n" + maya.Title + " (cbt-depression): 2 runs,",
		"── Class view 2 of 2 ──\nMini (mini): 3 runs,",
	} {
		i := strings.Index(out[at:], want)
		if i < 0 {
			t.Fatalf("the class views do not say %q after byte %d:\n%s", want, at, out)
		}
		at += i + len(want)
	}
	// One class view is written as it is.
	sb.Reset()
	if err := debrief.WriteClassesText(&sb, cs[:1]); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(sb.String(), maya.Title) {
		t.Errorf("one class view begins %.80q", sb.String())
	}
	if _, err := debrief.BuildClasses(nil); err == nil {
		t.Error("no runs made a class view")
	}
}

// TestClassTextCounts: the class table writes a count of one with a
// singular noun and says how many runs were whole courses.
func TestClassTextCounts(t *testing.T) {
	sc := scenariotest.Shipped(t)
	whole := build(t, sc, record(t, sc, "competent", "ana", 1, -1))
	whole2 := build(t, sc, record(t, sc, "competent", "ana", 1, -1))
	part := build(t, sc, record(t, sc, "competent", "ben", 2, 3))
	part2 := build(t, sc, record(t, sc, "competent", "ben", 2, 3))
	for _, tc := range []struct {
		runs []*debrief.Debrief
		want []string
	}{
		{[]*debrief.Debrief{whole}, []string{"1 run, a whole course.", "1 run came here."}},
		{[]*debrief.Debrief{part}, []string{"1 run, not a whole course."}},
		{[]*debrief.Debrief{whole, whole2}, []string{"2 runs, all of them whole courses.", "2 runs came here."}},
		{[]*debrief.Debrief{whole, part}, []string{"2 runs, 1 of them a whole course.", "2 runs came here.", "1 run came here."}},
		{[]*debrief.Debrief{part, part2}, []string{"2 runs, none of them a whole course."}},
	} {
		c, err := debrief.BuildClass(sc, tc.runs)
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		if err := debrief.WriteClassText(&sb, c); err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(sb.String(), w) {
				t.Errorf("%d runs: the table does not say %q:\n%.600s", len(tc.runs), w, sb.String())
			}
		}
		if strings.Contains(sb.String(), " 1 runs") {
			t.Errorf("%d runs: the table says \"1 runs\"", len(tc.runs))
		}
	}
}

// TestClassGoing: each option counts the runs that took it and stop
// before the course's end (a class still playing), so that their alliance
// is not called the end's.
func TestClassGoing(t *testing.T) {
	sc := scenariotest.Shipped(t)
	whole := build(t, sc, record(t, sc, "competent", "ana", 1, -1))
	part := build(t, sc, record(t, sc, "competent", "ben", 1, 3))
	c, err := debrief.BuildClass(sc, []*debrief.Debrief{whole, part})
	if err != nil {
		t.Fatal(err)
	}
	first := c.Points[0]
	for _, o := range first.Options {
		if o.Trainees == 0 {
			continue
		}
		if o.Trainees != 2 || o.Going != 1 {
			t.Errorf("the first choice (both took %q): %d runs, %d going; want 2, 1 (ben's stops after 3 choices)", o.Text, o.Trainees, o.Going)
		}
	}
}

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 runs"}, {1, "1 run"}, {2, "2 runs"}, {-1, "-1 runs"}, {11, "11 runs"}} {
		if got := debrief.Count(tc.n, "run", "runs"); got != tc.want {
			t.Errorf("Count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// TestClassSkills: the class view holds, for each skill of the rubric in
// its order, every run's score of it (ascending) or a count of the runs
// without an opportunity; the careful run's score of repairing a rupture
// is the highest and the careless one's the lowest; the text table ends
// with the class's competence profile.
func TestClassSkills(t *testing.T) {
	ds := supervisionClass(t)[:3] // Ana careful, Ben careless, Kim drifting
	c, err := debrief.BuildClass(ds[0].Scenario, ds)
	if err != nil {
		t.Fatal(err)
	}
	skills := ds[0].Scenario.Rubric().Skills
	if len(c.Skills) != len(skills) {
		t.Fatalf("%d spreads for %d skills", len(c.Skills), len(skills))
	}
	for i, s := range c.Skills {
		if s.Skill != skills[i] {
			t.Errorf("spread %d is of %s, want %s", i, s.Skill.ID, skills[i].ID)
		}
		if len(s.Values)+s.Unscored != len(ds) {
			t.Errorf("%s: %d scores and %d without, for %d runs", s.Skill.ID, len(s.Values), s.Unscored, len(ds))
		}
		for j := 1; j < len(s.Values); j++ {
			if s.Values[j] < s.Values[j-1] {
				t.Errorf("%s: scores out of order: %v", s.Skill.ID, s.Values)
			}
		}
		if s.Skill.ID == "rupture_repaired" {
			ana, ben := ds[0].Profile().Score(s.Skill.ID).Value(), ds[1].Profile().Score(s.Skill.ID).Value()
			if len(s.Values) != 3 || s.Values[2] != ana || s.Values[0] != ben || ana <= ben {
				t.Errorf("rupture repaired: %v; Ana %v, Ben %v", s.Values, ana, ben)
			}
		}
	}
	var sb strings.Builder
	if err := debrief.WriteClassText(&sb, c); err != nil {
		t.Fatal(err)
	}
	out := sb.String()
	i := strings.Index(out, "\nCompetence profile:")
	if i < 0 {
		t.Fatalf("the class table has no competence profile:\n%s", out)
	}
	for _, sk := range skills {
		if !strings.Contains(out[i:], "  "+sk.Name+"  ") {
			t.Errorf("the profile does not name %s", sk.Name)
		}
	}
}
