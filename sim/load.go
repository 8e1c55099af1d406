package sim

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
)

// Limits of the files Load accepts.
const (
	MaxFileSize = 4 << 20  // bytes in a file
	MaxLine     = 16 << 10 // characters in one line
)

func (ld *loader) effects(path string, e effectsFile) []effect {
	var out []effect
	for i, a := range e.fields() {
		if a.set {
			v := vars()[i]
			out = append(out, effect{v: v, amt: ld.value(join(path, v.key()), a)})
		}
	}
	return out
}

func (ld *loader) rules(path string, files []ruleFile) []*rule {
	var out []*rule
	seen := make(map[string]bool)
	for i, rf := range files {
		p := join(path, strconv.Itoa(i))
		r := &rule{id: rf.ID, source: rf.Source, explain: rf.Explain, repairs: rf.Repairs, disabled: rf.Disabled, file: ld.file, pos: ld.at(p)}
		switch {
		case rf.ID == "":
			ld.errorf(p, "rule needs an id")
		case seen[rf.ID]:
			ld.errorf(join(p, "id"), "rule id %q is used twice in this file", rf.ID)
		}
		seen[rf.ID] = true
		if rf.Explain == "" && !rf.Disabled {
			ld.errorf(p, "rule %q needs an explain sentence: it is what the debrief shows", rf.ID)
		}
		for j, a := range rf.Acts {
			if !Act(a).Valid() {
				ld.errorf(join(p, "acts."+strconv.Itoa(j)), "%s", unknownAct(a))
				continue
			}
			r.acts = append(r.acts, Act(a))
		}
		if rf.When != "" {
			r.when = ld.condition(join(p, "when"), rf.When)
		}
		r.effects = ld.effects(join(p, "effects"), rf.Effects)
		r.opens, r.severity = ld.opens(p, fmt.Sprintf("rule %q", rf.ID), rf.Opens, rf.Severity)
		if len(r.effects) == 0 && r.opens == "" && !r.repairs && !r.disabled {
			ld.errorf(p, "rule %q changes nothing: give it effects, opens or repairs", rf.ID)
		}
		out = append(out, r)
	}
	return out
}

// opens reads what opens a rupture, found at path in what (rule "x", beat
// "y", …): the kind, and the severity (0.4 unless given).
func (ld *loader) opens(path, what, kind string, sev amount) (RuptureKind, value) {
	switch kind {
	case "":
		if sev.set {
			ld.errorf(join(path, "severity"), "severity on %s needs opens = \"withdrawal\" or \"confrontation\", or remove severity", what)
		}
	case string(RuptureWithdrawal), string(RuptureConfrontation):
		v := value{set: true, num: 0.4, src: "0.4"}
		if sev.set {
			if !sev.expr && (sev.num < 0 || sev.num > 1) {
				ld.errorf(join(path, "severity"), "severity = %v is outside 0 to 1: 0 is the mildest rupture and 1 the most severe (0.4 when left out)", sev.num)
			}
			v = ld.value(join(path, "severity"), sev)
		}
		return RuptureKind(kind), v
	default:
		ld.errorf(join(path, "opens"), "opens: unknown rupture kind %q%s; want \"withdrawal\" or \"confrontation\"",
			kind, didYouMean(kind, []string{string(RuptureWithdrawal), string(RuptureConfrontation)}))
	}
	return "", value{}
}

// IsModel reports whether data looks like a model file (a [week] table and
// no [scenario]) rather than a scenario, so that a tool given both kinds can
// check each as what it is.
func IsModel(data []byte) bool {
	if len(data) > MaxFileSize {
		return false
	}
	// A look at the table headers, not a parse: a tool asks this of every
	// file before it loads it, and a parse is most of a load's time.
	week, scen := false, false
	multi := ""
	for _, line := range bytes.Split(data, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if multi == "" && bytes.HasPrefix(t, []byte("[")) && !bytes.HasPrefix(t, []byte("[[")) {
			name := bytes.TrimSpace(t[1:])
			header := func(n string) bool {
				return bytes.HasPrefix(name, []byte(n)) && len(name) > len(n) && (name[len(n)] == ']' || name[len(n)] == '.' || name[len(n)] == ' ')
			}
			week = week || header("week")
			scen = scen || header("scenario")
		}
		// Lines inside multi-line text are not headers.
		for _, q := range []string{`"""`, `'''`} {
			if (multi == "" || multi == q) && bytes.Count(line, []byte(q))%2 == 1 {
				if multi == "" {
					multi = q
				} else {
					multi = ""
				}
			}
		}
	}
	return week && !scen
}

// A Model is the default process model: the rules every scenario inherits
// and the parameters of the week between sessions.
type Model struct {
	file  string
	hash  string
	week  Params
	dyn   *Dynamics // nil: the model has no [dynamics]
	rules []*rule
	words homeworkWords
	// rubric is the competence rubric every scenario inherits.
	rubric Rubric
}

// Hash is the SHA-256 of the model file's bytes, in hex.
func (m *Model) Hash() string { return m.hash }

// Params returns the parameters of the week between sessions.
func (m *Model) Params() Params { return m.week }

// Dynamics returns a copy of the model's [dynamics] parameters, or nil
// when the model has none (then clients begin no ruptures of their own,
// every repair holds and courses vary only by the week's noise).
func (m *Model) Dynamics() *Dynamics {
	if m.dyn == nil {
		return nil
	}
	d := *m.dyn
	return &d
}

// LoadModel reads a model file: the default rules and the week's
// parameters. name is used in messages. The error, if any, is Problems.
func LoadModel(name string, data []byte) (*Model, error) {
	ld := &loader{file: name}
	var mf modelFile
	if !ld.decode(data, &mf) {
		return nil, ld.probs
	}
	t := reflect.TypeOf(Params{})
	for i := 0; i < t.NumField(); i++ {
		k := "week." + t.Field(i).Tag.Get("toml")
		if !ld.has(k) {
			ld.errorf("week", "missing parameter %s", k)
		}
	}
	m := &Model{file: name, hash: hashOf(data), week: mf.Week, dyn: mf.Dynamics}
	if m.dyn != nil {
		ld.checkDynamics(m.dyn)
	}
	m.rules = ld.rules("rules", mf.Rules)
	m.words = ld.homeworkWords("homework_words", mf.HomeworkWords)
	partial, skills := ld.rubric("rubric", mf.Rubric)
	m.rubric = mergeRubric(ld, &Rubric{Partial: 0.5}, partial, skills)
	if len(m.rubric.Skills) > 0 && partial == nil {
		at := "rubric"
		if _, ok := ld.keyPos()[at]; !ok {
			at = "rubric.skills.0" // no [rubric] table of its own: its first skill
		}
		ld.errorf(at, "[rubric] needs partial: the credit, 0 to 1, for a skill done but not done well")
	}
	if _, ok := m.words[otherTask]; !ok && ld.typeErrs == 0 {
		at := "homework_words"
		first := Pos{}
		for k := range mf.HomeworkWords {
			if p := ld.at(join(at, k)); first.Line == 0 || p.Line < first.Line {
				first = p
			}
		}
		ld.probs = append(ld.probs, Problem{File: ld.file, Pos: first, Key: at,
			Msg: fmt.Sprintf("homework_words needs an %q table: what the client says about a task of a kind no other table names", otherTask)})
	}
	if len(ld.probs) > 0 {
		ld.probs.sort()
		return nil, ld.probs
	}
	return m, nil
}

func hashOf(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// validID reports whether id is lowercase letters, digits, - and _,
// starting with a letter or digit.
func validID(id string) bool {
	for i, c := range id {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case (c == '-' || c == '_') && i > 0:
		default:
			return false
		}
	}
	return id != ""
}

// Load reads, checks and compiles a scenario against a model. name is the
// file name used in messages. When the scenario has mistakes the error is
// Problems, every mistake with its line and column.
func Load(name string, data []byte, m *Model) (*Scenario, error) {
	if m == nil {
		return nil, errors.New("sim.Load: no model")
	}
	ld := &loader{file: name}
	var sf scenarioFile
	if !ld.decode(data, &sf) {
		return nil, ld.probs
	}
	sc := &Scenario{
		ID: sf.Scenario.ID, Title: sf.Scenario.Title, Approach: sf.Scenario.Approach,
		Language: sf.Scenario.Language, Author: sf.Scenario.Author,
		Description: sf.Scenario.Description, Objectives: sf.Scenario.Objectives,
		File: name, Hash: hashOf(data), ModelHash: m.hash, params: m.week, dyn: m.dyn,
	}
	ld.meta(sf)
	sc.Client = ld.client(sf.Client)
	ld.vars = ld.variables(sf.Variables)
	sc.vars = ld.vars.list
	for _, v := range sc.vars {
		sc.names = append(sc.names, v.Name)
	}
	sc.words = ld.scenarioWords(m.words, sf.HomeworkWords)
	ld.sessions(sc, sf.Sessions)
	for i, ef := range sf.Events {
		p := "events." + strconv.Itoa(i)
		if ef.ID == "" {
			ld.errorf(p, "life event needs an id")
		}
		if ef.Text == "" {
			ld.errorf(p, "life event %q needs text: it is what the trainee reads", ef.ID)
		}
		if ef.After < 1 || ef.After > len(sf.Sessions) {
			ld.errorf(join(p, "after_session"), "after_session = %d: want a session from 1 to %d", ef.After, len(sf.Sessions))
		}
		ev := &lifeEvent{id: ef.ID, after: ef.After, text: ef.Text, inner: ef.Inner}
		if ef.When != "" {
			ev.when = ld.condition(join(p, "when"), ef.When)
		}
		ev.effects = ld.effects(join(p, "effects"), ef.Effects)
		ev.sets = ld.sets(join(p, "set"), ef.Set)
		sc.events = append(sc.events, ev)
	}
	sc.rules = merge(ld, m.rules, ld.rules("rules", sf.Rules))
	partial, skills := ld.rubric("rubric", sf.Rubric)
	sc.rubric = mergeRubric(ld, &m.rubric, partial, skills)
	ld.unreadAttrs(sc.rules)
	ld.unused()
	ld.homeworkKinds(sc, m.words, sf.HomeworkWords)
	sc.population = ld.population(sc.Client, sf.Population)
	ld.probs.sort()
	if ld.probs.errors() {
		return nil, ld.probs
	}
	sc.warnings = ld.probs
	sc.index()
	return sc, nil
}

func (ld *loader) meta(sf scenarioFile) {
	md := sf.Scenario
	switch {
	case !ld.has("scenario"):
		ld.errorf("", "missing [scenario] table with id and title")
		return
	case md.ID == "":
		ld.errorf("scenario", "scenario needs an id")
	case !validID(md.ID):
		ld.errorf("scenario.id", "id %q: use lowercase letters, digits, - and _", md.ID)
	}
	if md.Title == "" {
		ld.errorf("scenario", "scenario needs a title")
	}
	if len(sf.Sessions) == 0 {
		ld.errorf("", "scenario has no [[sessions]]")
	}
}

func (ld *loader) client(cf clientFile) Client {
	c := Client{Name: cf.Name, Age: cf.Age, Pronouns: cf.Pronouns, Presenting: cf.Presenting,
		Background: cf.Background, Goal: cf.Goal}
	if !ld.has("client") {
		ld.errorf("", "missing [client] table")
		return c
	}
	if c.Name == "" {
		ld.errorf("client", "client needs a name")
	}
	c.Appearance = ld.appearance(cf.Appearance)
	c.RuptureProneness = 1
	if p := cf.RuptureProneness; p != nil {
		if *p < 0 || *p > 3 || math.IsNaN(*p) {
			ld.errorf("client.rupture_proneness", "rupture_proneness = %v is outside 0 to 3: 1 is the model's usual client, 0 one who begins no rupture the script does not write", *p)
		} else {
			c.RuptureProneness = *p
		}
	}
	if cf.Traits == nil {
		ld.errorf("client", "missing [client.traits]")
	} else {
		c.Traits = *cf.Traits
		ld.unitRange("client.traits", reflect.ValueOf(c.Traits))
	}
	if cf.Initial == nil {
		ld.errorf("client", "missing [client.initial]")
		return c
	}
	in := cf.Initial
	for _, f := range []struct {
		name string
		p    *float64
		dst  *float64
		hi   float64
	}{{"bond", in.Bond, &c.Initial.Bond, 1}, {"task", in.Task, &c.Initial.Task, 1},
		{"goal", in.Goal, &c.Initial.Goal, 1}, {"hope", in.Hope, &c.Initial.Hope, 1},
		{"symptoms", in.Symptoms, &c.Initial.Symptoms, MaxOQ}} {
		k := "client.initial." + f.name
		switch {
		case f.p == nil:
			ld.errorf("client.initial", "[client.initial] needs %s (0 to %v)", f.name, f.hi)
		case *f.p < 0 || *f.p > f.hi:
			ld.errorf(k, "%s = %v is outside 0 to %v", f.name, *f.p, f.hi)
		default:
			*f.dst = *f.p
		}
	}
	return c
}

// unitRange checks that every field of the struct v is set and in [0,1].
func (ld *loader) unitRange(path string, v reflect.Value) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		name := t.Field(i).Tag.Get("toml")
		k := join(path, name)
		if !ld.has(k) {
			ld.errorf(path, "[%s] needs %s (0 to 1)", path, name)
			continue
		}
		if x := v.Field(i).Float(); x < 0 || x > 1 {
			ld.errorf(k, "%s = %v is outside 0 to 1", name, x)
		}
	}
}

// merge returns the model's rules with the scenario's applied: a scenario
// rule with a model rule's id replaces it in place (or removes it when
// disabled), any other is added at the end.
func merge(ld *loader, model, scen []*rule) []*rule {
	out := append([]*rule(nil), model...)
	at := make(map[string]int, len(model)) // a model rule's place in out
	ids := make([]string, len(model))
	for i, m := range model {
		at[m.id], ids[i] = i, m.id
	}
	for _, r := range scen {
		i, replaces := at[r.id]
		switch {
		case replaces:
			out[i] = r
		case r.disabled:
			ld.probs = append(ld.probs, Problem{File: r.file, Pos: r.pos, Key: "rules",
				Msg: fmt.Sprintf("disabled rule %q is not a rule of the model%s", r.id, didYouMean(r.id, ids))})
		default:
			if near := suggest(r.id, ids); near != "" {
				ld.probs = append(ld.probs, Problem{File: r.file, Pos: r.pos, Key: "rules", Warning: true,
					Msg: fmt.Sprintf("rule %q is not a rule of the model, so it is added beside them, not in place of one (did you mean %q? a rule with a model rule's id replaces it)", r.id, near)})
			}
			out = append(out, r)
		}
	}
	return slices.DeleteFunc(out, func(r *rule) bool { return r.disabled })
}
