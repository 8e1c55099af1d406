package ui

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// portraits caches the client's portrait per expression and size: drawing
// one is slow-ish (vector paths), drawing a cached one is a blit.
type portraits struct {
	m map[portraitKey]*ebiten.Image
}

type portraitKey struct {
	who  string
	e    expression
	size int
}

func newPortraits() *portraits { return &portraits{m: map[portraitKey]*ebiten.Image{}} }

// portraitStep: sizes are rounded down to a multiple of this, so resizing
// the window draws a handful of portraits, not one per pixel.
const portraitStep = 8

func (p *portraits) get(l look, who string, e expression, size int) *ebiten.Image {
	size -= size % portraitStep
	if size < portraitStep {
		size = portraitStep
	}
	k := portraitKey{who, e, size}
	if img, ok := p.m[k]; ok {
		return img
	}
	if len(p.m) >= 40 {
		for k, img := range p.m {
			img.Deallocate()
			delete(p.m, k)
		}
	}
	img := portraitImage(l, e, size)
	p.m[k] = img
	return img
}

// faceAnim cross-fades the portrait from one expression to the next.
type faceAnim struct {
	cur, prev expression
	// since is the time since the change, up to faceFade.
	since time.Duration
	set   bool
}

// faceFade is how long the cross-fade takes.
const faceFade = 300 * time.Millisecond

func (f *faceAnim) to(e expression) {
	if !f.set {
		f.cur, f.prev, f.set = e, e, true
		f.settle(faceFade)
		return
	}
	if e == f.cur {
		return
	}
	f.prev, f.cur = f.cur, e
	f.settle(0)
}

// step moves the fade on by a frame of length dt.
func (f *faceAnim) step(dt time.Duration) { f.settle(f.since + dt) }

// settle sets the time since the change.
func (f *faceAnim) settle(since time.Duration) {
	f.since = min(since, faceFade)
}

// fading reports whether the portrait is between two expressions.
func (f *faceAnim) fading() bool { return f.prev != f.cur && f.since < faceFade }

// mix says how to draw the portrait: the expression from, with to over it
// at opacity t (t is 1 when no fade is under way).
func (f *faceAnim) mix() (from, to expression, t float64) {
	if !f.fading() {
		return f.cur, f.cur, 1
	}
	return f.prev, f.cur, float64(f.since) / float64(faceFade)
}
