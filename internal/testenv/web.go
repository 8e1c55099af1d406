package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Chromium returns the path of Chromium (or Chrome), skipping the test when
// none is installed ('scripts/setup.sh test' installs it) or in -short mode.
func Chromium(t testing.TB) string {
	t.Helper()
	SkipShort(t, "starts a browser")
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium installed (scripts/setup.sh test installs it)")
	return ""
}

// WebBuild builds the window for the browser (GOOS=js GOARCH=wasm) into a
// new folder with the page's files, as 'make web' builds bin/web: the
// program as therasim.wasm, Go's wasm_exec.js, and every file of
// cmd/therasim-play/web. It returns the folder.
func WebBuild(t testing.TB) string {
	t.Helper()
	SkipShort(t, "builds for wasm")
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..")
	dir := t.TempDir()
	build := exec.Command(GoTool(), "build", "-o", filepath.Join(dir, "therasim.wasm"), "./cmd/therasim-play")
	build.Dir = root
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("wasm build: %v\n%s", err, out)
	}
	page, err := filepath.Glob(filepath.Join(root, "cmd", "therasim-play", "web", "*"))
	if err != nil || len(page) == 0 {
		t.Fatalf("the page's files in cmd/therasim-play/web: %v", err)
	}
	for _, f := range append(page, GoRoot("lib", "wasm", "wasm_exec.js")) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
