package ui

import (
	"image"
	"strings"
	"unicode"
)

// Text that arrives whole, rather than typed a key at a time, is the
// frame's input.Paste: on the desktop what Ctrl+V (Cmd+V on a Mac) or
// Shift+Insert pastes from the clipboard (paste_desktop.go); in the
// browser what the page's paste event carries and what an input method
// (IME) composes (paste_js.go). Both are read only while a text field has
// the focus, and go to that field.

// textField returns where the trainee is typing: the focused text field's
// bounds in device pixels, and whether one has the focus (the screen is a
// textFielder: the picker, with the name and, in class mode, the class
// code; the instructor's key screen).
func (a *app) textField() (image.Rectangle, bool) {
	if f, ok := a.screen.(textFielder); ok && a.menu == nil {
		return f.textField()
	}
	return image.Rectangle{}, false
}

// A textFielder is a screen with text fields: textField says where the one
// with the focus is, and whether one has it.
type textFielder interface {
	textField() (image.Rectangle, bool)
}

// readPaste returns the text pasted or composed this frame for the
// focused text field, for input.Paste. The window calls it once a frame
// with the frame's keys already read into in.
func (a *app) readPaste(in *input) string {
	r, ok := a.textField()
	s, err := platformPaste(in, r, ok)
	if err != nil {
		a.say("Pasting does not work here: " + err.Error())
	}
	return s
}

// pasteable is what a one-line text field keeps of pasted text: each run
// of line breaks, tabs and other spaces becomes one space, control and
// format characters are dropped (though the joiners and variation
// selectors of emoji stay), and the whole is trimmed of spaces at either
// end.
func pasteable(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case r == unicode.ReplacementChar || !unicode.IsPrint(r) && !joiner(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// joiner reports whether r is part of how a character is drawn though it
// is not printed itself: the zero-width joiner and non-joiner and the
// variation selectors (as in "❤️" and "👩‍⚕️").
func joiner(r rune) bool {
	return r == 0x200C || r == 0x200D || unicode.Is(unicode.Variation_Selector, r)
}
