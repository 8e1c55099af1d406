package sim

import (
	"fmt"
	"reflect"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
)

// What an author can write in a condition or an amount is bounded, so that
// no expression can run long, grow without limit or exhaust the machine:
// its size and nesting are checked before it is parsed, the parser stops at
// a number of nodes, and only numbers, true and false, names, arithmetic,
// comparisons, logic, the conditional (? :), a list after in, and the
// functions abs, min, max, clamp, floor, ceil, round, int and float are
// allowed. Nothing in that language loops or builds text.
const (
	// MaxExprSize is the most bytes a condition or an amount may have.
	MaxExprSize = 1000
	// MaxExprDepth is the most parentheses and brackets it may nest.
	MaxExprDepth = 24
	// maxExprNodes bounds the expression's syntax tree.
	maxExprNodes = 300
	// MaxExpressions is the most different conditions and amounts a file
	// may have (one written again counts once): the shipped course has
	// about 350, and each costs some 40 µs to check.
	MaxExpressions = 5000
)

// language says what a condition or an amount may use, for messages.
const language = "conditions and amounts use numbers, true and false, names, + - * / %, comparisons, && || !, ? :, in [...] and abs, min, max, clamp, floor, ceil, round, int, float (docs/format.md, section 9)"

// bounds reports an expression too long or too deeply nested to parse, at
// the place it goes past the limit; nil when it is within bounds.
func bounds(src string) *file.Error {
	if len(src) > MaxExprSize {
		return placed(src, 0, fmt.Sprintf("the expression is %d characters long; the limit is %d: split it between options, or keep what it remembers in a variable", len(src), MaxExprSize))
	}
	depth := 0
	var quote byte
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case quote != 0:
			if c == '\\' && quote != '`' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
			if depth > MaxExprDepth {
				return placed(src, i, fmt.Sprintf("brackets are nested more than %d deep here: write it more simply", MaxExprDepth))
			}
		case c == ')' || c == ']' || c == '}':
			depth--
		}
	}
	return nil
}

// placed makes an error at byte offset i of src.
func placed(src string, i int, msg string) *file.Error {
	col := len([]rune(src[:i]))
	e := &file.Error{Location: file.Location{From: col, To: col + 1}, Message: msg}
	e.Line, e.Column = 1, col
	return e
}

// guard is an expr patcher that changes nothing but records the first
// thing an expression uses outside the language, and rewrites clamp(x, lo,
// hi) as min(max(x, lo), hi). expr runs it after type-checking the tree.
type guard struct {
	src string
	err *file.Error
}

// Visit implements ast.Visitor.
func (g *guard) Visit(n *ast.Node) {
	if g.err != nil {
		return
	}
	bad := func(what string) {
		loc := (*n).Location()
		g.err = &file.Error{Location: loc, Message: what}
		g.err.Bind(file.NewSource(g.src))
	}
	switch t := (*n).(type) {
	case *ast.IdentifierNode, *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.StringNode,
		*ast.ConditionalNode, *ast.ArrayNode, *ast.ConstantNode:
	case *ast.UnaryNode:
		switch t.Operator {
		case "!", "not", "-", "+":
		default:
			bad(fmt.Sprintf("%s is not allowed: %s", t.Operator, language))
		}
	case *ast.BinaryNode:
		switch t.Operator {
		case "+":
			if isText(t.Left) || isText(t.Right) {
				bad("text cannot be joined with +: conditions compare names with values, as in rupture == \"withdrawal\"")
			}
		case "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||", "and", "or", "in":
		case "**", "^":
			bad("powers (" + t.Operator + ") are not allowed: they can differ between computers; multiply instead")
		default:
			bad(fmt.Sprintf("%s is not allowed: %s", t.Operator, language))
		}
	case *ast.MemberNode:
		if t.Method || t.Optional {
			bad("?. and methods are not allowed: " + language)
		}
	case *ast.BuiltinNode:
		// Only the builtins the compiler enables parse as builtins.
	case *ast.CallNode:
		if id, ok := t.Callee.(*ast.IdentifierNode); ok && id.Value == "clamp" && len(t.Arguments) == 3 {
			mx := &ast.BuiltinNode{Name: "max", Arguments: []ast.Node{t.Arguments[0], t.Arguments[1]}}
			mx.SetLocation(t.Location())
			ast.Patch(n, &ast.BuiltinNode{Name: "min", Arguments: []ast.Node{mx, t.Arguments[2]}})
			return
		}
		name := "this function"
		if id, ok := t.Callee.(*ast.IdentifierNode); ok {
			name = id.Value + "()"
			if id.Value == "clamp" {
				bad("clamp takes three numbers: clamp(x, low, high)")
				return
			}
		}
		bad(fmt.Sprintf("%s is not allowed: %s", name, language))
	case *ast.VariableDeclaratorNode:
		bad("let is not allowed: write the expression out in full, or keep a value in a scenario variable")
	case *ast.SequenceNode:
		bad("; is not allowed: a condition or an amount is one expression")
	case *ast.NilNode:
		bad("nil is not allowed: " + language)
	case *ast.PredicateNode, *ast.PointerNode:
		bad("functions over lists are not allowed: " + language)
	default:
		bad(fmt.Sprintf("this is not allowed: %s", language))
	}
}

// isText reports whether n is text: a string, or a name holding one.
func isText(n ast.Node) bool {
	if _, ok := n.(*ast.StringNode); ok {
		return true
	}
	return n.Type() != nil && n.Type().Kind() == reflect.String
}

// MaxNesting is the most arrays and inline tables a TOML value may nest.
// Scenarios need three; the TOML decoder recurses once per level, so a
// file nested a million deep would exhaust its stack.
const MaxNesting = 32

// nesting finds the first place where a TOML value nests arrays and inline
// tables deeper than MaxNesting, by a scan that knows strings, comments
// and table headers; ok is false there. It reads each byte once.
func nesting(data []byte) (pos Pos, ok bool) {
	line, col := 1, 0
	depth := 0
	inValue := false // after = and before the end of the value
	for i := 0; i < len(data); i++ {
		c := data[i]
		col++
		switch {
		case c == '\n':
			line, col = line+1, 0
			if depth == 0 {
				inValue = false
			}
		case c == '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			// A string, basic or literal, on one line or (tripled) many.
			q := c
			triple := i+2 < len(data) && data[i+1] == q && data[i+2] == q
			if triple {
				i += 2
			}
			for i++; i < len(data); i++ {
				switch {
				case data[i] == '\n':
					line, col = line+1, 0
					if !triple {
						i-- // an unclosed string: the decoder says so
						goto next
					}
				case data[i] == '\\' && q == '"':
					i++
				case data[i] == q && (!triple || i+2 < len(data) && data[i+1] == q && data[i+2] == q):
					if triple {
						i += 2
						for i+1 < len(data) && data[i+1] == q { // """a"""" ends with a quote
							i++
						}
					}
					goto next
				}
			}
		case c == '=' && depth == 0:
			inValue = true
		case (c == '[' || c == '{') && (inValue || depth > 0):
			depth++
			if depth > MaxNesting {
				return Pos{line, col}, false
			}
		case (c == ']' || c == '}') && depth > 0:
			depth--
		case c == '[' && !inValue:
			// A table header: [table] or [[array]], read to its end.
			for i+1 < len(data) && data[i+1] != '\n' && data[i+1] != '#' {
				i++
			}
		}
	next:
	}
	return Pos{}, true
}
