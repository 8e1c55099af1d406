// Package classroom is TheraSim in a seminar room: what a class's browsers
// and 'therasim serve' say to each other, and the server.
//
// The trainees open the address the server prints, type the class code and
// their name, and play in the browser. Each choice is recorded in the
// browser's storage as it is made and sent to the server, which
// re-simulates it against the scenario, appends it to its own recording of
// the run (one writer, synced per line) and acknowledges it. Choices not
// yet acknowledged stay queued in the browser and are sent again, so a
// closed tab, a lost connection or a restarted server loses nothing.
//
// The instructor opens the same address with /instructor and the
// instructor key, and sees the class view and each run's debrief as the
// runs come in; notes written there are appended to the server's
// recordings, and exports download from there. The server's folder is an
// ordinary folder of recordings with their kept/ copies: 'therasim replay'
// shows the same class from it.
//
// This file is the protocol: the paths, the messages (JSON), the limits.
// Both ends use it; the browser's end is in package ui.
package classroom

import (
	"net/url"

	"github.com/therasim/therasim/sim"
)

// Paths the server answers. Every message is JSON, except a recording
// (JSON Lines), a kept scenario (TOML) and an export (HTML or CSV).
const (
	// PathClass (GET, no credentials) answers ClassInfo: a page served by
	// a class server plays in class mode; served by any other web server
	// (404), it plays on its own, as 'make web' builds it.
	PathClass = "/api/class"
	// PathJoin (POST Join) answers Joined, or 403 for a wrong code.
	PathJoin = "/api/join"
	// PathAppend (POST Append) answers Acked; see Append.
	PathAppend = "/api/append"
	// PathHeld (POST Held) answers HeldRun: what the server holds of a
	// trainee's run, for a browser that lost some of its own copy.
	PathHeld = "/api/held"

	// InstructorPage is the page the instructor opens (the same browser
	// build, which asks for the key there, unless InstructorLink gives it).
	InstructorPage = "/instructor"
	// KeyParameter names the key in the instructor page's fragment:
	// InstructorPage + "#key=KEY" opens the class at once. A fragment is
	// never sent to the server, and the page takes it out of the address.
	KeyParameter = "key"
	// The instructor's paths need the header "Authorization: Bearer KEY".
	//
	// PathRuns (GET) answers RunList.
	PathRuns = "/api/instructor/runs"
	// PathRun + NAME (GET) answers the recording NAME, as it is on disk.
	PathRun = "/api/instructor/run/"
	// PathKept + HASH + kind (GET; kind ".toml" or ".model.toml", as
	// package recfile names them) answers a copy kept of a scenario or
	// model some run was played with.
	PathKept = "/api/instructor/kept/"
	// PathNote (POST AddNote) appends an instructor's note to a recording
	// and answers NoteAdded.
	PathNote = "/api/instructor/note"
	// PathExport + NAME + ".html", ".csv" or ".profile.csv" (GET) answers
	// the run's report, its table or its competence profile (as 'therasim
	// replay NAME --export'); PathExport + ClassExport answers one table
	// of every run of the class, PathExport + ClassProfiles the class's
	// competence profiles, a row a run, and PathExport + ClassSummary the
	// supervisor's summary of the class (as 'therasim replay --summary').
	PathExport = "/api/instructor/export/"
	// ClassExport is the name, under PathExport, of the class's table.
	ClassExport = "class.csv"
	// ClassProfiles is the name, under PathExport, of the table of the
	// class's competence profiles.
	ClassProfiles = "class.profile.csv"
	// ClassSummary is the name, under PathExport, of the supervisor's
	// summary of the class: one HTML page that fetches nothing.
	ClassSummary = "class-summary.html"
)

// InstructorLink is the address of the instructor's page of the class
// server at base (e.g. "http://localhost:8080") that opens the class with
// key, without its being typed.
func InstructorLink(base, key string) string {
	return base + InstructorPage + "#" + url.Values{KeyParameter: {key}}.Encode()
}

// Limits the server holds every request to. A request over one is refused
// with what the limit is, and nothing is written.
const (
	// MaxBody is the largest request body, in bytes: a browser with more
	// queued than fits sends it in several Appends.
	MaxBody = 64 << 10
	// MaxChoicesPerAppend is the most choices one Append carries, and the
	// most check-in answers, and the most lines of recall; a browser with
	// more queued sends them in several.
	MaxChoicesPerAppend = 100
	// MaxChoicesPerRun is the most choices a run may have (the shipped
	// courses take about 70).
	MaxChoicesPerRun = 500
	// MaxRunsPerTrainee is the most runs one trainee may start in a class.
	MaxRunsPerTrainee = 30
	// MaxTrainees is the most trainees one class may have.
	MaxTrainees = 300
	// MaxName is the longest trainee or author name, in characters.
	MaxName = 80
	// MaxRunID is the longest run identifier a browser may send, in bytes.
	MaxRunID = 200
	// MaxNote is the longest note, in characters.
	MaxNote = 4000
	// MaxCheckInText is the longest text of a check-in answer (the
	// trainee's own words beside the pulls chosen), in characters.
	MaxCheckInText = 2000
	// MaxRecall is the longest line of a trainee's recall, in characters.
	MaxRecall = 4000
	// MaxCheckInsPerRun is the most check-in answers a run may have (the
	// shipped courses ask two to four).
	MaxCheckInsPerRun = 1000
	// MaxRecallPerRun is the most lines of recall a run may have.
	MaxRecallPerRun = 1000
	// MaxField is the longest beat name, scenario id or other short
	// string field of a header or a choice, in bytes.
	MaxField = 200
)

// ClassInfo says that a page is served by a class server.
type ClassInfo struct {
	// Class is "TheraSim class".
	Class string `json:"class"`
	// Engine is the server's engine version (sim.Version); a browser
	// build of another version is told to reload.
	Engine string `json:"engine"`
}

// Join asks to join the class.
type Join struct {
	Code    string `json:"code"`
	Trainee string `json:"trainee"`
}

// Joined answers a Join with the right code.
type Joined struct {
	// Trainee is the name as the server keeps it (spaces trimmed).
	Trainee string `json:"trainee"`
	// Scenarios are the instructor's own scenarios ('serve --scenarios'),
	// offered beside the shipped ones, each as its file.
	Scenarios []Source `json:"scenarios"`
}

// Source is a scenario file the instructor offers.
type Source struct {
	// Name is the file's name, without its folder (e.g. "grief.toml").
	Name string `json:"name"`
	// TOML is the file's text, byte for byte as on the server (its
	// SHA-256 is the scenario's hash in recordings).
	TOML string `json:"toml"`
}

// Append sends a run's header and what of it is not yet acknowledged: its
// choices, the trainee's answers to check-ins and the lines of their
// recall. The run is named by the browser (Run: its own name for it,
// which the server never uses as a file name) and belongs to the trainee
// who sends it: the server keeps it as a recording whose name it chooses.
// A request is taken whole or refused whole: a refused Append writes
// nothing.
//
// Choices are numbered from 1 over the course (sim.ChoiceRecord.N). The
// server takes those it already has if they are the same (a resend after a
// lost acknowledgement), verifies and appends the one after its last, and
// so on; a choice that does not verify (a forged option or fingerprint, a
// choice past the course's end) is refused with 409, and a gap (a choice
// numbered beyond the one after its last) with 409 too. Acked is always
// how many choices of the run the server holds, so a browser drops from
// its queue every choice up to it.
//
// Check-in answers and lines of recall are numbered by their place among
// the run's own, in the order recorded: CheckIns begin with the run's
// answer number CheckInsFrom (from 1), Recall with its line number
// RecallFrom. As with choices, those the server has are taken if they are
// the same, the one after its last is appended, and a gap is refused
// (409); Acked.CheckIns and Acked.Recall say how many it holds. A check-in
// answer is written just before the choice whose moment asked it
// (sim.CheckInAnswer.Choice), or at the end when that choice has not come
// yet; it must name only pulls that moment's check-in offers. An answer
// about a moment whose choice the server already holds without it cannot
// be placed in the recording and is refused. A line of recall is about a
// choice the server holds (the run may be finished: recall is written
// afterwards).
type Append struct {
	Code    string             `json:"code"`
	Trainee string             `json:"trainee"`
	Run     string             `json:"run"`
	Header  sim.Header         `json:"header"`
	Choices []sim.ChoiceRecord `json:"choices"`
	// CheckIns are answers to check-ins, the first of them the run's
	// answer number CheckInsFrom.
	CheckIns     []sim.CheckInAnswer `json:"check_ins,omitempty"`
	CheckInsFrom int                 `json:"check_ins_from,omitempty"`
	// Recall are lines of the trainee's recall, the first the run's line
	// number RecallFrom.
	Recall     []sim.Recall `json:"recall,omitempty"`
	RecallFrom int          `json:"recall_from,omitempty"`
}

// Acked answers an Append: how much of the run the server holds, all
// synced to disk.
type Acked struct {
	// Acked is how many choices of the run the server holds.
	Acked int `json:"acked"`
	// CheckIns is how many answers to check-ins it holds, Recall how many
	// lines of recall.
	CheckIns int `json:"check_ins"`
	Recall   int `json:"recall"`
	// Recording is the name the server keeps the run under, in its folder.
	Recording string `json:"recording"`
}

// Held asks what the server holds of a run, as a browser whose copy of it
// may have lost its last choices asks before it resumes (a browser that
// crashes, not one closed, can lose its last second of writes): the run
// and its trainee as in Append, and its header, which the run held must
// have.
type Held struct {
	Code    string     `json:"code"`
	Trainee string     `json:"trainee"`
	Run     string     `json:"run"`
	Header  sim.Header `json:"header"`
}

// HeldRun answers a Held: the choices, check-in answers and lines of
// recall the server holds of the run, each in order (none when it holds
// no such run).
type HeldRun struct {
	Choices  []sim.ChoiceRecord  `json:"choices"`
	CheckIns []sim.CheckInAnswer `json:"check_ins,omitempty"`
	Recall   []sim.Recall        `json:"recall,omitempty"`
}

// Refusal is the body of every answer other than 2xx: why, in words for
// the trainee or the instructor. On a refused Append, Acked, CheckIns and
// Recall say how much of the run the server holds, as in Acked.
type Refusal struct {
	Error    string `json:"error"`
	Acked    int    `json:"acked,omitempty"`
	CheckIns int    `json:"check_ins,omitempty"`
	Recall   int    `json:"recall,omitempty"`
}

// RunList answers PathRuns: every recording in the server's folder.
type RunList struct {
	Runs []RunInfo `json:"runs"`
	// Left are the recordings in the folder that cannot be read, each
	// with why.
	Left []string `json:"left,omitempty"`
}

// RunInfo is one recording in the server's folder.
type RunInfo struct {
	// Name is the recording's file name (for PathRun, PathNote, PathExport).
	Name     string `json:"name"`
	Trainee  string `json:"trainee"`
	Scenario string `json:"scenario"`
	// Choices is how many choices it holds; Notes how many notes;
	// CheckIns how many answers to check-ins; Recall how many lines of
	// the trainee's recall.
	Choices  int `json:"choices"`
	Notes    int `json:"notes"`
	CheckIns int `json:"check_ins"`
	Recall   int `json:"recall"`
	// Size is the file's size in bytes: a browser fetches again a run
	// whose size changed.
	Size int64 `json:"size"`
}

// AddNote asks the server to append an instructor's note to a recording.
// The server sets the note's time.
type AddNote struct {
	Recording string   `json:"recording"`
	Note      sim.Note `json:"note"`
}

// NoteAdded answers an AddNote.
type NoteAdded struct {
	Note sim.Note `json:"note"`
}
