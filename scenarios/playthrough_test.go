package scenarios_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/therasim/therasim/playtest"
	"github.com/therasim/therasim/scenarios/scenariotest"
)

// TestShippedPlaytests runs the playthrough tests beside each shipped
// course (NAME.test.toml, package playtest), as `therasim test scenarios`
// does: a change to a course that breaks what its author expects fails
// here, with the test's name and what did not hold.
func TestShippedPlaytests(t *testing.T) {
	names, err := filepath.Glob("*" + playtest.Suffix)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("no playthrough tests beside the shipped courses")
	}
	for _, n := range names {
		t.Run(n, func(t *testing.T) {
			suite, err := playtest.Open(os.DirFS("."), n, scenariotest.Model(t))
			if err != nil {
				t.Fatalf("the tests do not load:\n%v", err)
			}
			for _, pt := range suite.Tests {
				for _, f := range pt.Run().Failures {
					t.Errorf("%q: %v", pt.Name, f)
				}
			}
		})
	}
}
