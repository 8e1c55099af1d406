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
	StyleBond     = Style{"Bond", color.RGBA{0xC8, 0x52, 0x00, 0xFF}, GlyphCircle}
	StyleTask     = Style{"Task", color.RGBA{0x00, 0x6B, 0xA8, 0xFF}, GlyphSquare}
	StyleGoal     = Style{"Goal", color.RGBA{0x00, 0x8A, 0x66, 0xFF}, GlyphDiamond}
	StyleHope     = Style{"Hope", color.RGBA{0xD9, 0x95, 0x00, 0xFF}, GlyphTriangle}
	StyleOQ       = Style{"OQ-45", color.RGBA{0x8E, 0x3B, 0x8E, 0xFF}, GlyphHexagon}
	StyleDropout  = Style{"Dropout risk", color.RGBA{0x3A, 0x3F, 0x45, 0xFF}, GlyphWarning}
	StyleHomework = Style{"Homework", color.RGBA{0xB8, 0x5F, 0x93, 0xFF}, GlyphHexagon}
)

// Ink holds the colours of everything else: paper, text and the signs of
// what went well or badly.
var Ink = struct {
	Paper, PaperAlt, Border, Grid        color.RGBA
	Text, Muted, Faint                   color.RGBA
	Accent, AccentBack, OnAccent, CutOff color.RGBA
	Warn, Good                           color.RGBA
}{
	Paper:      color.RGBA{0xFF, 0xFF, 0xFF, 0xFF},
	PaperAlt:   color.RGBA{0xF8, 0xF6, 0xF2, 0xFF},
	Border:     color.RGBA{0xDD, 0xD7, 0xCD, 0xFF},
	Grid:       color.RGBA{0xE8, 0xE3, 0xDA, 0xFF},
	Text:       color.RGBA{0x1F, 0x25, 0x2B, 0xFF},
	Muted:      color.RGBA{0x56, 0x5F, 0x69, 0xFF},
	Faint:      color.RGBA{0x8A, 0x91, 0x98, 0xFF},
	Accent:     color.RGBA{0x23, 0x5F, 0x7E, 0xFF},
	AccentBack: color.RGBA{0xE3, 0xEE, 0xF3, 0xFF},
	OnAccent:   color.RGBA{0xFF, 0xFF, 0xFF, 0xFF},
	CutOff:     color.RGBA{0xB8, 0x5C, 0x38, 0xFF},
	Warn:       color.RGBA{0x9C, 0x4A, 0x00, 0xFF},
	Good:       color.RGBA{0x1B, 0x6E, 0x4F, 0xFF},
}

// VarStyle is the style of a state variable's changes.
func VarStyle(v sim.Var) Style {
	switch v {
	case sim.VarBond:
		return StyleBond
	case sim.VarTask:
		return StyleTask
	case sim.VarGoal:
		return StyleGoal
	case sim.VarHope:
		return StyleHope
	case sim.VarSymptoms:
		return StyleOQ
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
// for the relationship (ruptures), 1 for the week (homework, OQ-45, life
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
