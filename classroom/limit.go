package classroom

import (
	"net"
	"sync"
	"time"

	"golang.org/x/time/rate"
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

// buckets are token buckets (golang.org/x/time/rate), one for each key (a
// trainee, an address), created full: each request takes a token, and
// tokens come back at rate a second, up to burst.
type buckets struct {
	rate  rate.Limit
	burst int
	now   func() time.Time

	mu sync.Mutex
	m  map[string]*rate.Limiter
}

func newBuckets(r, burst float64, now func() time.Time) *buckets {
	return &buckets{rate: rate.Limit(r), burst: int(burst), now: now, m: map[string]*rate.Limiter{}}
}

// limiter returns key's bucket, made full when new. b.mu is held.
func (b *buckets) limiter(key string, now time.Time) *rate.Limiter {
	l := b.m[key]
	if l == nil {
		if len(b.m) >= pruneAt {
			b.prune(now)
		}
		l = rate.NewLimiter(b.rate, b.burst)
		b.m[key] = l
	}
	return l
}

// prune forgets the buckets that are full again: they are as new.
func (b *buckets) prune(now time.Time) {
	for key, l := range b.m {
		if l.TokensAt(now) >= float64(b.burst) {
			delete(b.m, key)
		}
	}
}

// take takes a token from key's bucket. When there is none, it takes
// nothing and returns how long until there is one.
func (b *buckets) take(key string) (ok bool, wait time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	l := b.limiter(key, now)
	if l.AllowN(now, 1) {
		return true, 0
	}
	return false, b.until(l, now)
}

// empty returns how long until key's bucket has a token, or 0 when it has
// one now; it takes none.
func (b *buckets) empty(key string) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	l := b.limiter(key, now)
	if l.TokensAt(now) >= 1 {
		return 0
	}
	return b.until(l, now)
}

// until is how long from now until l has a token.
func (b *buckets) until(l *rate.Limiter, now time.Time) time.Duration {
	return time.Duration((1 - l.TokensAt(now)) / float64(b.rate) * float64(time.Second))
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
