package ui

import (
	"image/color"
	"math"

	"github.com/therasim/therasim/debrief"
)

// Colours: calm, high-contrast on a projector, and never the only carrier of
// meaning (every meter also has a label and a glyph).
var (
	colBG        = color.RGBA{0xF3, 0xF1, 0xEC, 0xFF} // warm paper
	colPanel     = debrief.Ink.Paper
	colPanelAlt  = debrief.Ink.PaperAlt
	colBorder    = debrief.Ink.Border
	colShadow    = color.RGBA{0x00, 0x00, 0x00, 0x12}
	colText      = debrief.Ink.Text
	colMuted     = debrief.Ink.Muted
	colFaint     = debrief.Ink.Faint
	colAccent    = debrief.Ink.Accent // deep teal-blue
	colAccentBG  = debrief.Ink.AccentBack
	colHover     = color.RGBA{0xEE, 0xF4, 0xF7, 0xFF}
	colOnAccent  = debrief.Ink.OnAccent
	colTrack     = color.RGBA{0xE6, 0xE1, 0xD8, 0xFF}
	colWarn      = debrief.Ink.Warn // dark orange, read with an icon
	colWarnBG    = color.RGBA{0xFB, 0xEE, 0xDC, 0xFF}
	colGood      = debrief.Ink.Good
	colGoodBG    = color.RGBA{0xE2, 0xF1, 0xEA, 0xFF}
	colScrim     = color.RGBA{0x14, 0x1A, 0x20, 0x99}
	colCueBar    = color.RGBA{0xC9, 0xBF, 0xB0, 0xFF}
	colExpected  = color.RGBA{0x8A, 0x91, 0x98, 0xFF}
	colCutOff    = debrief.Ink.CutOff
	colChartGrid = debrief.Ink.Grid
)

// metrics turn design sizes into device pixels. Design sizes are for a
// 1280×800 window at device scale 1; a larger window zooms everything up
// (a projector at 4K stays readable from the back of the room), a smaller
// one (down to 1024×640) keeps the design size and lays out tighter, and
// one smaller still (a browser window) zooms the 1024×640 layout out to
// fit, down to half size.
type metrics struct {
	dpr  float64 // device pixels per logical pixel
	zoom float64 // window-size zoom, ≥ 1
	text float64 // the trainee's text scale (Ctrl+plus/minus)
}

// Text scale limits and step.
const (
	minTextScale  = 0.8
	maxTextScale  = 2.0
	textScaleStep = 0.1
)

func newMetrics(w, h int, dpr, textScale float64) metrics {
	if dpr <= 0 {
		dpr = 1
	}
	lw, lh := float64(w)/dpr, float64(h)/dpr
	zoom := math.Min(lw/1280, lh/800)
	zoom = math.Max(1, math.Min(3, zoom))
	if small := math.Min(lw/minWidth, lh/minHeight); small < 1 {
		// Smaller than the window's minimum (a browser can be): the
		// smallest layout, zoomed out to fit.
		zoom = math.Max(0.5, small)
	}
	if textScale <= 0 {
		textScale = 1
	}
	return metrics{dpr: dpr, zoom: zoom, text: math.Min(textScale, maxTextScaleFor(lw/zoom, lh/zoom))}
}

// maxTextScaleFor is the largest text scale a window of w×h design pixels
// can lay out without overlapping: 130% at the smallest window (1024×640),
// more as it grows, up to maxTextScale.
func maxTextScaleFor(w, h float64) float64 {
	f := 1.3 * math.Min(w/1024, h/640)
	return math.Max(1, math.Min(maxTextScale, math.Floor(f*10)/10))
}

// u converts a design length to device pixels.
func (m metrics) u(v float64) int { return int(math.Round(v * m.dpr * m.zoom)) }

// uf is u without rounding.
func (m metrics) uf(v float64) float64 { return v * m.dpr * m.zoom }

// fontPx is the device size of a font of design size v.
func (m metrics) fontPx(v float64) float64 { return v * m.dpr * m.zoom * m.text }

// Font roles and their design sizes in pixels. Body text and options are at
// least 20 px at scale 1 so that a class can read them on a projector.
type fontRole int

const (
	fBody    fontRole = iota // the client's words
	fCue                     // non-verbal cues (italic)
	fOption                  // the trainee's options
	fBadge                   // option numbers
	fTitle                   // screen titles
	fHeading                 // section headings
	fLabel                   // meter labels, small bold
	fSmall                   // captions
	fQuote                   // the client's words on the week screen (italic)
	fHuge                    // the outcome on the end screen
	fStrong                  // bold text at option size: card titles
	numFontRoles
)

var roleSize = [numFontRoles]float64{
	fBody:    23,
	fCue:     20,
	fOption:  21,
	fBadge:   20,
	fTitle:   34,
	fHeading: 24,
	fLabel:   18,
	fSmall:   18,
	fQuote:   22,
	fHuge:    46,
	fStrong:  21,
}

// lineSpacing is the distance between baselines, as a multiple of the size.
const lineSpacing = 1.38
