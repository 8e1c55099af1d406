package fonts

import (
	"fmt"
	"iter"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	_ "embed" // the fallback fonts

	"golang.org/x/image/font/sfnt"
)

// Noto Sans draws Latin, Greek and Cyrillic. A trainee's name may be in
// any script, so the characters Noto Sans lacks are drawn in a fallback
// font: each covers a few Unicode blocks, and is looked at only for a
// character in them (so a font is parsed only when a text needs it). They
// are subsets, made by subset.sh, of fonts in Debian's packages; what each
// is, where it came from and its licence are in assets/LICENSE-fonts.txt.
// Each has one weight: bold and italic text in these scripts is drawn
// regular.
var (
	//go:embed DroidSansFallback-CJK.ttf
	cjk []byte
	//go:embed NotoSansArabicUI-Subset.ttf
	arabic []byte
	//go:embed NotoSansHebrew-Subset.ttf
	hebrew []byte
	//go:embed NotoSansDevanagariUI-Subset.ttf
	devanagari []byte
	//go:embed NotoSansThaiUI-Subset.ttf
	thai []byte
	//go:embed UnifontUpper-Emoji.otf
	emoji []byte
	//go:embed Unifont-Symbols.otf
	symbols []byte
)

// A Fallback is a font for characters that Noto Sans lacks.
type Fallback struct {
	// Name names the font and what it draws.
	Name string
	// Data is the font file, TrueType or OpenType (CFF).
	Data []byte
	// Complex says that the font's script is drawn right only when shaped
	// (letters joined, reordered or stacked, or written right to left):
	// drawn glyph by glyph, it comes out wrong.
	Complex bool
	// blocks are the ranges of characters the font is for.
	blocks []span
	// cover lists the characters of blocks that the font has, read from
	// its character map on first use.
	cover func() []span
}

// span is a range of characters, lo to hi inclusive.
type span struct{ lo, hi rune }

// Fallbacks are the fallback fonts, in the order they are tried. Font
// number i+1 in a Run is Fallbacks[i].
var Fallbacks = []*Fallback{
	newFallback("Droid Sans Fallback: Chinese, Japanese and Korean", cjk,
		span{0x1100, 0x11FF}, span{0x2E80, 0x2FDF}, span{0x3000, 0x33FF}, span{0x3400, 0x4DBF},
		span{0x4E00, 0x9FFF}, span{0xA960, 0xA97F}, span{0xAC00, 0xD7FF}, span{0xF900, 0xFAFF},
		span{0xFE30, 0xFE4F}, span{0xFF00, 0xFFEF}),
	needsShaping(newFallback("Noto Sans Arabic UI", arabic, span{0x0600, 0x06FF}, span{0x0750, 0x077F},
		span{0x0870, 0x08FF}, span{0xFB50, 0xFDFF}, span{0xFE70, 0xFEFF})),
	needsShaping(newFallback("Noto Sans Hebrew", hebrew, span{0x0590, 0x05FF}, span{0xFB1D, 0xFB4F})),
	needsShaping(newFallback("Noto Sans Devanagari UI", devanagari, span{0x0900, 0x097F}, span{0x1CD0, 0x1CFF},
		span{0xA8E0, 0xA8FF})),
	needsShaping(newFallback("Noto Sans Thai UI", thai, span{0x0E00, 0x0E7F})),
	newFallback("GNU Unifont: emoji", emoji, span{0x1F000, 0x1FAFF}),
	newFallback("GNU Unifont: symbols", symbols, span{0x2300, 0x23FF}, span{0x2600, 0x27BF},
		span{0x2B00, 0x2BFF}),
}

func newFallback(name string, data []byte, blocks ...span) *Fallback {
	f := &Fallback{Name: name, Data: data, blocks: blocks}
	all := slices.Concat(blocks, neutralBlocks)
	slices.SortFunc(all, func(a, b span) int { return int(a.lo - b.lo) })
	f.cover = sync.OnceValue(func() []span { return coverage(name, data, all) })
	return f
}

// neutralBlocks are the spaces, digits and punctuation (in Basic Latin,
// Latin-1 and General Punctuation) that a fallback font may have to draw
// along with its script (see Runs).
var neutralBlocks = []span{{0x20, 0x40}, {0x5B, 0x60}, {0x7B, 0x7E}, {0xA0, 0xBF}, {0x2000, 0x206F}, {0x25CC, 0x25CC}}

// has reports whether the font has a glyph for r, of its blocks or the
// neutral ones.
func (f *Fallback) has(r rune) bool {
	return (in(f.blocks, r) || in(neutralBlocks, r)) && in(f.cover(), r)
}

// needsShaping marks f as Complex.
func needsShaping(f *Fallback) *Fallback {
	f.Complex = true
	return f
}

// Style is a style of the main typeface, Noto Sans.
type Style int

// The styles of Noto Sans.
const (
	StyleRegular Style = iota
	StyleBold
	StyleItalic
)

// Main returns the font file of Noto Sans in style s.
func Main(s Style) []byte {
	switch s {
	case StyleBold:
		return Bold
	case StyleItalic:
		return Italic
	}
	return Regular
}

// mainBlocks are the characters looked up in Noto Sans: all but the
// ranges of scripts it does not have (CJK, Hangul, surrogates and private
// use) and the supplementary planes beyond a few symbol blocks.
var mainBlocks = []span{{0, 0x33FF}, {0xA000, 0xABFF}, {0xFB00, 0xFFFF}, {0x10000, 0x101FF}, {0x1F100, 0x1F1FF}}

var mainCover = [...]func() []span{
	sync.OnceValue(func() []span { return coverage("NotoSans-Regular", Regular, mainBlocks) }),
	sync.OnceValue(func() []span { return coverage("NotoSans-Bold", Bold, mainBlocks) }),
	sync.OnceValue(func() []span { return coverage("NotoSans-Italic", Italic, mainBlocks) }),
}

// coverage reads which characters of blocks a font has.
func coverage(name string, data []byte, blocks []span) []span {
	f, err := sfnt.Parse(data)
	if err != nil {
		// The data is compiled in: failing to parse it is a build defect.
		panic(fmt.Sprintf("fonts: parsing embedded font %s: %v", name, err))
	}
	var b sfnt.Buffer
	var out []span
	for _, bl := range blocks {
		for r := bl.lo; r <= bl.hi; r++ {
			if g, err := f.GlyphIndex(&b, r); err != nil || g == 0 {
				continue
			}
			if n := len(out); n > 0 && out[n-1].hi == r-1 {
				out[n-1].hi = r
			} else {
				out = append(out, span{r, r})
			}
		}
	}
	return out
}

// in reports whether r is in one of spans, which are sorted.
func in(spans []span, r rune) bool {
	_, found := slices.BinarySearchFunc(spans, r, func(s span, r rune) int {
		switch {
		case s.hi < r:
			return -1
		case s.lo > r:
			return 1
		}
		return 0
	})
	return found
}

// Font numbers in a Run besides the fallbacks' (1 + the index in
// Fallbacks).
const (
	// MainFont is Noto Sans, in the style asked for.
	MainFont = 0
	// NoFont marks characters that no embedded font has.
	NoFont = -1
)

// Has reports whether font (MainFont in style s, or 1+i for
// Fallbacks[i]) has a glyph for r. It is safe for concurrent use.
func Has(font int, s Style, r rune) bool {
	if font == MainFont {
		if r >= 0x20 && r < 0x7f {
			return true // Noto Sans has all of printable ASCII (see the tests)
		}
		if s < StyleRegular || s > StyleItalic {
			s = StyleRegular
		}
		return in(mainCover[s](), r)
	}
	if font < 1 || font > len(Fallbacks) {
		return false
	}
	return Fallbacks[font-1].has(r)
}

// Ignorable reports whether r is drawn as nothing: a format character
// such as a zero-width joiner, a variation selector (as in the emoji
// "❤️"), or another default-ignorable character. A shaper hides these;
// code that draws without one skips them, and they are never reported
// as missing.
func Ignorable(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) ||
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) || r == 0x034F
}

// neutral reports whether r belongs to no one script (spaces, digits,
// punctuation, combining marks), so that it may be drawn in the font of
// the text around it.
func neutral(r rune) bool {
	return unicode.Is(unicode.Common, r) || unicode.Is(unicode.Inherited, r) || mark(r)
}

// fontFor chooses the font of r, where cur is the font of the character
// before it (NoFont at the start).
func fontFor(r rune, cur int, s Style) int {
	if Ignorable(r) {
		if cur == NoFont {
			return MainFont
		}
		return cur
	}
	if cur > MainFont && neutral(r) && Has(cur, s, r) {
		return cur
	}
	if Has(MainFont, s, r) {
		return MainFont
	}
	for i, f := range Fallbacks {
		if in(f.blocks, r) && f.has(r) {
			return i + 1
		}
	}
	return NoFont
}

// A Run is a stretch of a string drawn in one font.
type Run struct {
	// Start and End are the run's byte offsets in the string.
	Start, End int
	// Font is MainFont, 1+i for Fallbacks[i], or NoFont for characters
	// that no font has (which are not drawn).
	Font int
}

// Runs splits s into runs of the fonts that draw it in style s: each
// character in the first font that has it (Noto Sans first, then the
// fallbacks in order), except that combining marks and ignorable
// characters stay in the font of the run they follow, and so do spaces,
// digits and punctuation between two characters of that font when it has
// them, so that "محمد علي" is one run in the Arabic font and its words
// keep their right-to-left order. Text in printable ASCII is one run of
// MainFont.
func Runs(text string, s Style) iter.Seq[Run] {
	return func(yield func(Run) bool) {
		if text == "" {
			return
		}
		if ascii(text) {
			yield(Run{0, len(text), MainFont})
			return
		}
		run := Run{Font: NoFont}
		for i, r := range text {
			f := fontFor(r, run.Font, s)
			if f == run.Font && f > MainFont && !mark(r) && !Ignorable(r) && neutral(r) {
				// A space or punctuation stays in a fallback's run only
				// between two of its characters: "محمد علي" is one run,
				// but in "محمد علي, seed 3" the comma is not.
				_, n := utf8.DecodeRuneInString(text[i:])
				if !continues(text[i+n:], f, s) {
					f = fontFor(r, NoFont, s)
				}
			}
			if i == 0 {
				run.Font = f
				continue
			}
			if f != run.Font {
				run.End = i
				if !yield(run) {
					return
				}
				run = Run{Start: i, Font: f}
			}
		}
		run.End = len(text)
		yield(run)
	}
}

// continues reports whether the first character of rest that belongs to a
// script is drawn in font, after a run of it.
func continues(rest string, font int, s Style) bool {
	for _, r := range rest {
		if !neutral(r) && !Ignorable(r) {
			return fontFor(r, font, s) == font
		}
	}
	return false
}

// mark reports whether r is a combining mark, drawn on the character
// before it.
func mark(r rune) bool { return unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) }

// ascii reports whether s is all printable ASCII.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// Missing returns the characters of s that no embedded font draws in the
// regular style, each once, in the order they first appear. Control and
// ignorable characters are not counted.
func Missing(s string) []rune {
	var out []rune
	for _, r := range s {
		if r < 0x7f || unicode.IsControl(r) || Ignorable(r) || r == utf8.RuneError || slices.Contains(out, r) {
			continue
		}
		if fontFor(r, NoFont, StyleRegular) == NoFont {
			out = append(out, r)
		}
	}
	return out
}

// SampleNames are trainees' names in every script the fonts are meant to
// draw, for the tests of every package that draws names.
var SampleNames = []string{
	"Alex Smith", "Zoë Brontë", "Łukasz Żółć", "Müller-Lüdenscheidt", "Ngô Bảo Châu",
	"Αλέξανδρος", "Дмитрий Шостакович", "王芳", "李雷", "山田 花子", "さくら", "김민준",
	"محمد علي", "דוד לוי", "राम कुमार", "สมชาย", "Sam 🙂", "❤️ Ana", "👍🏽 Jo",
}
