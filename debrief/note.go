package debrief

import (
	"fmt"

	"github.com/therasim/therasim/recfile"
	"github.com/therasim/therasim/sim"
)

// AddNote appends the instructor's note n to the recording in path, as one
// annotation line ("type":"note"), and syncs it to disk. The recorded
// choices are never rewritten: the file is opened for appending only. It
// refuses a note about a choice beyond those recorded (the reader would
// refuse the whole file for it), a file that does not read as a
// recording, and a run that another program is still recording
// (recfile.ErrBusy).
func AddNote(path string, n sim.Note) error {
	// The lock first: a run still being played is refused (recfile.ErrBusy)
	// rather than interleaved with.
	f, err := recfile.Append(path)
	if err != nil {
		return err
	}
	rec, err := Read(path)
	if err != nil {
		f.Close()
		return err
	}
	if n.Choice < 0 || n.Choice > len(rec.Choices) {
		f.Close()
		return fmt.Errorf("%s: a note about choice %d, but the recording has %s", path, n.Choice, Count(len(rec.Choices), "choice", "choices"))
	}
	if err := sim.ResumeRecorder(f, rec).Note(n); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}
