// Package testdisplay gives the ui package's tests an X display on Linux
// when there is none, by starting a private Xvfb before Ebiten starts.
//
// Ebiten opens its window system connection while its packages are
// initialised, and on Linux it panics there when DISPLAY is unset. So a
// test binary that merely imports Ebiten cannot run on a machine without a
// display, not even for tests that never draw. Importing this package from
// a test file fixes that: Go initialises packages in dependency order and,
// among those ready, in import-path order, and this package depends on
// nothing but the runtime, syscall and os, so its init runs before
// Ebiten's. It starts Xvfb on a free display number, waits for it, and
// sets DISPLAY; Stop ends it. Where Xvfb is not installed it says so and
// leaves the environment alone.
package testdisplay
