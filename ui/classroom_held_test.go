package ui

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/sim"
)

// TestClassRestoresLostChoices: a browser that crashed lost the last
// choices of its copy of a run (and how many were acknowledged), which
// the class server holds; opened again, the page takes them back before
// the resume prompt, so that the run resumes where the trainee was and
// goes on being sent.
func TestClassRestoresLostChoices(t *testing.T) {
	srv, hs := classServer(t)
	st := newMemStorage("")
	st.Set(keyTrainee, "Alex Smith")
	st.Set(keyClassCode, srv.Code())
	a := newClassApp(t, hs, st)
	d := newDriver(t, a)
	d.press(ebiten.KeyEnter)
	if a.course == nil {
		t.Fatalf("no course: %q", a.class.said)
	}
	for range 5 {
		d.step(careful, true)
	}
	name := a.course.name
	waitFor(t, func() bool {
		s, _ := a.class.sync.status(name)
		return s.choices >= 5 && s.acked == s.choices
	})
	a.class.stop()
	whole := append([]byte(nil), st.runs[name]...)
	rec, err := sim.ParseRecording(whole)
	if err != nil {
		t.Fatal(err)
	}
	n := len(rec.Choices)

	// The crash: the copy keeps its header and two choices.
	lines := bytes.SplitAfter(whole, []byte("\n"))
	st.runs[name] = bytes.Join(lines[:3], nil)
	st.Set(keyAcked+name, "")

	b := newClassApp(t, hs, st)
	copied, _ := b.class.store.ReadRecording(name)
	got, err := sim.ParseRecording(copied)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Choices) != n || !bytes.Equal(copied, whole) {
		t.Fatalf("opened again, the copy has %d choices, want the %d the server holds, as they were", len(got.Choices), n)
	}
	if v, _ := b.class.store.Get(keyAcked + name); v != strconv.Itoa(n) {
		t.Errorf("acknowledged: %q, want %d", v, n)
	}
	if _, ok := b.screen.(*resumeScreen); !ok {
		t.Fatalf("opened again, the page shows %T, want the resume prompt", b.screen)
	}

	// A copy that is not the start of the server's is left as it is.
	forged := bytes.Replace(bytes.Join(lines[:3], nil), []byte(`"option":`), []byte(`"option":9`), 1)
	b.class.stop()
	st.runs[name] = forged
	c := newClassApp(t, hs, st)
	if copied, _ := c.class.store.ReadRecording(name); !bytes.Equal(copied, forged) {
		t.Error("a copy that parts from the server's was changed")
	}
}
