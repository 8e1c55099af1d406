package debrief

import (
	"image/color"

	"github.com/therasim/therasim/sim"
)

// A Style is how a series, a mark or an event is drawn wherever it is
// drawn (the window, the PNG and the HTML report): a colour, a glyph, and
// the word a legend gives it. Colours are from the Okabe–Ito palette and
// stay apart for common colour-vision deficiencies; no two styles of the
// timeline differ by colour alone.
type Style struct {
	Name  string
	Color color.RGBA
	Glyph Glyph
}

// The styles of the values a debrief shows.
var (
	StyleBond     = Style{"Bond", rgb(0xC85200), GlyphCircle}
	StyleTask     = Style{"Task", rgb(0x006BA8), GlyphSquare}
	StyleGoal     = Style{"Goal", rgb(0x008A66), GlyphDiamond}
	StyleHope     = Style{"Hope", rgb(0xD99500), GlyphTriangle}
	StyleOQ       = Style{"OQ-45", rgb(0x8E3B8E), GlyphHexagon}
	StyleDropout  = Style{"Dropout risk", rgb(0x3A3F45), GlyphWarning}
	StyleHomework = Style{"Homework", rgb(0xB85F93), GlyphHexagon}
)

// StyleRepairFailed is how a repair that did not take is drawn, as an
// event and as a mark of the timeline: a setback of the relationship (the
// colour of a rupture), an empty ring where a repair was tried, apart
// from every other mark of the ruptures' lane.
var StyleRepairFailed = Style{"repair failed", Ink.Warn, GlyphRing}

// Ink holds the colours of everything else: paper, text and the signs of
// what went well or badly.
var Ink = struct {
	Paper, PaperAlt, Border, Grid        color.RGBA
	Text, Muted, Faint                   color.RGBA
	Accent, AccentBack, OnAccent, CutOff color.RGBA
	Warn, Good                           color.RGBA
}{
	rgb(0xFFFFFF), rgb(0xF8F6F2), rgb(0xDDD7CD), rgb(0xE8E3DA),
	rgb(0x1F252B), rgb(0x565F69), rgb(0x8A9198),
	rgb(0x235F7E), rgb(0xE3EEF3), rgb(0xFFFFFF), rgb(0xB85C38),
	rgb(0x9C4A00), rgb(0x1B6E4F),
}

// rgb is an opaque colour written as 0xRRGGBB.
func rgb(x uint32) color.RGBA { return color.RGBA{uint8(x >> 16), uint8(x >> 8), uint8(x), 0xFF} }

// varStyles are the styles of the state variables with a series.
var varStyles = map[sim.Var]Style{sim.VarBond: StyleBond, sim.VarTask: StyleTask, sim.VarGoal: StyleGoal,
	sim.VarHope: StyleHope, sim.VarSymptoms: StyleOQ}

// VarStyle is the style of a state variable's changes.
func VarStyle(v sim.Var) Style {
	if s, ok := varStyles[v]; ok {
		return s
	}
	return Style{v.Label(), Ink.Warn, GlyphDown}
}

// A Series is one line of the timeline.
type Series struct {
	Style
	// Value is the series at a point, on the chart's 0–1 scale (the
	// OQ-45's 0–180 divided by 180).
	Value func(Point) float64
}

// TimelineSeries are the lines of the timeline, in drawing order.
var TimelineSeries = []Series{
	{StyleBond, func(p Point) float64 { return p.Bond }},
	{StyleTask, func(p Point) float64 { return p.Task }},
	{StyleGoal, func(p Point) float64 { return p.Goal }},
	{StyleHope, func(p Point) float64 { return p.Hope }},
	{StyleOQ, func(p Point) float64 { return float64(p.OQ) / sim.MaxOQ }},
	{StyleDropout, func(p Point) float64 { return p.DropoutRisk }},
}

// MarkStyle is how the timeline draws a mark, and the lane it goes in: 0
// for the relationship (ruptures, and repairs that did not take), 1 for the week (homework, OQ-45, life
// events, dropout). ok is false for marks the lanes do not show (a
// session's start, which the chart shows as a band, and the end).
func MarkStyle(m Mark) (s Style, lane int, ok bool) {
	switch m.Kind {
	case MarkRuptureOpened:
		return Style{"rupture", Ink.Warn, GlyphDown}, 0, true
	case MarkRuptureDeepened:
		return Style{"deepened", Ink.Warn, GlyphCross}, 0, true
	case MarkRuptureRepaired:
		return Style{"repaired", Ink.Good, GlyphCheck}, 0, true
	case MarkRuptureEased:
		return Style{"eased", Ink.Good, GlyphUp}, 0, true
	case MarkRepairFailed:
		return StyleRepairFailed, 0, true
	case MarkHomework:
		return HomeworkStyle(sim.Completion(m.Text)), 1, true
	case MarkNotOnTrack:
		return Style{"not on track", Ink.Warn, GlyphWarning}, 1, true
	case MarkLifeEvent:
		return Style{"life event", Ink.Text, GlyphDiamond}, 1, true
	case MarkDropout:
		return Style{"dropout", Ink.Text, GlyphCross}, 1, true
	}
	return Style{}, 0, false
}

// HomeworkStyle marks what became of a task.
func HomeworkStyle(c sim.Completion) Style {
	switch c {
	case sim.Full:
		return Style{"homework done", StyleHomework.Color, GlyphCheck}
	case sim.Partial:
		return Style{"partly done", StyleHomework.Color, GlyphHalf}
	}
	return Style{"not done", StyleHomework.Color, GlyphCross}
}

// GradeStyle is how a grade of the competence rubric is drawn wherever a
// profile is shown (the HTML report, the class's summary, the window):
// done well a check in the colour of what went well, done but not well a
// half-filled circle in amber, missed an empty ring in grey, and the
// opposite done a cross in the colour of what went badly. Its Name is the
// grade in a supervisor's words (GradeWords).
func GradeStyle(g sim.Grade) Style {
	switch g {
	case sim.Well:
		return Style{GradeWords(g), Ink.Good, GlyphCheck}
	case sim.Partly:
		return Style{GradeWords(g), rgb(0xB07800), GlyphHalf}
	case sim.Against:
		return Style{GradeWords(g), Ink.Warn, GlyphCross}
	}
	return Style{GradeWords(g), Ink.Faint, GlyphRing}
}

// GradeWords says a grade in a supervisor's words: "done well", "done, not
// well", "missed", "the opposite done".
func GradeWords(g sim.Grade) string {
	switch g {
	case sim.Well:
		return "done well"
	case sim.Partly:
		return "done, not well"
	case sim.Missed:
		return "missed"
	case sim.Against:
		return "the opposite done"
	}
	return g.String()
}
