package ui

import (
	"os"
	"testing"

	"github.com/therasim/therasim/ui/internal/testdisplay"
)

func TestMain(m *testing.M) {
	code := runTests(m)
	testdisplay.Stop()
	os.Exit(code)
}
