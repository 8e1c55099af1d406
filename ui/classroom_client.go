package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/therasim/therasim/classroom"
)

// classClient talks to the class server that served the page (package
// classroom is the protocol). It is built on net/http, which in the
// browser goes through fetch, so the same code runs, and is tested, on the
// desktop against an httptest server.
type classClient struct {
	// base is the server's address without a trailing slash, e.g.
	// "http://10.0.0.5:8080", or "" for paths relative to the page.
	base string
	// key is the instructor key, sent as "Authorization: Bearer key";
	// "" for trainees.
	key string
	hc  *http.Client
}

// newClassClient returns a client of the server at base, with the
// instructor key (or "").
func newClassClient(base, key string) *classClient {
	return &classClient{base: strings.TrimSuffix(base, "/"), key: key, hc: &http.Client{Timeout: 30 * time.Second}}
}

// classRefusal is an answer other than 2xx: its Status and the server's
// words (classroom.Refusal), or a network failure (Status 0, Words saying
// the server could not be reached).
type classRefusal struct {
	Status int
	Words  string
	// Acked is, for a refused Append, how many choices of the run the
	// server holds; CheckIns how many answers to check-ins, Recall how
	// many lines of recall.
	Acked, CheckIns, Recall int
	// RetryAfter is what the server's Retry-After header asked for, or 0.
	RetryAfter time.Duration
}

func (r *classRefusal) Error() string { return r.Words }

// transient says whether asking again later may succeed: the server could
// not be reached, failed (5xx), or asked to slow down (429).
func (r *classRefusal) transient() bool {
	return r.Status == 0 || r.Status == http.StatusTooManyRequests || r.Status >= 500
}

// unreachable is what a trainee or instructor is told when the server
// cannot be reached.
const unreachable = "The class server cannot be reached (is the network connected, and is the server still running?)"

// postJSON posts in as JSON to path and decodes a 2xx answer into out (out
// may be nil); any other answer is a *classRefusal.
func (c *classClient) postJSON(ctx context.Context, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("writing the request to %s: %w", path, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("asking %s: %w", path, err)
	}
	req.Header.Set("Content-Type", "application/json")
	b, err := c.do(req)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(b, out); err != nil {
		return &classRefusal{Status: http.StatusBadGateway, Words: "The class server's answer could not be read (" + path + "); is it the same version of TheraSim as this page?"}
	}
	return nil
}

// get fetches path (with "Authorization: Bearer key" when key is set) and
// returns the body of a 2xx answer; any other answer is a *classRefusal.
func (c *classClient) get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, fmt.Errorf("asking %s: %w", path, err)
	}
	return c.do(req)
}

// do sends req and reads the answer: the body of a 2xx, or a
// *classRefusal.
func (c *classClient) do(req *http.Request) ([]byte, error) {
	if c.key != "" {
		req.Header.Set("Authorization", "Bearer "+c.key)
	}
	hc := c.hc
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		if ctxErr := req.Context().Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, &classRefusal{Words: unreachable + "."}
	}
	defer resp.Body.Close()
	// Answers are small (a run's recording is at most a few hundred
	// kilobytes); 32 MB bounds a misbehaving server.
	b, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		if ctxErr := req.Context().Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, &classRefusal{Words: unreachable + " (the answer was cut off)."}
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return b, nil
	}
	r := &classRefusal{Status: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"))}
	var words classroom.Refusal
	if json.Unmarshal(b, &words) == nil && words.Error != "" {
		r.Words, r.Acked, r.CheckIns, r.Recall = words.Error, words.Acked, words.CheckIns, words.Recall
	} else {
		r.Words = refusalWords(resp.StatusCode)
	}
	return nil, r
}

// refusalWords says what an answer without the server's own words means.
func refusalWords(status int) string {
	switch {
	case status == http.StatusNotFound:
		return "This page is not served by a TheraSim class server."
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return "The class server refused: the code or key is not this class's."
	case status == http.StatusTooManyRequests:
		return "The class server is busy; it will be asked again shortly."
	case status >= 500:
		return "The class server had a problem (" + strconv.Itoa(status) + "); it will be asked again shortly."
	}
	return "The class server refused the request (" + strconv.Itoa(status) + ")."
}

// retryAfter reads a Retry-After header given in seconds (the form a class
// server sends); a date or nothing is 0.
func retryAfter(h string) time.Duration {
	n, err := strconv.Atoi(strings.TrimSpace(h))
	if err != nil || n < 0 {
		return 0
	}
	if n > 600 {
		n = 600
	}
	return time.Duration(n) * time.Second
}

// asRefusal returns err as a *classRefusal, or nil.
func asRefusal(err error) *classRefusal {
	var r *classRefusal
	if errors.As(err, &r) {
		return r
	}
	return nil
}
