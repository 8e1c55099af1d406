package sim

import (
	"maps"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// locCase is a TOML document and every key and value position locate must
// find in it, no more and no fewer.
type locCase struct {
	name string
	src  string
	keys map[string]Pos
	vals map[string]Pos
}

var locCases = []locCase{
	{
		name: "plain keys",
		src:  "title = \"x\"\nn = 42\n\nflag=true\n",
		keys: map[string]Pos{"title": {1, 1}, "n": {2, 1}, "flag": {4, 1}},
		vals: map[string]Pos{"title": {1, 9}, "n": {2, 5}, "flag": {4, 6}},
	},
	{
		name: "dotted keys",
		src:  "a.b.c = 1\nx . y = \"z\"\n",
		keys: map[string]Pos{"a": {1, 1}, "a.b": {1, 1}, "a.b.c": {1, 1}, "x": {2, 1}, "x.y": {2, 1}},
		vals: map[string]Pos{"a.b.c": {1, 9}, "x.y": {2, 9}},
	},
	{
		name: "quoted keys",
		src:  "\"quoted key\" = 1\n'literal' = 2\nsite.\"home page\" = true\n",
		keys: map[string]Pos{"quoted key": {1, 1}, "literal": {2, 1}, "site": {3, 1}, "site.home page": {3, 1}},
		vals: map[string]Pos{"quoted key": {1, 16}, "literal": {2, 13}, "site.home page": {3, 20}},
	},
	{
		name: "tables",
		src:  "[client]\nname = \"Sam\"\n[client.traits]\nreactance = 0.6\n[ \"odd one\" . x ]\ny = 1\n",
		keys: map[string]Pos{
			"client": {1, 1}, "client.name": {2, 1},
			"client.traits": {3, 1}, "client.traits.reactance": {4, 1},
			"odd one.x": {5, 1}, "odd one.x.y": {6, 1},
		},
		vals: map[string]Pos{"client.name": {2, 8}, "client.traits.reactance": {4, 13}, "odd one.x.y": {6, 5}},
	},
	{
		name: "nested arrays of tables",
		src: `[[sessions]]
id = "s1"
[[sessions.beats]]
id = "a"
[[sessions.beats.options]]
act = "validation"
[[sessions.beats.options]]
act = "advice"
[sessions.beats.options.attrs]
warmth = 0.2
[[sessions.beats]]
id = "b"
[[sessions]]
id = "s2"
  [[sessions.beats]]
  id = "c"
    [[ sessions.beats.options ]]
    act = "summary"
`,
		keys: map[string]Pos{
			"sessions":                                  {1, 1},
			"sessions.0":                                {1, 1},
			"sessions.0.id":                             {2, 1},
			"sessions.0.beats":                          {3, 1},
			"sessions.0.beats.0":                        {3, 1},
			"sessions.0.beats.0.id":                     {4, 1},
			"sessions.0.beats.0.options":                {5, 1},
			"sessions.0.beats.0.options.0":              {5, 1},
			"sessions.0.beats.0.options.0.act":          {6, 1},
			"sessions.0.beats.0.options.1":              {7, 1},
			"sessions.0.beats.0.options.1.act":          {8, 1},
			"sessions.0.beats.0.options.1.attrs":        {9, 1},
			"sessions.0.beats.0.options.1.attrs.warmth": {10, 1},
			"sessions.0.beats.1":                        {11, 1},
			"sessions.0.beats.1.id":                     {12, 1},
			"sessions.1":                                {13, 1},
			"sessions.1.id":                             {14, 1},
			"sessions.1.beats":                          {15, 3},
			"sessions.1.beats.0":                        {15, 3},
			"sessions.1.beats.0.id":                     {16, 3},
			"sessions.1.beats.0.options":                {17, 5},
			"sessions.1.beats.0.options.0":              {17, 5},
			"sessions.1.beats.0.options.0.act":          {18, 5},
		},
		vals: map[string]Pos{
			"sessions.0.id":                             {2, 6},
			"sessions.0.beats.0.id":                     {4, 6},
			"sessions.0.beats.0.options.0.act":          {6, 7},
			"sessions.0.beats.0.options.1.act":          {8, 7},
			"sessions.0.beats.0.options.1.attrs.warmth": {10, 10},
			"sessions.0.beats.1.id":                     {12, 6},
			"sessions.1.id":                             {14, 6},
			"sessions.1.beats.0.id":                     {16, 8},
			"sessions.1.beats.0.options.0.act":          {18, 11},
		},
	},
	{
		name: "inline tables",
		src:  "effects = { bond = 0.1, task = \"x\" }\na = { b = { c = 1 } }\ne = {}\n",
		keys: map[string]Pos{
			"effects": {1, 1}, "effects.bond": {1, 13}, "effects.task": {1, 25},
			"a": {2, 1}, "a.b": {2, 7}, "a.b.c": {2, 13},
			"e": {3, 1},
		},
		vals: map[string]Pos{
			"effects": {1, 11}, "effects.bond": {1, 20}, "effects.task": {1, 32},
			"a": {2, 5}, "a.b": {2, 11}, "a.b.c": {2, 17},
			"e": {3, 5},
		},
	},
	{
		name: "inline table over lines with comments",
		src:  "effects = {\n  bond = 0.1, # warmer {x = 1}\n  task = 0.2,\n}\nz = 1\n",
		keys: map[string]Pos{"effects": {1, 1}, "effects.bond": {2, 3}, "effects.task": {3, 3}, "z": {5, 1}},
		vals: map[string]Pos{"effects": {1, 11}, "effects.bond": {2, 10}, "effects.task": {3, 10}, "z": {5, 5}},
	},
	{
		name: "arrays",
		src:  "objectives = [\"a\", \"b]\"]\nnums = [\n  1, # ] not the end\n  [2, 3],\n]\nnext = 1\n",
		keys: map[string]Pos{
			"objectives": {1, 1}, "objectives.0": {1, 15}, "objectives.1": {1, 20},
			"nums": {2, 1}, "nums.0": {3, 3}, "nums.1": {4, 3}, "nums.1.0": {4, 4}, "nums.1.1": {4, 7},
			"next": {6, 1},
		},
		vals: map[string]Pos{"objectives": {1, 14}, "nums": {2, 8}, "next": {6, 8}},
	},
	{
		name: "array of inline tables",
		src:  "[t]\nopts = [\n  { act = \"a\", next = \"end\" },\n  {act=\"b\"},\n]\nafter = 2\n",
		keys: map[string]Pos{
			"t": {1, 1}, "t.opts": {2, 1},
			"t.opts.0": {3, 3}, "t.opts.0.act": {3, 5}, "t.opts.0.next": {3, 16},
			"t.opts.1": {4, 3}, "t.opts.1.act": {4, 4},
			"t.after": {6, 1},
		},
		vals: map[string]Pos{
			"t.opts": {2, 8}, "t.opts.0.act": {3, 11}, "t.opts.0.next": {3, 23},
			"t.opts.1.act": {4, 8}, "t.after": {6, 9},
		},
	},
	{
		name: "multi-line strings",
		src: `text = """
[[fake]]
key = "not a key"
"""
after = 1
lit = '''
x = [1 # {
'''
esc = """a \""" b \
  c"""
q = """x"""""
last = 2
`,
		keys: map[string]Pos{"text": {1, 1}, "after": {5, 1}, "lit": {6, 1}, "esc": {9, 1}, "q": {11, 1}, "last": {12, 1}},
		vals: map[string]Pos{"text": {1, 8}, "after": {5, 9}, "lit": {6, 7}, "esc": {9, 7}, "q": {11, 5}, "last": {12, 8}},
	},
	{
		name: "comments with brackets and equals",
		src:  "# [[sessions]] key = 1\na = 1 # b = [2]\n[t] # [[u]]\n# c = { d = 1 }\nc = \"# not = a comment\" # [x]\n",
		keys: map[string]Pos{"a": {2, 1}, "t": {3, 1}, "t.c": {5, 1}},
		vals: map[string]Pos{"a": {2, 5}, "t.c": {5, 5}},
	},
	{
		name: "CRLF",
		src:  "a = 1\r\n[t]\r\nb = \"x\"\r\n  c = { d = 1 }\r\ns = '''\r\nk = 2\r\n'''\r\ne = 3\r\n",
		keys: map[string]Pos{"a": {1, 1}, "t": {2, 1}, "t.b": {3, 1}, "t.c": {4, 3}, "t.c.d": {4, 9}, "t.s": {5, 1}, "t.e": {8, 1}},
		vals: map[string]Pos{"a": {1, 5}, "t.b": {3, 5}, "t.c": {4, 7}, "t.c.d": {4, 13}, "t.s": {5, 5}, "t.e": {8, 5}},
	},
	{
		name: "tabs",
		src:  "\tkey\t=\t\"v\"\n[\tt\t]\n\tx = 1\n",
		keys: map[string]Pos{"key": {1, 2}, "t": {2, 1}, "t.x": {3, 2}},
		vals: map[string]Pos{"key": {1, 8}, "t.x": {3, 6}},
	},
	{
		name: "columns count bytes",
		src:  "t = { name = \"Zoë\", age = 3 }\n",
		keys: map[string]Pos{"t": {1, 1}, "t.name": {1, 7}, "t.age": {1, 22}},
		vals: map[string]Pos{"t": {1, 5}, "t.name": {1, 14}, "t.age": {1, 28}},
	},
	{
		name: "byte-order mark",
		src:  "\xef\xbb\xbfa = 1\nb = 2\n",
		keys: map[string]Pos{"a": {1, 1}, "b": {2, 1}},
		vals: map[string]Pos{"a": {1, 5}, "b": {2, 5}},
	},
	{
		name: "empty",
		src:  "",
		keys: map[string]Pos{},
		vals: map[string]Pos{},
	},
	{
		name: "stops at what it does not understand",
		src:  "a = 1\n= 2\nb = 3\n",
		keys: map[string]Pos{"a": {1, 1}},
		vals: map[string]Pos{"a": {1, 5}},
	},
	{
		name: "unterminated",
		src:  "a = [1, {b = \"x",
		keys: map[string]Pos{"a": {1, 1}, "a.0": {1, 6}, "a.1": {1, 9}, "a.1.b": {1, 10}},
		vals: map[string]Pos{"a": {1, 5}, "a.1.b": {1, 14}},
	},
}

func TestLocate(t *testing.T) {
	for _, c := range locCases {
		t.Run(c.name, func(t *testing.T) {
			keys, vals := locate([]byte(c.src))
			locDiff(t, "key", c.keys, keys)
			locDiff(t, "value", c.vals, vals)
		})
	}
}

// locDiff reports every path whose position differs from what is wanted.
func locDiff(t *testing.T, what string, want, got map[string]Pos) {
	t.Helper()
	paths := slices.Sorted(maps.Keys(want))
	for p := range got {
		if _, ok := want[p]; !ok {
			paths = append(paths, p)
		}
	}
	for _, p := range paths {
		w, wok := want[p]
		g, gok := got[p]
		switch {
		case !gok:
			t.Errorf("%s %q: not located, want %d:%d", what, p, w.Line, w.Col)
		case !wok:
			t.Errorf("%s %q: located at %d:%d, but it is not a key of the document", what, p, g.Line, g.Col)
		case g != w:
			t.Errorf("%s %q: at %d:%d, want %d:%d", what, p, g.Line, g.Col, w.Line, w.Col)
		}
	}
}

// TestLocateLinear checks that pathological nesting and keys cost memory in
// proportion to the file, and that locate still finds what comes first.
// (Without a bound, each of these files of 20 to 40 kB makes about 100 MB
// of key paths; one of the 4 MB Load accepts, terabytes.)
func TestLocateLinear(t *testing.T) {
	const n = 10000
	for _, c := range []struct {
		name string
		src  string
	}{
		{"nested arrays", "first = 1\na = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n"},
		{"nested inline tables", "first = 1\na = " + strings.Repeat("{b=", n) + "1" + strings.Repeat("}", n) + "\n"},
		{"long dotted key", "first = 1\n" + strings.Repeat("a.", n) + "a = 1\n"},
		{"long table header", "first = 1\n[" + strings.Repeat("a.", n) + "a]\n"},
		{"long array table header", "first = 1\n[[" + strings.Repeat("a.", n) + "a]]\n"},
		{"many elements under a long key", "first = 1\n" + strings.Repeat("k", n) + " = [" + strings.Repeat("1,", n) + "]\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := []byte(c.src)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			keys, _ := locate(data)
			runtime.ReadMemStats(&after)
			if used, limit := after.TotalAlloc-before.TotalAlloc, uint64(64*len(data)+1<<20); used > limit {
				t.Errorf("locate allocated %d bytes for a %d-byte file; want at most %d", used, len(data), limit)
			}
			if p := keys["first"]; p != (Pos{1, 1}) {
				t.Errorf("first at %d:%d, want 1:1", p.Line, p.Col)
			}
		})
	}
}
