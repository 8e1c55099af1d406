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
// client's words for it, in the scenario or the model.
func (ld *loader) homeworkKinds(sc *Scenario) {
	var known []string
	for k := range sc.words {
		known = append(known, k)
	}
	slices.Sort(known)
	told := make(map[string]bool)
	for _, u := range ld.kinds {
		if _, ok := sc.words[u.kind]; ok || told[u.kind] {
			continue
		}
		told[u.kind] = true
		ld.warnf(u.path, "no homework words for a task of kind %q%s, so the client will use the model's words for any other task: add [homework_words.%s] with full, partial and none, what the client says when the task was done, half done or not done (the model has words for %s)",
			u.kind, didYouMean(u.kind, known), u.kind, strings.Join(known, ", "))
	}
}
