package sim

import (
	"math"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
)

// Expressions are parsed and type-checked by expr-lang/expr at load time,
// and expr's virtual machine can run every one of them. The common ones —
// names, numbers, arithmetic, comparisons, logic, `in` a list of strings and
// a few numeric builtins — are also compiled here into Go closures over Env,
// which run many times faster than the VM and allocate nothing; that is what
// lets a cohort simulate a million client-sessions a second. Anything else
// falls back to the VM. A test checks that the two agree on every
// expression of the model and the shipped scenarios.

type kind int

const (
	kNum kind = iota
	kBool
	kStr
)

// fn is a compiled expression of one kind: exactly one field is set.
type fn struct {
	num  func(*Env) float64
	bool func(*Env) bool
	str  func(*Env) string
}

func (f fn) kind() kind {
	switch {
	case f.bool != nil:
		return kBool
	case f.str != nil:
		return kStr
	}
	return kNum
}

// fast compiles src to a closure, or reports false when it uses something
// the closure compiler does not handle.
func fast(src string, vars *varTable) (fn, bool) {
	tree, err := parser.Parse(src)
	if err != nil {
		return fn{}, false
	}
	if vars != nil {
		ast.Walk(&tree.Node, vars)
	}
	return compileNode(tree.Node)
}

func numConst(x float64) fn { return fn{num: func(*Env) float64 { return x }} }

func compileNode(n ast.Node) (fn, bool) {
	switch n := n.(type) {
	case *ast.IntegerNode:
		return numConst(float64(n.Value)), true
	case *ast.FloatNode:
		return numConst(n.Value), true
	case *ast.BoolNode:
		v := n.Value
		return fn{bool: func(*Env) bool { return v }}, true
	case *ast.StringNode:
		v := n.Value
		return fn{str: func(*Env) string { return v }}, true
	case *ast.IdentifierNode:
		return envField(n.Value)
	case *ast.MemberNode:
		base, ok := n.Node.(*ast.IdentifierNode)
		if i, isInt := n.Property.(*ast.IntegerNode); ok && isInt && base.Value == varsName && !n.Optional && !n.Method {
			k := i.Value
			return fn{num: func(e *Env) float64 { return e.Vars[k] }}, true
		}
		prop, ok2 := n.Property.(*ast.StringNode)
		if !ok || !ok2 || n.Optional || n.Method {
			return fn{}, false
		}
		switch base.Value {
		case "attr":
			return attrField(prop.Value)
		case "traits":
			return traitField(prop.Value)
		}
		return fn{}, false
	case *ast.UnaryNode:
		x, ok := compileNode(n.Node)
		if !ok {
			return fn{}, false
		}
		switch {
		case (n.Operator == "!" || n.Operator == "not") && x.kind() == kBool:
			f := x.bool
			return fn{bool: func(e *Env) bool { return !f(e) }}, true
		case n.Operator == "-" && x.kind() == kNum:
			f := x.num
			return fn{num: func(e *Env) float64 { return -f(e) }}, true
		case n.Operator == "+" && x.kind() == kNum:
			return x, true
		}
		return fn{}, false
	case *ast.BinaryNode:
		return compileBinary(n)
	case *ast.ConditionalNode:
		c, ok1 := compileNode(n.Cond)
		a, ok2 := compileNode(n.Exp1)
		b, ok3 := compileNode(n.Exp2)
		if !ok1 || !ok2 || !ok3 || c.kind() != kBool || a.kind() != b.kind() {
			return fn{}, false
		}
		cf := c.bool
		switch a.kind() {
		case kNum:
			x, y := a.num, b.num
			return fn{num: func(e *Env) float64 {
				if cf(e) {
					return x(e)
				}
				return y(e)
			}}, true
		case kBool:
			x, y := a.bool, b.bool
			return fn{bool: func(e *Env) bool {
				if cf(e) {
					return x(e)
				}
				return y(e)
			}}, true
		}
		return fn{}, false
	case *ast.BuiltinNode:
		return compileBuiltin(n)
	}
	return fn{}, false
}

func compileBuiltin(n *ast.BuiltinNode) (fn, bool) {
	var args []func(*Env) float64
	for _, a := range n.Arguments {
		f, ok := compileNode(a)
		if !ok || f.kind() != kNum {
			return fn{}, false
		}
		args = append(args, f.num)
	}
	one := func(op func(float64) float64) (fn, bool) {
		if len(args) != 1 {
			return fn{}, false
		}
		x := args[0]
		return fn{num: func(e *Env) float64 { return op(x(e)) }}, true
	}
	switch n.Name {
	case "abs":
		return one(func(x float64) float64 { // as expr's abs: -0 stays -0
			if x < 0 {
				return -x
			}
			return x
		})
	case "floor":
		return one(math.Floor)
	case "ceil":
		return one(math.Ceil)
	case "round":
		return one(math.Round)
	case "min", "max":
		if len(args) != 2 {
			return fn{}, false
		}
		// As expr's min and max: the first argument unless the second is
		// strictly less (greater).
		x, y := args[0], args[1]
		if n.Name == "min" {
			return fn{num: func(e *Env) float64 {
				a, b := x(e), y(e)
				if b < a {
					return b
				}
				return a
			}}, true
		}
		return fn{num: func(e *Env) float64 {
			a, b := x(e), y(e)
			if b > a {
				return b
			}
			return a
		}}, true
	}
	return fn{}, false
}

func compileBinary(n *ast.BinaryNode) (fn, bool) {
	if n.Operator == "in" {
		return compileIn(n)
	}
	l, ok1 := compileNode(n.Left)
	r, ok2 := compileNode(n.Right)
	if !ok1 || !ok2 || l.kind() != r.kind() {
		return fn{}, false
	}
	switch l.kind() {
	case kNum:
		a, b := l.num, r.num
		// Each product and quotient is converted explicitly so that it is
		// rounded before any addition: no fused multiply-add anywhere.
		switch n.Operator {
		case "+":
			return fn{num: func(e *Env) float64 { return float64(a(e)) + float64(b(e)) }}, true
		case "-":
			return fn{num: func(e *Env) float64 { return float64(a(e)) - float64(b(e)) }}, true
		case "*":
			return fn{num: func(e *Env) float64 { return float64(a(e) * b(e)) }}, true
		case "/":
			return fn{num: func(e *Env) float64 { return float64(a(e) / b(e)) }}, true
		case "<":
			return fn{bool: func(e *Env) bool { return a(e) < b(e) }}, true
		case "<=":
			return fn{bool: func(e *Env) bool { return a(e) <= b(e) }}, true
		case ">":
			return fn{bool: func(e *Env) bool { return a(e) > b(e) }}, true
		case ">=":
			return fn{bool: func(e *Env) bool { return a(e) >= b(e) }}, true
		case "==":
			return fn{bool: func(e *Env) bool { return a(e) == b(e) }}, true
		case "!=":
			return fn{bool: func(e *Env) bool { return a(e) != b(e) }}, true
		}
	case kBool:
		a, b := l.bool, r.bool
		switch n.Operator {
		case "&&", "and":
			return fn{bool: func(e *Env) bool { return a(e) && b(e) }}, true
		case "||", "or":
			return fn{bool: func(e *Env) bool { return a(e) || b(e) }}, true
		case "==":
			return fn{bool: func(e *Env) bool { return a(e) == b(e) }}, true
		case "!=":
			return fn{bool: func(e *Env) bool { return a(e) != b(e) }}, true
		}
	case kStr:
		a, b := l.str, r.str
		switch n.Operator {
		case "==":
			return fn{bool: func(e *Env) bool { return a(e) == b(e) }}, true
		case "!=":
			return fn{bool: func(e *Env) bool { return a(e) != b(e) }}, true
		}
	}
	return fn{}, false
}

// compileIn handles `x in ["a", "b"]` for a string x and literal strings.
func compileIn(n *ast.BinaryNode) (fn, bool) {
	l, ok := compileNode(n.Left)
	arr, ok2 := n.Right.(*ast.ArrayNode)
	if !ok || !ok2 || l.kind() != kStr {
		return fn{}, false
	}
	var set []string
	for _, el := range arr.Nodes {
		s, ok := el.(*ast.StringNode)
		if !ok {
			return fn{}, false
		}
		set = append(set, s.Value)
	}
	x := l.str
	return fn{bool: func(e *Env) bool {
		v := x(e)
		for _, s := range set {
			if v == s {
				return true
			}
		}
		return false
	}}, true
}

func envField(name string) (fn, bool) {
	num := func(f func(*Env) float64) (fn, bool) { return fn{num: f}, true }
	bl := func(f func(*Env) bool) (fn, bool) { return fn{bool: f}, true }
	str := func(f func(*Env) string) (fn, bool) { return fn{str: f}, true }
	switch name {
	case "bond":
		return num(func(e *Env) float64 { return e.Bond })
	case "task":
		return num(func(e *Env) float64 { return e.Task })
	case "goal":
		return num(func(e *Env) float64 { return e.Goal })
	case "hope":
		return num(func(e *Env) float64 { return e.Hope })
	case "alliance":
		return num(func(e *Env) float64 { return e.Alliance })
	case "symptoms":
		return num(func(e *Env) float64 { return e.Symptoms })
	case "intake":
		return num(func(e *Env) float64 { return e.Intake })
	case "improvement":
		return num(func(e *Env) float64 { return e.Improvement })
	case "session":
		return num(func(e *Env) float64 { return float64(e.Session) })
	case "turn":
		return num(func(e *Env) float64 { return float64(e.Turn) })
	case "rupture":
		return str(func(e *Env) string { return e.Rupture })
	case "rupture_severity":
		return num(func(e *Env) float64 { return e.RuptureSeverity })
	case "rupture_turns":
		return num(func(e *Env) float64 { return float64(e.RuptureTurns) })
	case "homework_due":
		return bl(func(e *Env) bool { return e.HomeworkDue })
	case "homework_done":
		return str(func(e *Env) string { return e.HomeworkDone })
	case "homework_reviewed":
		return bl(func(e *Env) bool { return e.HomeworkReviewed })
	case "homework_assigned":
		return bl(func(e *Env) bool { return e.HomeworkAssigned })
	case "not_on_track":
		return bl(func(e *Env) bool { return e.NotOnTrack })
	case "act":
		return str(func(e *Env) string { return e.Act })
	}
	return fn{}, false
}

func attrField(name string) (fn, bool) {
	bl := func(f func(*Attrs) bool) (fn, bool) { return fn{bool: func(e *Env) bool { return f(&e.Attr) }}, true }
	switch name {
	case "kind":
		return fn{str: func(e *Env) string { return e.Attr.Kind }}, true
	case "collaborative":
		return bl(func(a *Attrs) bool { return a.Collaborative })
	case "rationale":
		return bl(func(a *Attrs) bool { return a.Rationale })
	case "specific":
		return bl(func(a *Attrs) bool { return a.Specific })
	case "written":
		return bl(func(a *Attrs) bool { return a.Written })
	case "matched":
		return bl(func(a *Attrs) bool { return a.Matched })
	case "obstacles":
		return bl(func(a *Attrs) bool { return a.Obstacles })
	case "acknowledges":
		return bl(func(a *Attrs) bool { return a.Acknowledges })
	case "difficulty":
		return fn{num: func(e *Env) float64 { return e.Attr.Difficulty }}, true
	case "warmth":
		return fn{num: func(e *Env) float64 { return e.Attr.Warmth }}, true
	}
	return fn{}, false
}

func traitField(name string) (fn, bool) {
	num := func(f func(*Traits) float64) (fn, bool) {
		return fn{num: func(e *Env) float64 { return f(&e.Traits) }}, true
	}
	switch name {
	case "reactance":
		return num(func(t *Traits) float64 { return t.Reactance })
	case "motivation":
		return num(func(t *Traits) float64 { return t.Motivation })
	case "attachment":
		return num(func(t *Traits) float64 { return t.Attachment })
	case "homework_attitude":
		return num(func(t *Traits) float64 { return t.HomeworkAttitude })
	case "mindedness":
		return num(func(t *Traits) float64 { return t.Mindedness })
	case "support":
		return num(func(t *Traits) float64 { return t.Support })
	}
	return fn{}, false
}
