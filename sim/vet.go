package sim

import (
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
)

// vetExpr finds what an expression can compile and still get wrong: a name
// compared with a value it can never take ('rupture == "withdrawl"'), which
// would make the condition quietly never hold. The error is a *file.Error placed in src.
func vetExpr(src string) error {
	tree, err := parser.Parse(src)
	if err != nil {
		return err
	}
	var bad *file.Error
	fail := func(n ast.Node, msg string) {
		if bad == nil {
			bad = &file.Error{Location: n.Location(), Message: msg}
			bad.Bind(tree.Source)
		}
	}
	ast.Walk(&tree.Node, visitor(func(n *ast.Node) {
		b, ok := (*n).(*ast.BinaryNode)
		if !ok {
			return
		}
		switch b.Operator {
		case "==", "!=":
			name, lit := closedPair(b.Left, b.Right)
			if name == "" {
				name, lit = closedPair(b.Right, b.Left)
			}
			if name != "" {
				if msg := outsideSet(name, lit.Value); msg != "" {
					fail(lit, msg)
				}
			}
		case "in", "not in":
			id, ok := b.Left.(*ast.IdentifierNode)
			arr, isArr := b.Right.(*ast.ArrayNode)
			if !ok || !isArr || closedSet(id.Value) == nil {
				return
			}
			for _, e := range arr.Nodes {
				if s, ok := e.(*ast.StringNode); ok {
					if msg := outsideSet(id.Value, s.Value); msg != "" {
						fail(s, msg)
					}
				}
			}
		}
	}))
	if bad != nil {
		return bad
	}
	return nil
}

// closedPair returns the name of a closed set and the text it is compared
// with when a is such a name and b a text in quotes.
func closedPair(a, b ast.Node) (string, *ast.StringNode) {
	id, ok := a.(*ast.IdentifierNode)
	s, isStr := b.(*ast.StringNode)
	if !ok || !isStr || closedSet(id.Value) == nil {
		return "", nil
	}
	return id.Value, s
}

// closedSet lists the values a name of the environment can take, for the
// names whose values are a closed set; nil for the others.
func closedSet(name string) []string {
	switch name {
	case "rupture":
		return []string{string(NoRupture), string(RuptureWithdrawal), string(RuptureConfrontation)}
	case "homework_done":
		out := []string{""}
		for _, c := range Completions() {
			out = append(out, string(c))
		}
		return out
	case "act":
		out := []string{""}
		for _, a := range Acts() {
			out = append(out, string(a))
		}
		return out
	}
	return nil
}

// outsideSet says, for a value name can never take, that it never will,
// with the nearest value it can take; "" when the value is one it takes.
func outsideSet(name, value string) string {
	set := closedSet(name)
	for _, v := range set {
		if v == value {
			return ""
		}
	}
	msg := name + " can never be " + quote(value) + didYouMean(value, set)
	if len(set) <= 5 {
		var vs []string
		for _, v := range set {
			vs = append(vs, quote(v))
		}
		msg += "; it is one of " + strings.Join(vs, ", ")
	}
	return msg
}

// quote writes a value as an author writes it in a condition.
func quote(s string) string { return `"` + s + `"` }

// A context is what is certain where a condition is judged: in which
// session, and whether it is an option's or a client line's condition
// (judged before any act) or a rule's. Fixed lists the names of the
// environment whose value Env holds for certain there.
type context struct {
	env   Env
	fixed map[string]bool
	why   string // what makes them certain, for messages
}

// beatContext is what is certain when a beat of session n is entered: no
// act is being made, and in the first session no task can be due and no
// OQ-45 has been compared with the curve.
func beatContext(n int) context {
	c := context{env: Env{Session: n}, fixed: map[string]bool{"session": true, "act": true}}
	if n == 1 {
		for _, k := range []string{"homework_due", "homework_done", "homework_reviewed", "not_on_track", "improvement"} {
			c.fixed[k] = true
		}
		c.why = "in the first session no task is due yet, and no OQ-45 has been compared with the recovery curve"
	}
	return c
}

// neverHolds reports whether the condition src is false whatever the parts
// of the state that are not fixed in c: it judges the parts that read only
// fixed names and combines them through !, && and ||, so it says yes only
// when that is certain.
func neverHolds(src string, c context) bool {
	tree, err := parser.Parse(src)
	if err != nil {
		return false
	}
	known, v := c.judge(tree.Node)
	return known && !v
}

// judge returns the value of n when it is certain in c.
func (c context) judge(n ast.Node) (known, value bool) {
	switch t := n.(type) {
	case *ast.UnaryNode:
		if t.Operator == "!" || t.Operator == "not" {
			k, v := c.judge(t.Node)
			return k, !v
		}
	case *ast.BinaryNode:
		switch t.Operator {
		case "&&", "and":
			lk, lv := c.judge(t.Left)
			rk, rv := c.judge(t.Right)
			switch {
			case lk && !lv, rk && !rv:
				return true, false
			case lk && rk:
				return true, true
			}
			return false, false
		case "||", "or":
			lk, lv := c.judge(t.Left)
			rk, rv := c.judge(t.Right)
			switch {
			case lk && lv, rk && rv:
				return true, true
			case lk && rk:
				return true, false
			}
			return false, false
		}
	}
	fixedOnly := true
	ast.Find(n, func(x ast.Node) bool {
		if id, ok := x.(*ast.IdentifierNode); ok && !c.fixed[id.Value] {
			fixedOnly = false
		}
		return false
	})
	if !fixedOnly {
		return false, false
	}
	p, err := expr.Compile(n.String(), expr.Env(Env{}), expr.AsBool(), expr.DisableAllBuiltins())
	if err != nil {
		return false, false
	}
	out, err := expr.Run(p, &c.env)
	if err != nil {
		return false, false
	}
	b, ok := out.(bool)
	return ok, b
}
