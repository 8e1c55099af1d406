package recfile

import (
	"strings"
	"unicode"
)

// Slug returns s as a part of a recording's file name: its ASCII letters
// and digits, lower-cased, with one hyphen for every run of other
// characters between them, and at most about most bytes (it stops at the
// first letter or digit past most, so it never ends in a hyphen); empty
// when s has no ASCII letter or digit, e.g. "Zoë O'Neil" gives "zo-o-neil"
// and "王芳" gives "empty".
func Slug(s, empty string, most int) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		r = unicode.ToLower(r)
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			if b.Len() >= most {
				break
			}
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return empty
	}
	return b.String()
}
