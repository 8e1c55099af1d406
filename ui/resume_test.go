package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// playSome starts the shipped course in dir and makes n choices through
// the UI, then "closes the window".
func playSome(t *testing.T, dir string, n int, assess bool) string {
	t.Helper()
	a := newTestApp(t, Options{Scenario: "cbt-depression", Trainee: "Alex", DataDir: dir, Assess: assess})
	d := newDriver(t, a)
	for made := 0; made < n; {
		s := d.session()
		d.press(ebiten.KeySpace)
		if s.parting {
			d.press(ebiten.KeyEnter)
			continue
		}
		before := len(a.course.run.Events())
		d.press(digitKey(careful(s.prompt)))
		if len(a.course.run.Events()) > before {
			made++
		}
		for {
			if _, ok := a.screen.(*weekScreen); !ok {
				break
			}
			if made == n {
				break
			}
			d.press(ebiten.KeyEnter)
		}
	}
	fp := a.course.run.Fingerprint()
	a.endCourse()
	return fp
}

func TestResume(t *testing.T) {
	dir := t.TempDir()
	fp := playSome(t, dir, 5, false)
	a := newTestApp(t, Options{DataDir: dir})
	rs, ok := a.screen.(*resumeScreen)
	if !ok {
		t.Fatalf("screen %T, want the resume prompt", a.screen)
	}
	if rs.rc.err != nil {
		t.Fatal(rs.rc.err)
	}
	d := newDriver(t, a)
	d.press(ebiten.KeyEnter)
	if a.course == nil || a.course.run.Fingerprint() != fp {
		t.Fatal("resumed to a different state")
	}
	d.session()
	// Two more choices go on to the same file, which replays whole.
	d.step(careful, true)
	d.step(careful, true)
	a.endCourse()
	replayAll(t, dir, 7)
}

// replayAll replays the newest recording in dir and checks its length.
func replayAll(t *testing.T, dir string, choices int) *sim.Run {
	t.Helper()
	st, _ := newFileStorage(dir)
	names := newestFirst(st)
	data, err := st.ReadRecording(names[0])
	if err != nil {
		t.Fatal(err)
	}
	rec, err := sim.ParseRecording(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Choices) != choices {
		t.Fatalf("recording holds %d choices, want %d", len(rec.Choices), choices)
	}
	run, err := sim.Replay(scenariotest.Shipped(t), rec)
	if err != nil {
		t.Fatalf("replay: %v", err)
	}
	return run
}

// Closing the window on the week screen resumes on the week screen.
func TestResumeAtTheWeek(t *testing.T) {
	dir := t.TempDir()
	a := newTestApp(t, Options{Scenario: "cbt-depression", Trainee: "Alex", DataDir: dir})
	d := newDriver(t, a)
	d.playUntil(careful, d.onScreen(&weekScreen{}))
	want := a.screen.(*weekScreen).rep.session
	a.endCourse()
	b := newTestApp(t, Options{DataDir: dir})
	newDriver(t, b).press(ebiten.KeyEnter)
	w, ok := b.screen.(*weekScreen)
	if !ok {
		t.Fatalf("resumed on %T, want the week", b.screen)
	}
	if w.rep.session != want {
		t.Errorf("resumed on the week after session %d, want %d", w.rep.session, want)
	}
}

func TestResumeOffer(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, dir string)
		offered bool
		broken  bool
	}{
		{"nothing recorded", func(t *testing.T, dir string) {}, false, false},
		{"unfinished", func(t *testing.T, dir string) { playSome(t, dir, 3, false) }, true, false},
		{"finished", func(t *testing.T, dir string) {
			a := newTestApp(t, Options{Scenario: "cbt-depression", Trainee: "Alex", DataDir: dir})
			d := newDriver(t, a)
			d.playUntil(careful, d.onScreen(&endScreen{}))
		}, false, false},
		{"declined before", func(t *testing.T, dir string) {
			playSome(t, dir, 3, false)
			a := newTestApp(t, Options{DataDir: dir})
			newDriver(t, a).click(center(a.screen.(*resumeScreen).layout().buttons[1]))
		}, false, false},
		{"damaged", func(t *testing.T, dir string) {
			playSome(t, dir, 3, false)
			names, _ := filepath.Glob(filepath.Join(dir, "runs", "*.jsonl"))
			f, _ := os.OpenFile(names[0], os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString(`{"type":"choice","n":4,`)
			f.Close()
		}, true, true},
		{"scenario changed in what the choices do", func(t *testing.T, dir string) {
			playSome(t, dir, 3, false)
			flipAfter(t, dir, `"fingerprint":"`)
		}, true, true},
		{"scenario's text revised", func(t *testing.T, dir string) {
			playSome(t, dir, 3, false)
			flipAfter(t, dir, `"scenario_sha256":"`)
		}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.prepare(t, dir)
			a := newTestApp(t, Options{DataDir: dir})
			rs, ok := a.screen.(*resumeScreen)
			if ok != tt.offered {
				t.Fatalf("screen %T: offered = %v, want %v", a.screen, ok, tt.offered)
			}
			if !ok {
				return
			}
			if (rs.rc.err != nil) != tt.broken {
				t.Fatalf("err = %v, want broken %v", rs.rc.err, tt.broken)
			}
			if tt.broken {
				// Continue leads to the picker and does not offer it again.
				newDriver(t, a).press(ebiten.KeyEnter)
				pickerOf(t, a)
				b := newTestApp(t, Options{DataDir: dir})
				pickerOf(t, b)
			}
		})
	}
}

func TestResumeKeepsAssessment(t *testing.T) {
	dir := t.TempDir()
	playSome(t, dir, 2, true)
	a := newTestApp(t, Options{DataDir: dir})
	newDriver(t, a).press(ebiten.KeyEnter)
	if a.course == nil || !a.course.assess {
		t.Fatal("a run recorded in assessment mode resumed without it")
	}
}

// flipAfter changes the first character after key in the recording in
// dir/runs.
func flipAfter(t *testing.T, dir, key string) {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "runs", "*.jsonl"))
	b, err := os.ReadFile(names[0])
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(b), key) + len(key)
	if b[i] == '0' {
		b[i] = '1'
	} else {
		b[i] = '0'
	}
	if err := os.WriteFile(names[0], b, 0o644); err != nil {
		t.Fatal(err)
	}
}
