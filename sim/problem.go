package sim

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// A Problem is one mistake found in a scenario or model file.
type Problem struct {
	File string
	Pos         // where; zero when the file as a whole is at fault
	Key  string // the key concerned, as a dotted path with 1-based element numbers
	Msg  string
	// Warning: the file still runs, but probably not as its author meant
	// (a variable nothing reads, a task kind without the client's words).
	Warning bool
}

// Error formats the problem as FILE:LINE:COL: message, with "warning: "
// before the message of a warning.
func (p Problem) Error() string {
	line, col := p.Line, p.Col
	if line == 0 {
		line, col = 1, 1
	}
	w := ""
	if p.Warning {
		w = "warning: "
	}
	return fmt.Sprintf("%s:%d:%d: %s%s", p.File, line, col, w, p.Msg)
}

// errors reports whether ps holds a problem that is not a warning.
func (ps Problems) errors() bool {
	for _, p := range ps {
		if !p.Warning {
			return true
		}
	}
	return false
}

// Problems is the error a load returns when it finds mistakes: all of them,
// in the order of the file.
type Problems []Problem

// Error joins the problems one per line.
func (ps Problems) Error() string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.Error()
	}
	return strings.Join(s, "\n")
}

func (ps Problems) sort() {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

// suggest returns the candidate nearest to s when it is near enough to be a
// likely typo, or "".
func suggest(s string, candidates []string) string {
	best, bestD := "", len(s)/3+2
	if bestD > 4 {
		bestD = 4
	}
	ls := strings.ToLower(s)
	ns := utf8.RuneCountInString(ls)
	for _, c := range candidates {
		if n := ns - utf8.RuneCountInString(c); n > bestD || -n > bestD {
			continue // the distance is at least the difference in length
		}
		if d := distance(ls, strings.ToLower(c)); d < bestD || d == bestD && best == "" && d <= 2 {
			best, bestD = c, d
		}
	}
	if best == s {
		return ""
	}
	return best
}

// unknownAct says that no act is named a, with the nearest act there is
// or where the acts are listed.
func unknownAct(a string) string {
	if m := suggest(a, actNames()); m != "" {
		return fmt.Sprintf("unknown act %q (did you mean %q?)", a, m)
	}
	return fmt.Sprintf("unknown act %q: the acts are listed in docs/format.md, section 10, \"The act vocabulary\"", a)
}

// didYouMean formats a suggestion for an error message.
func didYouMean(s string, candidates []string) string {
	if m := suggest(s, candidates); m != "" {
		return fmt.Sprintf(" (did you mean %q?)", m)
	}
	return ""
}

// distance is the Levenshtein distance between a and b, counting an
// adjacent transposition as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
