package debrief_test

import (
	"math"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
)

// TestChartMarksApart: under the plot no glyph hides another, whatever the
// chart's width, even where a careless course marks choice after choice
// (a whole course: one whose client left early has too few marks).
func TestChartMarksApart(t *testing.T) {
	sc := scenariotest.Shipped(t)
	d := build(t, sc, record(t, sc, "novice", "ana", wholeCourseSeed(t, sc, "novice", 11), -1))
	for _, size := range [][2]float64{{1600, 900}, {1232, 300}, {980, 250}, {600, 300}} {
		c := debrief.Layout(d, size[0], size[1], debrief.ChartOptions{Text: 18})
		var below []debrief.Shape
		for _, s := range c.Shapes {
			if s.Kind == debrief.ShapeGlyph && s.Pts[0].Y > c.Plot[1].Y {
				below = append(below, s)
			}
		}
		if len(below) < 10 {
			t.Fatalf("%v: %d glyphs under the plot; the run should have more marks", size, len(below))
		}
		for i, a := range below {
			for _, b := range below[i+1:] {
				if math.Abs(a.Pts[0].Y-b.Pts[0].Y) < (a.Size+b.Size)/2 && math.Abs(a.Pts[0].X-b.Pts[0].X) < (a.Size+b.Size)/2 {
					t.Errorf("%v: glyphs at %v and %v overlap", size, a.Pts[0], b.Pts[0])
				}
			}
		}
	}
}
