package sim_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestSyntaxInAuthorsWords: a text opened with three quotes and never
// closed is reported at the line where it opens, not at the end of the
// file where the parser gave up.
func TestSyntaxInAuthorsWords(t *testing.T) {
	src := "[scenario]\nid = \"x\"\ntitle = \"\"\"An open\ntext\n\n[client]\nname = \"Sam\"\n"
	_, err := sim.Load("open.toml", []byte(src), scenariotest.Model(t))
	var ps sim.Problems
	if !errors.As(err, &ps) || len(ps) != 1 {
		t.Fatalf("got %v, want one problem", err)
	}
	if p := ps[0]; p.Line != 3 || !strings.Contains(p.Msg, "never closed") {
		t.Errorf("got %s, want the text opened at line 3 named", p.Error())
	}
}
