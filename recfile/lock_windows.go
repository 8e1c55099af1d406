//go:build windows

package recfile

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockOffset is where the byte locked lies: far past the end of any
// recording (they are refused past 64 MB), since a lock on Windows stops
// other programs reading and writing the bytes it covers.
const lockOffset = 1 << 62

// lock locks one byte of the recording at path, far past its end, through
// a handle of its own: f, opened for appending only, may not lock. Closing
// that handle, which unlock does, releases the lock.
func lock(path string, _ *os.File) (unlock func() error, err error) {
	h, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	ov := &windows.Overlapped{Offset: uint32(lockOffset & 0xffffffff), OffsetHigh: uint32(lockOffset >> 32)}
	err = windows.LockFileEx(windows.Handle(h.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ov)
	if err != nil {
		h.Close()
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
			return nil, errLocked
		}
		return nil, err
	}
	return h.Close, nil
}
