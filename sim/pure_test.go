package sim_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPure holds the engine to what makes runs reproducible everywhere:
// no Ebiten (nor anything that imports it), no clock, no operating system,
// no global generator, no package-level variables, and the seeded
// generator in rng.go alone.
func TestPure(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	forbidden := map[string]string{
		"time":         "reads the clock",
		"math/rand":    "has a global generator",
		"math/rand/v2": "has a global generator",
		"os":           "does I/O",
		"net":          "does I/O",
		"syscall":      "does I/O",
		"unsafe":       "is unsafe",
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range file.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if why, ok := forbidden[path]; ok {
				t.Errorf("%s imports %q, which %s", f, path, why)
			}
			if strings.Contains(path, "ebiten") {
				t.Errorf("%s imports %q: the engine must not know the front end", f, path)
			}
			if path == "golang.org/x/exp/rand" && f != "rng.go" {
				t.Errorf("%s imports the generator; only rng.go may", f)
			}
		}
		full, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range full.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
				t.Errorf("%s: package-level var at %s: the engine keeps no globals", f, fset.Position(g.Pos()))
			}
		}
	}
	// That nothing sim imports imports Ebiten either is checked, for the
	// whole command line sim is part of, by cmd/therasim's TestHeadless.
}
