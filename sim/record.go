package sim

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Version is the engine's version, written into recorded runs.
const Version = "0.2.0"

// RecordFormat is the version of the recorded-run format this engine reads
// and writes.
const RecordFormat = 1

// Limits of the recorded-run reader.
const (
	MaxRecordSize = 64 << 20 // bytes in a whole file
	MaxRecordLine = 64 << 10 // bytes in one line
)

// Header is the first line of a recorded run.
type Header struct {
	Type      string `json:"type"` // "header"
	Format    int    `json:"format"`
	Scenario  string `json:"scenario"`
	SHA256    string `json:"scenario_sha256"`
	Model     string `json:"model_sha256"`
	Engine    string `json:"engine"`
	Generator string `json:"generator"`
	Seed      uint64 `json:"seed"`
	Trainee   string `json:"trainee"`
	// Started is when the run began, as RFC 3339; the engine reads no
	// clock, so whoever records supplies it.
	Started string `json:"started"`
	// Assess: the run was played with the meters hidden.
	Assess bool `json:"assess,omitempty"`
}

// NewHeader returns the header for recording run r.
func NewHeader(r *Run, trainee, started string) Header {
	return Header{Type: "header", Format: RecordFormat, Scenario: r.sc.ID, SHA256: r.sc.Hash,
		Model: r.sc.ModelHash, Engine: Version, Generator: Generator, Seed: r.seed,
		Trainee: trainee, Started: started}
}

// ChoiceRecord is one choice of a recorded run, with a fingerprint of the
// state after it (after the week, when the choice ended a session).
type ChoiceRecord struct {
	Type        string `json:"type"` // "choice"
	N           int    `json:"n"`    // 1, 2, … over the whole course
	Session     int    `json:"session"`
	Beat        string `json:"beat"`
	Option      int    `json:"option"`
	Act         Act    `json:"act"`
	Fingerprint string `json:"fingerprint"`
}

// Note is an instructor's annotation of a recorded run, appended after the
// choices it speaks of; notes never change what a replay checks.
type Note struct {
	Type   string `json:"type"`   // "note"
	Choice int    `json:"choice"` // the choice it is about, 0 for the run
	Author string `json:"author,omitempty"`
	Time   string `json:"time,omitempty"`
	Text   string `json:"text"`
}

// Recall is the trainee's own recall of a moment of their run, written
// while stepping through it afterwards: what they were thinking and
// feeling at a choice (Interpersonal Process Recall; Kagan 1980). It is
// appended like a note and kept apart from the instructor's notes; it never
// changes what a replay checks.
type Recall struct {
	Type   string `json:"type"`   // "recall"
	Choice int    `json:"choice"` // the choice it is about, from 1
	Time   string `json:"time,omitempty"`
	Text   string `json:"text"`
}

// CheckInAnswer is the trainee's answer to a check-in (Beat.CheckIn): the
// pulls they noticed in themselves and their own words, given at the
// moment of a choice before making it. It never changes the client or what
// a replay checks.
type CheckInAnswer struct {
	Type string `json:"type"` // "check_in"
	// Choice is the number of the choice whose moment asked it: the
	// answer is written before that choice is.
	Choice  int      `json:"choice"`
	Session int      `json:"session"`
	Beat    string   `json:"beat"`
	Pulls   []string `json:"pulls,omitempty"` // the ids of the pulls noticed
	Text    string   `json:"text,omitempty"`
	Time    string   `json:"time,omitempty"`
}

// Recording is a recorded run as read back.
type Recording struct {
	Header  Header
	Choices []ChoiceRecord
	Notes   []Note
	// Recall holds the trainee's recall of moments, CheckIns their answers
	// to check-ins, in the order written.
	Recall   []Recall
	CheckIns []CheckInAnswer
}

// CheckIn returns the answer given at the moment of choice n, or nil.
func (rec *Recording) CheckIn(n int) *CheckInAnswer {
	for i := len(rec.CheckIns) - 1; i >= 0; i-- {
		if rec.CheckIns[i].Choice == n {
			return &rec.CheckIns[i]
		}
	}
	return nil
}

// Options returns the option numbers chosen, in order.
func (rec *Recording) Options() []int {
	out := make([]int, len(rec.Choices))
	for i, c := range rec.Choices {
		out[i] = c.Option
	}
	return out
}

// A Recorder appends a run to a recording as it is played, one JSON line a
// choice, syncing after each when the writer can (an *os.File can), so a
// crash loses no choice.
type Recorder struct {
	w   io.Writer
	n   int
	err error // the first failure; every later write is refused with it
}

// NewRecorder writes the header to w and returns a recorder for the run.
func NewRecorder(w io.Writer, h Header) (*Recorder, error) {
	rec := &Recorder{w: w}
	return rec, rec.line(h)
}

// ResumeRecorder returns a recorder that goes on appending to a recording
// that already holds the choices of rec.
func ResumeRecorder(w io.Writer, rec *Recording) *Recorder {
	return &Recorder{w: w, n: len(rec.Choices)}
}

// Record appends the choice that produced the events ev in run r (the
// slice Choose returned).
func (rec *Recorder) Record(r *Run, ev []Event) error {
	if len(ev) == 0 || ev[0].Kind != Choice {
		return errors.New("record: events do not start with a choice")
	}
	c := ev[0]
	err := rec.line(ChoiceRecord{Type: "choice", N: rec.n + 1, Session: c.Session, Beat: c.Beat,
		Option: c.Option, Act: c.Act, Fingerprint: r.Fingerprint()})
	if err == nil {
		rec.n++
	}
	return err
}

// Copy appends c, a choice of the same run recorded elsewhere (a class
// server's copy of it), as the next choice. It is not played here: a
// replay of the recording checks it as it checks every choice.
func (rec *Recorder) Copy(c ChoiceRecord) error {
	if c.N != rec.n+1 {
		return fmt.Errorf("record: choice %d copied after %d choices", c.N, rec.n)
	}
	c.Type = "choice"
	err := rec.line(c)
	if err == nil {
		rec.n++
	}
	return err
}

// Note appends an annotation. It refuses a note about a choice not yet
// recorded: the reader would refuse the whole file for it.
func (rec *Recorder) Note(n Note) error {
	if n.Choice < 0 || n.Choice > rec.n {
		return fmt.Errorf("record: note about choice %d, but only %d choices are recorded", n.Choice, rec.n)
	}
	n.Type = "note"
	return rec.line(n)
}

// Recall appends the trainee's recall of a choice already recorded.
func (rec *Recorder) Recall(r Recall) error {
	if r.Choice < 1 || r.Choice > rec.n {
		return fmt.Errorf("record: recall of choice %d, but %d choices are recorded", r.Choice, rec.n)
	}
	r.Type = "recall"
	return rec.line(r)
}

// CheckIn appends the answer to the check-in at the moment of the next
// choice, before that choice is recorded.
func (rec *Recorder) CheckIn(a CheckInAnswer) error {
	if a.Choice != rec.n+1 {
		return fmt.Errorf("record: a check-in at choice %d, but the next choice is %d", a.Choice, rec.n+1)
	}
	a.Type = "check_in"
	return rec.line(a)
}

// line writes one line. After a failed write the file may end in half a
// line, so the recorder refuses everything after its first failure rather
// than write on behind it.
func (rec *Recorder) line(v any) error {
	if rec.err != nil {
		return rec.err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if _, err := rec.w.Write(b); err != nil {
		rec.err = fmt.Errorf("record: %w", err)
		return rec.err
	}
	if s, ok := rec.w.(interface{ Sync() error }); ok {
		if err := s.Sync(); err != nil {
			rec.err = fmt.Errorf("record: sync: %w", err)
			return rec.err
		}
	}
	return nil
}

// RecordError is why a recording was refused, with the line at fault.
type RecordError struct {
	Line   int // from 1; 0 for the file as a whole
	Reason string
}

func (e *RecordError) Error() string {
	if e.Line == 0 {
		return "recording: " + e.Reason
	}
	return fmt.Sprintf("recording line %d: %s", e.Line, e.Reason)
}

// ReadRecording reads a recorded run. It refuses, with the line and the
// reason, a file that is too large, has a line too long, is cut off in the
// middle of a line, or whose lines are not what the format says.
func ReadRecording(r io.Reader) (*Recording, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxRecordSize+1))
	if err != nil {
		return nil, &RecordError{Reason: err.Error()}
	}
	if len(data) > MaxRecordSize {
		return nil, &RecordError{Reason: fmt.Sprintf("file is larger than %d bytes", MaxRecordSize)}
	}
	return ParseRecording(data)
}

// ParseRecording parses a recorded run held in memory; see ReadRecording.
func ParseRecording(data []byte) (*Recording, error) {
	if len(data) == 0 {
		return nil, &RecordError{Reason: "file is empty"}
	}
	if len(data) > MaxRecordSize {
		return nil, &RecordError{Reason: fmt.Sprintf("file is larger than %d bytes", MaxRecordSize)}
	}
	// Another editor may have saved the file: a UTF-8 byte-order mark is
	// passed over; UTF-16 is named, as the scenario loader names it.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) || bytes.IndexByte(data, 0) >= 0 {
		return nil, &RecordError{Reason: "the file is in UTF-16 (or holds NUL bytes); recordings are UTF-8: save it as UTF-8 in the editor that changed it"}
	}
	// A last line without its newline was being written when the recording
	// stopped: say so, rather than what parsing the fragment would say. A
	// last fragment of nothing but spaces is no line at all.
	cut := 0
	if data[len(data)-1] != '\n' && len(bytes.TrimSpace(data[bytes.LastIndexByte(data, '\n')+1:])) > 0 {
		cut = bytes.Count(data, []byte{'\n'}) + 1
	}
	rec := &Recording{}
	headed := false // the header has been read
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), MaxRecordLine)
	n := 0
	for sc.Scan() {
		n++
		if n == cut {
			return nil, &RecordError{Line: n, Reason: "the line is cut off (no newline at its end): the recording was interrupted while this line was written"}
		}
		line := sc.Bytes()
		if len(bytes.TrimSpace(line)) == 0 {
			continue // a blank line, such as one added after a note by hand
		}
		if !headed {
			if err := rec.header(line); err != nil {
				return nil, &RecordError{Line: n, Reason: err.Error()}
			}
			headed = true
			continue
		}
		if err := rec.entry(line); err != nil {
			return nil, &RecordError{Line: n, Reason: err.Error()}
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &RecordError{Line: n + 1, Reason: fmt.Sprintf("line is longer than %d bytes", MaxRecordLine)}
		}
		return nil, &RecordError{Line: n + 1, Reason: err.Error()}
	}
	return rec, nil
}

// strict decodes line, a line of the kind ("header", "choice" or "note"),
// into v, refusing fields v has not, and says in plain words why it does
// not decode (recLineProblem).
func strict(kind string, line []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(line))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return recLineProblem(kind, line, err)
	}
	if d.More() {
		return errors.New("more than one {…} on the line: each goes on a line of its own")
	}
	return nil
}

func (rec *Recording) header(line []byte) error {
	// Type and format first: a line of another type, or a header of another
	// format, would otherwise be refused for its unknown fields.
	var probe struct {
		Type   string `json:"type"`
		Format int    `json:"format"`
	}
	if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '{' {
		return errors.New(`this is not a recording made by TheraSim: its first line should be the header, {"type":"header",…}`)
	}
	if err := json.Unmarshal(line, &probe); err != nil {
		return recLineProblem("header", line, err)
	}
	switch {
	case probe.Type != "header":
		return fmt.Errorf("the first line must be the header, found type %q", probe.Type)
	case probe.Format != RecordFormat:
		return fmt.Errorf("format %d; this TheraSim reads format %d", probe.Format, RecordFormat)
	}
	h := &rec.Header
	if err := strict("header", line, h); err != nil {
		return err
	}
	switch {
	case h.Scenario == "":
		return errors.New("header names no scenario")
	case len(h.SHA256) != 64:
		return errors.New("header has no scenario_sha256")
	case h.Generator != Generator:
		return fmt.Errorf("generator %q; this TheraSim has %q", h.Generator, Generator)
	}
	return nil
}

func (rec *Recording) entry(line []byte) error {
	var probe struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(line, &probe); err != nil {
		return recLineProblem("", line, err)
	}
	switch probe.Type {
	case "choice":
		var c ChoiceRecord
		if err := strict("choice", line, &c); err != nil {
			return err
		}
		if want := len(rec.Choices) + 1; c.N != want {
			return fmt.Errorf("choice numbered %d, expected %d", c.N, want)
		}
		if c.Option < 1 {
			return fmt.Errorf("choice %d: option %d; options are numbered from 1", c.N, c.Option)
		}
		rec.Choices = append(rec.Choices, c)
	case "note":
		var nt Note
		if err := strict("note", line, &nt); err != nil {
			return err
		}
		if nt.Choice < 0 || nt.Choice > len(rec.Choices) {
			return fmt.Errorf("note about choice %d, but %s before it: a note comes after the choice it is about", nt.Choice, choicesBefore(len(rec.Choices)))
		}
		rec.Notes = append(rec.Notes, nt)
	case "recall":
		var rc Recall
		if err := strict("recall", line, &rc); err != nil {
			return err
		}
		if rc.Choice < 1 {
			return fmt.Errorf(`a recall line needs "choice": the number of the choice it is about, from 1`)
		}
		if rc.Choice > len(rec.Choices) {
			return fmt.Errorf("recall of choice %d, but %s before it: recall comes after the choice it is about", rc.Choice, choicesBefore(len(rec.Choices)))
		}
		rec.Recall = append(rec.Recall, rc)
	case "check_in":
		var ci CheckInAnswer
		if err := strict("check_in", line, &ci); err != nil {
			return err
		}
		if want := len(rec.Choices) + 1; ci.Choice != want {
			return fmt.Errorf("a check-in at choice %d, but the next choice is %d: a check-in comes just before the choice whose moment asked it", ci.Choice, want)
		}
		rec.CheckIns = append(rec.CheckIns, ci)
	case "header":
		return errors.New("a second header")
	default:
		return fmt.Errorf(`unknown line type %q: after the header, each line is a "choice", a "note", a "recall" or a "check_in"`, probe.Type)
	}
	return nil
}

// choicesBefore is "only 2 choices come", "only 1 choice comes", "no
// choice comes".
func choicesBefore(n int) string {
	switch n {
	case 0:
		return "no choice comes"
	case 1:
		return "only 1 choice comes"
	}
	return fmt.Sprintf("only %d choices come", n)
}

// MismatchError says where a re-simulated run parted from its recording.
type MismatchError struct {
	Choice   int // from 1
	What     string
	Recorded string
	Replayed string
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("choice %d: %s differs: recorded %s, replayed %s", e.Choice, e.What, e.Recorded, e.Replayed)
}

// CheckSource reports whether a recording is of this scenario: the same
// scenario id. The scenario's file or the model may have changed since the
// run was recorded (Revised says so): an edit that changes nothing the
// recorded choices do (a comment, line endings, a reworded line) replays
// the same, and one that does is caught at the first choice it changes.
func (rec *Recording) CheckSource(sc *Scenario) error {
	if h := rec.Header; h.Scenario != sc.ID {
		return fmt.Errorf("the recording is of scenario %q, not %q", h.Scenario, sc.ID)
	}
	return nil
}

// Revised says, in a sentence, how the scenario's file and the model
// differ from those the run was recorded with, or "" when they are the
// very ones.
func (rec *Recording) Revised(sc *Scenario) string {
	h := rec.Header
	var what []string
	if h.SHA256 != sc.Hash {
		what = append(what, fmt.Sprintf("the scenario's file (sha256 %.12s… then, %.12s… now)", h.SHA256, sc.Hash))
	}
	if h.Model != sc.ModelHash {
		what = append(what, fmt.Sprintf("the model (sha256 %.12s… then, %.12s… now)", h.Model, sc.ModelHash))
	}
	if len(what) == 0 {
		return ""
	}
	return "since the run was recorded " + strings.Join(what, " and ") + " changed"
}

// Replay re-simulates a recording with its scenario and checks every choice
// against it: the moment it was made at, the option's act, and the state
// fingerprint after it. It returns the run as it stands after the last
// choice. The error is a *MismatchError naming the first choice that
// differs (a scenario or model revised since in a way that changes what the
// recorded choices do is caught there), or what CheckSource says of another
// scenario.
func Replay(sc *Scenario, rec *Recording) (*Run, error) {
	return ReplayEach(sc, rec, nil)
}

// A Step is one recorded choice as ReplayEach plays it.
type Step struct {
	// Choice is the recorded choice.
	Choice ChoiceRecord
	// Prompt is what the trainee faced: the client's lines and the options.
	Prompt *Prompt
	// Before is the client's state before the choice, After the state after
	// it (and after the week, when the choice ended a session).
	Before, After State
	// Events are the events the choice caused. The slice is the run's: it
	// must not be changed, and it is valid only during the call.
	Events []Event
	// Marks are what the choice made of the skills of the scenario's
	// rubric it was an opportunity for (Run.Judge).
	Marks []Mark
}

// ReplayEach is Replay that calls each, when not nil, after every choice
// has been played and checked, in order. An error from each stops the
// replay and is returned as it is.
func ReplayEach(sc *Scenario, rec *Recording, each func(Step) error) (*Run, error) {
	if err := rec.CheckSource(sc); err != nil {
		return nil, err
	}
	run, err := replayEach(sc, rec, each)
	var me *MismatchError
	if rev := rec.Revised(sc); rev != "" && errors.As(err, &me) {
		err = fmt.Errorf("%w; %s, and that changes what the recorded choices do", err, rev)
	}
	return run, err
}

func replayEach(sc *Scenario, rec *Recording, each func(Step) error) (*Run, error) {
	r := NewRun(sc, rec.Header.Seed)
	for _, c := range rec.Choices {
		p := r.Prompt()
		var before State
		var marks []Mark
		if each != nil {
			before = r.State()
			if c.matches(p) == nil {
				marks = r.Judge(c.Option)
			}
		}
		ev, err := r.Verify(c)
		if err != nil {
			return r, err
		}
		if each != nil {
			if err := each(Step{Choice: c, Prompt: p, Before: before, After: r.State(), Events: ev, Marks: marks}); err != nil {
				return r, err
			}
		}
	}
	return r, nil
}

// Verify plays the recorded choice c as the run's next choice and checks
// it as Replay does: the moment it was made at, the option's act, and the
// state fingerprint after it. It returns the events the choice caused (the
// run's slice, valid until the next choice). On a *MismatchError from the
// moment or the act nothing was played; on one from the fingerprint the
// choice was played and the run has moved on, so a caller that goes on
// after a refusal replays the run afresh. A server appending choices sent
// to it one at a time verifies each with it.
func (r *Run) Verify(c ChoiceRecord) ([]Event, error) {
	if err := c.matches(r.Prompt()); err != nil {
		return nil, err
	}
	ev, err := r.Choose(c.Option)
	if err != nil {
		return nil, err
	}
	if f := r.Fingerprint(); f != c.Fingerprint {
		return ev, &MismatchError{Choice: c.N, What: "state fingerprint", Recorded: c.Fingerprint, Replayed: f}
	}
	return ev, nil
}

// matches says whether prompt p (nil when the course is over) is the
// moment at which c was recorded, with the same act at its option.
func (c ChoiceRecord) matches(p *Prompt) error {
	switch {
	case p == nil:
		return &MismatchError{Choice: c.N, What: "course", Recorded: "a choice", Replayed: "the course already over"}
	case p.Session != c.Session || p.Beat != c.Beat:
		return &MismatchError{Choice: c.N, What: "moment", Recorded: fmt.Sprintf("session %d beat %q", c.Session, c.Beat),
			Replayed: fmt.Sprintf("session %d beat %q", p.Session, p.Beat)}
	case c.Option < 1 || c.Option > len(p.Options):
		return &MismatchError{Choice: c.N, What: "option", Recorded: fmt.Sprintf("option %d", c.Option),
			Replayed: fmt.Sprintf("only %d options offered", len(p.Options))}
	case p.Options[c.Option-1].Act != c.Act:
		return &MismatchError{Choice: c.N, What: "act", Recorded: string(c.Act), Replayed: string(p.Options[c.Option-1].Act)}
	}
	return nil
}
