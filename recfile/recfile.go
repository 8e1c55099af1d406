// Package recfile opens recorded runs on disk for one writer at a time.
//
// A run is recorded by appending a line after every choice (package sim's
// Recorder); an instructor's notes are appended the same way. Two programs
// appending to one recording at once would interleave their lines and
// number two choices alike, and the file would no longer verify. So every
// writer of a recording holds its lock for as long as it writes, and a
// second writer is refused at once with ErrBusy, on Linux, macOS and
// Windows alike.
//
// The lock is on the recording itself, held through the writer's own open
// file, and no other file is made for it: nothing is left beside the
// recording, and the operating system releases the lock when the file is
// closed or the writer ends, however it ends. (A separate lock file would
// be left behind, and could not safely be deleted: a program that had
// opened it but not yet locked it would go on to lock the deleted file
// while a third created and locked a new one, and both would write.) On
// Linux and macOS it is flock(2) on the recording; on Windows, LockFileEx
// on one byte far past any recording's end, so that readers of the
// recording (a debrief opened meanwhile) are not stopped by it.
package recfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ErrBusy is the error of a writer refused because another program is
// writing the same recording.
var ErrBusy = errors.New("this run is being continued elsewhere: another TheraSim is recording it; finish there first")

// errLocked is what the lock of each system returns when another holds it.
var errLocked = errors.New("locked")

// A File is a recording open for appending, whose lock this program holds
// until Close.
type File struct {
	*os.File
	unlock func() error // releases the lock, when closing the file does not
}

// Create creates the recording at path, which must not exist, locked for
// this program. The error wraps fs.ErrExist when it exists, and is ErrBusy
// when it exists and another program is writing it.
func Create(path string) (*File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o644)
	if errors.Is(err, fs.ErrExist) {
		if g, gerr := Append(path); errors.Is(gerr, ErrBusy) {
			return nil, gerr
		} else if gerr == nil {
			g.Close()
		}
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	return locked(path, f)
}

// Append opens the recording at path to go on with it, locked for this
// program: take it before reading the recording to resume it, so that no
// other program adds a line between the reading and the writing. The error
// is ErrBusy when another program holds the lock, and wraps
// fs.ErrNotExist when there is no recording at path.
func Append(path string) (*File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil, err
	}
	return locked(path, f)
}

// locked takes the lock of the recording at path, open in f, or closes f.
func locked(path string, f *os.File) (*File, error) {
	unlock, err := lock(path, f)
	if err != nil {
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, fmt.Errorf("%s: %w", path, ErrBusy)
		}
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return &File{File: f, unlock: unlock}, nil
}

// Close closes the file and releases its lock.
func (f *File) Close() error {
	err := f.File.Close()
	if f.unlock != nil {
		if uerr := f.unlock(); err == nil {
			err = uerr
		}
		f.unlock = nil
	}
	return err
}
