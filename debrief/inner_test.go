package debrief_test

import (
	"testing"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestMomentInnerIsTheLineSaid: a moment's inner experience is that of the
// line the client said at the beat, which may differ from the beat's own;
// a debrief that showed the beat's would contradict what the client said.
func TestMomentInnerIsTheLineSaid(t *testing.T) {
	sc := scenariotest.Shipped(t)
	seen := 0
	for seed := uint64(1); seed <= 20; seed++ {
		d := build(t, sc, record(t, sc, "competent", "Alex", seed, -1))
		for _, m := range d.Moments {
			var last *sim.Line
			for i := range m.Lines {
				if m.Lines[i].Beat == m.Beat {
					last = &m.Lines[i]
				}
			}
			if last == nil || last.Inner == "" {
				continue
			}
			if m.Inner != last.Inner {
				t.Errorf("seed %d, choice %d (beat %q): the moment's inner is %q, not that of the line said, %q", seed, m.N, m.Beat, m.Inner, last.Inner)
			}
			seen++
		}
	}
	if seen == 0 {
		t.Fatal("no moment had a line with an inner experience")
	}
}
