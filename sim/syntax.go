package sim

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// syntaxProblem tells a TOML syntax error in an author's words, at the line
// where the problem starts, with the fix: what the parser says is about
// its own workings ("expected end of table array name delimiter") and often
// about where it gave up (the end of the file, for a text left open at
// line 33).
func syntaxProblem(pe toml.ParseError, data []byte) (Pos, string) {
	pos := Pos{Line: pe.Position.Line, Col: pe.Position.Col}
	msg := pe.Message
	curlyQuote := regexp.MustCompile(`found '[“”‘’]'`)
	definedKey := regexp.MustCompile(`Key '([^']*)'`)
	switch {
	case strings.Contains(msg, "table array name delimiter"):
		return Pos{headerLine(data, pos.Line), 1}, "the table name is not closed on its line: write it as [[NAME]], all on one line"
	case strings.Contains(msg, "table name delimiter"), strings.Contains(msg, "to end table name"):
		return Pos{headerLine(data, pos.Line), 1}, "the table name is not closed on its line: write it as [NAME], all on one line"
	case curlyQuote.MatchString(msg):
		return pos, "curly quotes (“ ” ‘ ’) do not quote text in TOML, which a word processor may have put in: use straight quotes (\" or ')"
	case strings.Contains(msg, "strings cannot contain newlines"):
		return pos, `the text in quotes is not closed on this line: end it with the quote it began with (for text over several lines, begin and end it with """)`
	case strings.Contains(msg, `unexpected EOF; expected '"""'`), strings.Contains(msg, `unexpected EOF; expected '''''`):
		q := `"""`
		if strings.Contains(msg, "'''''") {
			q = "'''"
		}
		if line := openedAt(data, q); line > 0 {
			return Pos{line, 1}, fmt.Sprintf("the text opened with %s on this line is never closed: end it with %s", q, q)
		}
		return pos, fmt.Sprintf("a text opened with %s is never closed: end it with %s", q, q)
	case strings.HasPrefix(msg, "expected '.' or '='"):
		return pos, "a key needs = before its value: write NAME = VALUE"
	case strings.Contains(msg, "has already been defined"), strings.Contains(msg, "was already created"):
		if m := definedKey.FindStringSubmatch(msg); m != nil {
			if i := strings.LastIndexByte(m[1], '.'); i >= 0 {
				return pos, fmt.Sprintf("%s is given twice in this [%s]: keep one", m[1][i+1:], m[1][:i])
			}
			return pos, fmt.Sprintf("%s is given twice: keep one", m[1])
		}
	case strings.HasPrefix(msg, "expected value but found"):
		return pos, strings.Replace(msg, "expected value but found", "a value should follow =: text in quotes, a number, true or false, [a list] or {a table}; found", 1)
	}
	return pos, "TOML syntax: " + msg
}

// openedAt returns the line (from 1) where the last multi-line text opened
// with quote q begins and is never closed, or 0.
func openedAt(data []byte, q string) int {
	open, line := 0, 1
	for i := 0; i < len(data); {
		switch {
		case data[i] == '\n':
			line++
			i++
		case bytes.HasPrefix(data[i:], []byte(q)):
			if open == 0 {
				open = line
			} else {
				open = 0
			}
			i += len(q)
		case data[i] == '\\' && q == `"""` && open > 0:
			i += 2 // an escape inside the text
		default:
			i++
		}
	}
	return open
}

// headerLine returns the line of the table header the parser gave up on at
// line: the parser reads past the end of an unclosed header's line before
// it says so, so the header is that line or the one before.
func headerLine(data []byte, line int) int {
	lines := bytes.Split(data, []byte("\n"))
	isHeader := func(n int) bool {
		return n >= 1 && n <= len(lines) && bytes.HasPrefix(bytes.TrimSpace(lines[n-1]), []byte("["))
	}
	if !isHeader(line) && isHeader(line-1) {
		return line - 1
	}
	return line
}
