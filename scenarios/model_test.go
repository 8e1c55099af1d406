package scenarios_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
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

// TestRubricSources: every skill of the model's rubric and of the shipped
// courses' rubrics says where it comes from, and docs/model.md owns the
// sources, as it does the rules': each citation (without a remark in
// brackets after it) is one docs/model.md gives, word for word; a skill no
// research there supports says "assumption: …". A pull's tends of the
// shipped check-ins ends with its sources in brackets; every bracket in it
// that names a year is a list of citations docs/model.md gives, and at
// least one is research: what a pull may say about this client is "the
// course author's reading", said so, not a citation.
func TestRubricSources(t *testing.T) {
	data, err := os.ReadFile("../docs/model.md")
	if err != nil {
		t.Fatal(err)
	}
	// A citation broken over two lines is the citation still.
	doc := strings.Join(strings.Fields(string(data)), " ")
	cited := func(where, sources string) {
		t.Helper()
		for _, c := range strings.Split(sources, "; ") {
			c = strings.TrimSpace(c)
			if i := strings.Index(c, " ("); i > 0 && strings.HasSuffix(c, ")") {
				c = c[:i]
			}
			if c == "" || strings.HasPrefix(c, "assumption: ") || strings.HasPrefix(c, authorsReading) {
				continue
			}
			if !strings.Contains(doc, c) {
				t.Errorf("%s: source %q is not a citation of docs/model.md", where, c)
			}
		}
	}
	files, err := filepath.Glob("*.toml")
	if err != nil {
		t.Fatal(err)
	}
	skills := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".test.toml") {
			continue
		}
		var file struct {
			Rubric struct {
				Skills []struct {
					ID, Source string
					Disabled   bool
				}
			}
			Sessions []struct {
				ID    string
				Beats []struct {
					ID      string
					CheckIn *struct {
						Pulls []struct{ ID, Tends string }
					} `toml:"check_in"`
				}
			}
		}
		if _, err := toml.DecodeFile(f, &file); err != nil {
			t.Fatal(err)
		}
		for _, sk := range file.Rubric.Skills {
			skills++
			switch {
			case sk.Disabled:
			case strings.TrimSpace(sk.Source) == "":
				t.Errorf("%s: skill %s has no source", f, sk.ID)
			default:
				cited(f+": skill "+sk.ID, sk.Source)
			}
		}
		for _, s := range file.Sessions {
			for _, b := range s.Beats {
				if b.CheckIn == nil {
					continue
				}
				for _, p := range b.CheckIn.Pulls {
					where := fmt.Sprintf("%s: session %s, beat %s, pull %s", f, s.ID, b.ID, p.ID)
					if !strings.HasSuffix(p.Tends, ").") {
						t.Errorf("%s: tends ends with no sources in brackets: %q", where, p.Tends)
						continue
					}
					research := 0
					for _, group := range brackets(p.Tends) {
						if !year.MatchString(group) && !strings.HasPrefix(group, authorsReading) {
							continue // a remark, not a list of sources
						}
						for _, c := range strings.Split(group, "; ") {
							if !strings.HasPrefix(c, authorsReading) {
								research++
							}
						}
						cited(where, group)
					}
					if research == 0 {
						t.Errorf("%s: tends cites no research, only the author's reading: %q", where, p.Tends)
					}
				}
			}
		}
	}
	if skills == 0 {
		t.Error("no skill in model.toml or the shipped courses")
	}
}

// authorsReading begins a label, among a tends' sources, of what the pull
// may say about this client: the course author's clinical reasoning, which
// no citation supports.
const authorsReading = "the course author's reading"

// year finds a year in a bracket: a list of sources has one.
var year = regexp.MustCompile(`\b(19|20)\d\d\b`)

// brackets returns the text inside each pair of round brackets in s.
func brackets(s string) []string {
	var groups []string
	for {
		open := strings.Index(s, "(")
		if open < 0 {
			return groups
		}
		end := strings.Index(s[open:], ")")
		if end < 0 {
			return groups
		}
		groups = append(groups, s[open+1:open+end])
		s = s[open+end+1:]
	}
}
