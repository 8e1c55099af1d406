//go:build js

package ui

import (
	"image"
	"sync"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2/exp/textinput"
)

// In the browser, Ebiten draws into a canvas, which takes keys but is no
// text box: an input method (IME) does not compose into it, and the
// browser does not paste into it (Ebiten cancels the keys' default
// actions, Ctrl+V's among them). While a text field has the focus, a
// textinput.Field (Ebiten's exp/textinput) moves the page's focus to a
// hidden text box of Ebiten's, which passes keys on to Ebiten as before
// and lets the browser compose and paste into it. The text itself is
// taken from the page's events, which bubble up to the document: a
// "compositionend" carries what the input method composed, a "paste"
// what was pasted (its default, pasting into the hidden box, is
// cancelled). Typed characters keep coming as Ebiten's AppendInputChars;
// the Field's own copy of the text is not used, so nothing arrives twice.

// browserText gathers the text of the page's events for the next frame.
var browserText struct {
	mu      sync.Mutex
	active  bool   // a text field has the focus: take the events' text
	pending string // text arrived since the last frame
	field   textinput.Field
	once    sync.Once
}

// listenForText adds the document's listeners, once.
func listenForText() {
	doc := js.Global().Get("document")
	if !doc.Truthy() {
		return
	}
	take := func(s string) {
		browserText.mu.Lock()
		defer browserText.mu.Unlock()
		if browserText.active {
			browserText.pending += s
		}
	}
	doc.Call("addEventListener", "paste", js.FuncOf(func(this js.Value, args []js.Value) any {
		e := args[0]
		browserText.mu.Lock()
		active := browserText.active
		browserText.mu.Unlock()
		if !active {
			return nil
		}
		if d := e.Get("clipboardData"); d.Truthy() {
			take(d.Call("getData", "text").String())
		}
		e.Call("preventDefault")
		return nil
	}))
	doc.Call("addEventListener", "compositionend", js.FuncOf(func(this js.Value, args []js.Value) any {
		if d := args[0].Get("data"); d.Type() == js.TypeString {
			take(d.String())
		}
		return nil
	}))
}

// platformPaste keeps the hidden text box focused while a text field is
// (bounds, in device pixels, places the input method's window) and
// returns the text that the page's paste and composition events brought
// since the last frame.
func platformPaste(_ *input, bounds image.Rectangle, focused bool) (string, error) {
	t := &browserText
	t.once.Do(listenForText)
	f := &t.field
	switch {
	case focused:
		if !f.IsFocused() {
			f.Focus()
		}
		caret := image.Rect(bounds.Min.X, bounds.Min.Y, bounds.Min.X+1, bounds.Max.Y)
		if _, err := f.HandleInputWithBounds(caret); err != nil {
			return "", err
		}
		if len(f.Text()) > 1<<12 {
			// The Field keeps what was typed; it is not used.
			f.SetTextAndSelection("", 0, 0)
		}
	case f.IsFocused():
		f.Blur()
		f.SetTextAndSelection("", 0, 0)
		focusCanvas()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.active = focused
	s := t.pending
	t.pending = ""
	return s, nil
}

// focusCanvas gives the page's focus back to Ebiten's canvas when it is in
// the hidden text box, so that keys' default actions in the page (such as
// Ctrl+plus zooming it) stay cancelled.
func focusCanvas() {
	doc := js.Global().Get("document")
	if a := doc.Get("activeElement"); a.Truthy() && a.Get("tagName").String() == "TEXTAREA" {
		// Ebiten focuses its text box at the next click or key when asked
		// to; no field asks now.
		js.Global().Set("_ebitengine_textinput_x", js.Undefined())
		js.Global().Set("_ebitengine_textinput_y", js.Undefined())
		if c := doc.Call("querySelector", "canvas"); c.Truthy() {
			c.Call("focus")
		}
	}
}
