//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package recfile

import (
	"errors"
	"os"
	"syscall"
)

// lock takes an exclusive flock(2) on f, the recording open for writing
// (over NFS, Linux takes it as a lock on the whole file, which needs a
// file open for writing). Closing f releases it.
func lock(_ string, f *os.File) (unlock func() error, err error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, err
	}
	var ferr error
	if err := rc.Control(func(fd uintptr) {
		for {
			ferr = syscall.Flock(int(fd), syscall.LOCK_EX|syscall.LOCK_NB)
			if ferr != syscall.EINTR {
				return
			}
		}
	}); err != nil {
		return nil, err
	}
	if errors.Is(ferr, syscall.EWOULDBLOCK) {
		return nil, errLocked
	}
	return nil, ferr
}
