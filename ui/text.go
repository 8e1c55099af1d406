package ui

import (
	"image/color"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// faceKey names a face at one device size: the role's Noto Sans (font 0)
// or a fallback font (font i+1 for fallback i), for characters Noto Sans
// lacks.
type faceKey struct {
	role fontRole
	size float64
	font int
}

// wrapKey names a wrapped paragraph: the same text, face and width always
// wrap the same way, so the result is cached.
type wrapKey struct {
	s     string
	role  fontRole
	size  float64
	width int
}

// para is a wrapped paragraph, ready to draw.
type para struct {
	lines []string
	// runes[i] counts the runes of lines[:i] (for revealing text gradually).
	runes  []int
	total  int     // runes in all lines
	lineH  float64 // distance between baselines
	boxH   float64 // ascent + descent of one line
	width  float64 // the widest line
	height int     // the block from the first line's top to the last's bottom
}

// typesetter measures, wraps and draws text at the current metrics, caching
// faces and wrapped paragraphs so that a frame re-wraps nothing.
type typesetter struct {
	m     metrics
	faces map[faceKey]*text.GoTextFace
	wraps map[wrapKey]*para
	// imgs holds text already drawn, so that a frame draws a line or a
	// paragraph as one image instead of glyph by glyph.
	imgs   map[textKey]*textImg
	widths map[textKey]float64
	frame  int
	// glyphs is drawGlyphs' buffer.
	glyphs []text.Glyph
	// notdef counts the glyphs drawn as a font's box for a character it
	// lacks (glyph 0, .notdef): it stays 0, as the tests check.
	notdef int
}

// textKey names drawn text: a line (s) or a paragraph (p) in a role, size
// and colour.
type textKey struct {
	s    string
	p    *para
	role fontRole
	size float64
	col  color.RGBA
	// chart: text at a size of a chart's, not of its role.
	chart bool
}

type textImg struct {
	img  *ebiten.Image
	pad  int // the text's origin is at (pad, pad) in img
	used int // the frame it was last drawn in
}

func newTypesetter() *typesetter {
	return &typesetter{faces: map[faceKey]*text.GoTextFace{}, wraps: map[wrapKey]*para{}, imgs: map[textKey]*textImg{}, widths: map[textKey]float64{}}
}

// endFrame forgets drawn text not used for a few seconds.
func (t *typesetter) endFrame() {
	t.frame++
	if t.frame%60 != 0 {
		return
	}
	for k, ti := range t.imgs {
		if t.frame-ti.used > 180 {
			ti.img.Deallocate()
			delete(t.imgs, k)
		}
	}
}

// cachedText draws text through the image cache: draw renders it with its
// origin at (x, y) on a fresh image of the given size.
func (t *typesetter) cachedText(dst *ebiten.Image, k textKey, w, h float64, x, y float64, alpha float32, draw func(img *ebiten.Image, x, y float64)) {
	ti, ok := t.imgs[k]
	if !ok {
		pad := int(math.Ceil(k.size * 0.4))
		iw, ih := int(math.Ceil(w))+2*pad, int(math.Ceil(h))+2*pad
		img := ebiten.NewImage(max(1, iw), max(1, ih))
		draw(img, float64(pad), float64(pad))
		ti = &textImg{img: img, pad: pad}
		t.imgs[k] = ti
	}
	ti.used = t.frame
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(math.Round(x)-float64(ti.pad), math.Round(y)-float64(ti.pad))
	if alpha < 1 {
		op.ColorScale.ScaleAlpha(alpha)
	}
	dst.DrawImage(ti.img, op)
}

func rgba(c color.Color) color.RGBA { return color.RGBAModel.Convert(c).(color.RGBA) }

// styleFor is the style of Noto Sans a role is drawn in.
func styleFor(r fontRole) fontStyle {
	switch r {
	case fBadge, fTitle, fHeading, fLabel, fHuge, fStrong:
		return styleBold
	case fCue, fQuote:
		return styleItalic
	}
	return styleRegular
}

func sourceFor(r fontRole) *text.GoTextFaceSource {
	switch styleFor(r) {
	case styleBold:
		return fontBold()
	case styleItalic:
		return fontItalic()
	}
	return fontRegular()
}

// face returns the face of a role at the current metrics.
func (t *typesetter) face(r fontRole) *text.GoTextFace { return t.runFace(r, 0) }

// runFace returns the face of a run of text in a role: font 0 is the
// role's Noto Sans, i+1 fallback font i.
func (t *typesetter) runFace(r fontRole, font int) *text.GoTextFace {
	size := math.Round(t.m.fontPx(roleSize[r])*4) / 4
	k := faceKey{r, size, font}
	if f, ok := t.faces[k]; ok {
		return f
	}
	if len(t.faces) > 200 {
		clear(t.faces)
	}
	src := sourceFor(r)
	if font > 0 {
		src = fontFallback(font - 1)
	}
	f := &text.GoTextFace{Source: src, Size: size}
	t.faces[k] = f
	return f
}

// advance measures one line of text, uncached: each run in the font that
// draws it (see fontRuns); characters no font has take no room.
func (t *typesetter) advance(s string, r fontRole) float64 {
	w := 0.0
	for run := range fontRuns(s, styleFor(r)) {
		if run.Font != noFont {
			w += text.Advance(s[run.Start:run.End], t.runFace(r, run.Font))
		}
	}
	return w
}

// lineH is the distance between baselines of a role's lines.
func (t *typesetter) lineH(r fontRole) float64 { return math.Round(t.face(r).Size * lineSpacing) }

// boxH is the height of one line's glyph box (ascent + descent).
func (t *typesetter) boxH(r fontRole) float64 {
	m := t.face(r).Metrics()
	return m.HAscent + m.HDescent
}

// width measures one line of text.
func (t *typesetter) width(s string, r fontRole) float64 {
	f := t.face(r)
	k := textKey{s: s, role: r, size: f.Size}
	if w, ok := t.widths[k]; ok {
		return w
	}
	if len(t.widths) > 4000 {
		clear(t.widths)
	}
	w := t.advance(s, r)
	t.widths[k] = w
	return w
}

// wrap breaks s into lines no wider than width. Newlines in s start new
// lines; a word wider than the whole width is broken between characters.
func (t *typesetter) wrap(s string, r fontRole, width int) *para {
	f := t.face(r)
	k := wrapKey{s, r, f.Size, width}
	if p, ok := t.wraps[k]; ok {
		return p
	}
	if len(t.wraps) > 4000 {
		clear(t.wraps)
	}
	p := &para{lineH: t.lineH(r), boxH: t.boxH(r)}
	w := float64(width)
	for _, src := range strings.Split(s, "\n") {
		for _, l := range wrapLine(src, w, func(x string) float64 { return t.advance(x, r) }) {
			p.lines = append(p.lines, l)
		}
	}
	n := 0
	for _, l := range p.lines {
		p.runes = append(p.runes, n)
		n += utf8.RuneCountInString(l)
		p.width = math.Max(p.width, t.advance(l, r))
	}
	p.total = n
	if len(p.lines) > 0 {
		p.height = int(math.Ceil(float64(len(p.lines)-1)*p.lineH + p.boxH))
	}
	t.wraps[k] = p
	return p
}

// wrapLine breaks one paragraph greedily at spaces, but not at a no-break
// space (U+00A0, U+202F), which keeps the words either side of it
// together: "Παπαδοπούλου,\u00a029" is one word.
func wrapLine(s string, width float64, advance func(string) float64) []string {
	words := strings.FieldsFunc(s, breaksLine)
	if len(words) == 0 {
		return []string{""}
	}
	var out []string
	line := ""
	for _, wd := range words {
		cand := wd
		if line != "" {
			cand = line + " " + wd
		}
		if advance(cand) <= width || line == "" && advance(wd) <= width {
			line = cand
			continue
		}
		if line != "" {
			out = append(out, line)
			line = ""
		}
		// The word alone: break it if it is wider than the line.
		for advance(wd) > width && utf8.RuneCountInString(wd) > 1 {
			cut := 1
			for i := range wd {
				if i > 0 && advance(wd[:i]) > width {
					break
				}
				if i > 0 {
					cut = i
				}
			}
			out = append(out, wd[:cut])
			wd = wd[cut:]
		}
		line = wd
	}
	return append(out, line)
}

// breaksLine reports whether a line may break at r: at any space but a
// no-break one.
func breaksLine(r rune) bool { return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' }

// wrapLines is wrap, in at most n lines: the words that do not fit end the
// last line with "…".
func (a *app) wrapLines(s string, r fontRole, width, n int) *para {
	p := a.ts.wrap(s, r, width)
	if len(p.lines) <= n {
		return p
	}
	rest := a.ellipsize(strings.Join(p.lines[n-1:], " "), r, float64(width))
	return a.ts.wrap(strings.Join(p.lines[:n-1], "\n")+"\n"+rest, r, width)
}

// clientLine is the client's name and age as a heading shows them, the age
// kept on the line of the last word of the name: "Ελένη Παπαδοπούλου, 29".
func clientLine(name string, age int) string {
	if age <= 0 {
		return name
	}
	return name + ",\u00a0" + strconv.Itoa(age)
}

// upper is s in capitals, for a label, by the case rules of lang (a BCP 47
// tag: the scenario's language, or "" when s is not in it, as a trainee's
// name): Turkish and Azeri write i as İ. Greek letters lose their accents,
// as Greek capitals are written (Ελένη is ΕΛΕΝΗ, not ΕΛΈΝΗ), whatever lang
// says: a Greek client's name is Greek in an English scenario too.
func upper(s, lang string) string {
	tag, err := language.Parse(lang)
	if b, _ := tag.Base(); err != nil || b.String() == "el" {
		// Greek is done here: x/text's Greek rules drop the diaeresis of
		// a decomposed ΐ.
		tag = language.Und
	}
	if strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Greek, r) }) >= 0 {
		s = greekUnaccented(s)
	}
	return norm.NFC.String(cases.Upper(tag).String(s))
}

// greekUnaccented takes the accents and breathings off the Greek letters of
// s, keeping the diaeresis, and adds one where the accent said that two
// vowels are not a diphthong (Μάιος is ΜΑΪΟΣ in capitals), as Greek text
// is written in capitals. Other letters keep theirs. The result is NFD.
func greekUnaccented(s string) string {
	rs := []rune(norm.NFD.String(s))
	out := make([]rune, 0, len(rs)+2)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		out = append(out, r)
		if !unicode.Is(unicode.Greek, r) || unicode.Is(unicode.Mn, r) {
			continue
		}
		accent := false
		j := i + 1
		for ; j < len(rs) && unicode.Is(unicode.Mn, rs[j]); j++ {
			switch rs[j] {
			case '\u0301', '\u0300', '\u0342': // tonos (oxia), varia, perispomeni
				accent = true
			case '\u0313', '\u0314': // breathings
			default:
				out = append(out, rs[j])
			}
		}
		i = j - 1
		// An accent on the first of two vowels that would make a
		// diphthong parts them: the second takes a diaeresis.
		if accent && j < len(rs) && diphthong(r, rs[j]) && (j+1 == len(rs) || !unicode.Is(unicode.Mn, rs[j+1])) {
			out = append(out, rs[j], '\u0308')
			i = j
		}
	}
	return string(out)
}

// diphthong reports whether the Greek vowels a and b, unaccented, make a
// diphthong (αι, ει, οι, υι, αυ, ευ, ηυ, ου), in either case.
func diphthong(a, b rune) bool {
	a, b = unicode.ToLower(a), unicode.ToLower(b)
	switch b {
	case 'ι':
		return strings.ContainsRune("αεου", a)
	case 'υ':
		return strings.ContainsRune("αεηο", a)
	}
	return false
}

// drawLine draws one line of text with its top-left at (x, y).
func (t *typesetter) drawLine(dst *ebiten.Image, s string, r fontRole, x, y float64, c color.Color) {
	if s == "" {
		return
	}
	col := rgba(c)
	alpha := float32(1)
	if col.A != 0xff && col.A != 0 {
		// A faded colour: draw the opaque one, scaled.
		alpha = float32(col.A) / 0xff
		col = color.RGBA{uint8(min(255, int(col.R)*255/int(col.A))), uint8(min(255, int(col.G)*255/int(col.A))), uint8(min(255, int(col.B)*255/int(col.A))), 0xff}
	}
	f := t.face(r)
	k := textKey{s: s, role: r, size: f.Size, col: col}
	t.cachedText(dst, k, t.width(s, r), t.boxH(r), x, y, alpha, func(img *ebiten.Image, x, y float64) {
		t.drawGlyphs(img, s, r, x, y, col)
	})
}

// drawGlyphs draws text glyph by glyph, uncached, each run in the font
// that draws it, on the baseline of the role's Noto Sans; characters that
// no font has are left out.
func (t *typesetter) drawGlyphs(dst *ebiten.Image, s string, r fontRole, x, y float64, c color.Color) {
	x, y = math.Round(x), math.Round(y)
	ascent := t.face(r).Metrics().HAscent
	for run := range fontRuns(s, styleFor(r)) {
		if run.Font == noFont {
			continue
		}
		part, f := s[run.Start:run.End], t.runFace(r, run.Font)
		dy := 0.0
		if run.Font != 0 {
			dy = math.Round(ascent - f.Metrics().HAscent)
		}
		t.drawRun(dst, part, f, math.Round(x), y+dy, c)
		x += text.Advance(part, f)
	}
}

// drawRun draws text in one face with the top of its line box at (x, y),
// as text.Draw does, counting any .notdef glyph in t.notdef.
func (t *typesetter) drawRun(dst *ebiten.Image, s string, f *text.GoTextFace, x, y float64, c color.Color) {
	t.glyphs = text.AppendGlyphs(t.glyphs[:0], s, f, nil)
	op := &ebiten.DrawImageOptions{}
	op.ColorScale.ScaleWithColor(c)
	for _, g := range t.glyphs {
		if g.GID == 0 {
			t.notdef++
		}
		if g.Image == nil {
			continue
		}
		op.GeoM.Reset()
		op.GeoM.Translate(x+g.X, y+g.Y)
		dst.DrawImage(g.Image, op)
	}
	clear(t.glyphs) // let go of the glyph images
}

// drawCentered draws one line centred on (cx, cy).
func (t *typesetter) drawCentered(dst *ebiten.Image, s string, r fontRole, cx, cy float64, c color.Color) {
	w := t.width(s, r)
	t.drawLine(dst, s, r, cx-w/2, cy-t.boxH(r)/2, c)
}

// drawPara draws a wrapped paragraph with its top-left at (x, y), showing
// only its first limit runes when limit ≥ 0. A whole paragraph is drawn
// from the image cache; a partly revealed one glyph by glyph.
func (t *typesetter) drawPara(dst *ebiten.Image, p *para, r fontRole, x, y float64, c color.Color, limit int) {
	if limit < 0 || limit >= p.total {
		col := rgba(c)
		alpha := float32(1)
		if col.A != 0xff && col.A != 0 {
			alpha = float32(col.A) / 0xff
			col = color.RGBA{uint8(min(255, int(col.R)*255/int(col.A))), uint8(min(255, int(col.G)*255/int(col.A))), uint8(min(255, int(col.B)*255/int(col.A))), 0xff}
		}
		k := textKey{p: p, role: r, size: t.face(r).Size, col: col}
		t.cachedText(dst, k, p.width, float64(p.height), x, y, alpha, func(img *ebiten.Image, x, y float64) {
			for i, l := range p.lines {
				t.drawGlyphs(img, l, r, x, y+float64(i)*p.lineH, col)
			}
		})
		return
	}
	for i, l := range p.lines {
		if p.runes[i] >= limit {
			return
		}
		if p.runes[i]+utf8.RuneCountInString(l) > limit {
			l = firstRunes(l, limit-p.runes[i])
		}
		t.drawGlyphs(dst, l, r, x, y+float64(i)*p.lineH, c)
	}
}

func firstRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}
