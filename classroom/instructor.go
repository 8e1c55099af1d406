package classroom

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/recfile"
	"github.com/therasim/therasim/sim"
)

// validName reports whether name can be a recording the instructor's
// paths name: a file name, not hidden, ending .jsonl, with no folder.
func validName(name string) bool {
	return strings.HasSuffix(name, ".jsonl") && len(name) > len(".jsonl") && len(name) <= 255 &&
		!strings.HasPrefix(name, ".") && !strings.ContainsAny(name, `/\:`+"\x00") &&
		utf8.ValidString(name) && filepath.Base(name) == name && filepath.IsLocal(name)
}

// recording returns the path of the recording name in the folder, or
// refuses the request (404) when there is none: a name that is not a
// recording's, or a file that is not one directly in the folder.
func (s *Server) recording(w http.ResponseWriter, name string) (string, bool) {
	if validName(name) {
		if fi, err := s.root.Lstat(name); err == nil && fi.Mode().IsRegular() {
			return filepath.Join(s.dir, name), true
		}
	}
	refuse(w, http.StatusNotFound, fmt.Sprintf("There is no recording %q in the class's folder", clip(name)))
	return "", false
}

// clip is a name as a message quotes it: at most 100 bytes.
func clip(s string) string {
	if len(s) <= 100 {
		return s
	}
	return strings.ToValidUTF8(s[:100], "") + "…"
}

// instructor answers the instructor's paths.
func (s *Server) instructor(w http.ResponseWriter, r *http.Request, p string) {
	key, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !s.secretOK(w, r, addressKey(r.RemoteAddr), s.key, strings.TrimSpace(key), http.StatusUnauthorized,
		"The instructor key is missing or wrong: it was printed when the server started", "a wrong instructor key") {
		return
	}
	switch {
	case p == PathRuns:
		if method(w, r, http.MethodGet) {
			s.runList(w)
		}
	case p == PathNote:
		if method(w, r, http.MethodPost) {
			s.note(w, r)
		}
	case strings.HasPrefix(p, PathRun):
		if method(w, r, http.MethodGet) {
			s.serveRecording(w, strings.TrimPrefix(p, PathRun))
		}
	case strings.HasPrefix(p, PathKept):
		if method(w, r, http.MethodGet) {
			s.serveKept(w, strings.TrimPrefix(p, PathKept))
		}
	case p == PathExport+ClassExport || p == PathExport+ClassProfiles || p == PathExport+ClassSummary:
		if method(w, r, http.MethodGet) {
			s.classExport(w, strings.TrimPrefix(p, PathExport))
		}
	case strings.HasPrefix(p, PathExport):
		if method(w, r, http.MethodGet) {
			s.export(w, strings.TrimPrefix(p, PathExport))
		}
	default:
		refuse(w, http.StatusNotFound, "There is no such page on this class server")
	}
}

// withRun calls do with the run of the recording name locked, so that
// nothing is appended to it meanwhile.
func (s *Server) withRun(name string, do func(r *run)) {
	s.mu.Lock()
	r := s.runs[name]
	if r == nil {
		r = &run{name: name, created: true}
		if h, err := s.readHeader(name); err == nil {
			r.header = h
		}
		s.runs[name] = r
	}
	s.mu.Unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	do(r)
}

// readRecording reads the recording name, with the run locked.
func (s *Server) readRecording(name string) (data []byte, err error) {
	s.withRun(name, func(*run) { data, err = s.root.ReadFile(name) })
	return data, err
}

// runList answers PathRuns.
func (s *Server) runList(w http.ResponseWriter) {
	names, err := s.recordings()
	if err != nil {
		refuse(w, http.StatusInternalServerError, capital(err.Error()))
		return
	}
	list := RunList{Runs: []RunInfo{}}
	for _, name := range names {
		fi, err := s.root.Lstat(name)
		if err != nil {
			continue
		}
		s.mu.Lock()
		l, ok := s.list[name]
		s.mu.Unlock()
		if !ok || l.size != fi.Size() || !l.mod.Equal(fi.ModTime()) {
			l = listed{size: fi.Size(), mod: fi.ModTime(), info: RunInfo{Name: name, Size: fi.Size()}}
			data, err := s.readRecording(name)
			var rec *sim.Recording
			if err == nil {
				rec, err = sim.ParseRecording(data)
				l.size = int64(len(data))
				l.info.Size = l.size
			}
			if err != nil {
				l.err = fmt.Sprintf("%s: %v", name, unwrapPath(err))
			} else {
				l.info.Trainee, l.info.Scenario = rec.Header.Trainee, rec.Header.Scenario
				l.info.Choices, l.info.Notes = len(rec.Choices), len(rec.Notes)
				l.info.CheckIns, l.info.Recall = len(rec.CheckIns), len(rec.Recall)
			}
			s.mu.Lock()
			s.list[name] = l
			s.mu.Unlock()
		}
		if l.err != "" {
			list.Left = append(list.Left, l.err)
			continue
		}
		list.Runs = append(list.Runs, l.info)
	}
	reply(w, list)
}

// serveRecording answers PathRun + name: the recording as it is on disk.
func (s *Server) serveRecording(w http.ResponseWriter, name string) {
	if _, ok := s.recording(w, name); !ok {
		return
	}
	data, err := s.readRecording(name)
	if err != nil {
		refuse(w, http.StatusNotFound, fmt.Sprintf("The recording %s cannot be read: %v", name, unwrapPath(err)))
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}

// serveKept answers PathKept + HASH + kind: a copy kept of a scenario or
// a model.
func (s *Server) serveKept(w http.ResponseWriter, rest string) {
	kind := recfile.KeptScenario
	hash, ok := strings.CutSuffix(rest, recfile.KeptModel)
	if ok {
		kind = recfile.KeptModel
	} else {
		hash, ok = strings.CutSuffix(rest, recfile.KeptScenario)
	}
	var data []byte
	err := fs.ErrNotExist
	if ok {
		data, err = recfile.Kept(s.dir, kind, hash)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		refuse(w, http.StatusNotFound, fmt.Sprintf("No copy %q is kept in the class's folder", clip(rest)))
		return
	case err != nil:
		refuse(w, http.StatusConflict, capital(err.Error()))
		return
	}
	w.Header().Set("Content-Type", "application/toml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(data)
}

// note answers PathNote: the note is appended to the recording, its time
// the server's.
func (s *Server) note(w http.ResponseWriter, r *http.Request) {
	var a AddNote
	if !decode(w, r, &a) {
		return
	}
	path, ok := s.recording(w, a.Recording)
	if !ok {
		return
	}
	n := a.Note
	if n.Author != "" {
		author, why := cleanName(n.Author, "The author's name")
		if why != "" {
			refuse(w, http.StatusBadRequest, why)
			return
		}
		n.Author = author
	}
	switch {
	case n.Type != "" && n.Type != "note":
		refuse(w, http.StatusBadRequest, fmt.Sprintf("The note has type %q, not \"note\"", clip(n.Type)))
		return
	case strings.TrimSpace(n.Text) == "":
		refuse(w, http.StatusBadRequest, "The note is empty: write something")
		return
	case !utf8.ValidString(n.Text):
		refuse(w, http.StatusBadRequest, "The note is not valid text (UTF-8)")
		return
	case utf8.RuneCountInString(n.Text) > MaxNote:
		refuse(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("The note has %d characters; a note may have at most %d", utf8.RuneCountInString(n.Text), MaxNote))
		return
	}
	n.Type, n.Time = "note", s.now().UTC().Format(time.RFC3339)
	status, why := 0, ""
	s.withRun(a.Recording, func(*run) {
		rec, err := debrief.Read(path)
		if err != nil {
			status, why = http.StatusConflict, fmt.Sprintf("The recording %s cannot be read, so no note can be added to it: %v", a.Recording, unwrapPath(err))
			return
		}
		if n.Choice < 0 || n.Choice > len(rec.Choices) {
			status, why = http.StatusBadRequest, fmt.Sprintf("A note about choice %d, but the run has %s", n.Choice, choices(len(rec.Choices)))
			return
		}
		err = debrief.AddNote(path, n)
		switch {
		case errors.Is(err, recfile.ErrBusy):
			status, why = http.StatusServiceUnavailable, "Another TheraSim program on the server is writing this recording just now; try again in a moment"
		case err != nil:
			status, why = http.StatusInternalServerError, fmt.Sprintf("The note could not be added: %v", unwrapPath(err))
		}
	})
	if why != "" {
		refuse(w, status, why)
		return
	}
	s.event("A note was added to %s.", a.Recording)
	reply(w, NoteAdded{Note: n})
}

// open reads the recording name and finds the scenario to re-simulate it
// with, as 'therasim replay' does: its scenario among those offered, or
// the copy kept of it when that scenario now plays it differently or is
// gone (debrief.Resolve).
func (s *Server) open(name string) (*sim.Recording, *debrief.Played, error) {
	data, err := s.readRecording(name)
	if err != nil {
		return nil, nil, fmt.Errorf("The recording %s cannot be read: %w", name, unwrapPath(err))
	}
	rec, err := sim.ParseRecording(data)
	if err != nil {
		return nil, nil, fmt.Errorf("The recording %s: %w", name, err)
	}
	h := rec.Header
	p, err := debrief.Resolve(rec, debrief.FindScenario(s.known, h.Scenario, h.SHA256), s.model, debrief.KeptBeside(s.dir))
	if err != nil {
		return nil, nil, fmt.Errorf("The recording %s cannot be replayed: %w", name, err)
	}
	return rec, p, nil
}

// export answers PathExport + NAME + ".html", ".csv" or ".profile.csv":
// the run's report, table or competence profile, as 'therasim replay NAME
// --export' writes them.
func (s *Server) export(w http.ResponseWriter, rest string) {
	ext := filepath.Ext(rest)
	if strings.HasSuffix(strings.ToLower(rest), debrief.ProfileSuffix) {
		ext = rest[len(rest)-len(debrief.ProfileSuffix):]
	}
	write := debrief.ExporterFor(rest)
	if write == nil || (ext != ".html" && ext != ".csv" && ext != debrief.ProfileSuffix) {
		refuse(w, http.StatusNotFound, "An export is NAME.html (the report), NAME.csv (the table) or NAME"+debrief.ProfileSuffix+" (the competence profile)")
		return
	}
	name := strings.TrimSuffix(rest, ext)
	if _, ok := s.recording(w, name); !ok {
		return
	}
	rec, p, err := s.open(name)
	var d *debrief.Debrief
	if err == nil {
		d, err = debrief.Build(p.Scenario, rec)
	}
	if err != nil {
		refuse(w, http.StatusConflict, capital(err.Error()))
		return
	}
	d.Path = name
	var buf bytes.Buffer
	if err := write(&buf, d); err != nil {
		refuse(w, http.StatusInternalServerError, fmt.Sprintf("Exporting %s: %v", name, err))
		return
	}
	attach(w, strings.TrimSuffix(name, ".jsonl")+ext, buf.Bytes())
}

// classExport answers PathExport + export, one of the class's exports:
// ClassExport, one table of every run of the class that replays, each row
// naming its run and trainee; ClassProfiles, their competence profiles, a
// row a run; or ClassSummary, the supervisor's summary of them.
func (s *Server) classExport(w http.ResponseWriter, export string) {
	names, err := s.recordings()
	if err != nil {
		refuse(w, http.StatusInternalServerError, capital(err.Error()))
		return
	}
	var recs []*sim.Recording
	var played []*debrief.Played
	var kept []string
	for _, name := range names {
		rec, p, err := s.open(name)
		if err != nil {
			continue // RunList.Left says why
		}
		recs, played, kept = append(recs, rec), append(played, p), append(kept, name)
	}
	debrief.Alike(recs, played)
	var runs []*debrief.Debrief
	var runNames []string
	for i, rec := range recs {
		d, err := debrief.Build(played[i].Scenario, rec)
		if err != nil {
			continue
		}
		d.Path = kept[i]
		runs, runNames = append(runs, d), append(runNames, kept[i])
	}
	var buf bytes.Buffer
	switch export {
	case ClassSummary:
		if len(runs) == 0 {
			refuse(w, http.StatusConflict, "No run of the class has come in yet (or none can be replayed), so there is nothing to summarise")
			return
		}
		err = debrief.WriteClassSummary(&buf, "Class summary: "+filepath.Base(filepath.Clean(s.dir)), runs)
	case ClassProfiles:
		err = debrief.WriteClassProfileCSV(&buf, runs, runNames)
	default:
		err = debrief.WriteClassCSV(&buf, runs, runNames)
	}
	if err != nil {
		refuse(w, http.StatusInternalServerError, fmt.Sprintf("Exporting the class: %v", err))
		return
	}
	attach(w, export, buf.Bytes())
}

// attach answers data as a file to download, named name.
func attach(w http.ResponseWriter, name string, data []byte) {
	ctype := "text/csv; charset=utf-8"
	if strings.HasSuffix(name, ".html") {
		ctype = "text/html; charset=utf-8"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	h.Set("Cache-Control", "no-store")
	w.Write(data)
}
