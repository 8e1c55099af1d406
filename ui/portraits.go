package ui

import "github.com/hajimehoshi/ebiten/v2"

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
	age       int // frames since the change
	set       bool
}

const faceFadeFrames = 18

func (f *faceAnim) to(e expression) {
	if !f.set {
		f.cur, f.prev, f.age, f.set = e, e, faceFadeFrames, true
		return
	}
	if e == f.cur {
		return
	}
	f.prev, f.cur, f.age = f.cur, e, 0
}

func (f *faceAnim) step() {
	if f.age < faceFadeFrames {
		f.age++
	}
}
