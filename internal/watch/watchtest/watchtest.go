// Package watchtest gives the tests of --watch (packages watch, ui and the
// therasim command) one small scenario to revise as an author would.
package watchtest

import (
	_ "embed"
	"strings"
	"testing"
)

// talk is a two-session scenario whose options have ids in the first
// session and none in the second.
//
//go:embed talk.toml
var talk string

// Talk returns the scenario with the edits old→new given in pairs, each
// of which must apply.
func Talk(t testing.TB, pairs ...string) string {
	t.Helper()
	s := talk
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("the edit does not apply: %q is not in the scenario", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}
