package assets

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// The face: its skin and shading, nose and lines, and the features that
// carry the expression (eyes, brows, mouth, a tear).

// face draws ears, the head with its shading, cheeks, nose and lines.
func (p *painter) face() {
	c := p.c
	ex := p.ex
	l := c.layer()
	// Ears, behind the head (long and curly hair covers them).
	ears := []float64{-1, 1}
	if p.look.HairStyle == HairShoulder || p.look.HairStyle == HairCurly {
		ears = nil
	}
	for _, s := range ears {
		f := func(x, y float64) pt { return pt{cx + s*(x-cx), y} }
		ear := l.shape().moveTo(f(648, 422)).cubicTo(f(672, 398), f(699, 410), f(695, 448)).
			cubicTo(f(692, 482), f(677, 513), f(650, 526)).close()
		clr := p.skin
		if s > 0 {
			clr = p.skinShade
		}
		l.fill(ear, clr)
		l.stroke(cubicF(f(668, 426), f(686, 430), f(685, 466), f(670, 494)), 5, true, alpha(p.skinDeep, 0.55))
		l.fill(l.shape().ellipse(f(664, 462).x, 462, 5, 11, 0), alpha(p.skinDeep, 0.4))
	}
	l.fill(p.headOutline(pt{}), p.skinShade)
	l.fillAtop(p.headOutline(pt{-18, -12}), p.skin)
	// Light on the forehead and cheekbone.
	l.radial(430, 300, 70, 45, alpha(p.skinLight, 0.45), alpha(p.skinLight, 0), ebiten.BlendSourceAtop)
	l.radial(410+ex.turn, 470, 45, 28, alpha(p.skinLight, 0.35), alpha(p.skinLight, 0), ebiten.BlendSourceAtop)
	// Eye sockets.
	for _, s := range []float64{-1, 1} {
		clr := p.skinShade
		a := 0.35
		if ex.flush > 0 {
			clr = mix(p.skinShade, p.blushC, 0.35)
			a = 0.55
		}
		l.radial(cx+s*eyeDX+ex.turn, eyeY-4, 62, 36, alpha(clr, a), alpha(clr, 0), ebiten.BlendSourceAtop)
	}
	// Cheeks.
	for _, s := range []float64{-1, 1} {
		y := 505 - 14*ex.cheekRaise
		l.radial(cx+s*100+ex.turn, y, 54, 34, alpha(p.blushC, ex.blush), alpha(p.blushC, 0), ebiten.BlendSourceAtop)
	}
	// Shadow of the fringe on the forehead.
	l.fillAtop(p.frontHairShape(l, pt{8, 14}), alpha(p.skinDeep, 0.45))
	p.nose(l)
	p.lines(l)
	c.flatten(l, 1)
}

func (p *painter) nose(l *canvas) {
	ex := p.ex
	x := cx + ex.turn*1.3
	o := func(dx, dy float64) pt { return pt{x + dx, dy} }
	// Bridge shadow on the shaded side, running into the wing.
	bridge := cubicF(o(10, 432), o(16, 462), o(20, 486), o(28, 506))
	l.fill(l.shape().poly(ribbon(bridge, func(t float64) float64 { return 13 * math.Pow(math.Sin(math.Pi*t), 0.7) }, 0, 1, 24)), alpha(p.skinShade, 0.5))
	l.radial(x+24, noseY-6, 14, 16, alpha(p.skinShade, 0.6), alpha(p.skinShade, 0), ebiten.BlendSourceAtop)
	// Tip and wings.
	tipClr := p.skinShade
	if ex.flush > 0 {
		tipClr = mix(p.skinShade, p.blushC, 0.3)
	}
	l.radial(x+2, noseY-6, 20, 14, alpha(tipClr, 0.6), alpha(tipClr, 0), ebiten.BlendSourceAtop)
	l.radial(x-3, noseY-11, 8, 6, alpha(p.skinLight, 0.7), alpha(p.skinLight, 0), ebiten.BlendSourceAtop)
	l.stroke(cubicF(o(20, 502), o(33, 507), o(33, 523), o(15, 525)), 3.6, true, alpha(p.skinDeep, 0.55))
	l.stroke(cubicF(o(-20, 502), o(-33, 507), o(-33, 523), o(-15, 525)), 3.2, true, alpha(p.skinDeep, 0.28))
	// Nostrils and the shadow under the nose.
	l.fill(l.shape().ellipse(x-10, noseY+5, 5.5, 2.6, 0.25), alpha(p.skinDeep, 0.6))
	l.fill(l.shape().ellipse(x+10, noseY+5, 5.5, 2.6, -0.25), alpha(p.skinDeep, 0.7))
	l.radial(x+4, noseY+13, 22, 6, alpha(p.skinShade, 0.7), alpha(p.skinShade, 0), ebiten.BlendSourceAtop)
}

// lines draws expression lines and age lines.
func (p *painter) lines(l *canvas) {
	ex := p.ex
	age := clamp01(float64(p.look.Age-42) / 26)
	x := cx + ex.turn
	for _, s := range []float64{-1, 1} {
		f := func(dx, y float64) pt { return pt{x + s*dx, y} }
		// Smile lines from the nose to past the mouth corners.
		if a := math.Max(0.22*ex.cheekRaise, 0.55*age); a > 0 {
			l.stroke(cubicF(f(32, 510), f(50, 530), f(ex.mouthW+12, 552), f(ex.mouthW+9, 588)), 3.5+2*age, true, alpha(p.skinDeep, a*0.7))
		}
		// Crow's feet.
		if a := math.Max(0.45*ex.cheekRaise, age); a > 0 {
			for i, dy := range []float64{-8, 2, 12} {
				y := eyeY + dy
				l.stroke(cubicF(f(112, y-2), f(120, y-1+float64(i-1)*2), f(126, y+float64(i-1)*4), f(134, y+float64(i-1)*7)), 2.4, true, alpha(p.skinDeep, 0.35*a))
			}
		}
		// Bags under the eyes.
		if age > 0 {
			l.stroke(cubicF(f(40, 452), f(55, 462), f(85, 464), f(105, 450)), 2.5, true, alpha(p.skinDeep, 0.35*age))
		}
		// Lines from the mouth corners, later in life.
		if a := clamp01(float64(p.look.Age-55) / 15); a > 0 {
			l.stroke(cubicF(f(ex.mouthW+4, 590), f(ex.mouthW+8, 605), f(ex.mouthW+8, 620), f(ex.mouthW+4, 634)), 3, true, alpha(p.skinDeep, 0.4*a))
		}
	}
	// Forehead: lines with age or raised inner brows.
	if a := math.Max(age*0.8, ex.worry); a > 0 {
		for i, y := range []float64{348, 330, 313} {
			span := 70 - 12*float64(i)
			if ex.worry > 0 && age == 0 {
				span = 36 - 6*float64(i)
			}
			lift := 6 * ex.worry
			l.stroke(cubicF(pt{x - span, y + 2}, pt{x - span/3, y - 4 - lift}, pt{x + span/3, y - 4 - lift}, pt{x + span, y + 2}), 3, true, alpha(p.skinDeep, 0.3*a))
		}
	}
	// Between the brows.
	if ex.frown > 0 {
		for _, s := range []float64{-1, 1} {
			l.stroke(cubicF(pt{x + s*10, 378}, pt{x + s*8, 388}, pt{x + s*8, 398}, pt{x + s*10, 408}), 3.5, true, alpha(p.skinDeep, 0.45*ex.frown))
		}
	}
}

// eyeCurves returns the upper and lower lid curves of one eye (s=-1 is the
// eye on the viewer's left), from the inner corner (u=0) to the outer (u=1).
func (p *painter) eyeCurves(s float64) (upper, lower func(u float64) pt) {
	ex := p.ex
	inner := pt{cx + s*eyeIn + ex.turn, eyeY + 3}
	outer := pt{cx + s*eyeOut + ex.turn, eyeY - 3}
	hUp := lidRest * ex.lidOpen
	hLow := math.Max(2, 11-ex.lowerLid)
	upper = func(u float64) pt {
		b := lerpPt(inner, outer, u)
		return pt{b.x, b.y - hUp*bump(u, 0.42)}
	}
	lower = func(u float64) pt {
		b := lerpPt(inner, outer, u)
		return pt{b.x, b.y + hLow*bump(u, 0.56)}
	}
	return upper, lower
}

func (p *painter) eyes() {
	c := p.c
	ex := p.ex
	l := c.layer()
	for _, s := range []float64{-1, 1} {
		upper, lower := p.eyeCurves(s)
		opening := make([]pt, 0, 66)
		for i := 0; i <= 32; i++ {
			opening = append(opening, upper(float64(i)/32))
		}
		for i := 32; i >= 0; i-- {
			opening = append(opening, lower(float64(i)/32))
		}
		l.fill(l.shape().poly(opening), eyeWhite)
		// Iris, pupil and catch-lights, clipped to the opening.
		ix, iy := cx+s*eyeDX+ex.turn+ex.gazeX, eyeY+ex.gazeY
		l.fillAtop(l.shape().circle(ix, iy, irisR), p.iris)
		l.fillAtop(l.shape().ellipse(ix, iy+5, irisR*0.7, irisR*0.55, 0), alpha(p.irisLight, 0.55))
		l.fillAtop(l.shape().poly(ribbon(func(t float64) pt {
			return pt{ix + (irisR-1.2)*math.Cos(2*math.Pi*t), iy + (irisR-1.2)*math.Sin(2*math.Pi*t)}
		}, func(float64) float64 { return 2.6 }, 0, 1, 48)), p.irisDark)
		l.fillAtop(l.shape().circle(ix, iy, pupilR), color.RGBA{22, 16, 16, 255})
		// The lid's shadow on the eyeball.
		l.fillAtop(l.shape().poly(ribbon(func(u float64) pt { return upper(u).add(pt{0, 3}) }, func(float64) float64 { return 9 }, -0.05, 1.05, 32)), alpha(color.RGBA{90, 60, 60, 255}, 0.22))
		hl := 4.2
		if ex.tears {
			hl = 5.4
		}
		l.fillAtop(l.shape().circle(ix-6, iy-6.5, hl), alpha(whiteC, 0.95))
		l.fillAtop(l.shape().circle(ix+6, iy+5.5, 2), alpha(whiteC, 0.6))
		if ex.tears {
			// Welling tears along the lower lid.
			l.fillAtop(l.shape().poly(ribbon(func(u float64) pt { return lower(u).add(pt{0, -2.5}) }, func(u float64) float64 { return 3.5 * math.Sin(math.Pi*u) }, 0.05, 0.95, 32)), alpha(whiteC, 0.7))
		}
	}
	c.flatten(l, 1)

	for _, s := range []float64{-1, 1} {
		upper, lower := p.eyeCurves(s)
		// The crease sits where the lid folds at rest; a lowered lid shows
		// more skin between crease and lashes.
		inner := pt{cx + s*eyeIn + ex.turn, eyeY + 3}
		outer := pt{cx + s*eyeOut + ex.turn, eyeY - 3}
		crease := func(u float64) pt {
			b := lerpPt(inner, outer, u)
			return pt{b.x + s*2, b.y - (lidRest+9+0.4*ex.browPeak*-1)*bump(u, 0.45) - 2}
		}
		lid := make([]pt, 0, 66)
		for i := 0; i <= 32; i++ {
			lid = append(lid, crease(float64(i)/32))
		}
		for i := 32; i >= 0; i-- {
			lid = append(lid, upper(float64(i)/32))
		}
		c.fill(c.shape().poly(lid), alpha(p.skinShade, 0.6))
		c.stroke(func(t float64) pt { return crease(0.08 + 0.9*t) }, 2.4, true, alpha(p.skinDeep, 0.6))
		// Lash line, thickening outwards, with a little flick.
		lashF := func(t float64) pt {
			if t <= 1 {
				return upper(t)
			}
			o := upper(1)
			k := (t - 1) / 0.12
			return pt{o.x + s*10*k, o.y - 5*k*k - 1.5*k}
		}
		lashW := func(t float64) float64 {
			switch {
			case t < 0.7:
				return 1.6 + 3.6*smooth(t/0.7)
			case t <= 1:
				return 5.2
			default:
				return 5.2 * (1 - (t-1)/0.12*0.85)
			}
		}
		if p.look.Masculine {
			c.fill(c.shape().poly(ribbon(lashF, func(t float64) float64 { return 0.7 * lashW(t) }, 0.02, 1.0, 40)), p.lash)
		} else {
			c.fill(c.shape().poly(ribbon(lashF, lashW, 0.02, 1.12, 40)), p.lash)
		}
		// Lower lid.
		lowClr := alpha(p.skinDeep, 0.5)
		if ex.flush > 0 {
			lowClr = alpha(mix(p.skinDeep, p.blushC, 0.5), 0.8)
		}
		c.stroke(func(t float64) pt { return lower(0.12 + 0.92*t).add(pt{0, 1}) }, 2.4, true, lowClr)
		// Raised cheeks fold the skin under the eye.
		if ex.cheekRaise > 0 {
			c.stroke(func(t float64) pt { return lower(0.3 + 0.7*t).add(pt{s * 2, 10}) }, 2.6, true, alpha(p.skinDeep, 0.5*ex.cheekRaise))
		}
	}
}

func (p *painter) brows() {
	c := p.c
	ex := p.ex
	for _, s := range []float64{-1, 1} {
		x := func(dx float64) float64 { return cx + s*dx + ex.turn }
		heavy, flat := 1.0, 0.0
		if p.look.Masculine {
			heavy, flat = 1.3, 5
		}
		inner := pt{x(40 - ex.browPinch), browY + 6 + ex.browIn + flat*0.4}
		peak := pt{x(96 - ex.browPeakX), browY - 10 + ex.browPeak + flat}
		outer := pt{x(134), browY + 4 + ex.browOut}
		rise := cubicF(inner, pt{lerp(inner.x, peak.x, 0.35), lerp(inner.y, peak.y, 0.55)}, pt{lerp(inner.x, peak.x, 0.75), peak.y}, peak)
		fall := cubicF(peak, pt{lerp(peak.x, outer.x, 0.35), peak.y}, pt{lerp(peak.x, outer.x, 0.75), lerp(peak.y, outer.y, 0.6)}, outer)
		const split = 0.6
		f := func(t float64) pt {
			if t < split {
				return rise(t / split)
			}
			return fall((t - split) / (1 - split))
		}
		w := func(t float64) float64 {
			var v float64
			if t < split {
				v = lerp(12.5, 10, t/split)
			} else {
				v = lerp(10, 2.8, math.Pow((t-split)/(1-split), 0.8))
			}
			if t < 0.05 {
				v *= 0.7 + 0.3*t/0.05
			}
			return v * heavy
		}
		c.fill(c.shape().poly(ribbon(f, w, 0, 1, 40)), p.brow)
	}
}

func (p *painter) mouth() {
	c := p.c
	ex := p.ex
	m := pt{cx + ex.turn, mouthY}
	W := ex.mouthW
	cl := pt{m.x - W, m.y + ex.cornerY + ex.asym}
	cr := pt{m.x + W, m.y + ex.cornerY - ex.asym}
	k := -ex.cornerY*0.45 + 1
	line := cubicF(cl, pt{m.x - W*0.4, m.y + k}, pt{m.x + W*0.4, m.y + k}, cr)
	open := ex.mouthOpen
	upperIn := func(t float64) pt { return line(t).add(pt{0, -open * 0.3 * math.Sin(math.Pi*t)}) }
	lowerIn := func(t float64) pt { return line(t).add(pt{0, open * math.Sin(math.Pi*t)}) }

	// The lips follow the mouth line: the upper lip's outline has the two
	// peaks of the bow and the dip between them; both thin to the corners.
	tU, tL := ex.lipU, ex.lipL
	gauss := func(x, w float64) float64 { return math.Exp(-(x * x) / (w * w)) }
	upperTop := func(t float64) pt {
		g := math.Pow(math.Sin(math.Pi*t), 0.55)
		g *= 1 - 0.3*gauss(t-0.5, 0.06) + 0.1*gauss(math.Abs(t-0.5)-0.13, 0.06)
		return upperIn(t).add(pt{0, -tU * g})
	}
	lowerBottom := func(t float64) pt {
		return lowerIn(t).add(pt{0, tL * math.Pow(math.Sin(math.Pi*t), 0.6)})
	}
	const n = 48
	up := c.shape().moveTo(upperTop(0))
	for i := 1; i <= n; i++ {
		up.lineTo(upperTop(float64(i) / n))
	}
	for i := n; i >= 0; i-- {
		up.lineTo(upperIn(float64(i) / n))
	}
	up.close()
	lo := c.shape().moveTo(lowerIn(0))
	for i := 1; i <= n; i++ {
		lo.lineTo(lowerIn(float64(i) / n))
	}
	for i := n; i >= 0; i-- {
		lo.lineTo(lowerBottom(float64(i) / n))
	}
	lo.close()
	lipMid := lowerIn(0.5)
	// The hollow under the lower lip, the chin's light, the corners' shade.
	c.radial(m.x+3, lipMid.y+tL+12, W*0.6, 9, alpha(p.skinShade, 0.7), alpha(p.skinShade, 0), ebiten.BlendSourceOver)
	c.radial(m.x-8, 628, 30, 12, alpha(p.skinLight, 0.35), alpha(p.skinLight, 0), ebiten.BlendSourceOver)
	c.radial(cl.x-1, cl.y, 7, 6, alpha(p.skinDeep, 0.35), alpha(p.skinDeep, 0), ebiten.BlendSourceOver)
	c.radial(cr.x+1, cr.y, 7, 6, alpha(p.skinDeep, 0.4), alpha(p.skinDeep, 0), ebiten.BlendSourceOver)
	c.fill(lo, p.lip)
	c.radial(m.x-3, lipMid.y+tL*0.5, W*0.36, tL*0.24, alpha(whiteC, 0.22), alpha(whiteC, 0), ebiten.BlendSourceOver)
	c.fill(up, p.lipDark)

	if open > 0 {
		l := c.layer()
		gap := l.shape().moveTo(upperIn(0))
		for i := 1; i <= 32; i++ {
			gap.lineTo(upperIn(float64(i) / 32))
		}
		for i := 32; i >= 0; i-- {
			gap.lineTo(lowerIn(float64(i) / 32))
		}
		l.fill(gap.close(), mouthDark)
		band := l.shape()
		band.moveTo(upperIn(0).add(pt{0, -2}))
		for i := 1; i <= 32; i++ {
			band.lineTo(upperIn(float64(i) / 32).add(pt{0, -2}))
		}
		for i := 32; i >= 0; i-- {
			t := float64(i) / 32
			band.lineTo(upperIn(t).add(pt{0, open * 0.75 * math.Sin(math.Pi*t)}))
		}
		l.fillAtop(band.close(), teeth)
		c.flatten(l, 1)
	}
	// The line between the lips.
	c.fill(c.shape().poly(ribbon(line, func(t float64) float64 { return 1.3 + 2.9*math.Pow(math.Sin(math.Pi*t), 0.5) }, -0.01, 1.01, 40)), alpha(p.lipLine, 0.9))
	// Corner marks: lifted for a smile, pulled down when upset.
	for _, s := range []float64{-1, 1} {
		corner := cr
		if s < 0 {
			corner = cl
		}
		switch {
		case ex.cornerY < -3:
			c.stroke(cubicF(corner.add(pt{-s * 2, 1}), corner.add(pt{s * 3, 0}), corner.add(pt{s * 6, -3}), corner.add(pt{s * 7, -7})), 3, true, alpha(p.skinDeep, 0.55))
		case ex.cornerY > 3:
			c.stroke(cubicF(corner.add(pt{-s * 2, -1}), corner.add(pt{s * 3, 1}), corner.add(pt{s * 5, 4}), corner.add(pt{s * 5, 9})), 3, true, alpha(p.skinDeep, 0.5))
		case ex.asym != 0 && s > 0:
			// A tucked-in corner: lips pressed.
			c.stroke(cubicF(corner.add(pt{-2, 0}), corner.add(pt{2, -2}), corner.add(pt{5, -1}), corner.add(pt{6, 3})), 3, true, alpha(p.skinDeep, 0.55))
		}
	}
}

// tear draws one tear running from the eye on the viewer's right.
func (p *painter) tear() {
	c := p.c
	_, lower := p.eyeCurves(1)
	start := lower(0.55).add(pt{0, 3})
	end := start.add(pt{5, 34})
	trail := cubicF(start, start.add(pt{1, 12}), end.add(pt{-2, -12}), end)
	c.fill(c.shape().poly(ribbon(trail, func(t float64) float64 { return 4.5 }, 0, 1, 20)), alpha(color.RGBA{220, 236, 246, 255}, 0.4))
	d := c.shape().moveTo(end.add(pt{0, -9})).
		cubicTo(end.add(pt{3, -4}), end.add(pt{7, 0}), end.add(pt{7, 4})).
		cubicTo(end.add(pt{7, 8}), end.add(pt{4, 11}), end.add(pt{0, 11})).
		cubicTo(end.add(pt{-4, 11}), end.add(pt{-7, 8}), end.add(pt{-7, 4})).
		cubicTo(end.add(pt{-7, 0}), end.add(pt{-3, -4}), end.add(pt{0, -9})).close()
	c.fill(d, alpha(color.RGBA{214, 232, 244, 255}, 0.8))
	c.fill(c.shape().ellipse(end.x-2.5, end.y+2, 1.8, 3, 0.3), alpha(whiteC, 0.9))
}
