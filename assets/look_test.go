//go:build display

package assets

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

func TestExpressionString(t *testing.T) {
	want := []string{"neutral", "engaged", "guarded", "upset", "relieved"}
	if len(Expressions) != len(want) {
		t.Fatalf("%d expressions, want %d", len(Expressions), len(want))
	}
	for i, e := range Expressions {
		if e != Expression(i) || e.String() != want[i] {
			t.Errorf("Expressions[%d] = %d %q, want %d %q", i, e, e, i, want[i])
		}
	}
	if got := Expression(9).String(); got != "Expression(9)" {
		t.Errorf("Expression(9).String() = %q", got)
	}
}

func TestLookFor(t *testing.T) {
	maya := LookFor("Maya Collins", "she/her")
	if maya != LookFor("  maya collins ", "she/her") {
		t.Error("LookFor depends on case or spaces around the name")
	}
	if maya.HairStyle != HairShoulder || (maya.Hair != hairColours[0] && maya.Hair != hairColours[3]) || maya.Masculine || maya.Age != 0 {
		t.Errorf("Maya Collins looks like %+v, want shoulder-length dark brown hair", maya)
	}
	// Deterministic, within the palettes, and pronouns respected.
	for _, name := range []string{"Maya Collins", "Daniel Okafor", "Sam Rivera", "Helen Park", "Tom Becker", "A", ""} {
		for _, pr := range []string{"she/her", "he/him", "they/them", ""} {
			l := LookFor(name, pr)
			if l != LookFor(name, pr) {
				t.Fatalf("LookFor(%q, %q) is not deterministic", name, pr)
			}
			if indexOf(skinTones, l.Skin) < 0 || l.HairStyle < 0 || l.HairStyle >= NumHairStyles {
				t.Errorf("LookFor(%q, %q) = %+v: out of the palette", name, pr, l)
			}
			switch pr {
			case "she/her":
				if l.HairStyle == HairShort || l.Masculine {
					t.Errorf("LookFor(%q, she/her) = %+v", name, l)
				}
			case "he/him":
				if !l.Masculine || (l.HairStyle != HairShort && l.HairStyle != HairCurly) {
					t.Errorf("LookFor(%q, he/him) = %+v", name, l)
				}
			}
		}
	}
}

func TestLookDefaults(t *testing.T) {
	l := Look{}.withDefaults()
	if l.Skin != defaultSkin || l.Hair != defaultHair || l.Eyes != defaultEyes || l.Top != defaultTop || l.Age != 34 || l.HairStyle != HairShoulder {
		t.Errorf("zero Look defaults to %+v", l)
	}
	if got := (Look{HairStyle: -1}).withDefaults().HairStyle; got != NumHairStyles-1 {
		t.Errorf("HairStyle -1 becomes %d", got)
	}
}

func TestFonts(t *testing.T) {
	srcs := map[string]*text.GoTextFaceSource{"Regular": Regular(), "Bold": Bold(), "Italic": Italic()}
	widths := map[float64]string{}
	for name, src := range srcs {
		if src == nil {
			t.Fatalf("%s() is nil", name)
		}
		w, h := text.Measure("Therapeutic alliance", &text.GoTextFace{Source: src, Size: 20}, 24)
		if w <= 0 || h <= 0 {
			t.Errorf("%s: measured %v×%v", name, w, h)
		}
		widths[w] = name
	}
	if len(widths) != 3 {
		t.Errorf("Regular, Bold and Italic measure alike: %v", widths)
	}
	if Regular() != Regular() {
		t.Error("Regular() parses the font again")
	}
}
