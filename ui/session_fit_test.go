package ui

import (
	"fmt"
	"image"
	"testing"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// prompts collects the distinct moments of the shipped course that
// policy-driven runs reach: the client's lines, the options, and what the
// trainee said just before.
func prompts(t testing.TB) []sessionContent {
	sc := scenariotest.Shipped(t)
	seen := map[string]bool{}
	var out []sessionContent
	for _, pol := range scenariotest.Policies(t) {
		for seed := uint64(1); seed <= 40; seed++ {
			r := sim.NewRun(sc, seed)
			pick := pol.Chooser(seed)
			you := ""
			for !r.Done() {
				p := r.Prompt()
				c := sessionContent{client: sc.Client.Name, you: you, lines: p.Lines}
				for _, o := range p.Options {
					c.options = append(c.options, o.Text)
				}
				if k := fmt.Sprint(c); !seen[k] {
					seen[k] = true
					out = append(out, c)
				}
				n := pick.Pick(r)
				you = p.Options[n-1].Text
				ev, err := r.Choose(n)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range ev {
					if e.Kind == sim.SessionEnd {
						you = ""
					}
				}
			}
		}
	}
	return out
}

// TestSessionFits: at 1280×800 and 100% text, a typical moment of the
// course shows the client's words and every option without scrolling.
func TestSessionFits(t *testing.T) {
	a := newTestApp(t, Options{Scenario: scenarios.Default, Trainee: "Alex"})
	a.setSize(image.Pt(1280, 800), 1)
	all := prompts(t)
	fit := 0
	for _, c := range all {
		l := layoutSession(a, c)
		if l.hint.Empty() {
			fit++
		} else if testing.Verbose() {
			t.Logf("over by %d px: %d lines, %d options, you %d chars: %.60q", l.contentH-(l.hint.Max.Y-l.view.Min.Y), len(c.lines), len(c.options), len(c.you), c.options)
		}
	}
	share := float64(fit) / float64(len(all))
	t.Logf("%d of %d moments fit (%.0f%%)", fit, len(all), 100*share)
	if share < 0.95 {
		t.Errorf("only %.0f%% of the course's moments show the client's words and every option without scrolling at 1280×800; want 95%%", 100*share)
	}
}
