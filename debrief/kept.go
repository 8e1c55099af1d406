package debrief

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/therasim/therasim/recfile"
	"github.com/therasim/therasim/sim"
)

// Copies finds the copies kept of the scenarios and models runs were
// played with (package recfile): it returns the bytes of the copy of the
// kind (recfile.KeptScenario or recfile.KeptModel) whose SHA-256 is hash,
// and where that copy is kept, in words for an instructor. The error wraps
// fs.ErrNotExist when no copy is kept.
type Copies func(kind, hash string) (data []byte, where string, err error)

// KeptBeside returns the copies kept for the recordings in the folder dir,
// in its folder recfile.KeptDir.
func KeptBeside(dir string) Copies {
	return func(kind, hash string) ([]byte, string, error) {
		data, err := recfile.Kept(dir, kind, hash)
		return data, recfile.KeptPath(dir, kind, hash), err
	}
}

// Played is the scenario a recording is opened with.
type Played struct {
	Scenario *sim.Scenario
	// Kept is where the copy of the scenario kept when the run was
	// recorded was read from, when the run is opened with it; "" when it
	// is opened with the scenario as it is now.
	Kept string
	// Note says in a line, when the scenario or the model has changed
	// since the run was recorded, which was used and why; "" when they
	// are the very ones.
	Note string
}

// Resolve returns the scenario to open the recording rec with. cur is the
// scenario with the recorded id as it is now, or nil when there is none
// (its file was deleted, or is not among those offered); m is the model
// it was loaded with, or the built-in one; copies finds the copies kept
// when the run was recorded, and may be nil.
//
// The scenario as it is now is used when it is the very one the run was
// played with, or when it replays the recorded choices exactly (the Note
// then says that the text changed, in nothing the choices do); otherwise
// the copy kept of the scenario as it was played, loaded with the model as
// it was (the Note names the first choice that now differs). With no
// scenario now, the copy alone; with neither, the error wraps
// fs.ErrNotExist. When the scenario now differs in what a choice does and
// no copy was kept (a run recorded before copies were kept), cur is
// returned, and replaying with it says where it differs. A cur of another
// id is returned as it is, for the replay to refuse.
func Resolve(rec *sim.Recording, cur *sim.Scenario, m *sim.Model, copies Copies) (*Played, error) {
	h := rec.Header
	if cur != nil && (cur.ID != h.Scenario || cur.Hash == h.SHA256 && cur.ModelHash == h.Model) {
		return &Played{Scenario: cur}, nil
	}
	var differs error // why cur does not replay the run
	if cur != nil {
		_, err := sim.Replay(cur, rec)
		if err == nil {
			return &Played{Scenario: cur, Note: rec.Revised(cur) + ", in nothing the recorded choices do"}, nil
		}
		differs = err
	}
	kept, where, err := keptScenario(rec, m, copies)
	switch {
	case err == nil:
	case cur != nil && errors.Is(err, fs.ErrNotExist):
		return &Played{Scenario: cur}, nil
	case cur != nil:
		return nil, fmt.Errorf("%w; and the copy of the scenario as it was played cannot be used: %w", differs, err)
	default:
		return nil, err
	}
	if cur != nil && kept.Hash == cur.Hash && kept.ModelHash == cur.ModelHash {
		return &Played{Scenario: cur}, nil // the copy is no other than cur
	}
	p := &Played{Scenario: kept, Kept: where}
	on := playedOn(h.Started)
	if differs == nil {
		p.Note = fmt.Sprintf("the run is opened with the scenario as it was played%s, kept in %s", on, where)
		return p, nil
	}
	p.Note = fmt.Sprintf("%s: the run is opened with the scenario as it was played%s, kept in %s", nowDiffers(differs), on, where)
	return p, nil
}

// keptScenario loads the copy kept of the scenario rec was played with,
// with the model it was played with (the copy kept of it, or m when it is
// the same or none was kept), and says where the copy is.
func keptScenario(rec *sim.Recording, m *sim.Model, copies Copies) (*sim.Scenario, string, error) {
	h := rec.Header
	if copies == nil {
		return nil, "", fmt.Errorf("no copy of scenario %q as it was played is kept: %w", h.Scenario, fs.ErrNotExist)
	}
	data, where, err := copies(recfile.KeptScenario, h.SHA256)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", fmt.Errorf("no copy of scenario %q as it was played is kept (%s): %w", h.Scenario, where, fs.ErrNotExist)
	}
	if err != nil {
		return nil, "", err
	}
	if m == nil || m.Hash() != h.Model {
		mdata, mwhere, err := copies(recfile.KeptModel, h.Model)
		switch {
		case err == nil:
			if m, err = sim.LoadModel(mwhere, mdata); err != nil {
				return nil, "", fmt.Errorf("the copy of the model as it was played does not load: %w", err)
			}
		case m == nil:
			return nil, "", fmt.Errorf("no copy of the model as it was played is kept: %w", err)
		case !errors.Is(err, fs.ErrNotExist):
			return nil, "", err
		}
	}
	sc, err := sim.Load(where, data, m)
	if err != nil {
		return nil, "", fmt.Errorf("the copy of the scenario as it was played does not load with this TheraSim: %w", err)
	}
	return sc, where, nil
}

// nowDiffers says which recorded choice the scenario as it is now plays
// differently, from the error of its replay.
func nowDiffers(err error) string {
	var me *sim.MismatchError
	if !errors.As(err, &me) {
		return "the scenario as it is now does not replay the run (" + err.Error() + ")"
	}
	what := "gives a different state"
	switch me.What {
	case "moment":
		what = "comes at another moment"
	case "act":
		what = "is another act"
	case "option":
		what = "is an option no longer offered"
	case "course":
		what = "comes after the course has ended"
	}
	return fmt.Sprintf("choice %d now %s", me.Choice, what)
}

// playedOn is " on 14 March 2026" for a run started then, or "" when the
// start is not known.
func playedOn(started string) string {
	t, err := time.Parse(time.RFC3339, started)
	if err != nil {
		return ""
	}
	return " on " + t.Format("2 January 2006")
}

// Alike opens the runs of one version of a scenario alike, for a class
// view: when one run of a version is opened with the copy kept of it (the
// scenario's file now plays one of its choices differently), the others
// of that version are opened with that copy too, rather than with the file
// as it is now, so that one class view shows them all. played[i] is what
// Resolve returned for recs[i]; Alike changes them in place.
func Alike(recs []*sim.Recording, played []*Played) {
	type version struct{ id, scenario, model string }
	kept := map[version]*Played{}
	for i, p := range played {
		h := recs[i].Header
		if p != nil && p.Kept != "" && kept[version{h.Scenario, h.SHA256, h.Model}] == nil {
			kept[version{h.Scenario, h.SHA256, h.Model}] = p
		}
	}
	for i, p := range played {
		h := recs[i].Header
		k := kept[version{h.Scenario, h.SHA256, h.Model}]
		if p == nil || k == nil || p.Kept != "" || p.Scenario.ID != h.Scenario ||
			p.Scenario.Hash == h.SHA256 && p.Scenario.ModelHash == h.Model {
			continue
		}
		*p = Played{Scenario: k.Scenario, Kept: k.Kept,
			Note: fmt.Sprintf("the run is opened with the scenario as it was played%s, kept in %s, as other runs of that version are (the scenario's file now plays some of their choices differently)",
				playedOn(h.Started), k.Kept)}
	}
}

// FindScenario returns the scenario with id among known for a run recorded
// with the scenario file whose SHA-256 is hash: the first of that very
// version if there is one, else the first of that id (a revision, which
// replays the run if it changes nothing the recorded choices do; Resolve
// decides), else nil.
func FindScenario(known []*sim.Scenario, id, hash string) *sim.Scenario {
	var same *sim.Scenario
	for _, sc := range known {
		if sc.ID != id {
			continue
		}
		if sc.Hash == hash {
			return sc
		}
		if same == nil {
			same = sc
		}
	}
	return same
}
