package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestSchema(t *testing.T) {
	shipped, err := os.ReadFile("../../scenarios/scenario.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		args  []string
		code  int
		title string // of the schema printed
	}{
		{name: "scenario", args: []string{"schema"}, title: "TheraSim scenario"},
		{name: "model", args: []string{"schema", "--model"}, title: "TheraSim model"},
		{name: "an argument", args: []string{"schema", "my.toml"}, code: exitUsage},
		{name: "unknown flag", args: []string{"schema", "--scenario"}, code: exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := therasim(t, "", tc.args...)
			r.want(t, tc.code)
			if tc.code != exitOK {
				if r.stdout != "" {
					t.Errorf("a usage error printed a schema:\n%.200s", r.stdout)
				}
				return
			}
			var s struct{ Title string }
			if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if s.Title != tc.title {
				t.Errorf("title %q, want %q", s.Title, tc.title)
			}
			if tc.name == "scenario" && r.stdout != string(shipped) {
				t.Error("therasim schema differs from scenarios/scenario.schema.json (go test ./sim/schema -update rewrites it)")
			}
		})
	}
}

// TestSchemaDirective checks that a scenario whose first line names its
// schema for editors checks and runs as before: the line is a comment.
func TestSchemaDirective(t *testing.T) {
	data, err := os.ReadFile("testdata/mini.toml")
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "mini.toml")
	if err := os.WriteFile(f, append([]byte("#:schema ./scenario.schema.json\n"), data...), 0o644); err != nil {
		t.Fatal(err)
	}
	r := therasim(t, "", "check", f)
	r.want(t, exitOK)
	if r.stderr != "" {
		t.Errorf("check complained of the directive:\n%s", r.stderr)
	}
	want := therasim(t, "", "run", "--seed", "42", "--choices", "2,1,1", "testdata/mini.toml")
	r = therasim(t, "", "run", "--seed", "42", "--choices", "2,1,1", f)
	r.want(t, exitOK)
	if r.stdout != want.stdout {
		t.Errorf("the run differs with the directive:\n%s\nwithout:\n%s", r.stdout, want.stdout)
	}
}
