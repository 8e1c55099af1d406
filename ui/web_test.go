package ui

import (
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/therasim/therasim/internal/testenv"
)

// TestWebBuild builds the window for the browser (GOOS=js GOARCH=wasm),
// serves it with the page in cmd/therasim-play/web on a loopback address,
// and opens it in headless Chromium: the page must replace its loading
// message with Ebiten's canvas, and a screenshot must show the picker drawn
// (many colours, not a blank or one-colour page).
func TestWebBuild(t *testing.T) {
	testenv.SkipShort(t, "builds for wasm and starts a browser")
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		t.Skip("no Chromium installed (scripts/setup.sh test installs it)")
	}
	dir := t.TempDir()
	goBin := testenv.GoTool()
	build := exec.Command(goBin, "build", "-o", filepath.Join(dir, "therasim.wasm"), "../cmd/therasim-play")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("wasm build: %v\n%s", err, out)
	}
	for _, f := range []string{testenv.GoRoot("lib", "wasm", "wasm_exec.js"), "../cmd/therasim-play/web/index.html"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	shot := filepath.Join(dir, "shot.png")
	browse := func(extra ...string) string {
		args := append([]string{"--headless", "--no-sandbox", "--disable-gpu-sandbox", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--use-angle=swiftshader", "--enable-unsafe-swiftshader",
			"--user-data-dir=" + filepath.Join(dir, "profile"), "--window-size=1280,800",
			"--virtual-time-budget=30000"}, extra...)
		out, err := exec.Command(chromium, append(args, srv.URL+"/index.html")...).Output()
		if err != nil {
			t.Fatalf("chromium: %v", err)
		}
		return string(out)
	}
	dom := browse("--dump-dom")
	// The loading message goes when the program starts (it stays, with the
	// reason, when it fails), and Ebiten adds its canvas.
	if !strings.Contains(dom, "<canvas") || strings.Contains(dom, `id="loading"`) {
		t.Fatalf("the page did not start the simulator:\n%s", dom)
	}
	browse("--screenshot=" + shot)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	colours := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|bl>>8] = true
		}
	}
	if len(colours) < 50 {
		t.Errorf("the screenshot has %d colours: the picker was not drawn", len(colours))
	}
}
