package ui

import (
	"image"
	"math"
	"runtime"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// Window limits.
const (
	minWidth, minHeight = 1024, 640
	startWidth          = 1280
	startHeight         = 800
)

// The room the window leaves on the monitor when it opens: across, for a
// dock at the side and the window's borders; down, for the desktop's
// panels (a top bar, a taskbar or dock) and the window's title bar.
const (
	roomAcross = 80
	roomDown   = 80
)

// windowSize is the size the window opens at on a monitor of mw×mh
// (logical pixels): as large as the monitor comfortably allows, with room
// for the desktop's panels and the title bar, never smaller than the
// window's minimum, and never larger than the monitor. An unknown monitor
// gives the design size.
func windowSize(mw, mh int) (w, h int) {
	if mw <= 0 || mh <= 0 {
		return startWidth, startHeight
	}
	return min(mw, max(minWidth, mw-roomAcross)), min(mh, max(minHeight, mh-roomDown))
}

// Run opens the TheraSim window and returns when it is closed. Every
// choice is saved as it is made, so closing the window at any moment loses
// nothing: the next Run offers to resume.
func Run(opts Options) error {
	store, err := defaultStorage(opts.DataDir)
	if err != nil {
		return err
	}
	a, err := newApp(opts, store)
	if err != nil {
		return err
	}
	a.begin()
	ebiten.SetWindowTitle("TheraSim")
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	w, h := windowSize(ebiten.Monitor().Size())
	ebiten.SetWindowSizeLimits(min(minWidth, w), min(minHeight, h), -1, -1)
	ebiten.SetWindowSize(w, h)
	// The picture stays on screen between frames, so that a frame with
	// nothing new to show draws nothing (see game.Draw).
	ebiten.SetScreenClearedEveryFrame(false)
	g := &game{app: a, focused: true, tps: ebiten.DefaultTPS}
	defer a.endCourse()
	return ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{})
}

// game adapts the app to Ebiten: it reads Ebiten's input into an input
// each frame, timed by a real clock, and lays the screen out in device
// pixels so that text and portraits are drawn sharp on high-DPI screens.
// It draws only when the picture changes, and rests while the window is
// minimised.
type game struct {
	app   *app
	size  image.Point
	scale float64
	in    input
	// last is when the last frame's input was read.
	last time.Time
	// down is how long each key has been held before this frame.
	down    [ebiten.KeyMax + 1]time.Duration
	touches []ebiten.TouchID
	// The window's state at the last frame, and the ticks per second set.
	focused, minimised bool
	tps                int
}

// minimisedTPS is how often the app is updated while its window is
// minimised: seldom, since nothing of it can be seen or clicked.
const minimisedTPS = 4

func (g *game) Update() error {
	g.watchWindow()
	g.app.Update(g.readInput())
	return nil
}

// watchWindow follows the window's state. Unfocused (or minimised), the
// app runs only while its picture moves: once it is still, Ebiten pauses
// it until the window is focused again, since nothing else can change it.
// Minimised, it is not drawn, and updated at most minimisedTPS times a
// second. Shown again, or focused or unfocused, it is drawn afresh, since
// the desktop may have lost the picture meanwhile.
func (g *game) watchWindow() {
	minimised, focused := ebiten.IsWindowMinimized(), ebiten.IsFocused()
	if minimised != g.minimised || focused != g.focused {
		g.app.redraw()
	}
	g.minimised, g.focused = minimised, focused
	// Set only while unfocused: Ebiten checks the window's state on every
	// frame of a game not runnable unfocused. A watched file is saved
	// from another window, so then the app runs unfocused too.
	ebiten.SetRunnableOnUnfocused(focused || g.app.needsDraw() || g.app.opts.Revisions != nil)
	tps := ebiten.DefaultTPS
	if minimised {
		tps = minimisedTPS
	}
	if tps != g.tps {
		ebiten.SetTPS(tps)
		g.tps = tps
	}
}

// Draw draws the app when its picture may have changed; otherwise it
// leaves the last picture on screen, and Ebiten, seeing nothing drawn,
// neither presents a frame nor keeps the GPU busy.
func (g *game) Draw(screen *ebiten.Image) {
	if g.minimised || !g.app.needsDraw() {
		return
	}
	g.app.Draw(screen)
}

// Layout is not used: LayoutF is.
func (g *game) Layout(w, h int) (int, int) {
	sw, sh := g.LayoutF(float64(w), float64(h))
	return int(sw), int(sh)
}

// LayoutF makes the screen as many pixels as the device has.
func (g *game) LayoutF(w, h float64) (float64, float64) {
	s := 1.0
	if m := ebiten.Monitor(); m != nil {
		s = m.DeviceScaleFactor()
	}
	if s <= 0 {
		s = 1
	}
	g.scale = s
	sw, sh := math.Ceil(w*s), math.Ceil(h*s)
	g.size = image.Pt(int(sw), int(sh))
	return sw, sh
}

// Key repeat: a held key repeats after repeatDelay, then every
// repeatEvery.
const (
	repeatDelay = 400 * time.Millisecond
	repeatEvery = time.Second / 15
)

// repeatDue reports whether a key held for before when the frame began
// and for after when it ended repeats during the frame.
func repeatDue(before, after time.Duration) bool {
	if after < repeatDelay {
		return false
	}
	if before < repeatDelay {
		return true
	}
	return (after-repeatDelay)/repeatEvery > (before-repeatDelay)/repeatEvery
}

// maxFrameTime is the longest a frame is taken to last. A longer gap (the
// window was hidden, the machine slept) is not time the trainee watched,
// so animations do not jump over it.
const maxFrameTime = 500 * time.Millisecond

// frameTime is the time since the last frame, from the clock's reading
// now; the first frame is taken to last a sixtieth of a second.
func (g *game) frameTime(now time.Time) time.Duration {
	dt := time.Second / 60
	if !g.last.IsZero() {
		dt = min(max(now.Sub(g.last), 0), maxFrameTime)
	}
	g.last = now
	return dt
}

// readInput fills an input from Ebiten's state this frame.
func (g *game) readInput() input {
	in := &g.in
	in.DT = g.frameTime(time.Now())
	in.Keys, in.Held = in.Keys[:0], in.Held[:0]
	for _, k := range keyOrder {
		switch {
		case !ebiten.IsKeyPressed(k):
			g.down[k] = 0
		case inpututil.IsKeyJustPressed(k):
			g.down[k] = 0
			in.Keys = append(in.Keys, k)
			in.Held = append(in.Held, k)
		default:
			before := g.down[k]
			g.down[k] += in.DT
			if repeats(k) && repeatDue(before, g.down[k]) {
				in.Keys = append(in.Keys, k)
			}
			in.Held = append(in.Held, k)
		}
	}
	in.Runes = ebiten.AppendInputChars(in.Runes[:0])
	ctrl := ebiten.IsKeyPressed(ebiten.KeyControl)
	if runtime.GOOS == "darwin" || runtime.GOOS == "js" {
		ctrl = ctrl || ebiten.IsKeyPressed(ebiten.KeyMeta)
	}
	in.Ctrl = ctrl
	in.Shift = ebiten.IsKeyPressed(ebiten.KeyShift)
	in.Paste = g.app.readPaste(in)
	x, y := ebiten.CursorPosition()
	in.Mouse = image.Pt(x, y)
	in.Click = inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft)
	if ids := inpututil.AppendJustPressedTouchIDs(g.touches[:0]); len(ids) > 0 {
		tx, ty := ebiten.TouchPosition(ids[0])
		in.Mouse, in.Click = image.Pt(tx, ty), true
	}
	g.touches = ebiten.AppendTouchIDs(g.touches[:0])
	in.MouseDown = ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft) || len(g.touches) > 0
	_, wy := ebiten.Wheel()
	in.Wheel = wy
	in.Size = g.size
	in.Scale = g.scale
	return *in
}
