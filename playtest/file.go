package playtest

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// Suffix ends the name of a test file: NAME.test.toml tests NAME.toml.
const Suffix = ".test.toml"

// A Suite is a test file, read and checked, with the scenario it tests.
type Suite struct {
	// File is the test file's name, as given to Open.
	File     string
	Scenario *sim.Scenario
	Tests    []*Test

	other sim.Problems // of the policies, while the file is read
}

// A Test is one [[test]] of a file.
type Test struct {
	Name string
	// Line is where its [[test]] is written.
	Line int
	Seed uint64
	// Dynamics: the test plays with the model's client dynamics; without,
	// only the script and the rules act (sim.Options.Scripted).
	Dynamics bool

	suite   *Suite
	choices []choice
	policy  *sim.Policy
	playsOn bool // a policy is given, whether or not it loads
	// policyLine is where the policy is named.
	policyLine int
	expects    []*expect
}

// choice is one element of a test's choices: a number, or an option's id
// or the start of its text.
type choice struct {
	line   int
	number int
	name   string
}

// A moment of a run at which an expectation is judged.
type moment int

const (
	afterChoice moment = iota
	afterSession
	atEnd
)

// expect is one [[test.expect]], with the line of each key.
type expect struct {
	line   int // of the moment's key
	moment moment
	n      int // the choice or the session

	that, says          *check
	offered, notOffered []check
	dropped             *bool
	droppedLine         int
	outcome             sim.Outcome
	outcomeLine         int
}

// check is one text an expectation checks, at its line.
type check struct {
	line int
	text string
}

// The file's TOML, one to one.
type testFile struct {
	Scenario *string    `toml:"scenario"`
	Tests    []testSpec `toml:"test"`
}

type testSpec struct {
	Name string `toml:"name"`
	Seed *int   `toml:"seed"`
	// Dynamics: play with the model's client dynamics (ruptures the
	// client begins, repairs that can fail, sudden gains and setbacks).
	Dynamics bool         `toml:"dynamics"`
	Choices  choiceList   `toml:"choices"`
	Policy   *string      `toml:"policy"`
	Expect   []expectSpec `toml:"expect"`
}

// choiceList is a list of numbers and texts. It reads itself, since a
// decoder need not know what to make of a list of either.
type choiceList []any

// UnmarshalTOML implements toml.Unmarshaler.
func (c *choiceList) UnmarshalTOML(v any) error {
	*c, _ = v.([]any)
	return nil
}

type expectSpec struct {
	After        *int     `toml:"after"`
	AfterSession *int     `toml:"after_session"`
	AtEnd        *bool    `toml:"at_end"`
	That         *string  `toml:"that"`
	Says         *string  `toml:"says"`
	Offered      []string `toml:"offered"`
	NotOffered   []string `toml:"not_offered"`
	Dropped      *bool    `toml:"dropped"`
	Outcome      *string  `toml:"outcome"`
}

// Open reads the test file name from fsys, with the scenario and the
// policies it names, and checks it. Paths in the file are relative to its
// directory (slash-separated, as fs.FS names are; fsys may accept names
// that leave its root, as one reading the operating system's files does).
// The scenario loads on the model m.
//
// When the test file, the scenario or a policy has mistakes, the error is
// sim.Problems, every mistake with its file, line and column. Any other
// error means that a file could not be read.
func Open(fsys fs.FS, name string, m *sim.Model) (*Suite, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, readError(name, err)
	}
	return Parse(fsys, name, data, m)
}

// Parse is Open with the test file's bytes given: data is the content of
// the file name. The scenario and the policies are read from fsys.
func Parse(fsys fs.FS, name string, data []byte, m *sim.Model) (*Suite, error) {
	if msg := notTests(fsys, name, data); msg != "" {
		return nil, sim.Problems{{File: name, Msg: msg}}
	}
	var tf testFile
	f, ok := sim.DecodeTOML(name, data, &tf)
	if !ok {
		return nil, f.Problems()
	}
	s := &Suite{File: name}
	dir := path.Dir(name)
	if tf.Scenario == nil || *tf.Scenario == "" {
		f.Errorf("", "the test file needs the scenario it tests: scenario = \"NAME.toml\" (a file beside this one) or the id of a shipped scenario")
	} else {
		sc, probs, err := scenario(fsys, dir, *tf.Scenario, m, f)
		if err != nil {
			return nil, err
		}
		if probs != nil {
			return nil, append(f.Problems(), probs...)
		}
		s.Scenario = sc
	}
	if len(tf.Tests) == 0 {
		f.Errorf("", "the test file has no tests: add a [[test]] with a name, a seed and a [[test.expect]]")
	}
	if s.Scenario == nil {
		return nil, f.Problems()
	}
	names := make(map[string]bool)
	for i, ts := range tf.Tests {
		t, err := s.test(fsys, dir, f, "test."+strconv.Itoa(i), ts, names)
		if err != nil {
			return nil, err
		}
		s.Tests = append(s.Tests, t)
	}
	if ps := append(f.Problems(), s.other...); ps != nil {
		return nil, ps
	}
	return s, nil
}

// topLevel decodes the top level of a TOML file, or reports that it does
// not parse (the loader then says where).
func topLevel(data []byte) (map[string]any, bool) {
	if len(data) > sim.MaxFileSize {
		return nil, false
	}
	var top map[string]any
	if _, err := toml.Decode(string(data), &top); err != nil {
		return nil, false
	}
	return top, true
}

// notTests says why the file name, holding data, is a scenario or a model
// rather than a test file, or returns "" when it is neither: an author
// who gives 'therasim test' the scenario learns where its tests go,
// rather than reading every key of the scenario as a mistake.
func notTests(fsys fs.FS, name string, data []byte) string {
	if sim.IsModel(data) {
		return "this file is a model (the rules scenarios run on), not a test file: 'therasim check' checks it; a test file names a scenario and holds [[test]] tables (docs/testing.md)"
	}
	top, ok := topLevel(data)
	if !ok {
		return ""
	}
	if _, ok := top["scenario"].(map[string]any); !ok {
		return ""
	}
	if strings.HasSuffix(name, Suffix) {
		return fmt.Sprintf("this file is a scenario (it has a [scenario] table), not a test file, though its name ends in %s: name it NAME.toml, and write its playthrough tests in NAME%s beside it (docs/testing.md)", Suffix, Suffix)
	}
	tests := strings.TrimSuffix(name, ".toml") + Suffix
	if _, err := fs.Stat(fsys, tests); err == nil {
		return fmt.Sprintf("this file is a scenario, not a test file: its playthrough tests are in %s ('therasim test %s' runs them)", tests, tests)
	}
	return fmt.Sprintf("this file is a scenario, not a test file: its playthrough tests go in %s beside it, which names it (scenario = %q; docs/testing.md)", tests, path.Base(name))
}

// TestsOf reports whether the file name, holding data, is a test file
// rather than a scenario (its name ends in Suffix, or it has [[test]]
// tables or scenario = "…"), and names the scenario it tests: a path
// beside it, as the file gives it, or a shipped id; "" when it names none.
// A command given a test file where it wants a scenario can say so.
func TestsOf(name string, data []byte) (scenario string, ok bool) {
	top, parsed := topLevel(data)
	ref, named := top["scenario"].(string)
	_, tests := top["test"]
	if !strings.HasSuffix(name, Suffix) && !(parsed && (named || tests)) {
		return "", false
	}
	if !named || strings.TrimSpace(ref) == "" {
		return "", true
	}
	if isFile(ref) {
		ref = path.Join(path.Dir(name), ref)
	}
	return ref, true
}

// readError says that the file p cannot be read, and why.
func readError(p string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: cannot read: %w", p, err)
}

// isFile reports whether ref names a file rather than a shipped id, as
// package scenarios decides.
func isFile(ref string) bool {
	return strings.HasSuffix(ref, ".toml") || strings.ContainsAny(ref, `/\`)
}

// scenario loads the scenario ref names. Mistakes in the test file go to f;
// the scenario's own are returned; err is a file that cannot be read.
func scenario(fsys fs.FS, dir, ref string, m *sim.Model, f *sim.TOMLFile) (*sim.Scenario, sim.Problems, error) {
	if !isFile(ref) {
		sc, _, err := scenarios.Open(m, ref)
		var nf *scenarios.NotFoundError
		switch {
		case errors.As(err, &nf):
			f.Errorf("scenario", "scenario: no shipped scenario %q%s; give a shipped id (%s) or a .toml file beside this one",
				ref, didYouMean(ref, nf.Known), strings.Join(nf.Known, ", "))
			return nil, nil, nil
		case err != nil:
			return problems(err)
		}
		return sc, nil, nil
	}
	p := path.Join(dir, ref)
	data, err := fs.ReadFile(fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		var near []string
		if names, err := fs.Glob(fsys, path.Join(path.Dir(p), "*.toml")); err == nil {
			for _, n := range names {
				if !strings.HasSuffix(n, Suffix) {
					near = append(near, path.Base(n))
				}
			}
		}
		f.Errorf("scenario", "scenario: there is no %s%s; the path is relative to this test file", p, didYouMean(path.Base(ref), near))
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, readError(p, err)
	}
	sc, err := sim.Load(p, data, m)
	if err != nil {
		return problems(err)
	}
	return sc, nil, nil
}

// problems returns err as the mistakes of a file, or as a reading error
// when it is none.
func problems(err error) (*sim.Scenario, sim.Problems, error) {
	var ps sim.Problems
	if errors.As(err, &ps) {
		return nil, ps, nil
	}
	return nil, nil, err
}

// policy loads the policy ref names, recording a mistake at key in f.
func policy(fsys fs.FS, dir, ref, key string, f *sim.TOMLFile) (*sim.Policy, sim.Problems, error) {
	if !isFile(ref) {
		p, err := scenarios.OpenPolicy(ref)
		if err == nil {
			return p, nil, nil
		}
		all, aerr := scenarios.Policies()
		if aerr != nil {
			return nil, nil, aerr
		}
		var ids []string
		for _, p := range all {
			ids = append(ids, p.ID)
		}
		f.Errorf(key, "policy: no shipped policy %q%s; give a shipped id (%s) or a policy file beside this one",
			ref, didYouMean(ref, ids), strings.Join(ids, ", "))
		return nil, nil, nil
	}
	p := path.Join(dir, ref)
	data, err := fs.ReadFile(fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		f.Errorf(key, "policy: there is no %s; the path is relative to this test file", p)
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, readError(p, err)
	}
	pol, err := scenarios.LoadPolicy(p, data) // a file may extend a shipped policy
	if err != nil {
		var ps sim.Problems
		if errors.As(err, &ps) {
			return nil, ps, nil
		}
		return nil, nil, err
	}
	return pol, nil, nil
}

// test checks one [[test]] at key.
func (s *Suite) test(fsys fs.FS, dir string, f *sim.TOMLFile, key string, ts testSpec, names map[string]bool) (*Test, error) {
	t := &Test{Name: ts.Name, Line: f.Pos(key).Line, suite: s, Dynamics: ts.Dynamics}
	switch {
	case ts.Name == "":
		f.Errorf(key, "test needs a name: a sentence saying what it shows")
	case names[ts.Name]:
		f.Errorf(key+".name", "test name %q is used twice in this file", ts.Name)
	}
	names[ts.Name] = true
	switch {
	case ts.Seed == nil:
		f.Errorf(key, "test %q needs a seed: the run depends on it (seed = 1; 'therasim run' prints the seed of every run)", ts.Name)
	case *ts.Seed < 0:
		f.Errorf(key+".seed", "seed = %d: want a whole number from 0", *ts.Seed)
	default:
		t.Seed = uint64(*ts.Seed)
	}
	for i, c := range ts.Choices {
		k := key + ".choices." + strconv.Itoa(i)
		ch := choice{line: f.ValuePos(k).Line}
		switch v := c.(type) {
		case int64:
			if v < 1 {
				f.Errorf(k, "choices: %d is not an option: options are numbered from 1", v)
			}
			ch.number = int(min(v, 1<<20))
		case string:
			ch.name = strings.TrimSpace(v)
			s.names(f, k, "choices", ch.name)
		default:
			f.Errorf(k, "choices: want the number of an option (2), or its id or the start of its text in quotes (\"warm\"), found %s", describe(c))
		}
		t.choices = append(t.choices, ch)
	}
	if ts.Policy != nil {
		t.playsOn, t.policyLine = true, f.Pos(key+".policy").Line
		p, probs, err := policy(fsys, dir, *ts.Policy, key+".policy", f)
		if err != nil {
			return nil, err
		}
		s.other = append(s.other, probs...)
		t.policy = p
	}
	if len(ts.Expect) == 0 {
		f.Errorf(key, "test %q expects nothing: add a [[test.expect]] saying what must be true, and when", ts.Name)
	}
	for i, es := range ts.Expect {
		if e := s.expect(f, key+".expect."+strconv.Itoa(i), es, t); e != nil {
			t.expects = append(t.expects, e)
		}
	}
	return t, nil
}

// names checks that text, found at key k, names an option of the scenario:
// its id, or the start of its text.
func (s *Suite) names(f *sim.TOMLFile, k, what, text string) {
	if text == "" {
		f.Errorf(k, "%s: an empty text names no option: give an option's id or the start of its text", what)
		return
	}
	var ids []string
	for _, ss := range s.Scenario.Sessions {
		for _, b := range ss.Beats {
			for _, o := range b.Options {
				if fits(o.ID, o.Text, text) {
					return
				}
				if o.ID != "" {
					ids = append(ids, o.ID)
				}
			}
		}
	}
	if n, err := strconv.Atoi(text); err == nil && n > 0 && text[0] != '+' {
		// "1" in quotes, meant as the first option offered.
		hint := fmt.Sprintf("to choose option %d as it is offered, write %d without quotes", n, n)
		if what != "choices" {
			hint = what + " names options by their ids or the starts of their texts, not by number: the numbers change with what is offered"
		}
		f.Errorf(k, "%s: no option of %s has the id %q or a text that starts with it; %s", what, s.Scenario.File, text, hint)
		return
	}
	f.Errorf(k, "%s: no option of %s has the id %q or a text that starts with it%s", what, s.Scenario.File, text, didYouMean(text, ids))
}

// fits reports whether text names the option with this id and text: it is
// the id, or the start of the text in any case, with straight or curly
// quotes alike.
func fits(id, optionText, text string) bool {
	if id != "" && id == text {
		return true
	}
	return strings.HasPrefix(fold(optionText), fold(text))
}

// quotes folds curly quotes into straight ones, so that an author need
// not type the scenario's typography.
var quotes = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`)

// fold is s as fits and says compare it: in lower case, with straight
// quotes.
func fold(s string) string { return strings.ToLower(quotes.Replace(s)) }

// expect checks one [[test.expect]] at key.
func (s *Suite) expect(f *sim.TOMLFile, key string, es expectSpec, t *Test) *expect {
	e := &expect{line: f.Pos(key).Line}
	var given []string
	if es.After != nil {
		given = append(given, "after")
		e.moment, e.n, e.line = afterChoice, *es.After, f.Pos(key+".after").Line
		switch {
		case *es.After < 0:
			f.Errorf(key+".after", "after = %d: want the number of choices made, from 0 (before any choice)", *es.After)
		case !t.playsOn && *es.After > len(t.choices):
			f.Errorf(key+".after", "after = %d, but the test makes %s and has no policy to play on: give more choices, or a policy", *es.After, plural(len(t.choices), "choice"))
		}
	}
	if es.AfterSession != nil {
		given = append(given, "after_session")
		e.moment, e.n, e.line = afterSession, *es.AfterSession, f.Pos(key+".after_session").Line
		if n := len(s.Scenario.Sessions); *es.AfterSession < 1 || *es.AfterSession > n {
			f.Errorf(key+".after_session", "after_session = %d: want a session from 1 to %d", *es.AfterSession, n)
		}
	}
	if es.AtEnd != nil {
		given = append(given, "at_end")
		e.moment, e.line = atEnd, f.Pos(key+".at_end").Line
		if !*es.AtEnd {
			f.Errorf(key+".at_end", "at_end = false says no moment: leave it out and give after or after_session, or write at_end = true")
		}
	}
	switch len(given) {
	case 0:
		f.Errorf(key, "an expectation needs its moment: after = N (choices made), after_session = N or at_end = true")
	case 1:
	default:
		f.Errorf(key+"."+given[1], "an expectation has one moment: %s and %s are both given; write a [[test.expect]] for each", given[0], given[1])
	}
	checks := 0
	if es.That != nil {
		checks++
		k := key + ".that"
		e.that = &check{line: f.Pos(k).Line, text: *es.That}
		if strings.TrimSpace(*es.That) == "" {
			f.Errorf(k, "that: an empty condition checks nothing: write one as a scenario's when (\"bond > 0.5\")")
		} else {
			f.Condition(s.Scenario, k, *es.That)
		}
	}
	if es.Says != nil {
		checks++
		k := key + ".says"
		e.says = &check{line: f.Pos(k).Line, text: *es.Says}
		if strings.TrimSpace(*es.Says) == "" {
			f.Errorf(k, "says: an empty text is in whatever the client says: give some of the words you expect")
		}
	}
	for _, l := range []struct {
		key  string
		list []string
		dst  *[]check
	}{{"offered", es.Offered, &e.offered}, {"not_offered", es.NotOffered, &e.notOffered}} {
		if l.list == nil {
			continue
		}
		checks++
		if len(l.list) == 0 {
			f.Errorf(key+"."+l.key, "%s: an empty list checks nothing: give option ids or the starts of their texts", l.key)
		}
		for i, text := range l.list {
			k := key + "." + l.key + "." + strconv.Itoa(i)
			text = strings.TrimSpace(text)
			s.names(f, k, l.key, text)
			*l.dst = append(*l.dst, check{line: f.ValuePos(k).Line, text: text})
		}
	}
	if es.Dropped != nil {
		checks++
		e.dropped, e.droppedLine = es.Dropped, f.Pos(key+".dropped").Line
	}
	if es.Outcome != nil {
		checks++
		k := key + ".outcome"
		e.outcomeLine = f.Pos(k).Line
		var known []string
		for _, o := range sim.Outcomes() {
			known = append(known, string(o))
		}
		switch {
		case !slices.Contains(known, *es.Outcome):
			f.Errorf(k, "outcome: unknown outcome %q%s; want one of %s", *es.Outcome, didYouMean(*es.Outcome, known), strings.Join(known, ", "))
		case es.AtEnd == nil || !*es.AtEnd:
			f.Errorf(k, "outcome: a course's outcome is known only when it is over: judge it with at_end = true")
		default:
			e.outcome = sim.Outcome(*es.Outcome)
		}
	}
	if checks == 0 {
		f.Errorf(key, "an expectation checks nothing: give that, says, offered, not_offered, dropped or outcome")
	}
	return e
}

// describe writes a TOML value for people, in a message.
func describe(v any) string {
	switch x := v.(type) {
	case float64:
		return "the number " + strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "a list"
	case time.Time:
		return "a date or a time"
	}
	return "something else"
}

// didYouMean suggests the candidate nearest to s, in a message.
func didYouMean(s string, candidates []string) string {
	if m := sim.Suggest(s, candidates); m != "" {
		return fmt.Sprintf(" (did you mean %q?)", m)
	}
	return ""
}

// plural writes n things: "1 choice", "3 choices", "no choices".
func plural(n int, thing string) string {
	switch n {
	case 0:
		return "no " + thing + "s"
	case 1:
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}
