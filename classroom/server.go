package classroom

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gofrs/flock"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
	"golang.org/x/text/unicode/norm"
)

// Config is what a class server is made of.
type Config struct {
	// Dir is the folder the runs are recorded in, with their kept/ copies
	// and the class's code (ClassFile); it is created when missing.
	Dir string
	// Web is the browser build: index.html, boot.js, style.css,
	// wasm_exec.js and the program, therasim.wasm or therasim.wasm.gz.
	Web fs.FS
	// Scenarios is the folder of the instructor's own scenarios, offered
	// beside the shipped ones, or "".
	Scenarios string
	// Log, when not nil, is given each event worth an instructor's seeing,
	// a line each: a trainee joined, a run began or finished, a refusal.
	Log func(line string)
	// Now is the server's clock; time.Now when nil.
	Now func() time.Time
}

// Server is a class server: an http.Handler answering the paths of the
// protocol and serving the browser build.
type Server struct {
	dir  string
	root *os.Root     // dir: the instructor's paths read nothing outside it
	lock *flock.Flock // LockFile, held while the server serves dir
	// closing closes root and lock once (Close); closed is its error.
	closing sync.Once
	closed  error
	code    string
	key     string
	now     func() time.Time
	log     func(string)
	web     map[string]*asset
	model   *sim.Model
	mdata   []byte          // the model's file
	known   []*sim.Scenario // offered: the shipped ones and the instructor's
	source  map[*sim.Scenario][]byte
	own     []Source
	left    []scenarios.File

	appends *buckets // by trainee
	fails   *buckets // wrong codes and keys, by address
	logs    *buckets // refusals logged
	quiet   int      // refusals not logged since the last one logged

	mu       sync.Mutex
	trainees map[string]*trainee
	runs     map[string]*run // by file name
	list     map[string]listed
	kept     map[*sim.Scenario]bool // copies kept in the folder
}

// A trainee is one name of the class.
type trainee struct {
	joined bool            // joined since the server started
	runs   map[string]bool // the names of their recordings
	// pending counts their runs admitted whose first write is under way.
	pending int
}

// listed is a recording's RunInfo as read when its file had that size and
// modification time.
type listed struct {
	size int64
	mod  time.Time
	info RunInfo
	err  string
}

// New makes the server of the class whose runs are in c.Dir, which it
// locks (LockFile) until Close: it refuses a folder another server
// serves. It reads the class's code and key there, or makes them; loads
// the model and the scenarios offered (see Left); reads the browser build
// (the error wraps ErrNoBrowserBuild when it has no program); and learns
// which trainee each recording in the folder is of.
func New(c Config) (*Server, error) {
	s := &Server{dir: c.Dir, now: c.Now, log: c.Log, trainees: map[string]*trainee{}, runs: map[string]*run{},
		list: map[string]listed{}, source: map[*sim.Scenario][]byte{}, kept: map[*sim.Scenario]bool{}}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = func(string) {}
	}
	s.appends = newBuckets(appendRate, appendBurst, s.now)
	s.fails = newBuckets(failRate, failBurst, s.now)
	s.logs = newBuckets(logRate, logBurst, s.now)
	var err error
	if s.web, err = loadWeb(c.Web); err != nil {
		return nil, err
	}
	if err := s.loadScenarios(c.Scenarios); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot make the folder for the runs: %w", err)
	}
	if err := s.lockDir(); err != nil {
		return nil, err
	}
	if err := s.openDir(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// openDir opens the folder, locked by this server: the class's code and key,
// and the recordings' trainees.
func (s *Server) openDir() error {
	var err error
	if s.root, err = os.OpenRoot(s.dir); err != nil {
		return fmt.Errorf("cannot open the folder for the runs: %w", err)
	}
	cl, err := openClass(s.dir, s.now())
	if err != nil {
		return err
	}
	s.code, s.key = cl.Code, cl.Key
	return s.index()
}

// LockFile is the file, in the server's folder, that a server locks for as
// long as it serves the folder: two servers appending to the same
// recordings would interleave their choices. It is hidden, and empty.
const LockFile = ".therasim-serve.lock"

// lockDir takes the lock of the folder for this server's life (Close
// releases it, and the system does when the program ends, however it ends).
func (s *Server) lockDir() error {
	l := flock.New(filepath.Join(s.dir, LockFile))
	ok, err := l.TryLock()
	if err != nil {
		return fmt.Errorf("cannot lock the runs folder %s for this server: %w", s.dir, unwrapPath(err))
	}
	if !ok {
		return fmt.Errorf("another 'therasim serve' is serving the runs folder %s: stop it first (Ctrl-C in its window), or give this one another --runs folder", s.dir)
	}
	s.lock = l
	return nil
}

// Close lets go of the folder, so that another server may serve it. The
// server must answer no more requests: a request still being answered
// finds the folder closed and is refused. Closing twice does nothing more.
func (s *Server) Close() error {
	s.closing.Do(func() {
		if s.root != nil {
			s.closed = s.root.Close()
		}
		if s.lock != nil {
			if err := s.lock.Close(); s.closed == nil {
				s.closed = err
			}
		}
	})
	return s.closed
}

// Code is the class code the trainees type.
func (s *Server) Code() string { return s.code }

// Key is the instructor key.
func (s *Server) Key() string { return s.key }

// Dir is the folder the runs are recorded in.
func (s *Server) Dir() string { return s.dir }

// Offered returns the scenarios a trainee may play: the shipped ones, then
// the instructor's.
func (s *Server) Offered() []*sim.Scenario { return s.known }

// Left returns the instructor's scenario files that do not load, each
// with why (Err: sim.Problems, a line for each mistake, as 'therasim
// check' prints them): they are not offered.
func (s *Server) Left() []scenarios.File { return s.left }

// loadScenarios loads the model, the shipped scenarios and those in dir.
func (s *Server) loadScenarios(dir string) error {
	m, err := scenarios.Model()
	if err != nil {
		return fmt.Errorf("the built-in model does not load:\n%w", err)
	}
	s.model = m
	if s.mdata = scenarios.Embedded(m.Hash()); s.mdata == nil {
		return errors.New("the built-in model's file is not found")
	}
	shipped, err := scenarios.Shipped(m)
	if err != nil {
		return fmt.Errorf("the scenarios that come with TheraSim do not load:\n%w", err)
	}
	for _, sc := range shipped {
		s.known = append(s.known, sc)
		s.source[sc] = scenarios.Embedded(sc.Hash)
	}
	if dir == "" {
		return nil
	}
	files, err := scenarios.Dir(m, dir)
	if err != nil {
		return fmt.Errorf("cannot read the folder of scenarios: %w", err)
	}
	for _, f := range files {
		if f.Err != nil {
			s.left = append(s.left, f)
			continue
		}
		if other := s.byHash(f.Scenario.ID, f.Scenario.Hash); other != nil {
			continue // the very file of a shipped scenario, or a copy
		}
		s.known = append(s.known, f.Scenario)
		s.source[f.Scenario] = f.Data
		s.own = append(s.own, Source{Name: filepath.Base(f.Path), TOML: string(f.Data)})
	}
	return nil
}

// byHash returns the scenario offered with id whose file has the SHA-256
// hash, or nil.
func (s *Server) byHash(id, hash string) *sim.Scenario {
	for _, sc := range s.known {
		if sc.ID == id && sc.Hash == hash {
			return sc
		}
	}
	return nil
}

// index learns which trainee each recording in the folder is of, from its
// header: a restarted server counts the runs each trainee has begun.
func (s *Server) index() error {
	names, err := s.recordings()
	if err != nil {
		return err
	}
	for _, name := range names {
		h, err := s.readHeader(name)
		if err != nil || h.Trainee == "" {
			continue // listed as it is, with why, for the instructor
		}
		s.trainee(norm.NFC.String(h.Trainee)).runs[name] = true
	}
	return nil
}

// recordings returns the names of the recordings in the folder, sorted:
// its *.jsonl files, hidden files left out.
func (s *Server) recordings() ([]string, error) {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, fmt.Errorf("cannot read the folder of runs: %w", err)
	}
	var out []string
	for _, e := range entries {
		if validName(e.Name()) && e.Type().IsRegular() {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

// readHeader reads the header of the recording name, its first line.
func (s *Server) readHeader(name string) (sim.Header, error) {
	var h sim.Header
	f, err := s.root.Open(name)
	if err != nil {
		return h, err
	}
	defer f.Close()
	line, err := bufio.NewReaderSize(io.LimitReader(f, sim.MaxRecordLine), 4096).ReadBytes('\n')
	if err != nil {
		return h, fmt.Errorf("no header line: %w", err)
	}
	line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
	if err := json.Unmarshal(line, &h); err != nil || h.Type != "header" {
		return h, errors.New("the first line is not a header")
	}
	return h, nil
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

// contentSecurity allows the page nothing from outside the server: its
// script, its style, the program (compiled by the browser: wasm-unsafe-
// eval) and the server's API. 'unsafe-eval' is there for Ebiten's text
// input (exp/textinput), which evaluates a script of its own when the
// program starts and stops the program when it cannot (the browser test
// TestBrowserClass caught it): it lets the page's own scripts evaluate a
// string, and brings in nothing from outside.
const contentSecurity = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// ServeHTTP answers the protocol's paths, the page and the browser build.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurity)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	p := r.URL.Path
	switch {
	case p == PathClass:
		if method(w, r, http.MethodGet) {
			reply(w, ClassInfo{Class: "TheraSim class", Engine: sim.Version})
		}
	case p == PathJoin:
		if method(w, r, http.MethodPost) {
			s.join(w, r)
		}
	case p == PathAppend:
		if method(w, r, http.MethodPost) {
			s.append(w, r)
		}
	case p == PathHeld:
		if method(w, r, http.MethodPost) {
			s.held(w, r)
		}
	case strings.HasPrefix(p, "/api/instructor/"):
		s.instructor(w, r, p)
	case p == "/" || p == InstructorPage:
		serveAsset(w, r, s.web["index.html"])
	case p == InstructorPage+"/":
		http.Redirect(w, r, InstructorPage, http.StatusMovedPermanently)
	case strings.Count(p, "/") == 1 && s.web[p[1:]] != nil:
		serveAsset(w, r, s.web[p[1:]])
	default:
		refuse(w, http.StatusNotFound, "There is no such page on this class server")
	}
}

// method reports whether r is of method m, refusing it (405) when not.
func method(w http.ResponseWriter, r *http.Request, m string) bool {
	if r.Method == m {
		return true
	}
	w.Header().Set("Allow", m)
	refuse(w, http.StatusMethodNotAllowed, fmt.Sprintf("The page %s is asked with %s, not %s", r.URL.Path, m, r.Method))
	return false
}

// reply answers v as JSON.
func reply(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		refuse(w, http.StatusInternalServerError, "The server could not write its answer")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(append(b, '\n'))
}

// refuse answers a Refusal with the status.
func refuse(w http.ResponseWriter, status int, why string) {
	refuseAcked(w, status, why, 0)
}

func refuseAcked(w http.ResponseWriter, status int, why string, acked int) {
	b, _ := json.Marshal(Refusal{Error: why, Acked: acked})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// tooMany refuses a request over a rate (429), saying when to ask again.
func tooMany(w http.ResponseWriter, wait time.Duration, why string) {
	secs := int(wait/time.Second) + 1
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	refuse(w, http.StatusTooManyRequests, fmt.Sprintf("%s; try again in %s", why, seconds(secs)))
}

func seconds(n int) string {
	if n == 1 {
		return "1 second"
	}
	return strconv.Itoa(n) + " seconds"
}

// decode reads r's body, JSON, into v: at most MaxBody bytes, one value,
// no field v has not. It refuses (413, 400) and returns false when not.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	body := http.MaxBytesReader(w, r.Body, MaxBody)
	data, err := io.ReadAll(body)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		refuse(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("The request is larger than %d kB, the most the class server takes at once", MaxBody>>10))
		return false
	}
	if err != nil {
		refuse(w, http.StatusBadRequest, "The request could not be read in full")
		return false
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		refuse(w, http.StatusBadRequest, "The request is not what the class server understands ("+jsonProblem(err)+"); is this page the same version of TheraSim as the server? Reload it")
		return false
	}
	if d.More() {
		refuse(w, http.StatusBadRequest, "The request holds more than one message")
		return false
	}
	return true
}

// jsonProblem says in words what is wrong with a JSON request.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "it is not well-formed JSON"
	case errors.As(err, &typ):
		return fmt.Sprintf("the field %q has the wrong kind of value", typ.Field)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "it has a field the server does not know, " + strings.TrimPrefix(err.Error(), "json: unknown field ")
	}
	return "it does not decode"
}

// capital is words begun as a sentence, with a capital letter.
func capital(words string) string {
	c, n := utf8.DecodeRuneInString(words)
	if c == utf8.RuneError || !unicode.IsLower(c) {
		return words
	}
	return string(unicode.ToUpper(c)) + words[n:]
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

// event logs an event worth seeing.
func (s *Server) event(format string, args ...any) {
	s.log(fmt.Sprintf(format, args...))
}

// refusal logs a refusal, unless too many have been logged of late: a
// flood of them is said in one line, when the next is logged.
func (s *Server) refusal(format string, args ...any) {
	if ok, _ := s.logs.take(""); !ok {
		s.mu.Lock()
		s.quiet++
		s.mu.Unlock()
		return
	}
	s.mu.Lock()
	n := s.quiet
	s.quiet = 0
	s.mu.Unlock()
	line := "Refused: " + fmt.Sprintf(format, args...)
	if n > 0 {
		line += fmt.Sprintf(" (and %d other refusals not shown)", n)
	}
	s.log(line)
}

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
