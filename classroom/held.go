package classroom

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/therasim/therasim/sim"
)

// What the server holds of a trainee's run (PathHeld), for a browser that
// crashed to take back the choices, answers and recall its copy lost.

// held answers a Held: the choices the server holds of the trainee's run,
// as in memory, or else as on disk; none when it holds no run of that
// trainee, id and header.
func (s *Server) held(w http.ResponseWriter, req *http.Request) {
	var h Held
	if !decode(w, req, &h) {
		return
	}
	name, ok := s.admit(w, req, h.Code, h.Trainee)
	if !ok {
		return
	}
	if len(h.Run) > MaxRunID || len(h.Header.Scenario) > MaxField {
		refuse(w, http.StatusBadRequest, fmt.Sprintf("The run's identifier or scenario is longer than %d bytes", MaxField))
		return
	}
	if ok, wait := s.appends.take(name); !ok {
		tooMany(w, wait, fmt.Sprintf("More requests have come from %s than anyone can make", name))
		return
	}
	for _, file := range runFiles(name, h.Run, h.Header.Scenario) {
		s.mu.Lock()
		r := s.runs[file]
		s.mu.Unlock()
		if r != nil {
			r.mu.Lock()
			if r.loaded && r.same(h.Header) {
				held := HeldRun{Choices: append([]sim.ChoiceRecord{}, r.choices...),
					CheckIns: append([]sim.CheckInAnswer(nil), r.checkIns...), Recall: append([]sim.Recall(nil), r.recall...)}
				r.mu.Unlock()
				reply(w, held)
				return
			}
			r.mu.Unlock()
		}
		data, err := s.root.ReadFile(file)
		if err != nil {
			continue
		}
		// A last line a crash cut off was never acknowledged.
		data = data[:bytes.LastIndexByte(data, '\n')+1]
		rec, err := sim.ParseRecording(data)
		if err != nil {
			continue
		}
		o := rec.Header
		if o.Trainee == name && o.Scenario == h.Header.Scenario && o.SHA256 == h.Header.SHA256 && o.Seed == h.Header.Seed {
			reply(w, HeldRun{Choices: append([]sim.ChoiceRecord{}, rec.Choices...), CheckIns: rec.CheckIns, Recall: rec.Recall})
			return
		}
	}
	reply(w, HeldRun{Choices: []sim.ChoiceRecord{}})
}
