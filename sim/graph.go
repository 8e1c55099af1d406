package sim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// sessions compiles the sessions and checks each one's graph of beats: every
// next names a beat, every beat is reachable from the start, every beat can
// reach the end, and no loop of beats passes without offering a choice.
func (ld *loader) sessions(sc *Scenario, files []sessionFile) {
	seen := make(map[string]bool)
	for si, sf := range files {
		sp := "sessions." + strconv.Itoa(si)
		s := &Session{ID: sf.ID, Title: sf.Title, Focus: sf.Focus}
		sc.Sessions = append(sc.Sessions, s)
		switch {
		case sf.ID == "":
			ld.errorf(sp, "session %d needs an id", si+1)
		case seen[sf.ID]:
			ld.errorf(join(sp, "id"), "session id %q is used twice", sf.ID)
		}
		seen[sf.ID] = true
		if len(sf.Beats) == 0 {
			ld.errorf(sp, "session %q has no beats", sf.ID)
			continue
		}
		ids := make(map[string]int)
		var names []string
		for bi, bf := range sf.Beats {
			bp := join(sp, "beats."+strconv.Itoa(bi))
			switch {
			case bf.ID == "":
				ld.errorf(bp, "beat needs an id")
			case bf.ID == "end":
				ld.errorf(join(bp, "id"), "\"end\" is reserved for ending the session; choose another beat id")
			default:
				if _, dup := ids[bf.ID]; dup {
					ld.errorf(join(bp, "id"), "beat id %q is used twice in session %q", bf.ID, sf.ID)
				} else {
					ids[bf.ID] = bi
					names = append(names, bf.ID)
				}
			}
		}
		target := func(path, id string) int {
			if id == "end" {
				return end
			}
			if i, ok := ids[id]; ok {
				return i
			}
			ld.errorf(path, "%s: no beat %q in session %q%s", last(path), id, sf.ID, didYouMean(id, append(names, "end")))
			return end
		}
		s.start = 0
		if sf.Start != "" {
			if i, ok := ids[sf.Start]; ok {
				s.start = i
			} else {
				ld.errorf(join(sp, "start"), "start: no beat %q in session %q%s", sf.Start, sf.ID, didYouMean(sf.Start, names))
			}
		}
		for bi, bf := range sf.Beats {
			s.Beats = append(s.Beats, ld.beat(join(sp, "beats."+strconv.Itoa(bi)), bf, target))
		}
		ld.graph(sp, sf, s, si+1)
	}
}

func (ld *loader) beat(bp string, bf beatFile, target func(path, id string) int) *Beat {
	b := &Beat{ID: bf.ID, Inner: bf.Inner, next: end}
	b.moment = ld.moment(bp, fmt.Sprintf("beat %q", bf.ID), bf.momentFile)
	b.CheckIn = ld.checkIn(join(bp, "check_in"), bf.ID, bf.CheckIn)
	if b.CheckIn != nil && len(bf.Options) == 0 {
		ld.errorf(join(bp, "check_in"), "beat %q has a check-in but no options: a check-in is asked just before the trainee chooses, so put it on a beat with [[sessions.beats.options]]", bf.ID)
	}
	if len(bf.Says) == 0 {
		ld.errorf(bp, "beat %q has no [[sessions.beats.says]]: what does the client say?", bf.ID)
	}
	for i, yf := range bf.Says {
		yp := join(bp, "says."+strconv.Itoa(i))
		y := say{text: yf.Text, cues: yf.Cues, inner: yf.Inner,
			moment: ld.moment(yp, fmt.Sprintf("client line %d of beat %q", i+1, bf.ID), yf.momentFile)}
		b.acts = b.acts || y.moment != nil
		if yf.Text == "" && yf.Cues == "" {
			ld.errorf(yp, "client line needs text or cues")
		}
		if yf.When != "" {
			y.when = ld.condition(join(yp, "when"), yf.When)
			b.mayFail = b.mayFail || y.when.fast == nil
			if i == len(bf.Says)-1 {
				ld.errorf(join(yp, "when"), "the last client line of beat %q has a condition: give it none, so the client always has something to say", bf.ID)
			}
		}
		b.says = append(b.says, y)
	}
	conditional := 0
	optionIDs := make(map[string]bool)
	for i, of := range bf.Options {
		op := join(bp, "options."+strconv.Itoa(i))
		o := &Option{ID: of.ID, Text: of.Text, Inner: of.Inner, Explain: of.Explain}
		o.setAct(Act(of.Act))
		if of.Text == "" {
			ld.errorf(op, "option %d of beat %q needs text", i+1, bf.ID)
		}
		switch {
		case of.Act == "":
			ld.errorf(op, "option %d of beat %q needs an act", i+1, bf.ID)
		case !o.Act.Valid():
			ld.errorf(join(op, "act"), "%s", unknownAct(of.Act))
		}
		if of.Attrs != nil {
			o.Attrs = *of.Attrs
			if d := o.Attrs.Difficulty; d < 0 || d > 1 {
				ld.errorf(join(op, "attrs.difficulty"), "difficulty = %v is outside 0 to 1", d)
			}
			if w := o.Attrs.Warmth; w < 0 || w > 1 {
				ld.errorf(join(op, "attrs.warmth"), "warmth = %v is outside 0 to 1", w)
			}
		}
		if of.Attrs != nil && o.Act.Valid() {
			u := attrUse{path: op, act: o.Act}
			for _, name := range attrNames() {
				if ld.has(join(op, "attrs."+name)) && name != "warmth" {
					u.names = append(u.names, name)
				}
			}
			if len(u.names) > 0 {
				ld.attrUses = append(ld.attrUses, u)
			}
		}
		if o.Act == HomeworkAssign && o.Attrs.Kind != "" {
			ld.kinds = append(ld.kinds, kindUse{join(op, "attrs.kind"), o.Attrs.Kind})
		}
		if !ld.has(join(op, "attrs.warmth")) {
			o.Attrs.Warmth = 0.5
		}
		if of.Next == "" {
			ld.errorf(op, "option %d of beat %q needs next: a beat id, or \"end\" to end the session", i+1, bf.ID)
			o.next = end
		} else {
			o.next = target(join(op, "next"), of.Next)
		}
		if of.When != "" {
			o.when = ld.condition(join(op, "when"), of.When)
			conditional++
		}
		switch {
		case of.ID == "":
		case !validID(of.ID):
			ld.errorf(join(op, "id"), "option id %q: use lowercase letters, digits, - and _", of.ID)
		case optionIDs[of.ID]:
			ld.errorf(join(op, "id"), "option id %q is used twice in beat %q", of.ID, bf.ID)
		}
		optionIDs[of.ID] = true
		switch of.Intended {
		case "":
		case IntendedGood, IntendedPoor:
			o.Intended, o.intendedAt = of.Intended, ld.at(join(op, "intended"))
		default:
			ld.errorf(join(op, "intended"), "intended = %q: write \"good\" for a move a supervisor would endorse or \"poor\" for one they would mark down", of.Intended)
		}
		o.effects = ld.effects(join(op, "effects"), of.Effects)
		o.sets = ld.sets(join(op, "set"), of.Set)
		if len(o.effects) > 0 && of.Explain == "" {
			ld.errorf(op, "option %d of beat %q has effects but no explain sentence", i+1, bf.ID)
		}
		b.Options = append(b.Options, o)
	}
	switch {
	case len(bf.Options) > 0 && conditional == len(bf.Options):
		ld.errorf(bp, "every option of beat %q has a condition: the trainee could be left with no choice", bf.ID)
	case len(bf.Options) > 0 && bf.Next != "":
		ld.errorf(join(bp, "next"), "beat %q has options and next: each option says where it leads", bf.ID)
	case len(bf.Options) == 0 && bf.Next == "":
		ld.errorf(bp, "beat %q is a dead end: it has no options and no next", bf.ID)
	case len(bf.Options) == 0:
		b.next = target(join(bp, "next"), bf.Next)
	}
	return b
}

// successors lists where beat b can lead; end is end.
func (b *Beat) successors() []int {
	if len(b.Options) == 0 {
		return []int{b.next}
	}
	out := make([]int, len(b.Options))
	for i, o := range b.Options {
		out[i] = o.next
	}
	return out
}

// graph checks session s, the n-th of the course: every beat is reachable
// from the start; every option can be offered; from every beat with
// options a path leads to the end through options that can be offered; no
// loop of beats passes without a choice. Each check is linear in the beats
// and options.
func (ld *loader) graph(sp string, sf sessionFile, s *Session, n int) {
	nb := len(s.Beats)
	ctx := beatContext(n)
	bp := func(i int) string { return join(sp, "beats."+strconv.Itoa(i)) }
	// Options whose condition can never hold where they are offered.
	dead := make([][]bool, nb)
	for i, b := range s.Beats {
		dead[i] = make([]bool, len(b.Options))
		for j, o := range b.Options {
			if o.when != nil && o.when.prog != nil && neverHolds(o.when.src, ctx) {
				dead[i][j] = true
				why := ""
				if ctx.why != "" {
					why = ": " + ctx.why
				}
				ld.errorf(join(bp(i), "options."+strconv.Itoa(j)+".when"), "option %d of beat %q can never be offered: %s never holds in session %d%s",
					j+1, b.ID, quoteExpr(o.when.src), n, why)
			}
		}
	}
	// Reachable from the start.
	reach := make([]bool, nb)
	stack := []int{s.start}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == end || reach[b] {
			continue
		}
		reach[b] = true
		stack = append(stack, s.Beats[b].successors()...)
	}
	// Can reach the end, by every edge (ends) and by the edges that can be
	// taken (live): backwards from the end through each beat's
	// predecessors.
	type edge struct{ from, option int } // option -1: a beat's next
	preds := make([][]edge, nb+1)        // preds[nb] leads to the end
	for i, b := range s.Beats {
		at := func(t int) int {
			if t == end {
				return nb
			}
			return t
		}
		if len(b.Options) == 0 {
			preds[at(b.next)] = append(preds[at(b.next)], edge{i, -1})
		}
		for j, o := range b.Options {
			preds[at(o.next)] = append(preds[at(o.next)], edge{i, j})
		}
	}
	back := func(usable func(edge) bool) []bool {
		ok := make([]bool, nb+1)
		ok[nb] = true
		queue := []int{nb}
		for len(queue) > 0 {
			t := queue[0]
			queue = queue[1:]
			for _, e := range preds[t] {
				if !ok[e.from] && usable(e) {
					ok[e.from] = true
					queue = append(queue, e.from)
				}
			}
		}
		return ok
	}
	ends := back(func(edge) bool { return true })
	live := back(func(e edge) bool { return e.option < 0 || !dead[e.from][e.option] })
	// A way out that is never offered, to name.
	exit := ""
	for i, b := range s.Beats {
		for j, o := range b.Options {
			if dead[i][j] && exit == "" && (o.next == end || ends[o.next]) {
				exit = fmt.Sprintf("option %d of beat %q, when = %s", j+1, b.ID, quoteExpr(o.when.src))
			}
		}
	}
	for i, b := range s.Beats {
		switch {
		case !reach[i]:
			ld.errorf(bp(i), "beat %q cannot be reached from the start of session %q", b.ID, sf.ID)
		case !ends[i] && len(b.Options) > 0:
			// Beats without options that cannot end are dead ends or
			// loops, reported on their own.
			ld.errorf(bp(i), "from beat %q session %q can never end: no path leads to \"end\"", b.ID, sf.ID)
		case !live[i] && len(b.Options) > 0:
			ld.errorf(bp(i), "from beat %q session %q can end only through an option that is never offered (%s), so it would go on for ever",
				b.ID, sf.ID, exit)
		}
	}
	// Loops of beats without options, each reported once, at the beat
	// where the walk along next first comes back: a walk from each beat
	// not yet seen, stopping at a beat with options, the end, or a beat an
	// earlier walk passed.
	state := make([]int8, nb) // 0 not seen, 1 on the current walk, 2 done
	for i := range s.Beats {
		var walk []int
		j := i
		for j != end && len(s.Beats[j].Options) == 0 && state[j] == 0 {
			state[j] = 1
			walk = append(walk, j)
			j = s.Beats[j].next
		}
		if j != end && state[j] == 1 {
			// A loop: from j along the walk back to j.
			k := slices.Index(walk, j)
			var ids []string
			for _, w := range walk[k:] {
				ids = append(ids, s.Beats[w].ID)
			}
			ids = append(ids, s.Beats[j].ID)
			first := slices.Min(walk[k:])
			ld.errorf(bp(first), "beats %s loop without offering a choice", strings.Join(rotate(ids, slices.Index(ids[:len(ids)-1], s.Beats[first].ID)), " → "))
		}
		for _, w := range walk {
			state[w] = 2
		}
	}
}

// rotate returns a loop of ids (its last the same as its first) starting
// at index k.
func rotate(ids []string, k int) []string {
	loop := ids[:len(ids)-1]
	out := append(append([]string(nil), loop[k:]...), loop[:k]...)
	return append(out, out[0])
}

// moment compiles what a beat or a client line does on its own, found at
// path; what names it for messages (beat "clock", client line 2 of beat
// "clock"). It is nil when it does nothing.
func (ld *loader) moment(path, what string, mf momentFile) *moment {
	m := &moment{explain: mf.Explain}
	m.sets = ld.sets(join(path, "set"), mf.Set)
	m.effects = ld.effects(join(path, "effects"), mf.Effects)
	m.opens, m.severity = ld.opens(path, what, mf.Opens, mf.Severity)
	if len(m.sets) == 0 && len(m.effects) == 0 && m.opens == "" {
		if mf.Explain != "" && len(mf.Set) == 0 && !mf.Effects.any() && mf.Opens == "" {
			ld.errorf(join(path, "explain"), "explain on %s changes nothing: it is the debrief's sentence for what the client does on their own (set, effects, opens); the client's words go in text", what)
		}
		return nil
	}
	if mf.Explain == "" && (len(m.effects) > 0 || m.opens != "") {
		ld.errorf(path, "%s changes the client's state on its own but has no explain: add explain = \"…\", the sentence the debrief shows", what)
	}
	return m
}
