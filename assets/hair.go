package assets

import "math"

// Hair is drawn in two layers: the back layer, behind the head and neck
// (the hair's full silhouette), and the front layer over the forehead and
// the sides of the face, with strands and a sheen.

// backHair draws the layer behind the head.
func (p *painter) backHair() {
	c := p.c
	l := c.layer()
	switch p.look.HairStyle {
	case HairShoulder:
		s := l.shape().moveTo(pt{500, 160}).
			cubicTo(pt{640, 156}, pt{738, 240}, pt{730, 392}).
			cubicTo(pt{724, 500}, pt{738, 640}, pt{770, 760}).
			cubicTo(pt{778, 792}, pt{762, 818}, pt{735, 832}).
			cubicTo(pt{640, 852}, pt{360, 852}, pt{265, 832}).
			cubicTo(pt{238, 818}, pt{222, 792}, pt{230, 760}).
			cubicTo(pt{262, 640}, pt{276, 500}, pt{270, 392}).
			cubicTo(pt{262, 240}, pt{360, 156}, pt{500, 160}).close()
		l.fill(s, p.hair)
		inner := l.shape().moveTo(pt{372, 520}).cubicTo(pt{372, 700}, pt{420, 800}, pt{500, 830}).
			cubicTo(pt{580, 800}, pt{628, 700}, pt{628, 520}).close()
		l.fillAtop(inner, p.hairDark)
	case HairShort:
		s := l.shape().moveTo(pt{500, 162}).
			cubicTo(pt{610, 158}, pt{678, 220}, pt{676, 330}).
			cubicTo(pt{674, 400}, pt{668, 450}, pt{655, 490}).lineTo(pt{345, 490}).
			cubicTo(pt{332, 450}, pt{326, 400}, pt{324, 330}).
			cubicTo(pt{322, 220}, pt{390, 158}, pt{500, 162}).close()
		l.fill(s, p.hairDark)
	case HairTied:
		l.fill(l.shape().circle(500, 168, 54), p.hair)
		l.fillAtop(l.shape().ellipse(520, 186, 46, 36, 0), p.hairDark)
		l.stroke(cubicF(pt{456, 158}, pt{472, 130}, pt{518, 121}, pt{544, 146}), 5, true, alpha(p.hairLight, 0.6))
		l.stroke(cubicF(pt{460, 184}, pt{482, 158}, pt{528, 153}, pt{548, 176}), 4, true, alpha(p.hairDark, 0.7))
		s := l.shape().moveTo(pt{500, 176}).
			cubicTo(pt{630, 173}, pt{682, 245}, pt{678, 350}).
			cubicTo(pt{676, 410}, pt{666, 450}, pt{652, 475}).lineTo(pt{348, 475}).
			cubicTo(pt{334, 450}, pt{324, 410}, pt{322, 350}).
			cubicTo(pt{318, 245}, pt{370, 173}, pt{500, 176}).close()
		l.fill(s, p.hairDark)
	case HairCurly:
		l.fill(l.shape().poly(curlyOutline(pt{500, 372}, 250, 238, 0, 2*math.Pi)), p.hair)
		inner := l.shape().ellipse(500, 560, 150, 110, 0)
		l.fillAtop(inner, p.hairDark)
	}
	c.flatten(l, 1)
}

// curlyOutline is an ellipse with a scalloped edge, from angle a0 to a1.
func curlyOutline(ctr pt, rx, ry, a0, a1 float64) []pt {
	const n = 240
	ps := make([]pt, 0, n+1)
	for i := 0; i <= n; i++ {
		a := lerp(a0, a1, float64(i)/n)
		k := 1 - 0.04*math.Pow(math.Abs(math.Cos(a*9+0.4)), 0.5) - 0.025*math.Pow(math.Abs(math.Cos(a*14+1.3)), 0.7)
		ps = append(ps, pt{ctr.x + rx*k*math.Cos(a), ctr.y + ry*k*math.Sin(a)})
	}
	return ps
}

// frontHairShape returns the front hair layer's outline offset by d, on
// canvas l.
func (p *painter) frontHairShape(l *canvas, d pt) *shape {
	o := func(x, y float64) pt { return pt{x + d.x, y + d.y} }
	s := l.shape()
	switch p.look.HairStyle {
	case HairShoulder:
		s.moveTo(o(452, 170)).
			cubicTo(o(560, 150), o(702, 185), o(724, 330)).
			cubicTo(o(737, 430), o(724, 560), o(750, 700)).
			cubicTo(o(754, 730), o(742, 760), o(720, 774)).
			cubicTo(o(692, 730), o(668, 660), o(660, 560)).
			cubicTo(o(655, 480), o(664, 400), o(640, 330)).
			cubicTo(o(612, 292), o(530, 272), o(462, 216)).
			cubicTo(o(430, 240), o(384, 262), o(364, 322)).
			cubicTo(o(347, 370), o(352, 470), o(344, 560)).
			cubicTo(o(338, 660), o(312, 730), o(282, 774)).
			cubicTo(o(258, 760), o(246, 730), o(250, 700)).
			cubicTo(o(272, 560), o(260, 430), o(276, 330)).
			cubicTo(o(298, 185), o(400, 160), o(452, 170)).close()
	case HairShort:
		s.moveTo(o(500, 158)).
			cubicTo(o(604, 152), o(676, 200), o(678, 292)).
			cubicTo(o(680, 340), o(672, 380), o(664, 426)).
			lineTo(o(654, 430)).
			cubicTo(o(652, 384), o(648, 330), o(626, 296))
		// A tufted hairline swept to the viewer's right.
		tips := []pt{
			{612, 286}, {584, 300}, {566, 270}, {530, 288}, {512, 262},
			{474, 282}, {456, 258}, {418, 280}, {404, 266}, {384, 288},
		}
		prev := pt{626, 296}
		for i, q := range tips {
			if i%2 == 1 {
				// Into a tuft's tip: a curve bowing down and out.
				s.quadTo(o(lerp(prev.x, q.x, 0.5), math.Max(prev.y, q.y)+6), o(q.x, q.y))
			} else {
				s.quadTo(o(lerp(prev.x, q.x, 0.3), lerp(prev.y, q.y, 0.7)), o(q.x, q.y))
			}
			prev = q
		}
		s.cubicTo(o(370, 300), o(350, 330), o(348, 384)).
			lineTo(o(346, 430)).lineTo(o(336, 426)).
			cubicTo(o(328, 380), o(320, 340), o(322, 292)).
			cubicTo(o(324, 200), o(396, 164), o(500, 158)).close()
	case HairTied:
		s.moveTo(o(500, 176)).
			cubicTo(o(630, 174), o(686, 245), o(681, 350)).
			cubicTo(o(679, 390), o(673, 418), o(664, 432)).
			lineTo(o(656, 432)).
			cubicTo(o(660, 380), o(650, 330), o(630, 300)).
			cubicTo(o(600, 266), o(550, 250), o(500, 256)).
			cubicTo(o(450, 250), o(400, 266), o(370, 300)).
			cubicTo(o(350, 330), o(340, 380), o(344, 432)).
			lineTo(o(336, 432)).
			cubicTo(o(327, 418), o(321, 390), o(319, 350)).
			cubicTo(o(314, 245), o(370, 174), o(500, 176)).close()
	case HairCurly:
		ps := curlyOutline(pt{500 + d.x, 372 + d.y}, 250, 238, math.Pi*1.02, math.Pi*1.98)
		// The hairline: curls along the forehead between the temples.
		const n = 60
		for i := 0; i <= n; i++ {
			t := float64(i) / n
			x := lerp(708, 292, t)
			base := 470 - 200*math.Pow(math.Sin(math.Pi*t), 0.35)
			if t < 0.12 || t > 0.88 {
				base = lerp(470, 350, math.Sin(math.Pi*t)/math.Sin(math.Pi*0.12))
			}
			wave := 9 * math.Abs(math.Sin(t*math.Pi*9))
			ps = append(ps, pt{x + d.x, base + wave + d.y})
		}
		s.poly(ps)
	}
	return s
}

// frontHair draws the front layer with its strands and sheen.
func (p *painter) frontHair() {
	c := p.c
	l := c.layer()
	l.fill(p.frontHairShape(l, pt{}), p.hair)
	dark := alpha(p.hairDark, 0.55)
	light := alpha(p.hairLight, 0.55)
	switch p.look.HairStyle {
	case HairShoulder:
		// Shade on the right, sheen on the left of the crown.
		l.fillAtop(l.shape().ellipse(700, 520, 70, 260, 0), alpha(p.hairDark, 0.35))
		l.strokeAtop(cubicF(pt{470, 182}, pt{560, 175}, pt{650, 210}, pt{690, 300}), 14, light)
		l.strokeAtop(cubicF(pt{440, 185}, pt{380, 200}, pt{320, 260}, pt{300, 380}), 12, light)
		for _, f := range []func(float64) pt{
			cubicF(pt{462, 218}, pt{540, 250}, pt{620, 275}, pt{660, 345}),
			cubicF(pt{480, 200}, pt{580, 210}, pt{680, 260}, pt{700, 420}),
			cubicF(pt{690, 420}, pt{700, 520}, pt{700, 620}, pt{730, 720}),
			cubicF(pt{430, 190}, pt{370, 220}, pt{330, 300}, pt{318, 420}),
			cubicF(pt{318, 440}, pt{312, 540}, pt{310, 640}, pt{284, 740}),
		} {
			l.strokeAtop(f, 5, dark)
		}
	case HairShort:
		l.strokeAtop(cubicF(pt{380, 196}, pt{450, 172}, pt{560, 168}, pt{640, 210}), 16, light)
		for _, f := range []func(float64) pt{
			cubicF(pt{430, 176}, pt{460, 205}, pt{520, 235}, pt{592, 270}),
			cubicF(pt{392, 196}, pt{420, 226}, pt{462, 250}, pt{512, 268}),
			cubicF(pt{520, 168}, pt{580, 186}, pt{630, 226}, pt{656, 300}),
			cubicF(pt{360, 226}, pt{344, 266}, pt{336, 330}, pt{340, 410}),
		} {
			l.strokeAtop(f, 5, dark)
		}
	case HairTied:
		l.fillAtop(l.shape().moveTo(pt{499, 178}).lineTo(pt{501, 178}).lineTo(pt{502, 250}).lineTo(pt{498, 250}).close(), alpha(p.skinShade, 0.9))
		l.strokeAtop(cubicF(pt{470, 190}, pt{420, 200}, pt{370, 240}, pt{350, 300}), 12, light)
		l.strokeAtop(cubicF(pt{530, 190}, pt{580, 200}, pt{630, 240}, pt{650, 300}), 10, alpha(p.hairLight, 0.35))
		for _, sx := range []float64{-1, 1} {
			for _, k := range []float64{0, 1, 2} {
				a := pt{500 + sx*(20+k*35), 262 - k*8}
				b := pt{500 + sx*(120+k*22), 200 + k*30}
				l.strokeAtop(cubicF(a, a.add(pt{sx * 20, -30}), b.add(pt{-sx * 30, -10}), b), 4, dark)
			}
		}
	case HairCurly:
		// Curls: little arcs scattered over the hair.
		for i := 0; i < 90; i++ {
			a := float64(i) * 2.39996 // golden angle
			r := math.Sqrt(float64(i)/90) * 0.97
			ctr := pt{500 + 240*r*math.Cos(a), 372 + 228*r*math.Sin(a)}
			rad := 11 + 5*math.Mod(float64(i)*0.618, 1)
			// A coil: a spiral turn, lit on one side.
			l.strokeAtop(func(t float64) pt {
				ang := a + 2*math.Pi*1.1*t
				rr := rad * (1 - 0.45*t)
				return ctr.add(pt{rr * math.Cos(ang), 0.9 * rr * math.Sin(ang)})
			}, 4.5, dark)
			l.strokeAtop(func(t float64) pt {
				ang := math.Pi*(1.05+0.5*t) + 0.3
				return ctr.add(pt{(rad + 2) * math.Cos(ang), 0.9 * (rad + 2) * math.Sin(ang)})
			}, 3.5, alpha(p.hairLight, 0.55))
		}
		l.strokeAtop(cubicF(pt{360, 220}, pt{420, 170}, pt{520, 160}, pt{600, 190}), 18, alpha(p.hairLight, 0.35))
	}
	c.flatten(l, 1)
}
