package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestRulesSources: 'therasim rules' gives every rule of the model its
// source, in lines that fit an 80-column terminal.
func TestRulesSources(t *testing.T) {
	r := therasim(t, "", "rules")
	r.want(t, exitOK)
	for _, rule := range strings.Split(strings.TrimSpace(r.stdout), "\n\n") {
		if strings.Contains(rule, "rules of scenario") {
			continue
		}
		id, _, _ := strings.Cut(rule, "  ")
		if !strings.Contains(rule, "\n  source:  ") {
			t.Errorf("rule %s has no source:\n%s", id, rule)
		}
	}
	for i, l := range strings.Split(r.stdout, "\n") {
		if n := utf8.RuneCountInString(l); n > 80 {
			t.Errorf("line %d is %d columns wide: %s", i+1, n, l)
		}
	}
	if !strings.Contains(r.stdout, "  source:  Safran & Muran 2000; Eubanks, Muran & Safran 2018\n") {
		t.Errorf("the rupture rules do not cite Safran & Muran:\n%s", r.stdout)
	}
}

// TestRulesHelpOverride: the override 'therasim help rules' shows is a
// scenario's [[rules]] as written: added to a scenario, the copy replaces
// the model's rule and the disabled one is gone.
func TestRulesHelpOverride(t *testing.T) {
	help := therasim(t, "", "help", "rules").stdout
	start := strings.Index(help, "\n  [[rules]]")
	end := strings.Index(help, "\nThen ")
	if start < 0 || end < start {
		t.Fatalf("help rules shows no [[rules]] to copy:\n%s", help)
	}
	var example []string
	for _, l := range strings.Split(help[start+1:end], "\n") {
		example = append(example, strings.TrimPrefix(l, "  "))
	}
	mini, err := os.ReadFile(filepath.Join("testdata", "mini.toml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "override.toml")
	if err := os.WriteFile(path, append(mini, []byte("\n"+strings.Join(example, "\n"))...), 0o644); err != nil {
		t.Fatal(err)
	}
	r := therasim(t, "", "rules", path)
	r.want(t, exitOK)
	if !strings.Contains(r.stdout, "advice-reactance  ("+path+":") {
		t.Errorf("the copy of advice-reactance is not the scenario's:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "self-disclosure-early") {
		t.Errorf("self-disclosure-early is still run:\n%s", r.stdout)
	}
}

// TestRulesChanges: a rule's changes read as changes by an amount, not as
// values set, and a rule of the built-in model is placed by its line in
// the model, which --print-model prints whole.
func TestRulesChanges(t *testing.T) {
	r := therasim(t, "", "rules", "--act", "reassurance")
	r.want(t, exitOK)
	for _, want := range []string{
		"reassurance-hollow  (built-in model, line ",
		"  changes: bond by −0.0",
		"  changes: bond by (",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("rules does not print %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "changes: bond = ") || strings.Contains(r.stdout, "scenarios/model.toml:") {
		t.Errorf("rules prints changes as values set, or the model's file by a path of TheraSim's source:\n%s", r.stdout)
	}
	for _, tc := range []struct{ effect, want string }{
		{"bond = -0.04", "bond by −0.04"},
		{"hope = 0.01", "hope by +0.01"},
		{"task = +0.5", "task by +0.5"},
		{"bond = 0.1 - 0.06 * traits.reactance", "bond by (0.1 - 0.06 * traits.reactance)"},
		{"bond = x == 1 ? 0.1 : 0", "bond by (x == 1 ? 0.1 : 0)"},
	} {
		if got := change(tc.effect); got != tc.want {
			t.Errorf("change(%q) = %q, want %q", tc.effect, got, tc.want)
		}
	}

	model, err := os.ReadFile("../../scenarios/model.toml")
	if err != nil {
		t.Fatal(err)
	}
	r = therasim(t, "", "rules", "--print-model")
	r.want(t, exitOK)
	if r.stdout != string(model) {
		t.Errorf("--print-model does not print scenarios/model.toml as it is")
	}
	therasim(t, "", "rules", "--print-model", "cbt-depression").want(t, exitUsage, "--print-model prints the whole built-in model")
}

// TestRulesUnknownAct: a misspelt act is answered with the nearest and the
// section of docs/format.md that lists the acts.
func TestRulesUnknownAct(t *testing.T) {
	r := therasim(t, "", "rules", "--act", "interpretaton")
	r.want(t, exitUsage, `--act interpretaton: no such act (did you mean "interpretation"?); docs/format.md, section 10 (the act vocabulary), lists them`)
}
