package ui

import (
	"image"
	"strings"
	"testing"
)

// greekPath is a scenario whose client has a Greek name of two words.
const greekPath = "testdata/greek.toml"

// TestClientNameWhole: a client's name of two words and ordinary length
// (Ελένη Παπαδοπούλου, 29) is shown whole under the portrait, on a second
// line where one is too narrow, with the age kept beside the last word;
// and whole in the picker's details; at 1280×800 and 1024×640.
func TestClientNameWhole(t *testing.T) {
	const want = "Ελένη Παπαδοπούλου,\u00a029"
	for _, size := range []image.Point{{1280, 800}, {1024, 640}} {
		for _, assess := range []bool{false, true} {
			a := newTestApp(t, Options{Scenario: greekPath, Trainee: "Alex", Assess: assess})
			d := newDriver(t, a)
			d.size = size
			d.idle(2)
			l := screenOf[*sessionScreen](t, a).layout()
			name := strings.Join(l.name.lines, " ")
			if name != want || len(l.name.lines) > 2 {
				t.Errorf("%v, assessment %v: the name is shown as %q, want %q on one or two lines", size, assess, l.name.lines, want)
			}
			if bottom := l.nameY + l.name.height; !assess && bottom > l.oq.Min.Y {
				t.Errorf("%v: the name's bottom (%d) is under the OQ-45's top (%d)", size, bottom, l.oq.Min.Y)
			}
			if w := int(l.name.width); w > l.left.Dx() {
				t.Errorf("%v: the name is %d px wide in a column of %d", size, w, l.left.Dx())
			}
		}

		a := newTestApp(t, Options{Scenario: greekPath})
		d := newDriver(t, a)
		d.size = size
		d.idle(2)
		p := screenOf[*picker](t, a)
		chips := p.layout().dcontent.chips
		if !strings.Contains(strings.Join(chips, "|"), "Client: Ελένη Παπαδοπούλου, 29") {
			t.Errorf("%v: the picker's details show %q, not the client's whole name", size, chips)
		}
	}
}

// TestUpper: labels in capitals follow the case rules of the text's
// language; Greek capitals have no accents.
func TestUpper(t *testing.T) {
	for _, c := range []struct{ s, lang, want string }{
		{"Ελένη", "", "ΕΛΕΝΗ"},
		{"Ελένη Παπαδοπούλου", "en", "ΕΛΕΝΗ ΠΑΠΑΔΟΠΟΥΛΟΥ"},
		{"Ελένη", "el", "ΕΛΕΝΗ"},
		{"Ελένη", "not a tag", "ΕΛΕΝΗ"},
		{"Έλενα's", "en", "ΕΛΕΝΑ'S"},
		{"ἄλφα", "", "ΑΛΦΑ"},
		{"Μάιος", "el", "ΜΑΪΟΣ"}, // the accent parted two vowels: a diaeresis keeps them apart
		{"ρολόι", "el", "ΡΟΛΟΪ"},
		{"Μαΐου", "el", "ΜΑΪΟΥ"}, // the diaeresis stays, the accent goes
		{"παιδί", "el", "ΠΑΙΔΙ"},
		{"First meeting", "en", "FIRST MEETING"},
		{"café", "fr", "CAFÉ"}, // other scripts keep their accents
		{"Zoë", "en", "ZOË"},
		{"istanbul", "tr", "İSTANBUL"},
		{"istanbul", "en", "ISTANBUL"},
		{"Straße", "de", "STRASSE"},
	} {
		if got := upper(c.s, c.lang); got != c.want {
			t.Errorf("upper(%q, %q) = %q, want %q", c.s, c.lang, got, c.want)
		}
	}
}

// TestWrapNoBreakSpace: a line breaks at spaces but not at a no-break
// space.
func TestWrapNoBreakSpace(t *testing.T) {
	width := func(s string) float64 { return float64(len([]rune(s))) }
	got := wrapLine("Ελένη Παπαδοπούλου,\u00a029", 16, width)
	want := []string{"Ελένη", "Παπαδοπούλου,\u00a029"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("wrapLine = %q, want %q", got, want)
	}
}
