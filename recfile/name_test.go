package recfile_test

import (
	"testing"

	"github.com/therasim/therasim/recfile"
)

func TestSlug(t *testing.T) {
	for _, tc := range []struct {
		in   string
		most int
		want string
	}{
		{"Alex Smith", 40, "alex-smith"},
		{"  Zoë O'Neil!! ", 40, "zo-o-neil"},
		{"cbt-depression", 60, "cbt-depression"},
		{"王芳", 40, "trainee"},
		{"", 40, "trainee"},
		{"../../etc/passwd", 40, "etc-passwd"},
		{"İstanbul Ünal", 40, "istanbul-nal"},
		{"a b c d e f", 4, "a-b-c"},
		{"abcdefgh", 4, "abcd"},
	} {
		if got := recfile.Slug(tc.in, "trainee", tc.most); got != tc.want {
			t.Errorf("Slug(%q, %d) = %q, want %q", tc.in, tc.most, got, tc.want)
		}
	}
}
