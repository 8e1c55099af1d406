package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/therasim/therasim/cohort"
)

// The simulated figures move as the model is calibrated, so these tests
// check the report's structure and compare runs with each other, never
// with pinned numbers.

const cohortN = "240"

// cohortRun runs "therasim cohort" with args and wants it to succeed.
func cohortRun(t *testing.T, args ...string) result {
	t.Helper()
	r := therasim(t, "", append([]string{"cohort"}, args...)...)
	r.want(t, exitOK)
	return r
}

func TestCohortSummary(t *testing.T) {
	r := cohortRun(t, "cbt-depression", "--n", cohortN, "--seed", "3")
	if r.stderr != "" {
		t.Errorf("stderr is not a terminal, but something was written on it: %q", r.stderr)
	}
	lines := strings.Split(r.stdout, "\n")
	if want := "Cohort: scenario cbt-depression, policy competent, N = " + cohortN + ", seed 3"; lines[0] != want {
		t.Errorf("first line %q, want %q", lines[0], want)
	}
	for _, s := range []string{"\nAttendance\n", "  completed the course ", "  dropped out ", "  sessions attended: mean ",
		"\nOutcome by OQ-45 (reliable change 14 points, cut-off 63/64; dropouts by their last score)\n", "  recovered ", "  improved ", "  unchanged ", "  deteriorated ",
		"\nOQ-45\n", "  intake ", "  final (dropouts: last score) ", "  improvement (intake - final) ",
		"\nNot on track (the OQ-45's signal before a session of the course): ", "  recovered ", "; dropped out ",
		"\nMeasures by session", "\nEvents by session", "\nHomework: ", "\nRuptures: ",
		"\n  clients would report one in ", "% of sessions (95% CI ", "\n  observers would see one in ",
		"\n  resolved by the session's end: ", "% of those reported (95% CI ",
		"\n  per client: ", " begun by the client on their own; ", " repairs that did not take\n",
		"\nCorrelations with OQ-45 improvement\n", "  early alliance (mean WAI-SR, sessions 1-3) ", "  homework compliance "} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("the summary does not say %q:\n%s", s, r.stdout)
		}
	}
	// The by-session tables have a row for session 1 under the header,
	// with as many columns.
	for _, head := range []string{"  SESSION  CLIENTS  OQ-45", "  SESSION  HOMEWORK SET  DONE FULLY"} {
		i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, head) })
		if i < 0 || i+1 >= len(lines) {
			t.Errorf("no table headed %q:\n%s", head, r.stdout)
			continue
		}
		h, row := lines[i], lines[i+1]
		if f := strings.Fields(row); len(f) != 8 || f[0] != "1" || len(row) != len(h) {
			t.Errorf("the first row under %q is not session 1 with 8 columns aligned right:\n%s\n%s", head, h, row)
		}
	}
	for i, l := range lines {
		if strings.TrimRight(l, " ") != l {
			t.Errorf("line %d ends in spaces: %q", i+1, l)
		}
	}
}

func TestCohortJSON(t *testing.T) {
	r := cohortRun(t, "cbt-depression", "--n", cohortN, "--seed", "3", "--json", "--policy", "novice")
	if strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("--json printed more than one line:\n%s", r.stdout)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("--json printed no JSON object: %v\n%s", err, r.stdout)
	}
	n, _ := strconv.Atoi(cohortN)
	for k, want := range map[string]any{"scenario": "cbt-depression", "policy": "novice", "seed": 3.0, "n": float64(n), "clients": float64(n)} {
		if s[k] != want {
			t.Errorf("%s = %v, want %v", k, s[k], want)
		}
	}
	for _, k := range []string{"completed", "dropped", "dropout_rate", "sessions_attended", "outcomes", "intake_oq45", "final_oq45",
		"after_course_oq45", "improvement_oq45", "by_session", "homework", "ruptures", "not_on_track", "alliance_outcome", "homework_outcome"} {
		if _, ok := s[k]; !ok {
			t.Errorf("the JSON summary has no %q", k)
		}
	}
	if c, d := s["completed"].(float64), s["dropped"].(float64); c+d != float64(n) {
		t.Errorf("completed %v + dropped %v is not %d", c, d, n)
	}
	o := s["outcomes"].(map[string]any)
	if sum := o["recovered"].(float64) + o["improved"].(float64) + o["unchanged"].(float64) + o["deteriorated"].(float64); sum != float64(n) {
		t.Errorf("the outcome classes add up to %v, not %d", sum, n)
	}
	rup := s["ruptures"].(map[string]any)
	if rup["sessions"].(float64) < float64(n) || rup["reported"].(float64) > rup["observed"].(float64) || rup["resolved"].(float64) > rup["reported"].(float64) {
		t.Errorf("ruptures in %v sessions: %v observed, %v reported, %v resolved", rup["sessions"], rup["observed"], rup["reported"], rup["resolved"])
	}
	if rate := rup["reported_frequency"].(map[string]any); rate["p"] != rup["reported"].(float64)/rup["sessions"].(float64) {
		t.Errorf("reported_frequency %v is not reported %v of sessions %v", rate, rup["reported"], rup["sessions"])
	}
	if g := s["not_on_track"].(map[string]any); g["clients"].(float64) > float64(n) || g["outcomes"] == nil {
		t.Errorf("not_on_track %v", g)
	}
	if bs := s["by_session"].([]any); len(bs) == 0 || bs[0].(map[string]any)["clients"] != float64(n) {
		t.Errorf("by_session does not start with session 1 attended by all %d: %v", n, bs)
	}
	for _, k := range []string{"alliance_outcome", "homework_outcome"} {
		c := s[k].(map[string]any)
		if _, ok := c["r"]; !ok {
			t.Errorf("%s has no r: %v", k, c)
		}
	}
}

// writeShards runs the cohort in shards, each writing its files to dir,
// and returns the files.
func writeShards(t *testing.T, dir string, shards int, args ...string) []string {
	t.Helper()
	var files []string
	for k := 1; k <= shards; k++ {
		c := filepath.Join(dir, "clients-"+strconv.Itoa(k)+".csv")
		s := filepath.Join(dir, "sessions-"+strconv.Itoa(k)+".csv")
		shard := strconv.Itoa(k) + "/" + strconv.Itoa(shards)
		r := cohortRun(t, append(args, "--shard", shard, "--clients", c, "--sessions", s)...)
		if !strings.Contains(r.stdout, "\nShard "+shard+": clients ") {
			t.Errorf("the summary of shard %s does not say which clients it ran:\n%s", shard, r.stdout)
		}
		files = append(files, s, c)
	}
	return files
}

func TestCohortFiles(t *testing.T) {
	dir := t.TempDir()
	c, s := filepath.Join(dir, "c.csv"), filepath.Join(dir, "s.csv")
	cohortRun(t, "cbt-depression", "--n", cohortN, "--seed", "5", "--clients", c, "--sessions", s)
	clients := csvLines(t, c)
	sessions := csvLines(t, s)
	if want := strings.Join(cohort.ClientsHeader, ","); clients[0] != want {
		t.Errorf("clients header\n%s\nwant\n%s", clients[0], want)
	}
	if want := strings.Join(cohort.SessionsHeader, ","); sessions[0] != want {
		t.Errorf("sessions header\n%s\nwant\n%s", sessions[0], want)
	}
	if n, _ := strconv.Atoi(cohortN); len(clients) != n+1 {
		t.Errorf("the clients file has %d lines, want a header and %d rows", len(clients), n)
	}
	attended := 0
	col := indexOf(cohort.ClientsHeader, "sessions_attended")
	for _, l := range clients[1:] {
		n, err := strconv.Atoi(strings.Split(l, ",")[col])
		if err != nil {
			t.Fatalf("sessions_attended in %q: %v", l, err)
		}
		attended += n
	}
	if len(sessions) != attended+1 {
		t.Errorf("the sessions file has %d rows, the clients attended %d sessions", len(sessions)-1, attended)
	}
}

// csvLines reads a file's lines, without their newlines.
func csvLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

func TestCohortSummarizeShards(t *testing.T) {
	args := []string{"cbt-depression", "--n", cohortN, "--seed", "8", "--policy", "no-homework"}
	whole := cohortRun(t, args...)
	wholeJSON := cohortRun(t, append(args, "--json")...)
	files := writeShards(t, t.TempDir(), 3, args...)
	for _, tc := range []struct {
		name  string
		extra []string
		want  string
	}{
		{"text", nil, whole.stdout},
		{"json", []string{"--json"}, wholeJSON.stdout},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := cohortRun(t, append(append([]string{"summarize"}, files...), tc.extra...)...)
			if r.stdout != tc.want {
				t.Errorf("summarize of the shards differs from the one-shot run:\n%s", lineDiff(tc.want, r.stdout))
			}
			if r.stderr != "" {
				t.Errorf("summarize wrote on stderr: %s", r.stderr)
			}
		})
	}
}

func TestCohortSameWhateverTheWorkers(t *testing.T) {
	want := cohortRun(t, "cbt-depression", "--n", cohortN, "--workers", "1", "--json").stdout
	for _, w := range []string{"2", "5"} {
		if got := cohortRun(t, "cbt-depression", "--n", cohortN, "--workers", w, "--json").stdout; got != want {
			t.Errorf("--workers %s gives another summary:\n got %s\nwant %s", w, got, want)
		}
	}
	byPath := cohortRun(t, "cbt-depression", "--n", cohortN, "--policy", "../../scenarios/policies/competent.toml", "--json").stdout
	if byPath != want {
		t.Errorf("the competent policy by path gives another summary than by id")
	}
	model := cohortRun(t, "cbt-depression", "--n", cohortN, "--model", "../../scenarios/model.toml", "--json").stdout
	if model != want {
		t.Errorf("--model with the built-in model's file gives another summary")
	}
}

func TestCohortBadPolicyFile(t *testing.T) {
	r := therasim(t, "", "cohort", "cbt-depression", "--n", "10", "--policy", "testdata/mini.toml")
	r.want(t, exitBad, "testdata/mini.toml:", "testdata/mini.toml has mistakes (above)")
	if r.stdout != "" {
		t.Errorf("a bad policy printed a summary:\n%s", r.stdout)
	}
}

func TestCohortSummarizeProblems(t *testing.T) {
	dir := t.TempDir()
	files := writeShards(t, dir, 2, "cbt-depression", "--n", "60", "--seed", "2")
	other := writeShards(t, t.TempDir(), 2, "cbt-depression", "--n", "60", "--seed", "4")
	garbage := filepath.Join(dir, "garbage.csv")
	if err := os.WriteFile(garbage, []byte("a,b\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.csv")
	older := filepath.Join(dir, "older.csv") // a per-session file of TheraSim before the rupture measures
	header := strings.Join(cohort.SessionsHeader[:indexOf(cohort.SessionsHeader, "dropout_risk")+1], ",")
	if err := os.WriteFile(older, []byte(header+"\ncbt-depression,competent,2,60,0,1,90,false,3,3,3,3,false,,0,0,0,0.1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		files []string
		code  int
		msg   string
	}{
		{"one shard", files[:2], exitOK, "30 of the cohort's 60 clients are missing from the files"},
		{"clients only", []string{files[1], files[3]}, exitBad, "no per-session file among the files"},
		{"sessions only", []string{files[0]}, exitBad, "no per-client file among the files"},
		{"twice", slices.Concat(files, files[1:2]), exitBad, "appears twice"},
		{"two cohorts", slices.Concat(files[:2], other[:2]), exitBad, "records of two cohorts"},
		{"not a cohort's file", slices.Concat(files, []string{garbage}), exitBad, "garbage.csv: line 1: not a cohort's per-client or per-session file"},
		{"older file", []string{files[1], older}, exitBad, "older.csv: this per-session file was written by an older TheraSim: it lacks the columns " +
			"rupture_peak, rupture_reported, rupture_resolved, ruptures_by_client and repairs_failed, which this version needs to summarise the cohort; " +
			"simulate the cohort again to write its files anew"},
		{"missing file", slices.Concat(files, []string{missing}), exitIO, "cannot read " + missing + ": no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := therasim(t, "", append([]string{"cohort", "summarize"}, tc.files...)...)
			r.want(t, tc.code, tc.msg)
			if tc.code != exitOK && r.stdout != "" {
				t.Errorf("a failed summarize printed:\n%s", r.stdout)
			}
		})
	}
	r := therasim(t, "", append([]string{"cohort", "summarize"}, files[:2]...)...)
	if !strings.Contains(r.stdout, "\nSummarised 30 of the cohort's 60 clients: the files of some shards are missing.\n") {
		t.Errorf("the summary of one shard of two does not say it is partial:\n%s", r.stdout)
	}
}

func TestCohortUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{}, "name a scenario"},
		{[]string{"a.toml", "b.toml"}, "cohort simulates one scenario; 2 were named"},
		{[]string{"cbt-depression", "--n", "0"}, "--n 0: simulate at least one client"},
		{[]string{"cbt-depression", "--n", "-5"}, "--n -5: simulate at least one client"},
		{[]string{"cbt-depression", "--n", "99999999999999999999"}, "value out of range"},
		{[]string{"cbt-depression", "--workers", "-1"}, "--workers -1"},
		{[]string{"cbt-depression", "--shard", "2"}, "--shard 2: give K/N"},
		{[]string{"cbt-depression", "--shard", "a/b"}, "--shard a/b: give K/N"},
		{[]string{"cbt-depression", "--shard", "1/"}, "--shard 1/: give K/N"},
		{[]string{"cbt-depression", "--shard", "0/4"}, "--shard 0/4: shards are numbered from 1 to N (--shard 1/4 ... --shard 4/4)"},
		{[]string{"cbt-depression", "--shard", "5/4"}, "shards are numbered from 1 to N"},
		{[]string{"cbt-depression", "--shard", "1/0"}, "shards are numbered from 1 to N"},
		{[]string{"cbt-depression", "--policy", "expert"}, `no policy "expert": give a shipped id (competent, feedback, no-homework, novice, random, trainee) or a path to a .toml file`},
		{[]string{"no-such-scenario"}, `no scenario "no-such-scenario"`},
		{[]string{"cbt-depression", "--n", "x"}, `invalid value "x" for flag -n`},
		{[]string{"summarize"}, "name the per-client and per-session CSV files"},
		{[]string{"summarize", "--n", "10", "c.csv"}, "summarize takes only --json; --n is for simulating"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := therasim(t, "", append([]string{"cohort"}, tc.args...)...)
			r.want(t, exitUsage, tc.msg, "usage: therasim cohort")
			if r.stdout != "" {
				t.Errorf("a usage error wrote on stdout: %s", r.stdout)
			}
		})
	}
}

// TestCohortProgress runs with stderr as a terminal: the progress bar
// shows there, and stdout has the summary alone.
func TestCohortProgress(t *testing.T) {
	var out, errs bytes.Buffer
	a := &app{
		stdin:  strings.NewReader(""),
		stdout: &out,
		stderr: &errs,
		errTTY: true,
		now:    func() time.Time { return time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC) },
		getenv: func(string) string { return "" },
	}
	if code := a.main([]string{"cohort", "cbt-depression", "--n", "50", "--json"}); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if !strings.Contains(errs.String(), "simulating") {
		t.Errorf("no progress bar on a terminal's stderr: %q", errs.String())
	}
	if err := json.Unmarshal(out.Bytes(), new(map[string]any)); err != nil {
		t.Errorf("stdout is not the JSON summary alone: %v\n%s", err, out.String())
	}
}

// TestCohortRunTimeFailures (case expression-failures): a condition that
// divides by zero at run time is reported where it failed and in how many
// clients, and the cohort exits 1.
func TestCohortRunTimeFailures(t *testing.T) {
	r := therasim(t, "", "cohort", "testdata/when-mod-zero.toml", "--n", "50")
	if r.code != exitBad {
		t.Errorf("exit %d, want %d", r.code, exitBad)
	}
	for _, want := range []string{"beat worry, from session 1: integer divide by zero", "clients (the first: client", "failed at run time"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if !strings.Contains(r.stdout, "Attendance") {
		t.Errorf("no summary:\n%s", r.stdout)
	}
}

// fakeDisk makes the disks have free bytes free, until the test ends.
func fakeDisk(t *testing.T, free uint64) {
	t.Helper()
	old := diskFree
	diskFree = func(string) (uint64, uint64, bool) { return free, 1, true }
	t.Cleanup(func() { diskFree = old })
}

// TestCohortDiskFull: a cohort whose files would not fit on the disk is
// refused before it runs, saying how much they need and how much is free,
// and the files are not touched.
func TestCohortDiskFull(t *testing.T) {
	dir := t.TempDir()
	c, s := filepath.Join(dir, "c.csv"), filepath.Join(dir, "s.csv")
	if err := os.WriteFile(c, []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		free uint64
		args []string
		msg  string
	}{
		{"small", 1e6, []string{"--n", "100000", "--clients", c}, "the CSV files would need about 3"},
		{"two files", 1e6, []string{"--n", "10000", "--clients", c, "--sessions", s}, c + " and " + s + ": the CSV files would need about "},
		{"huge", 1e12, []string{"--n", "2000000000", "--clients", c, "--sessions", s}, "the disk has 1000 GB free"},
		{"a shard of a huge cohort", 1e11, []string{"--n", "2000000000", "--shard", "3/10", "--sessions", s}, "GB; the disk has 100 GB free"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fakeDisk(t, tc.free)
			r := therasim(t, "", append([]string{"cohort", "cbt-depression"}, tc.args...)...)
			r.want(t, exitIO, tc.msg)
			if r.stdout != "" {
				t.Errorf("a refused cohort printed:\n%s", r.stdout)
			}
		})
	}
	if data, err := os.ReadFile(c); err != nil || string(data) != "kept" {
		t.Errorf("a refused run touched %s: %q, %v", c, data, err)
	}
	if _, err := os.Stat(s); err == nil {
		t.Errorf("a refused run created %s", s)
	}
	// Room enough (the files' present size counts as free): it runs.
	fakeDisk(t, 2e6)
	cohortRun(t, "cbt-depression", "--n", "1000", "--clients", c, "--sessions", s)
}

// TestCohortInterrupted: a run stopped by Ctrl-C prints the summary of the
// clients done so far, says so, and exits 1; a cohort of two billion
// clients starts (in constant memory) and stops cleanly.
func TestCohortInterrupted(t *testing.T) {
	old := cohortContext
	t.Cleanup(func() { cohortContext = old })
	cohortContext = func() (context.Context, context.CancelFunc) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // Ctrl-C before the first client
		return ctx, cancel
	}
	r := therasim(t, "", "cohort", "cbt-depression", "--n", "2000000000", "--json")
	r.want(t, exitBad, "interrupted: no client of the 2000000000 was done")
	var s map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil || s["n"] != 2e9 || s["clients"] != 0.0 {
		t.Errorf("the summary of an interrupted run: %v\n%s", err, r.stdout)
	}
	r = therasim(t, "", "cohort", "cbt-depression", "--n", "100")
	r.want(t, exitBad, "interrupted")
	if !strings.Contains(r.stdout, "\nInterrupted: no client of the 100 was done; the summary is empty.\n") {
		t.Errorf("the text summary does not say it was interrupted:\n%s", r.stdout)
	}
}
