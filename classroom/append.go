package classroom

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/therasim/therasim/recfile"
	"github.com/therasim/therasim/sim"
	"golang.org/x/text/unicode/norm"
)

// A run is a recording the server writes: its appends, and its notes, are
// made one at a time.
type run struct {
	mu   sync.Mutex
	name string
	// header is the recording's header: as written when created; before,
	// as the browser sent it.
	header sim.Header
	// sc is the scenario it is played with; nil until the run is loaded.
	sc *sim.Scenario
	// created: the file exists; loaded: header, sc and choices are as on
	// disk.
	created, loaded bool
	// gone: the run was never created and its first append was refused:
	// the server has forgotten it, and a request that waited for it finds
	// the run again.
	gone    bool
	choices []sim.ChoiceRecord
	// checkIns and recall are the trainee's answers to check-ins and
	// lines of recall the recording holds, in order.
	checkIns []sim.CheckInAnswer
	recall   []sim.Recall
	// live is the run as it stands after choices, kept so that an append
	// costs one Verify; nil when it must be replayed.
	live *sim.Run
}

// same reports whether h, a header a browser sent, is of this run: the
// same trainee, scenario, model, seed and mode.
func (r *run) same(h sim.Header) bool {
	o := r.header
	return o.Trainee == h.Trainee && o.Scenario == h.Scenario && o.SHA256 == h.SHA256 &&
		o.Model == h.Model && o.Seed == h.Seed && o.Assess == h.Assess
}

// counts is how much of the run the server holds, as an Acked says it.
func (r *run) counts() Acked {
	return Acked{Acked: len(r.choices), CheckIns: len(r.checkIns), Recall: len(r.recall), Recording: r.name}
}

// append answers an Append: see its doc.
func (s *Server) append(w http.ResponseWriter, req *http.Request) {
	var a Append
	if !decode(w, req, &a) {
		return
	}
	name, ok := s.admitRun(w, req, a.Code, a.Trainee, a.Run, a.Header.Scenario)
	if !ok {
		return
	}
	if ok, wait := s.appends.take(name); !ok {
		s.refusal("%s sends choices faster than anyone plays", name)
		tooMany(w, wait, fmt.Sprintf("More choices have come from %s than anyone can play", name))
		return
	}
	sc, status, why := s.checkAppend(&a, name)
	if why != "" {
		s.refusal("a run of %s: %s", name, why)
		refuse(w, status, why)
		return
	}
	var r *run
	for {
		r, status, why = s.findRun(name, a.Run, a.Header)
		if why != "" {
			s.refusal("a run of %s: %s", name, why)
			refuse(w, status, why)
			return
		}
		r.mu.Lock()
		if !r.gone {
			break
		}
		r.mu.Unlock() // refused and forgotten while this request waited
	}
	defer r.mu.Unlock()
	ack, t, status, why := s.appendTo(r, name, sc, a)
	if !r.created {
		s.forgetRun(r, name)
	}
	if why != "" {
		s.refusal("%s, %s: %s", name, r.name, why)
		refuseAcked(w, status, why, ack)
		return
	}
	if t.began {
		s.event("%s began %q (%s).", name, sc.Title, r.name)
	}
	if t.finished {
		s.event("%s finished %q: %d choices (%s).", name, sc.Title, ack.Acked, r.name)
	}
	if t.recall > 0 {
		s.event("%s wrote %s of recall of %q (%s).", name, plural(t.recall, "line", "lines"), sc.Title, r.name)
	}
	reply(w, ack)
}

// checkAppend checks the limits and the header of an Append of the
// trainee name, and returns the scenario the run is played with; or the
// status and words to refuse it with.
func (s *Server) checkAppend(a *Append, name string) (*sim.Scenario, int, string) {
	switch {
	case a.Run == "":
		return nil, http.StatusBadRequest, "The run has no identifier"
	case len(a.Run) > MaxRunID:
		return nil, http.StatusBadRequest, fmt.Sprintf("The run's identifier has %d bytes; it may have at most %d", len(a.Run), MaxRunID)
	case !utf8.ValidString(a.Run):
		return nil, http.StatusBadRequest, "The run's identifier is not valid text (UTF-8)"
	case len(a.Choices) > MaxChoicesPerAppend:
		return nil, http.StatusRequestEntityTooLarge, fmt.Sprintf("Too many choices were sent at once (%d; the most is %d): send them in several", len(a.Choices), MaxChoicesPerAppend)
	}
	if status, why := checkLines(a); why != "" {
		return nil, status, why
	}
	h := a.Header
	for _, f := range []struct{ what, v string }{{"scenario", h.Scenario}, {"scenario_sha256", h.SHA256}, {"model_sha256", h.Model},
		{"engine", h.Engine}, {"generator", h.Generator}, {"started", h.Started}, {"type", h.Type}} {
		if len(f.v) > MaxField {
			return nil, http.StatusBadRequest, fmt.Sprintf("The run's header has a %s of %d bytes; the most is %d", f.what, len(f.v), MaxField)
		}
	}
	switch {
	case h.Type != "header":
		return nil, http.StatusBadRequest, fmt.Sprintf("The run's header has type %q, not \"header\"", h.Type)
	case h.Format != sim.RecordFormat:
		return nil, http.StatusConflict, fmt.Sprintf("The run is recorded in format %d; this server records format %d: reload the page", h.Format, sim.RecordFormat)
	case h.Engine != sim.Version:
		return nil, http.StatusConflict, fmt.Sprintf("The run was played with TheraSim %s and this server is TheraSim %s: reload the page", h.Engine, sim.Version)
	case h.Generator != sim.Generator:
		return nil, http.StatusConflict, fmt.Sprintf("The run was played with the random generator %q; this server has %q: reload the page", h.Generator, sim.Generator)
	case norm.NFC.String(strings.TrimSpace(h.Trainee)) != name:
		return nil, http.StatusBadRequest, fmt.Sprintf("The run's header is of trainee %q, not of %q who sends it", h.Trainee, name)
	}
	// The recording has the name as the server keeps it.
	a.Header.Trainee = name
	h.Trainee = name
	sc := s.byHash(h.Scenario, h.SHA256)
	if sc == nil {
		for _, o := range s.known {
			if o.ID == h.Scenario {
				return nil, http.StatusConflict, fmt.Sprintf("The run is of another version of scenario %q than the one this class offers (its file has changed since the page loaded it): reload the page and begin it again", h.Scenario)
			}
		}
		return nil, http.StatusConflict, fmt.Sprintf("This class does not offer scenario %q: the instructor's server has no such scenario", h.Scenario)
	}
	if h.Model != sc.ModelHash {
		return nil, http.StatusConflict, "The run was played with another model of the client than this server's: reload the page and begin it again"
	}
	for i, c := range a.Choices {
		switch {
		case c.Type != "choice":
			return nil, http.StatusBadRequest, fmt.Sprintf("Item %d of the choices has type %q, not \"choice\"", i+1, c.Type)
		case c.N < 1:
			return nil, http.StatusBadRequest, fmt.Sprintf("Item %d of the choices is numbered %d; choices are numbered from 1", i+1, c.N)
		case c.N > MaxChoicesPerRun:
			return nil, http.StatusRequestEntityTooLarge, fmt.Sprintf("Choice %d is beyond the most a run may have, %d", c.N, MaxChoicesPerRun)
		case len(c.Beat) > MaxField || len(c.Act) > MaxField || len(c.Fingerprint) > MaxField:
			return nil, http.StatusBadRequest, fmt.Sprintf("Choice %d has a beat, act or fingerprint longer than %d bytes", c.N, MaxField)
		}
	}
	return sc, 0, ""
}

// findRun returns the run the trainee name calls id with header h, made
// when new. Its recording's name is chosen from the trainee and id alone,
// so that a restarted server finds it: NAME_SCENARIO_HASH.jsonl, HASH the
// first hex digits of a SHA-256 of both, more of them in the unlikely
// event that a recording of another run has the name.
func (s *Server) findRun(name, id string, h sim.Header) (*run, int, string) {
	files := runFiles(name, id, h.Scenario)
	s.mu.Lock()
	defer s.mu.Unlock()
	t, why := s.enrol(name)
	if why != "" {
		return nil, http.StatusForbidden, why
	}
	// A trainee enrolled for this request alone is forgotten again when
	// it is refused, or when its run's first write is (forgetRun).
	defer s.unenrol(name)
	for _, file := range files {
		if r := s.runs[file]; r != nil {
			if r.same(h) {
				if r.created {
					t.runs[file] = true
				}
				return r, 0, ""
			}
			continue
		}
		old, err := s.readHeader(file)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// The run's slot is taken now, under s.mu, and given back
			// if its first write fails or is refused (forgetRun): runs
			// begun at once do not all find room for one.
			if len(t.runs)+t.pending >= MaxRunsPerTrainee {
				return nil, http.StatusForbidden, fmt.Sprintf("A trainee may begin %d runs in a class, and %s has begun them all: ask the instructor", MaxRunsPerTrainee, name)
			}
			// Held in memory while its first choices are verified and
			// written, so that requests for it wait for one another;
			// forgotten when they are refused (forgetRun).
			r := &run{name: file, header: h}
			s.runs[file] = r
			t.pending++
			return r, 0, ""
		case err != nil:
			return nil, http.StatusConflict, fmt.Sprintf("The server's recording of this run, %s, cannot be read (%v): the instructor can look at it", file, err)
		}
		r := &run{name: file, header: old, created: true}
		if r.same(h) {
			s.runs[file] = r
			t.runs[file] = true
			return r, 0, ""
		}
	}
	return nil, http.StatusConflict, "The server has recordings of other runs under every name it can give this one"
}

// runFiles are the names, in the order tried, that the run the trainee
// name calls id, of scenario, may be recorded under (see findRun).
func runFiles(name, id, scenario string) []string {
	sum := sha256.Sum256([]byte(name + "\x00" + id))
	hash := hex.EncodeToString(sum[:])
	var out []string
	for _, n := range []int{8, 16, 64} {
		out = append(out, recfile.Slug(name, "run", 40)+"_"+recfile.Slug(scenario, "run", 60)+"_"+hash[:n]+".jsonl")
	}
	return out
}

// heldRun returns the name of the recording of the run the trainee name
// calls id, of scenario, when the server holds one, or "".
func (s *Server) heldRun(name, id, scenario string) string {
	if len(id) > MaxRunID || len(scenario) > MaxField {
		return ""
	}
	files := runFiles(name, id, scenario)
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.trainees[name]; t != nil {
		for _, f := range files {
			if t.runs[f] {
				return f
			}
		}
	}
	return ""
}

// forgetRun forgets the run r (locked) of the trainee name, which was
// never created: its first append was refused, and nothing of it is on
// disk. Nothing the server keeps in memory grows with refused requests.
func (s *Server) forgetRun(r *run, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r.gone = true
	if s.runs[r.name] == r {
		delete(s.runs, r.name)
	}
	if t := s.trainees[name]; t != nil {
		t.pending--
	}
	s.unenrol(name)
}

// took is what an Append took besides the counts: whether the run began
// or finished with it, and how many lines of recall it brought.
type took struct {
	began, finished bool
	recall          int
}

// appendTo appends what a brings to the run r (locked), which the trainee
// name plays with scenario sc; see Append. It returns how much of the run
// the server holds and what the request took, or the status and words to
// refuse it with (and then nothing was written).
func (s *Server) appendTo(r *run, name string, sc *sim.Scenario, a Append) (ack Acked, t took, status int, why string) {
	if r.created && !r.loaded {
		if status, why := s.load(r, sc); why != "" {
			return Acked{}, took{}, status, why
		}
	}
	if !r.created {
		r.sc = sc // its slot among the trainee's runs was taken by findRun
	}
	ack = r.counts()
	held := len(r.choices)
	// What was sent that the server holds must be what it holds.
	checkIns, status, why := fresh(r.checkIns, a.CheckIns, a.CheckInsFrom, sameCheckIn, checkInWords)
	if why != "" {
		return ack, took{}, status, why + "; nothing of this request was kept"
	}
	recall, status, why := fresh(r.recall, a.Recall, a.RecallFrom, func(x, y sim.Recall) bool { return x == y }, recallWords)
	if why != "" {
		return ack, took{}, status, why + "; nothing of this request was kept"
	}
	// The engine is needed to verify a new choice or to see what a
	// moment asks; lines of recall alone, as a finished run's debrief
	// sends them, need no replay.
	needLive := len(checkIns) > 0
	for _, c := range a.Choices {
		needLive = needLive || c.N > held
	}
	wasDone := false
	if needLive {
		if r.live == nil {
			live, err := sim.Replay(r.sc, &sim.Recording{Header: r.header, Choices: r.choices})
			if err != nil {
				return ack, took{}, http.StatusConflict, fmt.Sprintf("The server's recording of this run no longer replays (%v): the instructor can look at %s", err, r.name)
			}
			r.live = live
		}
		wasDone = r.live.Done()
	}
	// Everything new is checked, and recorded into buf, before anything
	// is written: a refused Append writes nothing.
	var buf bytes.Buffer
	rec := sim.ResumeRecorder(&buf, &sim.Recording{Choices: r.choices})
	var added []sim.ChoiceRecord
	refused := func(moved bool, status int, why string) (Acked, took, int, string) {
		if moved {
			r.live = nil // it has moved on: replayed when next needed
		}
		return ack, took{}, status, why + "; nothing of this request was kept"
	}
	// ask records the check-in answers sent for the moment of choice n,
	// the next: they go just before it.
	asked := checkIns // those not yet recorded
	ask := func(n int) (int, string) {
		for len(asked) > 0 && asked[0].Choice <= n {
			ci := asked[0]
			if ci.Choice < n {
				return http.StatusConflict, fmt.Sprintf("The check-in answer at choice %d came after the choice itself, which the server holds already: an answer goes before its choice, and this one cannot be placed", ci.Choice)
			}
			if status, why := fits(r.live.Prompt(), ci); why != "" {
				return status, why
			}
			if err := rec.CheckIn(ci); err != nil {
				return http.StatusInternalServerError, "The server could not record the check-in answer"
			}
			asked = asked[1:]
		}
		return 0, ""
	}
	for _, c := range a.Choices {
		have := held + len(added)
		switch {
		case c.N <= have:
			var old sim.ChoiceRecord
			if c.N <= held {
				old = r.choices[c.N-1]
			} else {
				old = added[c.N-held-1]
			}
			if old != c {
				return refused(len(added) > 0, http.StatusConflict, fmt.Sprintf("Choice %d differs from the choice %d the server already holds of this run", c.N, c.N))
			}
		case c.N > have+1:
			return refused(len(added) > 0, http.StatusConflict, fmt.Sprintf("Choice %d was sent, but the server holds %s of this run: the choices between are missing", c.N, choices(have)))
		default:
			if status, why := ask(c.N); why != "" {
				return refused(len(added) > 0, status, why)
			}
			ev, err := r.live.Verify(c)
			if err != nil {
				return refused(len(added) > 0 || ev != nil, http.StatusConflict, mismatch(c.N, err))
			}
			if err := rec.Record(r.live, ev); err != nil {
				return refused(true, http.StatusInternalServerError, "The server could not record the choice")
			}
			added = append(added, c)
		}
	}
	have := held + len(added)
	if len(asked) > 0 {
		// Answers at the moment of the next choice, which has not come.
		if status, why := ask(have + 1); why != "" {
			return refused(len(added) > 0, status, why)
		}
	}
	if len(asked) > 0 {
		return refused(len(added) > 0, http.StatusConflict, fmt.Sprintf("A check-in answer at choice %d was sent, but this run has %s so far: the choices between are missing", asked[0].Choice, choices(have)))
	}
	for _, rc := range recall {
		if rc.Choice > have {
			return refused(len(added) > 0, http.StatusConflict, fmt.Sprintf("Recall of choice %d was sent, but this run has %s so far: recall is of a choice made", rc.Choice, choices(have)))
		}
		if err := rec.Recall(rc); err != nil {
			return refused(len(added) > 0, http.StatusInternalServerError, "The server could not record the recall")
		}
	}
	if r.created && buf.Len() == 0 {
		return ack, took{}, 0, ""
	}
	if err := s.write(r, buf.Bytes()); err != nil {
		r.live = nil
		return ack, took{}, http.StatusServiceUnavailable, err.Error()
	}
	t.began = !r.created
	if !r.created {
		r.created, r.loaded = true, true
		s.mu.Lock()
		tr := s.trainees[name]
		tr.runs[r.name] = true
		tr.pending--
		s.mu.Unlock()
	}
	r.choices = append(r.choices, added...)
	r.checkIns = append(r.checkIns, checkIns...)
	r.recall = append(r.recall, recall...)
	t.recall = len(recall)
	if r.live != nil {
		t.finished = !wasDone && r.live.Done()
		if r.live.Done() {
			// A finished run takes no more choices: the server keeps
			// what it holds of it (r.choices), not the engine's state,
			// so that a class's memory does not grow with the runs
			// finished.
			r.live = nil
		}
	}
	return r.counts(), t, 0, ""
}

// write writes the lines recorded in data to r's recording, creating it,
// with its header and kept copies, when new, and syncs them to disk. On a
// failure, the recording is as it was.
func (s *Server) write(r *run, data []byte) error {
	path := filepath.Join(s.dir, r.name)
	if !r.created {
		if err := s.keep(r.sc); err != nil {
			return fmt.Errorf("The server cannot write to its folder (%v): it will be sent again", err)
		}
		f, err := recfile.Create(path)
		if err != nil {
			return fmt.Errorf("The server cannot write to its folder (%v): it will be sent again", unwrapPath(err))
		}
		// The header and the choices go to disk in one write, synced once.
		h := r.header
		h.Started = s.now().UTC().Format(time.RFC3339)
		var all bytes.Buffer
		_, err = sim.NewRecorder(&all, h)
		all.Write(data)
		if err == nil {
			err = writeSync(f, all.Bytes())
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return fmt.Errorf("The server cannot write to its folder (%v): it will be sent again", unwrapPath(err))
		}
		r.header = h
		return nil
	}
	f, err := recfile.Append(path)
	if errors.Is(err, recfile.ErrBusy) {
		return errors.New("Another TheraSim program on the server is writing this run's recording just now: it will be sent again")
	}
	if err != nil {
		return fmt.Errorf("The server cannot write to its recording of the run (%v): it will be sent again", unwrapPath(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err == nil {
		if err = writeSync(f, data); err != nil {
			f.Truncate(fi.Size())
		}
	}
	if err != nil {
		return fmt.Errorf("The server cannot write to its recording of the run (%v): it will be sent again", unwrapPath(err))
	}
	return nil
}

// keep keeps copies of the files of sc and of the model in the folder
// (recfile.Keep), once for each scenario while the server runs.
func (s *Server) keep(sc *sim.Scenario) error {
	s.mu.Lock()
	done := s.kept[sc]
	s.mu.Unlock()
	if done {
		return nil
	}
	if _, err := recfile.Keep(s.dir, recfile.KeptScenario, s.source[sc]); err != nil {
		return err
	}
	if _, err := recfile.Keep(s.dir, recfile.KeptModel, s.mdata); err != nil {
		return err
	}
	s.mu.Lock()
	s.kept[sc] = true
	s.mu.Unlock()
	return nil
}

// writeSync writes data to f and syncs it to disk.
func writeSync(f *recfile.File, data []byte) error {
	if len(data) == 0 {
		return nil
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Sync()
}

// load reads r's recording from disk (a server restarted, or a run
// begun by another server on the folder), cutting off a last line a crash
// left half written, and replays it.
func (s *Server) load(r *run, sc *sim.Scenario) (int, string) {
	path := filepath.Join(s.dir, r.name)
	data, err := s.root.ReadFile(r.name)
	if err != nil {
		return http.StatusServiceUnavailable, fmt.Sprintf("The server cannot read its recording of the run (%v)", unwrapPath(err))
	}
	if n := len(data); n > 0 && data[n-1] != '\n' {
		// A line a crash cut off was never acknowledged: it goes, and the
		// browser sends its choice again.
		f, err := recfile.Append(path)
		if err != nil {
			return http.StatusServiceUnavailable, fmt.Sprintf("The server cannot repair its recording of the run (%v)", unwrapPath(err))
		}
		keep := int64(bytes.LastIndexByte(data, '\n') + 1)
		err = f.Truncate(keep)
		if err == nil {
			err = f.Sync()
		}
		f.Close()
		if err != nil {
			return http.StatusServiceUnavailable, fmt.Sprintf("The server cannot repair its recording of the run (%v)", unwrapPath(err))
		}
		s.event("%s ended in half a line, written as the server stopped; it is cut off, and its choice will be sent again.", r.name)
		data = data[:keep]
	}
	rec, err := sim.ParseRecording(data)
	if err != nil {
		return http.StatusConflict, fmt.Sprintf("The server's recording of this run, %s, cannot be read (%v): the instructor can look at it", r.name, err)
	}
	if rec.Header.SHA256 != sc.Hash || rec.Header.Trainee != r.header.Trainee {
		return http.StatusConflict, fmt.Sprintf("The server's recording %s is of another run", r.name)
	}
	live, err := sim.Replay(sc, rec)
	if err != nil {
		return http.StatusConflict, fmt.Sprintf("The server's recording of this run, %s, does not replay (%v): the instructor can look at it", r.name, err)
	}
	r.header, r.sc, r.choices, r.live, r.loaded = rec.Header, sc, rec.Choices, live, true
	r.checkIns, r.recall = rec.CheckIns, rec.Recall
	return 0, ""
}

// mismatch says why choice n does not verify, from Verify's error.
func mismatch(n int, err error) string {
	var me *sim.MismatchError
	if !errors.As(err, &me) {
		return fmt.Sprintf("Choice %d does not match the course: %v", n, err)
	}
	head := fmt.Sprintf("Choice %d does not match the course: ", n)
	switch me.What {
	case "course":
		return head + "the course was already over"
	case "moment":
		return head + fmt.Sprintf("it was made at %s, but the course is at %s there", me.Recorded, me.Replayed)
	case "option":
		return head + fmt.Sprintf("the option chosen is not one offered at that moment (%s)", me.Replayed)
	case "act":
		return head + fmt.Sprintf("the option chosen is not one offered at that moment (its act is %s, and that option's is %s)", me.Recorded, me.Replayed)
	}
	return head + "the client's state after it is not the one the server computes (is the page the same version of TheraSim as the server? reload it)"
}

// choices is "no choice", "1 choice", "5 choices".
func choices(n int) string {
	switch n {
	case 0:
		return "no choice"
	case 1:
		return "1 choice"
	}
	return fmt.Sprintf("%d choices", n)
}

// unwrapPath drops the operation and path a file error repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
