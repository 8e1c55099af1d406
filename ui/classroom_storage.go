package ui

import (
	"fmt"
	"io"
	"sync"
)

// classStorage is the storage of a page in class mode: the page's own,
// safe for use from the window and the sender at once, whose new
// recordings are marked as the class's and whose writers wake the sender
// after each line.
type classStorage struct {
	mu   sync.Mutex
	st   storage
	sync *classSync
	// code is the class joined, which new recordings are marked with;
	// "" before the trainee has joined.
	code string
}

// setCode sets the class new recordings are played in.
func (s *classStorage) setCode(code string) {
	s.mu.Lock()
	s.code = code
	s.mu.Unlock()
}

// Volatile says why the page's storage keeps nothing, or "".
func (s *classStorage) Volatile() string { return storageWarning(s.st) }

// Get returns a setting.
func (s *classStorage) Get(key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.Get(key)
}

// Set stores a setting.
func (s *classStorage) Set(key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.Set(key, value)
}

// Recordings lists the recordings.
func (s *classStorage) Recordings() ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.Recordings()
}

// ReadRecording reads a recording.
func (s *classStorage) ReadRecording(name string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.ReadRecording(name)
}

// CreateRecording starts a recording, marked as the class's when the
// trainee has joined one.
func (s *classStorage) CreateRecording(name string) (io.WriteCloser, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := s.st.CreateRecording(name)
	if err != nil {
		return nil, err
	}
	if s.code != "" {
		if err := s.st.Set(keyRunClass+name, s.code); err != nil {
			w.Close()
			return nil, fmt.Errorf("marking the recording as this class's: %w", err)
		}
		_ = s.st.Set(keyAcked+name, "0")
	}
	return &classWriter{s: s, name: name, w: w}, nil
}

// AppendRecording continues a recording.
func (s *classStorage) AppendRecording(name string) (io.WriteCloser, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := s.st.AppendRecording(name)
	if err != nil {
		return nil, err
	}
	return &classWriter{s: s, name: name, w: w}, nil
}

// Where says where a recording is kept.
func (s *classStorage) Where(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.Where(name)
}

// Keep keeps a copy of a scenario or model.
func (s *classStorage) Keep(kind string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.Keep(kind, data)
}

// Kept returns a copy kept.
func (s *classStorage) Kept(kind, hash string) ([]byte, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.Kept(kind, hash)
}

// classWriter writes a recording of a classStorage and tells the sender
// after each write.
type classWriter struct {
	s    *classStorage
	name string
	w    io.WriteCloser
}

func (w *classWriter) Write(p []byte) (int, error) {
	w.s.mu.Lock()
	n, err := w.w.Write(p)
	w.s.mu.Unlock()
	if err == nil && w.s.sync != nil {
		w.s.sync.written(w.name, p)
	}
	return n, err
}

func (w *classWriter) Close() error {
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	return w.w.Close()
}
