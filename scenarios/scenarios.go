// Package scenarios holds the scenarios that ship with TheraSim and the
// default process model they run on, embedded in the binary, and loads
// scenarios from files an instructor writes.
package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/therasim/therasim/sim"
)

// Default is the id of the scenario the simulator opens on.
const Default = "cbt-depression"

// ModelFile is the name of the default model among the embedded files.
const ModelFile = "model.toml"

//go:embed *.toml policies/*.toml
var files embed.FS

// Model loads the default process model.
func Model() (*sim.Model, error) {
	data, err := files.ReadFile(ModelFile)
	if err != nil {
		return nil, err
	}
	return sim.LoadModel("scenarios/"+ModelFile, data)
}

// Shipped loads every shipped scenario, sorted by id.
func Shipped(m *sim.Model) ([]*sim.Scenario, error) {
	all, err := shipped(m)
	if err != nil {
		return nil, err
	}
	out := make([]*sim.Scenario, len(all))
	for i, s := range all {
		out[i] = s.sc
	}
	return out, nil
}

// source is a shipped scenario and the bytes it was loaded from.
type source struct {
	sc   *sim.Scenario
	data []byte
}

// loaded keeps the shipped scenarios loaded for each model, so that a
// command that names a shipped scenario more than once (by id, then to list
// or verify) compiles it once: a Scenario is immutable, so all may share it.
var loaded sync.Map // *sim.Model -> func() ([]source, error)

// shipped returns every shipped scenario, sorted by id, loaded once per
// model.
func shipped(m *sim.Model) ([]source, error) {
	f, _ := loaded.LoadOrStore(m, sync.OnceValues(func() ([]source, error) { return loadShipped(m) }))
	return f.(func() ([]source, error))()
}

// loadShipped loads every shipped scenario, sorted by id.
func loadShipped(m *sim.Model) ([]source, error) {
	names, err := fs.Glob(files, "*.toml")
	if err != nil {
		return nil, err
	}
	var out []source
	for _, n := range names {
		if n == ModelFile || !IsScenarioName(n) {
			continue
		}
		data, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		sc, err := sim.Load("scenarios/"+n, data, m)
		if err != nil {
			return nil, err
		}
		out = append(out, source{sc, data})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].sc.ID < out[j].sc.ID })
	return out, nil
}

// IsScenarioName reports whether a file of a scenarios folder, by its name,
// can be a scenario: a .toml file that is not a playthrough test
// (NAME.test.toml, package playtest). A model file is told by its content
// (sim.IsModel).
func IsScenarioName(name string) bool {
	return strings.HasSuffix(name, ".toml") && !strings.HasSuffix(name, ".test.toml")
}

// A File is a scenario file of a folder: the scenario, or why it does not
// load.
type File struct {
	Path     string
	Scenario *sim.Scenario
	// Data is what the file held; Err is why it could not be read or
	// loaded (sim.Problems for mistakes).
	Data []byte
	Err  error
}

// Dir loads the scenarios in the .toml files of dir, in the order of their
// names, as the window's --dir offers them: model files and playthrough
// tests are not scenarios, and are left out. The error is for a folder
// that cannot be read.
func Dir(m *sim.Model, dir string) ([]File, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []File
	for _, e := range entries {
		if e.IsDir() || !IsScenarioName(e.Name()) {
			continue
		}
		f := File{Path: filepath.Join(dir, e.Name())}
		f.Data, f.Err = os.ReadFile(f.Path)
		if f.Err == nil {
			if sim.IsModel(f.Data) {
				continue
			}
			f.Scenario, f.Err = sim.Load(f.Path, f.Data, m)
		}
		out = append(out, f)
	}
	return out, nil
}

// Open loads a scenario by reference: a path to a .toml file, or the id of
// a shipped scenario. It returns the scenario and the bytes it was loaded
// from.
func Open(m *sim.Model, ref string) (*sim.Scenario, []byte, error) {
	if strings.HasSuffix(ref, ".toml") || strings.ContainsRune(ref, filepath.Separator) || strings.ContainsRune(ref, '/') {
		data, err := os.ReadFile(ref)
		if err != nil {
			return nil, nil, err
		}
		sc, err := sim.Load(ref, data, m)
		return sc, data, err
	}
	all, err := shipped(m)
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	for _, s := range all {
		if s.sc.ID == ref {
			return s.sc, s.data, nil
		}
		ids = append(ids, s.sc.ID)
	}
	return nil, nil, &NotFoundError{ID: ref, Known: ids}
}

// NotFoundError is Open's error for a reference that is neither a file nor
// the id of a shipped scenario.
type NotFoundError struct {
	ID    string
	Known []string // the shipped ids
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no scenario %q: give a shipped id (%s) or a path to a .toml file", e.ID, strings.Join(e.Known, ", "))
}

// Policies loads the shipped policies (how a simulated therapist chooses),
// sorted by id.
func Policies() ([]*sim.Policy, error) {
	names, err := fs.Glob(files, "policies/*.toml")
	if err != nil {
		return nil, err
	}
	var out []*sim.Policy
	for _, n := range names {
		data, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		p, err := sim.LoadPolicy("scenarios/"+n, data)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// OpenPolicy loads a policy by reference: a path to a .toml file, or the id
// of a shipped policy.
func OpenPolicy(ref string) (*sim.Policy, error) {
	if strings.HasSuffix(ref, ".toml") || strings.ContainsRune(ref, '/') || strings.ContainsRune(ref, filepath.Separator) {
		data, err := os.ReadFile(ref)
		if err != nil {
			return nil, err
		}
		return sim.LoadPolicy(ref, data)
	}
	all, err := Policies()
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, p := range all {
		if p.ID == ref {
			return p, nil
		}
		ids = append(ids, p.ID)
	}
	return nil, fmt.Errorf("no policy %q: give a shipped id (%s) or a path to a .toml file", ref, strings.Join(ids, ", "))
}
