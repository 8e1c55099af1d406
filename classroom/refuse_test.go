package classroom

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/therasim/therasim/sim"
)

// Every request that breaks the protocol or a limit is refused with words
// that say why, and writes nothing.
func TestRefusals(t *testing.T) {
	co := play(t, "cbt-depression", "competent", "Ana", 5)
	const held = 5 // choices of run "r1" the server holds before each case
	forge := func(f func(c *sim.ChoiceRecord)) Append {
		a := co.send("", "r1", held+1, held+1)
		a.Choices = append([]sim.ChoiceRecord(nil), a.Choices...)
		f(&a.Choices[0])
		return a
	}
	header := func(f func(h *sim.Header)) Append {
		a := co.send("", "r2", 1, 1)
		f(&a.Header)
		return a
	}
	long := strings.Repeat("x", MaxName+1)
	type request struct {
		method, path string
		body         any // an Append or Join gets the class code when its own is ""
		headers      []string
	}
	post := func(path string, body any) request { return request{"POST", path, body, nil} }
	for _, tc := range []struct {
		name   string
		before func(c *room) // more than the run of 5 choices
		req    request
		status int
		says   string
		acked  int
	}{
		{name: "wrong code to join", req: post(PathJoin, Join{Code: "XXXXXX", Trainee: "Ana"}), status: 403, says: "That is not the class code"},
		{name: "wrong code to append", req: post(PathAppend, func() Append { a := co.send("WRONG1", "r1", 6, 6); return a }()), status: 403, says: "not the class code"},
		{name: "no key", req: request{"GET", PathRuns, nil, nil}, status: 401, says: "instructor key is missing or wrong"},
		{name: "wrong key", req: request{"GET", PathRuns, nil, []string{"Authorization: Bearer nope"}}, status: 401, says: "instructor key is missing or wrong"},
		{name: "wrong key to add a note", req: request{"POST", PathNote, AddNote{}, []string{"Authorization: Bearer nope"}}, status: 401, says: "instructor key"},
		{name: "option not offered", req: post(PathAppend, forge(func(c *sim.ChoiceRecord) { c.Option = 9 })), status: 409,
			says: "Choice 6 does not match the course: the option chosen is not one offered at that moment", acked: held},
		{name: "another act", req: post(PathAppend, forge(func(c *sim.ChoiceRecord) {
			c.Act = map[bool]sim.Act{true: "reflection", false: "open_question"}[c.Act != "reflection"]
		})), status: 409, says: "Choice 6 does not match the course: the option chosen is not one offered at that moment (its act is", acked: held},
		{name: "forged fingerprint", req: post(PathAppend, forge(func(c *sim.ChoiceRecord) { c.Fingerprint = strings.Repeat("0", 16) })), status: 409,
			says: "Choice 6 does not match the course: the client's state after it is not the one the server computes", acked: held},
		{name: "another moment", req: post(PathAppend, forge(func(c *sim.ChoiceRecord) { c.Beat = "elsewhere" })), status: 409,
			says: "Choice 6 does not match the course: it was made at session 1 beat \"elsewhere\"", acked: held},
		{name: "a gap", req: post(PathAppend, co.send("", "r1", held+2, held+3)), status: 409,
			says: "Choice 7 was sent, but the server holds 5 choices of this run: the choices between are missing", acked: held},
		{name: "good choices then a forged one", req: post(PathAppend, func() Append {
			a := co.send("", "r1", held+1, held+3)
			a.Choices = append([]sim.ChoiceRecord(nil), a.Choices...)
			a.Choices[2].Fingerprint = "0"
			return a
		}()), status: 409, says: "Choice 8 does not match the course", acked: held},
		{name: "a resend that differs", req: post(PathAppend, func() Append {
			a := co.send("", "r1", 2, 2)
			a.Choices = []sim.ChoiceRecord{a.Choices[0]}
			a.Choices[0].Fingerprint = "0"
			return a
		}()), status: 409, says: "Choice 2 differs from the choice 2 the server already holds", acked: held},
		{name: "a choice past the course's end", before: func(c *room) {
			c.do("POST", PathAppend, co.send(c.srv.Code(), "r1", held+1, len(co.choices)))
		}, req: post(PathAppend, func() Append {
			a := co.send("", "r1", len(co.choices), len(co.choices))
			a.Choices = []sim.ChoiceRecord{a.Choices[0]}
			a.Choices[0].N++
			return a
		}()), status: 409, says: "the course was already over", acked: len(co.choices)},
		{name: "oversized body", req: post(PathAppend, `{"code":"`+strings.Repeat("A", MaxBody)+`"}`), status: 413, says: "larger than 64 kB"},
		{name: "malformed JSON", req: post(PathAppend, `{"code":`), status: 400, says: "not well-formed JSON"},
		{name: "not JSON at all", req: post(PathJoin, `code=ABC`), status: 400, says: "not well-formed JSON"},
		{name: "a wrong kind of value", req: post(PathJoin, `{"code":1,"trainee":"Ana"}`), status: 400, says: `the field "code" has the wrong kind of value`},
		{name: "an unknown field", req: post(PathJoin, `{"code":"ABC","trainee":"Ana","admin":true}`), status: 400, says: `a field the server does not know, "admin"`},
		{name: "an unknown field in a choice", req: post(PathAppend, strings.Replace(string(mustMarshal(t, co.send("", "r1", 6, 6))), `"n":6`, `"n":6,"extra":1`, 1)), status: 400, says: `"extra"`},
		{name: "two messages", req: post(PathJoin, `{"code":"A","trainee":"B"}{}`), status: 400, says: "more than one message"},
		{name: "a name too long", req: post(PathJoin, Join{Trainee: long}), status: 400, says: "The name has 81 characters; it may have at most 80"},
		{name: "an empty name", req: post(PathJoin, Join{Trainee: "  "}), status: 400, says: "The name is empty"},
		{name: "a name with a new line", req: post(PathJoin, Join{Trainee: "Ana\nBo"}), status: 400, says: "control character"},
		{name: "a run id too long", req: post(PathAppend, co.send("", strings.Repeat("r", MaxRunID+1), 1, 1)), status: 400, says: "The run's identifier has 201 bytes; it may have at most 200"},
		{name: "no run id", req: post(PathAppend, co.send("", "", 1, 1)), status: 400, says: "The run has no identifier"},
		{name: "too many choices at once", req: post(PathAppend, func() Append {
			a := co.send("", "r1", 1, 1)
			for len(a.Choices) <= MaxChoicesPerAppend {
				a.Choices = append(a.Choices, a.Choices[0])
			}
			return a
		}()), status: 413, says: "Too many choices were sent at once (101; the most is 100)"},
		{name: "a choice beyond a run's most", req: post(PathAppend, forge(func(c *sim.ChoiceRecord) { c.N = MaxChoicesPerRun + 1 })), status: 413, says: "beyond the most a run may have, 500"},
		{name: "a field too long", req: post(PathAppend, forge(func(c *sim.ChoiceRecord) { c.Beat = strings.Repeat("b", MaxField+1) })), status: 400, says: "longer than 200 bytes"},
		{name: "a header of another trainee", req: post(PathAppend, header(func(h *sim.Header) { h.Trainee = "Bo" })), status: 400, says: `The run's header is of trainee "Bo", not of "Ana" who sends it`},
		{name: "an unknown scenario", req: post(PathAppend, header(func(h *sim.Header) { h.Scenario = "grief" })), status: 409, says: `This class does not offer scenario "grief"`},
		{name: "another version of a scenario", req: post(PathAppend, header(func(h *sim.Header) { h.SHA256 = strings.Repeat("a", 64) })), status: 409, says: `another version of scenario "cbt-depression"`},
		{name: "another model", req: post(PathAppend, header(func(h *sim.Header) { h.Model = strings.Repeat("a", 64) })), status: 409, says: "another model"},
		{name: "another engine", req: post(PathAppend, header(func(h *sim.Header) { h.Engine = "0.1.0" })), status: 409, says: "played with TheraSim 0.1.0 and this server is TheraSim " + sim.Version},
		{name: "another generator", req: post(PathAppend, header(func(h *sim.Header) { h.Generator = "math/rand" })), status: 409, says: `random generator "math/rand"`},
		{name: "another format", req: post(PathAppend, header(func(h *sim.Header) { h.Format = 2 })), status: 409, says: "format 2"},
		{name: "too many runs", before: func(c *room) {
			for i := 2; i <= MaxRunsPerTrainee; i++ {
				if a := c.do("POST", PathAppend, co.send(c.srv.Code(), fmt.Sprint("run", i), 1, 0)); a.status != 200 {
					t.Fatalf("run %d: %d %s", i, a.status, a.body)
				}
			}
		}, req: post(PathAppend, co.send("", "one more", 1, 1)), status: 403, says: "A trainee may begin 30 runs in a class, and Ana has begun them all"},
		{name: "a full class", before: func(c *room) {
			for i := 2; i <= MaxTrainees; i++ {
				if a := c.do("POST", PathJoin, Join{Code: c.srv.Code(), Trainee: fmt.Sprint("Trainee ", i)}); a.status != 200 {
					t.Fatalf("trainee %d: %d %s", i, a.status, a.body)
				}
			}
		}, req: post(PathJoin, Join{Trainee: "One more"}), status: 403, says: "The class is full: it has 300 trainees"},
		{name: "a note too long", req: request{"POST", PathNote, AddNote{Note: sim.Note{Text: strings.Repeat("n", MaxNote+1)}}, nil}, status: 413, says: "a note may have at most 4000"},
		{name: "an empty note", req: request{"POST", PathNote, AddNote{Note: sim.Note{Text: " "}}, nil}, status: 400, says: "The note is empty"},
		{name: "a note's author too long", req: request{"POST", PathNote, AddNote{Note: sim.Note{Author: long, Text: "x"}}, nil}, status: 400, says: "The author's name has 81 characters"},
		{name: "a note about a choice not made", req: request{"POST", PathNote, AddNote{Note: sim.Note{Choice: held + 1, Text: "x"}}, nil}, status: 400, says: "A note about choice 6, but the run has 5 choices"},
		{name: "a note about a negative choice", req: request{"POST", PathNote, AddNote{Note: sim.Note{Choice: -1, Text: "x"}}, nil}, status: 400, says: "A note about choice -1"},
		{name: "the wrong method", req: request{"GET", PathAppend, nil, nil}, status: 405, says: "is asked with POST, not GET"},
		{name: "an unknown page", req: request{"GET", "/admin", nil, nil}, status: 404, says: "no such page"},
		{name: "the README of the build", req: request{"GET", "/README.md", nil, nil}, status: 404, says: "no such page"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newRoom(t, t.TempDir())
			first := c.do("POST", PathAppend, co.send(c.srv.Code(), "r1", 1, held))
			var ack Acked
			mustJSON(t, first.body, &ack)
			if tc.before != nil {
				tc.before(c)
			}
			req := tc.req
			switch b := req.body.(type) {
			case Append:
				if b.Code == "" {
					b.Code = c.srv.Code()
				}
				req.body = b
			case Join:
				if b.Code == "" {
					b.Code = c.srv.Code()
				}
				req.body = b
			case AddNote:
				b.Recording = ack.Recording
				req.body = b
				if req.headers == nil {
					req.headers = []string{c.key()}
				}
			}
			before := snapshot(t, c.dir)
			a := c.do(req.method, req.path, req.body, req.headers...)
			if a.status != tc.status {
				t.Errorf("status %d, want %d: %s", a.status, tc.status, a.body)
			}
			got := a.refusal()
			if !strings.Contains(got.Error, tc.says) {
				t.Errorf("says %q, want it to say %q", got.Error, tc.says)
			}
			// The page shows the server's words as they are.
			if c, _ := utf8.DecodeRuneInString(got.Error); !unicode.IsUpper(c) {
				t.Errorf("says %q, which does not begin a sentence", got.Error)
			}
			if got.Acked != tc.acked {
				t.Errorf("acked %d, want %d", got.Acked, tc.acked)
			}
			if diff := changed(before, snapshot(t, c.dir)); len(diff) > 0 {
				t.Errorf("the refusal changed %v", diff)
			}
			// The run goes on after the refusal.
			if tc.acked == held {
				if a := c.do("POST", PathAppend, co.send(c.srv.Code(), "r1", held+1, held+2)); a.status != 200 {
					t.Errorf("the run does not go on after the refusal: %d %s", a.status, a.body)
				}
			}
		})
	}
}

// Every path that takes a recording's name, or a kept copy's, answers 404
// for anything but a file directly in the class's folder, and reads
// nothing outside it.
func TestNamesArePathsInTheFolder(t *testing.T) {
	c := newRoom(t, t.TempDir())
	co := play(t, "cbt-depression", "competent", "Ana", 5)
	c.do("POST", PathAppend, co.send(c.srv.Code(), "r1", 1, 3))
	for _, name := range []string{
		"../x.jsonl", "../../../../etc/passwd", "/etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "%2e%2e%2fsecret.jsonl",
		".therasim-class.json", ".hidden.jsonl", "kept", "kept/x.jsonl", "x.json", "..", ".", "", "%00.jsonl",
		"nothing.jsonl", "..%5c..%5cwindows.jsonl",
	} {
		for _, path := range []string{PathRun + name, PathExport + name + ".csv", PathExport + name + ".html", PathKept + name, PathKept + name + ".toml"} {
			before := snapshot(t, c.dir)
			a := c.do("GET", path, nil, c.key())
			if a.status != http.StatusNotFound {
				t.Errorf("GET %s: %d %s, want 404", path, a.status, a.body)
			}
			if diff := changed(before, snapshot(t, c.dir)); len(diff) > 0 {
				t.Errorf("GET %s changed %v", path, diff)
			}
		}
		unescaped, _ := url.PathUnescape(name)
		a := c.do("POST", PathNote, AddNote{Recording: unescaped, Note: sim.Note{Text: "x"}}, c.key())
		if a.status != http.StatusNotFound || !strings.Contains(a.refusal().Error, "There is no recording") {
			t.Errorf("a note to %q: %d %s, want 404", unescaped, a.status, a.body)
		}
	}
}

// A flood of appends from one trainee is slowed (429, with when to ask
// again), while a whole course sent at once is not; and wrong codes from
// one address are refused after a few, even when the right one follows.
func TestFloods(t *testing.T) {
	c := newRoom(t, t.TempDir())
	co := play(t, "cbt-depression", "competent", "Ana", 5)
	refused := 0
	for i := range 3 * appendBurst {
		a := c.do("POST", PathAppend, co.send(c.srv.Code(), "r1", 1, 1))
		if a.status == http.StatusTooManyRequests {
			if i < appendBurst {
				t.Fatalf("append %d refused: a course is never slowed", i+1)
			}
			if a.header.Get("Retry-After") == "" || !strings.Contains(a.refusal().Error, "More choices have come from Ana than anyone can play") {
				t.Fatalf("the refusal: %s %q", a.header, a.body)
			}
			refused++
		}
	}
	if refused == 0 {
		t.Errorf("%d appends at once were all taken", 3*appendBurst)
	}
	// Another trainee is not slowed by Ana's flood.
	bo := play(t, "cbt-depression", "competent", "Bo", 5)
	if a := c.do("POST", PathAppend, bo.send(c.srv.Code(), "r1", 1, 1)); a.status != 200 {
		t.Errorf("Bo: %d %s", a.status, a.body)
	}

	for i := range failBurst {
		if a := c.do("POST", PathJoin, Join{Code: fmt.Sprintf("WRONG%d", i), Trainee: "Eve"}); a.status != http.StatusForbidden {
			t.Fatalf("wrong code %d: %d", i+1, a.status)
		}
	}
	a := c.do("POST", PathJoin, Join{Code: c.srv.Code(), Trainee: "Eve"})
	if a.status != http.StatusTooManyRequests || a.header.Get("Retry-After") == "" || !strings.Contains(a.refusal().Error, "Too many wrong codes or keys") {
		t.Errorf("after %d wrong codes: %d %s", failBurst, a.status, a.body)
	}
	if a := c.do("GET", PathRuns, nil, c.key()); a.status != http.StatusTooManyRequests {
		t.Errorf("the instructor's key from the same address: %d, want 429 too", a.status)
	}
}

func mustMarshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := jsonMarshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Names are kept as they are seen: one with an invisible character is
// refused, saying so, and a name typed in any of Unicode's ways of
// writing it (an ë as one character, or as an e and its accent) is one
// trainee, one author.
func TestNames(t *testing.T) {
	const zoe = "Zo\u00eb" // ë as one character
	for _, tc := range []struct {
		name, typed string
		kept        string // "" when refused
	}{
		{"plain", "Zoë Ng", "Zoë Ng"},
		{"composed", zoe, zoe},
		{"an e and its accent", "Zoe\u0308", zoe},
		{"spaces around", "  Zoe\u0308 ", zoe},
		{"a zero-width space", "Zo\u200bë", ""},
		{"a zero-width joiner", "Ana\u200d", ""},
		{"a right-to-left override", "\u202eanA", ""},
		{"a left-to-right embedding", "\u202aAna", ""},
		{"a right-to-left isolate", "Ana \u2067Bo\u2069", ""},
		{"a byte order mark", "\ufeffAna", ""},
		{"a soft hyphen", "An\u00ada", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newRoom(t, t.TempDir())
			co := play(t, "cbt-depression", "competent", zoe, 3)
			if a := c.do("POST", PathAppend, co.send(c.srv.Code(), "r1", 1, 2)); a.status != http.StatusOK {
				t.Fatalf("Zoë's run: %d %s", a.status, a.body)
			}
			var ack Acked
			mustJSON(t, c.do("POST", PathAppend, co.send(c.srv.Code(), "r1", 1, 2)).body, &ack)
			trainees := len(c.srv.trainees)

			a := c.do("POST", PathJoin, Join{Code: c.srv.Code(), Trainee: tc.typed})
			n := c.do("POST", PathNote, AddNote{Recording: ack.Recording, Note: sim.Note{Author: tc.typed, Text: "Good."}}, c.key())
			if tc.kept == "" {
				for what, a := range map[string]answer{"the join": a, "the note": n} {
					if a.status != http.StatusBadRequest || !strings.Contains(a.refusal().Error, "holds an invisible character") {
						t.Errorf("%s: %d %s, want 400 saying the name holds an invisible character", what, a.status, a.body)
					}
				}
				if len(c.srv.trainees) != trainees {
					t.Errorf("the refused name was enrolled")
				}
				return
			}
			var j Joined
			mustJSON(t, a.body, &j)
			var added NoteAdded
			mustJSON(t, n.body, &added)
			if j.Trainee != tc.kept || added.Note.Author != tc.kept {
				t.Errorf("kept as %q and %q, want %q", j.Trainee, added.Note.Author, tc.kept)
			}
			if want := trainees + map[bool]int{true: 0, false: 1}[tc.kept == zoe]; len(c.srv.trainees) != want {
				t.Errorf("the class has %d trainees, want %d", len(c.srv.trainees), want)
			}
			// Zoë's run goes on under the name as typed.
			if tc.kept == zoe {
				typed := co.send(c.srv.Code(), "r1", 3, 3)
				typed.Trainee, typed.Header.Trainee = tc.typed, tc.typed
				if a := c.do("POST", PathAppend, typed); a.status != http.StatusOK {
					t.Errorf("Zoë's run, sent as %q: %d %s", tc.typed, a.status, a.body)
				} else if mustJSON(t, a.body, &ack); ack.Acked != 3 {
					t.Errorf("Zoë's run, sent as %q, holds %d choices, want 3", tc.typed, ack.Acked)
				}
			}
		})
	}
}

// Wrong codes from an address (a classroom's router, which every trainee
// shares) hold back joins, new runs and the instructor's key from it, but
// not the choices of runs the server already holds: the class goes on.
// Wrong codes sent with such a run hold back that run alone.
func TestWrongCodesLimit(t *testing.T) {
	c := newRoom(t, t.TempDir())
	ana := play(t, "cbt-depression", "competent", "Ana", 5)
	bo := play(t, "cbt-depression", "competent", "Bo", 6)
	for _, co := range []course{ana, bo} {
		if a := c.do("POST", PathAppend, co.send(c.srv.Code(), "r1", 1, 3)); a.status != http.StatusOK {
			t.Fatalf("%s's run: %d %s", co.header.Trainee, a.status, a.body)
		}
	}
	// Someone at the same address guesses the code.
	for i := range failBurst {
		if a := c.do("POST", PathJoin, Join{Code: fmt.Sprintf("WRONG%d", i), Trainee: "Eve"}); a.status != http.StatusForbidden {
			t.Fatalf("wrong code %d: %d", i+1, a.status)
		}
	}
	wrongWithRun := func(co course, n int) Append { return co.send("WRONG1", "r1", n, n) }
	for _, tc := range []struct {
		name   string
		req    func() answer
		status int
		says   string
	}{
		{"a join", func() answer { return c.do("POST", PathJoin, Join{Code: c.srv.Code(), Trainee: "Cy"}) }, 429, "Too many wrong codes or keys have come from this computer's address"},
		{"a new run", func() answer { return c.do("POST", PathAppend, ana.send(c.srv.Code(), "r2", 1, 1)) }, 429, "from this computer's address"},
		{"the instructor's key", func() answer { return c.do("GET", PathRuns, nil, c.key()) }, 429, "from this computer's address"},
		{"Ana's run, going on", func() answer { return c.do("POST", PathAppend, ana.send(c.srv.Code(), "r1", 4, 4)) }, 200, ""},
		{"Ana's run, with a wrong code", func() answer { return c.do("POST", PathAppend, wrongWithRun(ana, 5)) }, 403, "not the class code"},
		{"Ana's run under another's name", func() answer {
			a := ana.send(c.srv.Code(), "r1", 5, 5)
			a.Trainee, a.Header.Trainee = "Cy", "Cy"
			return c.do("POST", PathAppend, a)
		}, 429, "from this computer's address"},
		{"Bo's run, going on", func() answer { return c.do("POST", PathAppend, bo.send(c.srv.Code(), "r1", 4, 5)) }, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.req()
			if a.status != tc.status || !strings.Contains(a.refusal().Error, tc.says) {
				t.Errorf("%d %s, want %d saying %q", a.status, a.body, tc.status, tc.says)
			}
		})
	}
	// Guessing with Ana's run is held back too, by that run's own count,
	// and Bo's run goes on.
	refused := 0
	for range failBurst + 5 {
		if a := c.do("POST", PathAppend, wrongWithRun(ana, 5)); a.status == http.StatusTooManyRequests {
			if !strings.Contains(a.refusal().Error, "Too many wrong codes or keys have come with this run") {
				t.Errorf("says %q", a.refusal().Error)
			}
			refused++
		}
	}
	if refused < 5 {
		t.Errorf("%d wrong codes with one run: %d held back, want 5 at least", failBurst+5, refused)
	}
	if a := c.do("POST", PathAppend, bo.send(c.srv.Code(), "r1", 6, 6)); a.status != http.StatusOK {
		t.Errorf("Bo's run after guesses with Ana's: %d %s", a.status, a.body)
	}
}

// A wrong code or key is logged with the address it came from, as it is.
func TestRefusalLogSaysTheAddress(t *testing.T) {
	for _, remote := range []string{"192.0.2.7:5555", "[2001:db8::7]:5555", "[::1]:80"} {
		t.Run(remote, func(t *testing.T) {
			c := newRoom(t, t.TempDir())
			req := httptest.NewRequest("POST", PathJoin, strings.NewReader(`{"code":"WRONG1","trainee":"Eve"}`))
			req.RemoteAddr = remote
			c.srv.ServeHTTP(httptest.NewRecorder(), req)
			host, _, _ := net.SplitHostPort(remote)
			want := "Refused: a wrong class code from " + host
			if len(c.log) != 1 || c.log[0] != want {
				t.Errorf("the log: %q, want %q", c.log, want)
			}
		})
	}
}
