package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestRubricSkills: 'therasim rubric' shows every skill of the rubric a
// scenario is judged by with its source and where it is written, the
// model's line or the scenario's own, in lines that fit an 80-column
// terminal.
func TestRubricSkills(t *testing.T) {
	r := therasim(t, "", "rubric", "psychodynamic-pattern")
	r.want(t, exitOK)
	skills := 0
	for _, sk := range strings.Split(strings.TrimSpace(r.stdout), "\n\n") {
		if strings.Contains(sk, "in the rubric of scenario") {
			continue
		}
		skills++
		id, _, _ := strings.Cut(sk, "  ")
		for _, field := range []string{"\n  skill:   ", "\n  counts:  ", "\n  done:    ", "\n  source:  "} {
			if !strings.Contains(sk, field) {
				t.Errorf("skill %s has no %q:\n%s", id, strings.TrimSpace(field), sk)
			}
		}
	}
	if skills != 15 || !strings.Contains(r.stdout, "15 skills in the rubric of scenario psychodynamic-pattern") {
		t.Errorf("%d skills shown:\n%s", skills, r.stdout)
	}
	// The model's skills at the model's lines; the course's own form of
	// setting a task at the course's.
	if !strings.Contains(r.stdout, "homework_rationale  (built-in model, line ") {
		t.Errorf("homework_rationale is not the model's:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "homework_set  (scenarios/psychodynamic-pattern.toml:") {
		t.Errorf("homework_set is not the course's own:\n%s", r.stdout)
	}
	for i, l := range strings.Split(r.stdout, "\n") {
		if n := utf8.RuneCountInString(l); n > 80 {
			t.Errorf("line %d is %d columns wide: %s", i+1, n, l)
		}
	}
}

// TestRubricPolicies: with --policies the shipped policies' mean scores
// are shown, and a skill a course rewards the careless for is marked: here
// a skill that counts advice as done, which the novice gives most.
func TestRubricPolicies(t *testing.T) {
	mini, err := os.ReadFile(filepath.Join("testdata", "three.toml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "advice.toml")
	skill := `
[[rubric.skills]]
id = "reassures"
area = "alliance"
name = "Reassures"
source = "assumption: a skill pointing the wrong way, for the test"
offered = ["reassurance"]
done = "act == 'reassurance'"
`
	if err := os.WriteFile(path, append(mini, skill...), 0o644); err != nil {
		t.Fatal(err)
	}
	r := therasim(t, "", "rubric", "--policies", "30", path)
	r.want(t, exitOK)
	if !strings.Contains(r.stdout, "Mean scores over 30 courses of") {
		t.Fatalf("no table of scores:\n%s", r.stdout)
	}
	var row, header string
	for _, l := range strings.Split(r.stdout, "\n") {
		switch {
		case strings.HasPrefix(l, "  skill "):
			header = l
		case strings.HasPrefix(l, "  reassures "):
			row = l
		}
	}
	if !strings.HasSuffix(row, "  ?") {
		t.Errorf("the skill the novice does most is not marked:\n%s\n%s", header, row)
	}
	if f := strings.Fields(header); len(f) < 6 || f[1] != "competent" || f[2] != "feedback" || f[3] != "trainee" || f[4] != "novice" || f[5] != "random" {
		t.Errorf("the policies are not careful first, careless after: %q", header)
	}
	if !strings.Contains(strings.Join(strings.Fields(r.stdout), " "), "on which novice or random scores at least as well as competent or feedback") {
		t.Errorf("the mark is not explained:\n%s", r.stdout)
	}

	r = therasim(t, "", "rubric", "--policies", "-1")
	r.want(t, exitUsage)
	r = therasim(t, "", "rubric", "a.toml", "b.toml")
	r.want(t, exitUsage)
}
