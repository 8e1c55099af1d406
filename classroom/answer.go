package classroom

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Answers: how the server replies, refuses and reads a request's body, in
// words the pages show as they are.

// method reports whether r is of method m, refusing it (405) when not.
func method(w http.ResponseWriter, r *http.Request, m string) bool {
	if r.Method == m {
		return true
	}
	w.Header().Set("Allow", m)
	refuse(w, http.StatusMethodNotAllowed, fmt.Sprintf("The page %s is asked with %s, not %s", r.URL.Path, m, r.Method))
	return false
}

// reply answers v as JSON.
func reply(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		refuse(w, http.StatusInternalServerError, "The server could not write its answer")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(append(b, '\n'))
}

// refuse answers a Refusal with the status.
func refuse(w http.ResponseWriter, status int, why string) {
	refuseAcked(w, status, why, Acked{})
}

// refuseAcked refuses an Append, saying how much of the run the server
// holds.
func refuseAcked(w http.ResponseWriter, status int, why string, ack Acked) {
	b, _ := json.Marshal(Refusal{Error: why, Acked: ack.Acked, CheckIns: ack.CheckIns, Recall: ack.Recall})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// tooMany refuses a request over a rate (429), saying when to ask again.
func tooMany(w http.ResponseWriter, wait time.Duration, why string) {
	secs := int(wait/time.Second) + 1
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	refuse(w, http.StatusTooManyRequests, fmt.Sprintf("%s; try again in %s", why, seconds(secs)))
}

func seconds(n int) string {
	if n == 1 {
		return "1 second"
	}
	return strconv.Itoa(n) + " seconds"
}

// decode reads r's body, JSON, into v: at most MaxBody bytes, one value,
// no field v has not. It refuses (413, 400) and returns false when not.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	body := http.MaxBytesReader(w, r.Body, MaxBody)
	data, err := io.ReadAll(body)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		refuse(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("The request is larger than %d kB, the most the class server takes at once", MaxBody>>10))
		return false
	}
	if err != nil {
		refuse(w, http.StatusBadRequest, "The request could not be read in full")
		return false
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		refuse(w, http.StatusBadRequest, "The request is not what the class server understands ("+jsonProblem(err)+"); is this page the same version of TheraSim as the server? Reload it")
		return false
	}
	if d.More() {
		refuse(w, http.StatusBadRequest, "The request holds more than one message")
		return false
	}
	return true
}

// jsonProblem says in words what is wrong with a JSON request.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "it is not well-formed JSON"
	case errors.As(err, &typ):
		return fmt.Sprintf("the field %q has the wrong kind of value", typ.Field)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "it has a field the server does not know, " + strings.TrimPrefix(err.Error(), "json: unknown field ")
	}
	return "it does not decode"
}

// capital is words begun as a sentence, with a capital letter.
func capital(words string) string {
	c, n := utf8.DecodeRuneInString(words)
	if c == utf8.RuneError || !unicode.IsLower(c) {
		return words
	}
	return string(unicode.ToUpper(c)) + words[n:]
}
