package sim_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/therasim/therasim/sim"
)

// TestRecordLineWords: a line of a recording edited by hand, and what the
// reader says of it, in words for whoever edited it: the field, what it
// holds and what it should, or the character at fault and where; never
// the JSON decoder's words, a Go type or a garbled character.
func TestRecordLineWords(t *testing.T) {
	base := recBase(t)
	choice := base[1] // the first choice: {"type":"choice","n":1,…}
	for _, c := range []struct {
		name string
		line string // added after the choices, or put for the first when it is a choice
		want string
	}{
		{"a note's choice in quotes", `{"type":"note","choice":"1","author":"me","text":"Good opening."}`,
			`"choice" should be a whole number (the choice the note is about, 0 for the whole run), not "1" in quotes`},
		{"a note in curly quotes", `{"type":"note","choice":1,"author":"me","text":“Good opening.”}`,
			`a curly quote (“) where a straight one (") belongs, at column 48: recordings are written by TheraSim; if you edited this line by hand, use straight quotes`},
		{"a field's name in curly quotes", `{"type":"note",“choice”:1,"text":"x"}`,
			`a curly quote (“) where a straight one (") belongs, at column 16`},
		{"curly quotes inside the text are text", `{"type":"note","choice":1,"text":"She said “no”."}`, ""},
		{"single quotes", `{"type":"note","choice":1,'text':"x"}`,
			`a single quote (') where a double one (") belongs, at column 27: names and text go in straight double quotes`},
		{"a comma after the last field", `{"type":"note", "choice":1, "author":"me", "text":"Good opening.",}`,
			`a comma before the closing }, at column 67: the last field has none after it`},
		{"a comma left out", `{"type":"note","choice":1 "text":"x"}`,
			`'"' at column 27 where a comma or the closing } belongs, after a field`},
		{"a colon left out", `{"type":"note","choice" 1,"text":"x"}`,
			`'1' at column 25 where a colon (:) belongs, after a field's name`},
		{"text without quotes", `{"type":"note","choice":1,"text":Good}`,
			`'G' at column 34: a value belongs there (a number, true or false, or text in straight double quotes)`},
		{"a tab typed inside the text", "{\"type\":\"note\",\"choice\":1,\"text\":\"a\tb\"}",
			`a tab inside quotes, at column 36: write it as \t`},
		{"a lone backslash", `{"type":"note","choice":1,"text":"C:\Users"}`,
			`a backslash before 'U', at column 37: inside quotes a backslash is written \\, a double quote \"`},
		{"the line cut short", `{"type":"note","choice":1,"text":"x"`,
			`the line ends before its closing }: it is not a whole line of a recording`},
		{"a field the note has not", `{"type":"note","choice":1,"text":"x","colour":"red"}`,
			`unknown field "colour": a note line has type, choice, author, time and text`},
		{"a note's choice a fraction", `{"type":"note","choice":1.5,"text":"x"}`,
			`"choice" should be a whole number (the choice the note is about, 0 for the whole run), not 1.5`},
		{"a note's text a number", `{"type":"note","choice":1,"text":5}`,
			`"text" should be text in double quotes (the note), not 5`},
		{"an option in words", recField(t, choice, "option", "one"),
			`"option" should be a whole number (the option chosen, from 1), not "one"`},
		{"an option 0", recField(t, choice, "option", 0),
			`choice 1: option 0; options are numbered from 1`},
		{"a line type in another case", `{"type":"Note","choice":1,"text":"x"}`,
			`unknown line type "Note": after the header, each line is a "choice", a "note", a "recall" or a "check_in"`},
		{"a field recall has not", `{"type":"recall","choice":1,"author":"me","text":"x"}`,
			`unknown field "author": a recall line has type, choice, time and text`},
		{"a check-in's pulls as one text", `{"type":"check_in","choice":2,"session":1,"beat":"b","pulls":"rescue"}`,
			`"pulls" should be a list in [ ] (the ids of the pulls the trainee noticed), not "rescue"`},
		{"not a line of fields", `["note",1,"x"]`,
			`the line does not begin with {: each line of a recording is one {…} of fields`},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines := append([]string(nil), base...)
			line := len(lines) + 1
			if strings.Contains(c.line, `"type":"choice"`) {
				lines[1], line = c.line, 2
			} else {
				lines = append(lines, c.line)
			}
			_, err := sim.ParseRecording([]byte(strings.Join(lines, "\n") + "\n"))
			if c.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var re *sim.RecordError
			if !errors.As(err, &re) {
				t.Fatalf("got %v; want a *RecordError", err)
			}
			if re.Line != line || !strings.HasPrefix(re.Reason, c.want) {
				t.Errorf("line %d: %s\nwant line %d: %s…", re.Line, re.Reason, line, c.want)
			}
			for _, jargon := range []string{"json", "Go ", "struct", "unmarshal", "invalid character", "â"} {
				if strings.Contains(re.Reason, jargon) {
					t.Errorf("the message says %q: %s", jargon, re.Reason)
				}
			}
		})
	}
}
