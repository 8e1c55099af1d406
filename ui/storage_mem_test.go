package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// TestMemStorage checks the storage in memory that the browser falls
// back on when it keeps nothing for the page.
func TestMemStorage(t *testing.T) {
	st := newMemStorage("nothing is kept")
	if v, err := st.Get(keyTrainee); v != "" || err != nil {
		t.Fatalf("Get of an unset key = %q, %v", v, err)
	}
	if err := st.Set(keyTrainee, "王芳"); err != nil {
		t.Fatal(err)
	}
	if v, _ := st.Get(keyTrainee); v != "王芳" {
		t.Errorf("Get = %q, want 王芳", v)
	}
	at := time.Date(2026, 11, 23, 14, 5, 9, 0, time.UTC)
	name, w, err := createRecording(st, at, "mini", "王芳")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("one\n"))
	w.Close()
	if _, err := st.CreateRecording(name); !errors.Is(err, errExist) {
		t.Errorf("creating %s again: %v, want errExist", name, err)
	}
	w, err = st.AppendRecording(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("two\n"))
	if b, _ := st.ReadRecording(name); string(b) != "one\ntwo\n" {
		t.Errorf("recording holds %q", b)
	}
	if names, _ := st.Recordings(); !slices.Equal(names, []string{name}) {
		t.Errorf("Recordings = %q", names)
	}
	if _, err := st.ReadRecording("nope.jsonl"); err == nil {
		t.Error("read a recording that does not exist")
	}
	if storageWarning(st) != "nothing is kept" {
		t.Errorf("storageWarning = %q", storageWarning(st))
	}
	if !strings.Contains(st.Where(name), "lost") {
		t.Errorf("Where = %q: it must say the run is lost with the page", st.Where(name))
	}
}

// TestPickerSaysNothingIsKept checks that the picker says so when the
// storage keeps nothing, and not otherwise, and that a course can still
// be played and recorded.
func TestPickerSaysNothingIsKept(t *testing.T) {
	if p := pickerOf(t, newTestApp(t, Options{})); p.layout().warn != nil {
		t.Error("the picker warns with storage that works")
	}
	a, err := newApp(Options{Dir: "testdata/dir"}, newMemStorage(noStorageForTest))
	if err != nil {
		t.Fatal(err)
	}
	a.begin()
	p := pickerOf(t, a)
	d := newDriver(t, a)
	d.idle(1)
	l := p.layout()
	if l.warn == nil || strings.Join(l.warn.lines, " ") != noStorageForTest {
		t.Fatalf("the picker's warning is %v, want %q", l.warn, noStorageForTest)
	}
	if top := l.list.Min.Y; top < l.warnY+l.warn.height {
		t.Errorf("the scenario list (top %d) overlaps the warning (bottom %d)", top, l.warnY+l.warn.height)
	}
	d.typeText("Sam")
	d.press(ebiten.KeyEnter)
	if a.course == nil {
		t.Fatal("did not start")
	}
	if rec := recordingLines(t, a); len(rec) != 1 {
		t.Errorf("recording has %d lines, want the header", len(rec))
	}
}

// noStorageForTest is a warning short enough to be one line.
const noStorageForTest = "Nothing is kept in this browser."
