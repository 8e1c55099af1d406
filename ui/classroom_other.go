//go:build !js

package ui

import "errors"

// downloadable: on a desktop the recording is a file already, and the end
// screen says where. (A variable, so that a test can draw the end screen
// as the browser shows it.)
var downloadable = false

// detectClass reports no class: only a page served by 'therasim serve'
// plays in class mode.
func detectClass() (base string, instructor bool, ok bool) { return "", false, false }

// download refuses: downloads are the browser's.
func download(name string, data []byte) error {
	return errors.New("recordings are downloaded in the browser; here the file is on disk already")
}
