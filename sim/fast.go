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
//
// The closures read Env's slots (Env.f), not its named fields: every
// number and flag is a float64 at a fixed index, and each text field with
// a closed set of values (rupture, act, homework_done) a code, so that
// `bond < 0.4` is one closure that loads a slot and compares it with a
// constant, and `rupture != "none"` compares two numbers. The shapes that
// are most common (a name compared with a constant, a constant times a
// name) are compiled into one closure each, not a tree of them.

type kind int

const (
	kNum kind = iota
	kBool
	kStr
)

// shape is what a compiled expression is, when it is simple enough for
// the compiler to fuse it with what uses it.
type shape int

const (
	general  shape = iota
	konst          // a constant: k (numbers, flags as 0 or 1), or s
	inSlot         // a number or flag read from slot i
	variable       // a number read from Vars[i]
	text           // a text field read as a code from slot i
)

// fn is a compiled expression of one kind: exactly one of num, bool and
// str is set; shape, k, str and i say what it is when it is simple.
type fn struct {
	num   func(*Env) float64
	bool  func(*Env) bool
	str   func(*Env) string
	shape shape
	k     float64
	s     string
	i     int
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

func numConst(x float64) fn {
	return fn{num: func(*Env) float64 { return x }, shape: konst, k: x}
}

func boolConst(v bool) fn {
	return fn{bool: func(*Env) bool { return v }, shape: konst, k: flag(v)}
}

func strConst(v string) fn {
	return fn{str: func(*Env) string { return v }, shape: konst, s: v}
}

// numSlot reads a number from a slot.
func numSlot(i int) fn {
	return fn{num: func(e *Env) float64 { return e.f[i] }, shape: inSlot, i: i}
}

// boolSlot reads a flag from a slot.
func boolSlot(i int) fn {
	return fn{bool: func(e *Env) bool { return e.f[i] != 0 }, shape: inSlot, i: i}
}

// textSlot reads a text field, by its code.
func textSlot(i int) fn {
	return fn{str: func(e *Env) string { return codeText(i, e.f[i]) }, shape: text, i: i}
}

func compileNode(n ast.Node) (fn, bool) {
	switch n := n.(type) {
	case *ast.IntegerNode:
		return numConst(float64(n.Value)), true
	case *ast.FloatNode:
		return numConst(n.Value), true
	case *ast.BoolNode:
		return boolConst(n.Value), true
	case *ast.StringNode:
		return strConst(n.Value), true
	case *ast.IdentifierNode:
		return envField(n.Value)
	case *ast.MemberNode:
		base, ok := n.Node.(*ast.IdentifierNode)
		if i, isInt := n.Property.(*ast.IntegerNode); ok && isInt && base.Value == varsName && !n.Optional && !n.Method {
			k := i.Value
			return fn{num: func(e *Env) float64 { return e.Vars[k] }, shape: variable, i: k}, true
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
			if x.shape == inSlot {
				i := x.i
				return fn{bool: func(e *Env) bool { return e.f[i] == 0 }}, true
			}
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
		if f, ok := fuseNum(n.Operator, l, r); ok {
			return f, true
		}
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
		if n.Operator != "==" && n.Operator != "!=" {
			return fn{}, false
		}
		eq := n.Operator == "=="
		// A text field against a constant compares codes.
		if l.shape == konst && r.shape == text {
			l, r = r, l
		}
		if l.shape == text && r.shape == konst {
			i, c := l.i, textCode(l.i, r.s)
			if eq {
				return fn{bool: func(e *Env) bool { return e.f[i] == c }}, true
			}
			return fn{bool: func(e *Env) bool { return e.f[i] != c }}, true
		}
		a, b := l.str, r.str
		if eq {
			return fn{bool: func(e *Env) bool { return a(e) == b(e) }}, true
		}
		return fn{bool: func(e *Env) bool { return a(e) != b(e) }}, true
	}
	return fn{}, false
}

// fuseNum compiles the common shapes of a numeric operation into one
// closure each: a slot or a variable compared with a constant, a constant
// times a slot, a constant plus or minus anything. The operations are the
// same, in the same order, as compileBinary's.
func fuseNum(op string, l, r fn) (fn, bool) {
	if l.shape == konst && r.shape == konst {
		return fn{}, false // rare; the general closures do
	}
	// x op k, for x a slot or a variable.
	if r.shape == konst && (l.shape == inSlot || l.shape == variable) {
		i, k := l.i, r.k
		if l.shape == inSlot {
			switch op {
			case "<":
				return fn{bool: func(e *Env) bool { return e.f[i] < k }}, true
			case "<=":
				return fn{bool: func(e *Env) bool { return e.f[i] <= k }}, true
			case ">":
				return fn{bool: func(e *Env) bool { return e.f[i] > k }}, true
			case ">=":
				return fn{bool: func(e *Env) bool { return e.f[i] >= k }}, true
			case "==":
				return fn{bool: func(e *Env) bool { return e.f[i] == k }}, true
			case "!=":
				return fn{bool: func(e *Env) bool { return e.f[i] != k }}, true
			case "*":
				return fn{num: func(e *Env) float64 { return float64(e.f[i] * k) }}, true
			}
			return fn{}, false
		}
		switch op {
		case "<":
			return fn{bool: func(e *Env) bool { return e.Vars[i] < k }}, true
		case "<=":
			return fn{bool: func(e *Env) bool { return e.Vars[i] <= k }}, true
		case ">":
			return fn{bool: func(e *Env) bool { return e.Vars[i] > k }}, true
		case ">=":
			return fn{bool: func(e *Env) bool { return e.Vars[i] >= k }}, true
		case "==":
			return fn{bool: func(e *Env) bool { return e.Vars[i] == k }}, true
		case "!=":
			return fn{bool: func(e *Env) bool { return e.Vars[i] != k }}, true
		}
		return fn{}, false
	}
	if l.shape == konst {
		k := l.k
		if r.shape == inSlot && op == "*" {
			i := r.i
			return fn{num: func(e *Env) float64 { return float64(k * e.f[i]) }}, true
		}
		b := r.num
		switch op {
		case "+":
			return fn{num: func(e *Env) float64 { return k + float64(b(e)) }}, true
		case "-":
			return fn{num: func(e *Env) float64 { return k - float64(b(e)) }}, true
		case "*":
			return fn{num: func(e *Env) float64 { return float64(k * b(e)) }}, true
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
	if l.shape == text {
		i := l.i
		codes := make([]float64, len(set))
		for j, s := range set {
			codes[j] = textCode(i, s)
		}
		return fn{bool: func(e *Env) bool {
			c := e.f[i]
			for _, k := range codes {
				if c == k {
					return true
				}
			}
			return false
		}}, true
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
	switch name {
	case "bond":
		return numSlot(sBond), true
	case "task":
		return numSlot(sTask), true
	case "goal":
		return numSlot(sGoal), true
	case "hope":
		return numSlot(sHope), true
	case "alliance":
		return numSlot(sAlliance), true
	case "symptoms":
		return numSlot(sSymptoms), true
	case "intake":
		return numSlot(sIntake), true
	case "improvement":
		return numSlot(sImprovement), true
	case "session":
		return numSlot(sSession), true
	case "turn":
		return numSlot(sTurn), true
	case "rupture":
		return textSlot(sRupture), true
	case "rupture_severity":
		return numSlot(sRuptureSeverity), true
	case "rupture_turns":
		return numSlot(sRuptureTurns), true
	case "homework_due":
		return boolSlot(sHomeworkDue), true
	case "homework_done":
		return textSlot(sHomeworkDone), true
	case "homework_reviewed":
		return boolSlot(sHomeworkReviewed), true
	case "homework_assigned":
		return boolSlot(sHomeworkAssigned), true
	case "not_on_track":
		return boolSlot(sNotOnTrack), true
	case "rupture_unprompted":
		return boolSlot(sRuptureUnprompted), true
	case "act":
		return textSlot(sAct), true
	}
	return fn{}, false
}

func attrField(name string) (fn, bool) {
	bl := func(f func(*Env) bool) (fn, bool) { return fn{bool: f}, true }
	switch name {
	case "kind":
		return fn{str: func(e *Env) string { return e.attr.Kind }}, true
	case "collaborative":
		return bl(func(e *Env) bool { return e.attr.Collaborative })
	case "rationale":
		return bl(func(e *Env) bool { return e.attr.Rationale })
	case "specific":
		return bl(func(e *Env) bool { return e.attr.Specific })
	case "written":
		return bl(func(e *Env) bool { return e.attr.Written })
	case "matched":
		return bl(func(e *Env) bool { return e.attr.Matched })
	case "obstacles":
		return bl(func(e *Env) bool { return e.attr.Obstacles })
	case "acknowledges":
		return bl(func(e *Env) bool { return e.attr.Acknowledges })
	case "prepared":
		return bl(func(e *Env) bool { return e.attr.Prepared })
	case "accurate":
		return bl(func(e *Env) bool { return e.attr.Accurate })
	case "at_marker":
		return bl(func(e *Env) bool { return e.attr.AtMarker })
	case "difficulty":
		return fn{num: func(e *Env) float64 { return e.attr.Difficulty }}, true
	case "warmth":
		return fn{num: func(e *Env) float64 { return e.attr.Warmth }}, true
	}
	return fn{}, false
}

func traitField(name string) (fn, bool) {
	switch name {
	case "reactance":
		return numSlot(sReactance), true
	case "motivation":
		return numSlot(sMotivation), true
	case "attachment":
		return numSlot(sAttachment), true
	case "homework_attitude":
		return numSlot(sHomeworkAttitude), true
	case "mindedness":
		return numSlot(sMindedness), true
	case "support":
		return numSlot(sSupport), true
	}
	return fn{}, false
}
