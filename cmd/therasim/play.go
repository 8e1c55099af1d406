package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/recfile"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

var runCommand = &command{
	name:    "run",
	args:    "[flags] SCENARIO  or  therasim run --resume FILE [SCENARIO]  or  therasim run --watch FILE",
	summary: "play a scenario in the terminal",
	help: `Plays a course of sessions with the client of SCENARIO: the id of a scenario
that comes with TheraSim (see 'therasim list') or the path to a .toml file.

Each turn shows what the client says, with non-verbal cues in [brackets], and
your numbered options; type a number and press Enter. After each choice you
see what it changed in the model of the client, and why: its bond, task,
goal and hope, and its true symptom level, numbers no therapist sees (each
session starts with the model's meters). After each session you see the
week that followed: whether the homework was done, how the true symptom
level moved, what happened in the client's life, the next OQ-45 score (what
a therapist sees: the symptoms measured, with noise) against the expected
recovery, and whether the client came back. The course ends with the
outcome.

Where the scenario asks a check-in, you are asked before your options what
you notice in yourself (a pull to rescue, to defend, to withdraw,
irritation…): the client waits, and nothing you note changes the run. Type
the numbers of those that fit, your own words after a colon (1 3: I felt
tense), or just press Enter when there is nothing to note. With --record
the answer is kept for the debrief; --resume does not ask again a check-in
already answered. A choice given by --choices answers no check-in: the
check-in is shown, and said not to be asked.

Type q, or press Ctrl-D, to stop before the end; a run recorded with
--record can be continued later with --resume. In a scenario that remembers
what is said and chosen in variables, type v at a choice to see them; ? lists
what you can type.

A recording whose last line was cut off (the program stopped while writing
it) is continued with --resume from the last line written whole; the cut
line is dropped, and said so.

With --rules each change and rupture is followed by the id of the rule that
made it ('therasim rules' shows each rule, its source and how to override
it), or by what else did: the option chosen, what the client said or did on
their own, a life event. It is for instructors checking a scenario; trainees
need only the sentence that says why.

Each run draws its chances from a seed. Without --seed the seed comes from
the clock and is printed, so that the same run can be played again.

With --assess (assessment mode) the transcript shows only what a therapist
could see: what the client says and does, the homework, the OQ-45 and WAI-SR
scores. What each choice changed in the model, and the chances behind the
week, are shown at the end.

With --watch FILE you play the scenario in FILE as you write it: each time
you save FILE, the scenario is loaded again, the choices made so far are
replayed on it from the same seed, and you are asked again where you
were ("Scenario reloaded: choices 1–4 replayed."). Each choice is made
again at the option with the same id (or, when no option has that id,
the same text); one no longer offered is named, and the run continues
from there. A save with mistakes has them printed on stderr, as 'therasim
check' prints them, and the last good version plays on until a save
fixes them; so it does while the file is gone (deleted or moved away),
said so, until it is back. Such a run is not recorded: it changes
scenario at every save.

Exit status: 0 when the course is played to its end (the client may drop
out); 1 when the run stops before: the input ended, you typed q, or a number
in --choices is not an option offered.

Examples:
  therasim run cbt-depression
  therasim run cbt-depression --record maya.jsonl --trainee "Alex Smith"
  therasim run --resume maya.jsonl
  therasim run my-scenario.toml --seed 7 --choices 1,2,1,3
  therasim run cbt-depression --assess --record exam.jsonl
  therasim run --watch my-scenario.toml --seed 7
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		o := &playOptions{}
		fs.Uint64Var(&o.seed, "seed", 0, "play with seed `N`: the same seed and choices give the same run")
		fs.StringVar(&o.choices, "choices", "", "answer from `LIST`, the option numbers in order, e.g. 2,1,3; when the list runs out the run goes on reading from the keyboard")
		fs.StringVar(&o.record, "record", "", "record the run in `FILE` (a new file), saved after every choice")
		fs.StringVar(&o.resume, "resume", "", "continue the recorded run in `FILE` where it stopped, adding to the same file (SCENARIO may be left out for a scenario that comes with TheraSim)")
		fs.StringVar(&o.trainee, "trainee", "", "the trainee's `NAME` in the recording (default: $USER)")
		fs.BoolVar(&o.json, "json", false, "write the run's events to stdout as JSON, one object a line, instead of the transcript (with --resume, the recorded part's events come first); questions go to stderr")
		fs.BoolVar(&o.assess, "assess", false, "assessment mode: hide the model's numbers (changes, chances, meters) until the end")
		fs.BoolVar(&o.rules, "rules", false, "after each change, show the id of the rule that made it")
		fs.StringVar(&o.watch, "watch", "", "play the scenario in `FILE` and reload it whenever it is saved, replaying your choices so far (see above)")
		return func(args []string) error {
			fs.Visit(func(f *flag.Flag) {
				switch f.Name {
				case "seed":
					o.seedSet = true
				case "trainee":
					o.traineeSet = true
				}
			})
			return a.play(o, args)
		}
	},
}

// playOptions are the flags of "therasim run".
type playOptions struct {
	seed       uint64
	seedSet    bool
	choices    string
	record     string
	resume     string
	trainee    string
	traineeSet bool
	json       bool
	assess     bool
	rules      bool // --rules
	watch      string
}

// A player plays one run: it asks for the choices, records them and shows
// what happens.
type player struct {
	a    *app
	run  *sim.Run
	ref  string // the scenario as named on the command line, "" for a shipped one
	view *transcript
	json bool
	// prompts shows the prompts on stderr when the events go to stdout as
	// JSON and the answers come from the keyboard.
	prompts *transcript
	// answers left from --choices, and how many were given.
	answers []int
	given   int
	shown   int // events written so far
	rec     *sim.Recorder
	file    *recfile.File
	path    string // the recording's file
	// following: the scenario file is watched (--watch), see watch.go.
	following *follower
	// checkedIn is the number of the choice whose moment's check-in has
	// been answered (here, or in the recording resumed), and checkedQ
	// that check-in: it is not asked again (checkin.go).
	checkedIn int
	checkedQ  *sim.CheckIn
}

// play runs "therasim run".
func (a *app) play(o *playOptions, args []string) error {
	if len(args) > 1 {
		return usagef("run plays one scenario; %d were named (%s)", len(args), strings.Join(args, " "))
	}
	args, err := o.watchArgs(args)
	if err != nil {
		return err
	}
	if o.resume != "" {
		switch {
		case o.record != "":
			return usagef("--resume goes on recording in the file it continues; it cannot be used with --record")
		case o.seedSet:
			return usagef("--resume plays on with the recorded seed; it cannot be used with --seed")
		case o.traineeSet:
			return usagef("--resume keeps the recorded trainee; it cannot be used with --trainee")
		}
	} else {
		if len(args) == 0 {
			return usagef("name a scenario to play: an id from 'therasim list' or a .toml file")
		}
		if o.traineeSet && o.record == "" {
			return usagef("--trainee names the trainee in a recording; use it with --record FILE")
		}
	}
	answers, err := parseChoices(o.choices)
	if err != nil {
		return usageError(err)
	}
	m, err := scenarios.Model()
	if err != nil {
		return fmt.Errorf("the built-in model does not load:\n%w", err)
	}
	pl := &player{a: a, json: o.json, answers: answers, given: len(answers)}
	if len(args) == 1 && isPath(args[0]) {
		pl.ref = args[0]
	}
	defer pl.close()
	if o.watch != "" {
		defer pl.unfollow()
		if err := pl.follow(m, o.watch); err != nil {
			return err
		}
	}
	var resumedAfter int
	if o.resume != "" {
		if resumedAfter, err = pl.resume(m, o, args); err != nil {
			return err
		}
	} else if err := pl.start(m, o, args[0]); err != nil {
		return err
	}
	assess := o.assess // resume sets it from the recording too
	v := viewFull
	if assess {
		v = viewStory
	}
	if !pl.json {
		pl.view = newTranscript(a.stdout, pl.run.Scenario(), v, a.cols(a.stdout))
		pl.view.rules = o.rules
		pl.view.intro()
	}
	pl.note(o, resumedAfter)
	if o.resume != "" {
		pl.shown = len(pl.run.Events())
		if pl.json {
			if err := pl.writeJSON(pl.run.Events()); err != nil {
				return err
			}
		} else {
			pl.view.resumed(pl.run.Prompt(), pl.run)
		}
	} else if err := pl.flush(); err != nil {
		return err
	}
	if err := pl.loop(); err != nil {
		return err
	}
	if pl.view != nil {
		st := pl.run.State()
		pl.view.end(pl.run.Result(), &st)
		if assess {
			behind(a.stdout, pl.run.Scenario(), pl.run.Events(), a.cols(a.stdout), o.rules)
		}
	}
	return pl.close()
}

// start begins a new run of the scenario ref, recording it if asked.
func (pl *player) start(m *sim.Model, o *playOptions, ref string) error {
	sc, err := pl.a.openScenario(m, ref)
	if err != nil {
		return err
	}
	seed := o.seed
	if !o.seedSet {
		seed = uint64(pl.a.now().UnixNano()/1000) % 1_000_000
	}
	pl.run = sim.NewRun(sc, seed)
	if o.record == "" {
		return nil
	}
	f, err := recfile.Create(o.record)
	if errors.Is(err, recfile.ErrBusy) {
		return failf("cannot record: %w", err)
	}
	if errors.Is(err, fs.ErrExist) {
		return usagef("%s already exists; to continue the run it holds, use --resume %s, or record to a new file", o.record, o.record)
	}
	if err != nil {
		return fmt.Errorf("cannot record: %w", err)
	}
	if err := keepSources(o.record, sc); err != nil {
		os.Remove(o.record) // empty, and ours: created just now
		f.Close()
		return fmt.Errorf("cannot record: %w", err)
	}
	pl.file, pl.path = f, o.record
	trainee := o.trainee
	if trainee == "" {
		trainee = pl.a.getenv("USER")
	}
	if trainee == "" {
		trainee = "trainee"
	}
	h := sim.NewHeader(pl.run, trainee, pl.a.now().UTC().Format(time.RFC3339))
	h.Assess = o.assess
	if pl.rec, err = sim.NewRecorder(f, h); err != nil {
		return fmt.Errorf("cannot record in %s: %w", o.record, err)
	}
	return nil
}

// resume re-simulates the recording in o.resume and goes on recording in
// it. It returns the number of choices recorded.
func (pl *player) resume(m *sim.Model, o *playOptions, args []string) (int, error) {
	// The lock first: no other program may add a line between the
	// reading and the writing.
	f, err := recfile.Append(o.resume)
	switch {
	case errors.Is(err, recfile.ErrBusy):
		return 0, failf("cannot resume: %w", err)
	case err != nil:
		return 0, fmt.Errorf("cannot read the recording: %w", err)
	}
	n, err := pl.resumeLocked(m, o, args, f)
	if err != nil {
		f.Close()
	}
	return n, err
}

// resumeLocked resumes the recording o.resume, whose lock f holds.
func (pl *player) resumeLocked(m *sim.Model, o *playOptions, args []string, f *recfile.File) (int, error) {
	if n, err := dropCutLine(o.resume); err != nil {
		return 0, err
	} else if n > 0 {
		fmt.Fprintf(pl.a.stderr, "therasim run: the last line of %s was cut off while it was written (the recording stopped there), so it is dropped (%d bytes): the run goes on after the last line written whole.\n", o.resume, n)
	}
	rec, p, err := pl.a.openRecording(m, o.resume, args, func(id string) string {
		return fmt.Sprintf("therasim run --resume %s %s.toml", o.resume, id)
	})
	if err != nil {
		return 0, err
	}
	sc := p.Scenario
	if p.Note != "" {
		fmt.Fprintf(pl.a.stderr, "therasim run: %s: %s.\n", o.resume, p.Note)
	}
	if p.Kept == "" && sc.Hash == rec.Header.SHA256 && sc.ModelHash == rec.Header.Model {
		// A run recorded before copies were kept has them from now on.
		if err := keepSources(o.resume, sc); err != nil {
			return 0, fmt.Errorf("cannot resume %s: %w", o.resume, err)
		}
	}
	run, err := sim.Replay(sc, rec)
	if err != nil {
		return 0, failf("cannot resume %s: %w", o.resume, err)
	}
	if run.Done() {
		return 0, failf("%s holds a finished run (%s): there is nothing to resume; 'therasim replay verify %s' checks it",
			o.resume, debrief.Count(len(rec.Choices), "choice", "choices"), o.resume)
	}
	pl.run, pl.file, pl.path = run, f, o.resume
	pl.rec = sim.ResumeRecorder(f, rec)
	if next := len(rec.Choices) + 1; rec.CheckIn(next) != nil {
		// The check-in of the moment the run stopped at was answered.
		pl.checkedIn, pl.checkedQ = next, run.Prompt().CheckIn
	}
	if rec.Header.Assess {
		o.assess = true
	}
	return len(rec.Choices), nil
}

// note tells the trainee the seed, the recording and the mode, on stdout
// with the transcript or on stderr with JSON.
func (pl *player) note(o *playOptions, resumedAfter int) {
	w := pl.a.stdout
	if pl.json {
		w = pl.a.stderr
	}
	var lines []string
	switch {
	case o.resume != "":
		p := pl.run.Prompt()
		lines = append(lines, fmt.Sprintf("Resumed at session %d, after choice %d; recording on in %s.", p.Session, resumedAfter, pl.path))
		if p.CheckIn != nil && pl.answered(p) {
			lines = append(lines, "You answered the check-in of this moment before the run stopped: it is not asked again.")
		}
	case o.seedSet:
		if !pl.json {
			lines = append(lines, fmt.Sprintf("Seed %d.", pl.run.Seed()))
		}
	default:
		lines = append(lines, fmt.Sprintf("Seed %d, from the clock: add --seed %d to play this run again.", pl.run.Seed(), pl.run.Seed()))
	}
	if o.record != "" {
		lines = append(lines, fmt.Sprintf("Recording to %s.", o.record))
	}
	if o.assess {
		lines = append(lines, "Assessment mode: the model's numbers stay hidden until the end.")
	}
	if pl.view != nil {
		pl.view.para()
		for _, l := range lines {
			pl.view.wrapped("", "", l)
		}
		return
	}
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}

// loop plays until the course is over.
func (pl *player) loop() error {
	for !pl.run.Done() {
		p := pl.run.Prompt()
		if p == nil {
			return errors.New("internal error: the course is not over but nothing is asked")
		}
		n, err := pl.choose(p)
		if errors.Is(err, errSaved) {
			if err := pl.reload(); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		evs, err := pl.run.Choose(n)
		if err != nil {
			return fmt.Errorf("internal error: %w", err)
		}
		if pl.rec != nil {
			if err := pl.rec.Record(pl.run, evs); err != nil {
				return fmt.Errorf("%s: %w", pl.path, err)
			}
		}
		if err := pl.flush(); err != nil {
			return err
		}
	}
	return nil
}

var (
	errEOF  = errors.New("the input ended")
	errQuit = errors.New("you stopped")
)

// choose returns the answer to p: the next from --choices, or one read
// from stdin.
func (pl *player) choose(p *sim.Prompt) (int, error) {
	n := len(p.Options)
	interactive := len(pl.answers) == 0
	w := pl.a.stdout
	if pl.json {
		w = pl.a.stderr
	}
	t := pl.view
	if t == nil && interactive {
		if pl.prompts == nil {
			pl.prompts = newTranscript(w, pl.run.Scenario(), viewStory, pl.a.cols(w))
		}
		t = pl.prompts
		for _, l := range p.Lines {
			t.says(l.Text, l.Cues)
		}
	}
	if err := pl.checkIn(p, t, w, interactive); err != nil {
		return 0, err
	}
	if t != nil {
		t.options(p)
	}
	prompt := fmt.Sprintf("Your choice (1-%d): ", n)
	if n == 1 {
		prompt = "Your choice (1): "
	}
	if !interactive {
		k := pl.answers[0]
		pl.answers = pl.answers[1:]
		if k < 1 || k > n {
			i := pl.given - len(pl.answers)
			return 0, pl.incomplete(fmt.Sprintf("--choices: choice %d is %d, but session %d offers %s there",
				i, k, p.Session, offered(n)))
		}
		if pl.view != nil {
			fmt.Fprintf(w, "%s%d\n", prompt, k)
		}
		return k, nil
	}
	for {
		fmt.Fprint(w, prompt)
		line, err := pl.readAnswer()
		if err != nil && !errors.Is(err, io.EOF) {
			fmt.Fprintln(w)
			return 0, fmt.Errorf("reading the answer: %w", err)
		}
		if line == "" && err != nil {
			fmt.Fprintln(w)
			return 0, pl.incomplete("the input ended before the course did")
		}
		if !pl.a.terminal {
			fmt.Fprintln(w, line)
		}
		switch strings.ToLower(line) {
		case "q", "quit":
			return 0, pl.incomplete("you stopped before the end of the course")
		case "v":
			if t := cmp.Or(pl.view, pl.prompts); t != nil {
				st := pl.run.State()
				t.variables(&st)
			}
			continue
		case "?", "h", "help":
			fmt.Fprint(w, answerKeys(n, len(pl.run.Scenario().Variables()) > 0))
			continue
		}
		k, convErr := strconv.Atoi(line)
		if convErr == nil && k >= 1 && k <= n {
			return k, nil
		}
		if n == 1 {
			fmt.Fprintln(w, "  Please type 1 (or ? for help).")
		} else {
			fmt.Fprintf(w, "  Please type a number from 1 to %d (or ? for help).\n", n)
		}
		if err != nil {
			return 0, pl.incomplete("the input ended before the course did")
		}
	}
}

// answerKeys lists what the trainee can type at a prompt of n options;
// vars says whether the scenario keeps variables for v to show.
func answerKeys(n int, vars bool) string {
	choose := "1"
	if n > 1 {
		choose = "1-" + strconv.Itoa(n)
	}
	keys := fmt.Sprintf("  %-5s  choose that option\n", choose)
	if vars {
		keys += "  v      show the scenario's variables (what the client has said so far)\n"
	}
	return keys + "  ?      show these keys\n  q      stop here\n"
}

// offered says which options there are.
func offered(n int) string {
	if n == 1 {
		return "only option 1"
	}
	return fmt.Sprintf("options 1 to %d", n)
}

// incomplete is the error of a run that stops before the end.
func (pl *player) incomplete(why string) error {
	p := pl.run.Prompt()
	made := 0
	for _, e := range pl.run.Events() {
		if e.Kind == sim.Choice {
			made++
		}
	}
	at := fmt.Sprintf("after choice %d", made)
	if made == 0 {
		at = "before the first choice"
	}
	msg := fmt.Sprintf("%s.\nThe run is incomplete: it stopped in session %d, %s.", why, p.Session, at)
	if pl.rec != nil {
		cmd := "therasim run --resume " + pl.path
		if pl.ref != "" {
			cmd += " " + pl.ref
		}
		msg += "\nTo continue it: " + cmd
	}
	return failure(errors.New(msg))
}

// readLine reads one line from stdin, without its line ending.
func (a *app) readLine() (string, error) {
	if a.in == nil {
		a.in = bufio.NewReader(a.stdin)
	}
	s, err := a.in.ReadString('\n')
	return strings.TrimSpace(s), err
}

// flush shows the events that happened since the last flush.
func (pl *player) flush() error {
	all := pl.run.Events()
	evs := all[pl.shown:]
	pl.shown = len(all)
	if pl.json {
		return pl.writeJSON(evs)
	}
	pl.view.events(evs, pl.run)
	return nil
}

// writeJSON writes events one a line. The client's inner experience is
// left out: it is for the debrief, never shown during play.
func (pl *player) writeJSON(evs []sim.Event) error {
	for _, e := range evs {
		e.Inner = ""
		b, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("internal error: %w", err)
		}
		if _, err := pl.a.stdout.Write(append(b, '\n')); err != nil {
			return fmt.Errorf("writing the events: %w", err)
		}
	}
	return nil
}

// close closes the recording, once.
func (pl *player) close() error {
	if pl.file == nil {
		return nil
	}
	f := pl.file
	pl.file = nil
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", pl.path, err)
	}
	return nil
}
