package scenarios_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/therasim/therasim/scenarios"
)

// TestDir: a folder's scenarios are its .toml files but models and
// playthrough tests, in name order, each loaded or with its mistakes.
func TestDir(t *testing.T) {
	m, err := scenarios.Model()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good, err := os.ReadFile("../sim/testdata/variables/clock.toml")
	if err != nil {
		t.Fatal(err)
	}
	model, err := os.ReadFile(scenarios.ModelFile)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"b-clock.toml":    good,
		"a-broken.toml":   []byte("[scenario]\nid = \"x\"\n"),
		"clock.test.toml": []byte("scenario = \"b-clock.toml\"\n"),
		"my-model.toml":   model,
		"notes.txt":       []byte("not a scenario"),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := scenarios.Dir(m, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 {
		t.Fatalf("%d files, want 2: %+v", len(files), files)
	}
	if f := files[0]; filepath.Base(f.Path) != "a-broken.toml" || f.Err == nil || f.Scenario != nil {
		t.Errorf("first file %s: %v", f.Path, f.Err)
	}
	if f := files[1]; filepath.Base(f.Path) != "b-clock.toml" || f.Err != nil || f.Scenario == nil || f.Scenario.ID != "clock" {
		t.Errorf("second file %s: %v", f.Path, f.Err)
	}
	if _, err := scenarios.Dir(m, filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing folder gives no error")
	}
}
