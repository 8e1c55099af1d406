package sim

import (
	"math"
	"reflect"
	"slices"
	"strconv"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
)

// What other file formats (the playthrough tests of package playtest) need
// of the loader: decoding with its checks and positions, and conditions
// judged and explained as a scenario's are.

// A TOMLFile is a TOML file of a format other than a scenario's, decoded
// with the checks a scenario has: syntax errors, unknown keys and values of
// the wrong type are Problems told in an author's words at their line and
// column, and every key's position is known.
type TOMLFile struct {
	ld *loader
}

// DecodeTOML decodes data, the TOML file named name, into v, a pointer to a
// struct whose fields have toml tags (fields of interface type are not
// checked). It reports whether v was filled; what it found wrong is in the
// file's Problems.
func DecodeTOML(name string, data []byte, v any) (*TOMLFile, bool) {
	f := &TOMLFile{ld: &loader{file: name}}
	return f, f.ld.decode(data, v)
}

// Pos returns where the key is written: key is a dotted path with elements
// numbered from 0 ("test.2.expect.0.that"). A key that is not written gives
// the position of the nearest table that is.
func (f *TOMLFile) Pos(key string) Pos { return f.ld.at(key) }

// ValuePos returns where the value of key starts, or Pos(key).
func (f *TOMLFile) ValuePos(key string) Pos {
	if p, ok := f.ld.valuePos()[key]; ok {
		return p
	}
	return f.ld.at(key)
}

// Errorf records a problem at the key (a path as for Pos).
func (f *TOMLFile) Errorf(key, format string, args ...any) { f.ld.errorf(key, format, args...) }

// Condition checks src, the condition written at key, as the conditions of
// sc are checked (it may read sc's variables), recording a problem at the
// place in it that is wrong. It reports whether src compiles.
func (f *TOMLFile) Condition(sc *Scenario, key, src string) bool {
	n := len(f.ld.probs)
	f.ld.vars = sc.table()
	c := f.ld.condition(key, src)
	f.ld.vars = nil
	return len(f.ld.probs) == n && c.prog != nil
}

// Problems returns the problems found so far, in the order of the file, or
// nil.
func (f *TOMLFile) Problems() Problems {
	if len(f.ld.probs) == 0 {
		return nil
	}
	f.ld.probs.sort()
	return f.ld.probs
}

// Suggest returns the candidate nearest to s when it is near enough to be a
// likely typo of it, or "", as the loader's "did you mean" does.
func Suggest(s string, candidates []string) string { return suggest(s, candidates) }

// A Reading is a name a condition reads and its value in a run.
type Reading struct {
	// Name is as conditions write it: bond, traits.reactance,
	// told_not_waking.
	Name string
	// Value is written for people: a number (rounded to three decimals
	// when it has more), text in quotes, yes or no.
	Value string
	// Rounded: Value is the number rounded.
	Rounded bool
}

// String writes the reading as "bond = 0.3", or "bond ≈ 0.183" when the
// value is rounded.
func (rd Reading) String() string {
	if rd.Rounded {
		return rd.Name + " ≈ " + rd.Value
	}
	return rd.Name + " = " + rd.Value
}

// Reads returns the names the condition src reads, each once in the order
// they first appear, with their values in the run's state now, between
// choices: what a reader needs to see why a condition does or does not
// hold. Its error is as Holds's.
func (r *Run) Reads(src string) ([]Reading, error) {
	ld := &loader{file: "condition", vars: r.sc.table()}
	if ld.condition("when", src); len(ld.probs) > 0 {
		return nil, ld.probs
	}
	tree, err := parser.Parse(src)
	if err != nil {
		return nil, err
	}
	known := ld.names()
	inMember := make(map[ast.Node]bool) // traits and attr, read as traits.x
	ast.Walk(&tree.Node, visitor(func(n *ast.Node) {
		if m, ok := (*n).(*ast.MemberNode); ok {
			if id, ok := m.Node.(*ast.IdentifierNode); ok {
				inMember[id] = true
			}
		}
	}))
	var names []string
	ast.Walk(&tree.Node, visitor(func(n *ast.Node) {
		name := ""
		switch t := (*n).(type) {
		case *ast.IdentifierNode:
			if !inMember[t] && slices.Contains(known, t.Value) {
				name = t.Value
			}
		case *ast.MemberNode:
			id, ok1 := t.Node.(*ast.IdentifierNode)
			p, ok2 := t.Property.(*ast.StringNode)
			if ok1 && ok2 && (id.Value == "traits" || id.Value == "attr") {
				name = id.Value + "." + p.Value
			}
		}
		if name != "" && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}))
	r.fill("", Attrs{})
	out := make([]Reading, 0, len(names))
	for _, name := range names {
		if i, ok := ld.vars.slot(name); ok {
			out = append(out, Reading{Name: name, Value: r.sc.vars[i].Format(r.st.Vars[i])})
			continue
		}
		p, err := expr.Compile(name, expr.Env(Env{}))
		if err != nil {
			return nil, err
		}
		v, err := expr.Run(p, &r.env)
		if err != nil {
			return nil, err
		}
		out = append(out, reading(name, v))
	}
	return out, nil
}

// reading writes the value v of a name for people.
func reading(name string, v any) Reading {
	switch x := v.(type) {
	case bool:
		if x {
			return Reading{Name: name, Value: "yes"}
		}
		return Reading{Name: name, Value: "no"}
	case string:
		return Reading{Name: name, Value: strconv.Quote(x)}
	case int:
		return Reading{Name: name, Value: strconv.Itoa(x)}
	case float64:
		r := math.Round(x*1000) / 1000
		return Reading{Name: name, Value: strconv.FormatFloat(r, 'f', -1, 64), Rounded: r != x}
	}
	return Reading{Name: name, Value: reflect.ValueOf(v).String()}
}

// Condition returns the option's condition as written, or "" when it is
// always offered.
func (o *Option) Condition() string {
	if o.when == nil {
		return ""
	}
	return o.when.src
}
