//go:build !js

package classroom_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/internal/testenv"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// TestBrowserClass is a class in headless Chromium against a class
// server, end to end, as the README's "Running a class" tells it: a trainee
// opens the address, types the class code and a name, and plays the first
// session with the mouse and the keyboard in the canvas; the tab is closed
// mid-session and opened again, and the run resumes where it stopped; the
// server goes down, the trainee plays on, and the choices made meanwhile
// arrive once it is back; the run on the server verifies; and the
// instructor's page, with the key, opens it in the class view.
//
// With THERASIM_WEB_SHOTS=DIR it keeps its screenshots in DIR to look at.
func TestBrowserClass(t *testing.T) {
	chromium := testenv.Chromium(t)
	web := testenv.WebBuild(t)
	dir := t.TempDir()
	profile := filepath.Join(t.TempDir(), "trainee")

	cls := startClass(t, dir, web, "")
	defer cls.stop()
	code, key := cls.srv.Code(), cls.srv.Key()

	// The trainee joins and starts the first course, in a tab of a
	// browser that stays open.
	browser, closeBrowser := testenv.Browser(t, chromium, profile, 8*time.Minute)
	defer closeBrowser()
	ctx, closeTab := chromedp.NewContext(browser)
	open := func(page string) *image.RGBA {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(cls.url+page), chromedp.WaitVisible(chromedp.CSS("canvas"))); err != nil {
			t.Fatalf("opening %s: %v", page, err)
		}
		return testenv.Settled(t, ctx, nil, 0)
	}
	press := func(keys string, from *image.RGBA, min float64) *image.RGBA {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.KeyEvent(keys)); err != nil {
			t.Fatalf("pressing %q: %v", keys, err)
		}
		return testenv.Settled(t, ctx, from, min)
	}
	// choose makes one choice: a click on the client's portrait shows the
	// whole of what the client says at once, and the number key takes the
	// first option.
	choose := func() *image.RGBA {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.MouseClickXY(180, 240)); err != nil {
			t.Fatalf("clicking: %v", err)
		}
		shown := testenv.Settled(t, ctx, nil, 0)
		return press("1", shown, 0.01)
	}
	picker := open("/")
	keep(t, "class-picker", picker)
	shot := press(code, picker, 0.001)
	shot = press(kb.Tab, shot, 0)
	shot = press("Sam Lee", shot, 0.001)
	started := press(kb.Enter, picker, 0.2)
	keep(t, "class-started", started)

	for range 3 {
		shot = choose()
	}
	name, n := cls.waitChoices(t, 3)
	keep(t, "class-session", shot)

	// The tab is closed mid-session, and the page opened again in the
	// same browser: the run resumes.
	closeTab()
	ctx, closeTab = chromedp.NewContext(browser)
	defer func() { closeTab() }()
	resume := open("/")
	keep(t, "class-resume", resume)
	shot = press(kb.Enter, resume, 0.2)
	shot = choose()
	if _, m := cls.waitChoices(t, n+1); m != n+1 {
		t.Fatalf("after the tab was opened again the server has %d choices, want %d", m, n+1)
	}
	n++

	// The server goes down; the trainee plays on, and the choices wait in
	// the browser; the server comes back on the same folder and address,
	// and they arrive.
	cls.stop()
	for range 2 {
		shot = choose()
	}
	keep(t, "class-waiting", shot)
	if got := choicesOnDisk(t, dir, name); got != n {
		t.Fatalf("with the server down the folder has %d choices, want %d", got, n)
	}
	cls = startClass(t, dir, web, cls.addr)
	defer cls.stop()
	if cls.srv.Code() != code {
		t.Fatalf("the restarted server's code is %q, was %q", cls.srv.Code(), code)
	}
	if _, m := cls.waitChoices(t, n+2); m != n+2 {
		t.Fatalf("after the restart the server has %d choices, want %d: the queued ones did not arrive", m, n+2)
	}
	n += 2
	keep(t, "class-sent", testenv.Settled(t, ctx, nil, 0))

	// What is on the server verifies, as 'therasim replay verify' checks it.
	rec, err := debrief.Read(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if rec.Header.Trainee != "Sam Lee" {
		t.Errorf("the recording's trainee is %q", rec.Header.Trainee)
	}
	if _, err := sim.Replay(shipped(t, rec.Header.SHA256), rec); err != nil {
		t.Fatalf("the server's recording does not verify: %v", err)
	}
	closeTab()
	closeBrowser()

	// The instructor opens the instructor's page and types the key: the
	// page lists the runs and fetches this one for the class view.
	ctx, closeBrowser = testenv.Browser(t, chromium, filepath.Join(t.TempDir(), "instructor"), 5*time.Minute)
	defer closeBrowser()
	keyScreen := open(classroom.InstructorPage)
	keep(t, "instructor-key", keyScreen)
	typed := press(key, keyScreen, 0.001)
	keep(t, "instructor-key-typed", typed)
	view := press(kb.Enter, typed, 0.2)
	if !cls.waitAsked(t, classroom.PathRun+name) {
		t.Fatalf("the instructor's page never fetched %s; it asked for:\n%s", name, strings.Join(cls.asked(), "\n"))
	}
	view = testenv.Settled(t, ctx, keyScreen, 0.2)
	keep(t, "instructor-class", view)
	if testenv.ColourCount(view) < 50 {
		t.Errorf("the instructor's class view has %d colours: it was not drawn", testenv.ColourCount(view))
	}
}

// class is a class server listening on a loopback address, as 'therasim
// serve' runs one, with what the browsers asked of it.
type class struct {
	srv  *classroom.Server
	hs   *http.Server
	addr string // host:port
	url  string

	mu  sync.Mutex
	log []string // "GET /path 200", in order
}

// startClass starts a class server on dir serving the browser build in
// web, at addr ("" for a free port; a restarted server is given the
// address of the one before).
func startClass(t *testing.T, dir, web, addr string) *class {
	t.Helper()
	srv, err := classroom.New(classroom.Config{Dir: dir, Web: os.DirFS(web)})
	if err != nil {
		t.Fatal(err)
	}
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	var l net.Listener
	for try := 0; ; try++ {
		if l, err = net.Listen("tcp", addr); err == nil || try == 50 {
			break
		}
		time.Sleep(100 * time.Millisecond) // the old listener's port is being let go
	}
	if err != nil {
		t.Fatal(err)
	}
	c := &class{srv: srv, addr: l.Addr().String(), url: "http://" + l.Addr().String()}
	c.hs = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		srv.ServeHTTP(sw, r)
		c.mu.Lock()
		c.log = append(c.log, fmt.Sprintf("%s %s %d", r.Method, r.URL.Path, sw.status))
		c.mu.Unlock()
	})}
	go c.hs.Serve(l)
	return c
}

// stop stops the server at once, as a server that is killed stops: open
// connections are closed.
func (c *class) stop() { c.hs.Close(); c.srv.Close() }

// asked is what the browsers asked of the server, in order.
func (c *class) asked() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.log...)
}

// waitAsked waits up to half a minute for a GET of path answered 200.
func (c *class) waitAsked(t *testing.T, path string) bool {
	for range 120 {
		for _, l := range c.asked() {
			if l == "GET "+path+" 200" {
				return true
			}
		}
		time.Sleep(250 * time.Millisecond)
	}
	return false
}

// waitChoices waits up to half a minute for the class's one recording to
// hold at least n choices, and returns its name and how many it holds.
func (c *class) waitChoices(t *testing.T, n int) (string, int) {
	t.Helper()
	name, got := "", 0
	for range 120 {
		names, _ := filepath.Glob(filepath.Join(c.srv.Dir(), "*.jsonl"))
		if len(names) > 1 {
			t.Fatalf("the class has %d recordings, want one: %v", len(names), names)
		}
		if len(names) == 1 {
			name = filepath.Base(names[0])
			if got = choicesOnDisk(t, c.srv.Dir(), name); got >= n {
				return name, got
			}
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("the server holds %d choices after half a minute, want %d; the browsers asked:\n%s", got, n, strings.Join(c.asked(), "\n"))
	return name, got
}

// choicesOnDisk is how many choices the recording name in dir holds.
func choicesOnDisk(t *testing.T, dir, name string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := sim.ParseRecording(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return len(rec.Choices)
}

// shipped is the shipped scenario whose file has the SHA-256 hash.
func shipped(t *testing.T, hash string) *sim.Scenario {
	t.Helper()
	m, err := scenarios.Model()
	if err != nil {
		t.Fatal(err)
	}
	all, err := scenarios.Shipped(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range all {
		if sc.Hash == hash {
			return sc
		}
	}
	t.Fatalf("no shipped scenario has the hash %s", hash)
	return nil
}

// keep writes a screenshot into THERASIM_WEB_SHOTS, when set.
func keep(t *testing.T, name string, img *image.RGBA) {
	dir := os.Getenv("THERASIM_WEB_SHOTS")
	if dir == "" {
		return
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// statusWriter notes the status of an answer.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}
