package sim

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// These fuzz targets are in package sim to reach locate. They load the
// shipped model from its file, the bytes scenarios.Model() embeds (that
// package imports this one).

// fuzzModel loads scenarios/model.toml.
func fuzzModel(t testing.TB) *Model {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "scenarios", "model.toml"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := LoadModel("scenarios/model.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// fuzzRead reads a file of the repository, relative to sim.
func fuzzRead(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// fuzzMutations are mistakes an author makes, as edits of mini.toml: each
// replaces the first old with new.
var fuzzMutations = []struct{ old, new string }{
	{"presenting = ", "presentng = "},                           // typo'd key
	{`when = "bond < 0.2"`, `when = "bond <"`},                  // bad expression
	{`when = "bond < 0.2"`, `when = "bnd < 0.2"`},               // unknown name
	{`when = "bond < 0.2"`, `when = "traits.reactnce > 0.5"`},   // unknown trait
	{`when = "bond < 0.2"`, `when = "bond + 1"`},                // not a condition
	{"symptoms = 6", `symptoms = "bond > 0.5"`},                 // not an amount
	{`act = "advice"`, `act = "advise"`},                        // unknown act
	{"next = \"more\"\n", "\n"},                                 // missing next
	{`next = "task"`, `next = "more"`},                          // a loop without choice
	{`next = "end"`, `next = "hello"`},                          // a cycle through a choice
	{`next = "end"`, `next = "ned"`},                            // unknown beat
	{"age = 30", `age = "thirty"`},                              // wrong type
	{"reactance = 0.6", "reactance = 1.6"},                      // out of range
	{`id = "more"`, `id = "hello"`},                             // duplicate beat id
	{`title = "Mini"`, `title = "Mini`},                         // TOML syntax
	{"[events.effects]", "[events.effects]\nrupture = \"1/0\""}, // run-time division
	{"hope = -0.05", "hope = { a = 1,\n  b = 2 }"},              // multi-line inline table
}

func FuzzLoad(f *testing.F) {
	m := fuzzModel(f)
	mini := fuzzRead(f, filepath.Join("testdata", "mini.toml"))
	f.Add(mini)
	f.Add(bytes.ReplaceAll(mini, []byte("\n"), []byte("\r\n")))
	for _, name := range []string{"rec-course.toml", "variables/clock.toml", "check/variables-mistakes.toml"} {
		f.Add(fuzzRead(f, filepath.Join("testdata", name)))
	}
	shipped, err := filepath.Glob(filepath.Join("..", "scenarios", "*.toml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range shipped {
		data := fuzzRead(f, path)
		if _, err := Load(path, data, m); err == nil {
			f.Add(data)
		}
	}
	for _, mu := range fuzzMutations {
		if !bytes.Contains(mini, []byte(mu.old)) {
			f.Fatalf("mini.toml has no %q to mutate", mu.old)
		}
		f.Add(bytes.Replace(mini, []byte(mu.old), []byte(mu.new), 1))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.toml"
		sc, err := Load(name, data, m)
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("error %T is not Problems: %v", err, err)
			}
			if len(ps) == 0 {
				t.Fatal("an error with no problems")
			}
			for _, p := range ps {
				if p.Line < 0 || p.Col < 0 || p.Msg == "" || p.File != name {
					t.Fatalf("problem %+v: want line and column ≥ 0, a message and file %q", p, name)
				}
			}
			return
		}
		a, b := NewRun(sc, 1), NewRun(sc, 1)
		for n := 0; !a.Done() && n < 2000; n++ {
			if a.Prompt() == nil {
				t.Fatalf("choice %d: no prompt, but the course is not over", n+1)
			}
			if _, err := a.Choose(1); err != nil {
				var endless *EndlessError
				if errors.As(err, &endless) {
					break // the engine stops a session that would never end
				}
				t.Fatalf("choice %d: %v", n+1, err)
			}
			if _, err := b.Choose(1); err != nil {
				t.Fatalf("choice %d, again: %v", n+1, err)
			}
			if fa, fb := a.Fingerprint(), b.Fingerprint(); fa != fb {
				t.Fatalf("choice %d: two runs of one seed differ: %s and %s", n+1, fa, fb)
			}
		}
	})
}

func FuzzLocate(f *testing.F) {
	for _, c := range locCases {
		f.Add([]byte(c.src))
	}
	// The files TheraSim reads: each must be located whole.
	files, err := filepath.Glob(filepath.Join("..", "scenarios", "*.toml"))
	if err != nil {
		f.Fatal(err)
	}
	files = append(files, filepath.Join("testdata", "mini.toml"), filepath.Join("testdata", "rec-course.toml"))
	for _, path := range files {
		f.Add(fuzzRead(f, path))
	}
	f.Add([]byte("a = [[1, {b = [{c = '''\n'''}]}]]\n[[x . 'y']]\n\"z\" = { w = 1, }\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		keys, vals := locate(data)
		lines := bytes.Split(data, []byte("\n"))
		size := 0
		for what, found := range map[string]map[string]Pos{"key": keys, "value": vals} {
			for p, pos := range found {
				size += len(p)
				if pos.Line < 1 || pos.Line > len(lines) || pos.Col < 1 || pos.Col > len(lines[pos.Line-1])+1 {
					t.Fatalf("%s %q at %d:%d, outside the text", what, p, pos.Line, pos.Col)
				}
			}
		}
		for p := range vals {
			if _, ok := keys[p]; !ok {
				t.Fatalf("value of %q located, but not its key", p)
			}
		}
		if limit := 2 * (32*len(data) + 1<<16); size > limit {
			t.Fatalf("key paths take %d bytes for %d bytes of TOML", size, len(data))
		}

		// On TOML that BurntSushi/toml reads, with plain keys, locate
		// finds every key written and no other.
		var tree map[string]any
		if _, err := toml.Decode(string(data), &tree); err != nil || !fuzzPlainKeys(tree) {
			return
		}
		for p := range keys {
			if strings.ContainsRune(p, '\\') {
				return // a quoted key with an escape, kept as written
			}
		}
		fuzzWritten(tree, "", func(path string, leaf bool) {
			if _, ok := keys[path]; !ok {
				t.Fatalf("key %q not located", path)
			}
			if _, ok := vals[path]; leaf && !ok {
				t.Fatalf("value of %q not located", path)
			}
		})
		for p := range keys {
			if !fuzzHas(tree, p) {
				t.Fatalf("located %q, which is no key of the document", p)
			}
		}
	})
}

// fuzzPlainKeys reports whether every key in the decoded TOML v could be
// written bare, so that a dotted path names one key unambiguously.
func fuzzPlainKeys(v any) bool {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if k == "" || strings.TrimLeft(k, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != "" || !fuzzPlainKeys(x) {
				return false
			}
		}
	case []map[string]any:
		for _, x := range v {
			if !fuzzPlainKeys(x) {
				return false
			}
		}
	case []any:
		for _, x := range v {
			if !fuzzPlainKeys(x) {
				return false
			}
		}
	}
	return true
}

// fuzzWritten calls found for every path of v that must be written in the
// file: keys with values that are not tables (leaf), arrays and their
// elements. Tables may be implicit, as [a.b] makes a.
func fuzzWritten(v any, path string, found func(path string, leaf bool)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			p := join(path, k)
			switch x.(type) {
			case map[string]any:
			case []map[string]any, []any:
				found(p, false)
			default:
				found(p, true)
			}
			fuzzWritten(x, p, found)
		}
	case []map[string]any:
		for i, x := range v {
			p := join(path, strconv.Itoa(i))
			found(p, false)
			fuzzWritten(x, p, found)
		}
	case []any:
		for i, x := range v {
			p := join(path, strconv.Itoa(i))
			found(p, false)
			fuzzWritten(x, p, found)
		}
	}
}

// fuzzHas reports whether path names something in the decoded TOML v.
func fuzzHas(v any, path string) bool {
	_, ok := lookup(v, path)
	return ok
}

// fuzzRecording records a run of sc in which option 1 is chosen and one
// note written.
func fuzzRecording(t testing.TB, sc *Scenario) []byte {
	t.Helper()
	var buf bytes.Buffer
	r := NewRun(sc, 1)
	rec, err := NewRecorder(&buf, NewHeader(r, "fuzz", "2025-01-01T00:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	for n := 1; !r.Done(); n++ {
		ev, err := r.Choose(1)
		if err != nil {
			t.Fatal(err)
		}
		if err := rec.Record(r, ev); err != nil {
			t.Fatal(err)
		}
		if n == 1 {
			if err := rec.Note(Note{Choice: 1, Author: "A", Text: "first"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return buf.Bytes()
}

func FuzzReadRecording(f *testing.F) {
	m := fuzzModel(f)
	sc, err := Load("mini.toml", fuzzRead(f, filepath.Join("testdata", "mini.toml")), m)
	if err != nil {
		f.Fatal(err)
	}
	good := fuzzRecording(f, sc)
	lines := bytes.SplitAfter(good, []byte("\n"))
	lines = lines[:len(lines)-1] // the empty string after the last newline
	f.Add(good)
	f.Add(good[:len(good)-3])
	f.Add(lines[0])
	f.Add(bytes.Join([][]byte{lines[0], lines[2], lines[1]}, nil))
	f.Add(bytes.Join([][]byte{lines[0], lines[1], lines[0]}, nil))
	f.Add(bytes.Join(lines[1:], nil))
	f.Add(bytes.Replace(good, []byte(`"option":1`), []byte(`"option":2`), 1))
	f.Add(bytes.Replace(good, []byte(`"option":1`), []byte(`"option":99999999999`), 1))
	f.Add(bytes.Replace(good, []byte(`"seed":1`), []byte(`"seed":18446744073709551615`), 1))
	f.Add(bytes.Replace(good, []byte(`"choice":1`), []byte(`"choice":7`), 1))
	f.Add(bytes.Replace(good, []byte(`"type":"note"`), []byte(`"type":"notes"`), 1))
	f.Add(bytes.ReplaceAll(good, []byte("\n"), []byte("\r\n")))
	f.Add(append(append([]byte(nil), good...), lines[len(lines)-1]...))
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := ParseRecording(data)
		if err != nil {
			var re *RecordError
			if !errors.As(err, &re) || re.Line < 0 || re.Reason == "" {
				t.Fatalf("error %#v: want a *RecordError with a line and a reason", err)
			}
			return
		}
		h := rec.Header
		if h.Type != "header" || h.Format != RecordFormat || h.Generator != Generator || h.Scenario == "" || len(h.SHA256) != 64 {
			t.Fatalf("accepted header %+v", h)
		}
		for i, c := range rec.Choices {
			if c.Type != "choice" || c.N != i+1 || c.Option < 1 {
				t.Fatalf("accepted choice %d: %+v", i+1, c)
			}
		}
		for _, n := range rec.Notes {
			if n.Type != "note" || n.Choice < 0 || n.Choice > len(rec.Choices) {
				t.Fatalf("accepted note %+v with %d choices", n, len(rec.Choices))
			}
		}
		again, err := ReadRecording(bytes.NewReader(data))
		if err != nil || !reflect.DeepEqual(again, rec) {
			t.Fatalf("ReadRecording gives %+v, %v; ParseRecording %+v", again, err, rec)
		}
		if h.Scenario != sc.ID || h.SHA256 != sc.Hash || h.Model != sc.ModelHash {
			return
		}
		r, err := Replay(sc, rec)
		if err != nil {
			var me *MismatchError
			if errors.As(err, &me) && (me.Choice < 1 || me.Choice > len(rec.Choices) || r == nil) {
				t.Fatalf("mismatch %+v in %d choices", me, len(rec.Choices))
			}
			return
		}
		want := NewRun(sc, h.Seed).Fingerprint()
		if k := len(rec.Choices); k > 0 {
			want = rec.Choices[k-1].Fingerprint
		}
		if f := r.Fingerprint(); f != want {
			t.Fatalf("replayed to %s, recorded %s", f, want)
		}
	})
}

// FuzzReplay plays a course with choices the fuzzer makes, recording it:
// the state stays in its ranges, and the recording replays to the same run.
func FuzzReplay(f *testing.F) {
	m := fuzzModel(f)
	var scs []*Scenario
	for _, name := range []string{"mini.toml", "rec-course.toml"} {
		sc, err := Load(name, fuzzRead(f, filepath.Join("testdata", name)), m)
		if err != nil {
			f.Fatal(err)
		}
		scs = append(scs, sc)
	}
	f.Add(uint64(1), []byte{0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add(uint64(5), []byte{1, 2, 0, 1, 0, 2, 1, 0, 0})
	f.Add(uint64(2), []byte{0, 1, 1, 1, 1, 1, 1, 1, 1})
	f.Fuzz(func(t *testing.T, seed uint64, picks []byte) {
		if len(picks) == 0 {
			return
		}
		sc := scs[int(picks[0])%len(scs)]
		picks = picks[1:]
		var buf bytes.Buffer
		r := NewRun(sc, seed)
		rec, err := NewRecorder(&buf, NewHeader(r, "fuzz", ""))
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; !r.Done(); i++ {
			p := r.Prompt()
			if p == nil || len(p.Options) == 0 {
				t.Fatalf("choice %d: prompt %+v, but the course is not over", i+1, p)
			}
			pick := 0
			if i < len(picks) {
				pick = int(picks[i])
			}
			ev, err := r.Choose(pick%len(p.Options) + 1)
			if err != nil {
				t.Fatal(err)
			}
			if err := rec.Record(r, ev); err != nil {
				t.Fatal(err)
			}
			fuzzInRange(t, r.State())
		}
		parsed, err := ParseRecording(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		again, err := Replay(sc, parsed)
		if err != nil {
			t.Fatal(err)
		}
		if !again.Done() || again.Fingerprint() != r.Fingerprint() || !reflect.DeepEqual(again.Events(), r.Events()) {
			t.Fatal("the replay differs from the run")
		}
	})
}

// fuzzInRange fails unless every variable of s is in its range.
func fuzzInRange(t *testing.T, s State) {
	t.Helper()
	for _, v := range []struct {
		name   string
		x, top float64
	}{
		{"bond", s.Bond, 1}, {"task", s.Task, 1}, {"goal", s.Goal, 1}, {"hope", s.Hope, 1},
		{"symptoms", s.Symptoms, MaxOQ}, {"rupture severity", s.RuptureSeverity, 1}, {"dropout risk", s.DropoutRisk, 1},
	} {
		if !(v.x >= 0 && v.x <= v.top) {
			t.Fatalf("%s = %v, outside 0 to %v", v.name, v.x, v.top)
		}
	}
	if (s.Rupture == NoRupture) != (s.RuptureSeverity == 0) {
		t.Fatalf("rupture %q with severity %v", s.Rupture, s.RuptureSeverity)
	}
	for _, o := range s.OQ {
		if o.Score < 0 || o.Score > MaxOQ {
			t.Fatalf("OQ-45 score %d", o.Score)
		}
	}
	for _, w := range s.WAI {
		for _, it := range w.Items {
			if it < 1 || it > 5 {
				t.Fatalf("WAI-SR item %d", it)
			}
		}
	}
}

// FuzzExpression compiles any text as a condition and as an amount. What
// compiles must be within the language's bounds, run on the VM without
// failing to stop, and give the same result from its closure as from the
// VM, in a few random states; what does not compile is a problem with a
// message quoting at most a line of the expression.
func FuzzExpression(f *testing.F) {
	for _, s := range []string{
		`bond > 0.5 && !homework_due`, `rupture in ["withdrawal", "confrontation"]`,
		`clamp(hope - 0.5, -0.1, 0.1)`, `session >= 2 ? 0.1 : -0.05 * traits.reactance`,
		`attr.kind == "thought_record" && attr.written`, `1/0`, `bond % 0`, `let a = rupture; a + a`,
		`((((((bond))))))`, `"((((" == rupture`, `not (act == "advice")`, `min(bond, task) + max(hope, 1)`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, asBool := range []bool{true, false} {
			ld := &loader{file: "fuzz.toml"}
			var c *condition
			var v value
			if asBool {
				c = ld.condition("when", src)
			} else {
				v = ld.value("bond", amount{set: true, expr: true, src: src})
			}
			if len(ld.probs) > 0 {
				for _, p := range ld.probs {
					if len(p.Msg) > 700 {
						t.Fatalf("a message of %d bytes: %.200s", len(p.Msg), p.Msg)
					}
				}
				continue
			}
			if len(src) > MaxExprSize {
				t.Fatalf("an expression of %d bytes compiled", len(src))
			}
			r := &Run{}
			g := newRNG(uint64(len(src)))
			for i := 0; i < 8; i++ {
				r.env = randomEnv(g)
				if asBool {
					want := r.cond(&condition{prog: c.prog, src: c.src}, "vm", "")
					if c.fast != nil && c.fast(&r.env) != want {
						t.Fatalf("%s: closure and VM differ", src)
					}
					continue
				}
				want := r.vmNum(v, "vm")
				if v.fast != nil {
					if got := v.fast(&r.env); got != want && !(got != got && want != want) {
						t.Fatalf("%s: closure %v, VM %v", src, got, want)
					}
				}
			}
		}
	})
}

// FuzzPolicy loads any bytes as a therapist policy: a policy or problems
// with positions and messages, never a crash; a policy that loads picks an
// offered option in every prompt of a course.
func FuzzPolicy(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join("..", "scenarios", "policies", "*.toml"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no policies: %v", err)
	}
	for _, p := range paths {
		f.Add(fuzzRead(f, p))
	}
	m := fuzzModel(f)
	sc, err := Load("mini.toml", fuzzRead(f, filepath.Join("testdata", "mini.toml")), m)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := LoadPolicy("fuzz.toml", data)
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %T is not Problems: %v", err, err)
			}
			return
		}
		r, _, err := p.Treat(sc, 1)
		if err != nil {
			var endless *EndlessError
			if !errors.As(err, &endless) {
				t.Fatal(err)
			}
			return
		}
		if !r.Done() {
			t.Fatal("Treat returned before the course ended")
		}
	})
}
