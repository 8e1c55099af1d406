package ui

import (
	"image"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// testNow is the clock of every test app.
var testNow = time.Date(2026, 11, 23, 14, 5, 9, 0, time.UTC)

// miniPath is the engine's small test scenario.
const miniPath = "../sim/testdata/mini.toml"

// newTestApp builds an app on a fresh data folder (or opts.DataDir), with
// a fixed clock and seed, and shows its first screen.
func newTestApp(t testing.TB, opts Options) *app {
	t.Helper()
	return newTestAppSeed(t, opts, 1)
}

func newTestAppSeed(t testing.TB, opts Options, seed uint64) *app {
	t.Helper()
	if opts.DataDir == "" {
		opts.DataDir = t.TempDir()
	}
	st, err := newFileStorage(opts.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	a, err := newApp(opts, st)
	if err != nil {
		t.Fatal(err)
	}
	a.now = func() time.Time { return testNow }
	a.seed = func() uint64 { return seed }
	a.begin()
	return a
}

// driver feeds an app synthetic frames at one window size, one every dt
// (a sixtieth of a second unless a test sets another).
//
// Its press, ctrl, typeText and click are a patient trainee's: each first
// waits until what it acts on has been on screen long enough to take it
// (see settle), and a key or button is down for its one frame only. Tests
// of input that races the screen send their frames with frame.
type driver struct {
	t     testing.TB
	a     *app
	size  image.Point
	scale float64
	mouse image.Point
	dt    time.Duration
}

func newDriver(t testing.TB, a *app) *driver {
	return &driver{t: t, a: a, size: image.Pt(1280, 800), scale: 1, dt: time.Second / 60}
}

// frame runs one frame of in, filling in the driver's size, scale,
// pointer and frame time where in leaves them zero.
func (d *driver) frame(in input) {
	d.t.Helper()
	if in.Size == (image.Point{}) {
		in.Size = d.size
	}
	if in.Scale == 0 {
		in.Scale = d.scale
	}
	if in.Mouse == (image.Point{}) {
		in.Mouse = d.mouse
	}
	if in.DT == 0 {
		in.DT = d.dt
	}
	d.a.Update(in)
}

// idle runs n frames with no input.
func (d *driver) idle(n int) {
	for range n {
		d.frame(input{})
	}
}

// wait runs frames with no input for at least t (to within a
// microsecond: a sixtieth of a second is not a whole number of
// nanoseconds) and returns the time they took.
func (d *driver) wait(t time.Duration) time.Duration {
	var waited time.Duration
	for ; waited < t-time.Microsecond; waited += d.dt {
		d.frame(input{})
	}
	return waited
}

// settled reports whether a press now would act on what the screen
// shows: the screen on top has settled, and so have the session's options
// once the client's words are all shown, or the week's button once the
// week has come in.
func (d *driver) settled() bool {
	if !d.a.shown.settled() {
		return false
	}
	if d.a.menu != nil {
		return true
	}
	switch s := d.a.screen.(type) {
	case *sessionScreen:
		return !s.ready() || s.opts.settled()
	case *weekScreen:
		return s.entered() && s.button.shown.settled()
	}
	return true
}

// settle runs frames with no input until the screen has settled.
func (d *driver) settle() {
	d.t.Helper()
	for i := 0; !d.settled(); i++ {
		if i > 60*60 {
			d.t.Fatalf("the %T never settled", d.a.top())
		}
		d.idle(1)
	}
}

func (d *driver) press(keys ...ebiten.Key) {
	d.t.Helper()
	d.settle()
	d.frame(input{Keys: keys, Held: keys})
}

func (d *driver) ctrl(keys ...ebiten.Key) {
	d.t.Helper()
	d.settle()
	d.frame(input{Keys: keys, Held: keys, Ctrl: true})
}

func (d *driver) typeText(s string) {
	d.t.Helper()
	d.settle()
	d.frame(input{Runes: []rune(s)})
}

func (d *driver) click(p image.Point) {
	d.t.Helper()
	d.settle()
	d.mouse = p
	d.frame(input{Mouse: p, Click: true, MouseDown: true})
}

func center(r image.Rectangle) image.Point {
	return image.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
}

func digitKey(n int) ebiten.Key { return ebiten.KeyDigit1 + ebiten.Key(n-1) }

// session returns the session screen, failing the test on another.
func (d *driver) session() *sessionScreen {
	d.t.Helper()
	s, ok := d.a.screen.(*sessionScreen)
	if !ok {
		d.t.Fatalf("screen is %T, want the session", d.a.screen)
	}
	return s
}

// reveal waits until the client's words are all shown and the options
// under them have settled.
func (d *driver) reveal() {
	d.t.Helper()
	s := d.session()
	for i := 0; !s.revealed(); i++ {
		if i > 60*60 {
			d.t.Fatal("the client's words never finished appearing")
		}
		d.idle(1)
	}
	d.settle()
}

// recordingLines reads the app's one recording.
func recordingLines(t testing.TB, a *app) []string {
	t.Helper()
	names, err := a.store.Recordings()
	if err != nil || len(names) == 0 {
		t.Fatalf("no recording: %v", err)
	}
	data, err := a.store.ReadRecording(names[len(names)-1])
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

// screenOf returns a's screen as a T, failing the test on another.
func screenOf[T any](t testing.TB, a *app) T {
	t.Helper()
	s, ok := a.screen.(T)
	if !ok {
		var want T
		t.Fatalf("screen is %T, want %T", a.screen, want)
	}
	return s
}
