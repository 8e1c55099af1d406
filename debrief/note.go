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
	return annotate(path, n.Choice, 0, func(r *sim.Recorder) error { return r.Note(n) })
}

// AddRecall appends the trainee's recall r of one of their choices to the
// recording in path ("type":"recall"), as AddNote appends a note, with the
// same refusals.
func AddRecall(path string, r sim.Recall) error {
	return annotate(path, r.Choice, 1, func(w *sim.Recorder) error { return w.Recall(r) })
}

// annotate appends one line, about choice n (from lowest), written by
// write, to the recording in path.
func annotate(path string, n, lowest int, write func(*sim.Recorder) error) error {
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
	if n < lowest || n > len(rec.Choices) {
		f.Close()
		return fmt.Errorf("%s: about choice %d, but the recording has %s", path, n, Count(len(rec.Choices), "choice", "choices"))
	}
	if err := write(sim.ResumeRecorder(f, rec)); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}
