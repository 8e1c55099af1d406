package playtest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/therasim/therasim/sim"
)

// A Result is what one test did.
type Result struct {
	Test *Test
	// Choices is the number of choices made: the test's, then the
	// policy's.
	Choices int
	// Failures are what the test found wrong, in the order found; none
	// when it passed.
	Failures []Failure
	// Trail tells the run a line at a time, for a reader who wants the
	// detail: each choice made, and each check passed or failed.
	Trail []string
}

// Passed reports whether the test passed.
func (r *Result) Passed() bool { return len(r.Failures) == 0 }

// A Failure is one thing a test found wrong, told at a line of the test
// file.
type Failure struct {
	File string
	Line int
	// When names the moment: after choice 3 (beat "mood", session 1).
	When string
	Msg  string
}

// Error writes the failure as FILE:LINE: when: what.
func (f Failure) Error() string { return fmt.Sprintf("%s:%d: %s: %s", f.File, f.Line, f.When, f.Msg) }

// Run plays the test and judges its expectations. It never fails itself:
// whatever goes wrong in the run is one of the result's failures.
func (t *Test) Run() *Result {
	p := &player{t: t, run: sim.NewRunWith(t.suite.Scenario, t.Seed, sim.Options{Scripted: !t.Dynamics}), res: &Result{Test: t}}
	p.play()
	p.res.Choices = p.run.Choices()
	return p.res
}

// player is one test being played.
type player struct {
	t   *Test
	run *sim.Run
	res *Result
	// lines are the test file's lines of the trail's entries, while an
	// expectation is judged.
	lines []int
}

func (p *player) play() {
	t, run := p.t, p.run
	var ch *sim.Chooser
	if t.policy != nil {
		ch = t.policy.Chooser(t.Seed)
	}
	pending := slices.Clone(t.expects)
	for {
		pending = slices.DeleteFunc(pending, func(e *expect) bool {
			if !p.due(e) {
				return false
			}
			p.judge(e)
			return true
		})
		if run.Done() {
			break
		}
		c := run.Choices()
		var n, line int
		switch {
		case c < len(t.choices):
			var ok bool
			if n, ok = p.pick(t.choices[c]); !ok {
				return // the run cannot go on as the test says
			}
			line = t.choices[c].line
		case ch != nil:
			n = ch.Pick(run)
			line = t.policyLine
		}
		if n == 0 {
			break // the choices are used up and no policy plays on
		}
		p.chose(n, c >= len(t.choices))
		if _, err := run.Choose(n); err != nil {
			p.fail(line, fmt.Sprintf("choice %d (%s)", c+1, p.where()), err.Error())
			return
		}
	}
	if c := run.Choices(); run.Done() && c < len(t.choices) {
		p.fail(t.choices[c].line, fmt.Sprintf("choice %d", c+1), "never made: "+p.stopped())
	}
	for _, e := range pending {
		p.fail(e.line, e.name(), "never comes: "+p.stopped())
	}
}

// due reports whether the moment of e is now.
func (p *player) due(e *expect) bool {
	switch e.moment {
	case afterChoice:
		return p.run.Choices() == e.n
	case afterSession:
		pr := p.run.Prompt()
		return p.run.Done() || pr != nil && pr.Session > e.n
	}
	return p.run.Done()
}

// name names the moment of e, as a reader says it.
func (e *expect) name() string {
	switch e.moment {
	case afterChoice:
		if e.n == 0 {
			return "before the first choice"
		}
		return "after choice " + strconv.Itoa(e.n)
	case afterSession:
		return "after session " + strconv.Itoa(e.n)
	}
	return "at the end"
}

// when says when e is judged, and where the run is then.
func (p *player) when(e *expect) string {
	c := p.run.Choices()
	switch e.moment {
	case afterChoice:
		if c == 0 {
			return "before the first choice (" + p.where() + ")"
		}
		return fmt.Sprintf("after choice %d (%s)", c, p.where())
	case afterSession:
		return fmt.Sprintf("after session %d (%s made; %s)", e.n, plural(c, "choice"), p.where())
	}
	return fmt.Sprintf("at the end (%s made%s)", plural(c, "choice"), p.dropout("; "))
}

// where says where the run is: at a beat, or over.
func (p *player) where() string {
	if pr := p.run.Prompt(); pr != nil {
		return fmt.Sprintf("beat %q, session %d", pr.Beat, pr.Session)
	}
	return "the course is over" + p.dropout(": ")
}

// dropout says, after sep, that the client dropped out, if they did.
func (p *player) dropout(sep string) string {
	if st := p.run.Peek(); st.Dropped {
		return fmt.Sprintf("%s%s dropped out after session %d", sep, p.run.Client().Name, st.Session)
	}
	return ""
}

// stopped says why the run went no further.
func (p *player) stopped() string {
	c := p.run.Choices()
	if p.run.Done() {
		return "the course ended after choice " + strconv.Itoa(c) + p.dropout(" (") + closeParen(p.run.Peek().Dropped)
	}
	return fmt.Sprintf("the test's choices end after choice %d, in session %d, and it has no policy to play on: give more choices, or a policy (policy = \"competent\")",
		c, p.run.Peek().Session)
}

// isAre writes "1 option is", "2 options are".
func isAre(n int, thing string) string {
	if n == 1 {
		return "1 " + thing + " is"
	}
	return plural(n, thing) + " are"
}

func closeParen(open bool) string {
	if open {
		return ")"
	}
	return ""
}

// pass records a check that passed, at line.
func (p *player) pass(line int, when, msg string) {
	p.res.Trail = append(p.res.Trail, fmt.Sprintf("%s:%d: %s: %s", p.t.suite.File, line, when, msg))
	p.lines = append(p.lines, line)
}

// fail records a failure at line.
func (p *player) fail(line int, when, msg string) {
	f := Failure{File: p.t.suite.File, Line: line, When: when, Msg: msg}
	p.res.Failures = append(p.res.Failures, f)
	p.res.Trail = append(p.res.Trail, f.Error())
	p.lines = append(p.lines, line)
}

// chose records the choice of option n in the trail.
func (p *player) chose(n int, byPolicy bool) {
	pr := p.run.Prompt()
	by := ""
	if byPolicy {
		by = ", by the policy " + p.t.policy.ID
	}
	p.res.Trail = append(p.res.Trail, fmt.Sprintf("choice %d%s: %s, at beat %q, session %d",
		p.run.Choices()+1, by, offer(pr.Options[n-1]), pr.Beat, pr.Session))
}

// judge checks e now, recording what it finds in the order of the file.
func (p *player) judge(e *expect) {
	p.lines = p.lines[:0]
	t0, f0 := len(p.res.Trail), len(p.res.Failures)
	p.check(e)
	trail, lines := p.res.Trail[t0:], p.lines
	slices.SortStableFunc(p.res.Failures[f0:], func(a, b Failure) int { return a.Line - b.Line })
	idx := make([]int, len(trail))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return lines[a] - lines[b] })
	sorted := make([]string, len(trail))
	for i, j := range idx {
		sorted[i] = trail[j]
	}
	copy(trail, sorted)
}

// check judges each thing e checks.
func (p *player) check(e *expect) {
	when := p.when(e)
	run := p.run
	name := run.Client().Name
	if c := e.that; c != nil {
		held, err := run.Holds(c.text)
		reads, _ := run.Reads(c.text)
		switch {
		case err != nil:
			p.fail(c.line, when, err.Error())
		case held:
			p.pass(c.line, when, c.text+" holds"+readings(reads))
		default:
			p.fail(c.line, when, c.text+" does not hold"+readings(reads))
		}
	}
	if c := e.says; c != nil {
		lines := p.said()
		switch {
		case slices.ContainsFunc(lines, func(l string) bool { return contains(l, c.text) }):
			p.pass(c.line, when, fmt.Sprintf("%s says %q", name, c.text))
		case len(lines) == 0:
			p.fail(c.line, when, fmt.Sprintf("%s does not say %q: %s has said nothing since %s", name, c.text, name, p.since()))
		default:
			q := make([]string, len(lines))
			for i, l := range lines {
				q[i] = strconv.Quote(l)
			}
			p.fail(c.line, when, fmt.Sprintf("%s does not say %q; since %s %s said %s", name, c.text, p.since(), name, strings.Join(q, ", ")))
		}
	}
	for _, c := range e.offered {
		p.offered(c, when, true)
	}
	for _, c := range e.notOffered {
		p.offered(c, when, false)
	}
	if e.dropped != nil {
		st := run.Peek()
		msg := name + " has not dropped out"
		if st.Dropped {
			msg = p.dropout("")
		}
		if st.Dropped == *e.dropped {
			p.pass(e.droppedLine, when, msg)
		} else {
			p.fail(e.droppedLine, when, msg)
		}
	}
	if e.outcome != "" {
		r := run.Result()
		oq := fmt.Sprintf("OQ-45 %v at intake, %v at the last measure", r.Intake, r.Final)
		if r.Outcome == e.outcome {
			p.pass(e.outcomeLine, when, fmt.Sprintf("the outcome is %q (%s)", r.Outcome, oq))
		} else {
			p.fail(e.outcomeLine, when, fmt.Sprintf("the outcome is %q, not %q (%s)", r.Outcome, e.outcome, oq))
		}
	}
}

// since names the start of what said returns.
func (p *player) since() string {
	if p.run.Choices() == 0 {
		return "the session opened"
	}
	return "the last choice"
}

// said returns what the client has said since the last choice.
func (p *player) said() []string {
	evs := p.run.Events()
	i := len(evs)
	for i > 0 && evs[i-1].Kind != sim.Choice {
		i--
	}
	var out []string
	for _, ev := range evs[i:] {
		if ev.Kind == sim.ClientSays {
			out = append(out, ev.Text)
		}
	}
	return out
}

// contains reports whether the client's line holds text, in any case and
// with straight or curly quotes alike.
func contains(line, text string) bool { return strings.Contains(fold(line), fold(text)) }

// readings writes what a condition reads, in parentheses, or "".
func readings(rs []sim.Reading) string {
	if len(rs) == 0 {
		return ""
	}
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = r.String()
	}
	return " (" + strings.Join(s, ", ") + ")"
}

// offer writes an option as offered: 2 "Tell me about your sleep." (sleep).
func offer(o sim.Offer) string {
	s := strconv.Itoa(o.Number) + " " + strconv.Quote(short(o.Text))
	if o.ID != "" {
		s += " (" + o.ID + ")"
	}
	return s
}

// short cuts a text to a line's worth.
func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}

// offers writes the options offered now.
func offers(pr *sim.Prompt) string {
	s := make([]string, len(pr.Options))
	for i, o := range pr.Options {
		s[i] = offer(o)
	}
	return strings.Join(s, ", ")
}

// find returns the options offered now that text names (by id, or else by
// the start of their text), and the options of the beat it names that are
// not offered now.
func (p *player) find(pr *sim.Prompt, text string) (shown []sim.Offer, hidden []*sim.Option) {
	for _, o := range pr.Options {
		if o.ID == text {
			return []sim.Offer{o}, nil
		}
	}
	for _, o := range pr.Options {
		if fits(o.ID, o.Text, text) {
			shown = append(shown, o)
		}
	}
	if len(shown) > 0 {
		return shown, nil
	}
	for _, o := range p.beat(pr).Options {
		if fits(o.ID, o.Text, text) {
			hidden = append(hidden, o)
		}
	}
	return nil, hidden
}

// beat returns the beat of the prompt.
func (p *player) beat(pr *sim.Prompt) *sim.Beat {
	for _, b := range p.run.Scenario().Sessions[pr.Session-1].Beats {
		if b.ID == pr.Beat {
			return b
		}
	}
	return &sim.Beat{}
}

// notHere says why no option offered at the prompt is named text: it is
// an option of the beat whose condition does not hold, or no option of it.
func (p *player) notHere(pr *sim.Prompt, text string, hidden []*sim.Option) string {
	if len(hidden) > 0 {
		o := hidden[0]
		cond := o.Condition()
		reads, _ := p.run.Reads(cond)
		return fmt.Sprintf("option %q is not offered now: its condition, %s, does not hold%s", text, cond, readings(reads))
	}
	var ids []string
	for _, o := range p.beat(pr).Options {
		if o.ID != "" {
			ids = append(ids, o.ID)
		}
	}
	return fmt.Sprintf("beat %q has no option %q%s; it offers %s", pr.Beat, text, didYouMean(text, ids), offers(pr))
}

// pick returns the number of the option the choice c names now, or
// records why there is none.
func (p *player) pick(c choice) (int, bool) {
	pr := p.run.Prompt()
	when := fmt.Sprintf("choice %d (%s)", p.run.Choices()+1, p.where())
	if c.name == "" {
		if c.number >= 1 && c.number <= len(pr.Options) {
			return c.number, true
		}
		p.fail(c.line, when, fmt.Sprintf("there is no option %d; %s offered: %s", c.number, isAre(len(pr.Options), "option"), offers(pr)))
		return 0, false
	}
	shown, hidden := p.find(pr, c.name)
	switch len(shown) {
	case 1:
		return shown[0].Number, true
	case 0:
		p.fail(c.line, when, p.notHere(pr, c.name, hidden))
	default:
		s := make([]string, len(shown))
		for i, o := range shown {
			s[i] = offer(o)
		}
		p.fail(c.line, when, fmt.Sprintf("%q fits %d of the options offered: %s; give more of the text, or the number", c.name, len(shown), strings.Join(s, ", ")))
	}
	return 0, false
}

// offered checks that the option c names is offered now (want) or not.
func (p *player) offered(c check, when string, want bool) {
	key := "offered"
	if !want {
		key = "not_offered"
	}
	pr := p.run.Prompt()
	if pr == nil {
		p.fail(c.line, when, fmt.Sprintf("%s: the course is over, so no option is offered: judge options at a moment of a session", key))
		return
	}
	shown, hidden := p.find(pr, c.text)
	switch {
	case len(shown) > 0 && want:
		p.pass(c.line, when, fmt.Sprintf("%q is offered: %s", c.text, offer(shown[0])))
	case len(shown) > 0:
		p.fail(c.line, when, fmt.Sprintf("%q is offered: %s", c.text, offer(shown[0])))
	case len(hidden) > 0 && !want:
		p.pass(c.line, when, p.notHere(pr, c.text, hidden))
	case !want:
		p.fail(c.line, when, p.notHere(pr, c.text, nil)+"; not_offered passes only for an option of this beat")
	default:
		p.fail(c.line, when, p.notHere(pr, c.text, hidden))
	}
}
