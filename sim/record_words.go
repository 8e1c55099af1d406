package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Why a line of a recording does not read, in the words of someone who
// opened the file in an editor: the recordings are written by TheraSim,
// but an instructor may add or correct a note by hand, and a line may be
// damaged. No message names a Go type or quotes the JSON decoder.

// recLineFields says what each field of a line of the kind holds, in the
// order they are written.
func recLineFields(kind string) [][2]string {
	switch kind {
	case "header":
		return [][2]string{
			{"type", `"header"`},
			{"format", "the version of the recording format"},
			{"scenario", "the scenario's id"},
			{"scenario_sha256", "the scenario file's SHA-256"},
			{"model_sha256", "the model file's SHA-256"},
			{"engine", "TheraSim's version"},
			{"generator", "the random generator"},
			{"seed", "the run's seed"},
			{"trainee", "the trainee's name"},
			{"started", "when the run began"},
			{"assess", "whether it was played in assessment mode"},
		}
	case "choice":
		return [][2]string{
			{"type", `"choice"`},
			{"n", "the choice's number, from 1"},
			{"session", "the session it was made in"},
			{"beat", "the beat's id"},
			{"option", "the option chosen, from 1"},
			{"act", "the option's act"},
			{"fingerprint", "the client's state after it"},
		}
	case "note":
		return [][2]string{
			{"type", `"note"`},
			{"choice", "the choice the note is about, 0 for the whole run"},
			{"author", "who wrote it"},
			{"time", "when"},
			{"text", "the note"},
		}
	case "recall":
		return [][2]string{
			{"type", `"recall"`},
			{"choice", "the choice the trainee's recall is about, from 1"},
			{"time", "when"},
			{"text", "what the trainee recalls thinking and feeling"},
		}
	case "check_in":
		return [][2]string{
			{"type", `"check_in"`},
			{"choice", "the choice whose moment asked it, from 1"},
			{"session", "the session it was asked in"},
			{"beat", "the beat's id"},
			{"pulls", "the ids of the pulls the trainee noticed"},
			{"text", "the trainee's own words"},
			{"time", "when"},
		}
	}
	return nil
}

// recLineProblem says why line, a line of the kind ("header", "choice",
// "note", "recall", "check_in", or "" before its type is known), does not decode, from the
// error of the JSON decoder.
func recLineProblem(kind string, line []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '{' {
		return errors.New("the line does not begin with {: each line of a recording is one {…} of fields")
	}
	switch {
	case errors.As(err, &se) && strings.Contains(se.Error(), "unexpected end"):
		return errors.New("the line ends before its closing }: it is not a whole line of a recording")
	case errors.As(err, &se):
		return errors.New(recordSyntaxProblem(line, int(se.Offset)-1, se.Error()))
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return errors.New("the line ends before its closing }: it is not a whole line of a recording")
	case errors.As(err, &te):
		return errors.New(recTypeProblem(kind, line, te))
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ := strconv.Unquote(f)
		return recUnknownField(kind, name)
	}
	return fmt.Errorf("the line does not read as a line of a recording (%v)", err)
}

// recCurlyQuote returns the straight quote that r, a quotation mark a
// word processor or a keyboard may put for one, stands for, or "".
func recCurlyQuote(r rune) string {
	switch r {
	case '“', '”', '„', '‟', '″', '«', '»':
		return `"`
	case '‘', '’', '‚', '‛', '′':
		return `'`
	}
	return ""
}

// recordSyntaxProblem says what is wrong at byte i of line, which is not valid
// JSON there; msg is the decoder's message, for the context it gives.
func recordSyntaxProblem(line []byte, i int, msg string) string {
	i = max(0, min(i, len(line)))
	if i == len(line) {
		return "the line ends before its closing }: it is not a whole line of a recording"
	}
	r, _ := utf8.DecodeRune(line[i:])
	col := utf8.RuneCount(line[:i]) + 1
	prev := bytes.TrimRight(line[:i], " \t\r")
	switch {
	case recCurlyQuote(r) == `"`:
		return fmt.Sprintf(`a curly quote (%c) where a straight one (") belongs, at column %d: recordings are written by TheraSim; if you edited this line by hand, use straight quotes`, r, col)
	case recCurlyQuote(r) == `'` || r == '\'':
		return fmt.Sprintf(`a single quote (%c) where a double one (") belongs, at column %d: names and text go in straight double quotes`, r, col)
	case (r == '}' || r == ']') && bytes.HasSuffix(prev, []byte(",")):
		return fmt.Sprintf("a comma before the closing %c, at column %d: the last field has none after it", r, col)
	case r < ' ' && strings.Contains(msg, "string"):
		return fmt.Sprintf("a %s inside quotes, at column %d: write it as %s", recControlName(r), col, strconv.QuoteRune(r)[1:len(strconv.QuoteRune(r))-1])
	case i > 0 && line[i-1] == '\\' && strings.Contains(msg, "escape"):
		return fmt.Sprintf(`a backslash before %q, at column %d: inside quotes a backslash is written \\, a double quote \"`, r, col-1)
	case r == utf8.RuneError:
		return fmt.Sprintf("bytes that are not UTF-8 text, at column %d: recordings are UTF-8; save the file as UTF-8 in the editor that changed it", col)
	}
	what := fmt.Sprintf("%q at column %d", r, col)
	switch {
	case strings.Contains(msg, "after object key:value pair"):
		return what + " where a comma or the closing } belongs, after a field"
	case strings.Contains(msg, "after object key"):
		return what + ` where a colon (:) belongs, after a field's name`
	case strings.Contains(msg, "beginning of object key"):
		return what + ` where a field's name, in straight double quotes, belongs`
	case strings.Contains(msg, "in literal"):
		return what + ": a word where a value belongs (a number, true or false, or text in straight double quotes)"
	case strings.Contains(msg, "beginning of value"):
		return what + ": a value belongs there (a number, true or false, or text in straight double quotes)"
	case strings.Contains(msg, "after top-level value"):
		return what + " after the line's closing }: one line holds one {…}"
	}
	return what + ": the line is not valid JSON there"
}

// recControlName names a control character.
func recControlName(r rune) string {
	switch r {
	case '\t':
		return "tab"
	case '\n', '\r':
		return "line break"
	}
	return fmt.Sprintf("control character (U+%04X)", r)
}

// recTypeProblem says which field of line holds a value of the wrong kind.
func recTypeProblem(kind string, line []byte, te *json.UnmarshalTypeError) string {
	field := te.Field
	if i := strings.LastIndexByte(field, '.'); i >= 0 {
		field = field[i+1:]
	}
	if field == "" {
		return "the line is not one {…} of fields, as each line of a recording is"
	}
	want := "text in double quotes"
	switch te.Type.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		want = "a whole number"
		if strings.HasPrefix(te.Value, "number") {
			// A number, but not one that fits: a fraction, or too large.
			return fmt.Sprintf("%q should be a whole number%s, not %s", field, recSense(kind, field), strings.TrimPrefix(te.Value, "number "))
		}
	case reflect.Bool:
		want = "true or false"
	case reflect.Slice:
		want = "a list in [ ]"
	}
	return fmt.Sprintf("%q should be %s%s, not %s", field, want, recSense(kind, field), recRawValue(line, field))
}

// recSense is " (what the field holds)" for the field of a line of the kind,
// or "".
func recSense(kind, field string) string {
	for _, f := range recLineFields(kind) {
		if f[0] == field {
			return " (" + f[1] + ")"
		}
	}
	return ""
}

// recRawValue shows the value of field in line as it is written, saying of
// a number in quotes that it is.
func recRawValue(line []byte, field string) string {
	var m map[string]json.RawMessage
	if json.Unmarshal(line, &m) != nil || m[field] == nil {
		return "what it holds"
	}
	raw := bytes.TrimSpace(m[field])
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return strconv.Quote(s) + " in quotes"
		}
		if s == "true" || s == "false" {
			return strconv.Quote(s) + " in quotes"
		}
	}
	v := string(raw)
	if utf8.RuneCountInString(v) > 40 {
		v = string([]rune(v)[:39]) + "…"
	}
	return v
}

// recUnknownField says that a line has a field its kind has not.
func recUnknownField(kind, name string) error {
	var names []string
	for _, f := range recLineFields(kind) {
		names = append(names, f[0])
	}
	what := "this line"
	if kind != "" {
		what = "a " + kind + " line"
	}
	if len(names) == 0 {
		return fmt.Errorf("unknown field %q", name)
	}
	return fmt.Errorf("unknown field %q: %s has %s and %s", name, what, strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
}
