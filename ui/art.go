package ui

import (
	"iter"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/therasim/therasim/assets"
	"github.com/therasim/therasim/assets/fonts"
	"github.com/therasim/therasim/sim"
)

// art.go is the one place ui reaches into package assets.

// expression is the client's facial expression.
type expression = assets.Expression

const (
	neutral  = assets.Neutral
	engaged  = assets.Engaged
	guarded  = assets.Guarded
	upset    = assets.Upset
	relieved = assets.Relieved
)

func fontRegular() *text.GoTextFaceSource { return assets.Regular() }
func fontBold() *text.GoTextFaceSource    { return assets.Bold() }
func fontItalic() *text.GoTextFaceSource  { return assets.Italic() }

// fontFallback is the face source of fallback font i (fonts.Fallbacks[i]),
// for the characters Noto Sans lacks.
func fontFallback(i int) *text.GoTextFaceSource { return assets.Fallback(i) }

// fontRun is a stretch of text drawn in one font: font 0 is the role's
// Noto Sans, i+1 fallback font i, noFont none (it is not drawn).
type fontRun = fonts.Run

// noFont marks characters that no font has.
const noFont = fonts.NoFont

// fontStyle is the style of Noto Sans a text is in.
type fontStyle = fonts.Style

const (
	styleRegular = fonts.StyleRegular
	styleBold    = fonts.StyleBold
	styleItalic  = fonts.StyleItalic
)

// fontRuns splits s between the fonts that draw it (see fonts.Runs).
func fontRuns(s string, st fontStyle) iter.Seq[fontRun] { return fonts.Runs(s, st) }

// undrawable returns the characters of s that no font has (see
// fonts.Missing).
func undrawable(s string) []rune { return fonts.Missing(s) }

// look is how a client looks.
type look = assets.Look

// lookFor is the client's look: what the scenario's author described, the
// rest chosen from the name and pronouns.
func lookFor(c *sim.Client) look {
	a := c.Appearance
	return assets.LookFor(c.Name, c.Pronouns).Described(a.Skin, a.Hair, a.HairStyle, a.Eyes)
}

// portraitImage draws the client's portrait; it is slow-ish, so portraits
// caches it.
func portraitImage(l look, e expression, size int) *ebiten.Image {
	return assets.Portrait(l, e, size)
}
