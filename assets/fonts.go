// Package assets holds the fonts and portraits of the TheraSim front end,
// embedded in the binary: Noto Sans for text, and client portraits drawn in
// code with vector paths, so they are crisp at any size.
package assets

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/therasim/therasim/assets/fonts"
)

// The UI font is Noto Sans (SIL Open Font License 1.1, see
// LICENSE-fonts.txt): open letterforms and generous spacing read well on a
// projector, it has a true italic for non-verbal cues, and it covers Latin,
// Greek and Cyrillic with their accents, for scenarios in other languages.
// Characters it lacks, as in a trainee's name in another script, are drawn
// in the fallback fonts of package fonts (see Fallback). The bytes are
// package fonts', shared with headless exports.
var notoRegular, notoBold, notoItalic = fonts.Regular, fonts.Bold, fonts.Italic

// Each face is parsed once, on first use.
var (
	regularSource = sync.OnceValue(func() *text.GoTextFaceSource { return mustSource("NotoSans-Regular", notoRegular) })
	boldSource    = sync.OnceValue(func() *text.GoTextFaceSource { return mustSource("NotoSans-Bold", notoBold) })
	italicSource  = sync.OnceValue(func() *text.GoTextFaceSource { return mustSource("NotoSans-Italic", notoItalic) })
)

func mustSource(name string, ttf []byte) *text.GoTextFaceSource {
	s, err := text.NewGoTextFaceSource(bytes.NewReader(ttf))
	if err != nil {
		// The data is compiled in: failing to parse it is a build defect.
		panic(fmt.Sprintf("assets: parsing embedded font %s: %v", name, err))
	}
	return s
}

// Regular returns the face source of the UI's body text (Noto Sans Regular).
// It is parsed once and shared; it is safe to call from any goroutine and
// does not need the game loop to be running.
func Regular() *text.GoTextFaceSource { return regularSource() }

// Bold returns the face source of the UI's headings and emphasis (Noto Sans
// Bold).
func Bold() *text.GoTextFaceSource { return boldSource() }

// Italic returns the face source of the UI's non-verbal cues, such as
// "(looks away)" (Noto Sans Italic).
func Italic() *text.GoTextFaceSource { return italicSource() }

// fallbackSources parse the fallback fonts, each on first use.
var fallbackSources = func() []func() *text.GoTextFaceSource {
	out := make([]func() *text.GoTextFaceSource, len(fonts.Fallbacks))
	for i, f := range fonts.Fallbacks {
		out[i] = sync.OnceValue(func() *text.GoTextFaceSource { return mustSource(f.Name, f.Data) })
	}
	return out
}()

// Fallback returns the face source of fonts.Fallbacks[i], a font for
// characters Noto Sans lacks (Chinese, Japanese, Korean, Arabic, Hebrew,
// Devanagari, Thai, emoji): text is split between the fonts by
// fonts.Runs. It is parsed on first use, so a font no text needs costs
// nothing but its bytes; it is safe to call from any goroutine.
func Fallback(i int) *text.GoTextFaceSource { return fallbackSources[i]() }
