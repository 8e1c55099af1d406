package ui

import (
	"image"
	"image/draw"
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
// (many colours, not a blank or one-colour page). Then it opens the page
// twice more: in a browser that blocks cookies and site data (so that
// reading localStorage throws), where the picker must still be drawn and
// say that nothing is kept; and with a paste and an input method's
// composition sent to the page, which must go into the name field.
func TestWebBuild(t *testing.T) {
	chromium, dir := webBuild(t)
	// paste.html is the page with a script that, once the simulator has
	// been running a while, pastes one name into the page and composes
	// another, as the browser does for Ctrl+V and for an input method.
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	pasteJS := `<script>
  const send = () => {
    const at = document.activeElement || document.body;
    const data = new DataTransfer();
    data.setData("text/plain", "王芳\n");
    at.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
    at.dispatchEvent(new CompositionEvent("compositionend", {data: "李雷", bubbles: true}));
  };
  // Once Ebiten has sized its canvas, the simulator is running: give the
  // picker a few seconds to come in.
  const whenRunning = () => {
    const c = document.querySelector("canvas");
    setTimeout(c && c.width > 16 ? send : whenRunning, c && c.width > 16 ? 3000 : 250);
  };
  whenRunning();
</script>
</body>`
	if err := os.WriteFile(filepath.Join(dir, "paste.html"), []byte(strings.Replace(string(page), "</body>", pasteJS, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	// browse opens a page in a browser profile of its own; prefs, when
	// not "", are the profile's preferences.
	browse := func(page, profile, prefs string, extra ...string) string {
		t.Helper()
		profile = filepath.Join(dir, profile)
		if prefs != "" {
			if err := os.MkdirAll(filepath.Join(profile, "Default"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(profile, "Default", "Preferences"), []byte(prefs), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		args := append([]string{"--headless", "--no-sandbox", "--disable-gpu-sandbox", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--use-angle=swiftshader", "--enable-unsafe-swiftshader",
			"--user-data-dir=" + profile, "--window-size=1280,800",
			"--virtual-time-budget=30000"}, extra...)
		out, err := exec.Command(chromium, append(args, srv.URL+"/"+page)...).Output()
		if err != nil {
			t.Fatalf("chromium: %v", err)
		}
		return string(out)
	}
	screenshot := func(page, profile, prefs string) *image.RGBA {
		t.Helper()
		shot := filepath.Join(dir, profile+".png")
		browse(page, profile, prefs, "--screenshot="+shot)
		f, err := os.Open(shot)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		rgba := image.NewRGBA(img.Bounds())
		draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
		if os.Getenv("THERASIM_WEB_SHOTS") != "" {
			// Keep the screenshot to look at.
			if data, err := os.ReadFile(shot); err == nil {
				os.WriteFile(filepath.Join(os.Getenv("THERASIM_WEB_SHOTS"), profile+".png"), data, 0o644)
			}
		}
		return rgba
	}
	colours := func(img *image.RGBA) int {
		seen := map[uint32]bool{}
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y += 3 {
			for x := b.Min.X; x < b.Max.X; x += 3 {
				p := img.RGBAAt(x, y)
				seen[uint32(p.R)<<16|uint32(p.G)<<8|uint32(p.B)] = true
			}
		}
		return len(seen)
	}
	// warned counts the pixels of the warning's colour in the top quarter,
	// where the picker says that nothing is kept.
	warned := func(img *image.RGBA) int {
		b := img.Bounds()
		n := 0
		for y := b.Min.Y; y < b.Min.Y+b.Dy()/4; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				p := img.RGBAAt(x, y)
				if absDiff(p.R, colWarn.R)+absDiff(p.G, colWarn.G)+absDiff(p.B, colWarn.B) < 40 {
					n++
				}
			}
		}
		return n
	}
	// nameInk is the dark pixels at the bottom left, where the name field
	// is: its placeholder is light, a name dark.
	nameInk := func(img *image.RGBA) int {
		b := img.Bounds()
		return dark(img, image.Rect(b.Min.X, b.Max.Y-110, b.Min.X+b.Dx()*3/10, b.Max.Y))
	}

	dom := browse("index.html", "profile", "", "--dump-dom")
	// The loading message goes when the program starts (it stays, with the
	// reason, when it fails), and Ebiten adds its canvas.
	if !strings.Contains(dom, "<canvas") || strings.Contains(dom, `id="loading"`) {
		t.Fatalf("the page did not start the simulator:\n%s", dom)
	}
	plain := screenshot("index.html", "profile", "")
	if n := colours(plain); n < 50 {
		t.Errorf("the screenshot has %d colours: the picker was not drawn", n)
	}
	if n := warned(plain); n > 20 {
		t.Errorf("%d pixels of the warning's colour: the picker says nothing is kept, where the browser keeps it", n)
	}

	const blockCookies = `{"profile":{"default_content_setting_values":{"cookies":2}}}`
	blocked := screenshot("index.html", "blocked", blockCookies)
	if n := colours(blocked); n < 50 {
		t.Errorf("with storage blocked, the screenshot has %d colours: the picker was not drawn", n)
	}
	if n := warned(blocked); n < 200 {
		t.Errorf("with storage blocked, %d pixels of the warning's colour: the picker does not say that nothing is kept", n)
	}

	pasted := screenshot("paste.html", "paste", "")
	if before, after := nameInk(plain), nameInk(pasted); after < before+100 {
		t.Errorf("the name field has %d dark pixels after a paste and a composition, %d before: neither went in", after, before)
	}
}

// absDiff is |a-b|.
func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// webBuild finds Chromium (skipping the test when there is none, or in
// -short mode), builds the window for the browser and puts it, with the
// page of cmd/therasim-play/web, in a new folder it returns.
func webBuild(t *testing.T) (chromium, dir string) {
	t.Helper()
	chromium = testenv.Chromium(t)
	return chromium, testenv.WebBuild(t)
}
