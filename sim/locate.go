package sim

import (
	"bytes"
	"strconv"
)

// Pos is a position in a source file: line and column from 1 (the column
// counts bytes).
type Pos struct {
	Line, Col int
}

// locate maps every key of a TOML document to the position where it is
// written. Keys are paths with array elements numbered from 0, so the act of
// the second option of the fourth beat of the first session is
// "sessions.0.beats.3.options.1.act"; a table or array element maps to its
// header. BurntSushi/toml validates the syntax; locate only has to find keys,
// and on input it does not understand it stops early rather than fail.
//
// It also returns where each key's value starts, so that a mistake inside
// an expression can be pointed at exactly.
func locate(data []byte) (keys, values map[string]Pos) {
	// About one key a line: sized so, the maps never grow.
	n := bytes.Count(data, []byte("\n")) + 1
	l := &locator{src: data, line: 1, col: 1, pos: make(map[string]Pos, n),
		vpos: make(map[string]Pos, n), arrays: make(map[string]int),
		budget: 32*len(data) + 1<<16}
	// BurntSushi/toml reads over a byte-order mark, and counts columns from
	// after it; so does locate.
	for _, bom := range []string{"\xef\xbb\xbf", "\xff\xfe", "\xfe\xff"} {
		if bytes.HasPrefix(data, []byte(bom)) {
			l.i = len(bom)
			break
		}
	}
	l.document()
	return l.pos, l.vpos
}

type locator struct {
	src       []byte
	i         int
	line, col int
	pos       map[string]Pos
	vpos      map[string]Pos // key path -> start of its value
	arrays    map[string]int // array-of-tables path -> elements seen
	table     string         // path of the current table
	// budget is the bytes of key paths locate may still build: it stops
	// when they are spent, so that deep nesting or long dotted keys cost
	// memory in proportion to the file rather than to its square.
	budget int
}

func (l *locator) peek(k int) byte {
	if l.i+k < len(l.src) {
		return l.src[l.i+k]
	}
	return 0
}

func (l *locator) next() {
	if l.i >= len(l.src) {
		return
	}
	if l.src[l.i] == '\n' {
		l.line++
		l.col = 1
	} else {
		l.col++
	}
	l.i++
}

func (l *locator) eof() bool { return l.i >= len(l.src) }

// space skips blanks, and newlines and comments too when nl is set.
func (l *locator) space(nl bool) {
	for !l.eof() {
		switch c := l.peek(0); {
		case c == ' ' || c == '\t' || c == '\r':
			l.next()
		case c == '\n' && nl:
			l.next()
		case c == '#':
			for !l.eof() && l.peek(0) != '\n' {
				l.next()
			}
		default:
			return
		}
	}
}

func (l *locator) here() Pos { return Pos{l.line, l.col} }

// join extends a key path by one key, charging the budget.
func (l *locator) join(a, b string) string {
	l.budget -= len(a) + 1 + len(b)
	if l.budget < 0 {
		l.i = len(l.src) // stop here
	}
	return join(a, b)
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

func (l *locator) document() {
	for {
		l.space(true)
		if l.eof() {
			return
		}
		start := l.i
		if l.peek(0) == '[' {
			l.header()
		} else {
			l.keyval(l.table)
		}
		if l.i == start { // no progress: not TOML we understand
			return
		}
	}
}

func (l *locator) header() {
	at := l.here()
	array := l.peek(1) == '['
	l.next()
	if array {
		l.next()
	}
	l.space(false)
	keys := l.key()
	if len(keys) == 0 {
		return
	}
	path := ""
	for _, k := range keys[:len(keys)-1] {
		path = l.join(path, k)
		if n, ok := l.arrays[path]; ok {
			path = l.join(path, strconv.Itoa(n-1))
		}
		if l.budget < 0 {
			return
		}
	}
	path = l.join(path, keys[len(keys)-1])
	if array {
		n := l.arrays[path]
		l.arrays[path] = n + 1
		if _, ok := l.pos[path]; !ok {
			l.pos[path] = at
		}
		path = l.join(path, strconv.Itoa(n))
	}
	l.set(path, at)
	l.table = path
	for !l.eof() && l.peek(0) != '\n' && l.peek(0) != '#' {
		l.next()
	}
}

func (l *locator) set(path string, p Pos) {
	if _, ok := l.pos[path]; !ok {
		l.pos[path] = p
	}
}

// key reads a possibly dotted key.
func (l *locator) key() []string {
	var keys []string
	for {
		l.space(false)
		var k string
		switch c := l.peek(0); {
		case c == '"' || c == '\'':
			k = l.quoted(c)
		case isBare(c):
			s := l.i
			for !l.eof() && isBare(l.peek(0)) {
				l.next()
			}
			k = string(l.src[s:l.i])
		default:
			return keys
		}
		keys = append(keys, k)
		l.space(false)
		if l.peek(0) != '.' {
			return keys
		}
		l.next()
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// quoted reads a one-line quoted key and returns its text (escapes are kept
// as written; keys in our formats never need them).
func (l *locator) quoted(q byte) string {
	l.next()
	s := l.i
	for !l.eof() && l.peek(0) != q && l.peek(0) != '\n' {
		if q == '"' && l.peek(0) == '\\' {
			l.next()
		}
		l.next()
	}
	k := string(l.src[s:l.i])
	if l.peek(0) == q {
		l.next()
	}
	return k
}

func (l *locator) keyval(table string) {
	at := l.here()
	keys := l.key()
	if len(keys) == 0 {
		return
	}
	path := table
	for _, k := range keys {
		path = l.join(path, k)
		if l.budget < 0 {
			return
		}
		l.set(path, at)
	}
	l.space(false)
	if l.peek(0) != '=' {
		return
	}
	l.next()
	l.space(false)
	if _, ok := l.vpos[path]; !ok {
		l.vpos[path] = l.here()
	}
	l.value(path)
}

func (l *locator) value(path string) {
	switch c := l.peek(0); c {
	case '"', '\'':
		if l.peek(1) == c && l.peek(2) == c {
			l.next()
			l.next()
			l.next()
			for !l.eof() {
				if c == '"' && l.peek(0) == '\\' {
					l.next()
					l.next()
					continue
				}
				if l.peek(0) == c && l.peek(1) == c && l.peek(2) == c {
					for l.peek(0) == c { // up to two quotes may close the content
						l.next()
					}
					return
				}
				l.next()
			}
			return
		}
		l.quoted(c)
	case '[':
		l.next()
		for n := 0; ; n++ {
			l.space(true)
			if l.eof() || l.peek(0) == ']' {
				l.next()
				return
			}
			el := l.join(path, strconv.Itoa(n))
			l.set(el, l.here())
			start := l.i
			l.value(el)
			l.space(true)
			if l.peek(0) == ',' {
				l.next()
			} else if l.i == start {
				return
			}
		}
	case '{':
		// TOML 1.1, which BurntSushi/toml reads, lets an inline table span
		// lines and hold comments.
		l.next()
		for {
			l.space(true)
			if l.eof() || l.peek(0) == '}' {
				l.next()
				return
			}
			start := l.i
			l.keyval(path)
			l.space(true)
			if l.peek(0) == ',' {
				l.next()
			} else if l.i == start {
				return
			}
		}
	default:
		for !l.eof() {
			switch l.peek(0) {
			case ',', ']', '}', '\n', '#':
				return
			}
			l.next()
		}
	}
}
