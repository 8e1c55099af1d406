package sim_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestHostileScenarios: the case hostile-scenarios (../shared/cases), made
// as its make.py makes it from testdata/mini.toml. No variant can crash,
// hang or exhaust the machine: an expression that would grow text without
// bound and one nested 600,000 deep are refused by check at their line,
// and a session of 20,000 beats chained by next loads and plays.
func TestHostileScenarios(t *testing.T) {
	data, err := os.ReadFile("testdata/mini.toml")
	if err != nil {
		t.Fatal(err)
	}
	base := string(data)
	const when, opt = `when = "bond < 0.2"`, `when = "homework_due"`
	if !strings.Contains(base, when) || !strings.Contains(base, opt) {
		t.Fatal("mini.toml lacks the conditions the case replaces")
	}
	m := scenariotest.Model(t)

	grow := `let a = rupture + "xxxxxxxxxxxxxxxx"; `
	for i := 1; i <= 40; i++ {
		prev := "a"
		if i > 1 {
			prev = fmt.Sprintf("v%d", i-1)
		}
		grow += fmt.Sprintf("let v%d = %s + %s; ", i, prev, prev)
	}
	grow += `v40 == "y"`
	parens := strings.Repeat("(", 600000) + "bond" + strings.Repeat(")", 600000) + " < 0.5"
	var lines []string
	for i := 0; i < len(parens); i += 8000 {
		lines = append(lines, parens[i:min(i+8000, len(parens))])
	}
	for _, tt := range []struct {
		name, data, want string
	}{
		{"string growth", strings.Replace(base, opt, "when = '"+grow+"'", 1), "text cannot be joined with +"},
		{"deep parentheses", strings.Replace(base, when, "when = '''"+strings.Join(lines, "\n")+"'''", 1), "the limit is 1000"},
		{"deep but short", strings.Replace(base, when, `when = "`+strings.Repeat("(", 30)+"bond"+strings.Repeat(")", 30)+` < 0.2"`, 1), "nested more than 24 deep"},
	} {
		_, err := sim.Load("hostile.toml", []byte(tt.data), m)
		var ps sim.Problems
		if !errors.As(err, &ps) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want a problem saying %q", tt.name, err, tt.want)
			continue
		}
		for _, p := range ps {
			if p.Line == 0 || len(p.Msg) > 400 {
				t.Errorf("%s: a problem without its line, or of %d bytes: %.100s", tt.name, len(p.Msg), p.Msg)
			}
		}
	}

	// A session of 20,000 beats chained by next, ending in one choice.
	n := 20000
	if testing.Short() {
		n = 2000
	}
	var b strings.Builder
	b.WriteString(strings.Split(base, "[[sessions]]")[0])
	b.WriteString("[[sessions]]\nid = \"s1\"\ntitle = \"One\"\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "[[sessions.beats]]\nid = \"b%d\"\n", i)
		if i+1 < n {
			fmt.Fprintf(&b, "next = \"b%d\"\n[[sessions.beats.says]]\ntext = \"Hm.\"\n", i+1)
		} else {
			b.WriteString("[[sessions.beats.says]]\ntext = \"Hm.\"\n[[sessions.beats.options]]\ntext = \"Bye\"\nact = \"session_close\"\nnext = \"end\"\n")
		}
	}
	sc, err := sim.Load("long_chain.toml", []byte(b.String()), m)
	if err != nil {
		t.Fatalf("the long chain: %v", err)
	}
	r := sim.NewRun(sc, 1)
	if p := r.Prompt(); p == nil || len(p.Lines) != n {
		t.Fatalf("the long chain's prompt: %+v", p)
	}
	if _, err := r.Choose(1); err != nil || !r.Done() {
		t.Fatalf("the long chain's one choice: %v, done %v", err, r.Done())
	}
}

// TestHostilePolicy: a policy's conditions are bounded as a scenario's.
func TestHostilePolicy(t *testing.T) {
	data, err := os.ReadFile("../scenarios/policies/competent.toml")
	if err != nil {
		t.Fatal(err)
	}
	deep := strings.Repeat("(", 600000) + "bond" + strings.Repeat(")", 600000)
	var lines []string
	for i := 0; i < len(deep); i += 8000 {
		lines = append(lines, deep[i:min(i+8000, len(deep))])
	}
	bad := string(data) + "\n[[when]]\nif = '''" + strings.Join(lines, "\n") + " < 0.5'''\n[when.acts]\nvalidation = 1\n"
	_, err = sim.LoadPolicy("deep.toml", []byte(bad))
	if err == nil || !strings.Contains(err.Error(), "the limit is 1000") {
		t.Errorf("a policy with a condition 1.2 MB long: %v", err)
	}
}

// TestTooManyExpressions: a file of more different conditions and amounts
// than MaxExpressions is refused, once, at the first past the limit; one
// written again counts once.
func TestTooManyExpressions(t *testing.T) {
	data, err := os.ReadFile("testdata/mini.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := scenariotest.Model(t)
	rules := func(n int, distinct bool) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			k := 0
			if distinct {
				k = i
			}
			fmt.Fprintf(&b, "[[rules]]\nid = \"r%d\"\nacts = [\"validation\"]\nwhen = \"bond > %d\"\nexplain = \"x\"\n[rules.effects]\nbond = 0.01\n", i, k)
		}
		return b.String()
	}
	_, err = sim.Load("many.toml", append(data, rules(sim.MaxExpressions+10, true)...), m)
	if err == nil || !strings.Contains(err.Error(), "different conditions and amounts; the limit is") {
		t.Fatalf("%d different conditions: %v", sim.MaxExpressions+10, err)
	}
	if n := strings.Count(err.Error(), "the limit is"); n != 1 {
		t.Errorf("the limit is told %d times", n)
	}
	if _, err := sim.Load("same.toml", append(data, rules(sim.MaxExpressions+10, false)...), m); err != nil {
		t.Errorf("one condition written %d times: %v", sim.MaxExpressions+10, err)
	}
}
