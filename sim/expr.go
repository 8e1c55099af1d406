package sim

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
)

// Compiling the expressions of conditions and amounts, and what is judged of
// them when a file loads.

// compile compiles an expression found at path, returning nil (and a
// problem) when it does not compile or has the wrong type.
func (ld *loader) compile(path, src string, asBool bool) *vm.Program {
	// Only builtins that are exact on every platform and read no clock:
	// now() and date() would make runs irreproducible.
	// The expression is bounded (bound.go) before anything parses it.
	if be := bounds(src); be != nil {
		ld.exprProblem(path, src, be, asBool, true)
		return nil
	}
	if ld.compiled++; ld.compiled > MaxExpressions {
		if ld.compiled == MaxExpressions+1 {
			ld.errorf(path, "the file has more than %d different conditions and amounts; the limit is %d (the shipped course has about 350): split the course into scenarios of their own", MaxExpressions, MaxExpressions)
		}
		return nil
	}
	g := &guard{src: src}
	opts := []expr.Option{expr.Env(Env{}), expr.Optimize(true), expr.DisableAllBuiltins(), expr.MaxNodes(maxExprNodes)}
	if ld.vars != nil {
		opts = append(opts, expr.Patch(ld.vars))
	}
	opts = append(opts, expr.Patch(g))
	for _, b := range []string{"abs", "ceil", "floor", "round", "min", "max", "int", "float"} {
		opts = append(opts, expr.EnableBuiltin(b))
	}
	if asBool {
		opts = append(opts, expr.AsBool())
	} else {
		opts = append(opts, expr.AsFloat64())
	}
	p, err := expr.Compile(src, opts...)
	ours := false
	if g.err != nil {
		err, ours = g.err, true // what the language refuses says more than a type error
	}
	if err == nil {
		err, ours = vetExpr(src), true
	}
	if err == nil {
		return p
	}
	ld.exprProblem(path, src, err, asBool, ours)
	return nil
}

// exprProblem reports the error err of the expression src found at path,
// placed in the file where the error is in the expression; an error not
// ours (expr's) is told in an author's words first.
func (ld *loader) exprProblem(path, src string, err error, asBool, ours bool) {
	pos := ld.at(path)
	if vp, ok := ld.valuePos()[path]; ok {
		pos = vp
	}
	msg := err.Error()
	var fe *file.Error
	pos.Col++ // past the opening quote, to the expression's start
	if errors.As(err, &fe) {
		msg = fe.Message
		if fe.Line == 1 && fe.Column > 0 {
			pos.Col += fe.Column
		}
	}
	if !ours {
		msg = ld.exprHint(msg, asBool, path, src)
	}
	ld.probs = append(ld.probs, Problem{File: ld.file, Pos: pos, Key: display(path), Msg: fmt.Sprintf("%s: %s in %s", last(path), msg, quoteExpr(src))})
}

// exprHint rewrites expr's messages for authors who are not programmers;
// src is the expression, found at path.
func (ld *loader) exprHint(msg string, asBool bool, path, src string) string {
	unknownName := regexp.MustCompile(`^unknown name (\w+)`)
	unknownField := regexp.MustCompile(`^type sim\.(\w+) has no field (\w+)`)
	unexpected := regexp.MustCompile(`^unexpected token (\w+)(?:\("(.*)"\))?`)
	unrecognized := regexp.MustCompile(`^unrecognized character: U\+[0-9A-F]+ '(.)'`)
	key := last(path)
	// A share written as a percentage, 36%, where the expression ends or a
	// condition is joined.
	percent := regexp.MustCompile(`(\d+(?:\.\d+)?)\s*%\s*(?:$|&&|\|\||\)|and\b|or\b)`)
	// Words written for signs, and the signs.
	wordSigns := map[string]string{"minus": "-", "plus": "+", "times": "*", "is": "==", "equals": "=="}
	wordSign := regexp.MustCompile(`(?i)\b(minus|plus|times|is|equals)\b`)
	// Signs a keyboard cannot type, or that a word processor puts for one
	// it can, and the ones to write.
	unicodeSigns := map[string]string{"≥": ">=", "≤": "<=", "≠": "!=", "×": "*", "÷": "/", "−": "-", "–": "-", "—": "-", "＝": "=="}
	if m := percent.FindStringSubmatch(src); m != nil && (unexpected.MatchString(msg) || strings.HasPrefix(msg, "unexpected token EOF")) {
		return fmt.Sprintf("write a share as a number from 0 to 1: %s, not %s%%", shareOf(m[1]), m[1])
	}
	if m := unknownName.FindStringSubmatch(msg); m != nil {
		word := strings.ToLower(m[1])
		flag := asBool && strings.Contains("."+path+".", ".set.")
		switch {
		case flag && (word == "yes" || word == "no" || word == "true" || word == "false" || word == "on" || word == "off"):
			v := "true"
			if word == "no" || word == "false" || word == "off" {
				v = "false"
			}
			return fmt.Sprintf("a flag is true or false: write %s = %s, in lowercase and without quotes", key, v)
		case key == "severity" && suggest(m[1], ld.names()) == "":
			v := "0.7"
			switch word {
			case "low", "mild", "slight", "minor", "small":
				v = "0.2"
			case "medium", "moderate", "middle", "average":
				v = "0.4"
			}
			return fmt.Sprintf("a rupture's severity is a number from 0 to 1, not a word: write it without quotes, as in severity = %s (0.4 when left out)", v)
		}
		return fmt.Sprintf("unknown name %q%s", m[1], didYouMean(m[1], ld.names()))
	}
	if m := unexpected.FindStringSubmatch(msg); m != nil && m[1] == "Operator" && m[2] == "," {
		if d := regexp.MustCompile(`(\d+),(\d+)`).FindStringSubmatch(src); d != nil {
			return fmt.Sprintf("use a point for decimals: %s.%s, not %s", d[1], d[2], d[0])
		}
	}
	if m := unexpected.FindStringSubmatch(msg); m != nil && m[1] != "EOF" && !(m[1] == "Operator" && m[2] == "=") {
		if w := strings.ToLower(m[2]); m[1] == "Identifier" && (w == "and" || w == "or" || w == "not") {
			sign := map[string]string{"and": "&&", "or": "||", "not": "!"}[w]
			return fmt.Sprintf("write %s in lowercase, or %s, not %s", w, sign, m[2])
		}
		if w := wordSign.FindStringSubmatch(src); w != nil {
			fixed := strings.TrimSpace(wordSign.ReplaceAllStringFunc(src, func(s string) string {
				return " " + wordSigns[strings.ToLower(strings.TrimSpace(s))] + " "
			}))
			fixed = strings.Join(strings.Fields(fixed), " ")
			if f, ok := strings.CutPrefix(fixed, "- "); ok {
				fixed = "-" + f
			}
			if strings.ContainsFunc(fixed, unicode.IsLetter) || asBool {
				fixed = quoted(fixed)
			}
			return fmt.Sprintf("write the sign %s for %s: %s = %s", wordSigns[strings.ToLower(w[1])], w[1], key, fixed)
		}
		what := m[2]
		switch m[1] {
		case "Identifier":
			what = "the word " + m[2]
		case "Number":
			what = "the number " + m[2]
		case "String":
			what = "text in quotes"
		}
		return fmt.Sprintf("%s cannot follow what comes before it: compare with == != < > <= >=, join conditions with && (and) or || (or), and work out amounts with + - * /", what)
	}
	if m := unrecognized.FindStringSubmatch(msg); m != nil {
		r := m[1]
		switch r {
		case "“", "”", "‘", "’", "„", "«", "»":
			fixed := strings.NewReplacer("“", "'", "”", "'", "‘", "'", "’", "'", "„", "'", "«", "'", "»", "'").Replace(src)
			return fmt.Sprintf("curly quotes (“ ” ‘ ’) do not quote text in a condition, which a word processor may have put in: use straight single quotes inside the double ones, %s = %s", key, quoted(fixed))
		}
		if sign, ok := unicodeSigns[r]; ok {
			return fmt.Sprintf("write %s as %s, as on a keyboard: %s = %s", r, sign, key, quoted(strings.ReplaceAll(src, r, sign)))
		}
		return fmt.Sprintf("%s is not a sign conditions and amounts know: they use + - * / < > <= >= == != && || ! and names", r)
	}
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		var t reflect.Type
		prefix := ""
		switch m[1] {
		case "Attrs":
			t, prefix = reflect.TypeOf(Attrs{}), "attr"
		case "Traits":
			t, prefix = reflect.TypeOf(Traits{}), "traits"
		}
		if t != nil {
			return fmt.Sprintf("%s has no %q%s", prefix, m[2], didYouMean(m[2], tagNames(t)))
		}
	}
	mismatched := regexp.MustCompile(`^invalid operation: (\S+) \(mismatched types (.+) and (.+)\)$`)
	if m := mismatched.FindStringSubmatch(msg); m != nil {
		switch m[1] {
		case "+", "-", "*", "/", "%":
			return fmt.Sprintf("%s needs two numbers, not %s and %s", m[1], kindOf(m[2]), kindOf(m[3]))
		case "&&", "||", "and", "or":
			return fmt.Sprintf("%s joins two conditions (true or false), not %s and %s", m[1], kindOf(m[2]), kindOf(m[3]))
		}
		return fmt.Sprintf("%s cannot compare %s with %s: compare numbers with numbers (bond < 0.3), and names with their values (rupture == \"withdrawal\")",
			m[1], kindOf(m[2]), kindOf(m[3]))
	}
	unary := regexp.MustCompile(`^invalid operation: (\S+) \(mismatched type (.+)\)$`)
	if m := unary.FindStringSubmatch(msg); m != nil {
		if m[1] == "!" || m[1] == "not" {
			return fmt.Sprintf("%s needs a condition (true or false), not %s", m[1], kindOf(m[2]))
		}
		return fmt.Sprintf("%s needs a number, not %s", m[1], kindOf(m[2]))
	}
	noField := regexp.MustCompile(`^type (.+) has no field (\w+)`)
	if m := noField.FindStringSubmatch(msg); m != nil && !strings.HasPrefix(m[1], "sim.") {
		return fmt.Sprintf("%s has no parts to name with a dot: only attr and traits have them (attr.kind, traits.reactance)", kindOf(m[1]))
	}
	switch {
	case strings.HasPrefix(msg, `unexpected token Operator("=")`):
		return "= gives a key its value; to compare, write =="
	case strings.HasPrefix(msg, "unexpected token EOF"):
		return "the expression ends too soon: something is missing at its end"
	}
	if strings.Contains(msg, "exceeds maximum allowed nodes") {
		return fmt.Sprintf("the expression has more than %d parts: write it more simply, or keep part of it in a scenario variable", maxExprNodes)
	}
	kinds := strings.NewReplacer("got float64", "got a number", "got int", "got a number",
		"got bool", "got true or false", "got string", "got text")
	if strings.HasPrefix(msg, "expected bool") {
		return "want a condition that is true or false, " + kinds.Replace(strings.TrimPrefix(msg, "expected bool, "))
	}
	if strings.HasPrefix(msg, "expected float64") {
		return "want a number, " + kinds.Replace(strings.TrimPrefix(msg, "expected float64, "))
	}
	// No message names a Go type.
	goType := regexp.MustCompile(`\[\]interface \{\}|interface \{\}|\b(float64|int|bool|string)\b`)
	return goType.ReplaceAllStringFunc(msg, kindOf)
}

// shareOf turns a percentage into a share: 36 into 0.36.
func shareOf(pct string) string {
	f, err := strconv.ParseFloat(pct, 64)
	if err != nil {
		return pct
	}
	return strconv.FormatFloat(f/100, 'f', -1, 64)
}

// kindOf names a Go type in an author's words.
func kindOf(goType string) string {
	switch goType {
	case "float64", "int", "int64":
		return "a number"
	case "string":
		return "text"
	case "bool":
		return "true or false"
	case "[]interface {}", "[]int", "[]string", "[]float64":
		return "a list"
	case "interface {}":
		return "a value"
	}
	return "a value of another kind"
}

func tagNames(t reflect.Type) []string {
	var s []string
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("expr"); tag != "" && tag != varsName {
			s = append(s, tag)
		}
	}
	return s
}

// names lists the names a condition of the file can read.
func (ld *loader) names() []string {
	s := tagNames(reflect.TypeOf(Env{}))
	if ld.vars != nil {
		for _, v := range ld.vars.list {
			s = append(s, v.Name)
		}
	}
	return s
}

// condition compiles a condition found at path.
// A condition written again is compiled once: the compiled one is shared
// (compiled conditions and amounts never change).
func (ld *loader) condition(path, src string) *condition {
	if c, ok := ld.conds[src]; ok {
		return c
	}
	c := &condition{prog: ld.compile(path, src, true), src: src}
	if c.prog == nil {
		return c // nothing else may parse what did not compile
	}
	c.gate = ruptureGate(c.prog.Node())
	if f, ok := fast(src, ld.vars); ok && f.kind() == kBool {
		c.fast = f.bool
	}
	if ld.conds == nil {
		ld.conds = make(map[string]*condition)
	}
	ld.conds[src] = c
	return c
}

// value compiles an amount: a constant or an expression.
func (ld *loader) value(path string, a amount) value {
	if !a.set {
		return value{}
	}
	if !a.expr {
		return value{set: true, num: a.num, src: a.src}
	}
	if v, ok := ld.amounts[a.src]; ok {
		return v // an amount written again is compiled once
	}
	p := ld.compile(path, a.src, false)
	v := value{set: true, prog: p, src: a.src}
	if p == nil {
		return v
	}
	if f, ok := fast(a.src, ld.vars); ok && f.kind() == kNum {
		v.fast = f.num
	}
	if p != nil {
		if bad, ok := neverFinite(p, ld.vars); ok {
			pos := ld.at(path)
			if vp, ok := ld.valuePos()[path]; ok {
				pos = vp
			}
			ld.probs = append(ld.probs, Problem{File: ld.file, Pos: pos, Key: display(path),
				Msg: fmt.Sprintf("%s: %s is never a finite number (it gives %s in every state tried): an amount must be a number", last(path), quoteExpr(a.src), bad)})
			return v
		}
	}
	if ld.amounts == nil {
		ld.amounts = make(map[string]value)
	}
	ld.amounts[a.src] = v
	return v
}

// neverFinite reports whether an amount gives no finite number in any of
// a few states spanning the ranges (all variables low, middling, high, and
// mixed), and what it gives then: "1/0" and "(hope - hope) / (bond - bond)"
// never do. An amount that fails only in some states is reported where it
// fails, at run time.
func neverFinite(p *vm.Program, vars *varTable) (string, bool) {
	var got string
	for _, e := range sampleEnvs() {
		if vars != nil {
			e.Vars = make([]float64, len(vars.list))
			for i, v := range vars.list {
				e.Vars[i] = v.Start
			}
		}
		out, err := expr.Run(p, &e)
		var x float64
		switch o := out.(type) {
		case float64:
			x = o
		case int:
			x = float64(o)
		}
		switch {
		case err != nil:
			got = "an error"
		case math.IsNaN(x) || math.IsInf(x, 0):
			got = fmt.Sprint(x)
		default:
			return "", false
		}
	}
	return got, true
}

// sampleEnvs are the states neverFinite tries.
func sampleEnvs() []Env {
	mk := func(x float64, session, turn int) Env {
		return Env{Bond: x, Task: x, Goal: x, Hope: x, Alliance: x, Symptoms: x * MaxOQ, Intake: x * MaxOQ,
			Session: session, Turn: turn, Rupture: string(NoRupture), RuptureSeverity: x,
			Traits: Traits{x, x, x, x, x, x}, Attr: Attrs{Difficulty: x, Warmth: x}}
	}
	mixed := mk(0.5, 3, 4)
	mixed.Bond, mixed.Task, mixed.Hope, mixed.Symptoms = 0.2, 0.7, 0.35, 95
	return []Env{mk(0, 1, 0), mk(0.5, 2, 3), mk(1, 6, 12), mixed}
}

// quoteExpr quotes an expression for a message as an author would write it
// in the file: in single quotes when it holds double ones, and cut to a
// line's worth when it is longer.
func quoteExpr(src string) string {
	if r := []rune(src); len(r) > 80 {
		src = string(r[:77]) + "…"
	}
	if strings.ContainsRune(src, '"') && !strings.ContainsRune(src, '\'') {
		return "'" + src + "'"
	}
	return strconv.Quote(src)
}

type visitor func(*ast.Node)

func (v visitor) Visit(n *ast.Node) { v(n) }

// What a condition demands of the open rupture (condition.gate).
const (
	gateAny  int8 = iota
	gateNone      // one of its conjuncts is rupture == "none"
	gateOpen      // one of its conjuncts is rupture != "none"
)

// ruptureGate reads what the condition n demands of the open rupture: a
// conjunction one of whose terms compares rupture with "none" demands
// what that term does. Any other condition demands nothing.
func ruptureGate(n ast.Node) int8 {
	b, ok := n.(*ast.BinaryNode)
	if !ok {
		return gateAny
	}
	switch b.Operator {
	case "&&", "and":
		if g := ruptureGate(b.Left); g != gateAny {
			return g
		}
		return ruptureGate(b.Right)
	case "==", "!=":
		l, r := b.Left, b.Right
		if _, ok := l.(*ast.StringNode); ok {
			l, r = r, l
		}
		id, ok1 := l.(*ast.IdentifierNode)
		s, ok2 := r.(*ast.StringNode)
		if !ok1 || !ok2 || id.Value != "rupture" || s.Value != "none" {
			return gateAny
		}
		if b.Operator == "==" {
			return gateNone
		}
		return gateOpen
	}
	return gateAny
}
