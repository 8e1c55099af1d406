package sim_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf16"

	"github.com/therasim/therasim/playtest"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// The guides are tested here: every TOML example in docs/authoring.md
// loads (or prints exactly what the guide says it prints), and
// docs/messages.md documents every message check can print, each with an
// example that prints it.
//
// Markers, HTML comments on the line before a fenced block, say what a
// block is:
//
//	<!-- example: NAME -->    a complete scenario, saved as NAME.toml; it
//	                          loads with no message, unless the next fenced
//	                          block is marked <!-- prints: NAME -->
//	<!-- prints: NAME -->     (```text) exactly what check prints for the
//	                          last example NAME, one line each
//	<!-- part of: NAME -->    a piece of an example NAME: its lines are
//	                          found together in one of them
//	<!-- prints: NAME, after changing `OLD` to `NEW` -->
//	                          (```text) what check prints for the last
//	                          example NAME with OLD changed to NEW
//	<!-- playtest: NAME -->   playthrough tests of the last example NAME
//	                          (NAME.test.toml): each one passes
//	<!-- try: KIND -->        in docs/messages.md, a mistake; the next
//	                          fenced block (```text) is exactly what check
//	                          prints. In docs/authoring.md, an example
//	                          that prints nothing
//
// KIND is "scenario" (the block is added at the end of
// testdata/guide/scenario.toml, and lines are counted from the block's
// first), "scenario file" (the block is the whole scenario), "model" and
// "model file" likewise with testdata/guide/model.toml, or "policy file".
// After it may come ", with no newline at the end" (the file ends with
// the block's last character: a file cut off while it was saved), or
// ", saved as Latin-1" or ", saved as UTF-16" (the file is the block in
// that encoding rather than UTF-8).
// A ```toml block without a marker fails the test.

const (
	authoringDoc = "../docs/authoring.md"
	formatDoc    = "../docs/format.md"
	messagesDoc  = "../docs/messages.md"
)

// A block is one fenced block of a Markdown file and the marker before it.
type block struct {
	file   string
	line   int    // of the opening fence
	lang   string // after the fence: "toml", "text", …
	marker string // "example", "prints", "part of", "try" or ""
	arg    string // the marker's argument
	text   string
}

func (b block) String() string { return fmt.Sprintf("%s:%d", b.file, b.line) }

var markerRE = regexp.MustCompile(`^<!--\s*(example|prints|part of|try|playtest):\s*(.*?)\s*-->$`)

// blocks reads the fenced blocks of a Markdown file.
func blocks(t *testing.T, file string) []block {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	var out []block
	for i := 0; i < len(lines); i++ {
		fence, ok := strings.CutPrefix(lines[i], "```")
		if !ok {
			continue
		}
		b := block{file: filepath.Base(file), line: i + 1, lang: strings.TrimSpace(fence)}
		if i > 0 {
			if m := markerRE.FindStringSubmatch(strings.TrimSpace(lines[i-1])); m != nil {
				b.marker, b.arg = m[1], m[2]
			}
		}
		var body []string
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
			body = append(body, lines[i])
		}
		if i == len(lines) {
			t.Fatalf("%s: the block is never closed", b)
		}
		b.text = strings.Join(body, "\n") + "\n"
		out = append(out, b)
	}
	return out
}

// problems loads a scenario, a model file or a policy file (kind) and
// returns what check prints for it: its mistakes, or a scenario's
// warnings.
func problems(t *testing.T, kind, name, text string) sim.Problems {
	t.Helper()
	var err error
	var warnings sim.Problems
	switch kind {
	case "model":
		_, err = sim.LoadModel(name, []byte(text))
	case "policy":
		_, err = sim.LoadPolicy(name, []byte(text))
	default:
		var sc *sim.Scenario
		if sc, err = sim.Load(name, []byte(text), scenariotest.Model(t)); err == nil {
			warnings = sc.Review()
		}
	}
	var ps sim.Problems
	switch {
	case err == nil:
		ps = warnings
	case !errors.As(err, &ps):
		t.Fatalf("%s: the error is not sim.Problems: %v", name, err)
	}
	return ps
}

// printed returns the lines check prints for a scenario.
func printed(t *testing.T, name, text string) []string {
	var out []string
	for _, p := range problems(t, "scenario", name, text) {
		out = append(out, p.Error())
	}
	return out
}

// lines splits a text block into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// TestAuthoringExamples loads every example of docs/authoring.md: each
// TOML block is one.
func TestAuthoringExamples(t *testing.T) {
	if n := guideExamples(t, authoringDoc, true); n == 0 {
		t.Errorf("%s has no examples", authoringDoc)
	}
}

// TestFormatExamples loads the examples of docs/format.md that are marked
// (a fragment of an option is not).
func TestFormatExamples(t *testing.T) {
	if n := guideExamples(t, formatDoc, false); n == 0 {
		t.Errorf("%s has no examples", formatDoc)
	}
}

// guideExamples loads the marked examples of a guide (every TOML block,
// with all), and returns how many whole scenarios it has.
func guideExamples(t *testing.T, file string, all bool) int {
	t.Helper()
	bs := blocks(t, file)
	base := guideBase(t)
	examples := make(map[string][]string) // name -> the texts of its versions
	n := 0
	for i, b := range bs {
		switch {
		case b.lang == "toml" && b.marker == "" && all:
			t.Errorf("%s: a TOML block needs a marker (<!-- example: NAME -->, <!-- part of: NAME --> or <!-- try: scenario -->) so that it is tested", b)
		case b.marker == "example":
			n++
			examples[b.arg] = append(examples[b.arg], b.text)
			got := printed(t, b.arg+".toml", b.text)
			var want []string
			if i+1 < len(bs) && bs[i+1].marker == "prints" && bs[i+1].arg == b.arg {
				want = lines(bs[i+1].text)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: example %s prints\n%s\nthe guide says\n%s", b, b.arg, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		case b.marker == "prints":
			name, edit, edited := strings.Cut(b.arg, ", ")
			if !edited {
				if i == 0 || bs[i-1].marker != "example" || bs[i-1].arg != name {
					t.Errorf("%s: prints: %s does not follow example %s", b, name, name)
				}
				continue
			}
			// What the last example NAME prints once edited.
			m := editRE.FindStringSubmatch(edit)
			versions := examples[name]
			switch {
			case m == nil:
				t.Errorf("%s: prints: %s: want NAME, after changing `OLD` to `NEW`", b, b.arg)
			case len(versions) == 0:
				t.Errorf("%s: prints: no example %s before it", b, name)
			case !strings.Contains(versions[len(versions)-1], m[1]):
				t.Errorf("%s: example %s has no %s to change", b, name, m[1])
			default:
				text := strings.Replace(versions[len(versions)-1], m[1], m[2], 1)
				if got, want := printed(t, name+".toml", text), lines(b.text); !slices.Equal(got, want) {
					t.Errorf("%s: example %s, changed, prints\n%s\nthe guide says\n%s", b, name, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			}
		case b.marker == "playtest":
			versions := examples[b.arg]
			if len(versions) == 0 {
				t.Errorf("%s: playtest: no example %s before it", b, b.arg)
				continue
			}
			playtests(t, b, versions[len(versions)-1])
		case b.marker == "try":
			if tr, ok := try(t, b, base); ok && len(tr.got) > 0 {
				t.Errorf("%s: the example prints\n%s\nand should print nothing", b, strings.Join(tr.got, "\n"))
			}
		}
	}
	for _, b := range bs {
		if b.marker != "part of" {
			continue
		}
		if len(examples[b.arg]) == 0 {
			t.Errorf("%s: part of %s: no example %s", b, b.arg, b.arg)
			continue
		}
		if !slices.ContainsFunc(examples[b.arg], func(ex string) bool { return contains(ex, b.text) }) {
			t.Errorf("%s: these lines are not found together in any example %s:\n%s", b, b.arg, b.text)
		}
	}
	return n
}

// playtests runs the playthrough tests of block b, NAME.test.toml beside
// NAME.toml, the scenario given: every test must pass.
func playtests(t *testing.T, b block, scenario string) {
	t.Helper()
	fsys := fstest.MapFS{
		b.arg + ".toml":      {Data: []byte(scenario)},
		b.arg + ".test.toml": {Data: []byte(b.text)},
	}
	suite, err := playtest.Open(fsys, b.arg+".test.toml", scenariotest.Model(t))
	if err != nil {
		t.Errorf("%s: the tests do not load:\n%v", b, err)
		return
	}
	for _, pt := range suite.Tests {
		for _, f := range pt.Run().Failures {
			t.Errorf("%s: test %q fails: %v", b, pt.Name, f)
		}
	}
}

var editRE = regexp.MustCompile("^after changing `([^`]+)` to `([^`]*)`$")

// contains reports whether the lines of part are found, one after another,
// in whole, ignoring blank lines and spaces at the ends of lines.
func contains(whole, part string) bool {
	trim := func(s string) []string {
		var out []string
		for _, l := range strings.Split(s, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
		return out
	}
	w, p := trim(whole), trim(part)
	for i := 0; i+len(p) <= len(w); i++ {
		if slices.Equal(w[i:i+len(p)], p) {
			return true
		}
	}
	return len(p) == 0
}

// A tried example is a mistake docs/messages.md shows and what it prints.
type tried struct {
	block
	want []string
	got  []string
}

var tryRE = regexp.MustCompile(`^(scenario|model|policy)( file|, in place of (\S+))?(, with no newline at the end|, saved as Latin-1|, saved as UTF-16)?$`)

// guideBase returns the scenario the examples are tried in.
func guideBase(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "guide", "scenario.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// tryAll loads every example of docs/messages.md.
func tryAll(t *testing.T) []tried {
	t.Helper()
	base := guideBase(t)
	bs := blocks(t, messagesDoc)
	var out []tried
	for i, b := range bs {
		if b.lang == "toml" && b.marker != "try" {
			t.Errorf("%s: a TOML block needs a marker <!-- try: KIND --> so that it is tested", b)
			continue
		}
		if b.marker != "try" {
			continue
		}
		if i+1 >= len(bs) || bs[i+1].lang != "text" || bs[i+1].marker != "" {
			t.Errorf("%s: the example needs a ```text block after it: what check prints", b)
			continue
		}
		if tr, ok := try(t, b, base); ok {
			tr.want = lines(bs[i+1].text)
			out = append(out, tr)
		}
	}
	return out
}

// try loads an example marked <!-- try: KIND -->.
func try(t *testing.T, b block, base string) (tried, bool) {
	t.Helper()
	m := tryRE.FindStringSubmatch(b.arg)
	if m == nil || m[1] != "scenario" && m[2] != " file" {
		t.Errorf("%s: try: %s: want scenario, scenario file, scenario, in place of [TABLE], model file or policy file, and perhaps , with no newline at the end, , saved as Latin-1 or , saved as UTF-16", b, b.arg)
		return tried{}, false
	}
	kind, name := m[1], "my-"+m[1]+".toml"
	// The file, and the lines of it before the example's first.
	text, offset := b.text, 0
	switch {
	case m[2] == "":
		text, offset = base+b.text, strings.Count(base, "\n")
	case m[3] != "":
		pre, post, ok := section(base, m[3])
		if !ok {
			t.Errorf("%s: testdata/guide/scenario.toml has no table %s", b, m[3])
			return tried{}, false
		}
		text, offset = pre+b.text+post, strings.Count(pre, "\n")
	}
	switch m[4] {
	case ", with no newline at the end":
		text = strings.TrimSuffix(text, "\n")
	case ", saved as Latin-1":
		var out []byte
		for _, r := range text {
			if r > 0xff {
				t.Errorf("%s: %c has no Latin-1", b, r)
			}
			out = append(out, byte(r))
		}
		text = string(out)
	case ", saved as UTF-16":
		out := []byte{0xff, 0xfe} // little-endian, as Windows saves it
		for _, u := range utf16.Encode([]rune(text)) {
			out = append(out, byte(u), byte(u>>8))
		}
		text = string(out)
	}
	tr := tried{block: b}
	for _, p := range problems(t, kind, name, text) {
		switch {
		case p.Key == "" && p.Line <= 1 && p.Col <= 1:
			// The file as a whole.
		case p.Line > 0:
			if p.Line <= offset || p.Line > offset+strings.Count(b.text, "\n") {
				t.Errorf("%s: %q is not in the example but in testdata/guide/scenario.toml: change the example", b, p.Error())
			}
			p.Line -= offset
		}
		tr.got = append(tr.got, p.Error())
	}
	return tr, true
}

// section splits a scenario around a table: the lines before its heading,
// and those from the next heading that is not one of its own sub-tables.
func section(doc, table string) (pre, post string, ok bool) {
	name := strings.Trim(table, "[]")
	ls := strings.SplitAfter(doc, "\n")
	from := slices.IndexFunc(ls, func(l string) bool { return strings.TrimSpace(l) == table })
	if from < 0 {
		return "", "", false
	}
	to := from + 1
	for ; to < len(ls); to++ {
		h := strings.Trim(strings.TrimSpace(ls[to]), "[]")
		if strings.HasPrefix(ls[to], "[") && h != name && !strings.HasPrefix(h, name+".") {
			break
		}
	}
	return strings.Join(ls[:from], ""), strings.Join(ls[to:], ""), true
}

// TestMessagesExamples checks that each example of docs/messages.md prints
// exactly what the guide says.
func TestMessagesExamples(t *testing.T) {
	for _, tr := range tryAll(t) {
		if !slices.Equal(tr.got, tr.want) {
			t.Errorf("%s: the example prints\n%s\nthe guide says\n%s", tr.block, strings.Join(tr.got, "\n"), strings.Join(tr.want, "\n"))
		}
	}
}

// TestMessagesComplete checks that every message check can print is shown
// by an example of docs/messages.md: each message format found in sim's
// source is printed by at least one.
func TestMessagesComplete(t *testing.T) {
	formats := messageFormats(t)
	var shown []string
	for _, tr := range tryAll(t) {
		for _, l := range tr.got {
			// Only the message: after FILE:LINE:COL: and any "warning: ".
			_, msg, _ := strings.Cut(l, ": ")
			msg = strings.TrimPrefix(msg, "warning: ")
			shown = append(shown, msg)
		}
	}
	found := make(map[string]bool)
	for _, f := range formats {
		found[f.src] = true
		if reason, ok := exempt[f.src]; ok {
			if reason == "" {
				t.Errorf("%s: %q is exempt without a reason", f.pos, f.src)
			}
			continue
		}
		re := f.regexp()
		if !slices.ContainsFunc(shown, re.MatchString) {
			what := "message"
			if !f.whole {
				what = "part of a message"
			}
			t.Errorf("%s: no example in %s prints the %s %q", f.pos, messagesDoc, what, f.src)
		}
	}
	for src := range exempt {
		if !found[src] {
			t.Errorf("exempt %q: sim no longer has this message; remove it from the list", src)
		}
	}
	if testing.Verbose() {
		for _, f := range formats {
			t.Logf("%s whole=%v %q", f.pos, f.whole, f.src)
		}
	}
}

// exempt lists the messages no example can show, each with the reason.
var exempt = map[string]string{
	// Too large to show.
	"file is %d bytes; the limit is %d": "needs a file over 4 MB; docs/messages.md says it in words",
	"the expression is %d characters long; the limit is %d: split it between options, or keep what it remembers in a variable":                                                                 "needs an expression over 1,000 characters; docs/messages.md says it in words",
	"the expression has more than %d parts: write it more simply, or keep part of it in a scenario variable":                                                                                   "needs an expression of over 300 parts; docs/messages.md says it in words",
	"the file has more than %d different conditions and amounts; the limit is %d (the shipped course has about 350): split the course into scenarios of their own":                             "needs a file of over 5,000 different expressions; docs/messages.md says it in words, and hostile_test.go tries one",
	"line is %s characters long; the limit is %s: break the text over several lines inside \"\"\" … \"\"\", ending each line but the last with a space and \\ to join them into one paragraph": "needs a line of over 16,384 characters; docs/messages.md says it in words (load_test.go and testdata/check/line-too-long.toml try one)",
	// Not shown on this page.
	"this line holds an invisible character that text cannot (it may have come with a paste from another program): delete it, or retype the line": "needs a control character in the example, which docs/messages.md would hide; testdata/check/syntax-control-character.toml tries one",
	// Never printed.
	"TOML: %v":       "the TOML reader failing other than on syntax, or after every value has been checked: never, short of a bug",
	"something else": "tomlType's last case: TOML has no other kind of value",
	"this function":  "a call of something other than a name, which the expression reader refuses first (unexpected token)",
	"the table name is not closed on its line: write it as [NAME], all on one line": "BurntSushi/toml v1.6.0 never says \"table name delimiter\" of [NAME]: an unclosed [NAME] prints \"TOML syntax: expected '.' or ']' to end table name\", which docs/messages.md shows",
}

// A format is one message, or part of one, as sim's source writes it.
type format struct {
	pos   token.Position
	src   string   // as written, with its verbs (%q) or … for what is computed
	parts []string // literal text, with a wildcard between each two
	whole bool     // the whole message, not a part of one
}

// regexp matches the messages the format prints.
func (f format) regexp() *regexp.Regexp {
	var b strings.Builder
	if f.whole {
		b.WriteString("^")
	}
	for i, p := range f.parts {
		if i > 0 {
			b.WriteString(".*")
		}
		b.WriteString(regexp.QuoteMeta(p))
	}
	if f.whole {
		b.WriteString("$")
	}
	return regexp.MustCompile(b.String())
}

// messageFormats finds every message format in sim's source (the files
// that are not tests), by its syntax: the formats given to errorf, warnf
// and typeError and the Msg of Problem literals, the messages of syntax
// errors and of expressions (what fail reports in vet.go), and, followed
// through variables and calls to sim's own functions, the parts they are
// made of (exprHint's rewrites, didYouMean's suggestion, …).
func messageFormats(t *testing.T) []format {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	x := &extractor{fset: fset, funcs: make(map[string]*ast.FuncDecl), methods: make(map[string]*ast.FuncDecl),
		seen: make(map[string]bool), reporters: make(map[*ast.FuncDecl]map[string]int)}
	var files []*ast.File
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if fd.Recv == nil {
				x.funcs[fd.Name.Name] = fd
			} else if recvName(fd) == "loader" {
				x.methods[fd.Name.Name] = fd
			}
		}
	}
	var decls []*ast.FuncDecl
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				x.findReporters(fd)
				decls = append(decls, fd)
			}
		}
	}
	x.findFormatters(decls)
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					x.call(fd, n)
				case *ast.CompositeLit:
					x.problem(fd, n)
				}
				return true
			})
		}
	}
	if len(x.out) < 5 {
		t.Fatalf("found only %d message formats in sim's source: has the way messages are made changed?", len(x.out))
	}
	return x.out
}

func recvName(fd *ast.FuncDecl) string {
	e := fd.Recv.List[0].Type
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// An extractor gathers message formats from sim's syntax trees.
type extractor struct {
	fset    *token.FileSet
	funcs   map[string]*ast.FuncDecl // sim's functions, by name
	methods map[string]*ast.FuncDecl // the loader's methods, by name
	seen    map[string]bool          // what has been followed (no loops)
	// reporters are the functions (under nil) and each function's
	// closures that make an expression's error of a message: which
	// parameter is the message.
	reporters map[*ast.FuncDecl]map[string]int
	// formatters are the methods that report a problem from a format,
	// by name: where the format is among their arguments.
	formatters map[string]int
	out        []format
}

// call finds the messages of a call: the format given to errorf, warnf or
// typeError, and what is given to fail in vet.go.
func (x *extractor) call(fd *ast.FuncDecl, c *ast.CallExpr) {
	switch fun := c.Fun.(type) {
	case *ast.SelectorExpr:
		i, ok := x.formatters[fun.Sel.Name]
		if !ok || len(c.Args) <= i {
			return
		}
		if _, ok := stringLit(c.Args[i]); !ok {
			return // a format passed on (TOMLFile.Errorf's): found where it is written
		}
		if s, _ := stringLit(c.Args[i]); s == "%s" && len(c.Args) == i+2 {
			// The message is made elsewhere: unknownAct(a).
			x.add(fd, c.Args[i+1], true)
			return
		}
		// As if fmt.Sprintf(format, args…), placed at the format.
		at := c.Args[i].Pos()
		x.add(fd, &ast.CallExpr{Fun: &ast.SelectorExpr{X: &ast.Ident{NamePos: at, Name: "fmt"}, Sel: ast.NewIdent("Sprintf")}, Args: c.Args[i:]}, true)
	case *ast.Ident:
		// A function that makes an expression's error (placed, or a
		// closure such as vetExpr's fail): the message it is given is told
		// inside compile's.
		i, ok := x.reporters[fd][fun.Name]
		if !ok {
			i, ok = x.reporters[nil][fun.Name]
		}
		if ok && i < len(c.Args) {
			x.add(fd, c.Args[i], false)
		}
	}
}

// findFormatters records the methods that report a problem from a format
// and its arguments: errorf, warnf and typeError, and any method that
// passes a parameter of its own to one of them as the format (as
// TOMLFile.Errorf does), by name, with the format's place among the
// arguments.
func (x *extractor) findFormatters(decls []*ast.FuncDecl) {
	x.formatters = map[string]int{"errorf": 1, "warnf": 1, "typeError": 1}
	for changed := true; changed; {
		changed = false
		for _, fd := range decls {
			if fd.Recv == nil || fd.Body == nil {
				continue
			}
			if _, ok := x.formatters[fd.Name.Name]; ok {
				continue
			}
			var params []string
			for _, f := range fd.Type.Params.List {
				for _, n := range f.Names {
					params = append(params, n.Name)
				}
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				c, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := c.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				i, ok := x.formatters[sel.Sel.Name]
				if !ok || len(c.Args) <= i {
					return true
				}
				if id, ok := c.Args[i].(*ast.Ident); ok {
					if j := slices.Index(params, id.Name); j >= 0 {
						x.formatters[fd.Name.Name] = j
						changed = true
						return false
					}
				}
				return true
			})
		}
	}
}

// findReporters records the functions, and the closures of each function,
// that put one of their parameters in the Message of a file.Error: by
// name, which parameter.
func (x *extractor) findReporters(fd *ast.FuncDecl) {
	record := func(owner *ast.FuncDecl, name string, ft *ast.FuncType, body *ast.BlockStmt) {
		var params []string
		for _, f := range ft.Params.List {
			for _, n := range f.Names {
				params = append(params, n.Name)
			}
		}
		ast.Inspect(body, func(n ast.Node) bool {
			cl, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			if pkg, name := selector(cl.Type); pkg != "file" || name != "Error" {
				return true
			}
			for _, e := range cl.Elts {
				kv, ok := e.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				k, _ := kv.Key.(*ast.Ident)
				v, _ := kv.Value.(*ast.Ident)
				if k == nil || v == nil || k.Name != "Message" {
					continue
				}
				if i := slices.Index(params, v.Name); i >= 0 {
					if x.reporters[owner] == nil {
						x.reporters[owner] = make(map[string]int)
					}
					x.reporters[owner][name] = i
				}
			}
			return true
		})
	}
	if fd.Recv == nil {
		record(nil, fd.Name.Name, fd.Type, fd.Body)
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		id, ok1 := as.Lhs[0].(*ast.Ident)
		fl, ok2 := as.Rhs[0].(*ast.FuncLit)
		if ok1 && ok2 {
			record(fd, id.Name, fl.Type, fl.Body)
		}
		return true
	})
}

// selector names the package and name of pkg.Name.
func selector(e ast.Expr) (pkg, name string) {
	if s, ok := e.(*ast.SelectorExpr); ok {
		if id, ok := s.X.(*ast.Ident); ok {
			return id.Name, s.Sel.Name
		}
	}
	return "", ""
}

// problem finds the Msg of a Problem literal.
func (x *extractor) problem(fd *ast.FuncDecl, cl *ast.CompositeLit) {
	if id, ok := cl.Type.(*ast.Ident); !ok || id.Name != "Problem" {
		return
	}
	for _, e := range cl.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Msg" {
				x.add(fd, kv.Value, true)
			}
		}
	}
}

// add records the message e makes in fd (whole: the whole message).
func (x *extractor) add(fd *ast.FuncDecl, e ast.Expr, whole bool) {
	key := fmt.Sprintf("%p/%v", fd, x.fset.Position(e.Pos()))
	if x.seen[key] {
		return
	}
	x.seen[key] = true
	if computed(e) {
		// A variable, a call: what it is made of is found where it is
		// made.
		x.follow(fd, e, whole)
		return
	}
	parts, src := x.pattern(fd, e)
	letters := 0
	for _, p := range parts {
		for _, r := range p {
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	if letters == 0 || !whole && letters < 3 {
		return // a quote, a colon, "in": too little to look for
	}
	for _, f := range x.out {
		if f.src == src && f.whole == whole {
			return
		}
	}
	x.out = append(x.out, format{pos: x.fset.Position(e.Pos()), src: src, parts: parts, whole: whole})
}

// pattern turns e into literal parts with a wildcard between each two, and
// the format as written; on the way it records the parts of messages that
// the computed pieces are made of.
func (x *extractor) pattern(fd *ast.FuncDecl, e ast.Expr) (parts []string, src string) {
	cat := func(a, b []string) []string {
		out := append([]string(nil), a...)
		out[len(out)-1] += b[0]
		return append(out, b[1:]...)
	}
	wild := []string{"", ""}
	switch e := e.(type) {
	case *ast.BasicLit:
		if s, ok := stringLit(e); ok {
			return []string{s}, s
		}
	case *ast.ParenExpr:
		return x.pattern(fd, e.X)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			a, as := x.pattern(fd, e.X)
			b, bs := x.pattern(fd, e.Y)
			return cat(a, b), as + bs
		}
	case *ast.CallExpr:
		if pkg, name := callee(e); pkg == "fmt" && name == "Sprintf" && len(e.Args) > 0 {
			f, ok := stringLit(e.Args[0])
			if !ok {
				break
			}
			for _, a := range e.Args[1:] {
				x.follow(fd, a, false)
			}
			return verbs(f), f
		} else if pkg == "strings" && (name == "Replace" || name == "ReplaceAll") && len(e.Args) >= 3 {
			// A rewrite: what comes in, with new in place of old.
			x.follow(fd, e.Args[0], false)
			n, ns := x.pattern(fd, e.Args[2])
			return cat(cat(wild, n), wild), "…" + ns + "…"
		}
		x.follow(fd, e, false)
	default:
		x.follow(fd, e, false)
	}
	return wild, "…"
}

// computed reports whether e is made elsewhere: a variable, or a call
// other than fmt.Sprintf and strings.Replace.
func computed(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return true
	case *ast.CallExpr:
		pkg, name := callee(e)
		return !(pkg == "fmt" && name == "Sprintf" || pkg == "strings" && (name == "Replace" || name == "ReplaceAll"))
	}
	return false
}

// verbs splits a format at its verbs (%q, %s, %d, %v, %.1f…).
var verbRE = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z]`)

func verbs(f string) []string {
	f = strings.ReplaceAll(f, "%%", "\x00")
	parts := verbRE.Split(f, -1)
	for i := range parts {
		parts[i] = strings.ReplaceAll(parts[i], "\x00", "%")
	}
	return parts
}

// follow finds the messages a computed piece is made of: a variable's
// values in fd, or what a call to one of sim's functions returns.
func (x *extractor) follow(fd *ast.FuncDecl, e ast.Expr, whole bool) {
	switch e := e.(type) {
	case *ast.Ident:
		x.assigned(fd, e.Name, whole)
	case *ast.CallExpr:
		if callee := x.callee(e); callee != nil {
			x.returns(callee, 0, whole)
		}
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			x.add(fd, e, whole)
		}
	}
}

// callee returns the declaration of one of sim's functions, or of the
// loader's methods, that c calls; nil for any other call.
func (x *extractor) callee(c *ast.CallExpr) *ast.FuncDecl {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return x.funcs[f.Name]
	case *ast.SelectorExpr:
		return x.methods[f.Sel.Name]
	}
	return nil
}

// callee names the package and function of a call such as fmt.Sprintf.
func callee(c *ast.CallExpr) (pkg, name string) { return selector(c.Fun) }

// returns records the i-th result of every return statement of fd (not of
// the functions declared inside it).
func (x *extractor) returns(fd *ast.FuncDecl, i int, whole bool) {
	key := fmt.Sprintf("returns %s %d %v", fd.Name.Name, i, whole)
	if x.seen[key] {
		return
	}
	x.seen[key] = true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if i < len(n.Results) {
				x.add(fd, n.Results[i], whole)
			}
		}
		return true
	})
}

// assigned records the values given to the variable name in fd: by :=, =
// and += (whose addition is a part of its own), and the results of the
// calls it is given from.
func (x *extractor) assigned(fd *ast.FuncDecl, name string, whole bool) {
	key := fmt.Sprintf("assigned %p %s %v", fd, name, whole)
	if x.seen[key] {
		return
	}
	x.seen[key] = true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); !ok || id.Name != name {
				continue
			}
			switch {
			case len(as.Rhs) == len(as.Lhs):
				x.add(fd, as.Rhs[i], whole && as.Tok != token.ADD_ASSIGN)
			case len(as.Rhs) == 1:
				if c, ok := as.Rhs[0].(*ast.CallExpr); ok {
					if callee := x.callee(c); callee != nil {
						x.returns(callee, i, whole)
					}
				}
			}
		}
		return true
	})
}

// stringLit returns the value of a string literal.
func stringLit(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}

// TestGuideLinks checks that every link of the guides to a page of docs,
// or to a heading of one, leads somewhere.
func TestGuideLinks(t *testing.T) {
	link := regexp.MustCompile(`\]\(([^)\s]*)\)`)
	for _, file := range []string{authoringDoc, formatDoc, messagesDoc} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(string(data), "\n") {
			for _, m := range link.FindAllStringSubmatch(l, -1) {
				target := m[1]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				page, anchor, _ := strings.Cut(target, "#")
				if page == "" {
					page = filepath.Base(file)
				}
				if strings.Contains(page, "/") {
					continue // outside docs
				}
				body, err := os.ReadFile(filepath.Join("..", "docs", page))
				if err != nil {
					t.Errorf("%s:%d: link to %s: no such page", filepath.Base(file), i+1, target)
					continue
				}
				if anchor != "" && !slices.Contains(anchors(string(body)), anchor) {
					t.Errorf("%s:%d: link to %s: %s has no heading #%s", filepath.Base(file), i+1, target, page, anchor)
				}
			}
		}
	}
}

// anchors lists the anchors of a Markdown page's headings, as GitHub makes
// them: lowercase, without punctuation, a hyphen for each space.
func anchors(doc string) []string {
	var out []string
	inFence := false
	for _, l := range strings.Split(doc, "\n") {
		if strings.HasPrefix(l, "```") {
			inFence = !inFence
		}
		if inFence || !strings.HasPrefix(l, "#") {
			continue
		}
		h := strings.TrimSpace(strings.TrimLeft(l, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(h) {
			switch {
			case unicode.IsLetter(r), unicode.IsDigit(r), r == '-', r == '_':
				b.WriteRune(r)
			case r == ' ':
				b.WriteByte('-')
			}
		}
		out = append(out, b.String())
	}
	return out
}
