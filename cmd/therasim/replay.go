package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/therasim/therasim/debrief"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

var replayCommand = &command{
	name:    "replay",
	args:    "[--scenario FILE | --dir DIR] [--export OUT | --class | --summary OUT] RECORDING|DIR... | verify RECORDING|DIR...",
	summary: "debrief recorded runs: the window, a class table, exports, a class summary, verify",
	help: `'therasim replay RECORDING' opens the debrief of a recorded run in the
window: the course as a timeline, every choice from the trainee's side and
the client's, "what if" from any choice, and the instructor's notes. It
re-simulates the run first, with the scenario it was played with (see the
copies kept, below), and refuses, with the reason, a run that does not
replay, or a damaged file, naming the line at fault.

Several recordings, or a directory of them (its *.jsonl files), open the
class view: for each choice point, how many trainees took each option and
what became of their clients. Runs of several scenarios (the window records
every run into one folder, ~/.config/therasim/runs on Linux) make one class
view for each scenario, shown one after another. A recording that cannot be
replayed, or whose scenario cannot be found, is left out with the reason;
the others are shown.

--class prints the class views as text tables instead of opening the window,
each headed by its scenario's title and how many runs it has, and ending
with the class's competence profile: for each skill of the course's rubric,
the median of the runs' scores and each run's score.

--export OUT writes the debrief of one recording to a file instead, in the
format its extension names:
  .csv   one row per choice and per week: every state variable, measure, act,
         the rules that fired and the skills of the competence rubric the
         choice was an opportunity for, with their grades (the README
         documents the columns)
  .profile.csv
         the run's competence profile: a row for each skill of the rubric,
         with its opportunities, how many were done well, done but not well,
         missed or met with the opposite, its score and the choices behind it
  .png   the timeline chart
  .html  a self-contained report (the chart, the competence profile, every
         choice with both perspectives, the trainee's check-ins and recall,
         the notes) that opens offline and prints well

--summary OUT writes the supervisor's summary of the runs named (a class's
folder, say) to a file instead, in the format its extension names:
  .html  one self-contained page that opens offline: for each scenario, each
         trainee's course (sessions, dropout, the OQ-45 from intake to the
         last, the outcome), a table of their competence profiles with the
         class's median of each skill, and, at each moment where the class's
         paths parted or the course asked a check-in, who took which option,
         with their check-in and their recall there
  .csv   the class's competence profiles, one row a run: its trainee, how
         its course went, and its score of each skill (the README documents
         the columns)
Runs left out (they cannot be replayed, or their scenario cannot be found)
are said on stderr, as for --class; the summary holds the others.

'therasim replay verify RECORDING' plays a recorded run again, choice by
choice, with the same scenario and seed, and checks that every state matches
the one recorded. It prints one line saying how many choices it verified
when they all match, and a second when the run was opened with a scenario
other than the file as it was played (see below). It stops with the first
choice that differs, and refuses a damaged file, naming the line at fault.
Instructors' notes in the file change nothing it checks. Given several
recordings, or a folder of them (a class server's runs folder, say), it
verifies each, says why of each that does not, and ends with how many did
not.

A run's scenario is the one that comes with TheraSim with the recorded id,
or one in the .toml files of --dir (as 'therasim play --dir' offers them).
--scenario names the scenario instead, a file or an id: the runs of that
scenario are shown and those of others left out.

Copies of the scenario as it was played: a recording names its scenario
and the model by the SHA-256 of their files. So that a run can always be
opened with the exact scenario and model it was played with, even after
their files were edited or deleted, every recording made (by 'therasim run
--record' and by the window) keeps a copy of both files, byte for byte, in
the folder kept/ beside it: kept/HASH.toml for the scenario,
kept/HASH.model.toml for the model (for the window's runs,
~/.config/therasim/runs/kept on Linux; in the browser, the page's
storage). A class's runs share one copy of the scenario they played; a copy
is never changed once written, and one whose bytes no longer match its
name is refused. Copy or move the kept/ folder with the recordings: to
send runs to an instructor, send the whole folder they are in.

A run opens with its scenario as it is now when that replays the recorded
choices exactly: an edit that changes nothing they do (a comment, line
endings, a reworded line) is said in a line. When the scenario now plays a
recorded choice differently, the run opens with the copy kept of it,
naming that choice ("choice 4 now gives a different state: the run is
opened with the scenario as it was played on 14 March 2026, kept in
runs/kept/….toml"); the runs of one class are then all opened with that
copy, so that they make one class view. A run whose scenario's file is gone
opens with the copy alone. A run recorded before copies were kept has
none: it opens while its scenario replays it, and is refused, naming the
first choice that differs, when not.

Exit status: 0 when the runs replay (and verify); 1 when one does not (the
others are still shown, or summarised); 2 for a wrong command line (an
--export extension other than .csv, .profile.csv, .png, .html, a --summary
extension other than .html, .csv) or a run of a scenario that must be
named; 3 when a file cannot be read or written.

Examples:
  therasim replay maya.jsonl
  therasim replay maya.jsonl --export maya.html
  therasim replay maya.jsonl --export maya.profile.csv
  therasim replay --summary seminar-3.html seminar-3/
  therasim replay --class runs/
  therasim replay --class --dir my-scenarios runs/
  therasim replay --class --scenario my-scenario.toml runs/
  therasim replay verify maya.jsonl
  therasim replay verify --scenario my-scenario.toml alex.jsonl
  therasim replay verify seminar-3/
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		scenario := fs.String("scenario", "", "the scenario `FILE` (or id) the runs were recorded with; a class view or the window shows its runs only")
		export := fs.String("export", "", "write the debrief to `OUT` (.csv, .png or .html) instead of opening the window")
		class := fs.Bool("class", false, "print the class views of the runs, one for each scenario, as text tables instead of opening the window")
		summary := fs.String("summary", "", "write the supervisor's summary of the runs to `OUT` (.html: one page; .csv: the class's profiles, a row a run) instead of opening the window")
		dir := fs.String("dir", "", "also find the runs' scenarios among the .toml files in `DIR`, as 'therasim play --dir' offers them")
		return func(args []string) error {
			if *scenario != "" && *dir != "" {
				return usagef("--scenario names the one scenario of the runs and --dir where to find theirs: choose one")
			}
			if len(args) > 0 && args[0] == "verify" {
				if *export != "" || *class || *summary != "" {
					return usagef("replay verify only checks: it takes no --export, --class or --summary")
				}
				if len(args) < 2 {
					return usagef("name the recording to verify (or several, or a folder of them)")
				}
				if fi, err := os.Stat(args[1]); len(args) == 2 && (err != nil || !fi.IsDir()) {
					ref, err := a.scenarioIn(*dir, args[1], *scenario)
					if err != nil {
						return err
					}
					return a.verify(args[1], ref)
				}
				files, err := recordings(args[1:])
				if err != nil {
					return err
				}
				return a.verifyAll(files, *dir, *scenario)
			}
			if len(args) == 0 {
				return usagef("name a recording (or several, or a directory of them) to replay")
			}
			if *export != "" && *class {
				return usagef("--export writes one run's debrief and --class prints a class view: choose one")
			}
			if *summary != "" && (*export != "" || *class) {
				return usagef("--summary writes a class's summary; --export one run's debrief and --class a class view: choose one")
			}
			if *summary != "" && summaryWriter(*summary) == nil {
				return usagef("--summary %s: the extension says the format; give .html (one page) or .csv (the class's profiles)", *summary)
			}
			files, err := recordings(args)
			if err != nil {
				return err
			}
			if *export != "" {
				if len(files) != 1 {
					return usagef("--export writes the debrief of one recording; %d were named", len(files))
				}
				ref, err := a.scenarioIn(*dir, files[0], *scenario)
				if err != nil {
					return err
				}
				return a.exportDebrief(files[0], ref, *export)
			}
			hint := func(id string) string {
				cmd := "therasim replay --scenario " + id + ".toml"
				switch {
				case *class:
					cmd += " --class"
				case *summary != "":
					cmd += " --summary " + *summary
				}
				if len(args) > 2 {
					return cmd + " " + args[0] + " …"
				}
				return cmd + " " + strings.Join(args, " ")
			}
			set, err := a.replayRuns(files, *scenario, *dir, hint)
			if err != nil {
				return err
			}
			if len(set.runs) == 0 {
				return set.none()
			}
			if *class {
				return a.classView(set)
			}
			if *summary != "" {
				return a.classSummary(set, *summary, summaryTitle(args, *summary))
			}
			// Every file has been checked here, where a refusal can be read,
			// before the window opens. The window is given every recording
			// but those of scenarios --scenario leaves out: it shows the ones
			// that replay and says, too, which it left out and why.
			problems := set.report(a.stderr)
			if problems != nil {
				fmt.Fprintf(a.stderr, "therasim replay: %v\n", problems)
			}
			// The window finds a run's scenario among the shipped ones and
			// those in --dir: a scenario file is offered through its folder.
			var pass []string
			switch {
			case isPath(*scenario):
				pass = append(pass, "--dir", filepath.Dir(*scenario))
			case *dir != "":
				pass = append(pass, "--dir", *dir)
			}
			pass = append(pass, "--replay")
			pass = append(pass, set.shown(files)...)
			if err := a.window(pass); err != nil {
				return err
			}
			if problems != nil {
				return silent(exitBad)
			}
			return nil
		}
	},
}

// recordings expands the arguments of replay: files as they are, a
// directory to the *.jsonl files in it, sorted.
func recordings(args []string) ([]string, error) {
	var out []string
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("cannot read the recording: %w", err)
		}
		if !fi.IsDir() {
			out = append(out, arg)
			continue
		}
		m, err := filepath.Glob(filepath.Join(arg, "*.jsonl"))
		if err != nil {
			return nil, err
		}
		if len(m) == 0 {
			return nil, failf("%s holds no recordings (*.jsonl files)", arg)
		}
		sort.Strings(m)
		out = append(out, m...)
	}
	return out, nil
}

// debriefs reads and re-simulates each recording in files; the first that
// does not replay is refused, with its reason.
func (a *app) debriefs(files []string, scenario string) ([]*debrief.Debrief, error) {
	m, err := scenarios.Model()
	if err != nil {
		return nil, fmt.Errorf("the built-in model does not load:\n%w", err)
	}
	var args []string
	if scenario != "" {
		args = []string{scenario}
	}
	var out []*debrief.Debrief
	for _, path := range files {
		rec, p, err := a.openRecording(m, path, args, func(id string) string {
			return fmt.Sprintf("therasim replay --scenario %s.toml %s", id, path)
		})
		if err != nil {
			return nil, err
		}
		keptNote(a, path, p)
		d, err := debrief.Build(p.Scenario, rec)
		if err != nil {
			return nil, failf("%s cannot be replayed: %w", path, err)
		}
		d.Path = path
		out = append(out, d)
	}
	return out, nil
}

// exportDebrief writes the debrief of the recording in path to out.
func (a *app) exportDebrief(path, scenario, out string) error {
	write := debrief.ExporterFor(out)
	if write == nil {
		return usagef("--export %s: the extension says the format; give .csv, %s, .png or .html", out, debrief.ProfileSuffix)
	}
	ds, err := a.debriefs([]string{path}, scenario)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf, ds[0]); err != nil {
		return fmt.Errorf("exporting %s: %w", path, err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("cannot write the export: %w", err)
	}
	what := "the debrief"
	if strings.HasSuffix(strings.ToLower(out), debrief.ProfileSuffix) {
		what = "the competence profile"
	}
	fmt.Fprintf(a.stdout, "Wrote %s: %s of %s (%s).\n", out, what, path, debrief.Count(len(ds[0].Moments), "choice", "choices"))
	return nil
}

// summaryWriter returns the writer of the class summary a file's
// extension names (.html or .csv, in any case), or nil.
func summaryWriter(out string) func(w io.Writer, title string, runs []*debrief.Debrief) error {
	switch strings.ToLower(filepath.Ext(out)) {
	case ".html":
		return debrief.WriteClassSummary
	case ".csv":
		return func(w io.Writer, _ string, runs []*debrief.Debrief) error {
			names := make([]string, len(runs))
			for i, d := range runs {
				names[i] = filepath.Base(d.Path)
			}
			return debrief.WriteClassProfileCSV(w, runs, names)
		}
	}
	return nil
}

// summaryTitle heads the summary of the runs args name: "Class summary:
// seminar-3" after the one folder named, else after the file written.
func summaryTitle(args []string, out string) string {
	name := strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))
	if len(args) == 1 {
		if fi, err := os.Stat(args[0]); err == nil && fi.IsDir() {
			dir := filepath.Clean(args[0])
			if abs, err := filepath.Abs(dir); err == nil {
				dir = abs // "." and ".." are named by the folder they are
			}
			if b := filepath.Base(dir); b != string(filepath.Separator) && b != "." {
				name = b
			}
		}
	}
	return "Class summary: " + name
}

// classSummary writes the supervisor's summary of the runs of set to out,
// then says what was left out.
func (a *app) classSummary(set *runSet, out, title string) error {
	var buf bytes.Buffer
	if err := summaryWriter(out)(&buf, title, set.runs); err != nil {
		return failure(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("cannot write the summary: %w", err)
	}
	scs := map[string]bool{}
	for _, d := range set.runs {
		scs[d.Scenario.ID+" "+d.Scenario.Hash] = true
	}
	of := ""
	if len(scs) > 1 {
		of = fmt.Sprintf(" of %d scenarios", len(scs))
	}
	what := "the class summary"
	if strings.EqualFold(filepath.Ext(out), ".csv") {
		what = "the competence profiles"
	}
	fmt.Fprintf(a.stdout, "Wrote %s: %s of %s%s.\n", out, what, debrief.Count(len(set.runs), "run", "runs"), of)
	return set.report(a.stderr)
}

// classView prints one class view for each scenario among the runs of
// set, then what was left out.
func (a *app) classView(set *runSet) error {
	cs, err := debrief.BuildClasses(set.runs)
	if err != nil {
		return failure(err)
	}
	if err := debrief.WriteClassesText(a.stdout, cs); err != nil {
		return err
	}
	return set.report(a.stderr)
}

// A runSet is what the recordings named to replay hold: the runs that
// replay, and those left out.
type runSet struct {
	total  int                 // recordings named
	pick   *sim.Scenario       // the scenario --scenario names, or nil
	dir    string              // the folder --dir names, or ""
	broken []string            // the files in dir that do not load
	runs   []*debrief.Debrief  // the runs that replay, in the order named
	other  map[string][]string // runs of scenarios --scenario does not pick, by scenario id
	lost   map[string][]string // runs of scenarios that cannot be found, by scenario id
	notes  map[string][]string // runs opened with a scenario other than the one they were played with, by why
	bad    []error             // recordings that cannot be read or replayed, in the order named
	hint   func(id string) string
}

// replayRuns reads and re-simulates each recording in files. With
// scenario (--scenario: an id or a file), the runs of that scenario are
// shown and the others left out; without, each run's scenario is found by
// its recorded id among the .toml files in dir (--dir) and the shipped
// scenarios. A recording that cannot be read or replayed, or whose
// scenario cannot be found, is kept in the set with the reason and does
// not stop the others; hint gives the command to suggest for runs of a
// scenario that must be named.
func (a *app) replayRuns(files []string, scenario, dir string, hint func(id string) string) (*runSet, error) {
	m, err := scenarios.Model()
	if err != nil {
		return nil, fmt.Errorf("the built-in model does not load:\n%w", err)
	}
	set := &runSet{total: len(files), dir: dir, other: map[string][]string{}, lost: map[string][]string{}, notes: map[string][]string{}, hint: hint}
	var known []*sim.Scenario
	if _, err := os.Stat(scenario); isPath(scenario) && errors.Is(err, fs.ErrNotExist) {
		// The scenario's file is gone: each run opens with the copy
		// kept of its scenario.
		fmt.Fprintf(a.stderr, "therasim replay: %s is not found: each run is opened with the copy of its scenario kept beside it.\n", scenario)
		scenario = ""
	}
	if scenario != "" {
		if set.pick, err = a.openScenario(m, scenario); err != nil {
			return nil, err
		}
		known = []*sim.Scenario{set.pick}
	} else {
		if dir != "" {
			if known, set.broken, err = scenarioDir(m, dir); err != nil {
				return nil, err
			}
		}
		shipped, err := scenarios.Shipped(m)
		if err != nil {
			return nil, fmt.Errorf("the scenarios that come with TheraSim do not load:\n%w", err)
		}
		known = append(known, shipped...)
	}
	set.open(m, known, files)
	return set, nil
}

// scenarioDir loads the scenarios of dir as the window's --dir offers them
// (scenarios.Dir); broken lists the files that do not load.
func scenarioDir(m *sim.Model, dir string) (scs []*sim.Scenario, broken []string, err error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, nil, fmt.Errorf("--dir: %w", err)
	}
	files, err := scenarios.Dir(m, dir)
	if err != nil {
		return nil, nil, fmt.Errorf("--dir: %w", err)
	}
	for _, f := range files {
		if f.Err != nil {
			broken = append(broken, f.Path)
			continue
		}
		scs = append(scs, f.Scenario)
	}
	return scs, broken, nil
}

// shown returns files but the runs of scenarios --scenario leaves out.
func (s *runSet) shown(files []string) []string {
	other := map[string]bool{}
	for _, paths := range s.other {
		for _, p := range paths {
			other[p] = true
		}
	}
	var out []string
	for _, f := range files {
		if !other[f] {
			out = append(out, f)
		}
	}
	return out
}

// problems returns why the recordings that do not replay were refused:
// one error for each, and one for the runs of each scenario that cannot be
// found.
func (s *runSet) problems() []error {
	out := append([]error(nil), s.bad...)
	ids := slices.Collect(maps.Keys(s.lost))
	slices.SortFunc(ids, func(x, y string) int { return strings.Compare(s.lost[x][0], s.lost[y][0]) })
	for _, id := range ids {
		paths := s.lost[id]
		what := paths[0] + " is a run"
		if len(paths) > 1 {
			what = fmt.Sprintf("%d runs (%s) are runs", len(paths), someOf(paths))
		}
		where := "which does not come with TheraSim"
		if s.dir != "" {
			where = "which is neither in " + s.dir + " nor among those that come with TheraSim"
			if len(s.broken) > 0 {
				verb := "do"
				if len(s.broken) == 1 {
					verb = "does"
				}
				where += fmt.Sprintf(" (%s %s not load: 'therasim check' says why)", someOf(s.broken), verb)
			}
		}
		how := "name its file, e.g. " + s.hint(id)
		if s.dir == "" {
			how += ", or the folder of your scenario files with --dir"
		}
		out = append(out, usagef("%s of scenario %q, %s: %s", what, id, where, how))
	}
	return out
}

// report writes on w which runs --scenario left out, and returns the
// error that says which recordings were refused and why, or nil.
func (s *runSet) report(w io.Writer) error {
	if len(s.other) > 0 {
		var parts []string
		n := 0
		for _, id := range slices.Sorted(maps.Keys(s.other)) {
			parts = append(parts, fmt.Sprintf("%d of %q (%s)", len(s.other[id]), id, someOf(s.other[id])))
			n += len(s.other[id])
		}
		fmt.Fprintf(w, "therasim replay: --scenario picks the runs of %q; left out %s of other scenarios: %s.\n",
			s.pick.ID, debrief.Count(n, "run", "runs"), strings.Join(parts, ", "))
	}
	for _, note := range slices.SortedFunc(maps.Keys(s.notes), func(x, y string) int { return strings.Compare(s.notes[x][0], s.notes[y][0]) }) {
		fmt.Fprintf(w, "therasim replay: %s: %s.\n", someOf(s.notes[note]), note)
	}
	ps := s.problems()
	if len(ps) == 0 {
		return nil
	}
	left := s.total - len(s.runs)
	for _, paths := range s.other {
		left -= len(paths)
	}
	them := "they are"
	if left == 1 {
		them = "it is"
	}
	msg := fmt.Sprintf("%d of the %d recordings cannot be replayed; %s left out:", left, s.total, them)
	for _, p := range ps {
		msg += "\n  " + p.Error()
	}
	return failure(errors.New(msg))
}

// none is the error when none of the recordings can be shown: the one
// refusal as it is, or all of them.
func (s *runSet) none() error {
	ps := s.problems()
	switch {
	case len(ps) == 1:
		return ps[0]
	case len(ps) == 0 && s.pick != nil:
		var ids []string
		for _, id := range slices.Sorted(maps.Keys(s.other)) {
			ids = append(ids, fmt.Sprintf("%q", id))
		}
		return failf("none of the recordings is a run of %q, the scenario --scenario names: they are runs of %s", s.pick.ID, strings.Join(ids, ", "))
	case len(ps) == 0:
		return errors.New("internal error: no run to show and no reason")
	}
	code := exitCode(ps[0])
	msg := fmt.Sprintf("none of the %d recordings can be replayed:", s.total)
	for _, p := range ps {
		if exitCode(p) != code {
			code = exitBad
		}
		msg += "\n  " + p.Error()
	}
	return &exitError{code, errors.New(msg)}
}

// exitCode is the exit code err ends therasim with.
func exitCode(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitIO
}

// someOf names the first files of paths, and how many more there are.
func someOf(paths []string) string {
	const most = 3
	if len(paths) <= most {
		return strings.Join(paths, ", ")
	}
	return strings.Join(paths[:most], ", ") + fmt.Sprintf(" and %d more", len(paths)-most)
}
