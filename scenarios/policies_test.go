package scenarios

import (
	"strings"
	"testing"

	"github.com/therasim/therasim/sim"
)

// TestShippedPolicies: every shipped policy loads, and the one that extends
// another is laid over it.
func TestShippedPolicies(t *testing.T) {
	all, err := Policies()
	if err != nil {
		t.Fatal(err)
	}
	byID := make(map[string]*sim.Policy)
	for _, p := range all {
		byID[p.ID] = p
	}
	tests := []struct {
		id       string
		feedback bool
		noise    float64
	}{
		{"competent", false, 0.1},
		{"feedback", true, 0.1}, // competent's noise: feedback.toml sets none
		{"trainee", false, 0.15},
		{"novice", false, 0.2},
		{"no-homework", false, 0.1},
		{"random", false, 1},
	}
	for _, tt := range tests {
		p := byID[tt.id]
		if p == nil {
			t.Errorf("no shipped policy %q", tt.id)
			continue
		}
		if p.Feedback() != tt.feedback || p.Noise != tt.noise || p.Title == "" || p.Description == "" {
			t.Errorf("%s: feedback %v, noise %v, title %q; want feedback %v, noise %v", tt.id, p.Feedback(), p.Noise, p.Title, tt.feedback, tt.noise)
		}
	}
	if len(all) != len(tests) {
		t.Errorf("%d shipped policies, %d tested", len(all), len(tests))
	}
	if f := byID["feedback"]; f.Extends != "competent" {
		t.Errorf("feedback extends %q", f.Extends)
	}
}

// TestPolicyExtends: a policy file extends a shipped policy by its id, and
// a name that is none is told where it is written.
func TestPolicyExtends(t *testing.T) {
	tests := []struct {
		name, extends string
		feedback      bool
		err           string
	}{
		{"competent", "competent", false, ""},
		{"the feedback policy", "feedback", true, ""},
		{"a misspelt id", "competant", false, `my-policy.toml:3:1: extends = "competant": there is no shipped policy of that id (did you mean "competent"?): extend one of competent, feedback, no-homework, novice, random, trainee`},
		{"no id near it", "supervisor", false, `my-policy.toml:3:1: extends = "supervisor": there is no shipped policy of that id: extend one of`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "[policy]\nid = \"mine\"\nextends = \"" + tt.extends + "\"\nnoise = 0.3\n"
			p, err := LoadPolicy("my-policy.toml", []byte(src))
			if tt.err != "" {
				if _, ok := err.(sim.Problems); !ok || !strings.HasPrefix(err.Error(), tt.err) {
					t.Errorf("error %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.ID != "mine" || p.Noise != 0.3 || p.Feedback() != tt.feedback || p.Title == "" {
				t.Errorf("id %q, noise %v, feedback %v, title %q", p.ID, p.Noise, p.Feedback(), p.Title)
			}
		})
	}
}

// TestPolicyLoop: shipped policies that extend each other in a loop are a
// mistake, told at the extends that closes it.
func TestPolicyLoop(t *testing.T) {
	load := func(id, extends string) *sim.Policy {
		p, err := sim.LoadPolicy(id+".toml", []byte("[policy]\nid = \""+id+"\"\nextends = \""+extends+"\"\n"))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name     string
		policies []*sim.Policy
		want     string
	}{
		{"two", []*sim.Policy{load("a", "b"), load("b", "a")}, `b.toml:3:1: extends = "a": the policies extend each other in a loop (a → b → a)`},
		{"itself", []*sim.Policy{load("a", "a")}, `a.toml:3:1: extends = "a": the policies extend each other in a loop (a → a)`},
		{"three", []*sim.Policy{load("a", "b"), load("b", "c"), load("c", "a")}, `c.toml:3:1: extends = "a": the policies extend each other in a loop (a → b → c → a)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shipped := make(map[string]*sim.Policy)
			for _, p := range tt.policies {
				shipped[p.ID] = p
			}
			_, err := resolve(tt.policies[0], shipped, make(map[string]*sim.Policy), nil)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v, want %s", err, tt.want)
			}
		})
	}
}
