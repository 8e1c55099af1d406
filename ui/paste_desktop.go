//go:build !js

package ui

import (
	"errors"
	"image"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"golang.design/x/clipboard"
)

// On the desktop an input method's text arrives as typed characters
// (Ebiten's AppendInputChars, through GLFW), so only pasting needs help:
// Ebiten has no clipboard, so it is read with golang.design/x/clipboard
// (the X11 CLIPBOARD selection on Linux, which needs libX11.so, as
// scripts/setup.sh installs; the system clipboard on Windows and macOS).
// A read is done off the game loop, as the program that owns the
// clipboard may be slow to answer; its text is the input of a later
// frame.

// desktopClipboard reads the clipboard in the background.
var desktopClipboard struct {
	init    func() error
	mu      sync.Mutex
	reading bool
	text    chan string
	err     chan error
}

func init() {
	desktopClipboard.init = sync.OnceValue(clipboard.Init)
	desktopClipboard.text = make(chan string, 1)
	desktopClipboard.err = make(chan error, 1)
}

// platformPaste starts reading the clipboard when Ctrl+V (Cmd+V) or
// Shift+Insert is pressed with a text field focused, and returns the text
// of a read that has finished, or why reading failed.
func platformPaste(in *input, _ image.Rectangle, focused bool) (string, error) {
	c := &desktopClipboard
	if focused && (in.Ctrl && inpututil.IsKeyJustPressed(ebiten.KeyV) || in.Shift && inpututil.IsKeyJustPressed(ebiten.KeyInsert)) {
		c.mu.Lock()
		if !c.reading {
			c.reading = true
			go readClipboard()
		}
		c.mu.Unlock()
	}
	select {
	case s := <-c.text:
		if focused {
			return s, nil
		}
	case err := <-c.err:
		return "", err
	default:
	}
	return "", nil
}

// readClipboard reads the clipboard's text into desktopClipboard.text,
// or the reason it cannot into desktopClipboard.err.
func readClipboard() {
	c := &desktopClipboard
	defer func() {
		c.mu.Lock()
		c.reading = false
		c.mu.Unlock()
	}()
	if err := c.init(); err != nil {
		c.err <- errors.New("the clipboard cannot be read (on Linux it needs X11's libX11.so: scripts/setup.sh installs it)")
		return
	}
	if b := clipboard.Read(clipboard.FmtText); len(b) > 0 {
		c.text <- string(b)
	}
}
