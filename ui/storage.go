package ui

import (
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// storage keeps what the front end remembers between runs: a few settings
// by key (the trainee's name, the text scale) and the recorded runs by name.
// On a desktop it is a folder (newFileStorage); in the browser, where there
// is no file system, it is the page's localStorage.
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
	return t.Format("2006-01-02T15-04-05") + "_" + slug(scenario, "scenario") + "_" + slug(trainee, "trainee") + ".jsonl"
}

// slug keeps ASCII letters and digits, lower-cased, and turns every other
// run of characters into one hyphen.
func slug(s, empty string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		r = unicode.ToLower(r)
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return empty
	}
	out := b.String()
	if len(out) > 40 {
		out = strings.TrimRight(out[:40], "-")
	}
	return out
}

// createRecording creates a recording named for t, adding -2, -3, … when
// two runs start in the same second.
func createRecording(st storage, t time.Time, scenario, trainee string) (string, io.WriteCloser, error) {
	base := strings.TrimSuffix(recordingName(t, scenario, trainee), ".jsonl")
	name := base + ".jsonl"
	for i := 2; ; i++ {
		w, err := st.CreateRecording(name)
		if !errors.Is(err, errExist) || i > 50 {
			return name, w, err
		}
		name = base + "-" + strconv.Itoa(i) + ".jsonl"
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
