//go:build !js

package main

import (
	"errors"
	"io/fs"
	"os"

	"github.com/therasim/therasim/internal/watch"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
	"github.com/therasim/therasim/ui"
)

// watchFile watches the scenario file path (--watch) and sends each save
// to the window, loaded: the scenario, or its mistakes. When the file has
// mistakes already, they are sent first. stop ends the watch.
func watchFile(path string) (revs <-chan ui.Revision, stop func(), err error) {
	m, err := scenarios.Model()
	if err != nil {
		return nil, nil, err
	}
	w, err := watch.New(0, path)
	if err != nil {
		return nil, nil, err
	}
	c := make(chan ui.Revision, 1)
	if rev, ok := load(path, m); ok && rev.Err != nil {
		c <- rev
	}
	go func() {
		for range w.C {
			rev, ok := load(path, m)
			if !ok {
				continue
			}
			// The window takes the latest save: one it has not taken yet
			// is replaced.
			select {
			case c <- rev:
			default:
				select {
				case <-c:
				default:
				}
				c <- rev
			}
		}
	}()
	return c, func() { w.Close() }, nil
}

// load reads and loads the scenario in path; ok is false when the file is
// not there (deleted, to be created anew: that is the save to wait for).
func load(path string, m *sim.Model) (rev ui.Revision, ok bool) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return rev, false
	}
	rev.Path = path
	if err != nil {
		rev.Err = err
		return rev, true
	}
	rev.Scenario, rev.Err = sim.Load(path, data, m)
	return rev, true
}
