package ui

import "testing"

// TestFieldTyping: what typing and pasting put into a one-line field, the
// picker's and the instructor's alike.
func TestFieldTyping(t *testing.T) {
	for _, tc := range []struct {
		name    string
		had     string
		typed   string
		pasted  string
		most    int
		squeeze bool
		want    string
		cut     bool
	}{
		{name: "letters and spaces", typed: "Ana María", most: 80, want: "Ana María"},
		{name: "no space first", typed: "  Ana", most: 80, want: "Ana"},
		{name: "no control character", typed: "A\tn\na", most: 80, want: "Ana"},
		{name: "no more than most", typed: "ABCDEFGH", most: 6, want: "ABCDEF"},
		{name: "a key takes no space", typed: "k3y of", most: 64, squeeze: true, want: "k3yof"},
		{name: "a pasted name, on one line", had: "Ana ", pasted: "María\nRuiz", most: 80, want: "Ana María Ruiz"},
		{name: "a paste after a space", had: "Ana ", pasted: "  Ruiz", most: 80, want: "Ana Ruiz"},
		{name: "a paste after a word keeps its space", had: "to", pasted: " fix it", most: 80, want: "to fix it"},
		{name: "a paste before a word keeps its space", had: "I", pasted: " noticed ", most: 80, want: "I noticed "},
		{name: "a copied line's end is no space", had: "I", pasted: " noticed\n", most: 80, want: "I noticed"},
		{name: "a pasted space alone after a space", had: "I ", pasted: " ", most: 80, want: "I "},
		{name: "a paste cut to most", pasted: "ABCDEFGH", most: 6, want: "ABCDEF", cut: true},
		{name: "a pasted key loses its spaces", pasted: "  k3y-of-the-\nclass \n", most: 64, squeeze: true, want: "k3y-of-the-class"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := []rune(tc.had)
			for _, r := range tc.typed {
				typeInto(&text, r, tc.most, tc.squeeze)
			}
			cut := false
			if tc.pasted != "" {
				cut = pasteInto(&text, tc.pasted, tc.most, tc.squeeze)
			}
			if string(text) != tc.want || cut != tc.cut {
				t.Errorf("the field holds %q (cut %v), want %q (cut %v)", string(text), cut, tc.want, tc.cut)
			}
			backspace(&text)
			if want := []rune(tc.want); string(text) != string(want[:len(want)-1]) {
				t.Errorf("after Backspace %q", string(text))
			}
		})
	}
}
