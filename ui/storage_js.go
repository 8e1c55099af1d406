//go:build js

package ui

import (
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"syscall/js"

	"github.com/therasim/therasim/recfile"
)

// browserStorage keeps settings and recordings in the page's localStorage,
// under keys that start with "therasim/".
type browserStorage struct {
	ls js.Value
}

const lsPrefix = "therasim/"
const lsRuns = lsPrefix + "runs/"

// lsKept prefixes the copies kept of the scenarios and models runs were
// played with, each under its SHA-256 and kind (package recfile):
// "therasim/kept/HASH.toml", "therasim/kept/HASH.model.toml".
const lsKept = lsPrefix + "kept/"

// newBrowserStorage returns the storage of the page's localStorage. It
// fails when the browser offers none, or refuses the page its own (with
// cookies and site data blocked, reading window.localStorage throws).
func newBrowserStorage() (s *browserStorage, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("localStorage: %v", r)
		}
	}()
	// Through Reflect.get, as an exception thrown by a getter that
	// js.Value.Get calls is not turned into a panic (it escapes the Go
	// program and stops it); one thrown by a function js.Value.Call calls
	// is.
	ls := js.Global().Get("Reflect").Call("get", js.Global(), "localStorage")
	if ls.IsUndefined() || ls.IsNull() {
		return nil, fmt.Errorf("this browser offers no localStorage")
	}
	s = &browserStorage{ls: ls}
	// Reading must work; writing may still fail later (a full quota),
	// which the screens that write report.
	if _, _, err := s.get(lsPrefix + keyTrainee); err != nil {
		return nil, err
	}
	return s, nil
}

// noStorage is what the trainee is told when the browser keeps nothing
// for the page.
const noStorage = "This browser keeps no data for this page (cookies and site data are blocked): " +
	"your runs and your name will not be kept, and are lost when the page is closed or reloaded."

// defaultStorage is the page's localStorage, or, when the browser refuses
// it, a storage in memory that says so (see storageWarning): the trainee
// can still play.
func defaultStorage(string) (storage, error) {
	s, err := newBrowserStorage()
	if err != nil {
		js.Global().Get("console").Call("warn", "TheraSim keeps runs in memory only: "+err.Error())
		return newMemStorage(noStorage), nil
	}
	return s, nil
}

// call runs a localStorage method, turning a thrown exception (the quota
// is full, storage is disabled) into an error.
func (s *browserStorage) call(method string, args ...any) (v js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("localStorage.%s: %v", method, r)
		}
	}()
	return s.ls.Call(method, args...), nil
}

func (s *browserStorage) get(key string) (string, bool, error) {
	v, err := s.call("getItem", key)
	if err != nil || v.IsNull() || v.IsUndefined() {
		return "", false, err
	}
	return v.String(), true, nil
}

func (s *browserStorage) set(key, value string) error {
	_, err := s.call("setItem", key, value)
	return err
}

// Get returns a setting.
func (s *browserStorage) Get(key string) (string, error) {
	v, _, err := s.get(lsPrefix + key)
	return v, err
}

// Set stores a setting.
func (s *browserStorage) Set(key, value string) error { return s.set(lsPrefix+key, value) }

// Recordings lists the recordings in localStorage.
func (s *browserStorage) Recordings() (_ []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("localStorage.length: %v", r)
		}
	}()
	n := js.Global().Get("Reflect").Call("get", s.ls, "length").Int()
	var out []string
	for i := 0; i < n; i++ {
		k, err := s.call("key", i)
		if err != nil {
			return nil, err
		}
		if k.Type() == js.TypeString && strings.HasPrefix(k.String(), lsRuns) {
			out = append(out, strings.TrimPrefix(k.String(), lsRuns))
		}
	}
	sort.Strings(out)
	return out, nil
}

// ReadRecording returns a recording's bytes.
func (s *browserStorage) ReadRecording(name string) ([]byte, error) {
	v, ok, err := s.get(lsRuns + name)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("no recording %q in this browser", name)
	}
	return []byte(v), nil
}

// CreateRecording starts a recording.
func (s *browserStorage) CreateRecording(name string) (io.WriteCloser, error) {
	if _, ok, err := s.get(lsRuns + name); err != nil {
		return nil, err
	} else if ok {
		return nil, errExist
	}
	if err := s.set(lsRuns+name, ""); err != nil {
		return nil, err
	}
	return &lsWriter{s: s, key: lsRuns + name}, nil
}

// AppendRecording continues a recording.
func (s *browserStorage) AppendRecording(name string) (io.WriteCloser, error) {
	v, ok, err := s.get(lsRuns + name)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("no recording %q in this browser", name)
	}
	return &lsWriter{s: s, key: lsRuns + name, buf: []byte(v)}, nil
}

// Where says where the recording is kept.
func (s *browserStorage) Where(name string) string {
	return "this browser's storage, as " + name
}

// Keep keeps a copy of a scenario or model in localStorage, once.
func (s *browserStorage) Keep(kind string, data []byte) error {
	key := lsKept + keptKey(kind, data)
	if v, ok, err := s.get(key); err == nil && ok && v == string(data) {
		return nil
	}
	return s.set(key, string(data))
}

// Kept returns a copy kept in localStorage, checking its hash.
func (s *browserStorage) Kept(kind, hash string) ([]byte, string, error) {
	where := "this browser's storage, as kept/" + hash + kind
	v, ok, err := s.get(lsKept + hash + kind)
	if err != nil {
		return nil, where, err
	}
	if !ok {
		return nil, where, fmt.Errorf("no copy of the scenario as it was played is kept in this browser: %w", fs.ErrNotExist)
	}
	if err := recfile.Check(where, hash, []byte(v)); err != nil {
		return nil, where, err
	}
	return []byte(v), where, nil
}

// lsWriter writes through: every Write stores the whole recording again,
// so nothing is lost when the tab closes.
type lsWriter struct {
	s   *browserStorage
	key string
	buf []byte
}

func (w *lsWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	if err := w.s.set(w.key, string(w.buf)); err != nil {
		w.buf = w.buf[:len(w.buf)-len(p)]
		return 0, err
	}
	return len(p), nil
}

func (w *lsWriter) Close() error { return nil }
