package schema

import (
	"bytes"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// taploVersion is the version of the npm package @taplo/cli the tests run,
// as scripts/setup.sh installs it: in the user's cache folder, under
// therasim/taplo-VERSION.
const taploVersion = "0.7.0"

// taplo returns the path of Taplo's command line. Without it the test
// fails, unless npm itself is missing and the tests run with -short.
func taplo(t *testing.T) string {
	t.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(cache, "therasim", "taplo-"+taploVersion, "node_modules", ".bin", "taplo")
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	if _, err := exec.LookPath("npm"); err != nil && testing.Short() {
		t.Skip("npm is not installed, so neither is Taplo; scripts/setup.sh test installs both")
	}
	t.Fatalf("Taplo (@taplo/cli %s) is not installed in %s: run scripts/setup.sh test", taploVersion, filepath.Dir(bin))
	return ""
}

// lint runs taplo lint on files, with the given schema when it is not ""
// (else each file's #:schema line), and returns what it said and whether
// it found every file good.
func lint(t *testing.T, schema string, files ...string) (string, bool) {
	t.Helper()
	args := []string{"lint", "--colors", "never", "--no-auto-config"}
	if schema != "" {
		abs, err := filepath.Abs(schema)
		if err != nil {
			t.Fatal(err)
		}
		args = append(args, "--schema", (&url.URL{Scheme: "file", Path: abs}).String())
	}
	cmd := exec.Command(taplo(t), append(args, files...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("taplo: %v", err)
	}
	return out.String(), err == nil
}

// TestTaploShipped lints the shipped scenarios as an editor would: by the
// schema their first line names. Taplo must find nothing.
func TestTaploShipped(t *testing.T) {
	files, err := filepath.Glob("../../scenarios/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	var shipped []string
	for _, f := range files {
		if filepath.Base(f) == scenarios.ModelFile || !scenarios.IsScenarioName(filepath.Base(f)) {
			continue // the model is linted below; playthrough tests have no schema
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("#:schema ./scenario.schema.json\n")) {
			t.Errorf("%s does not start with #:schema ./scenario.schema.json, the line that gives editors the schema", f)
		}
		shipped = append(shipped, f)
	}
	if len(shipped) == 0 {
		t.Fatal("no shipped scenarios")
	}
	if out, ok := lint(t, "", shipped...); !ok {
		t.Errorf("Taplo finds problems in the shipped scenarios:\n%s", out)
	}

	model, err := Model()
	if err != nil {
		t.Fatal(err)
	}
	ms := filepath.Join(t.TempDir(), "model.schema.json")
	if err := os.WriteFile(ms, model, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, ok := lint(t, ms, "../../scenarios/"+scenarios.ModelFile); !ok {
		t.Errorf("Taplo finds problems in the shipped model:\n%s", out)
	}
}

// TestTaploFindsMistakes lints scenarios with one mistake each, by the
// schema their first line names (the shipped one): Taplo must flag each
// mistake at its line, and TheraSim must refuse each file too.
func TestTaploFindsMistakes(t *testing.T) {
	m, err := scenarios.Model()
	if err != nil {
		t.Fatal(err)
	}
	mistakes := []struct {
		file  string
		taplo []string // what Taplo's output must say
		check string   // what 'therasim check' says
	}{
		{"misspelt-key.toml", []string{"misspelt-key.toml:6:1", "'titel' was unexpected", `"title" is a required property`}, `unknown key "titel"`},
		{"misspelt-act.toml", []string{"misspelt-act.toml:42:7", `"empathic_reflexion" is not one of ["empathic_reflection",`}, `unknown act "empathic_reflexion"`},
		{"misspelt-rupture.toml", []string{"misspelt-rupture.toml:36:9", `"withdrawl" is not one of ["withdrawal","confrontation"]`}, `unknown rupture kind "withdrawl"`},
		{"out-of-range.toml", []string{"out-of-range.toml:11:13", "1.5 is greater than the maximum of 1"}, "reactance = 1.5 is outside 0 to 1"},
		{"wrong-kind.toml", []string{"wrong-kind.toml:18:8", `"0.3" is not of type "number"`}, `bond: want a number, found text "0.3"`},
	}
	good := filepath.Join("testdata", "good.toml")
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sim.Load(good, data, m); err != nil {
		t.Errorf("TheraSim refuses %s: %v", good, err)
	}
	if out, ok := lint(t, "", good); !ok {
		t.Errorf("Taplo refuses %s:\n%s", good, out)
	}

	// Taplo starts slowly: one run for all the files.
	var files []string
	for _, tc := range mistakes {
		f := filepath.Join("testdata", tc.file)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sim.Load(f, data, m); err == nil || !strings.Contains(err.Error(), tc.check) {
			t.Errorf("TheraSim says %v of %s, want %q", err, f, tc.check)
		}
		files = append(files, f)
	}
	out, ok := lint(t, "", files...)
	if ok {
		t.Errorf("Taplo finds no mistake in %v:\n%s", files, out)
	}
	for _, tc := range mistakes {
		for _, s := range tc.taplo {
			if !strings.Contains(out, s) {
				t.Errorf("Taplo does not say %q of %s", s, tc.file)
			}
		}
	}
	if t.Failed() {
		t.Logf("Taplo said:\n%s", out)
	}
}

// TestTaploAgrees lints every scenario and model in the repository's test
// data that TheraSim loads without a mistake: the schema must not refuse
// what TheraSim accepts.
func TestTaploAgrees(t *testing.T) {
	m, err := scenarios.Model()
	if err != nil {
		t.Fatal(err)
	}
	var scens, models []string
	err = filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "fuzz" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || filepath.Ext(path) != ".toml" || !strings.Contains(filepath.ToSlash(path), "/testdata/") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if sim.IsModel(data) {
			if _, err := sim.LoadModel(path, data); err == nil {
				models = append(models, path)
			}
			return nil
		}
		if _, err := sim.Load(path, data, m); err == nil {
			scens = append(scens, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(scens) < 5 {
		t.Fatalf("only %d scenarios in the test data load: %v", len(scens), scens)
	}
	t.Logf("%d scenarios and %d models that TheraSim loads", len(scens), len(models))
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		gen   func() ([]byte, error)
		files []string
	}{{"scenario", Scenario, scens}, {"model", Model, models}} {
		if len(tc.files) == 0 {
			continue
		}
		b, err := tc.gen()
		if err != nil {
			t.Fatal(err)
		}
		s := filepath.Join(dir, tc.name+".schema.json")
		if err := os.WriteFile(s, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, ok := lint(t, s, tc.files...); !ok {
			t.Errorf("the %s schema refuses what TheraSim loads:\n%s", tc.name, out)
		}
	}
}
