package ui

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/recfile"
)

// fileStorage keeps settings as small text files in a folder (trainee.txt
// holds the name) and recordings in its runs/ subfolder.
type fileStorage struct {
	Dir string
}

// newFileStorage returns the storage in dir, or in the user's configuration
// folder (os.UserConfigDir()/therasim) when dir is "".
func newFileStorage(dir string) (*fileStorage, error) {
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return nil, err
		}
		dir = filepath.Join(base, "therasim")
	}
	if err := os.MkdirAll(filepath.Join(dir, "runs"), 0o755); err != nil {
		return nil, err
	}
	return &fileStorage{Dir: dir}, nil
}

func (s *fileStorage) keyPath(key string) string { return filepath.Join(s.Dir, key+".txt") }

func (s *fileStorage) runPath(name string) string {
	return filepath.Join(s.Dir, "runs", filepath.Base(name))
}

// Get reads key.txt.
func (s *fileStorage) Get(key string) (string, error) {
	b, err := os.ReadFile(s.keyPath(key))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	return strings.TrimSpace(string(b)), err
}

// Set writes key.txt.
func (s *fileStorage) Set(key, value string) error {
	return os.WriteFile(s.keyPath(key), []byte(value+"\n"), 0o644)
}

// Recordings lists runs/*.jsonl.
func (s *fileStorage) Recordings() ([]string, error) {
	des, err := os.ReadDir(filepath.Join(s.Dir, "runs"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range des {
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".jsonl") {
			out = append(out, d.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// ReadRecording reads runs/name.
func (s *fileStorage) ReadRecording(name string) ([]byte, error) { return os.ReadFile(s.runPath(name)) }

// CreateRecording creates runs/name, locked for this program while it
// records (package recfile). The file it returns is synced by sim's
// recorder after every line.
func (s *fileStorage) CreateRecording(name string) (io.WriteCloser, error) {
	f, err := recfile.Create(s.runPath(name))
	if errors.Is(err, fs.ErrExist) {
		return nil, errExist
	}
	return f, err
}

// AppendRecording opens runs/name for appending; another program still
// recording it refuses it (recfile.ErrBusy).
func (s *fileStorage) AppendRecording(name string) (io.WriteCloser, error) {
	return recfile.Append(s.runPath(name))
}

// Where is the recording's path.
func (s *fileStorage) Where(name string) string { return s.runPath(name) }

// Keep keeps a copy of a scenario or model in runs/kept (package recfile).
func (s *fileStorage) Keep(kind string, data []byte) error {
	_, err := recfile.Keep(filepath.Join(s.Dir, "runs"), kind, data)
	return err
}

// Kept returns a copy kept in runs/kept, and its path.
func (s *fileStorage) Kept(kind, hash string) ([]byte, string, error) {
	return debrief.KeptBeside(filepath.Join(s.Dir, "runs"))(kind, hash)
}
