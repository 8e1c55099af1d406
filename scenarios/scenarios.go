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
	"slices"
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
// sorted by id, each laid over the one it extends.
func Policies() ([]*sim.Policy, error) {
	names, err := fs.Glob(files, "policies/*.toml")
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*sim.Policy)
	var ids []string
	for _, n := range names {
		data, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		p, err := sim.LoadPolicy("scenarios/"+n, data)
		if err != nil {
			return nil, err
		}
		if q, ok := byID[p.ID]; ok {
			return nil, fmt.Errorf("%s and %s are both policy %q: give each shipped policy an id of its own", q.File, p.File, p.ID)
		}
		byID[p.ID] = p
		ids = append(ids, p.ID)
	}
	sort.Strings(ids)
	out := make([]*sim.Policy, len(ids))
	done := make(map[string]*sim.Policy)
	for i, id := range ids {
		p, err := resolve(byID[id], byID, done, nil)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// resolve lays p over the shipped policy it extends, that one first over
// its own; done keeps the policies resolved, and on is the chain of
// policies being resolved, which a loop would come back to.
func resolve(p *sim.Policy, shipped, done map[string]*sim.Policy, on []string) (*sim.Policy, error) {
	if q, ok := done[p.ID]; ok {
		return q, nil
	}
	if p.Extends == "" {
		done[p.ID] = p
		return p, nil
	}
	base, ok := shipped[p.Extends]
	if !ok {
		return nil, unknownBase(p, shipped)
	}
	on = append(on, p.ID)
	if slices.Contains(on, base.ID) {
		return nil, sim.Problems{{File: p.File, Pos: p.ExtendsAt, Key: "policy.extends",
			Msg: fmt.Sprintf("extends = %q: the policies extend each other in a loop (%s → %s): one of them must give its own scores rather than extend another",
				p.Extends, strings.Join(on, " → "), base.ID)}}
	}
	b, err := resolve(base, shipped, done, on)
	if err != nil {
		return nil, err
	}
	q := p.Over(b)
	done[p.ID] = q
	return q, nil
}

// unknownBase is the mistake of a policy that extends no shipped policy.
func unknownBase(p *sim.Policy, shipped map[string]*sim.Policy) error {
	var ids []string
	for id := range shipped {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	hint := ""
	if near := sim.Suggest(p.Extends, ids); near != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", near)
	}
	return sim.Problems{{File: p.File, Pos: p.ExtendsAt, Key: "policy.extends",
		Msg: fmt.Sprintf("extends = %q: there is no shipped policy of that id%s: extend one of %s", p.Extends, hint, strings.Join(ids, ", "))}}
}

// LoadPolicy reads a policy file, as sim.LoadPolicy does, and lays it over
// the shipped policy it extends, if any. name is used in messages; the
// error, if any, is sim.Problems.
func LoadPolicy(name string, data []byte) (*sim.Policy, error) {
	p, err := sim.LoadPolicy(name, data)
	if err != nil || p.Extends == "" {
		return p, err
	}
	all, err := Policies()
	if err != nil {
		return nil, err
	}
	shipped := make(map[string]*sim.Policy, len(all))
	for _, s := range all {
		shipped[s.ID] = s
	}
	base, ok := shipped[p.Extends]
	if !ok {
		return nil, unknownBase(p, shipped)
	}
	return p.Over(base), nil
}

// OpenPolicy loads a policy by reference: a path to a .toml file, or the id
// of a shipped policy. A file that extends a shipped policy is laid over it.
func OpenPolicy(ref string) (*sim.Policy, error) {
	if strings.HasSuffix(ref, ".toml") || strings.ContainsRune(ref, '/') || strings.ContainsRune(ref, filepath.Separator) {
		data, err := os.ReadFile(ref)
		if err != nil {
			return nil, err
		}
		return LoadPolicy(ref, data)
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
