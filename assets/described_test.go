//go:build display

package assets

import (
	"testing"

	"github.com/therasim/therasim/sim"
)

// TestDescribedNamesEverything: every name a scenario may give in
// [client.appearance] changes the portrait, and to what it names.
func TestDescribedNamesEverything(t *testing.T) {
	base := LookFor("Sam Example", "they/them")
	for _, f := range []struct {
		names []string
		set   func(name string) Look
		named map[string]bool
	}{
		{sim.SkinTones(), func(n string) Look { return base.Described(n, "", "", "") }, nil},
		{sim.HairColours(), func(n string) Look { return base.Described("", n, "", "") }, nil},
		{sim.HairStyles(), func(n string) Look { return base.Described("", "", n, "") }, nil},
		{sim.EyeColours(), func(n string) Look { return base.Described("", "", "", n) }, nil},
	} {
		seen := map[Look]string{}
		for _, n := range f.names {
			l := f.set(n)
			if other, ok := seen[l]; ok {
				t.Errorf("%q looks the same as %q", n, other)
			}
			seen[l] = n
		}
	}
	if got := base.Described("", "", "", ""); got != base {
		t.Errorf("no names changed the look: %+v, want %+v", got, base)
	}
	if l := base.Described("deep", "black", "short", "dark brown"); l.Skin != skinTones[7] || l.Hair != hairColours[1] || l.HairStyle != HairShort || l.Eyes != eyeColours[1] {
		t.Errorf("described look %+v", l)
	}
}
