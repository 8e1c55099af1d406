package debrief

import (
	"fmt"
	"os"

	"github.com/therasim/therasim/sim"
)

// AddNote appends the instructor's note n to the recording in path, as one
// annotation line ("type":"note"), and syncs it to disk. The recorded
// choices are never rewritten: the file is opened for appending only. It
// refuses a note about a choice beyond those recorded (the reader would
// refuse the whole file for it), and a file that does not read as a
// recording.
func AddNote(path string, n sim.Note) error {
	rec, err := Read(path)
	if err != nil {
		return err
	}
	if n.Choice < 0 || n.Choice > len(rec.Choices) {
		return fmt.Errorf("%s: a note about choice %d, but the recording has %d choices", path, n.Choice, len(rec.Choices))
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if err := sim.ResumeRecorder(f, rec).Note(n); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}
