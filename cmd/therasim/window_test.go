package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/therasim/therasim/internal/testenv"
)

// withDisplay runs therasim as therasim() does, but with DISPLAY set.
func withDisplay(t *testing.T, args ...string) result {
	t.Helper()
	var out, errs bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errs,
		now: time.Now,
		getenv: func(k string) string {
			if k == "DISPLAY" {
				return ":99"
			}
			return ""
		}}
	code := a.main(args)
	return result{code, out.String(), errs.String()}
}

func TestWindow(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses a shell script as the window")
	}
	t.Run("no display", func(t *testing.T) {
		therasim(t, "").want(t, exitBad, "no display", "therasim run cbt-depression")
		therasim(t, "", "play").want(t, exitBad, "no display")
	})
	t.Run("window not installed", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		withDisplay(t, "play").want(t, exitBad, "therasim-play, is not installed", "make build")
	})
	t.Run("flags and exit code passed through", func(t *testing.T) {
		dir := t.TempDir()
		args := filepath.Join(dir, "args")
		script := "#!/bin/sh\necho \"$@\" > " + args + "\nexit 3\n"
		if err := os.WriteFile(filepath.Join(dir, "therasim-play"), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv("PATH", dir)
		r := withDisplay(t, "play", "--assess", "--trainee", "Ana", "cbt-depression")
		if r.code != 3 {
			t.Errorf("exit %d, want the window's 3; stderr %q", r.code, r.stderr)
		}
		got, err := os.ReadFile(args)
		if err != nil {
			t.Fatal(err)
		}
		if want := "--assess --trainee Ana cbt-depression\n"; string(got) != want {
			t.Errorf("the window was given %q, want %q", got, want)
		}
		if r := withDisplay(t); r.code != 3 {
			t.Errorf("therasim with no arguments: exit %d, want the window's", r.code)
		}
	})
}

// TestHeadless: therasim must not link Ebiten, which connects to a display
// when the program starts; check, run and cohort must work without one.
func TestHeadless(t *testing.T) {
	goBin := testenv.GoTool()
	out, err := exec.Command(goBin, "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(dep, "ebiten") {
			t.Errorf("therasim depends on %s", dep)
		}
	}
}
