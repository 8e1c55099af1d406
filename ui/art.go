package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/therasim/therasim/assets"
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

// look is how a client looks.
type look = assets.Look

func lookFor(name, pronouns string) look { return assets.LookFor(name, pronouns) }

// portraitImage draws the client's portrait; it is slow-ish, so portraits
// caches it.
func portraitImage(l look, e expression, size int) *ebiten.Image {
	return assets.Portrait(l, e, size)
}
