package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

var playCommand = &command{
	name:    "play",
	args:    "[--dir DIR] [--assess] [--trainee NAME] [SCENARIO | --watch FILE]",
	summary: "open the simulator's window",
	help: `Opens TheraSim's window: pick a scenario (the shipped ones, and any .toml
in --dir), enter your name and play the course with the mouse or the
keyboard. With SCENARIO (an id or a .toml file) it starts that scenario
directly, or selects it in the picker when your name is not known yet.
Every choice is recorded as you make it, into the folder runs in the user's
config folder (~/.config/therasim/runs on Linux); if the window closes
mid-course, the next start offers to resume where you were.

With --assess (assessment mode) no meters or numbers are shown until the
end: read the client from their words, cues and face, as in a real room.

With --watch FILE the window plays the scenario in FILE as you write it:
each time you save FILE, the scenario is loaded again and the choices
made so far are replayed on it, each at the option with the same id (or,
when no option has that id, the same text), as far as they are still
offered: the window says where a choice no longer is, and you go on from
there. A save with
mistakes shows them, as 'therasim check' does, along the bottom of the
window until a save fixes them; the last good version plays on
meanwhile. Each reload starts a new recording of the run, its replayed
choices first, so that every recording is of one version of the
scenario; the one before is kept as it was.

The window is the program therasim-play, installed beside therasim ('make
build' builds both). 'therasim' with no command does the same as
'therasim play'. Without a display (a server, a batch job), use
'therasim run' to play in the terminal.

Examples:
  therasim play
  therasim play cbt-depression --assess
  therasim play --dir ~/my-scenarios
  therasim play --watch my-scenario.toml
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		dir := fs.String("dir", "", "also offer the scenario .toml files in `DIR`")
		assess := fs.Bool("assess", false, "assessment mode: no meters or numbers until the end")
		trainee := fs.String("trainee", "", "the trainee's `NAME` (default: the one remembered)")
		watch := fs.String("watch", "", "play the scenario in `FILE` and reload it whenever it is saved, replaying your choices so far")
		return func(args []string) error {
			if len(args) > 1 {
				return usagef("play opens one scenario; %d were named", len(args))
			}
			if *watch != "" {
				if len(args) == 1 && args[0] != *watch {
					return usagef("--watch names the scenario to play; leave out %s", args[0])
				}
				if !isPath(*watch) {
					return usagef("--watch %s: give the path of the .toml file you are writing", *watch)
				}
				args = []string{"--watch", *watch}
			}
			var pass []string
			if *dir != "" {
				pass = append(pass, "--dir", *dir)
			}
			if *assess {
				pass = append(pass, "--assess")
			}
			if *trainee != "" {
				pass = append(pass, "--trainee", *trainee)
			}
			return a.window(append(pass, args...))
		}
	},
}

// startDefault is what "therasim" with no arguments does: open the window
// on the scenario picker.
func (a *app) startDefault() error { return a.window(nil) }

// window runs therasim-play with args and waits for it.
func (a *app) window(args []string) error {
	if runtime.GOOS == "linux" && a.getenv("DISPLAY") == "" && a.getenv("WAYLAND_DISPLAY") == "" {
		return failf("there is no display to open a window on (DISPLAY is not set).\n" +
			"Play in the terminal with 'therasim run cbt-depression', or connect with a desktop (ssh -X).")
	}
	bin, err := findPlayer()
	if err != nil {
		return failf("%v", err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, a.stdout, a.stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return silent(ee.ExitCode())
		}
		return fmt.Errorf("starting the window: %w", err)
	}
	return nil
}

// findPlayer finds therasim-play beside this program, or on the PATH.
func findPlayer() (string, error) {
	name := "therasim-play"
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	return "", errors.New("the window, therasim-play, is not installed beside therasim or on the PATH.\n" +
		"Build both with 'make build' (or: go build -o bin/ ./cmd/...), or open it directly with 'go run ./cmd/therasim-play'")
}
