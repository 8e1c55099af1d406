package classroom

import (
	"encoding/json"
	"net/http"
	"testing"
)

// TestHeld: a browser asks what the server holds of its run, before it
// resumes: the choices held, from memory or, after a restart, from disk;
// none for a run it does not hold, another trainee's, or the same id with
// another header; a wrong code is refused.
func TestHeld(t *testing.T) {
	dir := t.TempDir()
	c := newRoom(t, dir)
	co := play(t, "cbt-depression", "competent", "Ana", 5)
	if a := c.do("POST", PathAppend, co.send(c.srv.Code(), "r1", 1, 7)); a.status != 200 {
		t.Fatalf("append: %d %s", a.status, a.body)
	}
	held := func(c *room, code, trainee, run string, seed uint64) (int, int) {
		t.Helper()
		h := co.header
		h.Trainee, h.Seed = trainee, seed
		a := c.do("POST", PathHeld, Held{Code: code, Trainee: trainee, Run: run, Header: h})
		if a.status != 200 {
			return a.status, 0
		}
		var got HeldRun
		if err := json.Unmarshal(a.body, &got); err != nil {
			t.Fatal(err)
		}
		for i, ch := range got.Choices {
			if ch != co.choices[i] {
				t.Fatalf("choice %d held is %+v, sent %+v", i+1, ch, co.choices[i])
			}
		}
		return a.status, len(got.Choices)
	}
	for _, tc := range []struct {
		name          string
		code, trainee string
		run           string
		seed          uint64
		status, n     int
	}{
		{"the run", c.srv.Code(), "Ana", "r1", co.header.Seed, 200, 7},
		{"another run", c.srv.Code(), "Ana", "r2", co.header.Seed, 200, 0},
		{"another trainee", c.srv.Code(), "Bo", "r1", co.header.Seed, 200, 0},
		{"another seed", c.srv.Code(), "Ana", "r1", co.header.Seed + 1, 200, 0},
		{"a wrong code", "WRONGX", "Ana", "r1", co.header.Seed, http.StatusForbidden, 0},
	} {
		if status, n := held(c, tc.code, tc.trainee, tc.run, tc.seed); status != tc.status || n != tc.n {
			t.Errorf("%s: %d with %d choices, want %d with %d", tc.name, status, n, tc.status, tc.n)
		}
	}
	// After a restart, from disk.
	c.srv.Close()
	again := newRoom(t, dir)
	if status, n := held(again, again.srv.Code(), "Ana", "r1", co.header.Seed); status != 200 || n != 7 {
		t.Errorf("after a restart: %d with %d choices, want 200 with 7", status, n)
	}
}
