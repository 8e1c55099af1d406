package main

import (
	"errors"

	"github.com/therasim/therasim/ui"
)

// watchFile is not available in the browser, which has no files to watch.
func watchFile(path string) (<-chan ui.Revision, func(), error) {
	return nil, nil, errors.New("--watch needs a desktop: the browser has no files to watch")
}
