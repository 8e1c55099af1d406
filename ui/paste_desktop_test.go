//go:build !js

package ui

import (
	"os"
	"testing"
	"time"

	"github.com/therasim/therasim/ui/internal/testdisplay"
	"golang.design/x/clipboard"
)

// TestReadClipboard puts a name on the system clipboard and reads it as
// the window does after Ctrl+V (the key itself cannot be sent from a
// test).
func TestReadClipboard(t *testing.T) {
	if os.Getenv("DISPLAY") == "" || testdisplay.Started() {
		// The clipboard library's X connection ends the program when the
		// tests' own X server stops: only a display of the machine's.
		t.Skip("no display of the machine's own: the clipboard is the X server's")
	}
	if err := desktopClipboard.init(); err != nil {
		t.Skipf("no clipboard here: %v", err)
	}
	const name = "王芳 Zoë 🙂"
	clipboard.Write(clipboard.FmtText, []byte(name))
	readClipboard()
	select {
	case got := <-desktopClipboard.text:
		if got != name {
			t.Errorf("read %q from the clipboard, want %q", got, name)
		}
	case err := <-desktopClipboard.err:
		t.Fatal(err)
	case <-time.After(5 * time.Second):
		t.Fatal("reading the clipboard gave nothing")
	}
}
