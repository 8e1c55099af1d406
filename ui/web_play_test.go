//go:build !js

package ui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestWebPlaysEveryCourse opens the web build in headless Chromium, driven
// through the DevTools protocol (chromedp) with real key presses, and for
// every course the picker lists types a name, selects the course with the
// arrow keys and starts it: the screen that follows must be another screen
// than the picker (most of it changed) and differ from the other courses'
// (each has its own client). With THERASIM_WEB_SHOTS=DIR it keeps the
// screenshots in DIR to look at.
func TestWebPlaysEveryCourse(t *testing.T) {
	chromium, dir := webBuild(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	n := shippedCount(t)
	var started []*image.RGBA
	for course := range n {
		picker, shot := playWeb(t, chromium, srv.URL, filepath.Join(dir, fmt.Sprint("profile", course)), course)
		if d := changed(picker, shot); d < 0.2 {
			t.Errorf("course %d: after Enter %.0f%% of the screen changed: the course did not start", course+1, 100*d)
		}
		for i, other := range started {
			if d := changed(other, shot); d < 0.02 {
				t.Errorf("courses %d and %d start on the same screen (%.1f%% differs)", i+1, course+1, 100*d)
			}
		}
		started = append(started, shot)
		if keep := os.Getenv("THERASIM_WEB_SHOTS"); keep != "" {
			for name, img := range map[string]*image.RGBA{"picker": picker, "started": shot} {
				var buf bytes.Buffer
				png.Encode(&buf, img)
				os.WriteFile(filepath.Join(keep, fmt.Sprintf("web-course%d-%s.png", course+1, name)), buf.Bytes(), 0o644)
			}
		}
	}
}

// playWeb opens the page in a browser of its own (profile), waits for the
// picker, types a name, moves down to course (from 0) and starts it. It
// returns the picker and the screen the course started on.
func playWeb(t *testing.T, chromium, url, profile string, course int) (picker, started *image.RGBA) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.UserDataDir(profile),
		chromedp.NoSandbox, chromedp.WindowSize(1280, 800),
		chromedp.Flag("use-angle", "swiftshader"), chromedp.Flag("enable-unsafe-swiftshader", true))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(ctx)
	defer cancelTab()
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/index.html"), chromedp.WaitVisible(chromedp.CSS("canvas"))); err != nil {
		t.Fatalf("opening the page: %v", err)
	}
	// The picker is drawn once the screenshots stop changing.
	picker = settled(t, ctx, nil, 0)
	// Each key is pressed once the screen shows the last one took: the
	// name typed, the selection moved.
	press := func(keys string, from *image.RGBA, min float64) *image.RGBA {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(keys)); err != nil {
			t.Fatalf("pressing keys: %v", err)
		}
		return settled(t, ctx, from, min)
	}
	shot := press("Sam", picker, 0.001)
	for range course {
		shot = press(kb.ArrowDown, shot, 0.001)
	}
	return picker, press(kb.Enter, picker, 0.2)
}

// settled takes screenshots until two in a row are the same and, when
// from is not nil, more than min of the screen has changed from it; it
// gives up after half a minute and returns the last.
func settled(t *testing.T, ctx context.Context, from *image.RGBA, min float64) *image.RGBA {
	t.Helper()
	var last *image.RGBA
	for range 60 {
		data, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		shot := image.NewRGBA(img.Bounds())
		draw.Draw(shot, shot.Bounds(), img, img.Bounds().Min, draw.Src)
		if last != nil && changed(last, shot) == 0 && colourCount(shot) > 50 && (from == nil || changed(from, shot) > min) {
			return shot
		}
		last = shot
		if err := chromedp.Do(ctx, chromedp.Sleep(500*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
	}
	return last
}

// changed is the share of pixels (sampled every third) that differ
// between a and b.
func changed(a, b *image.RGBA) float64 {
	if a.Bounds() != b.Bounds() {
		return 1
	}
	r := a.Bounds()
	n, d := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y += 3 {
		for x := r.Min.X; x < r.Max.X; x += 3 {
			n++
			if a.RGBAAt(x, y) != b.RGBAAt(x, y) {
				d++
			}
		}
	}
	return float64(d) / float64(n)
}

// colourCount counts the distinct colours of img, sampled every third pixel.
func colourCount(img *image.RGBA) int {
	seen := map[[3]uint8]bool{}
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y += 3 {
		for x := r.Min.X; x < r.Max.X; x += 3 {
			p := img.RGBAAt(x, y)
			seen[[3]uint8{p.R, p.G, p.B}] = true
		}
	}
	return len(seen)
}
