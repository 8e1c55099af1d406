package sim

import (
	"strings"
	"testing"
)

// TestExpressionLanguage: conditions and amounts use numbers, true and
// false, names, arithmetic, comparisons, logic, the conditional, in a list
// and a few functions; anything else is refused at load, with the reason,
// before it can run long or grow.
func TestExpressionLanguage(t *testing.T) {
	tests := []struct {
		src    string
		asBool bool
		want   string // "" when allowed, else a part of the message
	}{
		{`bond > 0.5 && !homework_due || rupture in ["withdrawal", "confrontation"]`, true, ""},
		{`session >= 2 ? 0.1 : -0.05 * traits.reactance`, false, ""},
		{`clamp(hope - 0.5, -0.1, 0.1) + abs(bond - task) + min(goal, 1) + round(symptoms / 10)`, false, ""},
		{`not (act == "advice") and attr.specific`, true, ""},
		{`bond ** 2 > 0.1`, true, "powers (**) are not allowed"},
		{`let a = bond; a > 0.5`, true, "let is not allowed"},
		{`rupture + "x" == "nonex"`, true, "text cannot be joined with +"},
		{`len(rupture) > 2`, true, "len() is not allowed"},
		{`now() > 0`, true, "now() is not allowed"},
		{`clamp(bond, 1) > 0`, true, "clamp takes three numbers"},
		{`rupture matches "w.*"`, true, "matches is not allowed"},
		{`1..3 == [1, 2, 3]`, true, ".. is not allowed"},
		{`"a" contains "b"`, true, "contains is not allowed"},
		{`rupture?.x == nil`, true, "not allowed"},
		{strings.Repeat("(", MaxExprDepth+1) + "bond" + strings.Repeat(")", MaxExprDepth+1) + " > 0", true, "nested more than 24 deep"},
		{strings.Repeat("(", MaxExprDepth) + "bond" + strings.Repeat(")", MaxExprDepth) + " > 0", true, ""},
		{`"((((((((((((((((((((((((((((((" != rupture`, true, `can never be`}, // brackets in text do not count
		{"bond > 0.5" + strings.Repeat(" && bond > 0.5", 80), true, "the expression is 1130 characters long; the limit is 1000"},
		{"bond > 0" + strings.Repeat(" && bond > 0", 80), true, "more than 300 parts"},
	}
	for _, tt := range tests {
		ld := &loader{file: "x.toml"}
		if tt.asBool {
			ld.condition("when", tt.src)
		} else {
			ld.value("bond", amount{set: true, expr: true, src: tt.src})
		}
		var got string
		if len(ld.probs) > 0 {
			got = ld.probs.Error()
		}
		switch {
		case tt.want == "" && got != "":
			t.Errorf("%.60s: %s", tt.src, got)
		case tt.want != "" && !strings.Contains(got, tt.want):
			t.Errorf("%.60s: %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestNesting: a TOML value nested deeper than MaxNesting is refused before
// the decoder sees it, at its line; strings, comments and table headers
// do not count.
func TestNesting(t *testing.T) {
	deep := func(open, close string, n int) string {
		return "a = " + strings.Repeat(open, n) + "1" + strings.Repeat(close, n) + "\n"
	}
	for _, tt := range []struct {
		name, data string
		line       int // 0 when within bounds
	}{
		{"shallow", "[[sessions]]\n[[sessions.beats]]\nx = [[1, 2], {a = [3]}]\n", 0},
		{"at the limit", deep("[", "]", MaxNesting), 0},
		{"past the limit", "# c\n" + deep("[", "]", MaxNesting+1), 2},
		{"inline tables across lines", "x = 1\n" + strings.Repeat("a = {b = [\n", 20), 18}, // two a line
		{"brackets in strings", `a = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["` + "\nb = '''\n" + strings.Repeat("[", 100) + "\n'''\n", 0},
		{"brackets in comments", "# " + strings.Repeat("[", 100) + "\n", 0},
		{"an escaped quote", `a = "\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["` + "\n", 0},
	} {
		pos, ok := nesting([]byte(tt.data))
		if ok != (tt.line == 0) || pos.Line != tt.line {
			t.Errorf("%s: line %d, within bounds %v; want line %d", tt.name, pos.Line, ok, tt.line)
		}
	}
}
