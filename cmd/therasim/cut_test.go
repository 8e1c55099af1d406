package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResumeCut: a recording cut off in the middle of its last line (a
// crash while it was written) is refused by replay, with the reason, and
// resumed by 'run --resume', which says that it drops the cut line; a file
// that is not a recording before the cut is left as it is.
func TestResumeCut(t *testing.T) {
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.jsonl")
	therasim(t, "", "run", "--seed", "1", "--choices", threeChoices, "--record", whole, "testdata/three.toml").want(t, exitOK)
	all := strings.Split(threeChoices, ",")
	part := filepath.Join(dir, "part.jsonl")
	therasim(t, "", "run", "--seed", "1", "--choices", strings.Join(all[:2], ","), "--record", part, "testdata/three.toml").want(t, exitBad)
	lines := readLines(t, whole)
	cut := lines[3][:len(lines[3])/2] // choice 3, half written
	writeLines(t, part, append(readLines(t, part), cut))

	therasim(t, "", "replay", "verify", "--scenario", "testdata/three.toml", part).want(t, exitBad, "recording line 4:", "cut off")
	r := therasim(t, "", "run", "--resume", part, "--choices", strings.Join(all[2:], ","), "testdata/three.toml")
	r.want(t, exitOK, "the last line of "+part+" was cut off while it was written", "so it is dropped ("+itoa(len(cut))+" bytes)")
	if got, want := fingerprints(t, part), fingerprints(t, whole); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the resumed run's fingerprints\n%q\ndiffer from the run made in one go\n%q", got, want)
	}

	for _, tc := range []struct{ name, text, msg string }{
		{"the header cut", lines[0][:40], "cut off"},
		{"not a recording", "[scenario]\nid = \"three\"", "recording line 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".jsonl")
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			therasim(t, "", "run", "--resume", path, "testdata/three.toml").want(t, exitBad, tc.msg)
			if b, _ := os.ReadFile(path); string(b) != tc.text {
				t.Errorf("the file was changed to %q", b)
			}
		})
	}
}
