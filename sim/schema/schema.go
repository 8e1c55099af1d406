// Package schema describes the scenario format for editors. It builds a
// JSON Schema of a scenario file, and of the model file, from the Go types
// TheraSim reads them into (sim.FormatTypes), with the help that
// docs/format.md gives for every key. An editor that reads JSON Schema for
// TOML (Taplo, and VS Code's Even Better TOML, which runs it) then
// completes keys and acts, shows each key's help on hover and flags an
// unknown key or a value of the wrong kind while the author types.
//
// The schema says what the file may hold; only 'therasim check' says
// whether the scenario makes sense (that every next names a beat, that
// expressions compile, that every beat can be reached).
package schema

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/therasim/therasim/sim"
)

// Scenario returns the JSON Schema of a scenario file, indented, ending
// in a newline.
func Scenario() ([]byte, error) {
	sc, _ := sim.FormatTypes()
	s, err := build(sc, scenarioRoot)
	if err != nil {
		return nil, err
	}
	return encode(s)
}

// Model returns the JSON Schema of the model file (scenarios/model.toml,
// or one an instructor tunes), indented, ending in a newline.
func Model() ([]byte, error) {
	_, m := sim.FormatTypes()
	s, err := build(m, modelRoot)
	if err != nil {
		return nil, err
	}
	return encode(s)
}

// A root says what a file is: its title and description and what it must
// hold, where that differs between a scenario and the model.
type root struct {
	title, description string
	required           map[string][]string // by TOML path, as in the required table
}

// build reflects the file type v into a schema and gives every key its
// help, its closed set of values and its limits.
func build(v any, rt root) (*jsonschema.Schema, error) {
	var unknown []string
	r := &jsonschema.Reflector{
		FieldNameTag:               "toml",
		RequiredFromJSONSchemaTags: true, // nothing is required unless the required table says so
		DoNotReference:             true, // one tree, so that a key's help can depend on where it is
		ExpandedStruct:             true,
		Anonymous:                  true,
		Mapper: func(t reflect.Type) *jsonschema.Schema {
			if !reflect.PointerTo(t).Implements(unmarshaler) {
				return nil
			}
			if f, ok := custom[t.Name()]; ok {
				return f()
			}
			unknown = append(unknown, t.String())
			return &jsonschema.Schema{}
		},
	}
	s := r.Reflect(v)
	if len(unknown) > 0 {
		return nil, fmt.Errorf("schema: no schema for the value types %s, which sim reads in its own way", strings.Join(unknown, ", "))
	}
	walk(s, "", func(path string, s *jsonschema.Schema, item bool) {
		if !item {
			s.Description = help[path]
		}
		switch s.Type {
		case "object":
			constrainTable(path, s, rt)
		case "number", "integer":
			if l, ok := limits[path]; ok {
				s.Minimum = json.Number(fmt.Sprint(l.lo))
				if l.hi > l.lo {
					s.Maximum = json.Number(fmt.Sprint(l.hi))
				}
			}
		case "string":
			s.Pattern = patterns[path]
			closedSet(path, s)
		case "array":
			if s.Items.Type == "string" {
				closedSet(path, s.Items)
			}
		}
	})
	s.Title, s.Description = rt.title, rt.description
	return s, nil
}

// constrainTable says which keys the table at path must have (and so
// starts with in an editor) and, for a spread of the population, that it
// needs a mean or an sd.
func constrainTable(path string, s *jsonschema.Schema, rt root) {
	req, ok := rt.required[path]
	if !ok {
		req = required[path]
	}
	if len(req) == 1 && req[0] == everyKey {
		req = nil
		for p := s.Properties.Oldest(); p != nil; p = p.Next() {
			req = append(req, p.Key)
		}
	}
	s.Required = req
	// A new table in an editor starts with the keys it needs, but not
	// with the tables under it.
	var init []string
	for _, k := range req {
		if s.Properties == nil {
			break // a table of names an author chooses
		}
		if p, ok := s.Properties.Get(k); ok && p.Type != "object" && p.Type != "array" {
			init = append(init, k)
		}
	}
	if len(init) > 0 && path != "" {
		ext(s)["initKeys"] = init
	}
	if strings.HasPrefix(path, "population.") {
		one := uint64(1)
		s.MinProperties = &one
	}
}

// closedSet limits the text at path to its closed set of values, if it
// has one, and gives Taplo the meaning of each.
func closedSet(path string, s *jsonschema.Schema) {
	vals, ok := enums[path]
	if !ok {
		return
	}
	meanings := make([]string, len(vals))
	for i, v := range vals {
		s.Enum = append(s.Enum, v.value)
		meanings[i] = v.meaning
	}
	ext(s)["docs"] = map[string]any{"enumValues": meanings}
}

// walk calls f on s and every table and value under it, with the TOML
// path of its key: "sessions.beats.options.act" for an option's act,
// "variables.*" for any key of the variables table. The tables of a list
// have the path of the list, with item true.
func walk(s *jsonschema.Schema, path string, f func(path string, s *jsonschema.Schema, item bool)) {
	walkItem(s, path, false, f)
}

func walkItem(s *jsonschema.Schema, path string, item bool, f func(string, *jsonschema.Schema, bool)) {
	f(path, s, item)
	if s.Properties != nil {
		for p := s.Properties.Oldest(); p != nil; p = p.Next() {
			walkItem(p.Value, join(path, p.Key), false, f)
		}
	}
	if s.Type == "array" && s.Items != nil && s.Items.Type == "object" {
		walkItem(s.Items, path, true, f)
	}
	if s.AdditionalProperties != nil && s.AdditionalProperties != jsonschema.FalseSchema {
		walkItem(s.AdditionalProperties, join(path, "*"), false, f)
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// undocumented returns the paths of the keys in s that have no help.
func undocumented(s *jsonschema.Schema) []string {
	var out []string
	walk(s, "", func(path string, s *jsonschema.Schema, item bool) {
		if path != "" && !item && help[path] == "" {
			out = append(out, path)
		}
	})
	return out
}

// ext returns the x-taplo extension of s, the help Taplo shows beyond the
// description: the meaning of each value of a closed set, the keys a new
// table starts with.
func ext(s *jsonschema.Schema) map[string]any {
	if s.Extras == nil {
		s.Extras = map[string]any{}
	}
	x, ok := s.Extras["x-taplo"].(map[string]any)
	if !ok {
		x = map[string]any{}
		s.Extras["x-taplo"] = x
	}
	return x
}

// unmarshaler is what a type sim reads in its own way implements.
var unmarshaler = reflect.TypeOf((*interface{ UnmarshalTOML(any) error })(nil)).Elem()

// custom gives the schema of each type sim reads in its own way, by the
// type's name in sim (recognised from the reflected field types, as the
// types are sim's own). A new such type without an entry here makes
// build fail.
var custom = map[string]func() *jsonschema.Schema{
	// amount: a change to a state variable, or a severity.
	"amount": func() *jsonschema.Schema {
		return &jsonschema.Schema{AnyOf: []*jsonschema.Schema{
			{Type: "number", Description: "A number."},
			{Type: "string", Description: "An expression in quotes."},
		}}
	},
	// startValue: a variable's value before the first session.
	"startValue": func() *jsonschema.Schema {
		return &jsonschema.Schema{AnyOf: []*jsonschema.Schema{
			{Type: "boolean", Description: "true or false: a flag."},
			{Type: "number", Description: "A number: a counter."},
		}}
	},
	// setValue: what a set table gives a variable.
	"setValue": func() *jsonschema.Schema {
		return &jsonschema.Schema{AnyOf: []*jsonschema.Schema{
			{Type: "boolean", Description: "true or false, for a flag."},
			{Type: "number", Description: "A number, for a counter."},
			{Type: "string", Description: `An expression in quotes, e.g. "times_asked + 1".`},
		}}
	},
}

// encode writes s as indented JSON, with <, > and & as themselves (they
// are common in the help's conditions) rather than escaped.
func encode(s *jsonschema.Schema) ([]byte, error) {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	out := strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(b))
	return []byte(out + "\n"), nil
}
