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
	"strings"
	"sync"
	"time"

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
