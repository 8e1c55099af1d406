package ui

import (
	"image"
	"math"
	"runtime"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// Window limits.
const (
	minWidth, minHeight = 1024, 640
	startWidth          = 1280
	startHeight         = 800
)

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
	ebiten.SetWindowSizeLimits(minWidth, minHeight, -1, -1)
	w, h := startWidth, startHeight
	if mw, mh := ebiten.Monitor().Size(); mw > 0 && mh > 0 && (mw < w+80 || mh < h+120) {
		w, h = max(minWidth, mw*85/100), max(minHeight, mh*85/100)
	}
	ebiten.SetWindowSize(w, h)
	g := &game{app: a}
	defer a.endCourse()
	return ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{})
}

// game adapts the app to Ebiten: it reads Ebiten's input into an input
// each frame, and lays the screen out in device pixels so that text and
// portraits are drawn sharp on high-DPI screens.
type game struct {
	app   *app
	size  image.Point
	scale float64
	keys  []ebiten.Key
	in    input
}

func (g *game) Update() error {
	g.app.Update(g.readInput())
	return nil
}

func (g *game) Draw(screen *ebiten.Image) { g.app.Draw(screen) }

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

// Key repeat: after this many frames held, every that many frames.
const repeatDelay, repeatEvery = 24, 4

// readInput fills an input from Ebiten's state this frame.
func (g *game) readInput() input {
	in := &g.in
	in.Keys = in.Keys[:0]
	for _, k := range keyOrder {
		d := inpututil.KeyPressDuration(k)
		if d == 1 || repeats(k) && d > repeatDelay && (d-repeatDelay)%repeatEvery == 0 {
			in.Keys = append(in.Keys, k)
		}
	}
	in.Runes = ebiten.AppendInputChars(in.Runes[:0])
	ctrl := ebiten.IsKeyPressed(ebiten.KeyControl)
	if runtime.GOOS == "darwin" || runtime.GOOS == "js" {
		ctrl = ctrl || ebiten.IsKeyPressed(ebiten.KeyMeta)
	}
	in.Ctrl = ctrl
	in.Shift = ebiten.IsKeyPressed(ebiten.KeyShift)
	x, y := ebiten.CursorPosition()
	in.Mouse = image.Pt(x, y)
	in.Click = inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft)
	if ids := inpututil.AppendJustPressedTouchIDs(nil); len(ids) > 0 {
		tx, ty := ebiten.TouchPosition(ids[0])
		in.Mouse, in.Click = image.Pt(tx, ty), true
	}
	_, wy := ebiten.Wheel()
	in.Wheel = wy
	in.Size = g.size
	in.Scale = g.scale
	return *in
}
