package sim

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

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
	line := lineText(data, pos.Line)
	pos.Col = max(1, min(pos.Col, len(line)+1)) // in the line, or just past it
	curlyQuote := regexp.MustCompile(`found '[“”‘’]'`)
	definedKey := regexp.MustCompile(`Key '([^']*)'`)
	notNumber := regexp.MustCompile(`^Invalid (?:float|integer)(?: value:)? "([^"]*)"`)
	if p, m, ok := decimalComma(data, pos.Line, msg); ok {
		return p, m
	}
	switch {
	case strings.HasPrefix(msg, "invalid UTF-8 byte"):
		return notUTF8(data)
	case strings.HasPrefix(msg, "files cannot contain NULL bytes"):
		return Pos{1, 1}, "the file is saved as UTF-16 (which some editors call Unicode), and check reads UTF-8: save it as UTF-8 (in most editors: Save As, then Encoding: UTF-8)"
	case strings.Contains(msg, "table array name delimiter"):
		return Pos{headerLine(data, pos.Line), 1}, "the table name is not closed on its line: write it as [[NAME]], all on one line"
	case strings.Contains(msg, "table name delimiter"), strings.Contains(msg, "to end table name"):
		return Pos{headerLine(data, pos.Line), 1}, "the table name is not closed on its line: write it as [NAME], all on one line"
	case curlyQuote.MatchString(msg):
		return pos, "curly quotes (“ ” ‘ ’) do not quote text in TOML, which a word processor may have put in: use straight quotes (\" or ')"
	case strings.Contains(msg, "strings cannot contain newlines"):
		return pos, `the text in quotes is not closed on this line: end it with the quote it began with (for text over several lines, begin and end it with """)`
	case msg == `unexpected EOF; expected '"'`, msg == `unexpected EOF; expected "'"`:
		q := `"`
		if strings.HasSuffix(msg, `"'"`) {
			q = "'"
		}
		if col := openQuote(line); col > 0 {
			pos.Col = col
		}
		return pos, fmt.Sprintf("the file ends inside the text in quotes that begins here: end the text with %s (if the file was cut off while it was saved, save it again)", q)
	case msg == `unexpected EOF; expected '"""'`, msg == `unexpected EOF; expected "'''"`:
		q := `"""`
		if strings.Contains(msg, "'''") {
			q = "'''"
		}
		if line := openedAt(data, q); line > 0 {
			return Pos{line, 1}, fmt.Sprintf("the text opened with %s on this line is never closed: end it with %s", q, q)
		}
		return pos, fmt.Sprintf("a text opened with %s is never closed: end it with %s", q, q)
	case strings.HasPrefix(msg, "expected '.' or '='"), strings.HasPrefix(msg, "unexpected EOF; expected key separator"):
		return pos, "a key needs = before its value: write NAME = VALUE"
	case strings.Contains(msg, "has already been defined"), strings.Contains(msg, "was already created"):
		if m := definedKey.FindStringSubmatch(msg); m != nil {
			return givenTwice(data, pos, m[1])
		}
	case msg == "unexpected EOF; expected value", strings.HasPrefix(msg, "expected value but found"):
		if p, m, ok := unclosed(data, pos, strings.Contains(msg, "EOF")); ok {
			return p, m
		}
		return noValue(line, pos, msg)
	case strings.HasPrefix(msg, "expected a comma or an inline table terminator"),
		strings.HasPrefix(msg, "expected a comma (',') or array terminator"):
		if p, m, ok := unclosed(data, pos, strings.Contains(msg, "end of file")); ok {
			return p, m
		}
		if p, m, ok := quoteInside(line, pos); ok {
			return p, m
		}
		if strings.Contains(msg, "inline table") {
			return pos, "the keys between { and } need a comma between each two, as in { bond = 0.1, hope = 0.05 }"
		}
		return pos, `the items of a list need a comma between each two, as in ["a", "b"], and the list ends with ]`
	case strings.HasPrefix(msg, "expected a top-level item to end"):
		if p, m, ok := quoteInside(line, pos); ok {
			return p, m
		}
		rest := cut(strings.TrimSpace(line[pos.Col-1:]), 30)
		if a, ok := assignmentAt(line, pos.Col-1); ok && a.value <= pos.Col-1 {
			return pos, fmt.Sprintf("%s = %s is followed by %q on the same line: a line holds one key and one value; put text in quotes, and a note after #",
				a.key, strings.TrimSpace(line[a.value:pos.Col-1]), rest)
		}
		if strings.HasPrefix(strings.TrimSpace(line), "[") {
			return pos, fmt.Sprintf("a heading stands alone on its line, but %q follows it: put that on the next line, or after # as a note", rest)
		}
		return pos, fmt.Sprintf("the line goes on (%q) where it should end: a line holds one key and one value; put text in quotes, and a note after #", rest)
	case strings.HasPrefix(msg, "floats must start with a digit"):
		return pos, "a number starts with a digit: write 0.5, not .5"
	case notNumber.MatchString(msg):
		return pos, fmt.Sprintf("%s is not a number: write numbers as 3, 0.35 or -0.05, with a point for decimals", notNumber.FindStringSubmatch(msg)[1])
	case strings.HasPrefix(msg, "invalid escape in string"), strings.Contains(msg, "hexadecimal digits after"):
		// The text as it would be between single quotes, when it is on
		// one line.
		fix := ""
		if a, ok := assignmentAt(line, pos.Col-1); ok && a.value < len(line) && line[a.value] == '"' {
			if end := skipText([]byte(line), a.value); end > a.value+1 && line[end-1] == '"' {
				text := line[a.value+1 : end-1]
				q := "'"
				if strings.Contains(text, "'") {
					q = "'''"
				}
				pos.Col = a.value + 1
				fix = fmt.Sprintf(": %s = %s%s%s", a.key, q, cut(text, 50), q)
			}
		}
		return pos, fmt.Sprintf(`a \ in text between double quotes begins a sign TOML does not know: put the text between single quotes, where a \ is only a \%s`, fix)
	case msg == "unexpected comma":
		return pos, "a comma with nothing before it: remove it, or write the item that goes before it"
	case strings.HasPrefix(msg, "TOML files cannot contain control characters"):
		return pos, "this line holds an invisible character that text cannot (it may have come with a paste from another program): delete it, or retype the line"
	}
	words := strings.NewReplacer("unexpected EOF", "the file ends too soon", "EOF", "the end of the file",
		`'\n'`, "the end of the line", "end of file", "the end of the file")
	return pos, "TOML syntax: " + words.Replace(msg)
}

// noValue tells a key whose value is missing or not a value TOML knows:
// often a word meant as text, true or false, or a condition, written
// without quotes.
func noValue(line string, pos Pos, msg string) (Pos, string) {
	a, ok := assignmentAt(line, pos.Col)
	if !ok {
		return pos, "a value should follow =: text in quotes, a number, true or false, [a list] or {a table}"
	}
	end := len(line)
	stop := "#"
	if a.table != "" {
		stop = ",}#"
	}
	if i := strings.IndexAny(line[a.value:], stop); i >= 0 {
		end = a.value + i
	}
	word := strings.TrimSpace(line[a.value:end])
	at := Pos{pos.Line, a.value + 1}
	if word == "" || msg == "unexpected EOF; expected value" {
		return Pos{pos.Line, len(strings.TrimRight(line, " \t")) + 1}, fmt.Sprintf("%s = needs a value after it, on the same line: text in quotes, a number, true or false, [a list] or {a table}", a.key)
	}
	first, _ := utf8.DecodeRuneInString(word)
	if !(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z' || first == '_' || first > utf8.RuneSelf) {
		found := strings.TrimPrefix(msg, "expected value but found ")
		return at, "a value should follow =: text in quotes, a number, true or false, [a list] or {a table}; found " + found
	}
	lower := strings.ToLower(word)
	for _, b := range []string{"true", "false"} {
		if len(lower) >= 3 && distance(lower, b) == 1 {
			lower = b // tru, flase
		}
	}
	switch lower {
	case "true", "yes", "on":
		return at, fmt.Sprintf("write true or false, in lowercase and without quotes: %s = %s, not %s", a.key, "true", word)
	case "false", "no", "off":
		return at, fmt.Sprintf("write true or false, in lowercase and without quotes: %s = %s, not %s", a.key, "false", word)
	}
	what := "the text"
	switch {
	case a.key == "when" || a.key == "if":
		what = "the condition"
	case a.table == "effects" || a.key == "severity":
		what = "the amount"
	case a.table == "set" && strings.ContainsAny(word, "+-*/0123456789"):
		what = "the amount"
	case a.table == "set":
		what = "the condition"
	}
	return at, fmt.Sprintf("put %s in quotes: %s = %s", what, a.key, quoted(word))
}

// quoted puts text in the quotes that can hold it.
func quoted(s string) string {
	switch {
	case !strings.Contains(s, `"`):
		return `"` + s + `"`
	case !strings.Contains(s, "'"):
		return "'" + s + "'"
	}
	return `"""` + s + `"""`
}

// cut shortens s to n characters, ending it with … when it is cut.
func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// quoteInside tells a text whose own quotes end it too soon, as in
// when = "rupture == "withdrawal"": the parser gives up on what follows
// the second quote. It suggests the text between the other kind of quotes.
func quoteInside(line string, pos Pos) (Pos, string, bool) {
	a, ok := assignmentAt(line, pos.Col-1)
	if !ok || a.value >= len(line) {
		return Pos{}, "", false
	}
	q := line[a.value]
	if q != '"' && q != '\'' || strings.HasPrefix(line[a.value:], strings.Repeat(string(q), 3)) {
		return Pos{}, "", false
	}
	if pos.Col-1 < a.value+2 {
		return Pos{}, "", false // no text closes before the problem
	}
	rest := line[pos.Col-1:]
	if i := strings.IndexByte(rest, '#'); i >= 0 && !strings.ContainsRune(rest[:i], rune(q)) {
		rest = rest[:i]
	}
	last := strings.LastIndexByte(rest, q)
	if last < 0 {
		return Pos{}, "", false // nothing closes what follows: not a quote inside the text
	}
	end := pos.Col - 1 + last
	inner := line[a.value+1 : end]
	close := a.value + 1 + strings.IndexByte(inner, q) // the quote that ends it
	var between, open string
	switch {
	case q == '"' && !strings.Contains(inner, "'"):
		between, open = "single quotes", "'"
	case q == '\'' && !strings.Contains(inner, `"`):
		between, open = "double quotes", `"`
	default:
		between, open = "three quotes", strings.Repeat(string(q), 3)
	}
	shown := inner
	if r := []rune(inner); len(r) > 50 {
		shown = string(r[:49]) + "…"
	}
	return Pos{pos.Line, close + 1}, fmt.Sprintf("the text has %c inside it, which ends the text too soon: put it between %s instead: %s = %s%s%s",
		q, between, a.key, open, shown, open), true
}

// decimalComma finds a number written with a decimal comma, bond = 0,35,
// on the line of a problem that follows from it.
func decimalComma(data []byte, line int, msg string) (Pos, string, bool) {
	if !strings.HasPrefix(msg, "expected a top-level item to end") && !strings.HasPrefix(msg, "expected '.' or '='") &&
		!strings.HasPrefix(msg, "expected a comma or an inline table terminator") {
		return Pos{}, "", false
	}
	text := blankTexts(lineText(data, line))
	m := regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(-?[0-9]+),([0-9]+)`).FindStringSubmatchIndex(text)
	if m == nil {
		return Pos{}, "", false
	}
	key, whole, frac := text[m[2]:m[3]], text[m[4]:m[5]], text[m[6]:m[7]]
	return Pos{line, m[4] + 1}, fmt.Sprintf("use a point for decimals: %s = %s.%s, not %s,%s", key, whole, frac, whole, frac), true
}

// blankTexts replaces the texts in quotes of a line, and its note, with
// spaces, keeping the columns.
func blankTexts(line string) string {
	b := []byte(line)
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '#':
			for ; i < len(b); i++ {
				b[i] = ' '
			}
		case '"', '\'':
			j := skipText(b, i)
			for k := i; k < j; k++ {
				b[k] = ' '
			}
			i = j - 1
		}
	}
	return string(b)
}

// arrayNoun names, by the name of a [[TABLE]], what one of its tables is.
func arrayNoun(name string) (string, bool) {
	one, ok := map[string]string{
		"sessions": "session", "beats": "beat", "says": "client line", "options": "option",
		"rules": "rule", "events": "life event", "when": "situation",
	}[name]
	return one, ok
}

// givenTwice tells a key or a table given twice; most often a table of
// which there are several, such as a session, headed [sessions], with one
// bracket, rather than [[sessions]].
func givenTwice(data []byte, pos Pos, key string) (Pos, string) {
	heading := func(name string, brackets int) *regexp.Regexp {
		o, c := strings.Repeat(`\[`, brackets), strings.Repeat(`\]`, brackets)
		return regexp.MustCompile(`(?m)^[ \t]*` + o + `[ \t]*` + regexp.QuoteMeta(name) + `[ \t]*` + c + `[ \t]*(#.*)?\r?$`)
	}
	name := key[strings.LastIndexByte(key, '.')+1:]
	single, double := heading(key, 1), heading(key, 2)
	if one, many := arrayNoun(name); many || double.Match(data) {
		if loc := single.FindIndex(data); loc != nil {
			if one == "" {
				one = "one"
			}
			line := bytes.Count(data[:loc[0]], []byte("\n")) + 1
			return Pos{line, 1}, singleBracket(key, one)
		}
	}
	line := lineText(data, pos.Line)
	if strings.HasPrefix(strings.TrimSpace(line), "[") {
		return Pos{pos.Line, 1}, fmt.Sprintf("[%s] is given twice: keep one, with all its keys under it", key)
	}
	pos.Col = len(line) - len(strings.TrimLeft(line, " \t")) + 1 // at the key
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return pos, fmt.Sprintf("%s is given twice in this [%s]: keep one", key[i+1:], key[:i])
	}
	return pos, fmt.Sprintf("%s is given twice: keep one", key)
}

// singleBracket tells a table of which a file may have several (one of
// them) headed with one bracket, [name], rather than two.
func singleBracket(name, one string) string {
	return fmt.Sprintf("[%s] with one bracket is a single table: write [[%s]], with two brackets, for each %s", name, name, one)
}

// notUTF8 tells a file saved in another encoding than UTF-8, at the first
// character that is not UTF-8, with the character and its word as they
// would be in Windows-1252 (or Latin-1, its part), the most common other,
// when the word has other letters of the Latin alphabet.
func notUTF8(data []byte) (Pos, string) {
	i := 0
	for i < len(data) {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		i += n
	}
	lineStart := bytes.LastIndexByte(data[:i], '\n') + 1
	pos := Pos{bytes.Count(data[:i], []byte("\n")) + 1, i - lineStart + 1}
	// Windows-1252 from 0x80 to 0x9f; from 0xa0 it is Latin-1, whose bytes
	// are the first 256 characters of Unicode. 0 where a byte means nothing.
	cp1252 := [32]rune{
		'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
		0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
	}
	const fix = "save the file as UTF-8 (in most editors: Save As, then Encoding: UTF-8), and check it again"
	decode := func(b byte) rune {
		switch {
		case b < 0x80:
			return rune(b)
		case b < 0xa0:
			return cp1252[b-0x80]
		}
		return rune(b)
	}
	isWordByte := func(b byte) bool {
		return b >= 0x80 || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '-'
	}
	from, to := i, i+1
	for from > lineStart && isWordByte(data[from-1]) {
		from--
	}
	for to < len(data) && isWordByte(data[to]) {
		to++
	}
	latin := false
	var word strings.Builder
	for _, b := range data[from:to] {
		r := decode(b)
		if r == 0 {
			latin = false
			break
		}
		latin = latin || b < 0x80
		word.WriteRune(r)
	}
	if latin && to-from <= 40 {
		return pos, fmt.Sprintf("the file is not saved as UTF-8: this letter (probably %q, in %q) is written in another encoding: %s", string(decode(data[i])), word.String(), fix)
	}
	return pos, fmt.Sprintf("the file is not saved as UTF-8: the characters here are written in another encoding: %s", fix)
}
