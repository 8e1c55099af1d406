package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/therasim/therasim/sim"
)

// dropCutLine drops the last line of the recording at path when it was
// cut off while it was written (a crash, a full disk: no newline at its
// end), so that the run can go on from the last whole line. It must be
// called with the recording's lock held (recfile.Append). It returns how
// many bytes it dropped: 0 when the recording ends in a whole line, or is
// cut in its first line (the header), which is left for the reader to
// refuse. A file that is not a recording up to the cut is left alone.
func dropCutLine(path string) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("cannot read the recording: %w", err)
	}
	i := bytes.LastIndexByte(data, '\n')
	if len(data) == 0 || i < 0 || len(bytes.TrimSpace(data[i+1:])) == 0 {
		return 0, nil
	}
	if len(bytes.TrimSpace(data[:i])) == 0 {
		return 0, nil // nothing but the cut line
	}
	if _, err := sim.ParseRecording(data[:i+1]); err != nil {
		return 0, nil // not a recording before the cut: the reader says why
	}
	if err := os.Truncate(path, int64(i+1)); err != nil {
		return 0, fmt.Errorf("cannot drop the cut last line of %s: %w", path, err)
	}
	return len(data) - (i + 1), nil
}
