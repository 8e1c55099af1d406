package scenarios_test

import (
	"os"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestModelSources: every rule of the default model says where it comes
// from, and docs/model.md owns the sources: a citation is one that
// docs/model.md gives, word for word; a rule no research there supports is
// written "assumption: …", saying what the model assumes.
func TestModelSources(t *testing.T) {
	var m struct {
		Rules []struct{ ID, Source string }
	}
	if _, err := toml.DecodeFile("model.toml", &m); err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../docs/model.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Rules) == 0 {
		t.Fatal("model.toml has no rules")
	}
	for _, r := range m.Rules {
		switch {
		case strings.TrimSpace(r.Source) == "":
			t.Errorf("rule %s has no source: give the citation docs/model.md gives for it, or \"assumption: …\"", r.ID)
		case strings.HasPrefix(r.Source, "assumption: "):
		default:
			for _, c := range strings.Split(r.Source, "; ") {
				if !strings.Contains(string(doc), c) {
					t.Errorf("rule %s: source %q is not a citation of docs/model.md", r.ID, c)
				}
			}
		}
	}
}
