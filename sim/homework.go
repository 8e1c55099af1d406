package sim

import (
	"slices"
	"strings"
)

// A Completion is what became of a homework task during the week: not
// done, partly done or done in full; "" until the week has passed. The
// names are stored in events and exports, so the list is append-only.
type Completion string

// Completions.
const (
	NotDone Completion = "none"
	Partial Completion = "partial"
	Full    Completion = "full"
)

// Completions lists the completions, from none to full.
func Completions() []Completion { return []Completion{NotDone, Partial, Full} }

// Compliance scores a completion as homework studies do (Kazantzis, Deane &
// Ronan 2000): none 0, partial 0.5, full 1; 0 before the week has passed.
func (c Completion) Compliance() float64 {
	switch c {
	case Full:
		return 1
	case Partial:
		return 0.5
	}
	return 0
}

// Words says the completion for people: "not done", "partly done", "done
// in full", or "not yet due" before the week has passed.
func (c Completion) Words() string {
	switch c {
	case Full:
		return "done in full"
	case Partial:
		return "partly done"
	case NotDone:
		return "not done"
	}
	return "not yet due"
}

// otherTask is the kind whose words serve a task of any kind the words do
// not name.
const otherTask = "other"

// homeworkWords is what the client says about a task, by its kind and then
// by completion (NotDone, Partial, Full).
type homeworkWords map[string][3]string

func (c Completion) index() int {
	switch c {
	case Full:
		return 2
	case Partial:
		return 1
	}
	return 0
}

// homeworkWords reads the model's words; every kind needs all three.
func (ld *loader) homeworkWords(path string, files map[string]homeworkWordsFile) homeworkWords {
	out := make(homeworkWords, len(files))
	for kind, f := range files {
		p := join(path, kind)
		for _, w := range []struct {
			key, text string
		}{{"none", f.None}, {"partial", f.Partial}, {"full", f.Full}} {
			if w.text == "" && ld.typeErrs == 0 {
				ld.errorf(p, "%s needs %s: what the client says when the task was %s", display(p), w.key, Completion(w.key).Words())
			}
		}
		out[kind] = [3]string{f.None, f.Partial, f.Full}
	}
	return out
}

// HomeworkWords returns what the client says, in the first person, about
// a task of the given kind whose week ended with completion c; the words
// for kind "other" serve a kind the model does not name. The week's
// HomeworkOutcome event carries them as its Text.
func (sc *Scenario) HomeworkWords(kind string, c Completion) string {
	w, ok := sc.words[kind]
	if !ok {
		w = sc.words[otherTask]
	}
	return w[c.index()]
}

// scenarioWords reads a scenario's own homework words; each kind it names
// replaces the model's words for that kind.
func (ld *loader) scenarioWords(model homeworkWords, files map[string]homeworkWordsFile) homeworkWords {
	if len(files) == 0 {
		return model
	}
	out := make(homeworkWords, len(model)+len(files))
	for k, w := range model {
		out[k] = w
	}
	for k, w := range ld.homeworkWords("homework_words", files) {
		out[k] = w
	}
	return out
}

// homeworkKinds checks that every kind of task the scenario sets has the
// client's words for it, in the scenario or the model (whose words are
// model), and that every table of words the scenario gives serves a task
// it sets.
func (ld *loader) homeworkKinds(sc *Scenario, model homeworkWords, own map[string]homeworkWordsFile) {
	sorted := func(m map[string]bool) []string {
		var s []string
		for k := range m {
			s = append(s, k)
		}
		slices.Sort(s)
		return s
	}
	modelKinds, ownKinds, set := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for k := range model {
		modelKinds[k] = true
	}
	for k := range own {
		ownKinds[k] = true
	}
	for _, u := range ld.kinds {
		set[u.kind] = true
	}
	// The scenario's tables of kinds the model has no words for either,
	// that no option sets a task of: misspelt, or left from an option
	// since removed. (Words that replace the model's may be there for
	// later.)
	unused := map[string]bool{}
	for k := range own {
		if _, written := ld.keyPos()[join("homework_words", k)]; written && !set[k] && !modelKinds[k] {
			unused[k] = true
		}
	}
	has := "the model has words for " + strings.Join(sorted(modelKinds), ", ")
	if len(own) > 0 {
		has += "; the scenario for " + strings.Join(sorted(ownKinds), ", ")
	}
	known := append(sorted(modelKinds), sorted(ownKinds)...)
	told, renamed := map[string]bool{}, map[string]bool{}
	for _, u := range ld.kinds {
		if _, ok := sc.words[u.kind]; ok || told[u.kind] {
			continue
		}
		told[u.kind] = true
		if near := suggest(u.kind, sorted(unused)); near != "" && !renamed[near] {
			renamed[near] = true
			ld.warnf(u.path, "no homework words for a task of kind %q: the scenario's [homework_words.%s] looks like it is meant for it: rename it [homework_words.%s]",
				u.kind, near, u.kind)
			continue
		}
		if near := suggest(u.kind, known); near != "" {
			ld.warnf(u.path, "no homework words for a task of kind %q (did you mean %q?), so the client will use the model's words for any other task: write kind = %q, or add [homework_words.%s] with full, partial and none, what the client says when the task was done, half done or not done (%s)",
				u.kind, near, near, u.kind, has)
			continue
		}
		ld.warnf(u.path, "no homework words for a task of kind %q, so the client will use the model's words for any other task: add [homework_words.%s] with full, partial and none, what the client says when the task was done, half done or not done (%s)",
			u.kind, u.kind, has)
	}
	for _, k := range sorted(unused) {
		if !renamed[k] {
			ld.warnf(join("homework_words", k), "no option sets a task of kind %q, so the scenario's [homework_words.%s] is never used: give kind = %q to the attrs of an option that sets homework, or remove the table", k, k, k)
		}
	}
}
