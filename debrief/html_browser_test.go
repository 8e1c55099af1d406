//go:build !js

package debrief_test

import (
	"bytes"
	"flag"
	"image"
	"image/draw"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/internal/testenv"
)

var shots = flag.Bool("shots", false, "write the class summary's screenshot to docs/screenshots")

// TestPagesInBrowser opens the HTML report of a run and the supervisor's
// class summary in headless Chromium from files, as an instructor opens
// them, and listens to the tab's network: nothing is requested but the
// page itself (no font, image, style or script from anywhere); a control
// page that does fetch a style sheet shows that the listener hears a
// request that leaves. It also
// checks that the page lays out (the profile's bars and the check-ins
// have a size) and takes screenshots: with -shots the summary's goes to
// docs/screenshots/class-summary.png; with THERASIM_SHOTS=DIR every one
// goes to DIR, to look at.
func TestPagesInBrowser(t *testing.T) {
	chromium := testenv.Chromium(t)
	ds := supervisionClass(t)
	dir := t.TempDir()
	write := func(name string, f func(*bytes.Buffer) error) string {
		var buf bytes.Buffer
		if err := f(&buf); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	pages := []struct {
		name, path string
		// shots are the elements to scroll to and screenshot, each named.
		shots map[string]string
		// sized are elements that must have a width, a height and a
		// background of their own.
		sized []string
		// fetches is what the page requests besides itself: only the
		// control, a page that does fetch, has any, to show that the
		// listener hears a request that leaves.
		fetches []string
	}{
		{"control", write("control.html", func(b *bytes.Buffer) error {
			_, err := b.WriteString(`<!DOCTYPE html><html><head><link rel="stylesheet" href="http://127.0.0.1:9/style.css"></head><body><p>Fetches.</p></body></html>`)
			return err
		}), nil, nil, []string{"http://127.0.0.1:9/style.css"}},
		{"report", write("report.html", func(b *bytes.Buffer) error { return debrief.WriteHTML(b, ds[0]) }),
			map[string]string{"report-profile": "#profile", "report-skill": "#skill-rupture_repaired", "report-checkin": "#choice-3"},
			[]string{"#skill-rupture_repaired .bar span", "#choice-3 .checkin", "#choice-3 .recall"}, nil},
		{"summary", write("summary.html", func(b *bytes.Buffer) error {
			return debrief.WriteClassSummary(b, "Seminar 3: supervision", ds)
		}),
			map[string]string{"class-summary": "", "class-summary-strain": "#s2-1-strain"},
			[]string{"#s2 table.profile .bar span", "#s2-1-strain .checkin", "#s2-1-strain .recall"}, nil},
	}

	browser, closeBrowser := testenv.Browser(t, chromium, filepath.Join(t.TempDir(), "profile"), 3*time.Minute)
	defer closeBrowser()
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			var mu sync.Mutex
			var asked []string
			ctx, closeTab := chromedp.NewContext(browser, chromedp.WithListener(func(ev any) {
				if e, ok := ev.(*network.EventRequestWillBeSent); ok {
					mu.Lock()
					asked = append(asked, e.Request.URL)
					mu.Unlock()
				}
			}))
			defer closeTab()
			page := (&url.URL{Scheme: "file", Path: p.path}).String()
			if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
				t.Fatalf("opening %s: %v", page, err)
			}
			for _, sel := range p.sized {
				got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
	const el = document.querySelector(`+quoteJS(sel)+`);
	if (!el) return "missing";
	const r = el.getBoundingClientRect(), bg = getComputedStyle(el).backgroundColor;
	if (r.width * r.height <= 0) return "no size";
	if (bg === "rgba(0, 0, 0, 0)" || bg === "transparent") return "no background";
	return "ok";
})()`))
				if err != nil || got != "ok" {
					t.Errorf("%s: %s: %s %v", p.name, sel, got, err)
				}
			}
			for name, sel := range p.shots {
				var data []byte
				var err error
				if sel == "" {
					data, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
				} else {
					if err := chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS(sel))); err != nil {
						t.Fatal(err)
					}
					data, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
				}
				if err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(bytes.NewReader(data))
				if err != nil {
					t.Fatal(err)
				}
				if b := img.Bounds(); b.Dx() < 800 || b.Dy() < 400 {
					t.Errorf("%s: a screenshot of %v", name, b)
				}
				keepShot(t, name, data, img)
			}
			// Whatever the page might fetch late has had its time while the
			// screenshots were taken.
			mu.Lock()
			defer mu.Unlock()
			if len(asked) == 0 {
				t.Fatal("no request was seen, not even the page's own: the listener hears nothing")
			}
			for _, u := range asked {
				if u != page && !slices.Contains(p.fetches, u) {
					t.Errorf("%s requested %s: it must fetch nothing but itself", p.name, u)
				}
			}
			for _, u := range p.fetches {
				if !slices.Contains(asked, u) {
					t.Errorf("%s requested %s, but the listener did not hear it: it heard %q", p.name, u, asked)
				}
			}
		})
	}
}

// keepShot writes a screenshot (data, decoded as img) where the test's
// flags and environment say: the top of the class summary's page (its
// first 2200 pixels: the courses, the profiles and the first moments where
// the paths parted) to docs/screenshots with -shots, every one whole to
// $THERASIM_SHOTS.
func keepShot(t *testing.T, name string, data []byte, img image.Image) {
	t.Helper()
	if d := os.Getenv("THERASIM_SHOTS"); d != "" {
		if err := os.WriteFile(filepath.Join(d, name+".png"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !*shots || name != "class-summary" {
		return
	}
	b := img.Bounds()
	b.Max.Y = min(b.Max.Y, b.Min.Y+2200)
	top := image.NewRGBA(image.Rectangle{Max: b.Size()})
	draw.Draw(top, top.Bounds(), img, b.Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, top); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("..", "docs", "screenshots", name+".png"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// quoteJS quotes s as a JavaScript string.
func quoteJS(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}
