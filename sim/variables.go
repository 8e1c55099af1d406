package sim

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
)

// Scenario variables are the flags and counters an author declares under
// [variables] to remember what was said and chosen: "told_not_waking =
// false". Options, client lines, beats and life events set them; every
// condition and amount of the scenario reads them by name. In a run they
// are numbers in State.Vars, a flag 0 or 1, in the order of
// Scenario.Variables; Env.Vars is the same slice, and the compiler rewrites
// each name to an element of it, so that expressions stay type-checked and
// fast.

// A Variable is one variable a scenario declares.
type Variable struct {
	// Name is the name conditions read, as declared.
	Name string
	// Flag: true or false (stored as 1 or 0); otherwise a counter, any
	// number.
	Flag bool
	// Start is the value before the first session.
	Start float64
}

// Label is the variable's name for people: its words without underscores.
func (v Variable) Label() string {
	b := []byte(v.Name)
	for i, c := range b {
		if c == '_' {
			b[i] = ' '
		}
	}
	return string(b)
}

// Format writes a value of the variable for people: "yes" or "no" for a
// flag, the number for a counter.
func (v Variable) Format(x float64) string {
	if v.Flag {
		if x != 0 {
			return "yes"
		}
		return "no"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// Variables returns the variables the scenario declares, in the order of
// State.Vars. The slice must not be changed.
func (sc *Scenario) Variables() []Variable { return sc.vars }

// varsName is the field of Env that holds the variables; no author needs
// to write it.
const varsName = "scenario_variables"

// varTable is what the compiler knows of a scenario's variables.
type varTable struct {
	list  []Variable
	index map[string]int
	// read and set record, by index, whether any expression reads the
	// variable and whether anything sets it, for check.
	read, set []bool
}

// slot returns the variable named name.
func (t *varTable) slot(name string) (int, bool) {
	if t == nil {
		return 0, false
	}
	i, ok := t.index[name]
	return i, ok
}

// patch rewrites the names of variables in an expression into reads of
// Env.Vars: a counter becomes scenario_variables[i], a flag
// (scenario_variables[i] != 0). It records each read.
func (t *varTable) patch(n *ast.Node) {
	id, ok := (*n).(*ast.IdentifierNode)
	if !ok {
		return
	}
	i, ok := t.slot(id.Value)
	if !ok {
		return
	}
	t.read[i] = true
	var to ast.Node = &ast.MemberNode{Node: &ast.IdentifierNode{Value: varsName}, Property: &ast.IntegerNode{Value: i}}
	to.SetLocation(id.Location())
	if t.list[i].Flag {
		to = &ast.BinaryNode{Operator: "!=", Left: to, Right: &ast.FloatNode{Value: 0}}
	}
	ast.Patch(n, to)
}

// Visit implements ast.Visitor, so that a table is an expr patcher.
func (t *varTable) Visit(n *ast.Node) { t.patch(n) }

// reserved lists the names conditions read already.
func reserved() []string {
	return append(tagNames(reflect.TypeOf(Env{})), "true", "false", "nil", "not", "and", "or", "in", "matches", "contains")
}

// variables reads the [variables] table.
func (ld *loader) variables(files map[string]startValue) *varTable {
	t := &varTable{index: make(map[string]int)}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	// In the order of the file, so that State.Vars and what shows them
	// follow the author's order.
	slices.SortFunc(names, func(a, b string) int {
		pa, pb := ld.at(join("variables", a)), ld.at(join("variables", b))
		if pa.Line != pb.Line {
			return pa.Line - pb.Line
		}
		return pa.Col - pb.Col
	})
	for _, n := range names {
		p := join("variables", n)
		switch {
		case !validName(n):
			ld.errorf(p, "variable %q: a name is lowercase letters, digits and _, starting with a letter, such as %s", n, nameLike(n))
			continue
		case slices.Contains(reserved(), n):
			ld.errorf(p, "variable %q: %q is already a name conditions read (docs/format.md, section 9); choose another, such as %q", n, n, n+"_noted")
			continue
		}
		sv := files[n]
		t.index[n] = len(t.list)
		t.list = append(t.list, Variable{Name: n, Flag: sv.flag, Start: sv.num})
	}
	t.read, t.set = make([]bool, len(t.list)), make([]bool, len(t.list))
	return t
}

// nameLike makes a valid name of s: told-Loss becomes told_loss.
func nameLike(s string) string {
	b := []byte(strings.ToLower(s))
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			b[i] = '_'
		}
	}
	out := string(b)
	if out == "" || out[0] < 'a' || out[0] > 'z' {
		out = "v_" + out
	}
	return out
}

// validName reports whether s is a name an expression can read: lowercase
// letters, digits and _, starting with a letter.
func validName(s string) bool {
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c == '_' && i > 0, c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return s != ""
}

// An assign is one variable a set table gives a value.
type assign struct {
	slot  int
	to    value      // a counter's amount
	cond  *condition // a flag's condition, when not a constant
	lit   float64    // the constant, when there is no expression
	konst bool
}

// sets compiles a set table found at path.
func (ld *loader) sets(path string, files map[string]setValue) []assign {
	if len(files) == 0 {
		return nil
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	var out []assign
	for _, n := range names {
		p := join(path, n)
		i, ok := ld.vars.slot(n)
		if !ok {
			var known []string
			if ld.vars != nil {
				for _, v := range ld.vars.list {
					known = append(known, v.Name)
				}
			}
			ld.errorf(p, "set: no variable %q%s; declare it under [variables] first (%s = false for a flag, %s = 0 for a counter)", n, didYouMean(n, known), n, n)
			continue
		}
		ld.vars.set[i] = true
		v, sv := ld.vars.list[i], files[n]
		a := assign{slot: i}
		switch lit := sv.lit.(type) {
		case bool:
			if !v.Flag {
				ld.errorf(p, "%s is a counter: set it to a number or an amount in quotes (\"%s + 1\"), not %v", n, n, lit)
				continue
			}
			a.konst, a.lit = true, 0
			if lit {
				a.lit = 1
			}
		case float64:
			if v.Flag {
				ld.errorf(p, "%s is a flag: set it to true, false or a condition in quotes, not %v", n, lit)
				continue
			}
			if math.IsNaN(lit) || math.IsInf(lit, 0) {
				ld.errorf(p, "%s: want a finite number, found %v", n, lit)
				continue
			}
			a.konst, a.lit = true, lit
		default:
			if v.Flag {
				a.cond = ld.condition(p, sv.src)
			} else {
				a.to = ld.value(p, amount{set: true, src: sv.src, expr: true})
			}
		}
		out = append(out, a)
	}
	return out
}

// unused reports the variables nothing reads or nothing sets.
func (ld *loader) unused() {
	t := ld.vars
	for i, v := range t.list {
		p := join("variables", v.Name)
		switch {
		case !t.read[i] && !t.set[i]:
			ld.warnf(p, "variable %q is never used: no condition reads it and nothing sets it; remove it, or use it", v.Name)
		case !t.read[i]:
			ld.warnf(p, "variable %q is set but no condition or amount reads it: use it in a when (when = %q), or remove it", v.Name, v.Name)
		case !t.set[i]:
			ld.errorf(p, "variable %q is read but nothing sets it, so it is always %s: set it where it happens, with set = { %s = … } on an option, a client line, a beat or a life event", v.Name, v.Format(v.Start), v.Name)
		}
	}
}

// assign evaluates a set table on the state as it is (all before any is
// changed) and then gives each variable its value, recording each change.
// vals is a buffer for the values, to be reused.
func (r *Run) assign(as []assign, id, explain string, vals []float64) {
	if len(as) == 0 {
		return
	}
	for _, a := range as {
		switch {
		case a.konst:
			vals = append(vals, a.lit)
		case a.cond != nil:
			x := 0.0
			if r.cond(a.cond, "set", r.sc.vars[a.slot].Name) {
				x = 1
			}
			vals = append(vals, x)
		default:
			// The name for a failure is made only when one happens.
			if x := a.to.fast; x != nil {
				if v := x(&r.env); v-v == 0 {
					vals = append(vals, v)
					continue
				}
			}
			vals = append(vals, r.num(&a.to, "set "+r.sc.vars[a.slot].Name))
		}
	}
	for i, a := range as {
		before, after := r.st.Vars[a.slot], vals[i]
		if before == after {
			continue
		}
		r.st.Vars[a.slot] = after
		r.emit(Event{Kind: VariableSet, Rule: id, Variable: r.sc.vars[a.slot].Name, Before: before, After: after, Explain: explain})
	}
}

// Variable returns the value of the scenario variable named name in s, a
// flag as 0 or 1, and whether the scenario declares it.
func (sc *Scenario) Variable(s *State, name string) (float64, bool) {
	for i, v := range sc.vars {
		if v.Name == name && i < len(s.Vars) {
			return s.Vars[i], true
		}
	}
	return 0, false
}

// describeSet is a variable's change for messages: "told not waking: no →
// yes".
func (v Variable) describeSet(before, after float64) string {
	return fmt.Sprintf("%s: %s → %s", v.Label(), v.Format(before), v.Format(after))
}

// table is the compiler's view of the scenario's variables.
func (sc *Scenario) table() *varTable {
	t := &varTable{list: sc.vars, index: make(map[string]int, len(sc.vars)),
		read: make([]bool, len(sc.vars)), set: make([]bool, len(sc.vars))}
	for i, v := range sc.vars {
		t.index[v.Name] = i
	}
	return t
}

// Holds reports whether the condition src, written as the scenario's
// conditions are (it may read the scenario's variables), holds in the
// run's state now, between choices. A condition that does not compile is
// an error of type Problems, placed in a file named "condition"; one that
// fails as it runs is an error saying why.
func (r *Run) Holds(src string) (bool, error) {
	ld := &loader{file: "condition", vars: r.sc.table()}
	c := ld.condition("when", src)
	if len(ld.probs) > 0 {
		return false, ld.probs
	}
	r.fill("", Attrs{})
	out, err := expr.Run(c.prog, &r.env)
	if err != nil {
		return false, errors.New(failed(src, err))
	}
	b, _ := out.(bool)
	return b, nil
}
