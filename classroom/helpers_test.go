package classroom

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// wasmBytes stand for the program in a fake browser build: the API is
// what these tests are about.
var wasmBytes = []byte("\x00asm\x01\x00\x00\x00 a stand-in for the program")

// fakeWeb is a browser build with the page's files and the program
// compressed, as 'make build' embeds it.
func fakeWeb(t testing.TB) fstest.MapFS {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(wasmBytes)
	zw.Close()
	return fstest.MapFS{
		"index.html":       {Data: []byte("<!DOCTYPE html><title>TheraSim</title>")},
		"boot.js":          {Data: []byte("\"use strict\";")},
		"style.css":        {Data: []byte("body{}")},
		"wasm_exec.js":     {Data: []byte("// Go")},
		"therasim.wasm.gz": {Data: gz.Bytes()},
		"README.md":        {Data: []byte("# not served")},
	}
}

// a room is a server on a folder, with a fixed clock.
type room struct {
	t   testing.TB
	dir string
	srv *Server
	mu  sync.Mutex // the log's: requests may be answered at once
	log []string
}

func newRoom(t testing.TB, dir string) *room {
	t.Helper()
	return newRoomOffering(t, dir, "")
}

// newRoomOffering is newRoom whose server offers the instructor's
// scenarios in the folder scenarios too.
func newRoomOffering(t testing.TB, dir, scenarios string) *room {
	t.Helper()
	c := &room{t: t, dir: dir}
	srv, err := New(Config{Dir: dir, Web: fakeWeb(t), Scenarios: scenarios, Log: func(l string) { c.mu.Lock(); c.log = append(c.log, l); c.mu.Unlock() },
		Now: func() time.Time { return time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	c.srv = srv
	return c
}

// answer is a response as a test reads it.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// refusal is the answer's Refusal.
func (a answer) refusal() Refusal {
	var r Refusal
	json.Unmarshal(a.body, &r)
	return r
}

// do sends a request with body (a value sent as JSON, a string or []byte
// sent as it is, or nil) and headers "Name: value".
func (c *room) do(method, path string, body any, headers ...string) answer {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req := httptest.NewRequest(method, path, rd)
	req.RemoteAddr = "192.0.2.7:5555"
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ": ")
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	c.srv.ServeHTTP(w, req)
	return answer{w.Code, w.Result().Header, w.Body.Bytes()}
}

// key is the instructor's Authorization header.
func (c *room) key() string { return "Authorization: Bearer " + c.srv.Key() }

// a course is a whole run played by a policy, as a browser records it.
type course struct {
	header  sim.Header
	choices []sim.ChoiceRecord
	// checkIns are the trainee's answers to the check-ins the course
	// asked, and recall their lines of recall written after it.
	checkIns []sim.CheckInAnswer
	recall   []sim.Recall
	// lines are the recording's lines after the header, as written.
	lines [][]byte
}

// play plays scenario id through with the shipped policy, as the trainee.
func play(t testing.TB, id, policy, trainee string, seed uint64) course {
	t.Helper()
	return playAnswering(t, shipped(t, id), policy, trainee, seed, nil)
}

// playAnswering plays sc through with the shipped policy, as the trainee,
// who answers each check-in asked with answer (when not nil) before
// choosing, and afterwards writes a line of recall of each choice answer
// was asked about.
func playAnswering(t testing.TB, sc *sim.Scenario, policy, trainee string, seed uint64, answer func(p *sim.Prompt, n int) sim.CheckInAnswer) course {
	t.Helper()
	r := sim.NewRun(sc, seed)
	var buf bytes.Buffer
	rec, err := sim.NewRecorder(&buf, sim.NewHeader(r, trainee, "2026-03-14T09:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	ch := policies(t)[policy].Chooser(seed)
	var asked []int
	for n := 1; !r.Done(); n++ {
		if p := r.Prompt(); p.CheckIn != nil && answer != nil {
			if err := rec.CheckIn(answer(p, n)); err != nil {
				t.Fatal(err)
			}
			asked = append(asked, n)
		}
		ev, err := r.Choose(ch.Pick(r))
		if err != nil {
			t.Fatal(err)
		}
		if err := rec.Record(r, ev); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range asked {
		if err := rec.Recall(sim.Recall{Choice: n, Time: "2026-03-14T10:00:00Z", Text: fmt.Sprintf("At choice %d I wanted to make it better for her at once.", n)}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := sim.ParseRecording(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(buf.Bytes(), []byte("\n"))
	return course{header: got.Header, choices: got.Choices, checkIns: got.CheckIns, recall: got.Recall, lines: lines[1 : len(lines)-1]}
}

// send is the Append of choices from..to (numbered from 1, inclusive).
func (c course) send(code, run string, from, to int) Append {
	return Append{Code: code, Trainee: c.header.Trainee, Run: run, Header: c.header, Choices: append([]sim.ChoiceRecord{}, c.choices[from-1:to]...)}
}

// snapshot is every file under dir, by path, with its bytes: what a
// refusal must leave as it was.
func snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = string(data)
		return nil
	})
	return out
}

// changed names the files that differ between two snapshots.
func changed(a, b map[string]string) []string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func mustJSON(t testing.TB, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
}

var jsonMarshal = json.Marshal

// loaded are the shipped scenarios and policies, loaded once for every
// test: loading them is what a test would spend most of its time on.
var loaded = sync.OnceValues(func() (map[string]any, error) {
	out := map[string]any{}
	m, err := scenarios.Model()
	if err != nil {
		return nil, err
	}
	scs, err := scenarios.Shipped(m)
	if err != nil {
		return nil, err
	}
	for _, sc := range scs {
		out[sc.ID] = sc
	}
	ps, err := scenarios.Policies()
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		out["policy "+p.ID] = p
	}
	return out, nil
})

// shipped is the shipped scenario id.
func shipped(t testing.TB, id string) *sim.Scenario {
	t.Helper()
	all, err := loaded()
	if err != nil {
		t.Fatal(err)
	}
	sc, ok := all[id].(*sim.Scenario)
	if !ok {
		t.Fatalf("no shipped scenario %q", id)
	}
	return sc
}

// policies are the shipped policies, by id.
func policies(t testing.TB) map[string]*sim.Policy {
	t.Helper()
	all, err := loaded()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*sim.Policy{}
	for k, v := range all {
		if p, ok := v.(*sim.Policy); ok {
			out[strings.TrimPrefix(k, "policy ")] = p
		}
	}
	return out
}
