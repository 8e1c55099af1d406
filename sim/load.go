package sim

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Limits of the files Load accepts.
const (
	MaxFileSize = 4 << 20  // bytes in a file
	MaxLine     = 16 << 10 // characters in one line
)

// A loader gathers the problems of one file while it is decoded and
// compiled, each with the position of the key at fault.
type loader struct {
	file string
	// keys and vals map key paths to the positions of keys and values;
	// keyPos and valuePos find them in data when first asked, which a file
	// without mistakes may never do.
	data       []byte
	keys, vals map[string]Pos
	tree       map[string]any // the document as generic TOML
	probs      Problems
	// typeErrs counts values of the wrong type found by schema.
	typeErrs int
	// vars are the scenario's variables; nil in a model or a policy.
	vars *varTable
	// kinds are the task kinds the options set, where each is written.
	kinds []kindUse
	// conds and amounts are the expressions compiled so far, by their
	// text, each compiled once however often it is written.
	conds   map[string]*condition
	amounts map[string]value
	// compiled counts the expressions compiled, against MaxExpressions.
	compiled int
	// fieldsOf caches the fields of each struct type decoded.
	fieldsOf map[reflect.Type]map[string]reflect.StructField
	// src is the file's text.
	src []byte
	// outer are the tables schema is inside, outermost first.
	outer []outerTable
}

// An outerTable is a table schema is checking: its path, its type and its
// keys.
type outerTable struct {
	path string
	t    reflect.Type
	m    map[string]any
}

type kindUse struct{ path, kind string }

// errorf records a problem at the key path (elements numbered from 0).
func (ld *loader) errorf(path, format string, args ...any) {
	ld.probs = append(ld.probs, Problem{File: ld.file, Pos: ld.at(path), Key: display(path), Msg: fmt.Sprintf(format, args...)})
}

// warnf records a warning at the key path.
func (ld *loader) warnf(path, format string, args ...any) {
	ld.errorf(path, format, args...)
	ld.probs[len(ld.probs)-1].Warning = true
}

// keyPos returns the position of every key of the file by its path.
func (ld *loader) keyPos() map[string]Pos {
	if ld.keys == nil {
		ld.keys, ld.vals = locate(ld.data)
	}
	return ld.keys
}

// valuePos returns the position of every value of the file by its key's
// path.
func (ld *loader) valuePos() map[string]Pos {
	ld.keyPos()
	return ld.vals
}

// at finds the position of path, or of its nearest ancestor written in the
// file.
func (ld *loader) at(path string) Pos {
	for p := path; p != ""; {
		if pos, ok := ld.keyPos()[p]; ok {
			return pos
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return Pos{Line: 1, Col: 1}
}

// has reports whether the file sets the key path.
func (ld *loader) has(path string) bool {
	_, ok := lookup(ld.tree, path)
	return ok
}

// lookup finds the value at a key path (elements numbered from 0) in a
// decoded TOML document.
func lookup(doc any, path string) (any, bool) {
	v := doc
	for _, k := range strings.Split(path, ".") {
		switch t := v.(type) {
		case map[string]any:
			x, ok := t[k]
			if !ok {
				return nil, false
			}
			v = x
		case []map[string]any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(t) {
				return nil, false
			}
			v = t[i]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(t) {
				return nil, false
			}
			v = t[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// display turns "sessions.0.beats.3.act" into "sessions[1].beats[4].act".
func display(path string) string {
	parts := strings.Split(path, ".")
	var b strings.Builder
	for i, p := range parts {
		if n, err := strconv.Atoi(p); err == nil && i > 0 {
			fmt.Fprintf(&b, "[%d]", n+1)
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// decode parses data as TOML into v, reporting syntax errors, unknown keys
// and values of the wrong type. It reports whether v was filled.
func (ld *loader) decode(data []byte, v any) bool {
	if len(data) > MaxFileSize {
		ld.errorf("", "file is %d bytes; the limit is %d", len(data), MaxFileSize)
		return false
	}
	// TOML decoding slows down with the square of a dotted key's length; no
	// honest line is anywhere near this long. Characters are counted, not
	// bytes, so that a paragraph in Greek has the room of one in English.
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(line) > MaxLine && utf8.RuneCount(line) > MaxLine {
			ld.probs = append(ld.probs, Problem{File: ld.file, Pos: Pos{i + 1, 1},
				Msg: fmt.Sprintf(`line is %s characters long; the limit is %s: break the text over several lines inside """ … """, ending each line but the last with a space and \ to join them into one paragraph`,
					thousands(utf8.RuneCount(line)), thousands(MaxLine))})
			return false
		}
	}
	if pos, ok := nesting(data); !ok {
		ld.probs = append(ld.probs, Problem{File: ld.file, Pos: pos,
			Msg: fmt.Sprintf("lists and tables are nested more than %d deep here: no TheraSim file needs more than 3", MaxNesting)})
		return false
	}
	ld.src = data
	if _, err := toml.Decode(string(data), &ld.tree); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			pos, msg := syntaxProblem(pe, data)
			ld.probs = append(ld.probs, Problem{File: ld.file, Pos: pos, Msg: msg})
		} else {
			ld.errorf("", "TOML: %v", err)
		}
		return false
	}
	ld.data = data
	ld.schema(ld.tree, reflect.TypeOf(v).Elem(), "")
	if ld.typeErrs > 0 {
		// Values of the wrong type cannot be decoded; unknown keys can be
		// passed over, so that one round of check reports more.
		ld.probs.sort()
		return false
	}
	// The tree has the types v wants: fill v from it rather than parse the
	// file a second time.
	if err := ld.fill(ld.tree, reflect.ValueOf(v).Elem()); err != nil {
		ld.errorf("", "%v", err)
		return false
	}
	return true
}

// thousands writes n with a comma between each three digits: 16,384.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// fields returns the fields of struct type t by their TOML keys, those of
// embedded structs included; the loader keeps them from type to type.
func (ld *loader) fields(t reflect.Type) map[string]reflect.StructField {
	if f, ok := ld.fieldsOf[t]; ok {
		return f
	}
	f := make(map[string]reflect.StructField)
	for _, sf := range reflect.VisibleFields(t) {
		if tag := sf.Tag.Get("toml"); tag != "" && tag != "-" {
			f[tag] = sf
		}
	}
	if ld.fieldsOf == nil {
		ld.fieldsOf = make(map[reflect.Type]map[string]reflect.StructField)
	}
	ld.fieldsOf[t] = f
	return f
}

// fill sets rv from the generic TOML value x, which schema has found to
// have the right types, as toml.Decode would: keys to fields by their toml
// tags, toml.Unmarshaler for the types that read themselves.
func (ld *loader) fill(x any, rv reflect.Value) error {
	if u, ok := rv.Addr().Interface().(toml.Unmarshaler); ok {
		return u.UnmarshalTOML(x)
	}
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			rv.Set(reflect.New(rv.Type().Elem()))
		}
		return ld.fill(x, rv.Elem())
	case reflect.Struct:
		m, _ := x.(map[string]any)
		fs := ld.fields(rv.Type())
		for k, v := range m {
			if f, ok := fs[k]; ok {
				if err := ld.fill(v, rv.FieldByIndex(f.Index)); err != nil {
					return err
				}
			}
		}
	case reflect.Map:
		m, _ := x.(map[string]any)
		out := reflect.MakeMapWithSize(rv.Type(), len(m))
		for k, v := range m {
			e := reflect.New(rv.Type().Elem()).Elem()
			if err := ld.fill(v, e); err != nil {
				return err
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(rv.Type().Key()), e)
		}
		rv.Set(out)
	case reflect.Slice:
		var items []any
		switch s := x.(type) {
		case []any:
			items = s
		case []map[string]any:
			items = make([]any, len(s))
			for i, e := range s {
				items[i] = e
			}
		}
		out := reflect.MakeSlice(rv.Type(), len(items), len(items))
		for i, e := range items {
			if err := ld.fill(e, out.Index(i)); err != nil {
				return err
			}
		}
		rv.Set(out)
	case reflect.Interface:
		if v := reflect.ValueOf(x); x != nil && v.Type().AssignableTo(rv.Type()) {
			rv.Set(v)
		}
	case reflect.String:
		s, _ := x.(string)
		rv.SetString(s)
	case reflect.Bool:
		b, _ := x.(bool)
		rv.SetBool(b)
	case reflect.Int, reflect.Int64:
		n, _ := x.(int64)
		rv.SetInt(n)
	case reflect.Float64:
		switch n := x.(type) {
		case float64:
			rv.SetFloat(n)
		case int64:
			rv.SetFloat(float64(n))
		}
	}
	return nil
}

// schema checks the generic value v against the Go type t.
func (ld *loader) schema(v any, t reflect.Type, path string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeOf(amount{}) {
		switch n := v.(type) {
		case float64:
			if math.IsNaN(n) || math.IsInf(n, 0) {
				ld.typeError(path, "%s: want a finite number, found %v", last(path), n)
			}
		case int64, string:
		default:
			ld.typeError(path, "%s: want a number or an expression in quotes, found %s", last(path), tomlType(v))
		}
		return
	}
	switch t {
	case reflect.TypeOf(startValue{}):
		switch v.(type) {
		case bool, int64, float64:
		default:
			ld.typeError(path, "%s: want true or false (a flag) or a number (a counter), found %s", last(path), tomlType(v))
		}
		return
	case reflect.TypeOf(setValue{}):
		switch v.(type) {
		case bool, int64, float64, string:
		default:
			ld.typeError(path, "%s: want true, false, a number or an expression in quotes, found %s", last(path), tomlType(v))
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			ld.typeError(path, "%s: want a table, found %s", last(path), tomlType(v))
			return
		}
		fields := ld.fields(t)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		ld.outer = append(ld.outer, outerTable{path, t, m})
		defer func() { ld.outer = ld.outer[:len(ld.outer)-1] }()
		for _, k := range keys {
			f, ok := fields[k]
			if !ok && ld.misplaced(path, k, m[k]) {
				continue
			}
			if !ok {
				where := "at the top level"
				if path != "" {
					where = "in " + display(path)
				}
				var names []string
				for _, sf := range reflect.VisibleFields(t) {
					if tag := sf.Tag.Get("toml"); tag != "" && tag != "-" {
						names = append(names, tag)
					}
				}
				ld.errorf(join(path, k), "unknown key %q %s%s", k, where, didYouMean(k, names))
				continue
			}
			ld.schema(m[k], f.Type, join(path, k))
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			ld.typeError(path, "%s: want a table, found %s", last(path), tomlType(v))
			return
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if t.Elem() == reflect.TypeOf(setValue{}) && !ld.declared(k) && ld.misplaced(path, k, m[k]) {
				delete(m, k)
				continue
			}
			ld.schema(m[k], t.Elem(), join(path, k))
		}
	case reflect.Slice:
		switch s := v.(type) {
		case []any:
			for i, e := range s {
				ld.schema(e, t.Elem(), join(path, strconv.Itoa(i)))
			}
		case []map[string]any:
			for i, e := range s {
				ld.schema(e, t.Elem(), join(path, strconv.Itoa(i)))
			}
		default:
			elem := t.Elem()
			for elem.Kind() == reflect.Pointer {
				elem = elem.Elem()
			}
			_, table := v.(map[string]any)
			if one, ok := arrayNoun(last(path)); ok && table && elem.Kind() == reflect.Struct &&
				strings.HasPrefix(strings.TrimSpace(lineText(ld.src, ld.at(path).Line)), "[") {
				ld.typeError(path, "%s", singleBracket(plainPath(path), one))
				break
			}
			ld.typeError(path, "%s: want a list, found %s", last(path), tomlType(v))
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			ld.typeError(path, "%s: want text in quotes, found %s", last(path), tomlType(v))
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			ld.typeError(path, "%s: want true or false, found %s", last(path), tomlType(v))
		}
	case reflect.Int:
		if _, ok := v.(int64); !ok {
			ld.typeError(path, "%s: want a whole number, found %s", last(path), tomlType(v))
		}
	case reflect.Float64:
		switch n := v.(type) {
		case float64:
			if math.IsNaN(n) || math.IsInf(n, 0) {
				ld.typeError(path, "%s: want a finite number, found %v", last(path), n)
			}
		case int64:
			if n > 1<<53 || n < -(1<<53) {
				ld.typeError(path, "%s: %d is too large", last(path), n)
			}
		default:
			ld.typeError(path, "%s: want a number, found %s", last(path), tomlType(v))
		}
	}
}

// declared reports whether the file declares a variable name under
// [variables].
func (ld *loader) declared(name string) bool {
	vars, _ := ld.tree["variables"].(map[string]any)
	_, ok := vars[name]
	return ok
}

// misplaced tells a key k, not a key of the table at path, that is a key of
// a table it is in: most often written below a sub-table's heading
// ([sessions.beats.says.effects]) when it belongs above it, to the client
// line. The key is then given to that table, so that it is not also told
// missing there.
func (ld *loader) misplaced(path, k string, v any) bool {
	if len(ld.outer) == 0 {
		return false
	}
	// The table at path itself is the last of outer, unless it is a map
	// (set), which has none of its own.
	i := len(ld.outer) - 1
	if ld.outer[i].path == path {
		i--
	}
	for ; i >= 0; i-- {
		o := ld.outer[i]
		f, ok := ld.fields(o.t)[k]
		if !ok {
			continue
		}
		owner := tableWords(o.path)
		at := strings.TrimSpace(lineText(ld.src, ld.at(path).Line))
		// A key that is part of headings, [sessions.homework_words.x], is
		// found where the first of them is.
		kp := join(path, k)
		pos, ok := ld.keyPos()[kp]
		if !ok {
			found := false
			for p, q := range ld.keyPos() {
				if strings.HasPrefix(p, kp+".") && (!found || q.Line < pos.Line || q.Line == pos.Line && q.Col < pos.Col) {
					pos, found = q, true
				}
			}
			if !found {
				pos = ld.at(kp)
			}
		}
		keyLine := strings.TrimSpace(lineText(ld.src, pos.Line))
		heading := strings.HasPrefix(keyLine, "[") && pos != ld.at(path)
		if o.path == "" && !heading {
			// A key of the file as a whole below a table's heading is
			// less likely misplaced than mistaken: told as unknown.
			return false
		}
		switch {
		case heading:
			n := len(keyLine) - len(strings.TrimLeft(keyLine, "["))
			name := strings.Trim(strings.TrimSpace(strings.SplitN(keyLine, "#", 2)[0]), "[] \t")
			name = strings.TrimPrefix(name, plainPath(path)+".")
			if o.path != "" {
				name = plainPath(o.path) + "." + name
			}
			ld.probs = append(ld.probs, Problem{File: ld.file, Pos: pos, Key: display(kp),
				Msg: fmt.Sprintf("%s belongs to %s, not to %s: write the heading as %s%s%s",
					k, owner, tableWords(path), strings.Repeat("[", n), name, strings.Repeat("]", n))})
		case strings.HasPrefix(at, "["):
			ld.errorf(join(path, k), "%s belongs to %s, above %s: move it up, before the sub-table", k, owner, strings.TrimSpace(strings.SplitN(at, "#", 2)[0]))
		default:
			ld.errorf(join(path, k), "%s belongs to %s, not inside %s = { … }: move it out of the braces", k, owner, last(path))
		}
		if _, has := o.m[k]; !has {
			o.m[k] = v
			ld.schema(v, f.Type, join(o.path, k))
		}
		return true
	}
	return false
}

// plainPath is a key path without the numbers of elements:
// sessions.beats.says.effects.
func plainPath(path string) string {
	var out []string
	for _, p := range strings.Split(path, ".") {
		if _, err := strconv.Atoi(p); err != nil {
			out = append(out, p)
		}
	}
	return strings.Join(out, ".")
}

// tableWords names the table at path for a message: the client line, the
// option, [client].
func tableWords(path string) string {
	if path == "" {
		return "the file as a whole"
	}
	parts := strings.Split(path, ".")
	if _, err := strconv.Atoi(parts[len(parts)-1]); err == nil && len(parts) > 1 {
		if one, ok := arrayNoun(parts[len(parts)-2]); ok {
			return "the " + one
		}
	}
	return "[" + plainPath(path) + "]"
}

func (ld *loader) typeError(path, format string, args ...any) {
	ld.typeErrs++
	ld.errorf(path, format, args...)
}

func last(path string) string {
	parts := strings.Split(path, ".")
	for i := len(parts) - 1; i >= 0; i-- {
		if _, err := strconv.Atoi(parts[i]); err != nil {
			return parts[i]
		}
	}
	return path
}

func tomlType(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("text %q", v)
	case int64, float64:
		return fmt.Sprintf("the number %v", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "a list"
	default:
		if fmt.Sprintf("%T", v) == "time.Time" {
			return "a date or a time"
		}
		return "something else"
	}
}

func (ld *loader) effects(path string, e effectsFile) []effect {
	var out []effect
	for i, a := range e.fields() {
		if a.set {
			v := vars()[i]
			out = append(out, effect{v: v, amt: ld.value(join(path, v.key()), a)})
		}
	}
	return out
}

func (ld *loader) rules(path string, files []ruleFile) []*rule {
	var out []*rule
	seen := make(map[string]bool)
	for i, rf := range files {
		p := join(path, strconv.Itoa(i))
		r := &rule{id: rf.ID, source: rf.Source, explain: rf.Explain, repairs: rf.Repairs, disabled: rf.Disabled, file: ld.file, pos: ld.at(p)}
		switch {
		case rf.ID == "":
			ld.errorf(p, "rule needs an id")
		case seen[rf.ID]:
			ld.errorf(join(p, "id"), "rule id %q is used twice in this file", rf.ID)
		}
		seen[rf.ID] = true
		if rf.Explain == "" && !rf.Disabled {
			ld.errorf(p, "rule %q needs an explain sentence: it is what the debrief shows", rf.ID)
		}
		for j, a := range rf.Acts {
			if !Act(a).Valid() {
				ld.errorf(join(p, "acts."+strconv.Itoa(j)), "%s", unknownAct(a))
				continue
			}
			r.acts = append(r.acts, Act(a))
		}
		if rf.When != "" {
			r.when = ld.condition(join(p, "when"), rf.When)
		}
		r.effects = ld.effects(join(p, "effects"), rf.Effects)
		r.opens, r.severity = ld.opens(p, fmt.Sprintf("rule %q", rf.ID), rf.Opens, rf.Severity)
		if len(r.effects) == 0 && r.opens == "" && !r.repairs && !r.disabled {
			ld.errorf(p, "rule %q changes nothing: give it effects, opens or repairs", rf.ID)
		}
		out = append(out, r)
	}
	return out
}

// opens reads what opens a rupture, found at path in what (rule "x", beat
// "y", …): the kind, and the severity (0.4 unless given).
func (ld *loader) opens(path, what, kind string, sev amount) (RuptureKind, value) {
	switch kind {
	case "":
		if sev.set {
			ld.errorf(join(path, "severity"), "severity on %s needs opens = \"withdrawal\" or \"confrontation\", or remove severity", what)
		}
	case string(RuptureWithdrawal), string(RuptureConfrontation):
		v := value{set: true, num: 0.4, src: "0.4"}
		if sev.set {
			if !sev.expr && (sev.num < 0 || sev.num > 1) {
				ld.errorf(join(path, "severity"), "severity = %v is outside 0 to 1: 0 is the mildest rupture and 1 the most severe (0.4 when left out)", sev.num)
			}
			v = ld.value(join(path, "severity"), sev)
		}
		return RuptureKind(kind), v
	default:
		ld.errorf(join(path, "opens"), "opens: unknown rupture kind %q%s; want \"withdrawal\" or \"confrontation\"",
			kind, didYouMean(kind, []string{string(RuptureWithdrawal), string(RuptureConfrontation)}))
	}
	return "", value{}
}

// IsModel reports whether data looks like a model file (a [week] table and
// no [scenario]) rather than a scenario, so that a tool given both kinds can
// check each as what it is.
func IsModel(data []byte) bool {
	if len(data) > MaxFileSize {
		return false
	}
	// A look at the table headers, not a parse: a tool asks this of every
	// file before it loads it, and a parse is most of a load's time.
	week, scen := false, false
	multi := ""
	for _, line := range bytes.Split(data, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if multi == "" && bytes.HasPrefix(t, []byte("[")) && !bytes.HasPrefix(t, []byte("[[")) {
			name := bytes.TrimSpace(t[1:])
			header := func(n string) bool {
				return bytes.HasPrefix(name, []byte(n)) && len(name) > len(n) && (name[len(n)] == ']' || name[len(n)] == '.' || name[len(n)] == ' ')
			}
			week = week || header("week")
			scen = scen || header("scenario")
		}
		// Lines inside multi-line text are not headers.
		for _, q := range []string{`"""`, `'''`} {
			if (multi == "" || multi == q) && bytes.Count(line, []byte(q))%2 == 1 {
				if multi == "" {
					multi = q
				} else {
					multi = ""
				}
			}
		}
	}
	return week && !scen
}

// A Model is the default process model: the rules every scenario inherits
// and the parameters of the week between sessions.
type Model struct {
	file  string
	hash  string
	week  Params
	rules []*rule
	words homeworkWords
}

// Hash is the SHA-256 of the model file's bytes, in hex.
func (m *Model) Hash() string { return m.hash }

// Params returns the parameters of the week between sessions.
func (m *Model) Params() Params { return m.week }

// LoadModel reads a model file: the default rules and the week's
// parameters. name is used in messages. The error, if any, is Problems.
func LoadModel(name string, data []byte) (*Model, error) {
	ld := &loader{file: name}
	var mf modelFile
	if !ld.decode(data, &mf) {
		return nil, ld.probs
	}
	t := reflect.TypeOf(Params{})
	for i := 0; i < t.NumField(); i++ {
		k := "week." + t.Field(i).Tag.Get("toml")
		if !ld.has(k) {
			ld.errorf("week", "missing parameter %s", k)
		}
	}
	m := &Model{file: name, hash: hashOf(data), week: mf.Week}
	m.rules = ld.rules("rules", mf.Rules)
	m.words = ld.homeworkWords("homework_words", mf.HomeworkWords)
	if _, ok := m.words[otherTask]; !ok && ld.typeErrs == 0 {
		at := "homework_words"
		first := Pos{}
		for k := range mf.HomeworkWords {
			if p := ld.at(join(at, k)); first.Line == 0 || p.Line < first.Line {
				first = p
			}
		}
		ld.probs = append(ld.probs, Problem{File: ld.file, Pos: first, Key: at,
			Msg: fmt.Sprintf("homework_words needs an %q table: what the client says about a task of a kind no other table names", otherTask)})
	}
	if len(ld.probs) > 0 {
		ld.probs.sort()
		return nil, ld.probs
	}
	return m, nil
}

func hashOf(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// validID reports whether id is lowercase letters, digits, - and _,
// starting with a letter or digit.
func validID(id string) bool {
	for i, c := range id {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case (c == '-' || c == '_') && i > 0:
		default:
			return false
		}
	}
	return id != ""
}

// Load reads, checks and compiles a scenario against a model. name is the
// file name used in messages. When the scenario has mistakes the error is
// Problems, every mistake with its line and column.
func Load(name string, data []byte, m *Model) (*Scenario, error) {
	if m == nil {
		return nil, errors.New("sim.Load: no model")
	}
	ld := &loader{file: name}
	var sf scenarioFile
	if !ld.decode(data, &sf) {
		return nil, ld.probs
	}
	sc := &Scenario{
		ID: sf.Scenario.ID, Title: sf.Scenario.Title, Approach: sf.Scenario.Approach,
		Language: sf.Scenario.Language, Author: sf.Scenario.Author,
		Description: sf.Scenario.Description, Objectives: sf.Scenario.Objectives,
		File: name, Hash: hashOf(data), ModelHash: m.hash, params: m.week,
	}
	ld.meta(sf)
	sc.Client = ld.client(sf.Client)
	ld.vars = ld.variables(sf.Variables)
	sc.vars = ld.vars.list
	for _, v := range sc.vars {
		sc.names = append(sc.names, v.Name)
	}
	sc.words = ld.scenarioWords(m.words, sf.HomeworkWords)
	ld.sessions(sc, sf.Sessions)
	for i, ef := range sf.Events {
		p := "events." + strconv.Itoa(i)
		if ef.ID == "" {
			ld.errorf(p, "life event needs an id")
		}
		if ef.Text == "" {
			ld.errorf(p, "life event %q needs text: it is what the trainee reads", ef.ID)
		}
		if ef.After < 1 || ef.After > len(sf.Sessions) {
			ld.errorf(join(p, "after_session"), "after_session = %d: want a session from 1 to %d", ef.After, len(sf.Sessions))
		}
		ev := &lifeEvent{id: ef.ID, after: ef.After, text: ef.Text, inner: ef.Inner}
		if ef.When != "" {
			ev.when = ld.condition(join(p, "when"), ef.When)
		}
		ev.effects = ld.effects(join(p, "effects"), ef.Effects)
		ev.sets = ld.sets(join(p, "set"), ef.Set)
		sc.events = append(sc.events, ev)
	}
	sc.rules = merge(ld, m.rules, ld.rules("rules", sf.Rules))
	ld.unused()
	ld.homeworkKinds(sc, m.words, sf.HomeworkWords)
	sc.population = ld.population(sc.Client, sf.Population)
	ld.probs.sort()
	if ld.probs.errors() {
		return nil, ld.probs
	}
	sc.warnings = ld.probs
	sc.index()
	return sc, nil
}

func (ld *loader) meta(sf scenarioFile) {
	md := sf.Scenario
	switch {
	case !ld.has("scenario"):
		ld.errorf("", "missing [scenario] table with id and title")
		return
	case md.ID == "":
		ld.errorf("scenario", "scenario needs an id")
	case !validID(md.ID):
		ld.errorf("scenario.id", "id %q: use lowercase letters, digits, - and _", md.ID)
	}
	if md.Title == "" {
		ld.errorf("scenario", "scenario needs a title")
	}
	if len(sf.Sessions) == 0 {
		ld.errorf("", "scenario has no [[sessions]]")
	}
}

func (ld *loader) client(cf clientFile) Client {
	c := Client{Name: cf.Name, Age: cf.Age, Pronouns: cf.Pronouns, Presenting: cf.Presenting,
		Background: cf.Background, Goal: cf.Goal}
	if !ld.has("client") {
		ld.errorf("", "missing [client] table")
		return c
	}
	if c.Name == "" {
		ld.errorf("client", "client needs a name")
	}
	if cf.Traits == nil {
		ld.errorf("client", "missing [client.traits]")
	} else {
		c.Traits = *cf.Traits
		ld.unitRange("client.traits", reflect.ValueOf(c.Traits))
	}
	if cf.Initial == nil {
		ld.errorf("client", "missing [client.initial]")
		return c
	}
	in := cf.Initial
	for _, f := range []struct {
		name string
		p    *float64
		dst  *float64
		hi   float64
	}{{"bond", in.Bond, &c.Initial.Bond, 1}, {"task", in.Task, &c.Initial.Task, 1},
		{"goal", in.Goal, &c.Initial.Goal, 1}, {"hope", in.Hope, &c.Initial.Hope, 1},
		{"symptoms", in.Symptoms, &c.Initial.Symptoms, MaxOQ}} {
		k := "client.initial." + f.name
		switch {
		case f.p == nil:
			ld.errorf("client.initial", "[client.initial] needs %s (0 to %v)", f.name, f.hi)
		case *f.p < 0 || *f.p > f.hi:
			ld.errorf(k, "%s = %v is outside 0 to %v", f.name, *f.p, f.hi)
		default:
			*f.dst = *f.p
		}
	}
	return c
}

// unitRange checks that every field of the struct v is set and in [0,1].
func (ld *loader) unitRange(path string, v reflect.Value) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		name := t.Field(i).Tag.Get("toml")
		k := join(path, name)
		if !ld.has(k) {
			ld.errorf(path, "[%s] needs %s (0 to 1)", path, name)
			continue
		}
		if x := v.Field(i).Float(); x < 0 || x > 1 {
			ld.errorf(k, "%s = %v is outside 0 to 1", name, x)
		}
	}
}

// merge returns the model's rules with the scenario's applied: a scenario
// rule with a model rule's id replaces it in place (or removes it when
// disabled), any other is added at the end.
func merge(ld *loader, model, scen []*rule) []*rule {
	out := append([]*rule(nil), model...)
	at := make(map[string]int, len(model)) // a model rule's place in out
	ids := make([]string, len(model))
	for i, m := range model {
		at[m.id], ids[i] = i, m.id
	}
	for _, r := range scen {
		i, replaces := at[r.id]
		switch {
		case replaces:
			out[i] = r
		case r.disabled:
			ld.probs = append(ld.probs, Problem{File: r.file, Pos: r.pos, Key: "rules",
				Msg: fmt.Sprintf("disabled rule %q is not a rule of the model%s", r.id, didYouMean(r.id, ids))})
		default:
			if near := suggest(r.id, ids); near != "" {
				ld.probs = append(ld.probs, Problem{File: r.file, Pos: r.pos, Key: "rules", Warning: true,
					Msg: fmt.Sprintf("rule %q is not a rule of the model, so it is added beside them, not in place of one (did you mean %q? a rule with a model rule's id replaces it)", r.id, near)})
			}
			out = append(out, r)
		}
	}
	return slices.DeleteFunc(out, func(r *rule) bool { return r.disabled })
}
