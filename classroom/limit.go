package classroom

import (
	"math"
	"net"
	"sync"
	"time"
)

// Request rates. A trainee's browser sends one Append for each choice, and
// a course is about 70 choices over an hour; one that was offline sends its
// queue in a few. The bucket of appends holds more than a whole course, so
// that no trainee, however fast they click or however long they were
// offline, is ever slowed, while a program flooding the server is.
const (
	appendBurst = 120 // appends a trainee may send at once
	appendRate  = 2.0 // appends a second a trainee may send after that
	// Wrong class codes and instructor keys from one address: enough for a
	// room of trainees behind one router who mistype the code, too few to
	// guess a code (11^6 of them) in the length of a class.
	failBurst = 20
	failRate  = 0.5 // a wrong attempt every 2 seconds after that
	// refusals written to the log at once, and a second after that.
	logBurst = 10
	logRate  = 0.2
	// pruneAt is how many buckets are kept before the full ones are
	// forgotten.
	pruneAt = 4096
)

// buckets are token buckets, one for each key (a trainee, an address),
// created full: each request takes a token, and tokens come back at rate a
// second, up to burst.
type buckets struct {
	rate, burst float64
	now         func() time.Time

	mu sync.Mutex
	m  map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newBuckets(rate, burst float64, now func() time.Time) *buckets {
	return &buckets{rate: rate, burst: burst, now: now, m: map[string]*bucket{}}
}

// fill brings key's bucket up to now and returns it.
func (b *buckets) fill(key string) *bucket {
	now := b.now()
	k := b.m[key]
	if k == nil {
		if len(b.m) >= pruneAt {
			b.prune(now)
		}
		k = &bucket{tokens: b.burst, at: now}
		b.m[key] = k
		return k
	}
	if d := now.Sub(k.at).Seconds(); d > 0 {
		k.tokens = math.Min(b.burst, k.tokens+d*b.rate)
	}
	k.at = now
	return k
}

// prune forgets the buckets that are full again: they are as new.
func (b *buckets) prune(now time.Time) {
	for key, k := range b.m {
		if k.tokens+now.Sub(k.at).Seconds()*b.rate >= b.burst {
			delete(b.m, key)
		}
	}
}

// take takes a token from key's bucket. When there is none, it takes
// nothing and returns how long until there is one.
func (b *buckets) take(key string) (ok bool, wait time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	k := b.fill(key)
	if k.tokens >= 1 {
		k.tokens--
		return true, 0
	}
	return false, b.until(k)
}

// empty returns how long until key's bucket has a token, or 0 when it has
// one now; it takes none.
func (b *buckets) empty(key string) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	k := b.fill(key)
	if k.tokens >= 1 {
		return 0
	}
	return b.until(k)
}

func (b *buckets) until(k *bucket) time.Duration {
	return time.Duration((1 - k.tokens) / b.rate * float64(time.Second))
}

// addressKey is the key of the client at remote (a request's RemoteAddr):
// its IP address, or for IPv6 its /64 network, which one machine may hold
// many addresses of.
func addressKey(remote string) string {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return host
	}
	if ip.To4() != nil {
		return ip.String()
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// clientAddress is the address of the client at remote (a request's
// RemoteAddr), as a log shows it: its IP address alone.
func clientAddress(remote string) string {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		return remote
	}
	return host
}
