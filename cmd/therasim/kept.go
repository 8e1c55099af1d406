package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/recfile"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// Kept copies: whoever creates a recording keeps, beside it, a copy of the
// exact scenario and model it is played with (package recfile), and a run
// is opened with them when the scenario's file has since changed in what
// the recorded choices do, or is gone (debrief.Resolve).

// keepSources keeps, for the recording at path, copies of the exact bytes
// sc and its model were loaded from.
func keepSources(path string, sc *sim.Scenario) error {
	data, err := sourceOf(sc)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if _, err := recfile.Keep(dir, recfile.KeptScenario, data); err != nil {
		return err
	}
	// The command line plays with the built-in model only.
	if model := scenarios.Embedded(sc.ModelHash); model != nil {
		if _, err := recfile.Keep(dir, recfile.KeptModel, model); err != nil {
			return err
		}
	}
	return nil
}

// sourceOf returns the bytes sc was loaded from: a shipped scenario's, or
// its file's, which must not have changed since it was loaded.
func sourceOf(sc *sim.Scenario) ([]byte, error) {
	if data := scenarios.Embedded(sc.Hash); data != nil {
		return data, nil
	}
	data, err := os.ReadFile(sc.File)
	if err != nil {
		return nil, fmt.Errorf("cannot keep a copy of the scenario: %w", err)
	}
	if err := recfile.Check(sc.File, sc.Hash, data); err != nil {
		return nil, fmt.Errorf("%s changed while it was opened: play it again", sc.File)
	}
	return data, nil
}

// openRecording reads the recording in path and finds the scenario to
// open it with: the one named in args, or else the shipped one with the
// recorded id, when it replays the recorded choices; else the copy kept
// beside the recording of the scenario as it was played (debrief.Resolve).
// hint gives the command to suggest when the scenario must be named and no
// copy is kept.
func (a *app) openRecording(m *sim.Model, path string, args []string, hint func(id string) string) (*sim.Recording, *debrief.Played, error) {
	rec, err := readRecordingFile(path)
	if err != nil {
		return nil, nil, err
	}
	ref := rec.Header.Scenario
	if len(args) > 0 {
		ref = args[0]
	}
	copies := debrief.KeptBeside(filepath.Dir(path))
	cur, _, err := scenarios.Open(m, ref)
	var nf *scenarios.NotFoundError
	if errors.Is(err, fs.ErrNotExist) || errors.As(err, &nf) {
		// The scenario is gone: the copy kept of it as it was played,
		// when there is one.
		p, kerr := debrief.Resolve(rec, nil, m, copies)
		if kerr == nil {
			p.Note = fmt.Sprintf("%s: %s", gone(ref, err), p.Note)
			return rec, p, nil
		}
		if !errors.Is(kerr, fs.ErrNotExist) {
			return nil, nil, failf("%s: %v; %w", path, err, kerr)
		}
	}
	if err != nil {
		// The reason, as the commands give it.
		_, err = a.openScenario(m, ref)
		var ee *exitError
		if len(args) == 0 && errors.As(err, &ee) && ee.code == exitUsage {
			return nil, nil, usagef("%s is a run of scenario %q, which does not come with TheraSim (and no copy of it is kept beside the recording): name its file, e.g. %s",
				path, rec.Header.Scenario, hint(rec.Header.Scenario))
		}
		return nil, nil, err
	}
	p, err := debrief.Resolve(rec, cur, m, copies)
	if err != nil {
		return nil, nil, failf("%s: %w", path, err)
	}
	return rec, p, nil
}

// gone says why the scenario ref cannot be used, from the error opening
// it: it is not found.
func gone(ref string, err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return ref + " is not found"
	}
	return fmt.Sprintf("scenario %q does not come with TheraSim", ref)
}

// keptNote writes, on w, the note of a run opened with a scenario other
// than the one it was played with, if any.
func keptNote(a *app, path string, p *debrief.Played) {
	if p.Note != "" {
		fmt.Fprintf(a.stderr, "therasim replay: %s: %s.\n", path, p.Note)
	}
}

// open reads and re-simulates each recording in files, finding its
// scenario among known (see replayRuns).
func (s *runSet) open(m *sim.Model, known []*sim.Scenario, files []string) {
	// Each run is opened with its scenario as it is now when that replays
	// it, else with the copy kept beside it of the scenario as it was
	// played (debrief.Resolve); the runs of one version alike.
	var recs []*sim.Recording
	var played []*debrief.Played
	var paths []string
	for _, path := range files {
		rec, err := readRecordingFile(path)
		if err != nil {
			s.bad = append(s.bad, err)
			continue
		}
		id := rec.Header.Scenario
		sc := debrief.FindScenario(known, id, rec.Header.SHA256)
		if sc == nil && s.pick != nil {
			s.other[id] = append(s.other[id], path)
			continue
		}
		p, err := debrief.Resolve(rec, sc, m, debrief.KeptBeside(filepath.Dir(path)))
		switch {
		case sc == nil && errors.Is(err, fs.ErrNotExist):
			s.lost[id] = append(s.lost[id], path)
			continue
		case err != nil:
			s.bad = append(s.bad, failf("%s cannot be replayed: %w", path, err))
			continue
		case sc == nil:
			p.Note = s.notFound(id) + ": " + p.Note
		}
		recs, played, paths = append(recs, rec), append(played, p), append(paths, path)
	}
	debrief.Alike(recs, played)
	for i, rec := range recs {
		d, err := debrief.Build(played[i].Scenario, rec)
		if err != nil {
			s.bad = append(s.bad, failf("%s cannot be replayed: %w", paths[i], err))
			continue
		}
		if n := played[i].Note; n != "" {
			s.notes[n] = append(s.notes[n], paths[i])
		}
		d.Path = paths[i]
		s.runs = append(s.runs, d)
	}
}

// notFound says that scenario id is not found where the runs' scenarios
// are looked for.
func (s *runSet) notFound(id string) string {
	if s.dir != "" {
		return fmt.Sprintf("scenario %q is neither in %s nor among those that come with TheraSim", id, s.dir)
	}
	return fmt.Sprintf("scenario %q does not come with TheraSim", id)
}
