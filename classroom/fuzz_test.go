package classroom

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
)

// FuzzAppend sends the server bodies of every shape at PathAppend: it
// never fails (5xx) or panics, answers a Refusal to all it refuses, and
// acknowledges only choices of the course.
func FuzzAppend(f *testing.F) {
	co := play(f, "cbt-depression", "competent", "Ana", 5)
	for _, a := range []Append{co.send("CODE", "r", 1, 3), co.send("CODE", "r", 2, 2), co.send("CODE", "x", 1, 0)} {
		b, _ := json.Marshal(a)
		f.Add(b)
	}
	// A course with check-ins: the answers given before its choices, and
	// recall of them written after.
	scs, sc := checkInScenario(f)
	ci := playAnswering(f, sc, "competent", "Ana", 3, answerCheckIn)
	for _, a := range []Append{
		pending("CODE", "c", ci.upTo(f, 4), Acked{}),
		pending("CODE", "c", ci.upTo(f, len(ci.lines)), Acked{Acked: 2, CheckIns: 1}),
		pending("CODE", "c", ci.upTo(f, len(ci.lines)), Acked{Acked: len(ci.choices), CheckIns: len(ci.checkIns), Recall: 1}),
	} {
		b, _ := json.Marshal(a)
		f.Add(b)
	}
	f.Add([]byte(`{"code":"CODE","trainee":"Ana","run":"r","header":{},"choices":[{"n":-1}]}`))
	f.Add([]byte(`{"choices":[null,{}]}`))
	f.Add([]byte(`{"check_ins":[null,{"choice":-1,"pulls":[""]}],"check_ins_from":-3,"recall":[{}],"recall_from":1}`))
	c := newRoomOffering(f, f.TempDir(), scs)
	code := []byte(c.srv.Code())
	// No rate: the fuzzer is a flood, and what it finds is past the rates.
	c.srv.appends = newBuckets(1e12, 1e12, c.srv.now)
	c.srv.fails = newBuckets(1e12, 1e12, c.srv.now)
	f.Fuzz(func(t *testing.T, body []byte) {
		c.t = t
		body = bytes.ReplaceAll(body, []byte("CODE"), code)
		a := c.do("POST", PathAppend, body)
		switch {
		case a.status == http.StatusOK:
			var ack Acked
			if err := json.Unmarshal(a.body, &ack); err != nil || ack.Acked > max(len(co.choices), len(ci.choices)) {
				t.Fatalf("acknowledged %s", a.body)
			}
		case a.status >= 500 && a.status != http.StatusServiceUnavailable:
			t.Fatalf("%d %s", a.status, a.body)
		default:
			if a.refusal().Error == "" {
				t.Fatalf("%d without words: %s", a.status, a.body)
			}
		}
	})
}
