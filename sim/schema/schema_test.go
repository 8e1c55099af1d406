package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/invopop/jsonschema"

	"github.com/therasim/therasim/sim"
)

var update = flag.Bool("update", false, "rewrite scenarios/scenario.schema.json")

// shippedSchema is the schema the shipped scenarios name in their first
// line, relative to this package.
const shippedSchema = "../../scenarios/scenario.schema.json"

// TestShippedSchema keeps scenarios/scenario.schema.json what the types
// and the help make it (-update rewrites it).
func TestShippedSchema(t *testing.T) {
	got, err := Scenario()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(shippedSchema, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(shippedSchema)
	if err != nil {
		t.Fatalf("%v (go test ./sim/schema -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: go test ./sim/schema -update rewrites it", shippedSchema)
	}
}

// schemas returns the scenario's schema and the model's, built.
func schemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	sc, m := sim.FormatTypes()
	out := make(map[string]*jsonschema.Schema)
	for name, v := range map[string]struct {
		v  any
		rt root
	}{"scenario": {sc, scenarioRoot}, "model": {m, modelRoot}} {
		s, err := build(v.v, v.rt)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = s
	}
	return out
}

// paths returns every TOML path of the keys in s.
func paths(s *jsonschema.Schema) map[string]bool {
	out := make(map[string]bool)
	walk(s, "", func(path string, _ *jsonschema.Schema, _ bool) { out[path] = true })
	return out
}

// TestEveryKeyHasHelp fails for a key of the format, now or added later,
// that an editor would show without help.
func TestEveryKeyHasHelp(t *testing.T) {
	for name, s := range schemas(t) {
		for _, p := range undocumented(s) {
			t.Errorf("%s key %s has no help: add it to help in help.go, after docs/format.md", name, p)
		}
	}
}

// TestTablesNameKeys fails for an entry of the tables in help.go that
// names no key of the format (a typo, or a key since removed): it would
// be silently ignored.
func TestTablesNameKeys(t *testing.T) {
	all := make(map[string]bool)
	for _, s := range schemas(t) {
		for p := range paths(s) {
			all[p] = true
		}
	}
	tables := map[string][]string{"help": keys(help), "required": keys(required), "limits": keys(limits),
		"patterns": keys(patterns), "enums": keys(enums)}
	for _, rt := range []root{scenarioRoot, modelRoot} {
		tables["a root's required"] = append(tables["a root's required"], keys(rt.required)...)
	}
	for table, ps := range tables {
		for _, p := range ps {
			if !all[p] {
				t.Errorf("%s names %q, which is no key of the format", table, p)
			}
		}
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestSchemaShape checks, in the schema's own JSON, what editors rely on.
func TestSchemaShape(t *testing.T) {
	b, err := Scenario()
	if err != nil {
		t.Fatal(err)
	}
	var s any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	const (
		beat   = "properties/sessions/items/properties/beats/items/"
		option = beat + "properties/options/items/"
	)
	for _, tc := range []struct {
		name string
		path string // JSON names, or a list's index, by /
		want any
	}{
		{"unknown keys are refused", "additionalProperties", false},
		{"in every table", option + "properties/attrs/additionalProperties", false},
		{"TOML key names", "properties/events/items/properties/after_session/type", "integer"},
		{"the embedded moment is flattened", beat + "properties/opens/enum", []any{"withdrawal", "confrontation"}},
		{"an act is one of the vocabulary", option + "properties/act/enum/0", string(sim.Acts()[0])},
		{"an option needs text, act and next", option + "required", []any{"text", "act", "next"}},
		{"an amount is a number or an expression", option + "properties/effects/properties/bond/anyOf/1/type", "string"},
		{"a variable starts true or false", "properties/variables/additionalProperties/anyOf/0/type", "boolean"},
		{"a set value may be an expression", option + "properties/set/additionalProperties/anyOf/2/type", "string"},
		{"homework words are a table of kinds", "properties/homework_words/additionalProperties/required", []any{"full", "partial", "none"}},
		{"help on hover", "properties/client/properties/name/description", help["client.name"]},
		{"a trait is 0 to 1", "properties/client/properties/traits/properties/support/maximum", 1.0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := s
			for _, p := range strings.Split(tc.path, "/") {
				switch x := v.(type) {
				case map[string]any:
					v = x[p]
				case []any:
					i, err := strconv.Atoi(p)
					if err != nil || i >= len(x) {
						t.Fatalf("no %s in the schema", tc.path)
					}
					v = x[i]
				default:
					t.Fatalf("no %s in the schema", tc.path)
				}
			}
			if !reflect.DeepEqual(v, tc.want) {
				t.Errorf("%s = %#v, want %#v", tc.path, v, tc.want)
			}
		})
	}
}

// TestActs keeps the meanings an editor shows for the acts complete.
func TestActs(t *testing.T) {
	for _, a := range sim.Acts() {
		if actMeanings[a] == "" {
			t.Errorf("act %s has no meaning in actMeanings (help.go), after docs/format.md", a)
		}
	}
	if len(actMeanings) != len(sim.Acts()) {
		t.Errorf("actMeanings has %d acts, the vocabulary %d", len(actMeanings), len(sim.Acts()))
	}
}

// odd is a value sim would read in its own way, unknown to this package.
type odd struct{}

func (*odd) UnmarshalTOML(any) error { return nil }

// TestUnknownValueType fails the build of a schema for a type holding a
// value read in its own way that the package has no schema for, rather
// than describing it as a table.
func TestUnknownValueType(t *testing.T) {
	_, err := build(struct {
		X odd `toml:"x"`
	}{}, scenarioRoot)
	if err == nil || !strings.Contains(err.Error(), "schema.odd") {
		t.Errorf("err = %v, want one naming schema.odd", err)
	}
}
