package sim

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// What an option's author intends it to teach: option key intended.
const (
	// IntendedGood marks a move a supervisor would endorse.
	IntendedGood = "good"
	// IntendedPoor marks a move a supervisor would mark down.
	IntendedPoor = "poor"
)

// The walk that checks intentions: intentionClients clients of the
// scenario's population play the course, half of them with a careful
// trainee, who at each choice takes a move marked good two times in three
// and any offered move otherwise, half with a careless one, who takes a
// move marked poor as often, so that the states both reach (a strong
// alliance, a rupture left open, a client off track) are all visited. The
// walk stops after intentionBudget choices tried, whatever the file.
//
// A net effect smaller than intentionMargin OQ-45 points a week either way
// is no effect: the warning would print it as 0.00.
const (
	intentionClients = 64
	intentionBudget  = 250_000
	intentionMargin  = 0.01
)

// tally is what the walk learnt of one option: how often it was offered,
// the sum of its net effects, and the sum of each rule's change to each
// variable.
type tally struct {
	n     int
	net   float64
	parts map[part]float64
}

// part is one rule's change to one variable.
type part struct {
	rule string
	v    Var
}

// netEffect is what a choice did to the coming week, in OQ-45 points of
// expected improvement (positive helps): the change it made to the week's
// symptom rate, by the model's own week arithmetic (alliance, hope and an
// open rupture), over the distance of the symptoms to their floor, plus
// any direct change to the symptoms.
func (p *Params) netEffect(before, after *State, t *Traits) float64 {
	d := p.rawRate(after, t, 0) - p.rawRate(before, t, 0)
	return float64(d*(before.Symptoms-p.SymptomFloor)) + (before.Symptoms - after.Symptoms)
}

// intentions walks the course and warns of every option whose net effect
// in the model (what the move itself does: the rules its act sets off and
// its own effects) has the opposite sign to the one its intended key states:
// a move marked good that the model makes harmful on average over the
// times the walk offered it, or one marked poor that it makes helpful. A
// teaching simulator that rewards what its own lines call a mistake
// teaches the mistake.
func (sc *Scenario) intentions() Problems {
	marked := 0
	for _, s := range sc.Sessions {
		for _, b := range s.Beats {
			for _, o := range b.Options {
				if o.Intended != "" {
					marked++
				}
			}
		}
	}
	if marked == 0 {
		return nil
	}
	// A move is judged by what it does itself: rules that every act sets
	// off (an open rupture wearing on the bond, whatever is said) measure
	// the state the move was made in, not the move, so the copy it is
	// tried on runs without them.
	own := *sc
	for open, byAct := range sc.byAct {
		own.byAct[open] = make([][]*rule, len(byAct))
		for i, rs := range byAct {
			for _, ru := range rs {
				if len(ru.acts) > 0 {
					own.byAct[open][i] = append(own.byAct[open][i], ru)
				}
			}
		}
	}
	seen := make(map[*Option]*tally)
	var g rng
	g.seed(0x696e74656e646564) // "intended"
	var try Run
	budget := intentionBudget
	for i := 0; i < intentionClients && budget > 0; i++ {
		c := sc.Sample(ClientSeed(0x696e74656e646564, i))
		r := NewRunWith(sc, ClientSeed(0x696e74656e646564, i), Options{Client: &c, Quiet: true, Scripted: true})
		for !r.Done() && r.beat != end && budget > 0 {
			b := sc.Sessions[r.st.Session-1].Beats[r.beat]
			prefer := IntendedGood
			if i%2 == 1 {
				prefer = IntendedPoor
			}
			var marked []int
			for n, oi := range r.shown {
				o := b.Options[oi]
				budget--
				r.fork(&try)
				try.sc = &own
				try.apply(o)
				t := seen[o]
				if t == nil {
					t = &tally{parts: make(map[part]float64)}
					seen[o] = t
				}
				t.n++
				t.net += sc.params.netEffect(&r.st, &try.st, &r.client.Traits)
				for _, e := range try.events {
					switch e.Kind {
					case Change:
						t.parts[part{e.Rule, e.Var}] += e.After - e.Before
					case RuptureOpened:
						t.parts[part{e.Rule, VarRuptureSeverity}] += e.Value
					}
				}
				if o.Intended == prefer {
					marked = append(marked, n+1)
				}
			}
			pick := int(g.float()*float64(len(r.shown))) + 1
			if len(marked) > 0 && g.float() < 2.0/3 {
				pick = marked[int(g.float()*float64(len(marked)))]
			}
			if _, err := r.Choose(pick); err != nil {
				break
			}
		}
	}
	var out Problems
	for _, s := range sc.Sessions {
		for _, b := range s.Beats {
			for i, o := range b.Options {
				t := seen[o]
				if o.Intended == "" || t == nil {
					continue
				}
				mean := t.net / float64(t.n)
				var msg string
				switch {
				case o.Intended == IntendedGood && mean <= -intentionMargin:
					msg = "is marked intended = \"good\", but the model makes it harmful"
				case o.Intended == IntendedPoor && mean >= intentionMargin:
					msg = "is marked intended = \"poor\", but the model makes it helpful"
				default:
					continue
				}
				where := fmt.Sprintf("option %d of beat %q (session %s)", i+1, b.ID, s.ID)
				if o.ID != "" {
					where = fmt.Sprintf("option %q of beat %q (session %s)", o.ID, b.ID, s.ID)
				}
				out = append(out, Problem{File: sc.File, Pos: o.intendedAt, Key: "intended", Warning: true,
					Msg: fmt.Sprintf("%s %s: %+.2f OQ-45 points of expected improvement in the coming week, on average over the %d times a check of the course offered it (%s). Change its act or attributes, give it effects, or change the rule; or mark it otherwise if the model is right",
						where, msg, mean, t.n, t.why())})
			}
		}
	}
	return out
}

// why lists the three largest average changes of a tally, by rule: "bond
// +0.04 (rule reflection-bond)".
func (t *tally) why() string {
	type change struct {
		part
		d float64
	}
	var cs []change
	for p, d := range t.parts {
		if d /= float64(t.n); math.Abs(d) >= 0.0005 {
			cs = append(cs, change{p, d})
		}
	}
	if len(cs) == 0 {
		return "no rule changes anything"
	}
	slices.SortFunc(cs, func(a, b change) int {
		if c := cmp.Compare(math.Abs(b.d), math.Abs(a.d)); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.rule, b.rule), cmp.Compare(a.v, b.v))
	})
	var parts []string
	for i, c := range cs {
		if i == 3 {
			break
		}
		name := c.v.String()
		if c.v == VarRuptureSeverity {
			name = "rupture severity"
		}
		src := "rule " + c.rule
		if c.rule == "option" {
			src = "the option's own effects"
		}
		parts = append(parts, fmt.Sprintf("%s %+.3f by %s", name, c.d, src))
	}
	return strings.Join(parts, ", ")
}

// fork makes into a copy of r that can be played on without changing r:
// its own state, buffers and environment, and events kept (not quiet), so
// that what a choice does can be read from them.
func (r *Run) fork(into *Run) {
	events := into.events[:0]
	*into = *r
	into.st = r.st.clone()
	into.quiet, into.events, into.vm, into.failures = false, events, nil, nil
	into.fired, into.amounts = into.firedBuf[:0], into.amountsBuf[:0]
	into.shown = append(into.shownBuf[:0], r.shown...)
	into.lines = nil
	into.env.Vars = into.st.Vars
	into.env.setTraits(&into.client.Traits)
	if r.env.attr == &r.noAttrs {
		into.env.attr = &into.noAttrs
	}
}
