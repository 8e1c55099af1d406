//go:build !js

package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/therasim/therasim/internal/watch/watchtest"
)

// wait is how long a test waits for a save to be reported before it
// fails: far longer than any machine needs.
const wait = 30 * time.Second

// The ways editors save a file.
var saves = []struct {
	name string
	save func(path string, data []byte) error
}{
	{"in place", func(path string, data []byte) error { return os.WriteFile(path, data, 0o644) }},
	{"renamed over", func(path string, data []byte) error {
		tmp := filepath.Join(filepath.Dir(path), ".talk.toml.swp")
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			return err
		}
		return os.Rename(tmp, path)
	}},
	{"deleted and created", func(path string, data []byte) error {
		if err := os.Remove(path); err != nil {
			return err
		}
		return os.WriteFile(path, data, 0o644)
	}},
	{"in pieces", func(path string, data []byte) error {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		for i := 0; i < len(data); i += 64 {
			if _, err := f.Write(data[i:min(i+64, len(data))]); err != nil {
				f.Close()
				return err
			}
		}
		return f.Close()
	}},
}

func TestWatcher(t *testing.T) {
	for _, s := range saves {
		t.Run(s.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "talk.toml")
			if err := os.WriteFile(path, []byte("one"), 0o644); err != nil {
				t.Fatal(err)
			}
			w, err := New(0, path)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			// A file beside it is not watched; the file is.
			if err := os.WriteFile(filepath.Join(dir, "other.toml"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			want := []byte(watchtest.Talk(t))
			if err := s.save(path, want); err != nil {
				t.Fatal(err)
			}
			select {
			case at := <-w.C:
				if at.IsZero() {
					t.Error("the save is reported without the time it was seen")
				}
			case <-time.After(wait):
				t.Fatal("the save was not reported")
			}
			// Reported once the changes settled: the file is whole.
			if got, err := os.ReadFile(path); err != nil || string(got) != string(want) {
				t.Errorf("read after the report: %d bytes (%v), want %d", len(got), err, len(want))
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			for range w.C {
			}
		})
	}
}

func TestWatcherRelative(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("talk.toml", []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := New(0, "talk.toml")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := os.WriteFile("talk.toml", []byte("two"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-w.C:
	case <-time.After(wait):
		t.Fatal("the save of a file named relative to the working folder was not reported")
	}
}

func TestWatcherNoFolder(t *testing.T) {
	_, err := New(0, filepath.Join(t.TempDir(), "gone", "talk.toml"))
	if err == nil {
		t.Fatal("watching a file in a folder that does not exist: no error")
	}
}

// BenchmarkSave measures how soon a save is reported: from the Close of
// the file written to the value on C. It reports the median and the worst
// in milliseconds; most of it is Settle.
func BenchmarkSave(b *testing.B) {
	path := filepath.Join(b.TempDir(), "talk.toml")
	data := []byte(watchtest.Talk(b))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	w, err := New(0, path)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	var took []time.Duration
	for b.Loop() {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Fatal(err)
		}
		closed := time.Now()
		<-w.C
		took = append(took, time.Since(closed))
	}
	reportLatency(b, took)
}

// reportLatency reports the median and the worst of took, in
// milliseconds, as the benchmark's metrics.
func reportLatency(b *testing.B, took []time.Duration) {
	if len(took) == 0 {
		return
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2])/1e6, "median-ms")
	b.ReportMetric(float64(took[len(took)-1])/1e6, "worst-ms")
	b.ReportMetric(float64(len(took)), "saves")
}
