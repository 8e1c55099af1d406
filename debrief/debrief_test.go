package debrief_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// Build re-simulates exactly what sim.Replay does, and keeps every event:
// the events before the first choice, then each moment's, are the run's.
func TestBuildIsTheReplay(t *testing.T) {
	sc := scenariotest.Shipped(t)
	for _, tc := range []struct {
		policy string
		seed   uint64
		upto   int
	}{{"competent", 3, -1}, {"novice", 3, -1}, {"random", 11, -1}, {"competent", 5, 6}} {
		data := record(t, sc, tc.policy, "Ana", tc.seed, tc.upto)
		rec, err := sim.ParseRecording(data)
		if err != nil {
			t.Fatal(err)
		}
		run, err := sim.Replay(sc, rec)
		if err != nil {
			t.Fatal(err)
		}
		d := build(t, sc, data)
		if len(d.Moments) != len(rec.Choices) || len(d.Timeline) != len(rec.Choices)+1 {
			t.Fatalf("%d moments and %d points for %d choices", len(d.Moments), len(d.Timeline), len(rec.Choices))
		}
		if d.Done != run.Done() || d.Result != run.Result() || d.Header != rec.Header {
			t.Errorf("%s seed %d: done %v result %+v, want %v %+v", tc.policy, tc.seed, d.Done, d.Result, run.Done(), run.Result())
		}
		all := run.Events()
		first := 0
		for all[first].Kind != sim.Choice {
			first++
		}
		got := append([]sim.Event(nil), all[:first]...)
		for i, m := range d.Moments {
			c := rec.Choices[i]
			if m.N != c.N || m.Session != c.Session || m.Beat != c.Beat || m.Chosen != c.Option || m.Offer().Act != c.Act {
				t.Errorf("moment %d is %+v, recorded %+v", i+1, m, c)
			}
			if m.Changes[0].Kind != sim.Choice || m.Changes[0].Option != m.Chosen {
				t.Errorf("moment %d does not start with its choice", m.N)
			}
			if len(m.Offers) == 0 || (m.Inner == "" && len(m.Lines) == 0) {
				t.Errorf("moment %d lacks the client's side or the options", m.N)
			}
			got = append(got, m.Changes...)
		}
		if !reflect.DeepEqual(got, all) {
			t.Errorf("%s seed %d: the moments' events are not the run's", tc.policy, tc.seed)
		}
		if last, st := d.Timeline[len(d.Timeline)-1], run.State(); last.Alliance != st.Alliance() {
			t.Errorf("the timeline ends at alliance %v, the run at %v", last.Alliance, st.Alliance())
		}
		if d.Marks[0].Kind != debrief.MarkSession || d.Marks[0].Choice != 0 {
			t.Errorf("the first mark is %+v, want the first session's start", d.Marks[0])
		}
	}
}

func TestBuildRefuses(t *testing.T) {
	sc := scenariotest.Shipped(t)
	data := record(t, sc, "competent", "Ana", 3, -1)
	lines := strings.SplitAfter(string(data), "\n")
	i := strings.Index(lines[3], `"fingerprint":"`) + len(`"fingerprint":"`)
	flip := "0"
	if lines[3][i] == '0' {
		flip = "1"
	}
	lines[3] = lines[3][:i] + flip + lines[3][i+1:]
	rec, err := sim.ParseRecording([]byte(strings.Join(lines, "")))
	if err != nil {
		t.Fatal(err)
	}
	_, err = debrief.Build(sc, rec)
	var me *sim.MismatchError
	if !errors.As(err, &me) || me.Choice != 3 {
		t.Errorf("a wrong fingerprint at choice 3: %v", err)
	}
	rec, _ = sim.ParseRecording(data)
	rec.Header.Scenario = "another"
	if _, err := debrief.Build(sc, rec); err == nil || !strings.Contains(err.Error(), `"another"`) {
		t.Errorf("a run of another scenario: %v", err)
	}
}

// A what if shares the first k-1 choices with the run it branches from,
// takes the other option at k, and plays on; the recording is unchanged.
func TestWhatIf(t *testing.T) {
	sc := scenariotest.Shipped(t)
	data := record(t, sc, "novice", "Ana", 3, -1)
	before := string(data)
	d := build(t, sc, data)
	pol := scenariotest.Policy(t, "competent")
	branched := 0
	for k := 1; k <= len(d.Moments); k++ {
		orig := d.Moments[k-1]
		for _, o := range orig.Offers {
			if o.Number == orig.Chosen {
				if _, _, err := debrief.WhatIf(d, k, o.Number, pol); err == nil {
					t.Errorf("choice %d: a what if with the recorded option", k)
				}
				continue
			}
			b, run, err := debrief.WhatIf(d, k, o.Number, pol)
			if err != nil {
				t.Fatalf("choice %d option %d: %v", k, o.Number, err)
			}
			branched++
			if !reflect.DeepEqual(b.Moments[:k-1], d.Moments[:k-1]) || !reflect.DeepEqual(b.Timeline[:k], d.Timeline[:k]) {
				t.Fatalf("choice %d: the branch does not share the first %d choices", k, k-1)
			}
			if b.Moments[k-1].Chosen != o.Number || b.Branch != k || !b.Done || !run.Done() {
				t.Fatalf("choice %d: the branch chose %d (branch %d, done %v)", k, b.Moments[k-1].Chosen, b.Branch, b.Done)
			}
			if got := debrief.Diverges(d, b); got != k {
				t.Fatalf("Diverges = %d, want %d", got, k)
			}
			if len(b.Timeline) != len(b.Moments)+1 {
				t.Fatalf("branch: %d points for %d moments", len(b.Timeline), len(b.Moments))
			}
		}
	}
	if branched == 0 {
		t.Fatal("no what if was tried")
	}
	if debrief.Diverges(d, d) != 0 {
		t.Error("a run diverges from itself")
	}
	if string(data) != before {
		t.Error("the recording changed")
	}

	// By hand: the branch stops after choice k, and goes on with Choose.
	k := 2
	alt := 1
	if d.Moments[k-1].Chosen == 1 {
		alt = 2
	}
	b, run, err := debrief.WhatIf(d, k, alt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Moments) != k || run.Prompt() == nil {
		t.Fatalf("by hand: %d moments, want %d, and a prompt", len(b.Moments), k)
	}
	if err := b.Choose(run, 1); err != nil {
		t.Fatal(err)
	}
	if len(b.Moments) != k+1 || len(b.Timeline) != k+2 || b.Moments[k].N != k+1 {
		t.Fatalf("after a choice by hand: %d moments, %d points", len(b.Moments), len(b.Timeline))
	}
}

func TestAddNote(t *testing.T) {
	sc := scenariotest.Shipped(t)
	data := record(t, sc, "competent", "Ana", 3, -1)
	path := filepath.Join(t.TempDir(), "ana.jsonl")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	rec, err := debrief.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	n := len(rec.Choices)
	notes := []sim.Note{
		{Choice: 0, Author: "Dr Lee", Time: "2026-01-13T09:00:00Z", Text: "Watch how the bond grows after the repair."},
		{Choice: 3, Author: "Dr Lee", Text: "Here: owning the misstep."},
		{Choice: n, Text: "The last choice."},
		{Choice: 3, Text: "A second note on choice 3."},
	}
	for _, nt := range notes {
		if err := debrief.AddNote(path, nt); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []int{n + 1, -1} {
		if err := debrief.AddNote(path, sim.Note{Choice: c, Text: "beyond"}); err == nil {
			t.Errorf("a note about choice %d of %d was taken", c, n)
		}
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(after), string(data)) {
		t.Fatal("adding notes changed the recorded lines")
	}
	if got := strings.Count(string(after[len(data):]), `"type":"note"`); got != len(notes) {
		t.Fatalf("%d note lines appended, want %d", got, len(notes))
	}
	// Reloaded, the notes are where they were put, and replay checks the
	// same choices with the same result.
	d, err := debrief.Open(path, sc)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Notes) != 1 || d.Notes[0].Text != notes[0].Text || d.Notes[0].Author != "Dr Lee" || d.Notes[0].Type != "note" {
		t.Errorf("run notes %+v", d.Notes)
	}
	if m := d.Moments[2]; len(m.Notes) != 2 || m.Notes[0].Text != notes[1].Text || m.Notes[1].Text != notes[3].Text {
		t.Errorf("notes on choice 3: %+v", m.Notes)
	}
	if len(d.Moments[n-1].Notes) != 1 || len(d.AllNotes()) != len(notes) {
		t.Errorf("notes on the last choice %+v; all %d", d.Moments[n-1].Notes, len(d.AllNotes()))
	}
	plain := build(t, sc, data)
	if d.Result != plain.Result || !reflect.DeepEqual(d.Timeline, plain.Timeline) {
		t.Error("notes changed the replay")
	}
	annotated, _ := debrief.Read(path)
	if !reflect.DeepEqual(annotated.Choices, rec.Choices) {
		t.Error("the choices read back differ")
	}
	r1, err1 := sim.Replay(sc, rec)
	r2, err2 := sim.Replay(sc, annotated)
	if err1 != nil || err2 != nil || r1.Fingerprint() != r2.Fingerprint() {
		t.Errorf("replay with notes: %v %v", err1, err2)
	}
	if err := debrief.AddNote(filepath.Join(t.TempDir(), "none.jsonl"), notes[0]); err == nil {
		t.Error("a note to a missing file was taken")
	}
}

func TestClass(t *testing.T) {
	sc := scenariotest.Shipped(t)
	var ds []*debrief.Debrief
	for i, p := range []string{"competent", "novice", "random", "no-homework", "competent", "novice"} {
		ds = append(ds, build(t, sc, record(t, sc, p, p, uint64(i+1), -1)))
	}
	c, err := debrief.BuildClass(sc, ds)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Points) == 0 || c.Points[0].Reached() != len(ds) || c.Points[0].Session != 1 {
		t.Fatalf("the first choice point %+v; all runs begin there", c.Points[0])
	}
	// Every choice of every run is counted once at its point (a beat a run
	// came to twice counts once).
	type key struct {
		s int
		b string
	}
	visits := map[key]int{}
	for _, d := range ds {
		seen := map[key]bool{}
		for _, m := range d.Moments {
			k := key{m.Session, m.Beat}
			if !seen[k] {
				seen[k] = true
				visits[k]++
			}
		}
	}
	last := 0
	for _, p := range c.Points {
		if p.Session < last {
			t.Errorf("point %d/%s out of course order", p.Session, p.Beat)
		}
		last = p.Session
		if got, want := p.Reached(), visits[key{p.Session, p.Beat}]; got < want {
			t.Errorf("point %d/%s reached by %d, want at least %d", p.Session, p.Beat, got, want)
		}
		for _, o := range p.Options {
			if o.Trainees > 0 && (o.Alliance <= 0 || o.Alliance > 1) {
				t.Errorf("option %q: mean alliance %v", o.Text, o.Alliance)
			}
			done := 0
			for _, n := range o.Outcomes {
				done += n
			}
			if done > o.Trainees || o.Dropped > o.Trainees {
				t.Errorf("option %q: %d outcomes, %d dropped of %d runs", o.Text, done, o.Dropped, o.Trainees)
			}
		}
	}
	var sb strings.Builder
	if err := debrief.WriteClassText(&sb, c); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sb.String(), "6 runs") || !strings.Contains(sb.String(), "Session 1") {
		t.Errorf("class table:\n%s", sb.String())
	}

	// A run built with another version of the scenario (the header names
	// the version played; one built with a revision that replays it is of
	// the revision).
	other := *ds[0]
	version := *sc
	version.Hash = strings.Repeat("1", 64)
	other.Header.SHA256, other.Scenario = version.Hash, &version
	other.Path = "elsewhere.jsonl"
	if _, err := debrief.BuildClass(sc, append(ds, &other)); err == nil || !strings.Contains(err.Error(), "elsewhere.jsonl") {
		t.Errorf("a run of another scenario version: %v", err)
	}
}
