package competence_test

import (
	"fmt"

	"github.com/therasim/therasim/competence"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// Play takes the profile of a course a policy plays: the competent
// therapist's homework scores above the novice's on the same client.
func ExamplePlay() {
	m, err := scenarios.Model()
	if err != nil {
		panic(err)
	}
	sc, _, err := scenarios.Open(m, "cbt-depression")
	if err != nil {
		panic(err)
	}
	homework := func(policy string) float64 {
		pol, err := scenarios.OpenPolicy(policy)
		if err != nil {
			panic(err)
		}
		_, p, err := competence.Play(sc, 1, pol.Chooser(1).Pick)
		if err != nil {
			panic(err)
		}
		v, _ := p.Area(sim.AreaHomework)
		return v
	}
	fmt.Println(homework("competent") > homework("novice"))
	// Output:
	// true
}

// A skill counted per session (sim.PerSession), such as reviewing every
// task set, is one opportunity a session, graded by the best of its
// moments: the task reviewed at the second chance of session 2 is
// reviewed; session 3's, never asked about, is missed.
func ExampleScore_Opportunities() {
	m, err := scenarios.Model()
	if err != nil {
		panic(err)
	}
	sc, _, err := scenarios.Open(m, "cbt-depression")
	if err != nil {
		panic(err)
	}
	p := competence.New(sc)
	reviewed := -1
	for i, sk := range sc.Rubric().Skills {
		if sk.ID == "homework_reviewed" {
			reviewed = i
		}
	}
	p.Add(11, 2, []sim.Mark{{Skill: reviewed, Grade: sim.Missed}})
	p.Add(12, 2, []sim.Mark{{Skill: reviewed, Grade: sim.Well}})
	p.Add(25, 3, []sim.Mark{{Skill: reviewed, Grade: sim.Missed}})
	s := p.Score("homework_reviewed")
	fmt.Println(s.Skill.Name)
	fmt.Println(s.Opportunities(), s.Value())
	g, ok := s.At(12)
	fmt.Println(g, ok)
	// Output:
	// Reviews every task set
	// [well missed] 0.5
	// well true
}
