package recfile_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/therasim/therasim/recfile"
)

// TestOneWriter: while one writer holds a recording, a second is refused
// at once, whether it would go on with it or create it; once the first
// closes, the next may write.
func TestOneWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.jsonl")
	first, err := recfile.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.WriteString("{}\n"); err != nil {
		t.Fatal(err)
	}
	if _, err := recfile.Append(path); !errors.Is(err, recfile.ErrBusy) {
		t.Errorf("a second writer: %v, want ErrBusy", err)
	}
	if _, err := recfile.Create(path); !errors.Is(err, recfile.ErrBusy) {
		t.Errorf("creating it again while it is written: %v, want ErrBusy", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := recfile.Create(path); !errors.Is(err, fs.ErrExist) {
		t.Errorf("creating a recording that exists: %v, want fs.ErrExist", err)
	}
	next, err := recfile.Append(path)
	if err != nil {
		t.Fatalf("after the first writer closed: %v", err)
	}
	if _, err := next.WriteString("{}\n"); err != nil {
		t.Fatal(err)
	}
	next.Close()
	if data, _ := os.ReadFile(path); string(data) != "{}\n{}\n" {
		t.Errorf("the recording holds %q", data)
	}
	if _, err := recfile.Append(filepath.Join(t.TempDir(), "none.jsonl")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a recording that does not exist: %v", err)
	}
}
