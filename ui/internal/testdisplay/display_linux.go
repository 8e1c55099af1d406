//go:build linux

package testdisplay

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

var proc *os.Process

// Started reports whether this package started the display.
func Started() bool { return proc != nil }

// Stop ends the Xvfb this package started, if any.
func Stop() {
	if proc != nil {
		_ = proc.Signal(syscall.SIGTERM)
		_, _ = proc.Wait()
		proc = nil
	}
}

func init() {
	if os.Getenv("DISPLAY") != "" {
		return
	}
	xvfb := lookPath("Xvfb")
	if xvfb == "" {
		os.Stderr.WriteString("testdisplay: DISPLAY is not set and Xvfb is not installed; Ebiten needs an X display (install the xvfb package, or set DISPLAY)\n")
		return
	}
	for n := 90; n < 190; n++ {
		lock := "/tmp/.X" + strconv.Itoa(n) + "-lock"
		sock := "/tmp/.X11-unix/X" + strconv.Itoa(n)
		if exists(lock) || exists(sock) {
			continue
		}
		null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
		if err != nil {
			return
		}
		p, err := os.StartProcess(xvfb, []string{"Xvfb", ":" + strconv.Itoa(n), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"},
			&os.ProcAttr{Files: []*os.File{null, null, null},
				Sys: &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM, Setpgid: true}})
		null.Close()
		if err != nil {
			return
		}
		// Wait for its socket.
		for i := 0; i < 200 && !exists(sock); i++ {
			time.Sleep(25 * time.Millisecond)
		}
		if !exists(sock) {
			_ = p.Kill()
			_, _ = p.Wait()
			continue
		}
		proc = p
		os.Setenv("DISPLAY", ":"+strconv.Itoa(n))
		return
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func lookPath(name string) string {
	for _, dir := range strings.Split(os.Getenv("PATH"), ":") {
		if dir == "" {
			continue
		}
		p := dir + "/" + name
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}
