package sim

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// Reading a TOML file's text as written, for syntax messages: its lines,
// where a text in quotes, a list or a table opens and whether it closes, the
// key and value of an assignment, a table header's line.

// lineText returns line n (from 1) of data, without its line ending.
func lineText(data []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return strings.TrimSuffix(string(data), "\r")
}

// offset returns the byte offset of a position in data.
func offset(data []byte, p Pos) int {
	off := 0
	for i := 1; i < p.Line; i++ {
		j := bytes.IndexByte(data[off:], '\n')
		if j < 0 {
			return len(data)
		}
		off += j + 1
	}
	return min(off+max(p.Col-1, 0), len(data))
}

// skipText returns the index just past the text in quotes that begins at
// data[i] (a quote): past its closing quote, or at the end of its line
// (or of data) when it is not closed.
func skipText(data []byte, i int) int {
	q := data[i]
	if bytes.HasPrefix(data[i:], []byte{q, q, q}) {
		j := i + 3
		for j < len(data) {
			switch {
			case data[j] == '\\' && q == '"':
				j += 2
			case bytes.HasPrefix(data[j:], []byte{q, q, q}):
				j += 3
				for n := 0; n < 2 && j < len(data) && data[j] == q; n++ {
					j++ // a quote or two just before the closing three are text
				}
				return j
			default:
				j++
			}
		}
		return len(data)
	}
	for j := i + 1; j < len(data); j++ {
		switch {
		case data[j] == '\n':
			return j
		case data[j] == '\\' && q == '"':
			j++
		case data[j] == q:
			return j + 1
		}
	}
	return len(data)
}

// An opening is a [ or { that begins a value: a list or a table between
// braces.
type opening struct {
	Pos
	c byte
}

// openings returns the lists and tables of values still open at byte
// offset stop of data, outermost first. Texts and notes are passed over,
// and a [ that begins a line outside any value is a table's heading.
func openings(data []byte, stop int) []opening {
	var stack []opening
	line, lineStart, first := 1, 0, true
	for i := 0; i < stop && i < len(data); {
		c := data[i]
		switch {
		case c == '\n':
			line, lineStart, first = line+1, i+1, true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '#' || c == '[' && first && len(stack) == 0:
			for i < len(data) && data[i] != '\n' {
				i++
			}
			continue
		case c == '"' || c == '\'':
			j := skipText(data, i)
			if n := bytes.Count(data[i:j], []byte("\n")); n > 0 {
				line += n
				lineStart = i + bytes.LastIndexByte(data[i:j], '\n') + 1
			}
			i = j
		case c == '[' || c == '{':
			stack = append(stack, opening{Pos{line, i - lineStart + 1}, c})
			i++
		case c == ']' || c == '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			i++
		default:
			i++
		}
		first = false
	}
	return stack
}

// unclosed finds a list or a table between braces that is never closed:
// at the end of the file (atEnd), or before a line that begins a new key
// or table, into which the parser reads on and gives up there.
func unclosed(data []byte, p Pos, atEnd bool) (Pos, string, bool) {
	open := openings(data, offset(data, p))
	if len(open) == 0 {
		return Pos{}, "", false
	}
	o := open[0]
	// A line that begins a table or gives a key its value.
	newItem := regexp.MustCompile(`^\s*(\[+\s*[A-Za-z0-9_."-]+\s*\]+|[A-Za-z0-9_"-][A-Za-z0-9_."-]*\s*=)`)
	if !atEnd && (o.Line >= p.Line || !newItem.MatchString(lineText(data, p.Line))) {
		return Pos{}, "", false
	}
	what, end := "list", "]"
	if o.c == '{' {
		what, end = "table", "}"
	}
	return o.Pos, fmt.Sprintf("the %s opened with %c on this line is never closed: end it with %s", what, o.c, end), true
}

// openQuote returns the column of the quote that opens a text left
// unclosed at the end of line, or 0.
func openQuote(line string) int {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '#':
			return 0
		case '"', '\'':
			j := skipText([]byte(line), i)
			if j == len(line) && (j == i+1 || line[j-1] != line[i] || line[j-2] == '\\') {
				return i + 1
			}
			i = j - 1
		}
	}
	return 0
}

// An assignment is where a key is given its value on a line: the key,
// the byte index where the value starts, and the key of the table between
// braces it is written in (set, effects, …), if any.
type assignment struct {
	key   string
	value int
	table string
}

// assignmentAt finds the assignment whose value is at or before byte index
// at of line: the last = before it outside texts.
func assignmentAt(line string, at int) (assignment, bool) {
	eq := -1
	var braces []int // the { still open at each =
	var eqs []int
	for i := 0; i < len(line) && i < at; i++ {
		switch line[i] {
		case '#':
			i = len(line)
		case '"', '\'':
			i = skipText([]byte(line), i) - 1
		case '{':
			braces = append(braces, i)
		case '}':
			if len(braces) > 0 {
				braces = braces[:len(braces)-1]
			}
		case '=':
			eq = i
			eqs = append(eqs, i)
		}
	}
	if eq < 0 {
		return assignment{}, false
	}
	keyOf := func(eq int) string {
		k := line[:eq]
		if i := strings.LastIndexAny(k, "{,"); i >= 0 {
			k = k[i+1:]
		}
		return strings.TrimSpace(k)
	}
	a := assignment{key: keyOf(eq), value: eq + 1}
	for a.value < len(line) && (line[a.value] == ' ' || line[a.value] == '\t') {
		a.value++
	}
	// The table between braces the key is in: the key given the
	// innermost { still open before this =.
	open := -1
	for _, b := range braces {
		if b < eq {
			open = b
		}
	}
	if open >= 0 {
		for i := len(eqs) - 1; i >= 0; i-- {
			if eqs[i] < open {
				a.table = keyOf(eqs[i])
				break
			}
		}
	}
	return a, true
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
