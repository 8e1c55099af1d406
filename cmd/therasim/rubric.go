package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/therasim/therasim/competence"
	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// maxRubricCourses bounds --policies: a course takes about a millisecond.
const maxRubricCourses = 10000

var rubricCommand = &command{
	name:    "rubric",
	args:    "[--policies N] [SCENARIO]",
	summary: "print the competence rubric a scenario's runs are judged by",
	help: `Prints the competence rubric a scenario's runs are judged by: the skills a
supervisor looks for (setting, explaining and reviewing homework, agreeing
goals early, repairing ruptures, …), each with where it is written, when a
moment is an opportunity for it, what counts as doing it (well) or its
opposite, and its source. SCENARIO is a shipped id or a .toml file
(default: the shipped course). A scenario replaces a skill of the model's
by giving its id in [[rubric.skills]], removes one with disabled = true, or
adds its own (docs/authoring.md, "Changing the competence rubric for your
course").

With --policies N, it also plays N courses of the scenario under each of
the shipped policies (competent, feedback, trainee, novice, random, …) and
prints each skill's mean score under each: a careful trainee should score
above a careless one. A skill on which novice or random scores at least as
well as the better of competent and feedback (competent, who also looks at
the OQ-45 with a client not on track) is marked "?": your course, or the
rubric, may be teaching the wrong thing there. A "–" is a skill the policy's courses gave
no opportunity for.

Examples:
  therasim rubric
  therasim rubric my.toml
  therasim rubric --policies 200 my.toml
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		n := fs.Int("policies", 0, "play `N` courses under each shipped policy and print each skill's mean score")
		return func(args []string) error {
			if len(args) > 1 {
				return usagef("rubric takes at most one scenario")
			}
			if *n < 0 || *n > maxRubricCourses {
				return usagef("--policies %d: give a number of courses from 1 to %d (200 is plenty)", *n, maxRubricCourses)
			}
			ref := scenarios.Default
			if len(args) == 1 {
				ref = args[0]
			}
			return a.rubric(ref, *n)
		}
	},
}

// rubric prints the rubric scenario ref is judged by, and, when courses > 0,
// the mean scores of the shipped policies over that many courses.
func (a *app) rubric(ref string, courses int) error {
	m, err := scenarios.Model()
	if err != nil {
		return fmt.Errorf("the default model does not load:\n%w", err)
	}
	sc, err := a.openScenario(m, ref)
	if err != nil {
		return err
	}
	ru := sc.Rubric()
	width := wrapWidth(a.cols(a.stdout)())
	for _, sk := range ru.Skills {
		printSkill(a.stdout, sk, where(sim.RuleInfo{File: sk.File, Line: sk.Line}), width)
	}
	for _, l := range wrap(fmt.Sprintf("%s in the rubric of scenario %s; a skill done but not well earns %v of one done well.",
		debrief.Count(len(ru.Skills), "skill", "skills"), sc.ID, ru.Partial), width, "", "") {
		fmt.Fprintln(a.stdout, l)
	}
	if courses == 0 || len(ru.Skills) == 0 {
		return nil
	}
	pols, err := scenarios.Policies()
	if err != nil {
		return err
	}
	// The careful first, then the careless, then any other.
	order := []string{"competent", "feedback", "trainee", "novice", "random"}
	rank := func(p *sim.Policy) int {
		if i := slices.Index(order, p.ID); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(pols, func(p, q *sim.Policy) int { return rank(p) - rank(q) })
	return printPolicyScores(a.stdout, sc, pols, courses, width)
}

// printSkill writes one skill as 'therasim rubric' shows it, under the
// place it is written, each field wrapped at width under its name.
func printSkill(w io.Writer, sk *sim.Skill, place string, width int) {
	fmt.Fprintf(w, "%s  (%s)\n", sk.ID, place)
	field := func(name, text string) {
		if text == "" {
			return
		}
		for _, l := range wrap(text, width, fmt.Sprintf("  %-9s", name+":"), strings.Repeat(" ", 11)) {
			fmt.Fprintln(w, l)
		}
	}
	field("skill", fmt.Sprintf("%s (%s)", sk.Name, debrief.AreaName(sk.Area)))
	field("why", sk.Explain)
	var opp []string
	if len(sk.Offered) > 0 {
		var names []string
		for _, x := range sk.Offered {
			names = append(names, string(x))
		}
		opp = append(opp, "an option offered is "+strings.Join(names, " or "))
	}
	if sk.When != "" {
		opp = append(opp, sk.When)
	}
	if len(opp) == 0 {
		opp = append(opp, "every choice")
	}
	per := map[string]string{sim.PerSession: "; a session's moments count as one, graded by the best",
		sim.PerRun: "; the whole course's moments count as one, graded by the best"}[sk.Per]
	field("counts", strings.Join(opp, ", and ")+per)
	field("done", sk.Done)
	field("well", sk.Well)
	field("against", sk.Against)
	field("source", sk.Source)
	fmt.Fprintln(w)
}

// printPolicyScores plays courses courses of sc under each policy and
// writes each skill's mean score under each, marking the skills on which a
// careless policy (novice, random) scores at least as well as the better
// of the careful ones (competent, feedback).
func printPolicyScores(w io.Writer, sc *sim.Scenario, pols []*sim.Policy, courses, width int) error {
	skills := sc.Rubric().Skills
	type mean struct{ sum, n float64 }
	means := make([][]mean, len(pols)) // [policy][skill]
	for i, pol := range pols {
		means[i] = make([]mean, len(skills))
		for seed := uint64(1); seed <= uint64(courses); seed++ {
			_, p, err := competence.Play(sc, seed, pol.Chooser(seed).Pick)
			if err != nil {
				return fmt.Errorf("policy %s, course %d: %w", pol.ID, seed, err)
			}
			for j := range p.Scores {
				if s := &p.Scores[j]; s.Scored() {
					means[i][j].sum += s.Value()
					means[i][j].n++
				}
			}
		}
	}
	value := func(i, j int) (float64, bool) {
		m := means[i][j]
		return m.sum / max(m.n, 1), m.n > 0
	}
	index := func(id string) int {
		for i, p := range pols {
			if p.ID == id {
				return i
			}
		}
		return -1
	}
	// careful is the better of the careful policies' scores of skill j.
	careful := func(j int) (best float64, any bool) {
		for _, id := range []string{"competent", "feedback"} {
			if i := index(id); i >= 0 {
				if v, ok := value(i, j); ok && (!any || v > best) {
					best, any = v, true
				}
			}
		}
		return best, any
	}
	idW := len("skill")
	for _, sk := range skills {
		idW = max(idW, len(sk.ID))
	}
	fmt.Fprintf(w, "Mean scores over %s of %s under each shipped policy (0 to 1):\n\n", debrief.Count(courses, "course", "courses"), sc.ID)
	fmt.Fprintf(w, "  %-*s", idW, "skill")
	for _, p := range pols {
		fmt.Fprintf(w, " %10s", p.ID)
	}
	fmt.Fprintln(w)
	wrong := 0
	for j, sk := range skills {
		fmt.Fprintf(w, "  %-*s", idW, sk.ID)
		for i := range pols {
			v, ok := value(i, j)
			if !ok {
				fmt.Fprintf(w, " %10s", "–")
				continue
			}
			fmt.Fprintf(w, " %10.2f", v)
		}
		if c, ok := careful(j); ok {
			for _, careless := range []string{"novice", "random"} {
				if k := index(careless); k >= 0 {
					if v, ok := value(k, j); ok && v >= c {
						fmt.Fprint(w, "  ?")
						wrong++
						break
					}
				}
			}
		}
		fmt.Fprintln(w)
	}
	if wrong > 0 {
		fmt.Fprintln(w)
		for _, l := range wrap(fmt.Sprintf("? %s on which novice or random scores at least as well as competent or feedback: look at the course's options there, or at the skill (docs/authoring.md, \"Changing the competence rubric for your course\").",
			debrief.Count(wrong, "skill", "skills")), width, "", "  ") {
			fmt.Fprintln(w, l)
		}
	}
	return nil
}
