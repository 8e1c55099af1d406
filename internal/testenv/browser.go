//go:build !js

package testenv

import (
	"bytes"
	"context"
	"image"
	"image/draw"
	"image/png"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser starts headless Chromium (at the path chromium, from Chromium)
// with its own profile folder, a 1280×800 window and a software GPU, and
// returns a context for driving its first tab with chromedp; cancel closes
// the browser. chromedp.NewContext(ctx) opens another tab in the same
// browser, and cancelling that tab's context closes the tab alone, as a
// trainee closes one: the browser goes on and keeps the page's storage.
func Browser(t testing.TB, chromium, profile string, timeout time.Duration) (ctx context.Context, cancel func()) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.UserDataDir(profile),
		chromedp.NoSandbox, chromedp.WindowSize(1280, 800),
		chromedp.Flag("use-angle", "swiftshader"), chromedp.Flag("enable-unsafe-swiftshader", true))
	ctx, cancelTime := context.WithTimeout(context.Background(), timeout)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	ctx, cancelTab := chromedp.NewContext(ctx)
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx, func() { cancelTab(); cancelAlloc(); cancelTime() }
}

// Settled takes screenshots of the page until two in a row are the same
// and, when from is not nil, more than min of the screen has changed from
// it; it gives up after half a minute and returns the last.
func Settled(t testing.TB, ctx context.Context, from *image.RGBA, min float64) *image.RGBA {
	t.Helper()
	var last *image.RGBA
	for range 60 {
		shot := Screenshot(t, ctx)
		if last != nil && Changed(last, shot) == 0 && ColourCount(shot) > 50 && (from == nil || Changed(from, shot) > min) {
			return shot
		}
		last = shot
		if err := chromedp.Do(ctx, chromedp.Sleep(500*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
	}
	return last
}

// Screenshot captures the page's viewport.
func Screenshot(t testing.TB, ctx context.Context) *image.RGBA {
	t.Helper()
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
	return shot
}

// Changed is the share of pixels (sampled every third) that differ
// between a and b.
func Changed(a, b *image.RGBA) float64 {
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

// ColourCount counts the distinct colours of img, sampled every third
// pixel: a drawn screen has many, a blank page one or two.
func ColourCount(img *image.RGBA) int {
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
