package ui

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// The instructor's page against the class server itself (package
// classroom), as 'therasim serve' runs it: trainees' runs sent as the
// trainee's page sends them come into the class view, notes written in a
// debrief land in the server's recording, and the exports are the
// server's.

// classServer starts a class server in a fresh folder.
func classServer(t *testing.T) (*classroom.Server, *httptest.Server) {
	t.Helper()
	web := fstest.MapFS{"index.html": {Data: []byte("<!doctype html>")}, "therasim.wasm": {Data: []byte("\x00asm")}}
	srv, err := classroom.New(classroom.Config{Dir: t.TempDir(), Web: web})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return srv, hs
}

// playFor plays a careful course of sc from seed and returns its header
// and its first choices choices, as a browser's recording holds them.
func playFor(t *testing.T, sc *sim.Scenario, trainee string, seed uint64, choices int) (sim.Header, []sim.ChoiceRecord) {
	t.Helper()
	var buf bytes.Buffer
	r := sim.NewRun(sc, seed)
	rec, err := sim.NewRecorder(&buf, sim.NewHeader(r, trainee, testNow.Format("2006-01-02T15:04:05Z07:00")))
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; !r.Done() && n < choices; n++ {
		ev, err := r.Choose(careful(r.Prompt()))
		if err != nil {
			t.Fatal(err)
		}
		if err := rec.Record(r, ev); err != nil {
			t.Fatal(err)
		}
	}
	parsed, err := sim.ParseRecording(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return parsed.Header, parsed.Choices
}

// send joins the class as trainee and sends the run's choices.
func send(t *testing.T, srv *classroom.Server, hs *httptest.Server, trainee, run string, h sim.Header, chs []sim.ChoiceRecord) classroom.Acked {
	t.Helper()
	c := &classClient{base: hs.URL, hc: http.DefaultClient}
	ctx := context.Background()
	if err := c.postJSON(ctx, classroom.PathJoin, classroom.Join{Code: srv.Code(), Trainee: trainee}, &classroom.Joined{}); err != nil {
		t.Fatalf("joining as %s: %v", trainee, err)
	}
	var ack classroom.Acked
	if err := c.postJSON(ctx, classroom.PathAppend, classroom.Append{Code: srv.Code(), Trainee: trainee, Run: run, Header: h, Choices: chs}, &ack); err != nil {
		t.Fatalf("sending %s's run: %v", trainee, err)
	}
	return ack
}

// TestInstructorWithClassServer follows a class on the class server.
func TestInstructorWithClassServer(t *testing.T) {
	srv, hs := classServer(t)
	cbt := scenariotest.Load(t, "cbt-depression")
	hSam, sam := playFor(t, cbt, "Sam", 3, 9)
	hAna, ana := playFor(t, cbt, "Ana", 4, 6)
	send(t, srv, hs, "Sam", "run-1", hSam, sam[:5])
	ackAna := send(t, srv, hs, "Ana", "run-1", hAna, ana)

	a := newTestApp(t, Options{})
	a.beginInstructor(&classClient{base: hs.URL, hc: http.DefaultClient})
	d := newDriver(t, a)
	k := typeInstructorKey(t, d, srv.Key())
	if k.words != "" {
		t.Fatalf("the server's own key is refused: %s", k.words)
	}
	pumpUntil(t, d, "the class view", func() bool { _, ok := a.screen.(*classScreen); return ok })
	s := screenOf[*classScreen](t, a)
	t.Cleanup(s.live.stop)
	if len(s.cl.Runs) != 2 {
		t.Fatalf("the class view shows %d runs", len(s.cl.Runs))
	}

	send(t, srv, hs, "Sam", "run-1", hSam, sam[5:])
	s.live.pollNow()
	pumpUntil(t, d, "Sam's new choices", func() bool { return strings.Contains(s.live.status(), "4 new choices from Sam") })

	// A note in Ana's debrief lands in the server's recording.
	s.live.showRuns()
	d.press(ebiten.KeyEnter)
	db := screenOf[*debriefScreen](t, a)
	if db.d.Header.Trainee != "Ana" {
		t.Fatalf("the first run listed is %s's", db.d.Header.Trainee)
	}
	d.typeText("n")
	d.typeText("Look at her face here")
	d.press(ebiten.KeyEnter)
	pumpUntil(t, d, "the note saved", func() bool { return !db.saving && db.mode == dmView })
	if !strings.Contains(a.notice, "Note saved") {
		t.Fatalf("the page says %q", a.notice)
	}
	data, err := os.ReadFile(filepath.Join(srv.Dir(), ackAna.Recording))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := sim.ParseRecording(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Notes) != 1 || rec.Notes[0].Text != "Look at her face here" || rec.Notes[0].Author != defaultAuthor || rec.Notes[0].Time == "" {
		t.Errorf("the server's recording has the notes %+v", rec.Notes)
	}

	// The run's report, downloaded.
	var got []byte
	var gotName string
	s.live.save = func(name, mime string, data []byte) error { gotName, got = name, data; return nil }
	d.typeText("d")
	d.typeText("h")
	if !strings.HasPrefix(a.notice, "Downloading the report of Ana's run") {
		t.Fatalf("D, H: the page says %q", a.notice)
	}
	pumpUntil(t, d, "the report", func() bool { return got != nil || strings.Contains(a.notice, "could not") })
	if gotName != strings.TrimSuffix(ackAna.Recording, ".jsonl")+".html" || !bytes.Contains(got, []byte("Look at her face here")) {
		t.Errorf("downloaded %s, %d bytes, without the note (the page says %q)", gotName, len(got), a.notice)
	}
}
