package sim_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// rubricCourse is a two-session course with skills of its own beside the
// model's: each t_ skill tries one part of a skill (offered, when, done,
// well, against) on the moments of the course.
const rubricCourse = `
[scenario]
id = "rubric"
title = "Rubric"

[client]
name = "Sam"
[client.traits]
reactance = 0.3
motivation = 0.7
attachment = 0.6
homework_attitude = 0.6
mindedness = 0.5
support = 0.6
[client.initial]
bond = 0.5
task = 0.5
goal = 0.5
hope = 0.5
symptoms = 80

[variables]
asked = false

[[sessions]]
id = "s1"

[[sessions.beats]]
id = "hello"
inner = "Nervous."
[[sessions.beats.says]]
text = "Hi."
[[sessions.beats.options]]
id = "reflect"
text = "It took something to come."
act = "empathic_reflection"
next = "task"
[[sessions.beats.options]]
id = "goals"
text = "What would you like to be different?"
act = "goal_collaboration"
next = "task"
set = { asked = true }

[[sessions.beats]]
id = "task"
inner = "A task?"
[[sessions.beats.says]]
text = "What now?"
[[sessions.beats.options]]
id = "task_good"
text = "Shall we plan one small thing together?"
act = "homework_assign"
next = "end"
[sessions.beats.options.attrs]
kind = "activity_schedule"
collaborative = true
specific = true
difficulty = 0.3
[[sessions.beats.options]]
id = "task_set"
text = "Walk at ten every morning."
act = "homework_assign"
next = "end"
[sessions.beats.options.attrs]
kind = "activity_schedule"
specific = true
difficulty = 0.3
[[sessions.beats.options]]
id = "task_vague"
text = "Try to do more."
act = "homework_assign"
next = "end"
[sessions.beats.options.attrs]
kind = "activity_schedule"
difficulty = 0.5
[[sessions.beats.options]]
id = "close"
text = "See you next week."
act = "session_close"
next = "end"

[[sessions]]
id = "s2"

[[sessions.beats]]
id = "open"
inner = "Here again."
[[sessions.beats.says]]
text = "Hello again."
[[sessions.beats.options]]
id = "review"
text = "How did the walks go?"
act = "homework_review"
next = "strain"
[[sessions.beats.options]]
id = "skip"
text = "Let's start on something new."
act = "homework_skip_review"
next = "strain"

[[sessions.beats]]
id = "strain"
opens = "confrontation"
severity = 0.5
explain = "Sam is cross about the wait."
inner = "Cross."
[[sessions.beats.says]]
text = "You kept me waiting."
[[sessions.beats.options]]
id = "own"
text = "I did, and I'm sorry. What was it like?"
act = "rupture_repair"
next = "end"
[sessions.beats.options.attrs]
acknowledges = true
[[sessions.beats.options]]
id = "repair"
text = "Let's talk about what happened."
act = "rupture_repair"
next = "end"
[[sessions.beats.options]]
id = "defend"
text = "The last client ran over."
act = "defensive_response"
next = "end"
[[sessions.beats.options]]
id = "reflect"
text = "You're cross."
act = "empathic_reflection"
next = "end"

[[rubric.skills]]
id = "t_any"
area = "alliance"
name = "Reflects"
source = "assumption: a test"
done = "act == 'empathic_reflection'"

[[rubric.skills]]
id = "t_offered"
area = "alliance"
name = "Asks about goals when it can"
source = "assumption: a test"
offered = ["goal_collaboration"]
done = "act == 'goal_collaboration'"

[[rubric.skills]]
id = "t_when"
area = "homework"
name = "Reviews in the second session"
source = "assumption: a test"
when = "session == 2"
done = "act == 'homework_review'"
per = "session"

[[rubric.skills]]
id = "t_well"
area = "homework"
name = "Sets a specific task, together"
source = "assumption: a test"
when = "act == 'homework_assign'"
done = "attr.specific"
well = "attr.collaborative"

[[rubric.skills]]
id = "t_against"
area = "alliance"
name = "Repairs, owning a part"
source = "assumption: a test"
offered = ["rupture_repair"]
when = "rupture != 'none'"
done = "act == 'rupture_repair'"
well = "attr.acknowledges"
against = "act == 'defensive_response'"

[[rubric.skills]]
id = "t_variable"
area = "alliance"
name = "Reads the course's own variables"
source = "assumption: a test"
when = "asked"
done = "true"
per = "run"
`

// rubricSeed is a seed on which the rubric course's client comes back for
// the second session whatever is chosen in the first.
const rubricSeed = 3

// rubricLoad loads the rubric course on the default model.
func rubricLoad(t *testing.T, text string) *sim.Scenario {
	t.Helper()
	sc, err := sim.Load("rubric.toml", []byte(text), scenariotest.Model(t))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// rubricWalk plays the options with the given ids, in order, and returns
// the run at the prompt after them.
func rubricWalk(t *testing.T, sc *sim.Scenario, path ...string) *sim.Run {
	t.Helper()
	r := sim.NewRun(sc, rubricSeed)
	for _, id := range path {
		n := optionNumber(t, r, id)
		if _, err := r.Choose(n); err != nil {
			t.Fatal(err)
		}
	}
	if r.Done() {
		t.Fatalf("the course is over after %v", path)
	}
	return r
}

// optionNumber is the number of the option offered with the given id.
func optionNumber(t *testing.T, r *sim.Run, id string) int {
	t.Helper()
	p := r.Prompt()
	for _, o := range p.Options {
		if o.ID == id {
			return o.Number
		}
	}
	t.Fatalf("beat %q offers no option %q", p.Beat, id)
	return 0
}

// TestJudge: at a moment, an option is judged for each skill the moment is
// an opportunity for: one of the skill's offered acts is among the
// options (any moment when it names none) and its when holds; the option
// did it (done), did it well (done and well; done alone when the skill has
// no well), did its opposite (against), or missed it. Skills the moment is
// no opportunity for get no mark.
func TestJudge(t *testing.T) {
	sc := rubricLoad(t, rubricCourse)
	type marks map[string]sim.Grade
	for _, c := range []struct {
		name  string
		path  []string // the options chosen before the moment
		judge string   // the option judged
		want  marks    // the t_ skills' marks; the others are not listed
	}{
		{"a skill with no offered and no when is judged at every moment: done", nil, "reflect",
			marks{"t_any": sim.Well, "t_offered": sim.Missed}},
		{"offered: the moment offers goal collaboration, and it is chosen", nil, "goals",
			marks{"t_any": sim.Missed, "t_offered": sim.Well}},
		{"offered: a moment that offers no goal collaboration is no opportunity", []string{"reflect"}, "close",
			marks{"t_any": sim.Missed}},
		{"when reads the chosen option's act: done and well", []string{"reflect"}, "task_good",
			marks{"t_any": sim.Missed, "t_well": sim.Well}},
		{"done without well is partly", []string{"reflect"}, "task_set",
			marks{"t_any": sim.Missed, "t_well": sim.Partly}},
		{"neither done nor against is missed", []string{"reflect"}, "task_vague",
			marks{"t_any": sim.Missed, "t_well": sim.Missed}},
		{"when reads the course's variables, as they were before the choice", []string{"goals"}, "close",
			marks{"t_any": sim.Missed, "t_variable": sim.Well}},
		{"when reads the state: the second session", []string{"reflect", "task_set"}, "review",
			marks{"t_any": sim.Missed, "t_when": sim.Well}},
		{"when reads the state: skipped is missed", []string{"reflect", "task_set"}, "skip",
			marks{"t_any": sim.Missed, "t_when": sim.Missed}},
		{"a rupture open: the repair that owns a part is done well", []string{"reflect", "task_set", "review"}, "own",
			marks{"t_any": sim.Missed, "t_when": sim.Missed, "t_against": sim.Well}},
		{"a rupture open: a repair that owns nothing is partly", []string{"reflect", "task_set", "review"}, "repair",
			marks{"t_any": sim.Missed, "t_when": sim.Missed, "t_against": sim.Partly}},
		{"a rupture open: defending is against", []string{"reflect", "task_set", "review"}, "defend",
			marks{"t_any": sim.Missed, "t_when": sim.Missed, "t_against": sim.Against}},
		{"a rupture open: anything else is missed", []string{"reflect", "task_set", "review"}, "reflect",
			marks{"t_any": sim.Well, "t_when": sim.Missed, "t_against": sim.Missed}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := rubricWalk(t, sc, c.path...)
			ru := sc.Rubric()
			got := marks{}
			for _, m := range r.Judge(optionNumber(t, r, c.judge)) {
				if id := ru.Skills[m.Skill].ID; strings.HasPrefix(id, "t_") {
					got[id] = m.Grade
				}
			}
			if len(got) != len(c.want) {
				t.Errorf("marks %v, want %v", got, c.want)
			}
			for id, g := range c.want {
				if got[id] != g {
					t.Errorf("%s: %v, want %v", id, got[id], g)
				}
			}
		})
	}
}

// TestJudgeOutsideAPrompt: Judge marks nothing for an option not offered,
// nor once the course is over.
func TestJudgeOutsideAPrompt(t *testing.T) {
	sc := rubricLoad(t, rubricCourse)
	r := rubricWalk(t, sc)
	for _, n := range []int{0, -1, len(r.Prompt().Options) + 1} {
		if m := r.Judge(n); m != nil {
			t.Errorf("Judge(%d) = %v, want nil", n, m)
		}
	}
	for !r.Done() {
		if _, err := r.Choose(1); err != nil {
			t.Fatal(err)
		}
	}
	if m := r.Judge(1); m != nil {
		t.Errorf("Judge(1) after the course = %v, want nil", m)
	}
}

// TestJudgeLeavesTheRunAsItWas: judging every option at every prompt
// before choosing changes nothing of the run: the fingerprints after each
// choice and the events are those of the same course played without.
func TestJudgeLeavesTheRunAsItWas(t *testing.T) {
	for _, id := range []string{"cbt-depression", "eft-self-criticism", "psychodynamic-pattern"} {
		t.Run(id, func(t *testing.T) {
			sc := scenariotest.Load(t, id)
			pol := scenariotest.Policy(t, "trainee")
			const seed = 11
			plain, judged := sim.NewRun(sc, seed), sim.NewRun(sc, seed)
			cp, cj := pol.Chooser(seed), pol.Chooser(seed)
			judgedAny := 0
			for !plain.Done() {
				for n := 1; n <= len(judged.Prompt().Options); n++ {
					judgedAny += len(judged.Judge(n))
				}
				np, nj := cp.Pick(plain), cj.Pick(judged)
				if np != nj {
					t.Fatalf("choice %d: the policy picked %d, and %d after judging", plain.Choices()+1, np, nj)
				}
				if _, err := plain.Choose(np); err != nil {
					t.Fatal(err)
				}
				if _, err := judged.Choose(nj); err != nil {
					t.Fatal(err)
				}
				if plain.Fingerprint() != judged.Fingerprint() {
					t.Fatalf("choice %d: fingerprint %s, and %s when judged first", plain.Choices(), plain.Fingerprint(), judged.Fingerprint())
				}
			}
			if !judged.Done() {
				t.Error("the judged run is not over with the plain one")
			}
			if recEvents(t, plain) != recEvents(t, judged) {
				t.Error("the judged run's events differ")
			}
			if judgedAny == 0 {
				t.Error("no option of the course was an opportunity for any skill")
			}
		})
	}
}

// TestRubricMerge: a course's [[rubric.skills]] replace the model's skill
// of the same id in its place, remove one with disabled = true, and add
// any other at the end; [rubric] partial replaces the model's credit.
func TestRubricMerge(t *testing.T) {
	m := scenariotest.Model(t)
	base := rubricLoad(t, strings.Split(rubricCourse, "[[rubric.skills]]")[0])
	var model []string
	for _, sk := range base.Rubric().Skills {
		model = append(model, sk.ID)
	}
	if !slices.Contains(model, "homework_written") || !slices.Contains(model, "risk_assessed") || base.Rubric().Partial != 0.5 {
		t.Fatalf("the model's rubric: skills %v, partial %v; want those of scenarios/model.toml, partial 0.5", model, base.Rubric().Partial)
	}
	sc, err := sim.Load("merge.toml", []byte(strings.Split(rubricCourse, "[[rubric.skills]]")[0]+`
[rubric]
partial = 0.25

[[rubric.skills]]
id = "own_skill"
area = "alliance"
name = "A skill of the course's own"
source = "assumption: a test"
done = "true"

[[rubric.skills]]
id = "homework_written"
area = "homework"
name = "Keeps the task in mind"
source = "assumption: a test"
when = "act == 'homework_assign'"
done = "attr.specific"
per = "session"

[[rubric.skills]]
id = "risk_assessed"
disabled = true
`), m)
	if err != nil {
		t.Fatal(err)
	}
	ru := sc.Rubric()
	var got []string
	for _, sk := range ru.Skills {
		got = append(got, sk.ID)
	}
	want := slices.DeleteFunc(slices.Clone(model), func(id string) bool { return id == "risk_assessed" })
	want = append(want, "own_skill")
	if !slices.Equal(got, want) {
		t.Errorf("skills %v\nwant %v", got, want)
	}
	i := slices.Index(got, "homework_written")
	if i != slices.Index(model, "homework_written") {
		t.Errorf("the replaced skill is at %d, the model's at %d", i, slices.Index(model, "homework_written"))
	}
	if sk := ru.Skills[i]; sk.Name != "Keeps the task in mind" || sk.Per != sim.PerSession || sk.Explain != "" {
		t.Errorf("the replaced skill is %+v, not the course's", sk)
	}
	if sk := ru.Skills[len(got)-1]; sk.Per != sim.PerMoment {
		t.Errorf("a skill without per counts per %q, want %q", sk.Per, sim.PerMoment)
	}
	if ru.Partial != 0.25 || ru.Credit(sim.Partly) != 0.25 || ru.Credit(sim.Well) != 1 || ru.Credit(sim.Missed) != 0 || ru.Credit(sim.Against) != 0 {
		t.Errorf("partial %v, credits %v %v %v %v", ru.Partial, ru.Credit(sim.Well), ru.Credit(sim.Partly), ru.Credit(sim.Missed), ru.Credit(sim.Against))
	}
	// The model's rubric is the model's still.
	if got := base.Rubric(); len(got.Skills) != len(model) || got.Partial != 0.5 || got.Skills[i].Name == "Keeps the task in mind" {
		t.Error("a course's skills changed the model's rubric")
	}
}

// TestRubricProblems: a mistake in a course's rubric is told at its line,
// in words an author can act on (docs/messages.md shows each message).
func TestRubricProblems(t *testing.T) {
	head := strings.Split(rubricCourse, "[[rubric.skills]]")[0]
	for _, c := range []struct{ name, text, want string }{
		{"partial above 1", "[rubric]\npartial = 2\n", "partial = 2 is outside 0 to 1"},
		{"an area misspelt", `[[rubric.skills]]
id = "x"
area = "alliance_"
name = "X"
source = "assumption: a test"
done = "true"
`, `area "alliance_" (did you mean "alliance"?)`},
		{"no done", `[[rubric.skills]]
id = "x"
area = "alliance"
name = "X"
source = "assumption: a test"
`, `skill "x" needs done`},
		{"no source", `[[rubric.skills]]
id = "x"
area = "alliance"
name = "X"
done = "true"
`, `skill "x" needs a source`},
		{"an unknown act offered", `[[rubric.skills]]
id = "x"
area = "alliance"
name = "X"
source = "assumption: a test"
offered = ["homework_asign"]
done = "true"
`, `"homework_asign"`},
		{"a condition that does not compile", `[[rubric.skills]]
id = "x"
area = "alliance"
name = "X"
source = "assumption: a test"
done = "attr.colaborative"
`, "colaborative"},
		{"per misspelt", `[[rubric.skills]]
id = "x"
area = "alliance"
name = "X"
source = "assumption: a test"
done = "true"
per = "sesion"
`, `per = "sesion" (did you mean "session"?)`},
		{"a disabled skill the model has not", `[[rubric.skills]]
id = "risk_asessed"
disabled = true
`, `disabled skill "risk_asessed" is not a skill of the model's rubric (did you mean "risk_assessed"?)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := sim.Load("bad.toml", []byte(head+c.text), scenariotest.Model(t))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v\nwant one saying %s", err, c.want)
			}
			if err != nil && !strings.Contains(err.Error(), "bad.toml:") {
				t.Errorf("the error names no place: %v", err)
			}
		})
	}
}
