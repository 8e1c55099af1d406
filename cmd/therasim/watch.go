package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/therasim/therasim/internal/watch"
	"github.com/therasim/therasim/sim"
)

// "therasim run --watch FILE" plays FILE as its author writes it: each save
// reloads the scenario and replays the choices made so far (package
// watch). The keyboard is read on a goroutine of its own, so that a save
// is taken while the trainee is being asked; the player's goroutine takes
// both, one at a time, from channels.

// errSaved is readAnswer's error when the watched scenario was saved while
// an answer was awaited: the loop reloads it and asks again.
var errSaved = errors.New("the scenario was saved")

// A follower is what "therasim run --watch" keeps: the file, the model it
// loads on, the watcher and the lines read from the keyboard.
type follower struct {
	path  string
	model *sim.Model
	w     *watch.Watcher
	lines chan typed
	done  chan struct{}
	// bad: the file's mistakes are shown, and the last good version
	// plays on until a save fixes them.
	bad bool
	// warned is the warnings last printed: a save that leaves them as
	// they were does not print them again.
	warned string
	// gone: the file was deleted, moved or renamed, and has not been
	// saved again; the last version plays on.
	gone bool
}

// typed is one line read from the keyboard, or why none could be.
type typed struct {
	line string
	err  error
}

// watchArgs checks the flags that go with --watch and returns the
// scenario to play: the file it names.
func (o *playOptions) watchArgs(args []string) ([]string, error) {
	if o.watch == "" {
		return args, nil
	}
	switch {
	case o.resume != "":
		return nil, usagef("--watch plays a scenario as you write it; it cannot continue a recording (--resume)")
	case o.record != "":
		return nil, usagef("--watch runs are not recorded: each save changes the scenario the run plays, so no one version could replay it; record the finished scenario with --record")
	case o.json:
		return nil, usagef("--watch shows the transcript; it cannot be used with --json")
	case len(args) == 1 && args[0] != o.watch:
		return nil, usagef("--watch names the scenario to play; leave out %s", args[0])
	case !isPath(o.watch):
		return nil, usagef("--watch %s: give the path of the .toml file you are writing", o.watch)
	}
	return []string{o.watch}, nil
}

// follow starts watching path for saves, and reading the keyboard on a
// goroutine. When the file has mistakes it shows them and waits for a
// save that fixes them (or q, or the end of the input).
func (pl *player) follow(m *sim.Model, path string) error {
	if err := notScenario(path); err != nil {
		return err
	}
	w, err := watch.New(0, path)
	if err != nil {
		return err
	}
	f := &follower{path: path, model: m, w: w, lines: make(chan typed), done: make(chan struct{})}
	pl.following = f
	go func() {
		for {
			line, err := pl.a.readLine()
			select {
			case f.lines <- typed{line, err}:
			case <-f.done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	for {
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("cannot read the scenario %s: %w", path, unwrapPath(err))
		}
		sc, err := sim.Load(path, data, m)
		if err == nil {
			f.warned = sc.Review().Error()
			return nil
		}
		pl.a.printProblems(path, err)
		fmt.Fprintf(pl.a.stderr, "%s has mistakes (above): waiting for a save that fixes them; type q to stop.\n", path)
	wait:
		for {
			select {
			case _, ok := <-w.C:
				if !ok {
					return errors.New("internal error: the watch of the scenario stopped")
				}
				break wait
			case t := <-f.lines:
				if t.err != nil || strings.EqualFold(t.line, "q") || strings.EqualFold(t.line, "quit") {
					return failf("%s has mistakes (above); it cannot be played until they are fixed", path)
				}
			}
		}
	}
}

// unfollow stops watching and reading the keyboard.
func (pl *player) unfollow() {
	if f := pl.following; f != nil {
		close(f.done)
		f.w.Close()
	}
}

// readAnswer reads a line from the keyboard; when the scenario is watched
// it returns errSaved instead if it is saved first.
func (pl *player) readAnswer() (string, error) {
	f := pl.following
	if f == nil {
		return pl.a.readLine()
	}
	select {
	case t := <-f.lines:
		return t.line, t.err
	case <-f.w.C:
		return "", errSaved
	}
}

// reload loads the watched scenario again after a save. A good version
// replaces the run with one of the new version from the same seed, the
// choices made so far replayed on it, up to the first no longer offered;
// one with mistakes has them shown, and the run plays on as it was.
func (pl *player) reload() error {
	f := pl.following
	data, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		// Deleted or moved away (an editor that deletes the file to write
		// it anew does so within the moment the watcher waits, and this
		// is not seen): its creation will be the save.
		if !f.gone {
			fmt.Fprintf(pl.a.stderr, "%s is gone (deleted, moved or renamed): the last version plays on, and the file is loaded again when it is back.\n", f.path)
			f.gone = true
		}
		return nil
	}
	if err != nil {
		fmt.Fprintf(pl.a.stderr, "%s: cannot read: %v\n", f.path, unwrapPath(err))
		return nil
	}
	back := f.gone
	f.gone = false
	old := pl.run
	sc, err := sim.Load(f.path, data, f.model)
	if err != nil {
		pl.a.printProblems(f.path, err)
		fmt.Fprintf(pl.a.stderr, "%s has mistakes (above): the last good version plays on until they are fixed.\n", f.path)
		f.bad = true
		return nil
	}
	if sc.Hash == old.Scenario().Hash && !f.bad {
		if back {
			fmt.Fprintf(pl.a.stderr, "%s is back, as it was: the run goes on.\n", f.path)
		}
		return nil // saved unchanged
	}
	f.bad = false
	if w := sc.Review(); w.Error() != f.warned {
		pl.a.printProblems(f.path, w)
		f.warned = w.Error()
	}
	past, err := watch.Choices(old)
	if err != nil {
		return err
	}
	run := sim.NewRun(sc, old.Seed())
	stop, err := watch.Replay(run, past, nil)
	if err != nil {
		return err
	}
	pl.run, pl.shown = run, len(run.Events())
	v := pl.view
	v.sc = sc
	if n := strings.Fields(sc.Client.Name); len(n) > 0 {
		v.name = n[0]
	}
	v.para()
	v.wrapped("", "", "Scenario reloaded: "+watch.Replayed(run.Choices())+".")
	if stop != nil {
		v.wrapped("", "", stop.String())
	}
	p := run.Prompt()
	switch {
	case p == nil:
	case old.Prompt() == nil || p.Session != old.Prompt().Session || stop != nil:
		v.resumed(p, run)
	default:
		for _, l := range p.Lines {
			v.says(l.Text, l.Cues)
		}
	}
	return nil
}
