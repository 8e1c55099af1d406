package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSummaryTitle: the summary of a folder is titled after the folder,
// also when it is named "." (the folder one is in).
func TestSummaryTitle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "seminar-3")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{dir}, "Class summary: seminar-3"},
		{[]string{"."}, "Class summary: seminar-3"},
		{[]string{"a.jsonl", "b.jsonl"}, "Class summary: week-2"},
	} {
		if got := summaryTitle(c.args, "week-2.html"); got != c.want {
			t.Errorf("summaryTitle(%q) = %q, want %q", c.args, got, c.want)
		}
	}
}
