package ui

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/sim"
)

// The instructor's side of a class server, in the browser: the page
// /instructor asks for the instructor key, then shows the class view of
// the runs as they come in, each run's debrief with notes kept on the
// server, and the exports. Everything that asks the server runs on a
// goroutine of its own; what it brings is handed to the window's
// goroutine (instructor.later) and taken at the next frame, so that a
// frame never waits on the network.

// Setting keys of the instructor's page.
const (
	keyInstructorKey  = "instructor-key"  // the key last accepted by the server
	keyInstructorName = "instructor-name" // the name notes are signed with
)

// defaultAuthor signs the notes of an instructor who gives no name.
const defaultAuthor = "instructor"

// pollEvery is how often the class server is asked for its runs.
const pollEvery = 3 * time.Second

// instructor is the instructor's page once the key is accepted: the
// client that carries it, the class as last fetched, and the work done
// in the background waiting to be shown.
type instructor struct {
	a *app
	c *classClient
	// author signs the notes written here.
	author string

	cancel context.CancelFunc
	// kick asks the poller to ask the server now rather than at its next
	// tick.
	kick chan struct{}
	// save hands an export to the browser (downloadFile; tests replace
	// it).
	save func(name, mime string, data []byte) error

	mu   sync.Mutex
	done []func() // results of background work, to run on the window's goroutine

	// On the window's goroutine only:
	snap    *classSnapshot // the class as last built, or nil before the first
	view    *classScreen   // the class view, once there is a run to show
	waiting *waitingScreen
	runs    *runListScreen
	// down is when the server was first found unreachable (or refusing)
	// in a row of failed polls, and downWords why; zero when it answers.
	down      time.Time
	downWords string
	// news is what the last poll brought (new runs, new choices), said in
	// the class view's status line rather than over it, at newsAt: in a
	// class that is playing, news comes every few seconds, and a notice
	// would always cover the bottom of the view.
	news   string
	newsAt time.Time
	// greeting is said with what the first poll brings: how notes are
	// signed.
	greeting string
}

// beginInstructor opens the instructor's page of the class server c: with
// the key the page was opened with or the one remembered, the class;
// otherwise (or when the server refuses it) the key screen.
func (a *app) beginInstructor(c *classClient) {
	key := strings.TrimSpace(keyFromPage())
	if key == "" {
		key, _ = a.store.Get(keyInstructorKey)
	}
	k := newKeyScreen(a, c)
	a.show(k)
	if key != "" {
		k.key = []rune(key)
		k.check()
	}
}

// later queues f to run on the window's goroutine at the next frame, and
// wakes the window when it rests.
func (ins *instructor) later(f func()) {
	ins.mu.Lock()
	ins.done = append(ins.done, f)
	ins.mu.Unlock()
	wakeWindow()
}

// pending reports whether background work waits to be shown.
func (ins *instructor) pending() bool {
	ins.mu.Lock()
	defer ins.mu.Unlock()
	return len(ins.done) > 0
}

// frame runs, on the window's goroutine, what the background work has
// brought since the last frame. Every screen of the instructor's page
// calls it first in its Update.
func (ins *instructor) frame() {
	ins.mu.Lock()
	fs := ins.done
	ins.done = nil
	ins.mu.Unlock()
	for _, f := range fs {
		f()
	}
}

// refusalText is what the instructor is told of a failed request: the
// server's words when it answered, else that it cannot be reached.
func refusalText(err error) string {
	if r := asRefusal(err); r != nil {
		return r.Words
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return unreachable + "."
	}
	return err.Error()
}

// checkKey asks the server whether key is the instructor key, with a GET
// of classroom.PathRuns: nil when it is, else the server's refusal (or
// that it cannot be reached).
func checkKey(ctx context.Context, c *classClient, key string) error {
	kc := &classClient{base: c.base, key: key, hc: c.hc}
	_, err := kc.get(ctx, classroom.PathRuns)
	return err
}

// startInstructor opens the class of the server c (whose key it carries)
// for the instructor, notes signed by author, and starts following it.
func startInstructor(a *app, c *classClient, author string) *instructor {
	ctx, cancel := context.WithCancel(context.Background())
	ins := &instructor{a: a, c: c, author: author, cancel: cancel, kick: make(chan struct{}, 1), save: downloadFile}
	// The debrief signs notes with the app's name of whoever uses it.
	a.trainee = author
	ins.waiting = newWaitingScreen(ins)
	a.show(ins.waiting)
	ins.greeting = signedAs(author)
	a.say(ins.greeting)
	go ins.follow(ctx, newLiveClass(a, c))
	return ins
}

// pollTime is how long one poll of the class may take before it is given
// up and tried again.
const pollTime = 30 * time.Second

// follow polls the class server every pollEvery until ctx is done, and
// hands the window each new state of the class, and each change in
// whether the server answers.
func (ins *instructor) follow(ctx context.Context, l *liveClass) {
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	lastErr := ""
	for {
		pctx, cancel := context.WithTimeout(ctx, pollTime)
		first := !l.polled
		chs, err := l.poll(pctx)
		cancel()
		if ctx.Err() != nil {
			return
		}
		var snap *classSnapshot
		if len(chs) > 0 || first && err == nil {
			snap = l.snapshot()
		}
		errWords := ""
		if err != nil {
			errWords = refusalText(err)
		}
		if snap != nil || errWords != lastErr {
			words := changeWords(chs, first)
			refused := asRefusal(err)
			ins.later(func() { ins.apply(snap, words, errWords, refused) })
		}
		lastErr = errWords
		if r := asRefusal(err); r != nil && (r.Status == http.StatusForbidden || r.Status == http.StatusUnauthorized) {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-ins.kick:
		}
	}
}

// pollNow has the poller ask the server at once (after a note is saved,
// so that the run's count of notes follows).
func (ins *instructor) pollNow() {
	select {
	case ins.kick <- struct{}{}:
	default:
	}
}

// apply shows, on the window's goroutine, what a poll brought: a new
// state of the class (or nil), the words for what came in, and why the
// server did not answer ("" when it did).
func (ins *instructor) apply(snap *classSnapshot, words, errWords string, refused *classRefusal) {
	a := ins.a
	if ins.cancel == nil {
		return // the key was forgotten meanwhile
	}
	if refused != nil && (refused.Status == http.StatusForbidden || refused.Status == http.StatusUnauthorized) {
		ins.stop()
		_ = a.store.Set(keyInstructorKey, "")
		k := newKeyScreen(a, &classClient{base: ins.c.base, hc: ins.c.hc})
		k.words = errWords + " (Was the server started again with a new key?)"
		a.show(k)
		return
	}
	// The news goes in the class view's status line; what is said once
	// (the server answers again, the greeting) in a notice.
	news, said := words, ""
	switch {
	case errWords != "" && ins.down.IsZero():
		ins.down, ins.downWords = a.now(), errWords
	case errWords != "":
		ins.downWords = errWords
	case !ins.down.IsZero():
		ins.down, ins.downWords = time.Time{}, ""
		if words == "" {
			said = "The class server answers again."
		}
	}
	if snap != nil {
		ins.snap = snap
		switch {
		case len(snap.classes) == 0 && ins.view != nil:
			if a.screen == ins.view {
				a.show(ins.waiting)
			}
			ins.view = nil
		case len(snap.classes) > 0 && ins.view == nil:
			ins.view = newLiveClassScreen(ins, snap)
			if a.screen == ins.waiting {
				a.show(ins.view)
			}
		case ins.view != nil:
			ins.view.replace(snap.classes, snap.left)
		}
		if ins.runs != nil {
			ins.runs.replace(snap)
		}
	}
	if ins.view != nil {
		ins.view.gen++ // the status line may have changed
	}
	a.dirty = true
	if ins.greeting != "" && snap != nil {
		said = strings.TrimSpace(said + " " + ins.greeting)
		ins.greeting = ""
	}
	if news != "" && ins.view != nil && a.screen == ins.view {
		ins.news, ins.newsAt = news, a.now()
		ins.view.gen++
		news = ""
	}
	if w := strings.TrimSpace(news + " " + said); w != "" {
		a.say(w)
	}
}

// status is the line the class view and the waiting screen show: while
// the server does not answer, that; else what the last poll that brought
// anything brought (news), or "".
func (ins *instructor) status() string {
	if ins.down.IsZero() {
		if ins.news != "" {
			return "At " + ins.newsAt.Format("15:04:05") + ": " + ins.news
		}
		return ""
	}
	return fmt.Sprintf("%s What is shown is the class as it was at %s; the page asks again every few seconds.",
		strings.TrimSpace(ins.downWords), ins.down.Format("15:04"))
}

// stop stops following the class.
func (ins *instructor) stop() {
	if ins.cancel != nil {
		ins.cancel()
		ins.cancel = nil
	}
}

// forget forgets the key in this browser and goes back to the key screen.
func (ins *instructor) forget() {
	ins.stop()
	_ = ins.a.store.Set(keyInstructorKey, "")
	ins.a.show(newKeyScreen(ins.a, &classClient{base: ins.c.base, hc: ins.c.hc}))
	ins.a.say("The instructor key is forgotten in this browser.")
}

// showRuns shows the list of the class's runs, to open one's debrief.
func (ins *instructor) showRuns() {
	if ins.snap == nil {
		return
	}
	if ins.runs == nil {
		ins.runs = newRunListScreen(ins)
	}
	ins.runs.replace(ins.snap)
	ins.a.show(ins.runs)
}

// home shows the class view, or the waiting screen while no run opens.
func (ins *instructor) home() {
	if ins.view != nil {
		ins.a.show(ins.view)
		return
	}
	ins.a.show(ins.waiting)
}

// openRun opens the debrief of a run of the class, with notes kept on the
// server and its exports; Esc comes back to back.
func (ins *instructor) openRun(r *liveRun, back screen) {
	if r.d == nil {
		ins.a.say(traineeName(r.info.Trainee) + "'s run cannot be replayed: " + r.why)
		return
	}
	s := newDebriefScreen(ins.a, r.d, "", nil, func() { ins.a.show(back) }, "Runs")
	s.live, s.recording = ins, r.info.Name
	ins.a.show(s)
}

// postNote sends a note of the debrief s to the server (classroom.AddNote),
// which appends it to the recording; the debrief shows it once the server
// has it, and says the server's words when it refuses.
func (ins *instructor) postNote(s *debriefScreen, n sim.Note) {
	s.saving = true
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), pollTime)
		defer cancel()
		var got classroom.NoteAdded
		err := ins.c.postJSON(ctx, classroom.PathNote, classroom.AddNote{Recording: s.recording, Note: n}, &got)
		if err == nil && got.Note.Text != "" {
			n = got.Note
		}
		ins.later(func() { s.noteSaved(n, err) })
		if err == nil {
			ins.pollNow()
		}
	}()
}

// download fetches an export (PathExport + export) and hands it to the
// browser as the file name.
func (ins *instructor) download(export, name, mime, what string) {
	a := ins.a
	a.say("Downloading " + what + "…")
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), pollTime)
		defer cancel()
		data, err := ins.c.get(ctx, classroom.PathExport+url.PathEscape(export))
		ins.later(func() {
			if err == nil {
				err = ins.save(name, mime, data)
			}
			if err != nil {
				a.say(capitalize(what) + " could not be downloaded: " + refusalText(err))
				return
			}
			a.say(capitalize(what) + " is downloaded as " + name + ".")
		})
	}()
}

// capitalize puts the first letter of s in upper case.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
