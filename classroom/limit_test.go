package classroom

import (
	"fmt"
	"testing"
	"time"
)

// TestBuckets: a key's bucket starts full, takes burst requests at once,
// then says how long until the next, which comes back at rate a second; a
// key's bucket is not another's; full buckets are forgotten when there are
// many.
func TestBuckets(t *testing.T) {
	now := time.Date(2026, 11, 30, 14, 0, 0, 0, time.UTC)
	b := newBuckets(0.5, 3, func() time.Time { return now })
	for i := range 3 {
		if ok, _ := b.take("ana"); !ok {
			t.Fatalf("request %d of a full bucket of 3 refused", i+1)
		}
	}
	ok, wait := b.take("ana")
	if ok || wait != 2*time.Second {
		t.Fatalf("the 4th request: taken %v, wait %v; want refused, 2s (a token every 2 s)", ok, wait)
	}
	if w := b.empty("ana"); w != 2*time.Second {
		t.Errorf("empty says %v, want 2s", w)
	}
	if ok, _ := b.take("bo"); !ok {
		t.Error("Bo is refused for Ana's requests")
	}
	now = now.Add(2 * time.Second)
	if w := b.empty("ana"); w != 0 {
		t.Errorf("2 s later empty says %v, want 0", w)
	}
	if ok, _ := b.take("ana"); !ok {
		t.Error("2 s later the request is refused")
	}
	for i := range pruneAt + 1 {
		b.take(fmt.Sprint("key", i))
	}
	now = now.Add(time.Hour)
	b.take("last")
	if n := len(b.m); n > 2 {
		t.Errorf("%d buckets kept after an hour in which all filled again", n)
	}
}
