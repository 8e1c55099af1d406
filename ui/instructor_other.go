//go:build !js

package ui

import "errors"

// The instructor's page is the browser's; on a desktop, 'therasim replay'
// shows a class from a folder of recordings and these do nothing.

// keyFromPage returns "": a desktop has no page address.
func keyFromPage() string { return "" }

// classAddress is the class server's address as the client has it.
func classAddress(c *classClient) string { return c.base }

// wakeWindow does nothing: the desktop window is never the instructor's
// page.
func wakeWindow() {}

// downloadFile refuses: downloads are the browser's.
func downloadFile(name, mime string, data []byte) error {
	return errors.New("downloads are made in the browser; on a desktop, 'therasim replay --export' writes the file")
}
