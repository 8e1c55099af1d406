package sim

import (
	"bytes"
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

// Reading a TOML file into the file types (file.go): the decoder run once,
// every value checked against the type it fills, and the position of each
// key and value found for messages.

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
	// attrUses are the options' attributes as written (attrs_read.go).
	attrUses []attrUse
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
