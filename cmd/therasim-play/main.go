// Command therasim-play is TheraSim's window: the scenario picker, the
// sessions, the week between them and the end of the course, drawn with
// Ebiten. 'therasim play' (and 'therasim' with no arguments) starts it.
//
// It is a program of its own because Ebiten connects to the display when
// the program starts, before main runs: linked into therasim, it would stop
// 'therasim check', 'run' and 'cohort' from working on a machine without a
// display, such as a batch cluster or a server over SSH. Built for the
// browser (GOOS=js GOARCH=wasm) it is the web version.
//
// Usage:
//
//	therasim-play [--dir DIR] [--assess] [--trainee NAME] [--data DIR] [SCENARIO]
//	therasim-play [--dir DIR] [--assess] [--trainee NAME] [--data DIR] --watch FILE
//	therasim-play [--dir DIR] --replay FILE|DIR...
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/therasim/therasim/ui"
)

func main() {
	fs := flag.NewFlagSet("therasim-play", flag.ContinueOnError)
	var o ui.Options
	fs.StringVar(&o.Dir, "dir", "", "also offer the scenario .toml files in `DIR`")
	fs.BoolVar(&o.Assess, "assess", false, "assessment mode: no meters or numbers until the end")
	fs.StringVar(&o.Trainee, "trainee", "", "the trainee's `NAME` (default: the one remembered)")
	fs.StringVar(&o.DataDir, "data", "", "keep the name and recordings in `DIR` (default: the user's config folder)")
	watch := fs.String("watch", "", "play the scenario in `FILE` and reload it whenever it is saved, replaying the choices made so far")
	replay := fs.Bool("replay", false, "open the recorded runs named after the flags in the debrief: one file, or several (or a folder) for the class view")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: therasim-play [flags] [SCENARIO]\n       therasim-play [--dir DIR] --replay FILE|DIR...\n\nOpens TheraSim's window on the scenario picker, or on SCENARIO (a shipped id\nor a .toml file). With --replay it opens the debrief of a recorded run, or\nthe class view of several.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		if err == flag.ErrHelp {
			os.Exit(0)
		}
		os.Exit(2)
	}
	switch {
	case *replay:
		if fs.NArg() == 0 {
			fmt.Fprintln(os.Stderr, "therasim-play: --replay needs a recording (or several, or a folder of them)")
			os.Exit(2)
		}
		o.Replay = fs.Args()
	case fs.NArg() == 0:
	case fs.NArg() == 1:
		o.Scenario = fs.Arg(0)
	default:
		fmt.Fprintln(os.Stderr, "therasim-play: name at most one scenario")
		os.Exit(2)
	}
	if *watch != "" {
		if *replay || o.Scenario != "" && o.Scenario != *watch {
			fmt.Fprintln(os.Stderr, "therasim-play: --watch names the scenario to play; name no other")
			os.Exit(2)
		}
		revs, stop, err := watchFile(*watch)
		if err != nil {
			fmt.Fprintln(os.Stderr, "therasim-play:", err)
			os.Exit(1)
		}
		defer stop()
		o.Scenario, o.Revisions = *watch, revs
	}
	if err := ui.Run(o); err != nil {
		fmt.Fprintln(os.Stderr, "therasim-play:", err)
		os.Exit(1)
	}
}
