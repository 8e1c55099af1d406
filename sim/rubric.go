package sim

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// The competence rubric: the skills a supervisor looks for in a run, each
// judged at the moments it was possible (its opportunities). The model file
// holds the rubric every scenario inherits ([rubric] and [[rubric.skills]]
// in scenarios/model.toml, each skill with its source); a scenario may
// replace a skill with its own (the same id), remove one (disabled), or add
// its own, as it does rules. The engine only judges a moment (Run.Judge);
// package competence adds the marks up into a run's profile.

// The areas a skill belongs to.
const (
	AreaHomework = "homework" // between-session homework (BSH)
	AreaAlliance = "alliance" // the working alliance
)

// Areas returns the areas a skill can belong to, in the order profiles
// show them.
func Areas() []string { return []string{AreaHomework, AreaAlliance} }

// What a skill's opportunity is (Skill.Per).
const (
	// PerMoment: each moment the skill was possible is an opportunity.
	PerMoment = "moment"
	// PerSession: the moments of one session are one opportunity, graded
	// by the best of them (a task reviewed at the second chance of the
	// session is reviewed).
	PerSession = "session"
	// PerRun: the moments of the whole run are one opportunity, graded by
	// the best of them (goals agreed once are agreed).
	PerRun = "run"
)

func pers() []string { return []string{PerMoment, PerSession, PerRun} }

// A Rubric is the skills a run is judged on, and the credit of a skill done
// but not done well.
type Rubric struct {
	// Partial is the credit, 0 to 1, of an opportunity where the skill was
	// done but not well (its Well condition did not hold); done well is 1,
	// missed or done against is 0.
	Partial float64
	Skills  []*Skill
}

// A Skill is one item of the rubric: what the trainee could do, when it
// was possible, and what counts as doing it (well).
type Skill struct {
	ID string
	// Area is AreaHomework or AreaAlliance.
	Area string
	// Name says the skill in a few words, as a supervisor would.
	Name string
	// Explain says why it matters, in a sentence or two.
	Explain string
	// Source cites the research behind it.
	Source string
	// Offered: a moment is an opportunity only when one of the options
	// offered has one of these acts (any moment when empty).
	Offered []Act
	// When, Done, Well and Against are the conditions as written: the
	// moment is an opportunity when When holds; the chosen option did the
	// skill when Done holds, did it well when Well holds too (always,
	// when there is no Well), and did its opposite when Against holds.
	// Each may read the state before the choice and the chosen option's
	// act and attributes (act, attr.NAME).
	When, Done, Well, Against string
	// Per is what one opportunity is: PerMoment, PerSession or PerRun.
	Per string
	// File and Line say where it is written: the model's file, or the
	// scenario's when the scenario adds or replaces it.
	File string
	Line int

	when, done, well, against *condition
	disabled                  bool
	pos                       Pos
}

// A Grade is what a choice made of an opportunity for a skill.
type Grade int8

// The grades, worst first.
const (
	// Against: the opposite of the skill was done (Skill.Against).
	Against Grade = iota
	// Missed: the skill was possible and not done.
	Missed
	// Partly: the skill was done, not well.
	Partly
	// Well: the skill was done well.
	Well
)

// String returns the grade's name.
func (g Grade) String() string {
	switch g {
	case Against:
		return "against"
	case Missed:
		return "missed"
	case Partly:
		return "partly"
	case Well:
		return "well"
	}
	return "grade(" + strconv.Itoa(int(g)) + ")"
}

// Credit is the grade's credit under rubric ru: 1 for Well, ru.Partial for
// Partly, 0 otherwise.
func (ru *Rubric) Credit(g Grade) float64 {
	switch g {
	case Well:
		return 1
	case Partly:
		return ru.Partial
	}
	return 0
}

// A Mark is what a choice made of one skill's opportunity.
type Mark struct {
	// Skill is the skill's index in Rubric.Skills.
	Skill int
	Grade Grade
}

// Rubric returns the scenario's rubric: the model's, with the scenario's
// own skills applied. It is shared and must not be changed.
func (sc *Scenario) Rubric() *Rubric { return &sc.rubric }

// Judge returns the rubric's marks for answering the current prompt with
// option n (from 1), one for each skill the moment was an opportunity for,
// without choosing it: the run is as it was. It returns nil when the
// course is over or n is not an option. A condition that fails as it runs
// counts as false and is not reported (Choose reports the run's own).
func (r *Run) Judge(n int) []Mark {
	if r.st.Done || r.beat == end || n < 1 || n > len(r.shown) {
		return nil
	}
	ru := &r.sc.rubric
	if len(ru.Skills) == 0 {
		return nil
	}
	b := r.sc.Sessions[r.st.Session-1].Beats[r.beat]
	o := b.Options[r.shown[n-1]]
	r.fill(o.Act, o.Attrs)
	defer r.noAct()
	var out []Mark
	for i, sk := range ru.Skills {
		if len(sk.Offered) > 0 && !slices.ContainsFunc(r.shown, func(oi int) bool { return slices.Contains(sk.Offered, b.Options[oi].Act) }) {
			continue
		}
		if !r.quietly(sk.when) {
			continue
		}
		g := Missed
		switch {
		case r.quietly(sk.done):
			g = Partly
			if r.quietly(sk.well) {
				g = Well
			}
		case sk.against != nil && r.quietly(sk.against):
			g = Against
		}
		out = append(out, Mark{Skill: i, Grade: g})
	}
	return out
}

// quietly evaluates c as cond does, a failure counting as false without a
// word: judging a moment must not add to the run's events.
func (r *Run) quietly(c *condition) bool {
	if c == nil {
		return true
	}
	if c.fast != nil {
		return c.fast(&r.env)
	}
	if c.prog == nil {
		return false
	}
	out, err := r.machine().Run(c.prog, r.vmEnv())
	b, _ := out.(bool)
	return err == nil && b
}

// rubric reads a rubric file found at path ("rubric").
func (ld *loader) rubric(path string, rf *rubricFile) (partial *float64, skills []*Skill) {
	if rf == nil {
		return nil, nil
	}
	if p := rf.Partial; p != nil {
		if *p < 0 || *p > 1 || math.IsNaN(*p) {
			ld.errorf(join(path, "partial"), "partial = %v is outside 0 to 1: it is the credit for a skill done but not done well (1 is done well)", *p)
		}
		partial = p
	}
	seen := make(map[string]bool)
	for i, f := range rf.Skills {
		p := join(path, "skills."+strconv.Itoa(i))
		sk := &Skill{ID: f.ID, Area: f.Area, Name: f.Name, Explain: f.Explain, Source: f.Source,
			When: f.When, Done: f.Done, Well: f.Well, Against: f.Against, Per: f.Per, disabled: f.Disabled, File: ld.file, pos: ld.at(p)}
		sk.Line = sk.pos.Line
		if sk.Per == "" {
			sk.Per = PerMoment
		}
		switch {
		case f.ID == "":
			ld.errorf(p, "skill needs an id")
		case !validID(f.ID):
			ld.errorf(join(p, "id"), "id %q: use lowercase letters, digits, - and _", f.ID)
		case seen[f.ID]:
			ld.errorf(join(p, "id"), "skill id %q is used twice in this file", f.ID)
		}
		seen[f.ID] = true
		skills = append(skills, sk)
		if f.Disabled {
			continue
		}
		if !slices.Contains(Areas(), f.Area) {
			if f.Area == "" {
				ld.errorf(p, "skill %q needs an area: %s", f.ID, quoteList(Areas()))
			} else {
				ld.errorf(join(p, "area"), "area %q%s: write one of %s", f.Area, didYouMean(f.Area, Areas()), quoteList(Areas()))
			}
		}
		if !slices.Contains(pers(), sk.Per) {
			ld.errorf(join(p, "per"), "per = %q%s: write %s (each moment the skill was possible counts; the default), %q (the moments of a session count as one, graded by the best) or %q (the whole run's count as one)", f.Per, didYouMean(f.Per, pers()), strconv.Quote(PerMoment), PerSession, PerRun)
		}
		if f.Name == "" {
			ld.errorf(p, "skill %q needs a name: what a supervisor looks for, in a few words", f.ID)
		}
		if f.Source == "" {
			ld.errorf(p, "skill %q needs a source: the research it stands on, or \"assumption: …\" saying why", f.ID)
		}
		if f.Done == "" {
			ld.errorf(p, "skill %q needs done: a condition on the chosen option that says the skill was done, such as \"act == 'homework_review'\"", f.ID)
		} else {
			sk.done = ld.condition(join(p, "done"), f.Done)
		}
		for j, a := range f.Offered {
			if !Act(a).Valid() {
				ld.errorf(join(p, "offered."+strconv.Itoa(j)), "%s", unknownAct(a))
				continue
			}
			sk.Offered = append(sk.Offered, Act(a))
		}
		if f.When != "" {
			sk.when = ld.condition(join(p, "when"), f.When)
		}
		if f.Well != "" {
			sk.well = ld.condition(join(p, "well"), f.Well)
		}
		if f.Against != "" {
			sk.against = ld.condition(join(p, "against"), f.Against)
		}
	}
	return partial, skills
}

// mergeRubric returns the model's rubric with the scenario's applied: a
// scenario skill with a model skill's id replaces it in place (or removes
// it when disabled), any other is added at the end.
func mergeRubric(ld *loader, model *Rubric, partial *float64, scen []*Skill) Rubric {
	out := Rubric{Partial: model.Partial, Skills: append([]*Skill(nil), model.Skills...)}
	if partial != nil {
		out.Partial = *partial
	}
	at := make(map[string]int, len(model.Skills))
	ids := make([]string, len(model.Skills))
	for i, m := range model.Skills {
		at[m.ID], ids[i] = i, m.ID
	}
	for _, sk := range scen {
		i, replaces := at[sk.ID]
		switch {
		case replaces:
			out.Skills[i] = sk
		case sk.disabled:
			ld.probs = append(ld.probs, Problem{File: sk.File, Pos: sk.pos, Key: "rubric.skills",
				Msg: fmt.Sprintf("disabled skill %q is not a skill of the model's rubric%s", sk.ID, didYouMean(sk.ID, ids))})
		default:
			if near := suggest(sk.ID, ids); near != "" {
				ld.probs = append(ld.probs, Problem{File: sk.File, Pos: sk.pos, Key: "rubric.skills", Warning: true,
					Msg: fmt.Sprintf("skill %q is not a skill of the model's rubric, so it is added beside them, not in place of one (did you mean %q? a skill with a model skill's id replaces it)", sk.ID, near)})
			}
			out.Skills = append(out.Skills, sk)
		}
	}
	out.Skills = slices.DeleteFunc(out.Skills, func(sk *Skill) bool { return sk.disabled })
	return out
}
