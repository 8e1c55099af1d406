// Command therasim is TheraSim's one binary: it plays scenarios in the
// terminal, lists and checks them, and verifies recorded runs. Run
// "therasim help" for what each command does.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/therasim/therasim/sim"
)

// Exit codes. The help text documents them; scripts rely on them.
const (
	exitOK    = 0 // success
	exitBad   = 1 // what was checked is bad, or a run could not complete
	exitUsage = 2 // the command line is wrong
	exitIO    = 3 // a file could not be read or written, or an internal error
)

func main() {
	a := &app{
		stdin:    os.Stdin,
		stdout:   os.Stdout,
		stderr:   os.Stderr,
		terminal: isTerminal(os.Stdin),
		errTTY:   isTerminal(os.Stderr),
		now:      time.Now,
		getenv:   os.Getenv,
		columns:  func(w io.Writer) int { return terminalColumns(w, os.Getenv) },
	}
	os.Exit(a.main(os.Args[1:]))
}

// terminalColumns returns the width, in columns, of the terminal w writes
// to: as the terminal says, else as $COLUMNS says; 0 when w is not a
// terminal (a file, a pipe) or neither says.
func terminalColumns(w io.Writer, getenv func(string) string) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	if c, _, err := term.GetSize(int(f.Fd())); err == nil && c > 0 {
		return c
	}
	c, err := strconv.Atoi(strings.TrimSpace(getenv("COLUMNS")))
	if err != nil || c < 0 {
		return 0
	}
	return c
}

// isTerminal reports whether f is a character device, as a terminal is.
// Answers typed at a terminal are echoed by it; answers read from a pipe
// are echoed by the transcript.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// An app is one invocation of therasim: its streams and its view of the
// world, all replaceable in tests.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// terminal: stdin is a terminal that echoes what is typed.
	terminal bool
	errTTY   bool // stderr is a terminal: progress bars show on it
	now      func() time.Time
	getenv   func(string) string
	// columns returns the width, in columns, of the terminal w writes to,
	// or 0 when w is not a terminal; nil means that none is. It is asked
	// again for every line, so a resized terminal is followed.
	columns func(w io.Writer) int

	in *bufio.Reader // stdin, buffered on first use
}

// A command is one of therasim's commands.
type command struct {
	name    string
	args    string // what follows the name in a usage line
	summary string // one line, for the list of commands
	help    string // what it does, in plain words, with examples
	// define declares the command's flags on fs and returns the function
	// that runs it with the arguments left after the flags.
	define func(a *app, fs *flag.FlagSet) func(args []string) error
}

// allCommands lists the commands in the order the help shows them. It is
// set in init because the help command looks commands up.
var allCommands []*command

func init() {
	allCommands = []*command{playCommand, runCommand, listCommand, checkCommand, testCommand, schemaCommand, rulesCommand, rubricCommand, replayCommand, serveCommand, cohortCommand, calibrateCommand, versionCommand, helpCommand}
}

func commands() []*command { return allCommands }

func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

// main runs therasim with the command-line arguments args and returns the
// exit code.
func (a *app) main(args []string) int {
	if len(args) == 0 {
		return a.exit(nil, a.startDefault())
	}
	switch args[0] {
	case "-h", "-help", "--help":
		a.topHelp(a.stdout)
		return exitOK
	}
	if strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(a.stderr, "therasim: %s: give a command first, e.g. therasim run %s …\n", args[0], args[0])
		a.shortUsage(a.stderr)
		return exitUsage
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(a.stderr, "therasim: unknown command %q\n", args[0])
		a.shortUsage(a.stderr)
		return exitUsage
	}
	return a.exit(c, a.command(c, args[1:]))
}

// command parses the flags of c from args and runs it.
func (a *app) command(c *command, args []string) error {
	fs := flag.NewFlagSet("therasim "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported by exit, help by commandHelp
	fs.Usage = func() {}
	do := c.define(a, fs)
	rest, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		a.commandHelp(a.stdout, c)
		return nil
	}
	if err != nil {
		return usageError(err)
	}
	return do(rest)
}

// parseFlags parses fs from args, allowing flags after the arguments too
// ("therasim run mini.toml --seed 3"), and returns the arguments. A "--"
// ends the flags.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// exitError carries an exit code with the error. A nil err means the
// message has been printed already.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError is a mistake in the command line (exit 2).
func usageError(err error) error { return &exitError{exitUsage, err} }

// usagef is a usageError with a formatted message.
func usagef(format string, args ...any) error {
	return usageError(fmt.Errorf(format, args...))
}

// failure is a bad input or a run that could not complete (exit 1).
func failure(err error) error { return &exitError{exitBad, err} }

// failf is a failure with a formatted message.
func failf(format string, args ...any) error { return failure(fmt.Errorf(format, args...)) }

// silent is an exit with code whose message has been printed already.
func silent(code int) error { return &exitError{code: code} }

// exit reports err, if any, on stderr and returns its exit code. Errors
// that say nothing of their code are I/O or internal errors (exit 3).
func (a *app) exit(c *command, err error) int {
	if err == nil {
		return exitOK
	}
	code := exitIO
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
		if ee.err == nil {
			return code
		}
	}
	name := "therasim"
	if c != nil {
		name += " " + c.name
	}
	fmt.Fprintf(a.stderr, "%s: %v\n", name, err)
	if code == exitUsage && c != nil {
		fmt.Fprintf(a.stderr, "usage: therasim %s %s\nRun 'therasim help %s' for details.\n", c.name, c.args, c.name)
	}
	return code
}

// cols returns a function that returns the width of the terminal w writes
// to, for a transcript, or 0 when it is not one.
func (a *app) cols(w io.Writer) func() int {
	return func() int {
		if a.columns == nil {
			return 0
		}
		return a.columns(w)
	}
}

func (a *app) shortUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: therasim [COMMAND [flags] [arguments]]")
	fmt.Fprintln(w, "Run 'therasim help' for the commands.")
}

const topHelpText = `TheraSim is a simulator for practising psychotherapy. You play a course of
sessions with a virtual client; a model of the therapeutic alliance, of
homework and of symptoms decides how the client responds to each choice.

Usage:
  therasim                      open the window on the scenario picker, as
                                'therasim play' does
  therasim COMMAND [flags] [arguments]

Commands:
%s
Examples:
  therasim list
  therasim run cbt-depression --record maya.jsonl
  therasim run --resume maya.jsonl
  therasim check my-scenario.toml
  therasim replay verify maya.jsonl

Run 'therasim help COMMAND' (or 'therasim COMMAND --help') for a command's
flags and examples. Flags may come before or after the arguments and be
written with one dash or two (-seed or --seed).

Exit codes:
  0  success
  1  what was checked is bad: check found problems; replay or verify found a
     mismatch, a changed scenario or a damaged file; or a run could not
     complete
  2  usage error: unknown command or flag, wrong arguments, bad --choices
  3  a file could not be read or written, or an internal error
`

func (a *app) topHelp(w io.Writer) {
	var list strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&list, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, topHelpText, list.String())
}

// commandHelp writes the help of command c: its usage, what it does and
// its flags.
func (a *app) commandHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "usage: therasim %s %s\n\n%s", c.name, c.args, c.help)
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.define(a, fs)
	var flags []*flag.Flag
	fs.VisitAll(func(f *flag.Flag) { flags = append(flags, f) })
	if len(flags) == 0 {
		return
	}
	fmt.Fprintln(w, "\nFlags:")
	for _, f := range flags {
		kind, usage := flag.UnquoteUsage(f)
		name := "--" + f.Name
		if kind != "" {
			name += " " + kind
		}
		fmt.Fprintf(w, "  %s\n", name)
		for _, l := range wrap(usage, 78, "      ", "      ") {
			fmt.Fprintln(w, l)
		}
	}
}

var helpCommand = &command{
	name:    "help",
	args:    "[COMMAND]",
	summary: "explain therasim or one of its commands",
	help: `Prints what therasim or COMMAND does, with flags and examples.

Example:
  therasim help run
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		return func(args []string) error {
			switch len(args) {
			case 0:
				a.topHelp(a.stdout)
				return nil
			case 1:
				c := lookup(args[0])
				if c == nil {
					return usagef("unknown command %q", args[0])
				}
				a.commandHelp(a.stdout, c)
				return nil
			}
			return usagef("help explains one command at a time")
		}
	},
}

var versionCommand = &command{
	name:    "version",
	args:    "",
	summary: "print the versions of the engine and of recorded runs",
	help: `Prints the version of the simulation engine, the version of the recorded-run
format it reads and writes, and the random number generator recorded runs
depend on. A recording replays exactly only with the same format and
generator.

Example:
  therasim version
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		return func(args []string) error {
			if len(args) > 0 {
				return usagef("version takes no arguments")
			}
			fmt.Fprintf(a.stdout, "therasim %s\nrecorded-run format %d\ngenerator %s\n", sim.Version, sim.RecordFormat, sim.Generator)
			return nil
		}
	},
}
