package ui

import (
	"context"
	"fmt"
	"image"
	"net/http"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// The key screen: the instructor types or pastes the instructor key that
// 'therasim serve' printed, and a name to sign notes with; the server is
// asked whether the key is its own before the class is shown.

// keyScreen asks for the instructor key.
type keyScreen struct {
	a *app
	c *classClient
	// key and name are what is typed in the two fields.
	key, name []rune
	focus     int // kfKey, kfName or kfOpen
	// checking says the server is being asked; res brings its answer.
	checking bool
	res      chan error
	// words say why the last key was not accepted, or "".
	words string
	hover string // "key", "name", "open" or ""
	lay   layoutCache[keyLayoutKey, keyLayout]
}

// The key screen's focus.
const (
	kfKey = iota
	kfName
	kfOpen
	numKeyFocus
)

// maxKeyRunes bounds what the key field takes.
const maxKeyRunes = 200

// keyCheckTime is how long the server is given to answer the key.
const keyCheckTime = 20 * time.Second

func newKeyScreen(a *app, c *classClient) *keyScreen {
	k := &keyScreen{a: a, c: c, res: make(chan error, 1)}
	if n, _ := a.store.Get(keyInstructorName); n != "" {
		k.name = []rune(n)
	}
	return k
}

// check asks the server, in the background, whether the key typed is the
// instructor key.
func (k *keyScreen) check() {
	key := strings.TrimSpace(string(k.key))
	switch {
	case k.checking:
		return
	case key == "":
		k.words = "Type the instructor key first: 'therasim serve' printed it when it started."
		return
	}
	k.checking, k.words = true, ""
	k.a.dirty = true
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), keyCheckTime)
		defer cancel()
		k.res <- checkKey(ctx, k.c, key)
		wakeWindow()
	}()
}

// answered takes the server's answer to the key, when it has come.
func (k *keyScreen) answered() {
	var err error
	select {
	case err = <-k.res:
	default:
		return
	}
	k.checking = false
	k.a.dirty = true
	if err != nil {
		k.words = refusalText(err)
		if r := asRefusal(err); r != nil && (r.Status == http.StatusForbidden || r.Status == http.StatusUnauthorized) {
			// A key the server refuses is not kept for the next visit.
			_ = k.a.store.Set(keyInstructorKey, "")
		} else {
			k.words += " Press Enter to try again."
		}
		return
	}
	key := strings.TrimSpace(string(k.key))
	author := strings.TrimSpace(string(k.name))
	_ = k.a.store.Set(keyInstructorName, author)
	if err := k.a.store.Set(keyInstructorKey, key); err != nil {
		k.a.say("This browser does not keep the key (" + err.Error() + "): it will be asked for again next time.")
	}
	if author == "" {
		author = defaultAuthor
	}
	startInstructor(k.a, &classClient{base: k.c.base, key: key, hc: k.c.hc}, author)
}

// textField is where the instructor is typing, for pasted and composed
// text.
func (k *keyScreen) textField() (image.Rectangle, bool) {
	l := k.layout()
	switch k.focus {
	case kfKey:
		return l.key, true
	case kfName:
		return l.name, true
	}
	return image.Rectangle{}, false
}

// moving: the screen moves while the key is being checked, so that the
// answer is shown as soon as it comes, and when the caret blinks.
func (k *keyScreen) moving() bool { return k.checking || k.a.caretOn() != k.a.blinkDrawn }

// Update reads the frame's input.
func (k *keyScreen) Update(in input) {
	k.answered()
	l := k.layout()
	k.hover = ""
	switch {
	case in.Mouse.In(l.key):
		k.hover = "key"
	case in.Mouse.In(l.name):
		k.hover = "name"
	case in.Mouse.In(l.open):
		k.hover = "open"
	}
	if in.Click {
		switch k.hover {
		case "key":
			k.focus = kfKey
		case "name":
			k.focus = kfName
		case "open":
			k.focus = kfOpen
			k.check()
			return
		}
	}
	field := k.field()
	switch {
	case in.confirm():
		k.check()
		return
	case in.Pressed(ebiten.KeyTab) && in.Shift:
		k.focus = (k.focus + numKeyFocus - 1) % numKeyFocus
	case in.Pressed(ebiten.KeyTab), in.Pressed(ebiten.KeyArrowDown) && k.focus != kfOpen:
		k.focus = (k.focus + 1) % numKeyFocus
	case in.Pressed(ebiten.KeyArrowUp) && k.focus > 0:
		k.focus--
	case in.Pressed(ebiten.KeySpace) && k.focus == kfOpen:
		k.check()
		return
	case in.Pressed(ebiten.KeyBackspace) && field != nil && !k.checking:
		backspace(field)
	}
	if field == nil || k.checking {
		return
	}
	most := maxKeyRunes
	if k.focus == kfName {
		most = maxNameRunes
	}
	for _, r := range in.Runes {
		if !in.Ctrl {
			typeInto(field, r, most, k.focus == kfKey)
		}
	}
	if in.Paste != "" {
		pasteInto(field, in.Paste, most, k.focus == kfKey)
	}
}

// field is the text being typed into, or nil when the button has the
// focus.
func (k *keyScreen) field() *[]rune {
	switch k.focus {
	case kfKey:
		return &k.key
	case kfName:
		return &k.name
	}
	return nil
}

type keyLayoutKey struct {
	size image.Point
	m    metrics
}

type keyLayout struct {
	x, w              int
	labelY, titleY    int
	about             *para
	aboutY            int
	keyLabelY         int
	key               image.Rectangle
	nameLabelY        int
	name              image.Rectangle
	wordsY            int
	open              image.Rectangle
	keyLabel, nameLab string
}

func (k *keyScreen) layout() *keyLayout {
	return k.lay.get(keyLayoutKey{k.a.size, k.a.m}, k.computeLayout)
}

// keyAbout says what the key is and what happens to it.
const keyAbout = "Type or paste the instructor key that 'therasim serve' printed when it started. " +
	"This browser remembers it, so that the page opens the class straight away next time, until you choose Forget the key. " +
	"It is hidden here in case this screen is projected."

func (k *keyScreen) computeLayout() keyLayout {
	a, m, ts := k.a, k.a.m, k.a.ts
	W, H := a.size.X, a.size.Y
	var l keyLayout
	l.w = min(W-2*m.u(32), m.u(760))
	l.x = (W - l.w) / 2
	y := 0
	l.labelY = y
	y += int(ts.lineH(fLabel))
	l.titleY = y
	y += int(ts.lineH(fTitle)) + m.u(12)
	l.about = ts.wrap(keyAbout, fOption, l.w)
	l.aboutY = y
	y += l.about.height + m.u(24)
	fh := a.buttonHeight()
	l.keyLabelY = y
	y += int(ts.lineH(fLabel)) + m.u(4)
	l.key = image.Rect(l.x, y, l.x+l.w, y+fh)
	y += fh + m.u(18)
	l.nameLabelY = y
	y += int(ts.lineH(fLabel)) + m.u(4)
	l.name = image.Rect(l.x, y, l.x+l.w, y+fh)
	y += fh + m.u(14)
	l.wordsY = y
	y += 3*int(ts.lineH(fOption)) + m.u(8)
	bw := max(m.u(240), a.buttonWidth("Checking the key…", "Enter"))
	l.open = image.Rect(l.x+l.w-bw, y, l.x+l.w, y+fh)
	// The whole a little above the middle of the window, and never off it.
	dy := max(m.u(16), min(H/8, (H-l.open.Max.Y)/3))
	for _, v := range []*int{&l.labelY, &l.titleY, &l.aboutY, &l.keyLabelY, &l.nameLabelY, &l.wordsY} {
		*v += dy
	}
	for _, r := range []*image.Rectangle{&l.key, &l.name, &l.open} {
		*r = r.Add(image.Pt(0, dy))
	}
	return l
}

// Draw draws the key screen.
func (k *keyScreen) Draw(dst *ebiten.Image) {
	a, m, ts := k.a, k.a.m, k.a.ts
	l := k.layout()
	x := float64(l.x)
	ts.drawLine(dst, "THERASIM · INSTRUCTOR", fLabel, x, float64(l.labelY), colAccent)
	ts.drawLine(dst, "Open the class", fTitle, x, float64(l.titleY), colText)
	ts.drawPara(dst, l.about, fOption, x, float64(l.aboutY), colMuted, -1)

	ts.drawLine(dst, "Instructor key", fLabel, x, float64(l.keyLabelY), colMuted)
	a.drawField(dst, l.key, strings.Repeat("•", len(k.key)), "the key 'therasim serve' printed", k.focus == kfKey, false)
	ts.drawLine(dst, "Your name, to sign the notes you write (optional)", fLabel, x, float64(l.nameLabelY), colMuted)
	a.drawField(dst, l.name, string(k.name), "left empty, notes are signed “"+defaultAuthor+"”", k.focus == kfName, false)

	if k.words != "" {
		s := m.u(18)
		a.pt.warning(dst, x+float64(s)/2, float64(l.wordsY)+ts.boxH(fOption)/2, s, colWarn, colBG)
		p := ts.wrap(k.words, fOption, l.w-m.u(28))
		ts.drawPara(dst, p, fOption, x+float64(m.u(28)), float64(l.wordsY), colWarn, -1)
	}
	label, st := "Open the class", btnPrimary
	if k.checking {
		label, st = "Checking the key…", btnSecondary
	}
	a.button(dst, l.open, label, "Enter", st, k.focus == kfOpen, k.hover == "open")
}

// signedAs is what the page says of how notes are signed.
func signedAs(author string) string {
	if author == defaultAuthor {
		return fmt.Sprintf("Notes you write here are signed “%s” (give your name on the key screen to sign them with it).", defaultAuthor)
	}
	return fmt.Sprintf("Notes you write here are signed “%s”.", author)
}
