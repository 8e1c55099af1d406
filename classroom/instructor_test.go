package classroom

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/recfile"
	"github.com/therasim/therasim/sim"
)

// The instructor sees every recording of the folder (those written before
// a restart, or copied in, too), reads each, adds notes with the server's
// time, and downloads the exports 'therasim replay --export' writes.
func TestInstructor(t *testing.T) {
	dir := t.TempDir()
	c := newRoom(t, dir)
	ana := play(t, "cbt-depression", "competent", "Ana", 5)
	bo := play(t, "eft-self-criticism", "trainee", "Bo", 8)
	var anaFile, boFile string
	for _, x := range []struct {
		co   course
		n    int
		name *string
	}{{ana, len(ana.choices), &anaFile}, {bo, 12, &boFile}} {
		a := c.do("POST", PathAppend, x.co.send(c.srv.Code(), "r", 1, x.n))
		var ack Acked
		mustJSON(t, a.body, &ack)
		*x.name = ack.Recording
	}
	// A recording copied in by hand, and one that is damaged.
	copied, err := os.ReadFile(filepath.Join(dir, boFile))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "copied.jsonl"), copied, 0o644)
	os.WriteFile(filepath.Join(dir, "damaged.jsonl"), []byte("{\"type\":\"header\"\n"), 0o644)

	var list RunList
	a := c.do("GET", PathRuns, nil, c.key())
	mustJSON(t, a.body, &list)
	got := map[string]RunInfo{}
	for _, r := range list.Runs {
		got[r.Name] = r
	}
	if len(list.Runs) != 3 || got[anaFile].Choices != len(ana.choices) || got[boFile].Choices != 12 || got["copied.jsonl"].Trainee != "Bo" ||
		got[anaFile].Size != int64(len(readFile(t, dir, anaFile))) {
		t.Errorf("runs: %+v", list.Runs)
	}
	if len(list.Left) != 1 || !strings.HasPrefix(list.Left[0], "damaged.jsonl: ") {
		t.Errorf("left: %q", list.Left)
	}

	// The recording, as it is on disk, and the copies kept.
	if a := c.do("GET", PathRun+anaFile, nil, c.key()); a.status != 200 || !bytes.Equal(a.body, readFile(t, dir, anaFile)) {
		t.Errorf("the recording: %d %.80s", a.status, a.body)
	}
	h := ana.header
	if a := c.do("GET", PathKept+h.SHA256+recfile.KeptScenario, nil, c.key()); a.status != 200 || !strings.Contains(string(a.body), "cbt-depression") {
		t.Errorf("the kept scenario: %d %.80s", a.status, a.body)
	}
	if a := c.do("GET", PathKept+h.Model+recfile.KeptModel, nil, c.key()); a.status != 200 || len(a.body) == 0 {
		t.Errorf("the kept model: %d %.80s", a.status, a.body)
	}

	// A note, the time the server's; the run still verifies.
	a = c.do("POST", PathNote, AddNote{Recording: boFile, Note: sim.Note{Choice: 3, Author: " Dr Lee ", Text: "Good reflection.", Time: "1999-01-01T00:00:00Z"}}, c.key())
	var added NoteAdded
	mustJSON(t, a.body, &added)
	if want := (sim.Note{Type: "note", Choice: 3, Author: "Dr Lee", Time: "2026-03-14T09:30:00Z", Text: "Good reflection."}); added.Note != want {
		t.Errorf("note added: %+v, want %+v", added.Note, want)
	}
	rec, err := debrief.Read(filepath.Join(dir, boFile))
	if err != nil || len(rec.Notes) != 1 || rec.Notes[0] != added.Note {
		t.Fatalf("the note in the recording: %v %+v", err, rec)
	}
	if _, err := sim.Replay(shipped(t, "eft-self-criticism"), rec); err != nil {
		t.Fatal(err)
	}
	// Bo's run goes on after the note.
	if a := c.do("POST", PathAppend, bo.send(c.srv.Code(), "r", 13, 20)); a.status != 200 {
		t.Fatalf("after the note: %d %s", a.status, a.body)
	}

	// The exports are those of the debrief, as 'therasim replay --export'
	// writes them.
	d, err := debrief.Open(filepath.Join(dir, boFile), shipped(t, "eft-self-criticism"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".csv", ".html"} {
		var want bytes.Buffer
		if err := debrief.Exporter(ext)(&want, d); err != nil {
			t.Fatal(err)
		}
		a := c.do("GET", PathExport+boFile+ext, nil, c.key())
		if a.status != 200 || !bytes.Equal(a.body, want.Bytes()) {
			t.Errorf("export %s: %d, %d bytes, want %d", ext, a.status, len(a.body), want.Len())
		}
		if cd := a.header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") {
			t.Errorf("export %s: Content-Disposition %q", ext, cd)
		}
	}
	if a := c.do("GET", PathExport+boFile+".png", nil, c.key()); a.status != http.StatusNotFound {
		t.Errorf("a PNG export: %d, want 404", a.status)
	}
	// The run's competence profile, as 'therasim replay --export
	// NAME.profile.csv' writes it.
	var profile bytes.Buffer
	if err := debrief.WriteProfileCSV(&profile, d); err != nil {
		t.Fatal(err)
	}
	a = c.do("GET", PathExport+boFile+debrief.ProfileSuffix, nil, c.key())
	if cd := a.header.Get("Content-Disposition"); a.status != 200 || !bytes.Equal(a.body, profile.Bytes()) || !strings.Contains(cd, strings.TrimSuffix(boFile, ".jsonl")+debrief.ProfileSuffix) {
		t.Errorf("the run's profile: %d, %d bytes (%s), want %d", a.status, len(a.body), cd, profile.Len())
	}

	// The class's table: every run that replays, each row naming it.
	a = c.do("GET", PathExport+ClassExport, nil, c.key())
	rows, err := csv.NewReader(bytes.NewReader(a.body)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("class.csv: %v %q", err, a.body)
	}
	if want := append([]string{"run", "trainee", "scenario"}, debrief.CSVHeader...); strings.Join(rows[0][:len(want)], ",") != strings.Join(want, ",") {
		t.Errorf("class.csv header %q", rows[0])
	}
	runs := map[string]int{}
	for _, r := range rows[1:] {
		runs[r[0]+" "+r[1]+" "+r[2]]++
	}
	for _, want := range []string{anaFile + " Ana cbt-depression", boFile + " Bo eft-self-criticism", "copied.jsonl Bo eft-self-criticism"} {
		if runs[want] == 0 {
			t.Errorf("class.csv has no rows of %s: %v", want, runs)
		}
	}

	// The class's competence profiles, a row a run, and the supervisor's
	// summary of the class.
	a = c.do("GET", PathExport+ClassProfiles, nil, c.key())
	if rows, err := csv.NewReader(bytes.NewReader(a.body)).ReadAll(); err != nil || len(rows) != 4 || rows[1][0] != anaFile {
		t.Errorf("%s: %d, %v, %q", ClassProfiles, a.status, err, a.body)
	}
	a = c.do("GET", PathExport+ClassSummary, nil, c.key())
	if page := string(a.body); a.status != 200 || !strings.HasPrefix(a.header.Get("Content-Type"), "text/html") ||
		!strings.Contains(page, "Class summary: "+filepath.Base(dir)) || !strings.Contains(page, "Ana") || !strings.Contains(page, "Bo") {
		t.Errorf("%s: %d %s %.200s", ClassSummary, a.status, a.header.Get("Content-Type"), a.body)
	}
	empty := newRoom(t, t.TempDir())
	if a := empty.do("GET", PathExport+ClassSummary, nil, empty.key()); a.status != http.StatusConflict || !strings.Contains(a.refusal().Error, "nothing to summarise") {
		t.Errorf("the summary of a class with no runs: %d %s", a.status, a.body)
	}
}

// The page and the browser build: gzip to a browser that takes it, the
// program decompressed for one that does not, 304 while it is unchanged,
// and the types a browser needs.
func TestStatic(t *testing.T) {
	c := newRoom(t, t.TempDir())
	gz := c.do("GET", "/therasim.wasm", nil, "Accept-Encoding: gzip, deflate, br")
	if gz.status != 200 || gz.header.Get("Content-Encoding") != "gzip" || gz.header.Get("Content-Type") != "application/wasm" {
		t.Fatalf("gzip: %d %v", gz.status, gz.header)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz.body))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); !bytes.Equal(b, wasmBytes) {
		t.Errorf("the gzip body does not decompress to the program")
	}
	for _, ae := range []string{"", "identity", "gzip;q=0, deflate", "br"} {
		plain := c.do("GET", "/therasim.wasm", nil, "Accept-Encoding: "+ae)
		if plain.status != 200 || plain.header.Get("Content-Encoding") != "" || !bytes.Equal(plain.body, wasmBytes) {
			t.Errorf("Accept-Encoding %q: %d %v %q", ae, plain.status, plain.header, plain.body)
		}
		if plain.header.Get("ETag") == gz.header.Get("ETag") {
			t.Errorf("the plain and the gzip program have one ETag")
		}
		if a := c.do("GET", "/therasim.wasm", nil, "Accept-Encoding: "+ae, "If-None-Match: "+plain.header.Get("ETag")); a.status != http.StatusNotModified || len(a.body) != 0 {
			t.Errorf("plain, If-None-Match: %d", a.status)
		}
	}
	if a := c.do("GET", "/therasim.wasm", nil, "Accept-Encoding: gzip", "If-None-Match: \"other\", "+gz.header.Get("ETag")); a.status != http.StatusNotModified {
		t.Errorf("gzip, If-None-Match: %d", a.status)
	}
	for _, tc := range []struct{ path, ctype string }{
		{"/", "text/html; charset=utf-8"}, {InstructorPage, "text/html; charset=utf-8"}, {"/index.html", "text/html; charset=utf-8"},
		{"/boot.js", "text/javascript; charset=utf-8"}, {"/wasm_exec.js", "text/javascript; charset=utf-8"}, {"/style.css", "text/css; charset=utf-8"},
	} {
		a := c.do("GET", tc.path, nil)
		if a.status != 200 || a.header.Get("Content-Type") != tc.ctype || a.header.Get("Cache-Control") != "no-cache" || a.header.Get("ETag") == "" {
			t.Errorf("%s: %d %v", tc.path, a.status, a.header)
		}
		if b := c.do("GET", tc.path, nil, "If-None-Match: "+a.header.Get("ETag")); b.status != http.StatusNotModified {
			t.Errorf("%s with its ETag: %d", tc.path, b.status)
		}
	}
	if a := c.do("GET", InstructorPage+"/", nil); a.status != http.StatusMovedPermanently || a.header.Get("Location") != InstructorPage {
		t.Errorf("/instructor/: %d %v", a.status, a.header)
	}
	if a := c.do("HEAD", "/therasim.wasm", nil, "Accept-Encoding: gzip"); a.status != 200 || len(a.body) != 0 {
		t.Errorf("HEAD: %d, %d bytes", a.status, len(a.body))
	}
}

// A browser build without the program is refused, saying so.
func TestNoBrowserBuild(t *testing.T) {
	web := fakeWeb(t)
	delete(web, "therasim.wasm.gz")
	dir := t.TempDir()
	_, err := New(Config{Dir: dir, Web: web})
	if err == nil || !strings.Contains(err.Error(), "therasim.wasm") {
		t.Fatalf("New: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("the refused server wrote %v", entries)
	}
}

// Every answer, of every path, allows the page nothing from outside the
// server.
func TestSecurityHeaders(t *testing.T) {
	c := newRoom(t, t.TempDir())
	co := play(t, "cbt-depression", "competent", "Ana", 5)
	a := c.do("POST", PathAppend, co.send(c.srv.Code(), "r", 1, 2))
	var ack Acked
	mustJSON(t, a.body, &ack)
	for _, r := range []struct {
		method, path string
		body         any
		headers      []string
	}{
		{"GET", "/", nil, nil}, {"GET", InstructorPage, nil, nil}, {"GET", InstructorPage + "/", nil, nil}, {"GET", "/boot.js", nil, nil},
		{"GET", "/therasim.wasm", nil, []string{"Accept-Encoding: gzip"}}, {"GET", "/therasim.wasm", nil, nil}, {"GET", "/nowhere", nil, nil},
		{"GET", PathClass, nil, nil}, {"POST", PathClass, nil, nil}, {"POST", PathJoin, Join{Code: c.srv.Code(), Trainee: "Bo"}, nil},
		{"POST", PathJoin, "{", nil}, {"POST", PathAppend, co.send(c.srv.Code(), "r", 3, 3), nil}, {"GET", PathRuns, nil, nil},
		{"GET", PathRuns, nil, []string{c.key()}}, {"GET", PathRun + ack.Recording, nil, []string{c.key()}},
		{"GET", PathRun + "../x", nil, []string{c.key()}}, {"GET", PathExport + ack.Recording + ".html", nil, []string{c.key()}},
		{"GET", PathExport + ClassExport, nil, []string{c.key()}}, {"GET", PathKept + co.header.SHA256 + ".toml", nil, []string{c.key()}},
		{"POST", PathNote, AddNote{Recording: ack.Recording, Note: sim.Note{Text: "x"}}, []string{c.key()}},
	} {
		a := c.do(r.method, r.path, r.body, r.headers...)
		if got := a.header.Get("Content-Security-Policy"); got != contentSecurity {
			t.Errorf("%s %s (%d): Content-Security-Policy %q", r.method, r.path, a.status, got)
		}
		if a.header.Get("X-Content-Type-Options") != "nosniff" || a.header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s %s: %v", r.method, r.path, a.header)
		}
	}
	if !strings.Contains(contentSecurity, "default-src 'none'") || strings.Contains(contentSecurity, "unsafe-inline") || strings.Contains(contentSecurity, "http") {
		t.Errorf("the policy allows more than the server: %s", contentSecurity)
	}
}

func readFile(t testing.TB, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
