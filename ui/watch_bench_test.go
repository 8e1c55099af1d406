//go:build !js

package ui

import (
	"image"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/therasim/therasim/internal/watch"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// BenchmarkWatchReload measures how soon a save is on screen: from the
// Close of the scenario file to the end of the first frame drawn with the
// reloaded scenario, through the watcher that 'therasim play --watch' uses,
// the load of the shipped course (the largest scenario there is), the
// replay and a frame loop paced at 60 frames a second as Ebiten's is. It
// reports the median and the worst in milliseconds.
func BenchmarkWatchReload(b *testing.B) {
	needDisplay(b)
	_, data, err := scenarios.Open(mustModel(b), scenarios.Default)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "course.toml")
	versions := [][]byte{data, append(slices.Clone(data), "\n# revised\n"...)}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	w, err := watch.New(0, path)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	revs := make(chan Revision, 1)
	a := newTestApp(b, Options{Scenario: path, Trainee: "Alex", Revisions: revs})
	go func() {
		for range w.C {
			data, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			sc, err := sim.Load(path, data, a.model)
			revs <- Revision{Path: path, Scenario: sc, Err: err}
		}
	}()
	d := newDriver(b, a)
	for range 3 {
		d.step(careful, true)
	}
	d.reveal()
	drawn := make(chan time.Time, 1)
	a.watch.shown = func() { drawn <- time.Now() }

	// The frames: one every sixtieth of a second until the saves are done,
	// then as fast as they come. The saves start after a second of them.
	var done atomic.Bool
	warm := make(chan struct{})
	saves := b.N
	frames := 60 + saves*30
	start := time.Now()
	j := &renderJob{a: a, size: image.Pt(1280, 800), scale: 1, frames: frames, done: make(chan struct{}), input: func(i int) input {
		if i == 60 {
			close(warm)
		}
		if !done.Load() {
			time.Sleep(time.Until(start.Add(time.Duration(i) * time.Second / 60)))
		}
		return input{}
	}}
	theHarness.jobs <- j
	<-warm
	var took []time.Duration
	b.ResetTimer()
	for i := range saves {
		if err := os.WriteFile(path, versions[(i+1)%2], 0o644); err != nil {
			b.Fatal(err)
		}
		closed := time.Now()
		select {
		case t := <-drawn:
			took = append(took, t.Sub(closed))
		case <-j.done:
			b.Fatalf("the frames ran out at save %d", i+1)
		}
	}
	b.StopTimer()
	done.Store(true)
	<-j.done
	if n := a.course.run.Choices(); n != 3 {
		b.Errorf("the reloaded run has %d choices, want 3", n)
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2])/1e6, "median-ms")
	b.ReportMetric(float64(took[len(took)-1])/1e6, "worst-ms")
}
