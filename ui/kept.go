package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/recfile"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// Kept copies: a run recorded here keeps, in the storage beside the
// recordings, a copy of the exact scenario and model it is played with
// (package recfile), and the debrief and the class view open a run with
// them when its scenario's file has since changed in what the recorded
// choices do, or is gone (debrief.Resolve).

// keepSources keeps in st copies of the bytes the scenario of e and its
// model were loaded from.
func keepSources(st storage, e *entry) error {
	data := scenarios.Embedded(e.sc.Hash)
	if data == nil && e.data != nil {
		data = e.data // a class's scenario, which has no file here
	}
	if data == nil {
		var err error
		if data, err = os.ReadFile(e.path); err != nil {
			return err
		}
		if err := recfile.Check(e.path, e.sc.Hash, data); err != nil {
			return fmt.Errorf("%s has changed since it was opened: choose it again in the list", e.path)
		}
	}
	if err := st.Keep(recfile.KeptScenario, data); err != nil {
		return err
	}
	if model := scenarios.Embedded(e.sc.ModelHash); model != nil {
		return st.Keep(recfile.KeptModel, model)
	}
	return nil
}

// opening is a recording to open: its name, its bytes and where the
// copies kept of its scenario are.
type opening struct {
	name   string
	data   []byte
	copies debrief.Copies
}

// openRuns reads and re-simulates recordings for the debrief or the class
// view. Each is opened with the offered scenario of the recorded id (and
// the same hash when there is one) when that replays it, else with the
// copy kept of the scenario as it was played, the runs of one version
// alike (debrief.Resolve, debrief.Alike). It returns the debriefs of those
// that replay, why each of the others was refused, and notes that say
// which were opened with a scenario other than the one they were played
// with.
func (a *app) openRuns(ops []opening) (runs []*debrief.Debrief, left, notes []string) {
	var recs []*sim.Recording
	var played []*debrief.Played
	var names []string
	for _, op := range ops {
		rec, err := sim.ParseRecording(op.data)
		if err != nil {
			left = append(left, fmt.Sprintf("%s: %v", op.name, err))
			continue
		}
		var cur *sim.Scenario
		if e := a.findEntry(rec.Header.Scenario, rec.Header.SHA256); e != nil {
			cur = e.sc
		}
		p, err := debrief.Resolve(rec, cur, a.model, op.copies)
		switch {
		case cur == nil && errors.Is(err, fs.ErrNotExist):
			left = append(left, fmt.Sprintf("%s: the run is of scenario %q, which is not among those offered (name its folder with --dir)", op.name, rec.Header.Scenario))
			continue
		case err != nil:
			left = append(left, fmt.Sprintf("%s: %v", op.name, err))
			continue
		case cur == nil:
			p.Note = fmt.Sprintf("scenario %q is not among those offered: %s", rec.Header.Scenario, p.Note)
		}
		recs, played, names = append(recs, rec), append(played, p), append(names, op.name)
	}
	debrief.Alike(recs, played)
	for i, rec := range recs {
		d, err := debrief.Build(played[i].Scenario, rec)
		if err != nil {
			left = append(left, fmt.Sprintf("%s: %v", names[i], err))
			continue
		}
		if n := played[i].Note; n != "" {
			notes = append(notes, n)
		}
		runs = append(runs, d)
	}
	return runs, left, notes
}

// keptNotice is what the window says of runs opened with a scenario other
// than the one they were played with, or "".
func keptNotice(notes []string) string {
	switch len(notes) {
	case 0:
		return ""
	case 1:
		n := notes[0]
		return strings.ToUpper(n[:1]) + n[1:] + "."
	}
	return fmt.Sprintf("%d of these runs were played with another version of their scenario: each is opened with the version that replays it exactly ('therasim replay --class' says which).", len(notes))
}
