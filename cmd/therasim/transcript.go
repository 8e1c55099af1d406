package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

// The widths the transcript wraps at: defaultWidth when stdout is not a
// terminal (a file, a pipe), so that the same run reads the same
// everywhere; on a terminal, its width less margin, but never less than
// minWidth.
const (
	defaultWidth = 78
	margin       = 2
	minWidth     = 40
)

// wrapWidth returns the width to wrap at on a terminal of cols columns;
// cols is 0 when stdout is not a terminal.
func wrapWidth(cols int) int {
	if cols <= 0 {
		return defaultWidth
	}
	return max(cols-margin, minWidth)
}

// A view says what a transcript shows.
type view int

const (
	// viewFull shows the story and the model's numbers: practice.
	viewFull view = iota
	// viewStory shows what a therapist could see and no numbers of the
	// model: assessment mode, during play.
	viewStory
	// viewNumbers shows the model's numbers with just enough of the story
	// to place them: the end of an assessment.
	viewNumbers
)

// A transcript writes a run's events for a trainee to read.
type transcript struct {
	w    io.Writer
	sc   *sim.Scenario
	view view
	name string // the client's first name

	started bool // something has been written
	gap     bool // a blank line is due before the next line
	// header holds a session's start until its OQ-45 has been shown in
	// the week before it.
	header *sim.Event
	life   string // the text of the last life event: its changes repeat it
	said   string // the last rule sentence written, not to repeat it
	indent string // before every line: nests viewNumbers' lines
	choice int    // choices seen, in viewNumbers
	// cols returns the width of the terminal w is, or 0 when it is not
	// one (or cols is nil).
	cols func() int
	// explained records what has been explained once: the meters, the
	// true symptom level.
	explained map[string]bool
	// rules: each change and rupture is followed by the id of the rule
	// that made it, or by what else did (--rules, for instructors).
	rules bool
	// metersDue is the session whose meters are still to be shown, or 0.
	metersDue int
}

// newTranscript returns a transcript of a run of sc written to w in view
// v; cols gives the width of the terminal w is (0 when it is not one) and
// may be nil.
func newTranscript(w io.Writer, sc *sim.Scenario, v view, cols func() int) *transcript {
	name := sc.Client.Name
	if f := strings.Fields(name); len(f) > 0 {
		name = f[0]
	}
	return &transcript{w: w, sc: sc, view: v, name: name, cols: cols, explained: map[string]bool{}}
}

// width returns the width the transcript wraps at now.
func (t *transcript) width() int {
	if t.cols == nil {
		return defaultWidth
	}
	return wrapWidth(t.cols())
}

// first reports whether what is being told for the first time, and
// remembers that it has been.
func (t *transcript) first(what string) bool {
	if t.explained[what] {
		return false
	}
	t.explained[what] = true
	return true
}

func (t *transcript) story() bool   { return t.view != viewNumbers }
func (t *transcript) numbers() bool { return t.view != viewStory }

// para asks for a blank line before the next line.
func (t *transcript) para() { t.gap = true }

// line writes one line, after a blank one if a paragraph was asked for.
func (t *transcript) line(format string, args ...any) {
	if t.gap && t.started {
		fmt.Fprintln(t.w)
	}
	t.gap, t.started = false, true
	fmt.Fprintf(t.w, t.indent+format+"\n", args...)
}

// wrapped writes text wrapped at the transcript's width, the first line
// after first and the others after rest.
func (t *transcript) wrapped(first, rest, text string) {
	for _, l := range wrap(text, t.width()-utf8.RuneCountInString(t.indent), first, rest) {
		t.line("%s", l)
	}
}

// intro introduces the scenario and the client.
func (t *transcript) intro() {
	sc := t.sc
	title := sc.Title
	if sc.Approach != "" {
		title += " (" + sc.Approach + ")"
	}
	t.wrapped("", "  ", title)
	if sc.Description != "" {
		t.para()
		t.wrapped("", "", sc.Description)
	}
	c := sc.Client
	who := c.Name
	if c.Age > 0 {
		who += fmt.Sprintf(", %d", c.Age)
	}
	if c.Presenting != "" {
		who += " — " + c.Presenting
	}
	t.para()
	t.wrapped("Client: ", "        ", who)
	if n := len(sc.Variables()); n > 0 {
		t.para()
		t.wrapped("", "", "This scenario remembers what is said and chosen in "+debrief.Count(n, "variable", "variables")+": type v at a choice to see them.")
	}
}

// events writes events as they happen. live is the run they come from,
// when they are its latest: the meters shown at a session's start are read
// from it.
func (t *transcript) events(evs []sim.Event, live *sim.Run) {
	for i := 0; i < len(evs); i++ {
		e := &evs[i]
		if !isChange(e) {
			t.event(e, live)
		} else {
			// A rule's changes (or a moment's, or an option's, with the
			// variables they set) share one line and its sentence.
			j := i + 1
			for j < len(evs) && isChange(&evs[j]) && evs[j].Rule == e.Rule && evs[j].Explain == e.Explain {
				j++
			}
			if t.numbers() {
				t.changes(evs[i:j])
			}
			i = j - 1
		}
		// The meters of a session's start wait for what the client does
		// on their own as the session opens, so as to show where it left
		// the client.
		if t.metersDue > 0 && !clientLeads(evs[i+1:]) {
			if evs[i].Kind != sim.MeasureOQ {
				t.para()
			}
			t.meters(live.State(), t.metersDue)
			t.metersDue = 0
		}
	}
}

// clientLeads reports whether, in evs, the client does something on their
// own before the next choice.
func clientLeads(evs []sim.Event) bool {
	for _, e := range evs {
		switch {
		case e.Kind == sim.Choice:
			return false
		case e.Rule == "client":
			return true
		}
	}
	return false
}

// isChange reports whether e changes a state variable or a scenario
// variable: what the transcript writes as a change.
func isChange(e *sim.Event) bool { return e.Kind == sim.Change || e.Kind == sim.VariableSet }

func (t *transcript) event(e *sim.Event, live *sim.Run) {
	switch e.Kind {
	case sim.SessionStart:
		switch {
		case t.view == viewNumbers:
			t.indent = ""
			t.para()
			t.wrapped("", "  ", fmt.Sprintf("Session %d: %s", e.Session, e.Text))
		case e.Session == 1:
			t.sessionHeader(e.Session, e.Text)
		default:
			h := *e
			t.header = &h
		}
	case sim.MeasureOQ:
		if t.story() {
			d, _ := debrief.Describe(*e, t.sc)
			t.wrapped("", "  ", d.Head+". "+d.Explain)
		}
		if t.header != nil {
			t.sessionHeader(t.header.Session, t.header.Text)
			t.header = nil
		}
		if live != nil && e.OQ.Session <= len(t.sc.Sessions) {
			t.metersDue = e.OQ.Session
		}
	case sim.ClientSays:
		if t.story() {
			t.says(e.Text, e.Cues)
		}
	case sim.Choice:
		if t.view == viewNumbers {
			t.choice++
			t.indent = ""
			t.wrapped(fmt.Sprintf("  choice %d: %d) ", t.choice, e.Option), "     ", fmt.Sprintf("%s [%s]", e.Text, e.Act))
			t.indent = "  "
		}
	case sim.RuptureOpened, sim.RuptureDeepened, sim.RuptureRepaired, sim.RuptureEased:
		if t.numbers() {
			d, _ := debrief.Describe(*e, t.sc)
			mark := "!"
			if d.Tone == debrief.Good {
				mark = "✓"
			}
			// The cause goes with the sentence, once.
			why := t.unsaid(e.Explain)
			if why != "" {
				why += t.cause(d)
			}
			t.wrapped("  ", "    ", mark+" "+d.HeadAndModel()+"."+why)
		}
	case sim.RepairFailed:
		// What the model drew: a therapist sees only that the strain goes
		// on (the client's next words), so assessment mode waits.
		if t.numbers() {
			d, _ := debrief.Describe(*e, t.sc)
			if strings.HasPrefix(e.Explain, d.Head) && t.unsaid(e.Explain) != "" {
				// The sentence says it all: that the repair did not
				// take, its chance and that the rupture is still open.
				t.wrapped("  ", "    ", "! "+e.Explain+t.cause(d))
				break
			}
			why := t.unsaid(e.Explain)
			if why != "" {
				why += t.cause(d)
			}
			t.wrapped("  ", "    ", "! "+d.HeadAndModel()+": "+debrief.StillOpen(*e)+"."+why)
		}
	case sim.HomeworkSet:
		switch t.view {
		case viewStory:
			t.wrapped("  ", "    ", "Homework set: "+debrief.TaskName(e.Homework.Attrs.Kind)+".")
		default:
			d, _ := debrief.Describe(*e, t.sc)
			t.wrapped("  ", "    ", d.Head+".")
		}
	case sim.HomeworkReviewed:
		if t.story() {
			t.wrapped("  ", "    ", fmt.Sprintf("You went over the homework from session %d (%s).", e.Homework.Session, e.Homework.Completion.Words()))
		}
	case sim.SessionEnd:
		if t.story() {
			t.para()
			t.line("Session %d ends.", e.Session)
		} else {
			t.indent = ""
			t.line("  The week after session %d:", e.Session)
			t.indent = "  "
		}
	case sim.MeasureWAI:
		if t.story() {
			d, _ := debrief.Describe(*e, t.sc)
			t.wrapped("", "  ", d.Head+".")
			t.para()
			if e.Session == len(t.sc.Sessions) {
				t.line("── After the last session ──")
			} else {
				t.line("── The week after session %d ──", e.Session)
			}
		}
	case sim.HomeworkOutcome:
		d := t.told(*e, "", "  ")
		if t.story() && d.Quote != "" {
			t.says(d.Quote, "")
		}
	case sim.LifeEvent:
		t.life = e.Text
		if t.story() {
			t.wrapped("Life event: ", "  ", e.Text)
		} else {
			t.line("  life event %q:", e.Rule)
		}
	case sim.Dropout:
		if t.story() {
			t.para()
		}
		t.told(*e, "", "")
	case sim.Warning:
		if t.story() {
			t.wrapped("  warning: ", "    ", e.Rule+": "+e.Text)
		}
	}
}

// told writes what happened as debrief.Describe says it, with the model's
// figure unless the view hides the numbers, after first and rest as
// wrapped does (indented under the choice in viewNumbers), and returns the
// description.
func (t *transcript) told(e sim.Event, first, rest string) debrief.Description {
	d, _ := debrief.Describe(e, t.sc)
	s := d.HeadAndModel()
	switch t.view {
	case viewStory:
		s = d.Head
	case viewNumbers:
		first, rest = "  ", "    "
	}
	t.wrapped(first, rest, s+".")
	return d
}

// sessionHeader writes the title line of session n.
func (t *transcript) sessionHeader(n int, title string) {
	t.para()
	t.wrapped("", "   ", fmt.Sprintf("── Session %d of %d: %s ──", n, len(t.sc.Sessions), title))
}

// meters writes the state of the alliance, in practice mode only, named
// as the model's (the first time, with what that means). The dropout risk
// is that of leaving before the next session, so the last session shows
// none.
func (t *transcript) meters(s sim.State, session int) {
	if t.view != viewFull {
		return
	}
	head := "Model meters"
	if t.first("meters") {
		head += " (the client's true state in the model, which no therapist sees)"
	}
	m := fmt.Sprintf("%s: bond %.2f, task %.2f, goal %.2f, hope %.2f", head, s.Bond, s.Task, s.Goal, s.Hope)
	if session < len(t.sc.Sessions) {
		m += "; dropout risk " + debrief.Percent(s.DropoutRisk)
	}
	if s.Rupture != sim.NoRupture {
		m += fmt.Sprintf("; an open %s rupture of severity %.2f", s.Rupture, s.RuptureSeverity)
	}
	t.wrapped("", "  ", m+".")
}

// says writes a line of the client's, with the cues.
func (t *transcript) says(text, cues string) {
	t.para()
	indent := strings.Repeat(" ", utf8.RuneCountInString(t.name)+2)
	t.wrapped(t.name+": ", indent, text)
	if cues != "" {
		t.wrapped(indent+"[", indent+" ", cues+"]")
	}
}

// options writes the options of a prompt.
func (t *transcript) options(p *sim.Prompt) {
	t.para()
	for _, o := range p.Options {
		t.wrapped(fmt.Sprintf("  %d) ", o.Number), "     ", o.Text)
	}
}

// resumed shows where a resumed run stands: the session and what the
// client has said since the last choice.
func (t *transcript) resumed(p *sim.Prompt, live *sim.Run) {
	t.sessionHeader(p.Session, p.SessionTitle)
	t.meters(live.State(), p.Session)
	for _, l := range p.Lines {
		t.says(l.Text, l.Cues)
	}
}

// changes writes the changes one rule made, with its sentence. The true
// symptom level is said to be the model's, beside the OQ-45 a therapist
// sees, the first time it changes.
func (t *transcript) changes(evs []sim.Event) {
	var parts []string
	for _, e := range evs {
		d, _ := debrief.Describe(e, t.sc)
		p := e.Var.Label() + " " + d.Values
		switch {
		case e.Kind == sim.VariableSet:
			p = d.Head
		case e.Var == sim.VarSymptoms && t.first("symptoms"):
			p += " (" + debrief.SymptomsNote + ")"
		}
		parts = append(parts, p)
	}
	head := strings.Join(parts, ", ")
	e := evs[0]
	d, _ := debrief.Describe(e, t.sc)
	explain := e.Explain
	switch {
	case explain == t.life && explain != "":
		explain = "" // the life event was just shown
	case explain == "" && d.Rule != "":
		explain = "(" + d.Rule + ")"
	case explain == "":
		explain = "(" + d.By + ")"
	default:
		t.said = explain
		explain += t.cause(d)
	}
	if explain == "" {
		t.wrapped("  ", "    ", head)
		return
	}
	hang := 2 + utf8.RuneCountInString(head) + 2
	if hang > min(36, t.width()/2) {
		t.wrapped("  ", "    ", head)
		t.wrapped("      ", "      ", explain)
		return
	}
	t.wrapped("  "+head+"  ", strings.Repeat(" ", hang), explain)
}

// cause returns, with --rules, what made an event happen, to follow its
// sentence: " (rule advice-reactance)", " (the option chosen)"; "" without
// --rules or when nothing in particular did.
func (t *transcript) cause(d debrief.Description) string {
	switch {
	case !t.rules:
		return ""
	case strings.HasPrefix(d.Rule, "week:"):
		return " (" + d.Rule + ", the week's arithmetic)"
	case d.Rule != "":
		return " (rule " + d.Rule + ")"
	case d.By != "":
		return " (" + d.By + ")"
	}
	return ""
}

// variables writes the values of the scenario's variables as they stand
// in s, or says that the scenario has none: what v shows at a choice.
func (t *transcript) variables(s *sim.State) {
	vals := debrief.VariableValues(t.sc, s.Vars)
	if len(vals) == 0 {
		t.wrapped("  ", "  ", "This scenario keeps no variables.")
		return
	}
	t.wrapped("  Variables: ", "    ", strings.Join(vals, "; ")+".")
}

// unsaid returns " "+explain unless it was the last sentence written.
func (t *transcript) unsaid(explain string) string {
	if explain == "" || explain == t.said {
		return ""
	}
	t.said = explain
	return " " + explain
}

// end writes the outcome of a finished course, s being its last state.
func (t *transcript) end(res sim.Result, s *sim.State) {
	t.para()
	t.line("── End of the course ──")
	t.wrapped("", "  ", fmt.Sprintf("Outcome: %s. OQ-45 %.0f at intake, %.0f at the last measure (a reliable change is %d points; the clinical range starts at 64).",
		res.Outcome, res.Intake, res.Final, sim.ReliableChange))
	att := fmt.Sprintf("Sessions attended: %d of %d", res.Attended, len(t.sc.Sessions))
	if res.Dropped {
		att += fmt.Sprintf("; %s dropped out", t.name)
	}
	t.wrapped("", "  ", att+".")
	t.wrapped("", "  ", "Homework: "+homeworkSummary(res)+".")
	switch {
	case res.RupturesOpened == 0:
		t.line("Ruptures: none.")
	case s.RupturesByClient > 0:
		t.wrapped("", "  ", fmt.Sprintf("Ruptures: %d opened (%d begun by %s), %d repaired%s.",
			res.RupturesOpened, s.RupturesByClient, t.name, res.RupturesRepaired, failedRepairs(s)))
	default:
		t.wrapped("", "  ", fmt.Sprintf("Ruptures: %d opened, %d repaired%s.", res.RupturesOpened, res.RupturesRepaired, failedRepairs(s)))
	}
}

// failedRepairs says, after the ruptures' counts, how many repairs did
// not take: "; 1 repair did not take"; "" when none failed.
func failedRepairs(s *sim.State) string {
	if s.RepairsFailed == 0 {
		return ""
	}
	return "; " + debrief.Count(s.RepairsFailed, "repair", "repairs") + " did not take"
}

// behind writes every number of a run, for the end of an assessment; cols
// is as newTranscript's, rules as the transcript's field.
func behind(w io.Writer, sc *sim.Scenario, evs []sim.Event, cols func() int, rules bool) {
	t := newTranscript(w, sc, viewNumbers, cols)
	t.rules = rules
	t.started = true // it follows the transcript
	t.para()
	t.line("── The numbers behind your run ──")
	t.wrapped("", "", "Hidden during play in assessment mode: what each choice changed in the model, and why.")
	t.events(evs, nil)
}

func homeworkSummary(res sim.Result) string {
	if res.HomeworkSet == 0 {
		return "none set"
	}
	none := res.HomeworkSet - res.HomeworkFull - res.HomeworkPartial
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{res.HomeworkFull, "done in full"}, {res.HomeworkPartial, "partly done"}, {none, "not done"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	return debrief.Count(res.HomeworkSet, "task", "tasks") + " set: " + strings.Join(parts, ", ")
}

// wrap breaks text into lines of at most width runes, the first starting
// with first and the others with rest. Newlines in text start new lines; a
// word longer than a line gets a line of its own.
func wrap(text string, width int, first, rest string) []string {
	var out []string
	prefix := first
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		line := prefix
		n := utf8.RuneCountInString(line)
		empty := true
		for _, w := range words {
			wl := utf8.RuneCountInString(w)
			if !empty && n+1+wl > width {
				out = append(out, line)
				line, n, empty = rest, utf8.RuneCountInString(rest), true
			}
			if !empty {
				line += " "
				n++
			}
			line += w
			n += wl
			empty = false
		}
		out = append(out, strings.TrimRight(line, " "))
		prefix = rest
	}
	return out
}
