// Package recfile opens recorded runs on disk for one writer at a time.
//
// A run is recorded by appending a line after every choice (package sim's
// Recorder); an instructor's notes are appended the same way. Two programs
// appending to one recording at once would interleave their lines and
// number two choices alike, and the file would no longer verify. So every
// writer of a recording holds its lock for as long as it writes, and a
// second writer is refused at once with ErrBusy, on Linux, macOS and
// Windows alike (github.com/gofrs/flock). The lock is an advisory lock on a
// hidden file beside the recording (".NAME.jsonl.lock"), which the
// operating system releases when the writer ends, however it ends.
package recfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gofrs/flock"
)

// ErrBusy is the error of a writer refused because another program is
// writing the same recording.
var ErrBusy = errors.New("this run is being continued elsewhere: another TheraSim is recording it; finish there first")

// A File is a recording open for appending, whose lock this program holds
// until Close.
type File struct {
	*os.File
	lock *flock.Flock
}

// Create creates the recording at path, which must not exist, locked for
// this program. The error wraps fs.ErrExist when it exists.
func Create(path string) (*File, error) {
	return open(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND)
}

// Append opens the recording at path to go on with it, locked for this
// program: take it before reading the recording to resume it, so that no
// other program adds a line between the reading and the writing. The error
// is ErrBusy when another program holds the lock.
func Append(path string) (*File, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	return open(path, os.O_WRONLY|os.O_APPEND)
}

func open(path string, flag int) (*File, error) {
	l := flock.New(lockPath(path))
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	if !ok {
		return nil, fmt.Errorf("%s: %w", path, ErrBusy)
	}
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil {
		l.Unlock()
		return nil, err
	}
	return &File{File: f, lock: l}, nil
}

// Close closes the file and releases its lock.
func (f *File) Close() error {
	err := f.File.Close()
	if uerr := f.lock.Unlock(); err == nil {
		err = uerr
	}
	return err
}

// lockPath is the lock file of the recording at path.
func lockPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".lock")
}
