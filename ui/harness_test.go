package ui

import (
	"image"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// The rendering harness. Ebiten runs one game per process, on the main
// thread, so TestMain runs the tests on another goroutine inside a game
// whose frames draw whatever app a test hands it: a test sends a job, the
// harness plays the app for the job's frames with the job's input, reads
// the last frame's pixels and hands them back. Tests that need no GPU run
// as usual; those that do call render, which skips when there is no
// display.

var theHarness *harness

// runTests runs the tests inside the harness when there is a display.
func runTests(m *testing.M) int {
	if os.Getenv("DISPLAY") == "" {
		return m.Run()
	}
	h := &harness{jobs: make(chan *renderJob), quit: make(chan struct{})}
	theHarness = h
	ebiten.SetWindowTitle("TheraSim tests")
	ebiten.SetWindowSize(640, 400)
	ebiten.SetVsyncEnabled(false)
	ebiten.SetTPS(ebiten.SyncWithFPS)
	ebiten.SetRunnableOnUnfocused(true)
	code := 1
	go func() {
		defer close(h.quit)
		code = m.Run()
	}()
	if err := ebiten.RunGameWithOptions(h, &ebiten.RunGameOptions{InitUnfocused: true}); err != nil {
		os.Stderr.WriteString("harness: " + err.Error() + "\n")
		return 1
	}
	return code
}

// renderJob is one app to play and capture, a frame every sixtieth of a
// second unless its input says otherwise.
type renderJob struct {
	a      *app
	size   image.Point
	scale  float64
	frames int
	// input gives frame i's input; nil means none.
	input func(i int) input

	n    int
	shot *image.RGBA
	// Timing of the app's Update and Draw, summed over all frames.
	cpu  time.Duration
	wall time.Duration
	t0   time.Time
	done chan struct{}
}

type harness struct {
	mu   sync.Mutex
	jobs chan *renderJob
	quit chan struct{}
	cur  *renderJob
	off  *ebiten.Image
}

func (h *harness) Update() error {
	select {
	case <-h.quit:
		return ebiten.Termination
	default:
	}
	if h.cur == nil {
		select {
		case j := <-h.jobs:
			h.cur = j
			j.t0 = time.Now()
		default:
			return nil
		}
	}
	j := h.cur
	if j.n >= j.frames {
		return nil
	}
	in := input{}
	if j.input != nil {
		in = j.input(j.n)
	}
	in.Size, in.Scale = j.size, j.scale
	if in.DT == 0 {
		in.DT = time.Second / 60
	}
	t := time.Now()
	j.a.Update(in)
	j.cpu += time.Since(t)
	j.n++
	return nil
}

func (h *harness) Draw(screen *ebiten.Image) {
	j := h.cur
	if j == nil || j.n == 0 {
		return
	}
	if h.off == nil || h.off.Bounds().Size() != j.size {
		if h.off != nil {
			h.off.Deallocate()
		}
		h.off = ebiten.NewImage(j.size.X, j.size.Y)
	}
	t := time.Now()
	j.a.Draw(h.off)
	j.cpu += time.Since(t)
	screen.DrawImage(h.off, nil)
	if j.n >= j.frames {
		img := image.NewRGBA(image.Rectangle{Max: j.size})
		h.off.ReadPixels(img.Pix)
		j.shot = img
		j.wall = time.Since(j.t0)
		h.cur = nil
		close(j.done)
	}
}

func (h *harness) Layout(w, hh int) (int, int) {
	if j := h.cur; j != nil {
		return j.size.X, j.size.Y
	}
	return 640, 400
}

// needDisplay skips a test that draws when there is no display.
func needDisplay(t testing.TB) {
	t.Helper()
	if theHarness == nil {
		t.Skip("no display: set DISPLAY, or install Xvfb for the tests to start one")
	}
}

// render plays a for frames frames at size (device scale 1) and returns
// the last frame.
func render(t testing.TB, a *app, size image.Point, frames int, input func(int) input) *renderJob {
	t.Helper()
	needDisplay(t)
	if frames < 1 {
		frames = 1
	}
	j := &renderJob{a: a, size: size, scale: 1, frames: frames, input: input, done: make(chan struct{})}
	theHarness.jobs <- j
	select {
	case <-j.done:
	case <-time.After(5 * time.Minute):
		t.Fatal("the harness did not render in time")
	}
	return j
}
