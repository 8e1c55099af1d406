package sim

import (
	"fmt"
	"slices"
	"strings"
)

// Appearance is how the scenario's author describes the client's looks,
// for the portrait the window draws: each field one of a few named values,
// "" to leave it to the portrait's own choice (made from the client's name
// and pronouns). The names are the scenario format's; the window owns the
// colours they stand for.
type Appearance struct {
	// Skin is the skin tone, from "light" to "deep" (SkinTones).
	Skin string `toml:"skin"`
	// Hair is the hair colour (HairColours).
	Hair string `toml:"hair"`
	// HairStyle is the cut (HairStyles).
	HairStyle string `toml:"hair_style"`
	// Eyes is the iris colour (EyeColours).
	Eyes string `toml:"eyes"`
}

// SkinTones returns the skin tones an Appearance may name, light to deep.
func SkinTones() []string {
	return []string{"light", "fair", "medium", "olive", "tan", "brown", "dark brown", "deep"}
}

// HairColours returns the hair colours an Appearance may name.
func HairColours() []string {
	return []string{"black", "dark brown", "deep brown", "chestnut", "auburn", "blonde", "grey"}
}

// HairStyles returns the hair styles an Appearance may name.
func HairStyles() []string { return []string{"shoulder", "short", "tied", "curly"} }

// EyeColours returns the iris colours an Appearance may name.
func EyeColours() []string {
	return []string{"brown", "dark brown", "hazel", "green", "blue", "grey"}
}

// appearance checks the client's appearance table: each value must be one
// of its names.
func (ld *loader) appearance(a Appearance) Appearance {
	for _, f := range []struct {
		key   string
		value *string
		names []string
	}{
		{"skin", &a.Skin, SkinTones()},
		{"hair", &a.Hair, HairColours()},
		{"hair_style", &a.HairStyle, HairStyles()},
		{"eyes", &a.Eyes, EyeColours()},
	} {
		v := strings.ToLower(strings.TrimSpace(*f.value))
		if v == "" {
			continue
		}
		if !slices.Contains(f.names, v) {
			ld.errorf("client.appearance."+f.key, "%s = %q%s: write one of %s", f.key, *f.value, didYouMean(v, f.names), quoteList(f.names))
			continue
		}
		*f.value = v
	}
	return a
}

// quoteList writes names as "a", "b" or "c".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
