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
	if !strings.Contains(r.stdout, "  source:  Safran & Muran; Eubanks, Muran & Safran 2018\n") {
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
