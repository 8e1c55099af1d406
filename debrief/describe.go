package debrief

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/therasim/therasim/sim"
)

// A Tone says whether what an event records is good or bad for the client.
type Tone uint8

// Tones.
const (
	Neutral Tone = iota
	Good
	Bad
)

// A Description is an event of a run in words, as the terminal, the window
// and the HTML report all show it.
type Description struct {
	// Style gives the glyph and colour the window and the report draw
	// beside it.
	Style Style
	Tone  Tone
	// Head says what happened: "bond +0.05", "A withdrawal rupture opens
	// (severity 0.30)", "OQ-45 before session 3: 71 · not on track".
	Head string
	// Values is a change's before and after, "0.45 → 0.50", with as many
	// decimals as it takes for them to differ; "" for other events.
	Values string
	// Model is the model's figure behind an event that is not a change,
	// named as the model's: "the model's severity 0.30", "the model's
	// chance of engaging 45%". Assessment mode hides it with the meters; ""
	// when there is none.
	Model string
	// Explain is why: the sentence of the rule behind a change, or what
	// happened in the client's life; "" when there is none.
	Explain string
	// Quote is what the client said about it (their homework), or "".
	Quote string
	// Rule is the id of the rule or engine step behind the event, or ""
	// when none is: when By says who or what else made it happen.
	Rule string
	// By says, when no rule did, what made the event happen: "the option
	// chosen" (the option's own effects and variables), "what Ana said or
	// did" (a moment the client led), "life event job-loss"; "" otherwise.
	By string
}

// The Rule of an event that no rule made: an option's own effects and
// variables, and what the client said or did on their own.
const (
	byOption = sim.ByOption
	byClient = sim.ByClient
)

// Describe puts an event of a run of sc into words. ok is false for the
// events a debrief shows otherwise: the choice itself and the client's
// lines.
func Describe(e sim.Event, sc *sim.Scenario) (d Description, ok bool) {
	d = Description{Style: Style{Color: Ink.Muted, Glyph: GlyphCircle}, Explain: e.Explain, Rule: e.Rule}
	switch {
	case e.Kind == sim.Warning, e.Kind == sim.LifeEvent:
		// Rule is where the expression failed, or the life event's id.
	case e.Rule == byOption:
		d.Rule, d.By = "", "the option chosen"
	case e.Rule == byClient:
		d.Rule, d.By = "", "what "+firstName(sc)+" said or did"
	case sc != nil && sc.HasLifeEvent(e.Rule):
		d.Rule, d.By = "", "life event "+e.Rule
	}
	client := e.Rule == byClient
	switch e.Kind {
	case sim.Change:
		d.Style = VarStyle(e.Var)
		d.Head = e.Var.Label() + " " + Signed(e.After-e.Before, e.Var.Digits())
		if e.Var == sim.VarSymptoms {
			d.Head += " (" + SymptomsNote + ")"
		}
		d.Values = fromTo(e.Before, e.After, e.Var.Digits())
		d.Tone = Bad
		if e.Var.Better(e.Before, e.After) {
			d.Tone = Good
		}
	case sim.VariableSet:
		d.Style = Style{Color: Ink.Muted, Glyph: GlyphSquare}
		v := variable(sc, e.Variable)
		d.Head = v.Label() + ": " + v.Format(e.Before) + " → " + v.Format(e.After)
	case sim.RuptureOpened:
		d.Style, d.Tone = Style{Color: Ink.Warn, Glyph: GlyphDown}, Bad
		d.Head, d.Model = fmt.Sprintf("A %s rupture opens", e.Rupture), fmt.Sprintf("the model's severity %.2f", e.Value)
		if client {
			d.Head = fmt.Sprintf("%s started a %s rupture", firstName(sc), e.Rupture)
		}
	case sim.RuptureDeepened:
		d.Style, d.Tone = Style{Color: Ink.Warn, Glyph: GlyphCross}, Bad
		d.Head, d.Model = fmt.Sprintf("The %s rupture deepens", e.Rupture), fmt.Sprintf("the model's severity %.2f", e.Value)
		if client {
			d.Head = fmt.Sprintf("%s deepened the %s rupture", firstName(sc), e.Rupture)
		}
	case sim.RuptureRepaired:
		d.Style, d.Tone = Style{Color: Ink.Good, Glyph: GlyphCheck}, Good
		d.Head = fmt.Sprintf("The %s rupture is repaired", e.Rupture)
	case sim.RuptureEased:
		d.Style, d.Tone = Style{Color: Ink.Good, Glyph: GlyphUp}, Good
		d.Head = fmt.Sprintf("The %s rupture eases away", e.Rupture)
	case sim.RepairFailed:
		// A setback of the relationship: the repair was tried, the rupture
		// stays open.
		d.Style, d.Tone = StyleRepairFailed, Bad
		d.Head, d.Model = "The repair did not take", "the model gave it a "+Percent(e.Value)+" chance"
	case sim.HomeworkSet:
		d.Style = StyleHomework
		if h := e.Homework; h != nil {
			d.Head = "Homework set: " + TaskName(h.Attrs.Kind) + " (" + HowSet(h.Attrs) + ")"
		}
	case sim.HomeworkReviewed:
		d.Style = StyleHomework
		if h := e.Homework; h != nil {
			d.Head = fmt.Sprintf("The homework from session %d is gone over (%s)", h.Session, h.Completion.Words())
			if h.Criticised {
				d.Head += ", with criticism"
				d.Tone = Bad
			}
		}
	case sim.HomeworkOutcome:
		if h := e.Homework; h != nil {
			d.Style = HomeworkStyle(h.Completion)
			d.Head = fmt.Sprintf("Homework during the week: the %s set in session %d, %s", TaskName(h.Attrs.Kind), h.Session, h.Completion.Words())
			d.Model = "the model's chance of engaging " + Percent(e.Value)
			d.Quote = e.Text
			switch h.Completion {
			case sim.Full:
				d.Tone = Good
			case sim.NotDone:
				d.Tone = Bad
			}
		}
	case sim.SessionEnd:
		d.Style.Glyph, d.Head = GlyphRing, fmt.Sprintf("Session %d ends", e.Session)
	case sim.MeasureWAI:
		if w := e.WAI; w != nil {
			d.Head = fmt.Sprintf("%s's alliance rating (WAI-SR, 1–5): %.1f; goal %.1f, task %.1f, bond %.1f",
				firstName(sc), w.Total, w.Goal, w.Task, w.Bond)
		}
	case sim.LifeEvent:
		d.Style = Style{Color: Ink.Text, Glyph: GlyphDiamond}
		d.Head, d.Explain = "Life event", e.Text
	case sim.Dropout:
		d.Style, d.Tone = Style{Color: Ink.Text, Glyph: GlyphCross}, Bad
		d.Head, d.Model = strings.TrimSuffix(e.Text, "."), "the model's risk of leaving that week was "+Percent(e.Value)
	case sim.SessionStart:
		d.Style = Style{Color: Ink.Accent, Glyph: GlyphRing}
		d.Head = fmt.Sprintf("Session %d: %s", e.Session, e.Text)
		if e.Value > 0 {
			d.Model = "the model's chance of not coming was " + Percent(e.Value)
		}
	case sim.MeasureOQ:
		o := e.OQ
		if o == nil {
			return d, false
		}
		d.Style = StyleOQ
		after := sc != nil && o.Session > len(sc.Sessions)
		switch {
		case o.Session == 1:
			d.Head = fmt.Sprintf("OQ-45 at intake: %d", o.Score)
			d.Explain = fmt.Sprintf("The OQ-45 runs from 0 to %d, lower is better; the clinical range starts at %.0f.", sim.MaxOQ, math.Ceil(sim.CutOff))
		case after:
			d.Head = fmt.Sprintf("OQ-45 after the course: %d", o.Score)
		default:
			d.Head = fmt.Sprintf("OQ-45 before session %d: %d", o.Session, o.Score)
		}
		if o.Session > 1 {
			d.Explain = fmt.Sprintf("Expected on the recovery curve: %.0f.", o.Expected)
		}
		if o.NotOnTrack {
			d.Head += " · not on track"
			d.Style, d.Tone = Style{Color: Ink.Warn, Glyph: GlyphWarning}, Bad
			d.Explain += " Not on track: the score lags the curve by more than the margin"
			if sc != nil {
				d.Explain += fmt.Sprintf(" of %.0f points", sc.Params().OQNotOnTrackMargin)
			}
			if after {
				// No session follows: it says how the course ended.
				d.Explain += "; the course ended with less improvement than expected, a reason to consider further or different help"
			} else {
				d.Explain += ", a warning sign for dropout and deterioration"
			}
			d.Explain += "."
		}
	case sim.CourseEnd:
		d.Style = Style{Color: Ink.Text, Glyph: GlyphRing}
		d.Head = "The course ends: " + e.Text
	case sim.Warning:
		d.Style, d.Tone = Style{Color: Ink.Warn, Glyph: GlyphWarning}, Bad
		d.Head, d.Explain = "Warning: "+e.Rule, e.Text
	default:
		return d, false
	}
	return d, d.Head != ""
}

// StillOpen says what a failed repair (a RepairFailed event) left: "the
// withdrawal rupture is still open".
func StillOpen(e sim.Event) string {
	if e.Rupture == "" || e.Rupture == sim.NoRupture {
		return "the rupture is still open"
	}
	return fmt.Sprintf("the %s rupture is still open", e.Rupture)
}

// ClientBegan reports whether e is a rupture the client began of their
// own accord, as the model's client dynamics have clients do, rather than
// at a moment the scenario wrote: the model's is the client's (Rule
// sim.ByClient) but belongs to no beat, while the events of a scripted
// moment carry the beat of its line. Describe heads both alike ("Maya
// started a withdrawal rupture"); their sentences say which.
func ClientBegan(e sim.Event) bool {
	return e.Kind == sim.RuptureOpened && e.Rule == byClient && e.Beat == ""
}

// firstName is the client's first name, or "The client".
func firstName(sc *sim.Scenario) string {
	if sc == nil {
		return "The client"
	}
	return sc.Client.FirstName()
}

// variable returns the variable of sc named name; one sc does not declare
// (a run of another version) is a counter of that name.
func variable(sc *sim.Scenario, name string) sim.Variable {
	if sc != nil {
		for _, v := range sc.Variables() {
			if v.Name == name {
				return v
			}
		}
	}
	return sim.Variable{Name: name}
}

// VariableValues writes the values vals of sc's variables (a state's
// Vars): "told not waking: yes", in the order sc declares them; nil when
// it declares none.
func VariableValues(sc *sim.Scenario, vals []float64) []string {
	if sc == nil {
		return nil
	}
	var out []string
	for i, v := range sc.Variables() {
		if i < len(vals) {
			out = append(out, v.Label()+": "+v.Format(vals[i]))
		}
	}
	return out
}

// HeadAndModel is the head with the model's figure, when there is one, in
// brackets: what a surface that shows the numbers writes.
func (d Description) HeadAndModel() string {
	if d.Model == "" {
		return d.Head
	}
	return d.Head + " (" + d.Model + ")"
}

// Signed writes d with its sign and prec decimals: "+0.05", "−0.08" (a
// true minus sign). A change too small for prec decimals gets as many more
// (up to four) as it takes to show it, so that a fall never reads "+0.00":
// "−0.004". Only a change smaller still is written as no change, "+0.00".
func Signed(d float64, prec int) string {
	zero := strconv.FormatFloat(0, 'f', prec, 64)
	for p := prec; p <= max(prec, 4); p++ {
		s := strconv.FormatFloat(math.Abs(d), 'f', p, 64)
		if s == strconv.FormatFloat(0, 'f', p, 64) {
			continue
		}
		if d < 0 {
			return "−" + s
		}
		return "+" + s
	}
	return "+" + zero
}

// fromTo writes a change's before and after with at least prec decimals
// and as many more (up to six) as it takes for them to differ.
func fromTo(before, after float64, prec int) string {
	for ; prec < 6; prec++ {
		if strconv.FormatFloat(before, 'f', prec, 64) != strconv.FormatFloat(after, 'f', prec, 64) {
			break
		}
	}
	return strconv.FormatFloat(before, 'f', prec, 64) + " → " + strconv.FormatFloat(after, 'f', prec, 64)
}

// SymptomsNote says what the symptom level a change reports is, beside the
// OQ-45 a therapist sees: the model's true level, which the OQ-45 measures
// with noise.
const SymptomsNote = "the model's; the OQ-45 measures it with noise"

// Count writes n with the noun that agrees with it: Count(1, "run", "runs")
// is "1 run", Count(3, "run", "runs") "3 runs".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Percent writes a probability as a whole percentage: "23%".
func Percent(p float64) string { return fmt.Sprintf("%.0f%%", 100*p) }

// TaskName turns a task's kind into words: "thought_record" is "thought
// record"; a task with no kind is "task".
func TaskName(kind string) string {
	if kind == "" {
		return "task"
	}
	return strings.ReplaceAll(kind, "_", " ")
}

// HowSet lists how a task was set, with the difficulty the model gives it:
// "designed together, with a rationale, specific; the model's difficulty
// 0.4".
func HowSet(at sim.Attrs) string {
	var how []string
	for _, f := range []struct {
		on   bool
		what string
	}{{at.Collaborative, "designed together"}, {at.Rationale, "with a rationale"},
		{at.Specific, "specific"}, {at.Written, "written down"}, {at.Matched, "matched to the client's goal"},
		{at.Obstacles, "obstacles planned for"}} {
		if f.on {
			how = append(how, f.what)
		}
	}
	difficulty := fmt.Sprintf("the model's difficulty %.1f", at.Difficulty)
	if len(how) == 0 {
		return difficulty
	}
	return strings.Join(how, ", ") + "; " + difficulty
}
