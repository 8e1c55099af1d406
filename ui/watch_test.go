package ui

import (
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/internal/watch/watchtest"
	"github.com/therasim/therasim/recfile"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// talkText returns the scenario of the --watch tests with the edits
// old→new applied.
func talkText(t testing.TB, pairs ...string) string { return watchtest.Talk(t, pairs...) }

// watched is a window playing a file it watches, and the file.
type watched struct {
	*driver
	a    *app
	path string
	revs chan Revision
}

// startWatched writes text to a file and opens the window on it, as
// 'therasim play --watch' does.
func startWatched(t *testing.T, text string) *watched {
	t.Helper()
	path := filepath.Join(t.TempDir(), "talk.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	w := &watched{path: path, revs: make(chan Revision, 1)}
	if _, err := sim.Load(path, []byte(text), mustModel(t)); err != nil {
		// As therasim-play does: mistakes from the start are sent first.
		w.revs <- Revision{Path: path, Err: err}
	}
	w.a = newTestApp(t, Options{Scenario: path, Trainee: "Alex Smith", Revisions: w.revs})
	w.driver = newDriver(t, w.a)
	return w
}

func mustModel(t testing.TB) *sim.Model {
	t.Helper()
	a := newTestApp(t, Options{})
	return a.model
}

// save sends a revision of the file with text, as the watcher does, and
// lets the window take it.
func (w *watched) save(text string) {
	w.t.Helper()
	if err := os.WriteFile(w.path, []byte(text), 0o644); err != nil {
		w.t.Fatal(err)
	}
	sc, err := sim.Load(w.path, []byte(text), w.a.model)
	w.revs <- Revision{Path: w.path, Scenario: sc, Err: err}
	w.idle(1)
}

// choose makes the choices numbered ns, going on through the week when a
// session ends.
func (w *watched) choose(ns ...int) {
	w.t.Helper()
	for _, n := range ns {
		for i := 0; ; i++ {
			if _, ok := w.a.screen.(*sessionScreen); ok && !w.session().parting {
				break
			}
			if i > 10 {
				w.t.Fatalf("no prompt: the screen is %T", w.a.screen)
			}
			w.press(ebiten.KeyEnter)
		}
		w.reveal()
		w.press(digitKey(n))
	}
}

// options returns the texts of the options on screen.
func (w *watched) options() []string {
	w.t.Helper()
	var out []string
	for _, o := range w.session().options() {
		out = append(out, o.Text)
	}
	return out
}

func TestWatchReload(t *testing.T) {
	w := startWatched(t, talkText(t))
	first := w.a.course.name
	w.choose(1, 2, 1, 2)
	if got := w.session().prompt.Beat; got != "thought" {
		t.Fatalf("after four choices the beat is %q, want thought", got)
	}

	// The fourth choice reworded: the run goes back to it.
	w.save(talkText(t, "Let's leave the thought record for today.", "Shall we look at the thought record?"))
	s := w.session()
	if s.prompt.Beat != "review" || !s.revealed() {
		t.Errorf("after the reload: beat %q, words shown %v; want review, shown at once", s.prompt.Beat, s.revealed())
	}
	if got := w.options(); len(got) != 2 || got[1] != "Shall we look at the thought record?" {
		t.Errorf("options after the reload: %q", got)
	}
	if want := "Scenario reloaded: choices 1–3 replayed"; w.a.notice != want {
		t.Errorf("notice %q, want %q", w.a.notice, want)
	}
	stop := `Your 4th choice, "Let's leave the thought record for today.", is no longer offered at beat "review"; the run continues from there.`
	if w.a.watch.stop != stop {
		t.Errorf("the note says %q, want %q", w.a.watch.stop, stop)
	}
	if !w.a.needsDraw() {
		t.Error("the reload is not drawn")
	}
	// The reloaded run has a recording of its own, which replays.
	names, _ := w.a.store.Recordings()
	if len(names) != 2 || w.a.course.name == "" || w.a.course.name == first {
		t.Fatalf("recordings %q, the course's %q: want a second, the course's", names, w.a.course.name)
	}
	data, _ := w.a.store.ReadRecording(w.a.course.name)
	rec, err := sim.ParseRecording(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sim.Replay(w.a.course.e.sc, rec); err != nil || len(rec.Choices) != 3 {
		t.Errorf("the new recording has %d choices and replays with %v; want 3, nil", len(rec.Choices), err)
	}
	if _, _, err := w.a.store.Kept(recfile.KeptScenario, rec.Header.SHA256); err != nil {
		t.Errorf("no copy kept of the version the new recording plays: %v", err)
	}

	// A mistake: shown, and the run plays on in the last good version.
	bad := talkText(t, "Let's leave the thought record for today.", "Shall we look at the thought record?", `act = "empathic_reflection"`, `act = "empathic_reflexion"`)
	w.save(bad)
	if len(w.a.watch.problems) != 1 || !strings.HasPrefix(w.a.watch.problems[0], w.path+":") || !strings.Contains(w.a.watch.problems[0], "empathic_reflexion") {
		t.Errorf("problems shown: %q", w.a.watch.problems)
	}
	l, ok := w.a.watchPanel()
	if !ok || l.title == nil || !strings.Contains(strings.Join(l.title.lines, " "), "has a mistake") {
		t.Fatalf("no panel of mistakes: %+v", l)
	}
	if l.box.Max.Y > w.a.size.Y || l.box.Dy() > int(float64(w.a.size.Y)*maxPanelShare)+1 {
		t.Errorf("the panel %v does not fit the bottom of the window %v", l.box, w.a.size)
	}
	// A click on the panel does not reach what is under it.
	w.click(image.Pt(l.box.Min.X+4, l.box.Max.Y-4))
	if n := w.a.course.run.Choices(); n != 3 {
		t.Errorf("a click on the panel made a choice (%d choices)", n)
	}
	w.choose(1)
	if got := w.session().prompt.Beat; got != "thought" || w.a.watch.stop != "" {
		t.Errorf("the old version plays on: beat %q, note %q; want thought, none", got, w.a.watch.stop)
	}
	if w.a.watch.problems == nil {
		t.Error("the mistakes went before the file was fixed")
	}

	// Fixed: the mistakes go, and the choices made meanwhile replay.
	w.save(talkText(t, "It was hard.", "It was a hard week."))
	if w.a.watch.problems != nil {
		t.Errorf("the mistakes stay after a good save: %q", w.a.watch.problems)
	}
	if _, ok := w.a.watchPanel(); ok {
		t.Error("a panel is shown after a good save that replayed every choice")
	}
	s = w.session()
	if s.prompt.Beat != "thought" || len(s.lines) == 0 || s.lines[0].Text != "It was a hard week." {
		t.Errorf("after the fix: beat %q, lines %+v", s.prompt.Beat, s.lines)
	}
	if want := "Scenario reloaded: choices 1–4 replayed"; w.a.notice != want {
		t.Errorf("notice %q, want %q", w.a.notice, want)
	}
}

// A file saved as it was changes nothing.
func TestWatchSavedUnchanged(t *testing.T) {
	w := startWatched(t, talkText(t))
	w.choose(1)
	s := w.session()
	w.save(talkText(t))
	if w.a.screen != s || w.a.notice != "" {
		t.Errorf("a save without changes reloaded (notice %q)", w.a.notice)
	}
	if names, _ := w.a.store.Recordings(); len(names) != 1 {
		t.Errorf("%d recordings, want 1", len(names))
	}
}

// A file with mistakes from the start shows them over the picker; fixed,
// it starts.
func TestWatchStartsWithMistakes(t *testing.T) {
	w := startWatched(t, talkText(t, `next = "goals"`, `next = "gaols"`))
	w.idle(1)
	if _, ok := w.a.screen.(*picker); !ok {
		t.Fatalf("screen %T, want the picker", w.a.screen)
	}
	if len(w.a.watch.problems) == 0 || !strings.Contains(strings.Join(w.a.watch.problems, "\n"), "gaols") {
		t.Fatalf("problems shown: %q", w.a.watch.problems)
	}
	w.save(talkText(t))
	s := w.session()
	if s.prompt.Beat != "hello" || w.a.watch.problems != nil {
		t.Errorf("after the fix: beat %q, problems %q", s.prompt.Beat, w.a.watch.problems)
	}
}

// Many mistakes: as many as fit, and how many more.
func TestWatchPanelMany(t *testing.T) {
	w := startWatched(t, talkText(t))
	var ps sim.Problems
	for i := range 40 {
		ps = append(ps, sim.Problem{File: w.path, Pos: sim.Pos{Line: i + 1, Col: 1}, Msg: "unknown key \"x\": did you mean \"text\"?"})
	}
	w.revs <- Revision{Path: w.path, Err: ps}
	w.idle(1)
	l, ok := w.a.watchPanel()
	if !ok || l.more == nil || len(l.lines) == 0 || len(l.lines) >= 40 {
		t.Fatalf("panel: %d lines, more %v", len(l.lines), l.more)
	}
	if got := strings.Join(l.more.lines, " "); !strings.Contains(got, "more: 'therasim check "+w.path) {
		t.Errorf("the rest: %q", got)
	}
	if l.box.Min.Y < w.a.size.Y/2 {
		t.Errorf("the panel %v takes more than half the window %v", l.box, w.a.size)
	}
}

// A copy of a shipped scenario, opened as the shipped one it is the same
// as, reloads as the file it is; the shipped scenario stays as it was.
func TestWatchCopyOfShipped(t *testing.T) {
	b, err := os.ReadFile("../scenarios/" + scenarios.Default + ".toml")
	if err != nil {
		t.Fatal(err)
	}
	w := startWatched(t, string(b))
	shipped := w.a.course.e
	hash := shipped.sc.Hash
	w.choose(1)
	w.save(string(b) + "\n# revised\n")
	if want := "Scenario reloaded: choice 1 replayed"; w.a.notice != want {
		t.Fatalf("notice %q, want %q", w.a.notice, want)
	}
	if w.a.course.e == shipped || w.a.course.e.path != w.path || shipped.sc.Hash != hash {
		t.Errorf("the course's entry is %q; the shipped one changed: %v", w.a.course.e.path, shipped.sc.Hash != hash)
	}
}
