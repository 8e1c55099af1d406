package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

func readRecording(t *testing.T, path string) *sim.Recording {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rec, err := sim.ReadRecording(f)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// fingerprints returns the fingerprints of a recording's choices.
func fingerprints(t *testing.T, path string) []string {
	t.Helper()
	var out []string
	for _, c := range readRecording(t, path).Choices {
		out = append(out, c.Fingerprint)
	}
	return out
}

// readLines returns the lines of a file, each with its newline.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// flipFingerprint changes the first digit of the fingerprint in line l.
func flipFingerprint(l string) string {
	i := strings.Index(l, `"fingerprint":"`) + len(`"fingerprint":"`)
	c := "0"
	if l[i] == '0' {
		c = "1"
	}
	return l[:i] + c + l[i+1:]
}

func writeLines(t *testing.T, path string, lines []string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// alter returns lines with line n (from 1) changed by f.
func alter(lines []string, n int, f func(string) string) []string {
	out := append([]string(nil), lines...)
	out[n-1] = f(out[n-1])
	return out
}

// recordThree records a complete run of testdata/three.toml in dir.
func recordThree(t *testing.T, dir string) string {
	t.Helper()
	rec := filepath.Join(dir, "three.jsonl")
	therasim(t, "", "run", "--seed", "1", "--choices", threeChoices, "--record", rec, "testdata/three.toml").want(t, exitOK)
	return rec
}

func TestVerify(t *testing.T) {
	dir := t.TempDir()
	rec := recordThree(t, dir)
	r := therasim(t, "", "replay", "verify", "--scenario", "testdata/three.toml", rec)
	r.want(t, exitOK)
	want := "OK " + rec + ": 7 choices verified; scenario three, seed 1; the run is complete.\n"
	if r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
	// The flag may follow the file.
	therasim(t, "", "replay", "verify", rec, "--scenario", "testdata/three.toml").want(t, exitOK)

	part := filepath.Join(dir, "part.jsonl")
	therasim(t, "", "run", "--seed", "1", "--choices", "1,1", "--record", part, "testdata/three.toml").want(t, exitBad)
	r = therasim(t, "", "replay", "verify", "--scenario", "testdata/three.toml", part)
	r.want(t, exitOK)
	if !strings.Contains(r.stdout, "2 choices verified") || !strings.Contains(r.stdout, "the run stops in session 1") {
		t.Errorf("stdout %q", r.stdout)
	}
}

// TestVerifyFolder: 'replay verify' given a folder, as a class server's
// runs folder, or several files verifies each: a line for each that
// verifies, the reason for each that does not, how many did not, and the
// exit status of the worst.
func TestVerifyFolder(t *testing.T) {
	dir := t.TempDir()
	rec := recordThree(t, dir)
	lines := readLines(t, rec)
	part := filepath.Join(dir, "part.jsonl")
	therasim(t, "", "run", "--seed", "1", "--choices", "1,1", "--record", part, "testdata/three.toml").want(t, exitBad)

	r := therasim(t, "", "replay", "verify", "--scenario", "testdata/three.toml", dir)
	r.want(t, exitOK)
	if n := strings.Count(r.stdout, "OK "); n != 2 || r.stderr != "" {
		t.Errorf("a folder of two good runs: %d OK lines, stdout %q, stderr %q", n, r.stdout, r.stderr)
	}

	writeLines(t, filepath.Join(dir, "forged.jsonl"), alter(lines, 4, flipFingerprint))
	r = therasim(t, "", "replay", "verify", "--scenario", "testdata/three.toml", dir)
	r.want(t, exitBad, "forged.jsonl does not verify", "choice 3: state fingerprint differs", "1 of 3 recordings do not verify")
	if n := strings.Count(r.stdout, "OK "); n != 2 {
		t.Errorf("with one forged run among three, %d OK lines: %s", n, r.stdout)
	}

	r = therasim(t, "", "replay", "verify", "--scenario", "testdata/three.toml", rec, filepath.Join(dir, "none.jsonl"))
	r.want(t, exitIO, "cannot read the recording")
}

func TestVerifyRefusals(t *testing.T) {
	dir := t.TempDir()
	rec := recordThree(t, dir)
	unkept(t, dir) // as a run recorded before copies were kept: see TestKept
	lines := readLines(t, rec)

	// Choice 3 is on line 4.
	fp := filepath.Join(dir, "fingerprint.jsonl")
	writeLines(t, fp, alter(lines, 4, flipFingerprint))

	option := filepath.Join(dir, "option.jsonl")
	writeLines(t, option, alter(lines, 3, func(l string) string { return strings.Replace(l, `"option":1`, `"option":2`, 1) }))

	changed := filepath.Join(dir, "changed.toml")
	src, err := os.ReadFile("testdata/three.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(changed, bytes.Replace(src, []byte("reactance = 0.7"), []byte("reactance = 0.1"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	oldHash, newHash := scenariotest.Load(t, "testdata/three.toml").Hash, scenariotest.Load(t, changed).Hash

	cut := filepath.Join(dir, "cut.jsonl")
	whole := strings.Join(lines, "")
	if err := os.WriteFile(cut, []byte(whole[:len(whole)-20]), 0o644); err != nil {
		t.Fatal(err)
	}

	garbled := filepath.Join(dir, "garbled.jsonl")
	writeLines(t, garbled, alter(lines, 3, func(string) string { return "{not json\n" }))

	// Notes and choices edited by hand (issue: the JSON decoder's words,
	// and a curly quote shown garbled).
	noted := func(name, line string) string {
		path := filepath.Join(dir, name)
		writeLines(t, path, append(append([]string(nil), lines...), line+"\n"))
		return path
	}
	quoted := noted("quoted.jsonl", `{"type":"note","choice":"1","author":"me","text":"Good opening."}`)
	curly := noted("curly.jsonl", `{"type":"note","choice":1,"author":"me","text":“Good opening.”}`)
	comma := noted("comma.jsonl", `{"type":"note", "choice":1, "text":"Good opening.",}`)
	worded := filepath.Join(dir, "worded.jsonl")
	writeLines(t, worded, alter(lines, 2, func(l string) string { return strings.Replace(l, `"option":1`, `"option":"one"`, 1) }))
	n := len(lines) + 1

	for _, tc := range []struct {
		name     string
		file     string
		scenario string
		code     int
		msgs     []string
	}{
		{"fingerprint", fp, "testdata/three.toml", exitBad, []string{"does not verify", "choice 3: state fingerprint differs: recorded"}},
		{"option", option, "testdata/three.toml", exitBad, []string{"does not verify", "choice 2:"}},
		{"a scenario changed in what the choices do", rec, changed, exitBad, []string{"does not verify: choice ", "the scenario's file", oldHash[:12], newHash[:12], "changes what the recorded choices do"}},
		{"other scenario", rec, "testdata/mini.toml", exitBad, []string{`the recording is of scenario "three", not "mini"`}},
		{"cut mid-line", cut, "testdata/three.toml", exitBad, []string{"recording line 8:", "cut off"}},
		{"garbled", garbled, "testdata/three.toml", exitBad, []string{"recording line 3:"}},
		{"a note's choice in quotes", quoted, "testdata/three.toml", exitBad, []string{fmt.Sprintf(`quoted.jsonl: recording line %d: "choice" should be a whole number (the choice the note is about, 0 for the whole run), not "1" in quotes`, n)}},
		{"a note in curly quotes", curly, "testdata/three.toml", exitBad, []string{fmt.Sprintf(`curly.jsonl: recording line %d: a curly quote (“) where a straight one (") belongs`, n), "if you edited this line by hand, use straight quotes"}},
		{"a comma after the last field", comma, "testdata/three.toml", exitBad, []string{fmt.Sprintf(`comma.jsonl: recording line %d: a comma before the closing }`, n)}},
		{"an option in words", worded, "testdata/three.toml", exitBad, []string{`worded.jsonl: recording line 2: "option" should be a whole number (the option chosen, from 1), not "one"`}},
		{"missing", filepath.Join(dir, "none.jsonl"), "testdata/three.toml", exitIO, []string{"cannot read the recording"}},
		{"not shipped", rec, "", exitUsage, []string{`scenario "three", which does not come with TheraSim`, "--scenario three.toml"}},
		{"bad scenario", rec, "testdata/bad.toml", exitBad, []string{"testdata/bad.toml:37:1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"replay", "verify", tc.file}
			if tc.scenario != "" {
				args = append(args, "--scenario", tc.scenario)
			}
			r := therasim(t, "", args...)
			r.want(t, tc.code, tc.msgs...)
			if r.stdout != "" {
				t.Errorf("stdout: %s", r.stdout)
			}
			for _, jargon := range []string{"json:", "Go struct", "invalid character", "â"} {
				if strings.Contains(r.stderr, jargon) {
					t.Errorf("stderr says %q: %s", jargon, r.stderr)
				}
			}
		})
	}
}

// TestVerifyRevised (case cosmetic-scenario-edit): a scenario edited in
// nothing the recorded choices do (a comment, CRLF line endings, a reworded
// client line) still verifies the class's runs, with a line saying the
// text changed.
func TestVerifyRevised(t *testing.T) {
	dir := t.TempDir()
	rec := recordThree(t, dir)
	src, err := os.ReadFile("testdata/three.toml")
	if err != nil {
		t.Fatal(err)
	}
	line := []byte("I suppose I should say why I'm here.")
	if !bytes.Contains(src, line) {
		t.Fatalf("three.toml has no %q to reword", line)
	}
	for name, edit := range map[string][]byte{
		"comment":  append([]byte("# A comment an instructor added.\n"), src...),
		"crlf":     bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n")),
		"reworded": bytes.Replace(src, line, []byte("I should say why I am here, I suppose."), 1),
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".toml")
			if err := os.WriteFile(path, edit, 0o644); err != nil {
				t.Fatal(err)
			}
			r := therasim(t, "", "replay", "verify", "--scenario", path, rec)
			r.want(t, exitOK)
			if !strings.Contains(r.stdout, "choices verified") || !strings.Contains(r.stdout, "the scenario's file") || !strings.Contains(r.stdout, "in nothing the recorded choices do") {
				t.Errorf("stdout:\n%s", r.stdout)
			}
		})
	}
}

// TestVerifyEngine01: a run recorded by engine 0.1, whose model had no
// [dynamics] table, still verifies with this engine from the copies kept
// beside it, though the shipped model now has one.
func TestVerifyEngine01(t *testing.T) {
	dir := t.TempDir()
	src := "testdata/engine-0.1"
	for _, name := range []string{"psychodynamic-pattern.jsonl",
		"kept/076d2e6c6d7a2a0211766c32b61121d434109834158d80f831ed7a740ca635d1.model.toml",
		"kept/1335e4748d064844212d0500313065a977f28a60f18e2ec2b6698e5e8d2e96d5.toml"} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := therasim(t, "", "replay", "verify", filepath.Join(dir, "psychodynamic-pattern.jsonl"))
	r.want(t, exitOK)
	if !strings.Contains(r.stdout, "choices verified") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
}
