//go:build linux || darwin

package main

import (
	"os"
	"syscall"
)

// statDisk returns the bytes free to an unprivileged user on the disk that
// holds dir, and the disk's device number.
func statDisk(dir string) (free, device uint64, ok bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, 0, false
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return 0, 0, false
	}
	if sys, ok := fi.Sys().(*syscall.Stat_t); ok {
		device = uint64(sys.Dev)
	}
	return uint64(st.Bavail) * uint64(st.Bsize), device, true
}
