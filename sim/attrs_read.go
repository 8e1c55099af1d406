package sim

import (
	"reflect"
	"slices"
	"strings"
)

// attrUse is an option's attributes as written: where, its act, and the
// names of the attributes its file gives.
type attrUse struct {
	path  string
	act   Act
	names []string
}

// attrNames returns the TOML names of Attrs' fields, in their order.
func attrNames() []string {
	t := reflect.TypeFor[Attrs]()
	names := make([]string, t.NumField())
	for i := range names {
		names[i] = t.Field(i).Tag.Get("toml")
	}
	return names
}

// weekReads are the attributes the week reads of a task set as homework,
// whatever the rules say (Params.completion; the client's words by kind).
// TestWeekReads holds the list to what completion reads.
func weekReads() []string {
	return []string{"kind", "collaborative", "rationale", "specific", "written", "matched", "obstacles", "difficulty"}
}

// unreadAttrs warns of every attribute an option gives that nothing reads
// for its act: no rule the act sets off names attr.NAME, and the week does
// not read it (only a task's attributes are the week's). Such an attribute
// changes nothing in the model; usually the act is not the one meant, or
// the attribute belongs to another act (at_marker to chair work and
// focusing, prepared to an interpretation).
func (ld *loader) unreadAttrs(rules []*rule) {
	for _, u := range ld.attrUses {
		var read []string // the attributes some rule of the act names
		for _, r := range rules {
			if r.disabled || len(r.acts) > 0 && !slices.Contains(r.acts, u.act) {
				continue
			}
			read = append(read, attrRefs(r.sources())...)
		}
		for _, name := range u.names {
			if slices.Contains(read, name) || u.act == HomeworkAssign && slices.Contains(weekReads(), name) {
				continue
			}
			readers := ld.actsReading(rules, name)
			where := "no rule of the model reads it"
			if len(readers) > 0 {
				where = "the model reads it only for " + strings.Join(readers, ", ")
			}
			ld.warnf(join(u.path, "attrs."+name), "%s = … on an option whose act is %q changes nothing: no rule that act sets off reads attr.%s (%s); check the act, or leave the attribute out", name, u.act, name, where)
		}
	}
}

// sources returns the expressions of r as written: its condition, its
// amounts and its severity.
func (r *rule) sources() []string {
	srcs := []string{r.severity.src}
	if r.when != nil {
		srcs = append(srcs, r.when.src)
	}
	for _, e := range r.effects {
		srcs = append(srcs, e.amt.src)
	}
	return srcs
}

// attrRefs returns the NAMEs of every attr.NAME in srcs.
func attrRefs(srcs []string) []string {
	var names []string
	for _, src := range srcs {
		for rest := src; ; {
			i := strings.Index(rest, "attr.")
			if i < 0 {
				break
			}
			if i > 0 && (isIdent(rest[i-1]) || rest[i-1] == '.') {
				rest = rest[i+5:]
				continue
			}
			rest = rest[i+5:]
			n := 0
			for n < len(rest) && isIdent(rest[n]) {
				n++
			}
			names = append(names, rest[:n])
			rest = rest[n:]
		}
	}
	return names
}

// isIdent reports whether c can be part of a name in an expression.
func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// actsReading lists the acts some rule reads attribute name for, and
// homework_assign when the week does.
func (ld *loader) actsReading(rules []*rule, name string) []string {
	var acts []string
	add := func(a Act) {
		if !slices.Contains(acts, string(a)) {
			acts = append(acts, string(a))
		}
	}
	if slices.Contains(weekReads(), name) {
		add(HomeworkAssign)
	}
	for _, r := range rules {
		if r.disabled {
			continue
		}
		if !slices.Contains(attrRefs(r.sources()), name) {
			continue
		}
		for _, a := range r.acts {
			add(a)
		}
	}
	return acts
}
