package classroom

// Trainees: their names, joining the class, and the class code and
// instructor key every request is checked against.

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A trainee is one name of the class.
type trainee struct {
	joined bool            // joined since the server started
	runs   map[string]bool // the names of their recordings
	// pending counts their runs admitted whose first write is under way.
	pending int
}

// trainee returns the class's trainee of that name, made when new. s.mu
// is held.
func (s *Server) trainee(name string) *trainee {
	t := s.trainees[name]
	if t == nil {
		t = &trainee{runs: map[string]bool{}}
		s.trainees[name] = t
	}
	return t
}

// cleanName returns a trainee's or author's name as the server keeps it
// (spaces trimmed, in Unicode's composed form, NFC, so that "Zoë" typed
// with one character or with an e and its accent is one name), or why it
// cannot be one; what is "The name" or "The author's name", to begin
// the sentence that says why.
func cleanName(name, what string) (string, string) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", what + " is empty: type a name"
	case !utf8.ValidString(name):
		return "", what + " is not valid text (UTF-8)"
	}
	name = norm.NFC.String(name)
	switch {
	case utf8.RuneCountInString(name) > MaxName:
		return "", fmt.Sprintf("%s has %d characters; it may have at most %d", what, utf8.RuneCountInString(name), MaxName)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "", what + " holds a control character (such as a tab or a new line)"
	case strings.IndexFunc(name, invisible) >= 0:
		// Such as a zero-width space or a right-to-left override: two
		// names that look the same would be two trainees, or a name would
		// turn the words around it backwards.
		return "", what + " holds an invisible character (such as a zero-width space or a change of writing direction): type it again, letters, spaces and marks only"
	}
	return name, ""
}

// invisible reports whether c is a Unicode format character (category
// Cf): one that is not seen but changes how the text around it is shown.
func invisible(c rune) bool { return unicode.Is(unicode.Cf, c) }

// join answers a Join.
func (s *Server) join(w http.ResponseWriter, r *http.Request) {
	var j Join
	if !decode(w, r, &j) {
		return
	}
	name, ok := s.admit(w, r, j.Code, j.Trainee)
	if !ok {
		return
	}
	s.mu.Lock()
	t, why := s.enrol(name)
	first := t != nil && !t.joined
	if first {
		t.joined = true
	}
	s.mu.Unlock()
	if why != "" {
		s.refusal("%s could not join: %s", name, why)
		refuse(w, http.StatusForbidden, why)
		return
	}
	if first {
		s.event("%s joined the class.", name)
	}
	reply(w, Joined{Trainee: name, Scenarios: append([]Source{}, s.own...)})
}

// enrol returns the trainee of the name, adding them to the class when
// there is room. s.mu is held.
func (s *Server) enrol(name string) (*trainee, string) {
	if t := s.trainees[name]; t != nil {
		return t, ""
	}
	if len(s.trainees) >= MaxTrainees {
		return nil, fmt.Sprintf("The class is full: it has %d trainees, the most a class may have", MaxTrainees)
	}
	return s.trainee(name), ""
}

// unenrol forgets the trainee of the name when nothing holds them in the
// class: they have not joined, and have no recording and no run under
// way. A trainee is enrolled by a join or by a run's first write, never by
// a refused request. s.mu is held.
func (s *Server) unenrol(name string) {
	if t := s.trainees[name]; t != nil && !t.joined && len(t.runs) == 0 && t.pending <= 0 {
		delete(s.trainees, name)
	}
}

// admit checks a trainee's request: the class code, and the trainee's
// name, which it returns as the server keeps it; or it refuses the request.
func (s *Server) admit(w http.ResponseWriter, r *http.Request, code, trainee string) (string, bool) {
	return s.admitRun(w, r, code, trainee, "", "")
}

// admitRun is admit for the choices of the trainee's run that their
// browser calls id, of scenario: a run the server holds is held back by
// the wrong codes sent with it alone (see codeOK).
func (s *Server) admitRun(w http.ResponseWriter, r *http.Request, code, trainee, id, scenario string) (string, bool) {
	name, why := cleanName(trainee, "The name")
	held := ""
	if why == "" && id != "" {
		held = s.heldRun(name, id, scenario)
	}
	if !s.codeOK(w, r, code, held) {
		return "", false
	}
	if why != "" {
		refuse(w, http.StatusBadRequest, why)
		return "", false
	}
	return name, true
}

// codeOK reports whether code is the class's, refusing the request when
// not (403), or when too many wrong codes or keys have come of late
// (429): from its address, or, for a run the server holds (held, its
// recording's name), with that run.
//
// The wrong codes are counted by address so that no one can guess the
// code (11^6 of them) in the length of a class. But a classroom's
// computers often share one address (a router's), and one trainee
// mistyping, or one guesser, would then block the whole room. So choices
// of a run the server already holds under the trainee's name are held
// back only by the wrong codes sent with that very run: the trainees
// whose choices are flowing go on, whatever happens at their address.
// The price: a guesser who knows a trainee's name and the identifier the
// trainee's browser gave a run (it is in that browser alone, and sent
// with the code) may guess at the rate that run's own count allows, as
// well as at the address's; with a few thousand runs a class at most, the
// code still holds for far longer than a class.
func (s *Server) codeOK(w http.ResponseWriter, r *http.Request, code, held string) bool {
	limit := addressKey(r.RemoteAddr)
	if held != "" {
		limit = "run " + held
	}
	return s.secretOK(w, r, limit, s.code, normalCode(code), http.StatusForbidden,
		"That is not the class code: check it with your instructor (it is "+strconv.Itoa(codeLength)+" letters)", "a wrong class code")
}

// secretOK compares given with secret, refusing with status and why when
// they differ, or when too many wrong codes or keys have been counted of
// late against limit (a request's address, or a run). A wrong one counts
// against limit and the request's address.
func (s *Server) secretOK(w http.ResponseWriter, r *http.Request, limit, secret, given string, status int, why, what string) bool {
	if wait := s.fails.empty(limit); wait > 0 {
		from := "from this computer's address"
		if strings.HasPrefix(limit, "run ") {
			from = "with this run"
		}
		tooMany(w, wait, "Too many wrong codes or keys have come "+from)
		return false
	}
	if same(secret, given) {
		return true
	}
	addr := addressKey(r.RemoteAddr)
	s.fails.take(limit)
	if limit != addr {
		s.fails.take(addr)
	}
	s.refusal("%s from %s", what, clientAddress(r.RemoteAddr))
	refuse(w, status, why)
	return false
}
