// Package testenv holds what TheraSim's tests ask of the machine they run
// on, as the standard library's internal/testenv does for Go's own: the go
// command and Go's own files, and which tests are too slow for -short.
package testenv

import (
	"path/filepath"
	"runtime"
	"testing"
)

// SkipShort skips a slow test in -short mode, saying why it is slow.
func SkipShort(t testing.TB, why string) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipped in -short mode: " + why)
	}
}

// GoTool returns the path of the go command of the Go that runs the tests.
func GoTool() string { return GoRoot("bin", "go") }

// GoRoot returns the path of a file of the Go installation that runs the
// tests, such as GoRoot("lib", "wasm", "wasm_exec.js").
func GoRoot(elem ...string) string {
	return filepath.Join(append([]string{runtime.GOROOT()}, elem...)...)
}
