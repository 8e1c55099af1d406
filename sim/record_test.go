package sim_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

const recStarted = "2025-03-04T09:30:00Z"

// recLoad loads a scenario from sim/testdata.
func recLoad(t testing.TB, m *sim.Model, name string) (*sim.Scenario, []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := sim.Load(path, data, m)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return sc, data
}

// recGame says how to play and annotate a course: the option chosen at
// choice i (from 0) is pattern[i%len(pattern)], or the last one offered
// when there are fewer; notes[k] are written after choice k (0: before the
// first).
type recGame struct {
	seed    uint64
	pattern []int
	notes   map[int][]sim.Note
}

// play makes choices in run r, recording each, from choice number done+1
// until the course is over or choice upto (-1: no limit) is made. It
// returns the choices as Choose reported them.
func (g recGame) play(t testing.TB, r *sim.Run, rec *sim.Recorder, done, upto int) []sim.ChoiceRecord {
	t.Helper()
	var made []sim.ChoiceRecord
	for n := done; !r.Done() && n != upto; n++ {
		p := r.Prompt()
		if p == nil {
			t.Fatalf("choice %d: no prompt, but the course is not over", n+1)
		}
		o := min(g.pattern[n%len(g.pattern)], len(p.Options))
		ev, err := r.Choose(o)
		if err != nil {
			t.Fatalf("choice %d: %v", n+1, err)
		}
		if err := rec.Record(r, ev); err != nil {
			t.Fatalf("record choice %d: %v", n+1, err)
		}
		made = append(made, sim.ChoiceRecord{Type: "choice", N: n + 1, Session: p.Session, Beat: p.Beat,
			Option: o, Act: p.Options[o-1].Act, Fingerprint: r.Fingerprint()})
		for _, nt := range g.notes[n+1] {
			if err := rec.Note(nt); err != nil {
				t.Fatalf("note after choice %d: %v", n+1, err)
			}
		}
	}
	return made
}

// record plays a whole course in one go and returns the run, the recording
// and the choices made.
func (g recGame) record(t testing.TB, sc *sim.Scenario) (*sim.Run, []byte, []sim.ChoiceRecord) {
	t.Helper()
	var buf bytes.Buffer
	r := sim.NewRun(sc, g.seed)
	rec, err := sim.NewRecorder(&buf, sim.NewHeader(r, "trainee-7", recStarted))
	if err != nil {
		t.Fatal(err)
	}
	for _, nt := range g.notes[0] {
		if err := rec.Note(nt); err != nil {
			t.Fatalf("note before the first choice: %v", err)
		}
	}
	made := g.play(t, r, rec, 0, -1)
	return r, buf.Bytes(), made
}

// recEvents is the event stream as JSON, for comparing runs.
func recEvents(t testing.TB, r *sim.Run) string {
	t.Helper()
	b, err := json.Marshal(r.Events())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// recSame fails unless runs a and b are in the same state with the same
// story.
func recSame(t testing.TB, a, b *sim.Run) {
	t.Helper()
	if fa, fb := a.Fingerprint(), b.Fingerprint(); fa != fb {
		t.Errorf("fingerprint %s, want %s", fb, fa)
	}
	if !reflect.DeepEqual(a.State(), b.State()) {
		t.Errorf("state\n%+v\nwant\n%+v", b.State(), a.State())
	}
	if ea, eb := recEvents(t, a), recEvents(t, b); ea != eb {
		t.Errorf("events differ:\n%s\nwant\n%s", eb, ea)
	}
}

var recGames = []struct {
	name string
	file string
	recGame
}{
	{"mini first options", "mini.toml", recGame{seed: 1, pattern: []int{1}}},
	{"mini second options", "mini.toml", recGame{seed: 7, pattern: []int{2}}},
	{"course completed", "rec-course.toml", recGame{seed: 1, pattern: []int{1}}},
	{"course with rupture and repair", "rec-course.toml", recGame{seed: 5, pattern: []int{3, 1, 2, 1}}},
	{"course dropped out", "rec-course.toml", recGame{seed: 2, pattern: []int{2}}},
	{"course mixed", "rec-course.toml", recGame{seed: 8, pattern: []int{2, 1, 3}}},
}

func TestRecordRoundTrip(t *testing.T) {
	m := scenariotest.Model(t)
	for _, c := range recGames {
		t.Run(c.name, func(t *testing.T) {
			sc, _ := recLoad(t, m, c.file)
			r, data, made := c.record(t, sc)
			if !r.Done() {
				t.Fatal("the course did not end")
			}
			rec, err := sim.ParseRecording(data)
			if err != nil {
				t.Fatal(err)
			}
			want := sim.Header{Type: "header", Format: sim.RecordFormat, Scenario: sc.ID, SHA256: sc.Hash,
				Model: m.Hash(), Engine: sim.Version, Generator: sim.Generator, Seed: c.seed,
				Trainee: "trainee-7", Started: recStarted}
			if rec.Header != want {
				t.Errorf("header\n%+v\nwant\n%+v", rec.Header, want)
			}
			if !reflect.DeepEqual(rec.Choices, made) {
				t.Errorf("choices\n%+v\nwant\n%+v", rec.Choices, made)
			}
			if len(rec.Notes) != 0 {
				t.Errorf("notes %+v, want none", rec.Notes)
			}
			again, err := sim.Replay(sc, rec)
			if err != nil {
				t.Fatalf("replay: %v", err)
			}
			if !again.Done() {
				t.Error("the replayed course is not over")
			}
			recSame(t, r, again)
			read, err := sim.ReadRecording(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(read, rec) {
				t.Error("ReadRecording and ParseRecording disagree")
			}
		})
	}
}

// TestRecordReplayPrefix replays the first k choices of a recording: the
// run is where the original was after choice k.
func TestRecordReplayPrefix(t *testing.T) {
	m := scenariotest.Model(t)
	sc, _ := recLoad(t, m, "rec-course.toml")
	_, data, made := recGame{seed: 5, pattern: []int{3, 1, 2, 1}}.record(t, sc)
	full := recParsed(t, data)
	for k := 0; k <= len(made); k++ {
		t.Run(fmt.Sprint(k), func(t *testing.T) {
			rec := *full
			rec.Choices = full.Choices[:k]
			r, err := sim.Replay(sc, &rec)
			if err != nil {
				t.Fatal(err)
			}
			want := sim.NewRun(sc, 5).Fingerprint()
			if k > 0 {
				want = made[k-1].Fingerprint
			}
			if f := r.Fingerprint(); f != want {
				t.Errorf("fingerprint %s, want %s", f, want)
			}
			if r.Done() != (k == len(made)) {
				t.Errorf("Done() = %v after %d of %d choices", r.Done(), k, len(made))
			}
		})
	}
}

// recSyncWriter counts writes and syncs and checks that every write is one
// whole line.
type recSyncWriter struct {
	t       *testing.T
	buf     bytes.Buffer
	log     []string
	syncErr error
	pending bool // a write not yet synced
}

func (w *recSyncWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	if len(p) == 0 || p[len(p)-1] != '\n' || bytes.IndexByte(p, '\n') != len(p)-1 {
		w.t.Errorf("write %q is not one whole line", p)
	}
	if !json.Valid(p) {
		w.t.Errorf("write %q is not one JSON value", p)
	}
	if w.pending {
		w.t.Errorf("write %q before the last one was synced", p)
	}
	w.pending = true
	w.log = append(w.log, "write")
	return w.buf.Write(p)
}

func (w *recSyncWriter) Sync() error {
	w.pending = false
	w.log = append(w.log, "sync")
	return w.syncErr
}

func TestRecorderSyncsEveryLine(t *testing.T) {
	m := scenariotest.Model(t)
	sc, _ := recLoad(t, m, "rec-course.toml")
	w := &recSyncWriter{t: t}
	r := sim.NewRun(sc, 1)
	rec, err := sim.NewRecorder(w, sim.NewHeader(r, "t", recStarted))
	if err != nil {
		t.Fatal(err)
	}
	g := recGame{seed: 1, pattern: []int{1}, notes: map[int][]sim.Note{2: {{Choice: 2, Text: "a note"}}}}
	made := g.play(t, r, rec, 0, -1)
	lines := 1 + len(made) + 1
	var want []string
	for range lines {
		want = append(want, "write", "sync")
	}
	if !reflect.DeepEqual(w.log, want) {
		t.Errorf("calls %v, want %v", w.log, want)
	}
	if n := bytes.Count(w.buf.Bytes(), []byte("\n")); n != lines {
		t.Errorf("%d lines written, want %d", n, lines)
	}
}

// recFailWriter fails its writes or its syncs.
type recFailWriter struct {
	writeErr, syncErr error
}

func (w *recFailWriter) Write(p []byte) (int, error) {
	if w.writeErr != nil {
		return 0, w.writeErr
	}
	return len(p), nil
}

func (w *recFailWriter) Sync() error { return w.syncErr }

func TestRecorderReportsFailures(t *testing.T) {
	m := scenariotest.Model(t)
	sc, _ := recLoad(t, m, "mini.toml")
	errDisk := errors.New("disk full")
	for _, c := range []struct {
		name   string
		w      *recFailWriter
		phrase string
	}{
		{"write", &recFailWriter{writeErr: errDisk}, "record: disk full"},
		{"sync", &recFailWriter{syncErr: errDisk}, "record: sync: disk full"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := sim.NewRun(sc, 1)
			_, err := sim.NewRecorder(c.w, sim.NewHeader(r, "t", recStarted))
			if !errors.Is(err, errDisk) || err.Error() != c.phrase {
				t.Errorf("NewRecorder: %v, want %q", err, c.phrase)
			}
			rec := sim.ResumeRecorder(c.w, &sim.Recording{})
			ev, err := r.Choose(1)
			if err != nil {
				t.Fatal(err)
			}
			if err := rec.Record(r, ev); !errors.Is(err, errDisk) {
				t.Errorf("Record: %v, want %v", err, errDisk)
			}
			if err := rec.Note(sim.Note{Text: "x"}); !errors.Is(err, errDisk) {
				t.Errorf("Note: %v, want %v", err, errDisk)
			}
		})
	}
}

func TestRecorderRefusesEventsOfNoChoice(t *testing.T) {
	m := scenariotest.Model(t)
	sc, _ := recLoad(t, m, "mini.toml")
	var buf bytes.Buffer
	r := sim.NewRun(sc, 1)
	rec := sim.ResumeRecorder(&buf, &sim.Recording{})
	for _, ev := range [][]sim.Event{nil, r.Events()} {
		if err := rec.Record(r, ev); err == nil {
			t.Errorf("Record(%d events starting %v) accepted", len(ev), ev[:min(len(ev), 1)])
		}
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %q", buf.Bytes())
	}
}

func TestRecordNotes(t *testing.T) {
	m := scenariotest.Model(t)
	sc, _ := recLoad(t, m, "rec-course.toml")
	notes := map[int][]sim.Note{
		0: {{Choice: 0, Author: "Dr Okafor", Text: "Watch the first five minutes."}},
		1: {{Choice: 1, Author: "Dr Okafor", Time: "2025-03-05T10:00:00Z", Text: "Good: validation before anything else."},
			{Choice: 0, Text: "A note about the run as a whole, after choice 1."}},
		3: {{Choice: 2, Text: "Looking back at choice 2: it \"landed\" {badly}\n on two lines."}},
	}
	plain := recGame{seed: 1, pattern: []int{1}}
	annotated := plain
	annotated.notes = notes
	r0, data0, _ := plain.record(t, sc)
	r1, data1, _ := annotated.record(t, sc)

	rec0, err := sim.ParseRecording(data0)
	if err != nil {
		t.Fatal(err)
	}
	rec1, err := sim.ParseRecording(data1)
	if err != nil {
		t.Fatal(err)
	}
	var want []sim.Note
	for _, k := range []int{0, 1, 3} {
		for _, n := range notes[k] {
			n.Type = "note"
			want = append(want, n)
		}
	}
	if !reflect.DeepEqual(rec1.Notes, want) {
		t.Errorf("notes\n%+v\nwant\n%+v", rec1.Notes, want)
	}
	if !reflect.DeepEqual(rec1.Choices, rec0.Choices) || rec1.Header != rec0.Header {
		t.Error("notes changed the header or the choices")
	}

	// The notes sit between the choices they follow and the next.
	var types []string
	sc1 := bufio.NewScanner(bytes.NewReader(data1))
	for sc1.Scan() {
		var probe struct {
			Type   string
			N      int
			Choice int
		}
		if err := json.Unmarshal(sc1.Bytes(), &probe); err != nil {
			t.Fatal(err)
		}
		switch probe.Type {
		case "choice":
			types = append(types, fmt.Sprint("c", probe.N))
		case "note":
			types = append(types, fmt.Sprint("n", probe.Choice))
		default:
			types = append(types, probe.Type)
		}
	}
	wantTypes := []string{"header", "n0", "c1", "n1", "n0", "c2", "c3", "n2"}
	for i := 4; i <= len(rec1.Choices); i++ {
		wantTypes = append(wantTypes, fmt.Sprint("c", i))
	}
	if !reflect.DeepEqual(types, wantTypes) {
		t.Errorf("lines %v, want %v", types, wantTypes)
	}

	a0, err := sim.Replay(sc, rec0)
	if err != nil {
		t.Fatal(err)
	}
	a1, err := sim.Replay(sc, rec1)
	if err != nil {
		t.Fatal(err)
	}
	recSame(t, r0, r1)
	recSame(t, a0, a1)
}

func TestRecorderRefusesNoteAboutFutureChoice(t *testing.T) {
	m := scenariotest.Model(t)
	sc, _ := recLoad(t, m, "mini.toml")
	var buf bytes.Buffer
	r := sim.NewRun(sc, 1)
	rec, err := sim.NewRecorder(&buf, sim.NewHeader(r, "t", recStarted))
	if err != nil {
		t.Fatal(err)
	}
	recGame{seed: 1, pattern: []int{1}}.play(t, r, rec, 0, 1)
	before := buf.Len()
	for _, n := range []int{2, 3, -1} {
		if err := rec.Note(sim.Note{Choice: n, Text: "x"}); err == nil || !strings.Contains(err.Error(), fmt.Sprint("choice ", n)) {
			t.Errorf("note about choice %d after 1 choice: error %v", n, err)
		}
	}
	if buf.Len() != before {
		t.Errorf("refused notes were written: %q", buf.Bytes()[before:])
	}
	if _, err := sim.ParseRecording(buf.Bytes()); err != nil {
		t.Errorf("the recording is no longer readable: %v", err)
	}
}

// recParsed parses a recording the test made.
func recParsed(t testing.TB, data []byte) *sim.Recording {
	t.Helper()
	rec, err := sim.ParseRecording(data)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// recBase is a real recording of mini.toml, split into lines without their
// newlines.
func recBase(t *testing.T) []string {
	t.Helper()
	m := scenariotest.Model(t)
	sc, _ := recLoad(t, m, "mini.toml")
	_, data, made := recGame{seed: 1, pattern: []int{1}}.record(t, sc)
	if len(made) != 3 {
		t.Fatalf("mini took %d choices; the cases below expect 3", len(made))
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

// recEdit returns lines as a file after edit has changed a copy of them.
func recEdit(lines []string, edit func(l []string) []string) []byte {
	l := edit(append([]string(nil), lines...))
	return []byte(strings.Join(l, "\n") + "\n")
}

// recField rewrites one field of a JSON line.
func recField(t *testing.T, line, key string, v any) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(line), &m); err != nil {
		t.Fatal(err)
	}
	if v == nil {
		delete(m, key)
	} else {
		m[key] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseRecordingRefusesDamage(t *testing.T) {
	base := recBase(t)
	whole := recEdit(base, func(l []string) []string { return l })
	header := base[0]
	long := `{"type":"note","choice":1,"text":"` + strings.Repeat("x", sim.MaxRecordLine) + `"}`
	for _, c := range []struct {
		name   string
		data   []byte
		line   int
		phrase string
	}{
		{"empty file", nil, 0, "empty"},
		{"cut off mid-line", whole[:len(whole)-7], 4, "cut off"},
		{"cut off at the newline", whole[:len(whole)-1], 4, "cut off"},
		{"cut off in the header", []byte(header[:len(header)/2]), 1, "cut off"},
		{"invalid JSON in the middle", recEdit(base, func(l []string) []string { l[2] = `{"type":"choice","n":2,`; return l }), 3, "the line ends before its closing }"},
		{"a choice's line emptied", recEdit(base, func(l []string) []string { l[2] = ""; return l }), 4, "choice numbered 3, expected 2"},
		{"UTF-16", utf16LE(whole), 0, "UTF-16"},
		{"UTF-16, big-endian", append([]byte("\xfe\xff"), utf16LE(whole)[2:]...), 0, "UTF-16"},
		{"trailing bytes after the JSON", recEdit(base, func(l []string) []string { l[2] += "}"; return l }), 3, "one line holds one {…}"},
		{"trailing bytes after the header", recEdit(base, func(l []string) []string { l[0] += "]"; return l }), 1, "one line holds one {…}"},
		{"two JSON values", recEdit(base, func(l []string) []string { l[2] += l[2]; return l }), 3, "one line holds one {…}"},
		{"unknown line type", recEdit(base, func(l []string) []string { l[2] = `{"type":"comment","text":"x"}`; return l }), 3, `unknown line type "comment"`},
		{"no line type", recEdit(base, func(l []string) []string { l[2] = `{"n":2}`; return l }), 3, `unknown line type ""`},
		{"unknown field in a choice", recEdit(base, func(l []string) []string { l[2] = recField(t, l[2], "mood", "fine"); return l }), 3, `unknown field "mood"`},
		{"unknown field in a note", recEdit(base, func(l []string) []string {
			return append(l, `{"type":"note","choice":1,"text":"x","colour":"red"}`)
		}), 5, `unknown field "colour"`},
		{"choices out of order", recEdit(base, func(l []string) []string { l[1], l[2] = l[2], l[1]; return l }), 2, "choice numbered 2, expected 1"},
		{"a choice repeated", recEdit(base, func(l []string) []string { return append(l, l[3]) }), 5, "choice numbered 3, expected 4"},
		{"a choice missing", recEdit(base, func(l []string) []string { return append(l[:2], l[3]) }), 3, "choice numbered 3, expected 2"},
		{"option 0", recEdit(base, func(l []string) []string { l[1] = recField(t, l[1], "option", 0); return l }), 2, "option 0"},
		{"a second header", recEdit(base, func(l []string) []string { return append(l[:2], append([]string{header}, l[2:]...)...) }), 3, "a second header"},
		{"first line not a header", recEdit(base, func(l []string) []string { return l[1:] }), 1, `the first line must be the header, found type "choice"`},
		{"first line a note", recEdit(base, func(l []string) []string { l[0] = `{"type":"note","text":"x"}`; return l }), 1, `the first line must be the header, found type "note"`},
		{"header not JSON", recEdit(base, func(l []string) []string { l[0] = "TheraSim run"; return l }), 1, "not a recording made by TheraSim"},
		{"wrong format version", recEdit(base, func(l []string) []string { l[0] = recField(t, l[0], "format", 2); return l }), 1, "format 2; this TheraSim reads format 1"},
		{"later format with new fields", recEdit(base, func(l []string) []string {
			l[0] = recField(t, recField(t, l[0], "format", 2), "checkpoints", true)
			return l
		}), 1, "format 2; this TheraSim reads format 1"},
		{"wrong generator", recEdit(base, func(l []string) []string { l[0] = recField(t, l[0], "generator", "math/rand/v2.PCG"); return l }), 1, `generator "math/rand/v2.PCG"`},
		{"unknown field in the header", recEdit(base, func(l []string) []string { l[0] = recField(t, l[0], "mode", "exam"); return l }), 1, `unknown field "mode"`},
		{"header without scenario", recEdit(base, func(l []string) []string { l[0] = recField(t, l[0], "scenario", nil); return l }), 1, "names no scenario"},
		{"header without hash", recEdit(base, func(l []string) []string { l[0] = recField(t, l[0], "scenario_sha256", "abc"); return l }), 1, "scenario_sha256"},
		{"a line longer than MaxRecordLine", recEdit(base, func(l []string) []string { return append(l[:2], append([]string{long}, l[2:]...)...) }), 3, fmt.Sprintf("longer than %d bytes", sim.MaxRecordLine)},
		{"note about a choice that hasn't happened", recEdit(base, func(l []string) []string {
			return append(l[:2], append([]string{`{"type":"note","choice":2,"text":"too soon"}`}, l[2:]...)...)
		}), 3, "note about choice 2, but only 1 choice comes before it"},
		{"note about choice -1", recEdit(base, func(l []string) []string { return append(l, `{"type":"note","choice":-1,"text":"x"}`) }), 5, "note about choice -1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec, err := sim.ParseRecording(c.data)
			var re *sim.RecordError
			if !errors.As(err, &re) {
				t.Fatalf("got %v, %v; want a *RecordError", rec, err)
			}
			if re.Line != c.line || !strings.Contains(re.Reason, c.phrase) {
				t.Errorf("line %d: %s\nwant line %d: …%s…", re.Line, re.Reason, c.line, c.phrase)
			}
			prefix := "recording: "
			if c.line > 0 {
				prefix = fmt.Sprintf("recording line %d: ", c.line)
			}
			if !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("message %q does not start %q", err, prefix)
			}
		})
	}
}

// TestParseRecordingLimits checks the edges of what is accepted.
func TestParseRecordingLimits(t *testing.T) {
	base := recBase(t)
	note := func(size int) string {
		s := `{"type":"note","choice":3,"text":""}`
		return s[:len(s)-2] + strings.Repeat("y", size-len(s)) + `"}`
	}
	for _, c := range []struct {
		name  string
		data  []byte
		notes int
	}{
		{"a line of MaxRecordLine bytes with its newline", recEdit(base, func(l []string) []string { return append(l, note(sim.MaxRecordLine-1)) }), 1},
		{"CRLF line ends", []byte(strings.Join(base, "\r\n") + "\r\n"), 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec, err := sim.ParseRecording(c.data)
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.Choices) != 3 || len(rec.Notes) != c.notes {
				t.Errorf("%d choices and %d notes, want 3 and %d", len(rec.Choices), len(rec.Notes), c.notes)
			}
		})
	}
}

// recLazy reads as a recording of size bytes: a header, then notes and
// padding made up as they are read, so that the test holds no copy of its
// own.
type recLazy struct {
	header []byte
	size   int64
	off    int64
}

func (r *recLazy) Read(p []byte) (int, error) {
	if r.off >= r.size {
		return 0, io.EOF
	}
	const line = 1 << 12
	n := 0
	for n < len(p) && r.off < r.size {
		var b byte
		switch o := r.off; {
		case o < int64(len(r.header)):
			b = r.header[o]
		case r.size-o <= 1 || (o-int64(len(r.header)))%line == line-1:
			b = '\n'
		default:
			b = 'x' // not a valid line, but it is never parsed when too large
		}
		p[n] = b
		n++
		r.off++
	}
	return n, nil
}

func TestReadRecordingSizeLimit(t *testing.T) {
	header := []byte(recBase(t)[0] + "\n")
	for _, c := range []struct {
		name   string
		size   int64
		line   int
		phrase string
	}{
		{"one byte over", sim.MaxRecordSize + 1, 0, fmt.Sprintf("larger than %d bytes", sim.MaxRecordSize)},
		{"far over", 4 * sim.MaxRecordSize, 0, fmt.Sprintf("larger than %d bytes", sim.MaxRecordSize)},
		// At the limit the file is read and parsed: its second line is
		// refused.
		{"at the limit", sim.MaxRecordSize, 2, "does not begin with {"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := &recLazy{header: header, size: c.size}
			_, err := sim.ReadRecording(r)
			var re *sim.RecordError
			if !errors.As(err, &re) {
				t.Fatalf("got %v; want a *RecordError", err)
			}
			if re.Line != c.line || !strings.Contains(re.Reason, c.phrase) {
				t.Errorf("line %d: %s\nwant line %d: …%s…", re.Line, re.Reason, c.line, c.phrase)
			}
			if r.off > sim.MaxRecordSize+1 {
				t.Errorf("read %d bytes; no more than %d are needed", r.off, sim.MaxRecordSize+1)
			}
		})
	}
}

// recMismatches are edits of a recording that make it disagree with its
// scenario, and where and how Replay must notice.
var recMismatches = []struct {
	name     string
	edit     func(rec *sim.Recording)
	choice   int
	what     string
	recorded string
}{
	{"fingerprint altered at choice 3", func(rec *sim.Recording) { rec.Choices[2].Fingerprint = "0123456789abcdef" },
		3, "state fingerprint", "0123456789abcdef"},
	{"last fingerprint altered", func(rec *sim.Recording) { rec.Choices[len(rec.Choices)-1].Fingerprint = "feedfacefeedface" },
		8, "state fingerprint", "feedfacefeedface"},
	{"option changed so the act differs", func(rec *sim.Recording) { rec.Choices[0].Option = 2 },
		1, "act", "validation"},
	{"option changed, same act, other attributes", func(rec *sim.Recording) { rec.Choices[3].Option = 2 },
		4, "state fingerprint", ""},
	{"option not offered", func(rec *sim.Recording) { rec.Choices[1].Option = 9 },
		2, "option", "option 9"},
	{"other beat", func(rec *sim.Recording) { rec.Choices[1].Beat = "plan" },
		2, "moment", `session 1 beat "plan"`},
	{"other session", func(rec *sim.Recording) { rec.Choices[4].Session = 3 },
		5, "moment", `session 3 beat "back"`},
	{"a choice beyond the end of the course", func(rec *sim.Recording) {
		c := rec.Choices[len(rec.Choices)-1]
		c.N++
		rec.Choices = append(rec.Choices, c)
	}, 9, "course", "a choice"},
}

func TestReplayMismatch(t *testing.T) {
	m := scenariotest.Model(t)
	sc, _ := recLoad(t, m, "rec-course.toml")
	_, data, made := recGame{seed: 1, pattern: []int{1}}.record(t, sc)
	if len(made) != 8 || made[3].Beat != "hw" {
		t.Fatalf("the course took %d choices, the fourth at %q; the cases expect 8, the fourth at \"hw\"", len(made), made[3].Beat)
	}
	for _, c := range recMismatches {
		t.Run(c.name, func(t *testing.T) {
			rec, err := sim.ParseRecording(data)
			if err != nil {
				t.Fatal(err)
			}
			c.edit(rec)
			r, err := sim.Replay(sc, rec)
			var me *sim.MismatchError
			if !errors.As(err, &me) {
				t.Fatalf("got %v; want a *MismatchError", err)
			}
			if me.Choice != c.choice || me.What != c.what {
				t.Errorf("choice %d %s, want choice %d %s (%v)", me.Choice, me.What, c.choice, c.what, err)
			}
			if c.recorded != "" && me.Recorded != c.recorded {
				t.Errorf("recorded %q, want %q", me.Recorded, c.recorded)
			}
			if me.Recorded == me.Replayed {
				t.Errorf("recorded and replayed are both %q", me.Recorded)
			}
			if r == nil {
				t.Fatal("no run returned with the mismatch")
			}
			// Short of a differing state, the run is left after the last
			// choice that agreed.
			want := sim.NewRun(sc, 1).Fingerprint()
			if c.choice > 1 {
				want = made[c.choice-2].Fingerprint
			}
			if c.what != "state fingerprint" && r.Fingerprint() != want {
				t.Errorf("the run is not left after choice %d", c.choice-1)
			}
		})
	}
}

func TestReplayChangedSource(t *testing.T) {
	m := scenariotest.Model(t)
	sc, src := recLoad(t, m, "mini.toml")
	_, data, _ := recGame{seed: 3, pattern: []int{1}}.record(t, sc)
	rec := recParsed(t, data)
	modelSrc, err := os.ReadFile(filepath.Join("..", "scenarios", scenarios.ModelFile))
	if err != nil {
		t.Fatal(err)
	}
	otherModel, err := sim.LoadModel("model.toml", append(append([]byte(nil), modelSrc...), "\n# edited\n"...))
	if err != nil {
		t.Fatal(err)
	}
	load := func(data []byte, m *sim.Model) *sim.Scenario {
		t.Helper()
		sc, err := sim.Load("mini.toml", data, m)
		if err != nil {
			t.Fatal(err)
		}
		return sc
	}
	edited := load(bytes.Replace(src, []byte("It took something to come here."), []byte("It took courage to come here."), 1), m)
	renamed := load(bytes.Replace(src, []byte(`id = "mini"`), []byte(`id = "mini-2"`), 1), m)
	retraited := load(bytes.Replace(src, []byte("reactance = 0.6"), []byte("reactance = 0.95"), 1), m)
	// Revised: the scenario's text or the model changed, in nothing the
	// recorded choices do: the run replays, and Revised says what changed.
	for _, c := range []struct {
		name  string
		sc    *sim.Scenario
		words []string
	}{
		{"a reworded client line", edited, []string{"the scenario's file", rec.Header.SHA256[:12], edited.Hash[:12]}},
		{"a comment in the model", load(src, otherModel), []string{"the model", m.Hash()[:12], otherModel.Hash()[:12]}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := sim.Replay(c.sc, rec); err != nil {
				t.Fatalf("a revision that changes no choice: %v", err)
			}
			rev := rec.Revised(c.sc)
			for _, w := range c.words {
				if !strings.Contains(rev, w) {
					t.Errorf("%q does not mention %q", rev, w)
				}
			}
		})
	}
	if rev := rec.Revised(sc); rev != "" {
		t.Errorf("the very scenario and model: %q", rev)
	}
	// Another scenario is refused; a revision that changes what a
	// recorded choice does is caught at that choice.
	if _, err := sim.Replay(renamed, rec); err == nil || !strings.Contains(err.Error(), `"mini-2"`) {
		t.Errorf("another scenario: %v", err)
	}
	var me *sim.MismatchError
	if _, err := sim.Replay(retraited, rec); !errors.As(err, &me) || me.Choice < 1 {
		t.Errorf("a trait changed: %v, want the first choice whose state differs", err)
	}
}

func TestResumeRecorder(t *testing.T) {
	m := scenariotest.Model(t)
	for _, c := range recGames {
		t.Run(c.name, func(t *testing.T) {
			sc, _ := recLoad(t, m, c.file)
			g := c.recGame
			g.notes = map[int][]sim.Note{2: {{Choice: 1, Text: "after the second choice"}}}
			whole, data, made := g.record(t, sc)
			for k := 0; k <= len(made); k++ {
				t.Run(fmt.Sprint("crash after ", k), func(t *testing.T) {
					var buf bytes.Buffer
					r := sim.NewRun(sc, g.seed)
					rec, err := sim.NewRecorder(&buf, sim.NewHeader(r, "trainee-7", recStarted))
					if err != nil {
						t.Fatal(err)
					}
					g.play(t, r, rec, 0, k)
					// The crash: the run and the recorder are gone; only
					// the file is left.
					read, err := sim.ParseRecording(buf.Bytes())
					if err != nil {
						t.Fatal(err)
					}
					back, err := sim.Replay(sc, read)
					if err != nil {
						t.Fatal(err)
					}
					g.play(t, back, sim.ResumeRecorder(&buf, read), k, -1)
					if !bytes.Equal(buf.Bytes(), data) {
						t.Errorf("resumed recording\n%s\nwant\n%s", buf.Bytes(), data)
					}
					recSame(t, whole, back)
				})
			}
		})
	}
}

// utf16LE is data saved as UTF-16 (little-endian, with its byte-order
// mark), as an editor on Windows may save a file.
func utf16LE(data []byte) []byte {
	out := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(string(data))) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// TestRecordingsFromOtherEditors (cases recording-blank-line and
// recording-encodings): a recording that an editor saved with a byte-order
// mark, with CRLF line endings, or with blank lines (an instructor pressed
// Enter after a note) reads as the same recording; UTF-16 is refused,
// named.
func TestRecordingsFromOtherEditors(t *testing.T) {
	m := scenariotest.Model(t)
	sc, _ := recLoad(t, m, "cases/recording-base.toml")
	_, data, _ := recGame{seed: 7, pattern: []int{1}}.record(t, sc)
	want := recParsed(t, data)
	lines := strings.SplitAfter(string(data), "\n")
	for _, c := range []struct {
		name string
		data string
	}{
		{"a blank line at the end", string(data) + "\n"},
		{"blank lines between", strings.Join(lines[:2], "") + "\n  \n" + strings.Join(lines[2:], "") + "\t\n"},
		{"spaces after the last newline", string(data) + "   "},
		{"a byte-order mark", "\xef\xbb\xbf" + string(data)},
		{"CRLF line endings", strings.ReplaceAll(string(data), "\n", "\r\n")},
		{"all of them", "\xef\xbb\xbf" + strings.ReplaceAll(string(data)+"\n", "\n", "\r\n")},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := sim.ParseRecording([]byte(c.data))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("read as\n%+v\nwant\n%+v", got, want)
			}
			if _, err := sim.Replay(sc, got); err != nil {
				t.Errorf("does not verify: %v", err)
			}
		})
	}
}

// TestVerifyRefusesForgedChoices: a choice sent one at a time, as a class
// server receives them, is played only when it is the moment the run is at,
// with an option offered there and the act that option has; a forged
// fingerprint is named.
func TestVerifyRefusesForgedChoices(t *testing.T) {
	sc, _ := recLoad(t, scenariotest.Model(t), "rec-course.toml")
	r := sim.NewRun(sc, 3)
	p := r.Prompt()
	good := sim.ChoiceRecord{Type: "choice", N: 1, Session: p.Session, Beat: p.Beat, Option: 1, Act: p.Options[0].Act}
	probe := sim.NewRun(sc, 3)
	if _, err := probe.Choose(1); err != nil {
		t.Fatal(err)
	}
	good.Fingerprint = probe.Fingerprint()
	for _, tc := range []struct {
		name string
		edit func(c *sim.ChoiceRecord)
		what string
	}{
		{"option 0", func(c *sim.ChoiceRecord) { c.Option = 0 }, "option"},
		{"option -5", func(c *sim.ChoiceRecord) { c.Option = -5 }, "option"},
		{"option past the last", func(c *sim.ChoiceRecord) { c.Option = 99 }, "option"},
		{"another beat", func(c *sim.ChoiceRecord) { c.Beat = "elsewhere" }, "moment"},
		{"another act", func(c *sim.ChoiceRecord) { c.Act = "self_disclosure" }, "act"},
		{"a forged fingerprint", func(c *sim.ChoiceRecord) { c.Fingerprint = "00" }, "state fingerprint"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := sim.NewRun(sc, 3)
			c := good
			tc.edit(&c)
			_, err := r.Verify(c)
			var me *sim.MismatchError
			if !errors.As(err, &me) || me.What != tc.what {
				t.Fatalf("Verify = %v, want a mismatch of the %s", err, tc.what)
			}
		})
	}
	if _, err := r.Verify(good); err != nil {
		t.Fatalf("the true choice: %v", err)
	}
}

// TestRecorderCopy: choices copied from another recording of the run, in
// order, make the same recording; one out of order is refused.
func TestRecorderCopy(t *testing.T) {
	sc, _ := recLoad(t, scenariotest.Model(t), "rec-course.toml")
	_, data, made := recGame{seed: 5, pattern: []int{2, 1, 3}}.record(t, sc)
	rec := recParsed(t, data)
	var buf bytes.Buffer
	cp, err := sim.NewRecorder(&buf, rec.Header)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range made[:3] {
		if err := cp.Copy(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := cp.Copy(made[4]); err == nil {
		t.Error("choice 5 copied after 3")
	}
	got := recParsed(t, buf.Bytes())
	if len(got.Choices) != 3 || got.Choices[2] != made[2] {
		t.Fatalf("copied %+v", got.Choices)
	}
	if _, err := sim.Replay(sc, got); err != nil {
		t.Fatalf("the copy does not replay: %v", err)
	}
}
