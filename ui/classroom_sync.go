package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/sim"
)

// Class recordings: a run played in class mode is recorded in the
// browser's storage exactly as any other (its name there is the run's id
// in classroom.Append), and settings beside it say how far it has been
// sent.
const (
	// keyRunClass + NAME is the class code the run was played in: it
	// marks the run as one to send.
	keyRunClass = "class/"
	// keyAcked + NAME is how many of its choices the server holds;
	// keyAckedCheckIns + NAME how many of the trainee's answers to
	// check-ins, and keyAckedRecall + NAME how many lines of their
	// recall.
	keyAcked         = "acked/"
	keyAckedCheckIns = "acked-check-ins/"
	keyAckedRecall   = "acked-recall/"
	// keyRefused + NAME is why the server refused the run, in its
	// words; a refused run is not sent again.
	keyRefused = "refused/"
)

// The wait before sending again after a failure: firstRetry, doubled at
// each failure up to lastRetry, or longer when the server asks for it
// (Retry-After).
const (
	firstRetry = 500 * time.Millisecond
	lastRetry  = 10 * time.Second
)

// classSync sends the class's recordings to the server, in the background:
// each choice, answer to a check-in and line of recall as soon as it is
// written (the storage's writer wakes it, see classStorage), and at start
// every class run with anything not yet acknowledged, so that a reload, a
// lost connection or a restarted server loses nothing. It never blocks the window: Update and Draw only read its
// status.
type classSync struct {
	c      *classClient
	st     storage // safe for use from two goroutines (a classStorage)
	wakeup chan struct{}

	mu sync.Mutex
	// first and last bound the wait between attempts after a failure.
	first, last time.Duration
	// due are the runs that may have something to send.
	due  map[string]bool
	runs map[string]*runStatus
	// changed counts changes of status, for the window to redraw.
	changed uint64
}

// runStatus is how far a class run has been sent.
type runStatus struct {
	// choices is how many choices this browser has recorded; acked how
	// many the server holds.
	choices, acked int
	// checkIns is how many answers to check-ins this browser has
	// recorded, and recall how many lines of recall; ackedCheckIns and
	// ackedRecall how many of each the server holds.
	checkIns, ackedCheckIns int
	recall, ackedRecall     int
	// failing says that the last attempt to send failed and will be
	// tried again (the network, or the server's trouble): why.
	failing string
	// refused is the server's words when it refused the run: it is not
	// sent again.
	refused string
}

// newClassSync returns the sender of the class runs in st (which must be
// safe for use from two goroutines).
func newClassSync(c *classClient, st storage) *classSync {
	return &classSync{c: c, st: st, first: firstRetry, last: lastRetry,
		wakeup: make(chan struct{}, 1), due: map[string]bool{}, runs: map[string]*runStatus{}}
}

// scan marks every class run in the storage that the server has not
// refused as due, and reads how far each was sent.
func (s *classSync) scan() {
	names, _ := s.st.Recordings()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, name := range names {
		if code, _ := s.st.Get(keyRunClass + name); code == "" {
			continue
		}
		r := s.run(name)
		r.acked = settingInt(s.st, keyAcked+name)
		if why, _ := s.st.Get(keyRefused + name); why != "" {
			r.refused = why
			continue
		}
		s.due[name] = true
	}
	s.changed++
}

// run returns the status of a run, making it; s.mu is held.
func (s *classSync) run(name string) *runStatus {
	r := s.runs[name]
	if r == nil {
		r = &runStatus{}
		s.runs[name] = r
	}
	return r
}

// written is told, by the storage's writer, that p was just written to
// the recording name: a choice's line, a check-in answer's or a line of
// recall counts at once in the status, and the sender wakes.
func (s *classSync) written(name string, p []byte) {
	var line struct {
		Type string `json:"type"`
		N    int    `json:"n"`
	}
	s.mu.Lock()
	if json.Unmarshal(bytes.TrimSpace(p), &line) == nil {
		r := s.run(name)
		switch line.Type {
		case "choice":
			r.choices = max(r.choices, line.N)
		case "check_in":
			r.checkIns++
		case "recall":
			r.recall++
		}
		s.changed++
	}
	s.due[name] = true
	s.mu.Unlock()
	s.wake()
}

// wake makes the sender look at the due runs now, if it is waiting for
// work (not while it waits to try again after a failure).
func (s *classSync) wake() {
	select {
	case s.wakeup <- struct{}{}:
	default:
	}
}

// status returns the status of the run name, and whether it is a class
// run the sender knows.
func (s *classSync) status(name string) (runStatus, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.runs[name]
	if !ok {
		return runStatus{}, false
	}
	return *r, true
}

// waits returns the bounds of the wait between attempts after a failure.
func (s *classSync) waits() (first, last time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.first, s.last
}

// setWaits sets the bounds of the wait between attempts after a failure,
// as a test does while the sender runs.
func (s *classSync) setWaits(first, last time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.first, s.last = first, last
}

// version changes whenever a status does.
func (s *classSync) version() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// loop sends until ctx is done: whenever woken, and after a failure again
// and again, waiting first, then twice as long each time up to last (or
// what the server asked for).
func (s *classSync) loop(ctx context.Context) {
	first, last := s.waits()
	wait := first
	for ctx.Err() == nil {
		failed := s.step(ctx)
		first, last = s.waits()
		if failed == nil {
			wait = first
			select {
			case <-ctx.Done():
			case <-s.wakeup:
			}
			continue
		}
		d := max(wait, failed.RetryAfter)
		wait = min(2*wait, last)
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
		case <-t.C:
		}
	}
}

// step sends what the due runs have not sent, one run after another, and
// returns the failure to try again after (nil when every due run is sent
// or refused).
func (s *classSync) step(ctx context.Context) *classRefusal {
	s.mu.Lock()
	names := make([]string, 0, len(s.due))
	for name := range s.due {
		names = append(names, name)
	}
	s.mu.Unlock()
	sort.Strings(names)
	for _, name := range names {
		if r := s.flush(ctx, name); r != nil {
			return r
		}
	}
	return nil
}

// flush sends what of the run name the server has not acknowledged (its
// choices, the answers to check-ins and the lines of recall), as much as
// one Append may carry at a time, until the server holds it all, refuses
// the run, or cannot take it now (the refusal returned, the run still
// due).
func (s *classSync) flush(ctx context.Context, name string) *classRefusal {
	rewound := false
	for {
		s.mu.Lock()
		delete(s.due, name) // written (or a failure) makes it due again
		s.mu.Unlock()
		code, _ := s.st.Get(keyRunClass + name)
		if code == "" {
			return nil // a run not played in class mode is not sent
		}
		if why, _ := s.st.Get(keyRefused + name); why != "" {
			s.set(name, func(r *runStatus) { r.refused = why })
			return nil // the server refused it: it is not sent again
		}
		data, err := s.st.ReadRecording(name)
		if err != nil {
			s.refuse(name, "its recording can't be read in this browser ("+err.Error()+")", false)
			return nil
		}
		rec, err := sim.ParseRecording(data)
		if err != nil {
			s.refuse(name, "its recording in this browser is damaged ("+err.Error()+")", false)
			return nil
		}
		held := classroom.Acked{
			Acked:    min(settingInt(s.st, keyAcked+name), len(rec.Choices)),
			CheckIns: min(settingInt(s.st, keyAckedCheckIns+name), len(rec.CheckIns)),
			Recall:   min(settingInt(s.st, keyAckedRecall+name), len(rec.Recall)),
		}
		s.set(name, func(r *runStatus) {
			r.choices, r.checkIns, r.recall = len(rec.Choices), len(rec.CheckIns), len(rec.Recall)
			r.acked, r.ackedCheckIns, r.ackedRecall = held.Acked, held.CheckIns, held.Recall
		})
		if held.Acked == len(rec.Choices) && held.CheckIns == len(rec.CheckIns) && held.Recall == len(rec.Recall) {
			s.set(name, func(r *runStatus) { r.failing = "" })
			return nil
		}
		req := nextAppend(rec, held)
		req.Code, req.Run = code, name
		var ack classroom.Acked
		err = s.c.postJSON(ctx, classroom.PathAppend, req, &ack)
		if ctx.Err() != nil {
			s.markDue(name)
			return &classRefusal{Words: "stopped"}
		}
		r := asRefusal(err)
		switch {
		case err == nil && (ack.Acked > held.Acked || ack.CheckIns > held.CheckIns || ack.Recall > held.Recall) && !fewer(ack, held):
			s.setAcked(name, rec, ack)
			continue
		case err == nil && fewer(ack, held) && !rewound:
			// The server holds less than it did (its folder was
			// restored from a copy): send again from there.
			rewound = true
			s.setAcked(name, rec, ack)
			continue
		case err == nil:
			r = &classRefusal{Status: http.StatusBadGateway, Words: "The class server did not take what was sent"}
		case r == nil:
			s.refuse(name, err.Error(), true)
			return nil
		case r.Status == http.StatusConflict && fewer(r.held(), held) && !rewound:
			// A gap: the server holds less than this browser thought
			// (its folder was restored, or it is another server): send
			// again from the first it lacks.
			rewound = true
			s.setAcked(name, rec, r.held())
			continue
		case !r.transient():
			s.refuse(name, r.Words, true)
			return nil
		}
		s.markDue(name)
		s.set(name, func(st *runStatus) { st.failing = r.Words })
		return r
	}
}

// fewer reports whether the server, which says it holds ack, holds less
// of a run than held, what this browser thought it held, of any kind.
func fewer(ack, held classroom.Acked) bool {
	return ack.Acked < held.Acked || ack.CheckIns < held.CheckIns || ack.Recall < held.Recall
}

// held is how much of the run the server said it holds as it refused.
func (r *classRefusal) held() classroom.Acked {
	return classroom.Acked{Acked: r.Acked, CheckIns: r.CheckIns, Recall: r.Recall}
}

// appendRoom is how much of classroom.MaxBody an Append's check-in answers
// and lines of recall may take, beside its header and choices (at most
// about 20 kB), with room to spare.
const appendRoom = classroom.MaxBody - 28<<10

// nextAppend is the next Append of the run rec, of which the server holds
// held (its code and run left to fill): the choices not acknowledged, up
// to classroom.MaxChoicesPerAppend; the answers to check-ins not
// acknowledged that come before those choices or the next; and the lines
// of recall not acknowledged about the choices sent or held; all as many
// as fit in appendRoom, and never nothing when something is not
// acknowledged.
func nextAppend(rec *sim.Recording, held classroom.Acked) classroom.Append {
	a := classroom.Append{Trainee: rec.Header.Trainee, Header: rec.Header,
		Choices: rec.Choices[held.Acked:min(len(rec.Choices), held.Acked+classroom.MaxChoicesPerAppend)]}
	upTo := held.Acked + len(a.Choices) // the choices the server will hold
	room := appendRoom
	fits := func(v any) bool {
		b, err := json.Marshal(v)
		if err != nil || len(b)+1 > room && room < appendRoom {
			return false
		}
		room -= len(b) + 1
		return true
	}
	for _, ci := range rec.CheckIns[held.CheckIns:] {
		if ci.Choice > upTo+1 || len(a.CheckIns) == classroom.MaxChoicesPerAppend || !fits(ci) {
			break
		}
		a.CheckIns = append(a.CheckIns, ci)
	}
	if len(a.CheckIns) > 0 {
		a.CheckInsFrom = held.CheckIns + 1
	}
	for _, rc := range rec.Recall[held.Recall:] {
		if rc.Choice > upTo || len(a.Recall) == classroom.MaxChoicesPerAppend || !fits(rc) {
			break
		}
		a.Recall = append(a.Recall, rc)
	}
	if len(a.Recall) > 0 {
		a.RecallFrom = held.Recall + 1
	}
	return a
}

// markDue marks a run due again.
func (s *classSync) markDue(name string) {
	s.mu.Lock()
	s.due[name] = true
	s.mu.Unlock()
}

// set changes a run's status.
func (s *classSync) set(name string, f func(*runStatus)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.run(name)
	before := *r
	f(r)
	if *r != before {
		s.changed++
	}
}

// setAcked keeps how much of the run name, whose recording in this
// browser is rec, the server holds: ack, each count at most what rec
// holds.
func (s *classSync) setAcked(name string, rec *sim.Recording, ack classroom.Acked) {
	ack.Acked = max(0, min(ack.Acked, len(rec.Choices)))
	ack.CheckIns = max(0, min(ack.CheckIns, len(rec.CheckIns)))
	ack.Recall = max(0, min(ack.Recall, len(rec.Recall)))
	keepAcked(s.st, name, ack)
	s.set(name, func(r *runStatus) {
		r.acked, r.ackedCheckIns, r.ackedRecall, r.failing = ack.Acked, ack.CheckIns, ack.Recall, ""
	})
}

// keepAcked keeps, in settings beside the recording name, how much of it
// the server holds.
func keepAcked(st storage, name string, ack classroom.Acked) {
	_ = st.Set(keyAcked+name, strconv.Itoa(ack.Acked))
	_ = st.Set(keyAckedCheckIns+name, strconv.Itoa(ack.CheckIns))
	_ = st.Set(keyAckedRecall+name, strconv.Itoa(ack.Recall))
}

// refuse stops sending a run and says why; kept says whether the server
// refused it (and so it is not sent again after a reload) rather than
// this browser failing to read it.
func (s *classSync) refuse(name, why string, kept bool) {
	if kept {
		_ = s.st.Set(keyRefused+name, why)
	}
	s.set(name, func(r *runStatus) { r.refused, r.failing = why, "" })
}

// settingInt reads a setting that holds a count; 0 when it is missing or
// not a count.
func settingInt(st storage, key string) int {
	v, _ := st.Get(key)
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// pending is how many lines of the run the server does not hold yet:
// choices, answers to check-ins and lines of recall.
func (r runStatus) pending() int {
	return max(0, r.choices-r.acked) + max(0, r.checkIns-r.ackedCheckIns) + max(0, r.recall-r.ackedRecall)
}

// waiting says what the server does not hold yet, e.g. "3 choices", "2
// choices and 1 check-in answer", "1 line of your recall".
func (r runStatus) waiting() string {
	var parts []string
	for _, p := range []struct {
		n         int
		one, many string
	}{
		{r.choices - r.acked, "choice", "choices"},
		{r.checkIns - r.ackedCheckIns, "check-in answer", "check-in answers"},
		{r.recall - r.ackedRecall, "line of your recall", "lines of your recall"},
	} {
		if p.n > 0 {
			parts = append(parts, plural(p.n, p.one, p.many))
		}
	}
	switch len(parts) {
	case 0:
		return "nothing"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// words says, in a line for the trainee, how far the run has been sent,
// and whether it is a warning.
func (r runStatus) words() (string, bool) {
	pending := r.pending()
	switch {
	case r.refused != "":
		return "Not sent to your instructor: " + sentence(r.refused) + " Your run is kept in this browser; you can download it at the end.", true
	case pending > 0 && r.failing != "":
		return r.waiting() + " waiting to be sent — keep this page open; they are kept in this browser", false
	case pending > 0:
		return "Sending to your instructor…", false
	case r.acked > 0:
		return "Sent to your instructor", false
	}
	return "Your choices are sent to your instructor as you make them", false
}

// shortWords is words for a narrow place: the count alone, or the start of
// the refusal.
func (r runStatus) shortWords() string {
	switch {
	case r.refused != "":
		return "Not sent to your instructor"
	case r.pending() > 0 && r.failing != "":
		return r.waiting() + " waiting to be sent"
	}
	w, _ := r.words()
	return w
}

// sentence ends s with a full stop unless it ends with one already (or
// with another mark that ends a sentence).
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, ")") && strings.HasSuffix(strings.TrimSuffix(s, ")"), ".") {
		return s
	}
	return s + "."
}
