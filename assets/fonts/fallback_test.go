package fonts

import (
	"slices"
	"testing"
)

// TestNamesCovered checks that some embedded font draws every character
// of each name, and that the fonts chosen for it have them.
func TestNamesCovered(t *testing.T) {
	for _, name := range SampleNames {
		if m := Missing(name); len(m) > 0 {
			t.Errorf("%q: no font draws %q", name, m)
		}
		for _, st := range []Style{StyleRegular, StyleBold, StyleItalic} {
			for run := range Runs(name, st) {
				for _, r := range name[run.Start:run.End] {
					if run.Font == NoFont || !Ignorable(r) && !Has(run.Font, st, r) {
						t.Errorf("%q style %d: %q is in a run of font %d, which lacks it", name, st, r, run.Font)
					}
				}
			}
		}
	}
}

// TestRuns checks how text is split between fonts.
func TestRuns(t *testing.T) {
	type want struct {
		text string
		font int
	}
	font := func(name string) int {
		for i, f := range Fallbacks {
			if f.Name == name {
				return i + 1
			}
		}
		t.Fatalf("no fallback %q", name)
		return 0
	}
	cjk, arabic, emoji := font("Droid Sans Fallback: Chinese, Japanese and Korean"), font("Noto Sans Arabic UI"), font("GNU Unifont: emoji")
	tests := []struct {
		in   string
		want []want
	}{
		{"Alex Smith", []want{{"Alex Smith", MainFont}}},
		{"Zoë", []want{{"Zoë", MainFont}}},
		{"王芳", []want{{"王芳", cjk}}},
		{"Wang 王芳 (Fang)", []want{{"Wang ", MainFont}, {"王芳", cjk}, {" (Fang)", MainFont}}},
		// The space between Arabic words stays in the Arabic run, so that
		// the shaper orders the words right to left.
		{"محمد علي", []want{{"محمد علي", arabic}}},
		{"Sam 🙂", []want{{"Sam ", MainFont}, {"🙂", emoji}}},
		// Punctuation after the last Arabic word is not in its run.
		{"محمد علي, seed 3", []want{{"محمد علي", arabic}, {", seed 3", MainFont}}},
		{"דוד לוי (Tel Aviv)", []want{{"דוד לוי", font("Noto Sans Hebrew")}, {" (Tel Aviv)", MainFont}}},
		// The variation selector and the skin tone stay with their emoji.
		{"👍🏽 ❤️", []want{{"👍🏽", emoji}, {" ", MainFont}, {"❤️", font("GNU Unifont: symbols")}}},
		{"a\U000E0001b", []want{{"a\U000E0001b", MainFont}}},
		{"x\U0010FFFDy", []want{{"x", MainFont}, {"\U0010FFFD", NoFont}, {"y", MainFont}}},
	}
	for _, tt := range tests {
		var got []want
		for r := range Runs(tt.in, StyleRegular) {
			got = append(got, want{tt.in[r.Start:r.End], r.Font})
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Runs(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestMissing checks that characters no font has are reported, once each.
func TestMissing(t *testing.T) {
	if got := Missing("Ann\U0010FFFD\U0010FFFD \u0A85 \u200D"); !slices.Equal(got, []rune{0x10FFFD, 0x0A85}) {
		t.Errorf("Missing = %U, want the private-use character and the Gujarati letter", got)
	}
	if got := Missing("王芳 Zoë 🙂"); got != nil {
		t.Errorf("Missing = %U, want none", got)
	}
}

// TestASCII checks the shortcut that takes printable ASCII to be in Noto
// Sans without looking.
func TestASCII(t *testing.T) {
	for _, st := range []Style{StyleRegular, StyleBold, StyleItalic} {
		cov := mainCover[st]()
		for r := rune(0x20); r < 0x7f; r++ {
			if !in(cov, r) {
				t.Errorf("Noto Sans style %d lacks %q", st, r)
			}
		}
	}
}

// TestFallbacksParse checks that every fallback font parses and has a
// glyph for a character it is for, and only one font is for it.
func TestFallbacksParse(t *testing.T) {
	samples := []rune{'王', 'م', 'ד', 'र', 'ก', '🙂', '☺'}
	if len(samples) != len(Fallbacks) {
		t.Fatalf("%d samples for %d fallbacks", len(samples), len(Fallbacks))
	}
	for i, f := range Fallbacks {
		for j := range Fallbacks {
			if got := Has(j+1, StyleRegular, samples[i]); got != (i == j) {
				t.Errorf("%s: Has(%q) = %v", Fallbacks[j].Name, samples[i], got)
			}
		}
		if Has(MainFont, StyleRegular, samples[i]) {
			t.Errorf("Noto Sans has %q: %s is not needed for it", samples[i], f.Name)
		}
	}
}
