//go:build !js

package ui

import (
	"bytes"
	"image"
	"image/png"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/internal/testenv"
	"github.com/therasim/therasim/scenarios/scenariotest"
)

// TestWebInstructor opens the instructor's page of a class server in
// headless Chromium: the key typed on the key screen opens the class
// view (the server's runs drawn), the key is kept in localStorage so that
// a reload goes straight in, a run sent meanwhile appears without a
// touch, D downloads the class's table, and a key given in the address as #key=KEY opens the class and
// leaves the address. With THERASIM_WEB_SHOTS=DIR it keeps the
// screenshots in DIR to look at.
func TestWebInstructor(t *testing.T) {
	chromium, dir := webBuild(t)
	srv, err := classroom.New(classroom.Config{Dir: t.TempDir(), Web: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	cbt := scenariotest.Load(t, "cbt-depression")
	h, chs := playFor(t, cbt, "Sam", 3, 12)
	send(t, srv, hs, "Sam", "run-1", h, chs)

	keep := func(name string, img *image.RGBA) {
		if d := os.Getenv("THERASIM_WEB_SHOTS"); d != "" {
			var buf bytes.Buffer
			png.Encode(&buf, img)
			os.WriteFile(filepath.Join(d, "web-instructor-"+name+".png"), buf.Bytes(), 0o644)
		}
	}
	ctx, cancel := testenv.Browser(t, chromium, filepath.Join(dir, "profile"), 4*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(hs.URL+classroom.InstructorPage), chromedp.WaitVisible(chromedp.CSS("canvas"))); err != nil {
		t.Fatalf("opening the page: %v", err)
	}
	keyScreen := testenv.Settled(t, ctx, nil, 0)
	keep("key", keyScreen)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(srv.Key())); err != nil {
		t.Fatal(err)
	}
	typed := testenv.Settled(t, ctx, keyScreen, 0.0001)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	class := testenv.Settled(t, ctx, typed, 0.3)
	keep("class", class)
	if d := changed(typed, class); d < 0.3 {
		t.Fatalf("after the key and Enter, %.0f%% of the screen changed: the class view did not open", 100*d)
	}
	stored, err := chromedp.Run(ctx, chromedp.Evaluate[string](`localStorage.getItem("therasim/`+keyInstructorKey+`") || ""`))
	if err != nil {
		t.Fatal(err)
	}
	if stored != srv.Key() {
		t.Errorf("localStorage keeps the key %q", stored)
	}

	// A run sent now appears by itself.
	h2, chs2 := playFor(t, cbt, "Ana", 4, 12)
	send(t, srv, hs, "Ana", "run-1", h2, chs2)
	grown := testenv.Settled(t, ctx, class, 0.01)
	keep("grown", grown)
	if d := changed(class, grown); d < 0.01 {
		t.Errorf("Ana's run came in and %.1f%% of the screen changed", 100*d)
	}

	// D downloads the class's table, as the server exports it.
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("d")); err != nil {
		t.Fatal(err)
	}
	var table []byte
	for range 60 {
		if table, err = os.ReadFile(filepath.Join(downloads, classroom.ClassExport)); err == nil {
			break
		}
		chromedp.Do(ctx, chromedp.Sleep(500*time.Millisecond))
	}
	if lines := bytes.Count(table, []byte("\n")); err != nil || !bytes.Contains(table, []byte("Ana")) || !bytes.Contains(table, []byte("Sam")) {
		t.Errorf("the class's table downloaded: %d lines, %v", lines, err)
	}

	// A reload goes straight to the class.
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("canvas"))); err != nil {
		t.Fatal(err)
	}
	again := testenv.Settled(t, ctx, keyScreen, 0.3)
	keep("reloaded", again)
	if d := changed(keyScreen, again); d < 0.3 {
		t.Errorf("after a reload the page is the key screen (%.0f%% changed)", 100*d)
	}

	// Another browser given the key in the address.
	ctx2, cancel2 := testenv.Browser(t, chromium, filepath.Join(dir, "profile2"), 4*time.Minute)
	defer cancel2()
	if err := chromedp.Do(ctx2, chromedp.Navigate(hs.URL+classroom.InstructorPage+"#key="+srv.Key()), chromedp.WaitVisible(chromedp.CSS("canvas"))); err != nil {
		t.Fatal(err)
	}
	linked := testenv.Settled(t, ctx2, keyScreen, 0.3)
	keep("linked", linked)
	if d := changed(keyScreen, linked); d < 0.3 {
		t.Errorf("opened with #key=, the page is the key screen (%.0f%% changed)", 100*d)
	}
	hash, err := chromedp.Run(ctx2, chromedp.Evaluate[string](`location.hash`))
	if err != nil {
		t.Fatal(err)
	}
	if hash != "" {
		t.Errorf("the key stays in the address: %q", hash)
	}
}
