package ui

import (
	"strings"
	"testing"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestNotOnTrackText: before a session, a score not on track is a reason
// to talk with the client about how therapy is going; after the last
// session no session follows, and it says how the course ended.
func TestNotOnTrackText(t *testing.T) {
	for _, tc := range []struct {
		last      bool
		want, not []string
	}{
		{false, []string{"more likely to drop out or get worse", "a reason to talk with Maya about how therapy is going"}, []string{"after the course"}},
		{true, []string{"after the course", "Maya ended the course having improved less", "further or different help"}, []string{"drop out", "how therapy is going"}},
	} {
		got := notOnTrackText("Maya", tc.last)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("last %v: %q does not say %q", tc.last, got, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(got, w) {
				t.Errorf("last %v: %q says %q", tc.last, got, w)
			}
		}
	}
}

// TestEndPoints: the end of the course writes a change of one point with a
// singular noun.
func TestEndPoints(t *testing.T) {
	sc := scenariotest.Shipped(t)
	for _, tc := range []struct {
		intake, final float64
		want          string
	}{
		{90, 89, "(1 point down)"},
		{90, 88, "(2 points down)"},
		{90, 91, "(1 point up)"},
		{90, 95, "(5 points up)"},
		{90, 90, "(no change)"},
	} {
		s := &endScreen{c: &course{e: &entry{sc: sc}}, res: sim.Result{Intake: tc.intake, Final: tc.final, Outcome: sim.Classify(tc.intake, tc.final)}}
		if got := s.explain(); !strings.Contains(got, tc.want) {
			t.Errorf("%v → %v: %q does not say %q", tc.intake, tc.final, got, tc.want)
		}
	}
}
