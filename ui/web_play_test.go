//go:build !js

package ui

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/therasim/therasim/internal/testenv"
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
	ctx, cancel := testenv.Browser(t, chromium, profile, 3*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/index.html"), chromedp.WaitVisible(chromedp.CSS("canvas"))); err != nil {
		t.Fatalf("opening the page: %v", err)
	}
	// The picker is drawn once the screenshots stop changing.
	picker = testenv.Settled(t, ctx, nil, 0)
	// Each key is pressed once the screen shows the last one took: the
	// name typed, the selection moved.
	press := func(keys string, from *image.RGBA, min float64) *image.RGBA {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(keys)); err != nil {
			t.Fatalf("pressing keys: %v", err)
		}
		return testenv.Settled(t, ctx, from, min)
	}
	shot := press("Sam", picker, 0.001)
	for range course {
		shot = press(kb.ArrowDown, shot, 0.001)
	}
	return picker, press(kb.Enter, picker, 0.2)
}

// changed is testenv.Changed.
func changed(a, b *image.RGBA) float64 { return testenv.Changed(a, b) }
