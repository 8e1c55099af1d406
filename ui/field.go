package ui

import (
	"image"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"
)

// One-line text fields (the picker's name and class code, the instructor's
// key and name): what typing and pasting put into them, and how they are
// drawn. The screens keep the text, a []rune, and say which field has the
// focus.

// typeInto adds the character r, typed, to text, which holds at most most
// characters: not a control character, not a space first, and no space at
// all in a field that squeezes spaces out (a key). It reports whether r
// went in.
func typeInto(text *[]rune, r rune, most int, squeeze bool) bool {
	switch {
	case !unicode.IsPrint(r) && !joiner(r),
		r == ' ' && (squeeze || len(*text) == 0),
		len(*text) >= most:
		return false
	}
	*text = append(*text, r)
	return true
}

// pasteInto adds pasted (or composed) text s to text: on one line, without
// control characters (pasteable), without spaces in a field that squeezes
// them out, and up to most characters. Space the pasted text begins with,
// or a space it ends with, is kept as one, so that words pasted after or
// before typed ones stay apart, but never at the field's start or after a
// space. It reports
// whether some was left out for want of room.
func pasteInto(text *[]rune, s string, most int, squeeze bool) (cut bool) {
	p := pasteable(s)
	switch {
	case squeeze:
		p = strings.Join(strings.Fields(p), "")
	case p == "":
	default:
		if first, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(first) {
			p = " " + p
		}
		if strings.HasSuffix(s, " ") { // (not a line's end: a copied line ends in one)
			p += " "
		}
	}
	if len(*text) == 0 || (*text)[len(*text)-1] == ' ' {
		p = strings.TrimLeft(p, " ")
	}
	rs := []rune(p)
	if room := max(0, most-len(*text)); len(rs) > room {
		rs, cut = rs[:room], true
	}
	*text = append(*text, rs...)
	return cut
}

// backspace takes the last character off text.
func backspace(text *[]rune) {
	if len(*text) > 0 {
		*text = (*text)[:len(*text)-1]
	}
}

// drawField draws a one-line field in r showing shown (its end, when it
// is too long), or hint in faint ink when it is empty, with a caret when it
// has the focus; flash draws its edge in the warning colour (the picker's
// "type your name").
func (a *app) drawField(dst *ebiten.Image, r image.Rectangle, shown, hint string, focused, flash bool) {
	m, ts := a.m, a.ts
	edge, bw := colBorder, max(1, m.u(1))
	if focused {
		edge, bw = colAccent, max(2, m.u(2))
	}
	if flash {
		edge, bw = colWarn, max(2, m.u(3))
	}
	a.pt.roundRect(dst, r, m.u(10), edge)
	a.pt.roundRect(dst, r.Inset(bw), m.u(10)-bw, colPanel)
	pad := float64(m.u(14))
	avail := float64(r.Dx()) - 2*pad
	for ts.width(shown, fOption) > avail && utf8.RuneCountInString(shown) > 1 {
		_, sz := utf8.DecodeRuneInString(shown)
		shown = shown[sz:]
	}
	ty := float64(r.Min.Y+r.Max.Y)/2 - ts.boxH(fOption)/2
	if shown == "" {
		ts.drawLine(dst, a.ellipsize(hint, fOption, avail), fOption, float64(r.Min.X)+pad, ty, colFaint)
	} else {
		ts.drawLine(dst, shown, fOption, float64(r.Min.X)+pad, ty, colText)
	}
	if focused && a.caretOn() {
		cx := float64(r.Min.X) + pad
		if shown != "" {
			cx += ts.width(shown, fOption) + 2
		}
		fillRect(dst, image.Rect(int(cx), int(ty), int(cx)+max(2, m.u(2)), int(ty+ts.boxH(fOption))), colText)
	}
}
