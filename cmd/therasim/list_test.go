package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

func TestWriteList(t *testing.T) {
	var b strings.Builder
	if err := writeList(&b, []*sim.Scenario{scenariotest.Load(t, "testdata/mini.toml"), scenariotest.Load(t, "testdata/three.toml")}); err != nil {
		t.Fatal(err)
	}
	golden(t, "list", b.String())
}

func TestList(t *testing.T) {
	r := therasim(t, "", "list")
	m, err := scenarios.Model()
	if err != nil {
		t.Fatal(err)
	}
	all, err := scenarios.Shipped(m)
	if err != nil {
		r.want(t, exitIO, "the shipped scenarios do not load")
		t.Skipf("the shipped scenarios do not load: %v", err)
	}
	r.want(t, exitOK)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != len(all)+1 || strings.Join(strings.Fields(lines[0]), " ") != "ID TITLE APPROACH SESSIONS" {
		t.Fatalf("list is not a header and %d rows:\n%s", len(all), r.stdout)
	}
	col := strings.Index(lines[0], "TITLE")
	for i, sc := range all {
		l := lines[i+1]
		if !strings.HasPrefix(l, sc.ID+" ") || !strings.HasPrefix(l[col:], sc.Title) ||
			!strings.Contains(l, sc.Approach) || !strings.HasSuffix(l, fmt.Sprint(len(sc.Sessions))) {
			t.Errorf("row %d does not show %s (%s, %s, %d sessions) in the columns:\n%s", i+1, sc.ID, sc.Title, sc.Approach, len(sc.Sessions), r.stdout)
		}
	}
}

// TestRules: the rules a scenario runs are printed with where they are
// written, their acts, condition, changes and sentence; --act keeps the
// ones an act can trigger, and a scenario's own rule shows as its own.
func TestRules(t *testing.T) {
	r := therasim(t, "", "rules")
	r.want(t, exitOK)
	for _, want := range []string{"reflection-bond  (built-in model, line ", "acts:    empathic_reflection", "says:    Feeling accurately understood", "rules of scenario cbt-depression."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("therasim rules does not say %q", want)
		}
	}
	r = therasim(t, "", "rules", "--act", "interpretation", "testdata/three.toml")
	r.want(t, exitOK)
	if strings.Contains(r.stdout, "reflection-bond") || !strings.Contains(r.stdout, "interpretation-early") {
		t.Errorf("--act interpretation:\n%s", r.stdout)
	}
	therasim(t, "", "rules", "--act", "catharsis").want(t, exitUsage, "no such act")
}
