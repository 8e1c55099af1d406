//go:build js

package ui

import (
	"errors"
	"net/url"
	"strings"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/therasim/therasim/classroom"
)

// The instructor's page in the browser: the key the page was opened with,
// the page's address, waking the window, and downloads.

// keyFromPage returns the instructor key given in the page's address as
// "#key=KEY" (classroom.InstructorLink), and takes it out of the address (and the history), so that
// it is neither shown nor kept there; "" when there is none.
func keyFromPage() string {
	loc := js.Global().Get("location")
	if !loc.Truthy() {
		return ""
	}
	hash := strings.TrimPrefix(loc.Get("hash").String(), "#")
	v, err := url.ParseQuery(hash)
	if err != nil || v.Get(classroom.KeyParameter) == "" {
		return ""
	}
	if h := js.Global().Get("history"); h.Truthy() {
		h.Call("replaceState", js.Null(), "", loc.Get("pathname").String()+loc.Get("search").String())
	}
	return v.Get(classroom.KeyParameter)
}

// classAddress is the address trainees open: the page's origin, e.g.
// "http://10.0.0.5:8080".
func classAddress(c *classClient) string {
	if c.base != "" {
		return c.base
	}
	if loc := js.Global().Get("location"); loc.Truthy() {
		return loc.Get("origin").String()
	}
	return ""
}

// wakeWindow has the window run its next frame even when it is not
// focused and rests (see game.watchWindow), so that what came in from the
// class server is shown on a projected page the instructor is not
// clicking in.
func wakeWindow() { ebiten.SetRunnableOnUnfocused(true) }

// downloadFile hands data to the browser as a download named name, of the
// MIME type mime: a Blob, an object URL for it, and a click on an <a
// download> that is not in the page.
func downloadFile(name, mime string, data []byte) error {
	doc := js.Global().Get("document")
	if !doc.Truthy() {
		return errors.New("this page has no document to download into")
	}
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	blob := js.Global().Get("Blob").New([]any{arr}, map[string]any{"type": mime})
	u := js.Global().Get("URL").Call("createObjectURL", blob)
	a := doc.Call("createElement", "a")
	a.Set("href", u)
	a.Set("download", name)
	a.Get("style").Set("display", "none")
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	// The browser has taken the blob once the click is handled; the URL
	// is let go a little later, as some browsers read it after the click.
	var release js.Func
	release = js.FuncOf(func(js.Value, []js.Value) any {
		js.Global().Get("URL").Call("revokeObjectURL", u)
		release.Release()
		return nil
	})
	js.Global().Call("setTimeout", release, 10000)
	return nil
}
