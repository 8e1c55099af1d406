// Package fonts holds the bytes of TheraSim's typeface, Noto Sans (Regular,
// Bold and Italic), and of the fallback fonts for the characters it lacks
// (Chinese, Japanese, Korean, Arabic, Hebrew, Devanagari, Thai, emoji),
// embedded in the binary, and chooses the font of each character of a text
// (Runs). It imports nothing that needs a display, so headless code
// (exports drawn to PNG) uses the same letters as the window; package
// assets parses them for Ebiten.
//
// Noto Sans and the fallbacks are licensed under the SIL Open Font License
// 1.1, but for Droid Sans Fallback, under the Apache License 2.0; the
// licences and where the files come from are in assets/LICENSE-fonts.txt.
package fonts

import _ "embed" // the font files

// The TrueType files. They must not be changed.
var (
	//go:embed NotoSans-Regular.ttf
	Regular []byte
	//go:embed NotoSans-Bold.ttf
	Bold []byte
	//go:embed NotoSans-Italic.ttf
	Italic []byte
)
