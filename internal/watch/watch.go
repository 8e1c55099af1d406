//go:build !js

package watch

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Settle is how long a Watcher waits after the last change to a file
// before it reports the save: long enough for an editor to finish
// writing, renaming or re-creating the file, short enough to be unseen.
const Settle = 40 * time.Millisecond

// A Watcher reports when one of a few files is saved. Editors save in
// different ways (writing the file in place, writing another file and
// renaming it over, deleting the file and creating it anew), so it
// watches the folders the files are in and picks their changes out by
// name; and since one save is often several changes, it reports a save
// once they have settled. Should a file still be read half-written (a
// slow writer), its next change is reported too.
type Watcher struct {
	// C receives a value for each save, the time its first change was
	// seen; saves not yet taken are reported once. C is closed when the
	// Watcher is.
	C <-chan time.Time

	fw     *fsnotify.Watcher
	c      chan time.Time
	files  map[string]bool
	settle time.Duration
	done   chan struct{}
	once   sync.Once
}

// New watches files, reporting a save once changes have stopped for
// settle (Settle when 0).
func New(settle time.Duration, files ...string) (*Watcher, error) {
	if len(files) == 0 {
		return nil, errors.New("no file to watch")
	}
	if settle <= 0 {
		settle = Settle
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch for changes: %w", err)
	}
	w := &Watcher{fw: fw, c: make(chan time.Time, 1), files: map[string]bool{}, settle: settle, done: make(chan struct{})}
	w.C = w.c
	dirs := map[string]bool{}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			fw.Close()
			return nil, fmt.Errorf("cannot watch %s: %w", f, err)
		}
		w.files[abs] = true
		if d := filepath.Dir(abs); !dirs[d] {
			dirs[d] = true
			if err := fw.Add(d); err != nil {
				fw.Close()
				return nil, fmt.Errorf("cannot watch the folder of %s: %w", f, err)
			}
		}
	}
	go w.loop()
	return w, nil
}

// Close stops watching and closes C.
func (w *Watcher) Close() error {
	var err error
	w.once.Do(func() {
		close(w.done)
		err = w.fw.Close()
	})
	return err
}

// loop turns the folders' changes into saves of the files.
func (w *Watcher) loop() {
	defer close(w.c)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var first time.Time // the first change not yet reported
	for {
		select {
		case <-w.done:
			timer.Stop()
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			// A change of mode alone (touch, an indexer) is no save.
			if ev.Op == fsnotify.Chmod || !w.files[filepath.Clean(ev.Name)] {
				continue
			}
			if first.IsZero() {
				first = time.Now()
			}
			timer.Reset(w.settle)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			// Changes were lost (the queue overflowed): one of them may
			// have been a save.
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				if first.IsZero() {
					first = time.Now()
				}
				timer.Reset(w.settle)
			}
		case <-timer.C:
			select {
			case w.c <- first:
			default: // a save is waiting to be taken: it covers this one
			}
			first = time.Time{}
		}
	}
}
