//go:build !linux

package testdisplay

// Started reports whether this package started the display: elsewhere
// than on Linux, Ebiten needs no X display.
func Started() bool { return false }

// Stop does nothing.
func Stop() {}
