package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/therasim/therasim/recfile"
)

// storage keeps what the front end remembers between runs: a few settings
// by key (the trainee's name, the text scale) and the recorded runs by name.
// On a desktop it is a folder (newFileStorage); in the browser, where there
// is no file system, it is the page's localStorage, or memory (memStorage)
// when the browser refuses the page any storage.
type storage interface {
	// Get returns the value stored under key, and "" when there is none.
	Get(key string) (string, error)
	// Set stores value under key.
	Set(key, value string) error
	// Recordings lists the names of the recorded runs, sorted, which puts
	// them in the order they were started.
	Recordings() ([]string, error)
	// ReadRecording returns a recorded run's bytes.
	ReadRecording(name string) ([]byte, error)
	// CreateRecording creates a new recorded run; it fails with
	// errExist when the name is taken. Each Write of the returned writer
	// is kept even if the program stops right after it (a file is synced
	// by the recorder, localStorage is written through).
	CreateRecording(name string) (io.WriteCloser, error)
	// AppendRecording opens an existing recorded run to add to it.
	AppendRecording(name string) (io.WriteCloser, error)
	// Where says, in words for the trainee, where a recording is kept.
	Where(name string) string
	// Keep keeps a copy of the exact bytes of a scenario or model file
	// (kind is recfile.KeptScenario or recfile.KeptModel) under their
	// SHA-256, beside the recordings, once: a run is opened with the
	// scenario it was played with even after its file was edited or
	// deleted (package recfile).
	Keep(kind string, data []byte) error
	// Kept returns the copy kept of the kind whose SHA-256 is hash, and
	// where it is kept in words for an instructor, refusing a copy whose
	// bytes no longer have that hash; the error wraps fs.ErrNotExist when
	// none is kept (it is a debrief.Copies).
	Kept(kind, hash string) ([]byte, string, error)
}

// errExist is returned by CreateRecording for a name already taken.
var errExist = errors.New("a recording of that name exists")

// Setting keys.
const (
	keyTrainee   = "trainee"   // the name the trainee last entered
	keyTextScale = "textscale" // the text scale, e.g. "1.2"
	keyDismissed = "dismissed" // the unfinished recording the trainee chose not to resume
)

// recordingName names the recording of a run started at t, e.g.
// 2026-11-23T14-05-09_cbt-depression_alex-smith.jsonl: sorting names sorts
// runs by start time.
func recordingName(t time.Time, scenario, trainee string) string {
	return t.Format("2006-01-02T15-04-05") + "_" + recfile.Slug(scenario, "scenario", 40) + "_" + recfile.Slug(trainee, "trainee", 40) + ".jsonl"
}

// createRecording creates a recording named for t. A second run started
// in the same second (a reload of a watched scenario, say) is named with
// _02, _03, … after the name, up to _50: "…_alex_02.jsonl" sorts after
// "…_alex.jsonl" (as "_" comes after "."), so the order of the names is
// still the order the runs were started in, and the newest is offered to
// resume. (A hyphen, "…_alex-2.jsonl", would sort before the first.)
func createRecording(st storage, t time.Time, scenario, trainee string) (string, io.WriteCloser, error) {
	base := strings.TrimSuffix(recordingName(t, scenario, trainee), ".jsonl")
	name := base + ".jsonl"
	for i := 2; ; i++ {
		w, err := st.CreateRecording(name)
		if !errors.Is(err, errExist) || i > 50 {
			return name, w, err
		}
		name = fmt.Sprintf("%s_%02d.jsonl", base, i)
	}
}

// newestFirst returns the recording names, newest first.
func newestFirst(st storage) []string {
	names, err := st.Recordings()
	if err != nil {
		return nil
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	return names
}

// memStorage keeps everything in memory, for a browser that lets the page
// keep nothing (cookies and site data blocked, so localStorage throws):
// the trainee can still play, and is told that nothing is kept.
type memStorage struct {
	// why says, in words for the trainee, why nothing is kept.
	why      string
	settings map[string]string
	runs     map[string][]byte
	kept     map[string][]byte // by hash and kind
}

// newMemStorage returns an empty storage in memory; why says why nothing
// can be kept.
func newMemStorage(why string) *memStorage {
	return &memStorage{why: why, settings: map[string]string{}, runs: map[string][]byte{}, kept: map[string][]byte{}}
}

// Volatile says why nothing is kept once the page closes (see
// volatileStorage).
func (s *memStorage) Volatile() string { return s.why }

// Get returns a setting.
func (s *memStorage) Get(key string) (string, error) { return s.settings[key], nil }

// Set stores a setting.
func (s *memStorage) Set(key, value string) error {
	s.settings[key] = value
	return nil
}

// Recordings lists the recordings, sorted.
func (s *memStorage) Recordings() ([]string, error) {
	out := make([]string, 0, len(s.runs))
	for name := range s.runs {
		out = append(out, name)
	}
	sort.Strings(out)
	return out, nil
}

// ReadRecording returns a copy of a recording's bytes.
func (s *memStorage) ReadRecording(name string) ([]byte, error) {
	b, ok := s.runs[name]
	if !ok {
		return nil, errors.New("no recording " + strconv.Quote(name) + " in this page")
	}
	return append([]byte(nil), b...), nil
}

// CreateRecording starts a recording.
func (s *memStorage) CreateRecording(name string) (io.WriteCloser, error) {
	if _, ok := s.runs[name]; ok {
		return nil, errExist
	}
	s.runs[name] = []byte{}
	return &memWriter{s: s, name: name}, nil
}

// AppendRecording continues a recording.
func (s *memStorage) AppendRecording(name string) (io.WriteCloser, error) {
	if _, ok := s.runs[name]; !ok {
		return nil, errors.New("no recording " + strconv.Quote(name) + " in this page")
	}
	return &memWriter{s: s, name: name}, nil
}

// Where says that the recording is kept only while the page is open.
func (s *memStorage) Where(name string) string {
	return "this page only, as " + name + ": it is lost when the page is closed or reloaded"
}

// Keep keeps a copy of a scenario or model in memory.
func (s *memStorage) Keep(kind string, data []byte) error {
	s.kept[keptKey(kind, data)] = append([]byte(nil), data...)
	return nil
}

// Kept returns a copy kept in memory.
func (s *memStorage) Kept(kind, hash string) ([]byte, string, error) {
	where := "this page only"
	b, ok := s.kept[hash+kind]
	if !ok {
		return nil, where, fmt.Errorf("no copy of the scenario as it was played is kept in this page: %w", fs.ErrNotExist)
	}
	return append([]byte(nil), b...), where, nil
}

// keptKey is the name of the copy of data of the kind: its SHA-256 and the
// kind, e.g. "e3b0….toml", as recfile names the file.
func keptKey(kind string, data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:]) + kind
}

// memWriter adds to a recording in a memStorage.
type memWriter struct {
	s    *memStorage
	name string
}

func (w *memWriter) Write(p []byte) (int, error) {
	w.s.runs[w.name] = append(w.s.runs[w.name], p...)
	return len(p), nil
}

func (w *memWriter) Close() error { return nil }

// volatileStorage is a storage that keeps nothing once the program stops;
// Volatile says why, in words for the trainee.
type volatileStorage interface {
	storage
	Volatile() string
}

// storageWarning is what the picker says about a storage that keeps
// nothing, or "".
func storageWarning(st storage) string {
	if v, ok := st.(volatileStorage); ok {
		return v.Volatile()
	}
	return ""
}
