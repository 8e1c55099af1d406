package ui

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestRecordingName(t *testing.T) {
	at := time.Date(2026, 11, 23, 14, 5, 9, 0, time.UTC)
	tests := []struct{ scenario, trainee, want string }{
		{"cbt-depression", "Maya", "2026-11-23T14-05-09_cbt-depression_maya.jsonl"},
		{"cbt-depression", "Alex  Smith", "2026-11-23T14-05-09_cbt-depression_alex-smith.jsonl"},
		{"x", "Zoë O'Neil", "2026-11-23T14-05-09_x_zo-o-neil.jsonl"},
		{"x", "", "2026-11-23T14-05-09_x_trainee.jsonl"},
		{"x", "../../etc", "2026-11-23T14-05-09_x_etc.jsonl"},
	}
	for _, tt := range tests {
		if got := recordingName(at, tt.scenario, tt.trainee); got != tt.want {
			t.Errorf("recordingName(%q, %q) = %q, want %q", tt.scenario, tt.trainee, got, tt.want)
		}
	}
}

func TestFileStorage(t *testing.T) {
	dir := t.TempDir()
	st, err := newFileStorage(dir)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := st.Get(keyTrainee); v != "" || err != nil {
		t.Fatalf("Get of an unset key = %q, %v", v, err)
	}
	if err := st.Set(keyTrainee, "Alex Smith"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "trainee.txt")); string(b) != "Alex Smith\n" {
		t.Fatalf("trainee.txt holds %q", b)
	}
	if v, _ := st.Get(keyTrainee); v != "Alex Smith" {
		t.Fatalf("Get = %q", v)
	}
	at := time.Date(2026, 11, 23, 14, 5, 9, 0, time.UTC)
	var names []string
	for range 3 {
		name, w, err := createRecording(st, at, "cbt-depression", "Alex")
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("x\n"))
		w.Close()
		names = append(names, name)
	}
	want := []string{
		"2026-11-23T14-05-09_cbt-depression_alex.jsonl",
		"2026-11-23T14-05-09_cbt-depression_alex_02.jsonl",
		"2026-11-23T14-05-09_cbt-depression_alex_03.jsonl",
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("recording %d named %q, want %q", i, names[i], want[i])
		}
	}
	if _, err := st.CreateRecording(want[0]); !errors.Is(err, errExist) {
		t.Errorf("creating an existing recording: %v, want errExist", err)
	}
	w, err := st.AppendRecording(want[0])
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("y\n"))
	w.Close()
	if b, _ := st.ReadRecording(want[0]); string(b) != "x\ny\n" {
		t.Errorf("after appending: %q", b)
	}
	list, _ := st.Recordings()
	if !slices.Equal(list, want) {
		t.Errorf("Recordings = %v, want them in the order they were started: %v", list, want)
	}
	if newest := newestFirst(st); len(newest) == 0 || newest[0] != want[2] {
		t.Errorf("newest first: %v, want %s first", newest, want[2])
	}
	if got := st.Where(want[0]); got != filepath.Join(dir, "runs", want[0]) {
		t.Errorf("Where = %q", got)
	}
}
