package assets

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// Portrait draws the client's head and shoulders with an expression, as a
// square image of size×size pixels. Everything is drawn with anti-aliased
// vector paths at the requested size, so it is crisp from thumbnails to a
// projector (160 to 1200 pixels are the sizes it is designed for).
//
// It needs the game loop to be running (call it from Update or Draw). Each
// call allocates a new image and fills about a hundred paths (a few
// milliseconds on a GPU, a few hundred at 600 pixels on a software renderer):
// cache the result and call it again only when the look, expression or size
// changes. It is safe to call from several goroutines.
func Portrait(look Look, e Expression, size int) *ebiten.Image {
	if size < 1 {
		size = 1
	}
	img := ebiten.NewImage(size, size)
	white, scratch, unlock := lockKit(size)
	defer unlock()
	p := &painter{c: newCanvas(img, white, scratch, 1.1, 900), ex: paramsFor(e)}
	p.setColours(look.withDefaults())
	p.draw()
	return img
}

// params are the facial settings that make an expression. Distances are in
// design units (the head is about 450 tall); negative y is up.
type params struct {
	browIn, browPeak, browOut float64 // brow heights at the inner end, arch and tail
	browPinch                 float64 // inner ends drawn towards the nose
	browPeakX                 float64 // the arch moved towards the nose
	lidOpen                   float64 // upper-lid opening, 1 = at rest
	lowerLid                  float64 // lower lid raised (smiling, narrowing)
	gazeX, gazeY              float64 // iris offset
	cornerY                   float64 // mouth corners: negative up (smile)
	asym                      float64 // one corner higher than the other
	mouthW                    float64 // mouth half-width
	mouthOpen                 float64 // parted lips (teeth show)
	lipU, lipL                float64 // upper and lower lip thickness
	blush                     float64 // cheek colour
	cheekRaise                float64 // 0..1: raised cheeks, smile lines
	tilt, nod, turn           float64 // head roll (degrees), drop, and turn (feature shift)
	lean                      float64 // head scale: >1 leans in
	frown, worry              float64 // lines between the brows, on the forehead
	flush                     float64 // reddened eyes and nose
	tears                     bool
}

func paramsFor(e Expression) params {
	p := params{lidOpen: 1, mouthW: 53, lipU: 12, lipL: 15, blush: 0.16, lean: 1, cornerY: -1.5}
	switch e {
	case Engaged:
		p.browIn, p.browPeak, p.browOut = -6, -9, -5
		p.lidOpen, p.lowerLid = 1.15, 2.5
		p.cornerY, p.mouthW, p.mouthOpen = -11, 58, 7
		p.lipU, p.lipL = 11, 14
		p.blush, p.cheekRaise = 0.32, 1
		p.tilt, p.nod, p.lean = 4, -2, 1.03
	case Guarded:
		p.browIn, p.browPeak, p.browOut, p.browPinch = 8, 3, 0, 6
		p.lidOpen, p.lowerLid = 0.72, 3
		p.gazeX, p.gazeY = -11, 2
		p.cornerY, p.asym, p.mouthW = 2, 2.5, 47
		p.lipU, p.lipL = 6, 8
		p.blush = 0.1
		p.tilt, p.turn = -3, -8
		p.frown = 1
	case Upset:
		p.browIn, p.browPeak, p.browOut, p.browPinch, p.browPeakX = -20, -4, 8, 4, 22
		p.lidOpen, p.lowerLid = 0.85, 1
		p.gazeX, p.gazeY = 2, 5
		p.cornerY, p.mouthW = 10, 50
		p.lipU, p.lipL = 11, 16
		p.blush = 0.3
		p.tilt, p.nod = -4, 8
		p.worry, p.flush = 1, 1
		p.tears = true
	case Relieved:
		p.browIn, p.browPeak, p.browOut, p.browPinch = -5, -5, -3, -2
		p.lidOpen, p.lowerLid = 0.45, 4
		p.gazeY = -1
		p.cornerY, p.mouthW = -9, 57
		p.lipU, p.lipL = 11, 15
		p.blush, p.cheekRaise = 0.3, 0.7
		p.tilt = 3
	}
	return p
}

// painter draws one portrait.
type painter struct {
	c    *canvas
	ex   params
	look Look
	head ebiten.GeoM // local transform of everything above the neck

	skin, skinShade, skinDeep, skinLight color.RGBA
	hair, hairDark, hairLight, brow      color.RGBA
	lash, lip, lipDark, lipLine          color.RGBA
	top, topShade, topDark               color.RGBA
	iris, irisDark, irisLight            color.RGBA
	blushC                               color.RGBA
}

var (
	black     = color.RGBA{0, 0, 0, 255}
	whiteC    = color.RGBA{255, 255, 255, 255}
	eyeWhite  = color.RGBA{246, 242, 237, 255}
	mouthDark = color.RGBA{72, 30, 36, 255}
	teeth     = color.RGBA{246, 242, 232, 255}
)

func (p *painter) setColours(l Look) {
	p.look = l
	p.skin = l.Skin
	p.skinShade = shade(l.Skin, 0.14)
	p.skinDeep = shade(l.Skin, 0.32)
	p.skinLight = mix(l.Skin, whiteC, 0.22)
	p.hair = l.Hair
	p.hairDark = shade(l.Hair, 0.35)
	p.hairLight = mix(l.Hair, color.RGBA{255, 240, 220, 255}, 0.22)
	p.brow = mix(l.Hair, color.RGBA{36, 26, 22, 255}, 0.4)
	p.lash = mix(l.Hair, color.RGBA{26, 20, 20, 255}, 0.75)
	lipTint := 0.42
	if l.Masculine {
		lipTint = 0.2
		p.ex.blush *= 0.5
	}
	p.lip = mix(l.Skin, color.RGBA{184, 84, 90, 255}, lipTint)
	p.lipDark = shade(p.lip, 0.14)
	p.lipLine = mix(shade(p.lip, 0.55), black, 0.3)
	p.top = l.Top
	p.topShade = shade(l.Top, 0.18)
	p.topDark = shade(l.Top, 0.34)
	p.iris = l.Eyes
	p.irisDark = shade(l.Eyes, 0.5)
	p.irisLight = mix(l.Eyes, whiteC, 0.3)
	// Blush: a redder, slightly deeper version of the skin, so it warms
	// light and deep skin tones alike instead of greying the deeper ones.
	p.blushC = mix(shade(l.Skin, 0.08), color.RGBA{214, 70, 72, 255}, 0.4)
}

// The face's landmarks, in design units, before the head transform.
const (
	cx      = 500.0 // the face's vertical axis
	eyeY    = 430.0 // eye line: halfway between crown and chin
	eyeDX   = 70.0  // eye centre from the axis
	eyeIn   = 32.0  // inner corner from the axis
	eyeOut  = 108.0 // outer corner from the axis
	browY   = 382.0
	noseY   = 520.0
	mouthY  = 582.0
	pivotY  = 640.0 // the head turns about the top of the neck
	irisR   = 17.5
	pupilR  = 7.4
	lidRest = 19.0 // upper-lid height above the corners at rest
)

func (p *painter) draw() {
	c := p.c
	ex := p.ex

	var h ebiten.GeoM
	h.Translate(-cx, -pivotY)
	h.Scale(ex.lean, ex.lean)
	h.Rotate(ex.tilt * math.Pi / 180)
	h.Translate(cx, pivotY+ex.nod)
	p.head = h

	c.setUnframed()
	p.background()
	c.setLocal(p.head)
	p.backHair()
	c.setLocal(ebiten.GeoM{})
	p.neck()
	p.body()
	c.setLocal(p.head)
	p.face()
	p.eyes()
	p.brows()
	p.mouth()
	p.frontHair()
	if ex.tears {
		p.tear()
	}
	c.setLocal(ebiten.GeoM{})
}

// background: a calm wall with a soft light behind the head, and the back of
// an armchair.
func (p *painter) background() {
	c := p.c
	c.vgradient(0, 0, designSize, designSize, color.NRGBA{208, 218, 220, 255}, color.NRGBA{168, 182, 188, 255})
	c.radial(cx, 380, 470, 430, color.NRGBA{240, 240, 234, 170}, color.NRGBA{240, 240, 234, 0}, ebiten.BlendSourceOver)
	chair := color.RGBA{146, 126, 116, 255}
	back := c.shape().moveTo(pt{150, 1000}).lineTo(pt{150, 650}).
		cubicTo(pt{150, 560}, pt{215, 515}, pt{310, 515}).lineTo(pt{690, 515}).
		cubicTo(pt{785, 515}, pt{850, 560}, pt{850, 650}).lineTo(pt{850, 1000}).close()
	c.fill(back, chair)
	inner := c.shape().moveTo(pt{185, 1000}).lineTo(pt{185, 660}).
		cubicTo(pt{185, 590}, pt{235, 550}, pt{315, 550}).lineTo(pt{685, 550}).
		cubicTo(pt{765, 550}, pt{815, 590}, pt{815, 660}).lineTo(pt{815, 1000}).close()
	c.fill(inner, shade(chair, 0.08))
	// Light on the chair's left shoulder.
	c.stroke(cubicF(pt{160, 700}, pt{165, 590}, pt{215, 530}, pt{320, 522}), 9, true, alpha(mix(chair, whiteC, 0.3), 0.6))
}

// headOutline is the skull and jaw, offset by d. A masculine look has a
// broader, squarer jaw.
func (p *painter) headOutline(d pt) *shape {
	j := 0.0
	if p.look.Masculine {
		j = 12
	}
	right := []pt{
		{500, 205},
		{585, 205}, {652, 262}, {655, 360},
		{658, 430}, {652 + j*0.5, 490}, {633 + j, 545},
		{612 + j, 598}, {568 + j, 634}, {524 + j*0.6, 645},
		{511, 649}, {500, 649}, {500, 649},
	}
	o := func(q pt) pt { return q.add(d) }
	s := p.c.shape().moveTo(o(right[0]))
	for i := 1; i+2 < len(right); i += 3 {
		s.cubicTo(o(right[i]), o(right[i+1]), o(right[i+2]))
	}
	for i := len(right) - 2; i >= 1; i -= 3 {
		s.cubicTo(o(mirror(right[i])), o(mirror(right[i-1])), o(mirror(right[i-2])))
	}
	return s.close()
}

func (p *painter) neck() {
	c := p.c
	l := c.layer()
	w := 0.0
	if p.look.Masculine {
		w = 24
	}
	f := p.neckFlare()
	neck := l.shape().moveTo(pt{455 - w, 560}).
		cubicTo(pt{455 - w, 650}, pt{450 - w, 715 - f}, pt{425 - f, 760}).
		lineTo(pt{360 - f, 840}).lineTo(pt{360, 920}).lineTo(pt{640, 920}).lineTo(pt{640 + f, 840}).
		lineTo(pt{575 + f, 760}).
		cubicTo(pt{550 + w, 715 - f}, pt{545 + w, 650}, pt{545 + w, 560}).close()
	l.fill(neck, p.skin)
	// Shaded right side of the neck.
	side := l.shape().moveTo(pt{522, 560}).cubicTo(pt{526, 650}, pt{520, 720}, pt{560, 775}).
		lineTo(pt{660, 830}).lineTo(pt{660, 560}).close()
	l.fillAtop(side, p.skinShade)
	// The head's shadow under the jaw.
	l.setLocal(p.head)
	l.fillAtop(p.headOutline(pt{4, 30}), alpha(p.skinDeep, 0.55))
	l.setLocal(ebiten.GeoM{})
	// The notch between the collarbones.
	l.stroke(cubicF(pt{488, 792}, pt{494, 800}, pt{506, 800}, pt{512, 792}), 3, true, alpha(p.skinShade, 0.8))
	c.flatten(l, 1)
}

// neckFlare widens the base of a masculine neck into the shoulders.
func (p *painter) neckFlare() float64 {
	if p.look.Masculine {
		return 22
	}
	return 0
}

func (p *painter) body() {
	c := p.c
	l := c.layer()
	f := p.neckFlare()
	body := func(d pt) *shape {
		o := func(x, y float64) pt { return pt{x + d.x, y + d.y} }
		s := l.shape()
		s.moveTo(o(70, 1010))
		s.cubicTo(o(80, 905), o(150, 848), o(282, 815-f*0.5))
		s.cubicTo(o(352, 798-f), o(405-f, 785-f*0.4), o(425-f, 760))
		s.cubicTo(o(440-f, 830+f*0.3), o(560+f, 830+f*0.3), o(575+f, 760))
		s.cubicTo(o(595+f, 785-f*0.4), o(648, 798-f), o(718, 815-f*0.5))
		s.cubicTo(o(850, 848), o(920, 905), o(930, 1010))
		return s.close()
	}
	l.fill(body(pt{}), p.topShade)
	l.fillAtop(body(pt{-34, 6}), p.top)
	// Ribbed neckline.
	neckline := cubicF(pt{425 - f, 760}, pt{440 - f, 830 + f*0.3}, pt{560 + f, 830 + f*0.3}, pt{575 + f, 760})
	w := func(t float64) float64 { return 18 }
	l.fillAtop(l.shape().poly(ribbon(func(t float64) pt { return neckline(t).add(pt{0, 7}) }, w, 0, 1, 40)), p.topShade)
	l.stroke(func(t float64) pt { return neckline(t).add(pt{0, 15}) }, 2.5, true, alpha(p.topDark, 0.5))
	// Folds where the arms meet the body.
	for _, s := range []float64{-1, 1} {
		f := func(a pt) pt { return pt{cx + s*(a.x-cx), a.y} }
		l.strokeAtop(cubicF(f(pt{215, 1000}), f(pt{222, 950}), f(pt{240, 905}), f(pt{275, 868})), 7, alpha(p.topDark, 0.35))
		l.strokeAtop(cubicF(f(pt{330, 1000}), f(pt{335, 960}), f(pt{345, 925}), f(pt{360, 900})), 5, alpha(p.topDark, 0.25))
	}
	c.flatten(l, 1)
}
