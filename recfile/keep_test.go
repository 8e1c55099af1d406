package recfile_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/therasim/therasim/recfile"
)

func sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// TestKeep: a copy is kept under its hash, once; read back only with the
// bytes it was kept with; a damaged copy is refused, saying so, and kept
// again whole by the next Keep.
func TestKeep(t *testing.T) {
	dir := t.TempDir()
	scen := []byte("[scenario]\nid = \"x\"\r\n")
	model := []byte("[week]\n")
	for _, tc := range []struct {
		kind string
		data []byte
		name string
	}{
		{recfile.KeptScenario, scen, sum(scen) + ".toml"},
		{recfile.KeptModel, model, sum(model) + ".model.toml"},
	} {
		for range 2 { // the second Keep finds the copy and leaves it
			hash, err := recfile.Keep(dir, tc.kind, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if hash != sum(tc.data) {
				t.Errorf("Keep returned %s, want %s", hash, sum(tc.data))
			}
		}
		path := filepath.Join(dir, "kept", tc.name)
		if p := recfile.KeptPath(dir, tc.kind, sum(tc.data)); p != path {
			t.Errorf("KeptPath = %s, want %s", p, path)
		}
		if b, err := os.ReadFile(path); err != nil || string(b) != string(tc.data) {
			t.Errorf("%s holds %q, %v", path, b, err)
		}
		if b, err := recfile.Kept(dir, tc.kind, sum(tc.data)); err != nil || string(b) != string(tc.data) {
			t.Errorf("Kept = %q, %v", b, err)
		}
	}
	if des, _ := os.ReadDir(filepath.Join(dir, "kept")); len(des) != 2 {
		t.Errorf("the kept folder holds %d files, want the 2 copies and nothing left over", len(des))
	}

	// A copy changed by hand is refused, and kept again by the next Keep.
	path := recfile.KeptPath(dir, recfile.KeptScenario, sum(scen))
	if err := os.WriteFile(path, []byte("[scenario]\nid = \"y\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := recfile.Kept(dir, recfile.KeptScenario, sum(scen))
	if !errors.Is(err, recfile.ErrDamaged) {
		t.Errorf("a damaged copy: %v, want ErrDamaged", err)
	}
	if _, err := recfile.Keep(dir, recfile.KeptScenario, scen); err != nil {
		t.Fatal(err)
	}
	if b, err := recfile.Kept(dir, recfile.KeptScenario, sum(scen)); err != nil || string(b) != string(scen) {
		t.Errorf("after keeping it again: %q, %v", b, err)
	}

	for _, tc := range []struct{ name, kind, hash string }{
		{"not kept", recfile.KeptScenario, sum([]byte("other"))},
		{"a model's hash asked as a scenario's", recfile.KeptScenario, sum(model)},
		{"not a hash", recfile.KeptScenario, "../../etc/passwd"},
		{"a hash of capitals", recfile.KeptScenario, "A" + sum(scen)[1:]},
	} {
		if _, err := recfile.Kept(dir, tc.kind, tc.hash); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: %v, want fs.ErrNotExist", tc.name, err)
		}
	}
	if _, err := recfile.Keep(dir, ".txt", scen); err == nil {
		t.Error("Keep of an unknown kind succeeded")
	}
}
