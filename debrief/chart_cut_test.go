package debrief

import (
	"bytes"
	"testing"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestCutOffLabelClear: the OQ-45 cut-off's label is where no line, glyph,
// rule or text of the chart passes: beside its line, or in the legend
// where the lines leave no room there (or, where the legend has none
// either, on a patch of paper), over courses played by every shipped
// policy, at the sizes of the window's chart and of the exports, with the
// choice in hand anywhere.
func TestCutOffLabelClear(t *testing.T) {
	sc := scenariotest.Shipped(t)
	moved, legend, patched, n := 0, 0, 0, 0
	for _, p := range scenariotest.Policies(t) {
		for seed := uint64(1); seed <= 4; seed++ {
			d := recordedRun(t, sc, p, seed)
			for _, size := range [][2]float64{{1232, 300}, {1152, 280}, {976, 250}, {1600, 900}, {600, 300}} {
				for _, cursor := range []int{0, 1, len(d.Moments) / 2, len(d.Moments)} {
					c := Layout(d, size[0], size[1], ChartOptions{Cursor: cursor})
					n++
					label, cut := -1, -1
					for i, s := range c.Shapes {
						switch {
						case s.Kind == ShapeText && s.Text == "OQ-45 cut-off":
							label = i
						case s.Kind == ShapeLine && s.Color == Ink.CutOff && s.Dash > 0 && cut < 0:
							cut = i
						}
					}
					if label < 0 || cut < 0 {
						t.Fatalf("%s %d %v: no cut-off line or label", p.ID, seed, size)
					}
					s := c.Shapes[label]
					T := s.Size / 0.8
					if s.Anchor < 0 { // in the legend
						T = s.Size
						legend++
					} else if s.Pts[0].X < c.Plot[1].X-0.31*T {
						moved++
					}
					l := &layouter{c: c, T: T, faces: newMeasurer()}
					w := l.width(s.Text, s.Size, false)
					x0 := s.Pts[0].X - w*float64(s.Anchor+1)/2
					box := [2]Pt{{x0, s.Pts[0].Y - 0.8*s.Size}, {x0 + w, s.Pts[0].Y + 0.25*s.Size}}
					if b := c.Shapes[label-1]; b.Kind == ShapeRect && b.Color == Ink.Paper && label-1 != 0 {
						patched++
						continue
					}
					for i, o := range c.Shapes[:label] {
						if i != cut && o.crosses(box, l) {
							t.Errorf("%s %d %v, choice %d: the cut-off's label at %v is crossed by a %v shape (%v)", p.ID, seed, size, cursor, s.Pts[0], o.Kind, o.Pts)
						}
					}
				}
			}
		}
	}
	t.Logf("%d charts: the label moved from the right end above the line in %d, in the legend in %d, on paper in %d", n, moved, legend, patched)
	if moved == 0 {
		t.Error("no chart needed the label moved: the test does not test the placing")
	}
}

// TestSegmentInBox: a segment crosses a box when any part of it is inside.
func TestSegmentInBox(t *testing.T) {
	box := [2]Pt{{0, 0}, {10, 10}}
	for _, c := range []struct {
		p, q Pt
		want bool
	}{
		{Pt{-5, 5}, Pt{15, 5}, true},    // straight through
		{Pt{2, 2}, Pt{3, 3}, true},      // inside
		{Pt{-5, -5}, Pt{-1, 20}, false}, // beside
		{Pt{-5, 8}, Pt{8, -5}, true},    // across a corner
		{Pt{-5, -4}, Pt{-4, -5}, false}, // short of the corner
		{Pt{-5, 11}, Pt{15, 11}, false}, // under
		{Pt{5, -5}, Pt{5, 15}, true},    // vertical
	} {
		if got := segmentInBox(c.p, c.q, box); got != c.want {
			t.Errorf("%v–%v: %v, want %v", c.p, c.q, got, c.want)
		}
	}
}

// recordedRun plays a course of sc with policy p from seed and returns its
// debrief.
func recordedRun(t *testing.T, sc *sim.Scenario, p *sim.Policy, seed uint64) *Debrief {
	t.Helper()
	var buf bytes.Buffer
	r := sim.NewRun(sc, seed)
	rec, err := sim.NewRecorder(&buf, sim.NewHeader(r, "t", "2026-01-12T10:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	c := p.Chooser(seed)
	for !r.Done() {
		ev, err := r.Choose(c.Pick(r))
		if err != nil {
			t.Fatal(err)
		}
		if err := rec.Record(r, ev); err != nil {
			t.Fatal(err)
		}
	}
	parsed, err := sim.ParseRecording(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	d, err := Build(sc, parsed)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
