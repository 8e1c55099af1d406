package ui

import (
	"fmt"
	"image"

	"github.com/hajimehoshi/ebiten/v2"
)

// dropoutScreen is a missed session, shown as it happens in practice: the
// client does not come, and the course ends quietly.
type dropoutScreen struct {
	a      *app
	c      *course
	rep    *weekReport
	button buttonRow // one button, always focused
}

func newDropoutScreen(a *app, c *course, rep *weekReport) *dropoutScreen {
	return &dropoutScreen{a: a, c: c, rep: rep, button: buttonRow{
		buttons: []rowButton{{label: "See the course summary", caption: "Enter", style: btnPrimary}},
		hover:   -1,
	}}
}

type dropoutLayout struct {
	chair         image.Rectangle
	labelY        int
	title, body   *para
	note          *para
	titleY, bodyY int
	noteY         int
	button        image.Rectangle
	x             int
}

func (s *dropoutScreen) texts() (label, title, body, note string) {
	first := s.c.e.sc.Client.FirstName()
	next := s.rep.session + 1
	label = fmt.Sprintf("SESSION %d", next)
	title = fmt.Sprintf("%s did not come to session %d.", first, next)
	body = fmt.Sprintf("The appointment time passes and the chair stays empty. %s does not answer the message you leave, and does not book again.", first)
	note = "About one adult client in five stops coming before therapy ends, most of them in the first few sessions, and often without saying why."
	return
}

func (s *dropoutScreen) layout() dropoutLayout {
	a, m, ts := s.a, s.a.m, s.a.ts
	var l dropoutLayout
	_, title, body, note := s.texts()
	w := min(a.size.X-2*m.u(32), m.u(760))
	l.x = (a.size.X - w) / 2
	chair := m.u(110)
	l.title = ts.wrap(title, fTitle, w)
	l.body = ts.wrap(body, fOption, w)
	l.note = ts.wrap(note, fSmall, w)
	bh := a.buttonHeight()
	h := chair + m.u(28) + int(ts.lineH(fLabel)) + m.u(6) + l.title.height + m.u(18) + l.body.height + m.u(14) + l.note.height + m.u(36) + bh
	y := max(m.u(24), (a.size.Y-h)/2)
	l.chair = image.Rect(l.x, y, l.x+chair, y+chair)
	y += chair + m.u(28)
	l.labelY = y
	y += int(ts.lineH(fLabel)) + m.u(6)
	l.titleY = y
	y += l.title.height + m.u(18)
	l.bodyY = y
	y += l.body.height + m.u(14)
	l.noteY = y
	y += l.note.height + m.u(36)
	bw := max(m.u(260), a.buttonWidth(s.button.buttons[0].label, "Enter"))
	l.button = image.Rect(l.x, y, l.x+bw, y+bh)
	return l
}

// Update reads the frame's input.
func (s *dropoutScreen) Update(in input) {
	s.button.place(s.layout().button)
	switch pressed := s.button.update(&in) >= 0; {
	case in.Pressed(ebiten.KeyEscape):
		s.a.openMenu()
	case pressed:
		s.a.show(newEndScreen(s.a, s.c))
	}
}

// moving reports that the screen is still: it has no animation.
func (s *dropoutScreen) moving() bool { return false }

// Draw draws the empty chair and the message.
func (s *dropoutScreen) Draw(dst *ebiten.Image) {
	a, ts := s.a, s.a.ts
	l := s.layout()
	label, _, _, _ := s.texts()
	drawChair(a, dst, l.chair)
	x := float64(l.x)
	ts.drawLine(dst, label, fLabel, x, float64(l.labelY), colMuted)
	ts.drawPara(dst, l.title, fTitle, x, float64(l.titleY), colText, -1)
	ts.drawPara(dst, l.body, fOption, x, float64(l.bodyY), colText, -1)
	ts.drawPara(dst, l.note, fSmall, x, float64(l.noteY), colMuted, -1)
	s.button.place(l.button)
	s.button.draw(a, dst)
}

// drawChair draws an empty armchair in r.
func drawChair(a *app, dst *ebiten.Image, r image.Rectangle) {
	u := float64(r.Dx()) / 100
	rc := func(x0, y0, x1, y1 float64) image.Rectangle {
		return image.Rect(r.Min.X+int(x0*u), r.Min.Y+int(y0*u), r.Min.X+int(x1*u), r.Min.Y+int(y1*u))
	}
	c := colCueBar
	a.pt.roundRect(dst, rc(20, 8, 80, 62), int(10*u), c)                          // back
	a.pt.roundRect(dst, rc(8, 40, 26, 82), int(8*u), lerpColor(c, colText, 0.12)) // arms
	a.pt.roundRect(dst, rc(74, 40, 92, 82), int(8*u), lerpColor(c, colText, 0.12))
	a.pt.roundRect(dst, rc(22, 56, 78, 76), int(6*u), lerpColor(c, colPanel, 0.35)) // seat
	a.pt.roundRect(dst, rc(14, 80, 20, 96), int(2*u), colMuted)                     // legs
	a.pt.roundRect(dst, rc(80, 80, 86, 96), int(2*u), colMuted)
}
