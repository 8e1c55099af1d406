package debrief

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/therasim/therasim/competence"
	"github.com/therasim/therasim/sim"
)

// Class is the class view of several runs of one scenario.
type Class struct {
	Scenario *sim.Scenario
	Runs     []*Debrief
	// Points are in course order: by session, then by where the beat first
	// comes in the runs.
	Points []ChoicePoint
	// Skills are the class's scores of each skill of the scenario's
	// competence rubric, in its order: the score of each run that had an
	// opportunity for it, and how many runs had none (competence.Class).
	Skills []competence.Spread
}

// ChoicePoint is one beat where trainees chose, with what each option led
// to.
type ChoicePoint struct {
	Session int
	Beat    string
	Text    string        // the client's line most often shown there
	Options []OptionTally // by option text, in the scenario's order
}

// OptionTally is one option of a choice point and what became of the
// clients of the trainees who took it.
type OptionTally struct {
	Text     string
	Act      sim.Act
	Trainees int     // how many runs took it (at least once)
	Alliance float64 // mean alliance at the end of those runs, or where they stop
	Dropped  int     // of those runs, how many clients dropped out
	Going    int     // of those runs, how many stop before the course's end: still being played, or left
	// Outcomes counts outcome classes (sim.Outcome), for runs that are Done.
	Outcomes map[sim.Outcome]int
	// Then is what followed the option beside the rules' changes: the
	// scenario's variables it set, what the client said or did on their
	// own at the scenario's moments, and the repairs that did not take, as
	// Describe heads them, in the order first seen, each with how many of
	// the runs that took the option it followed in.
	Then []Followed
}

// Followed is something that followed an option, and in how many runs.
type Followed struct {
	// Text: "told not waking: no → yes", "Ana started a confrontation
	// rupture", "The repair did not take: the withdrawal rupture is still
	// open".
	Text string
	Runs int
}

// Reached returns how many runs came to the choice point (took any of its
// options).
func (p *ChoicePoint) Reached() int {
	n := 0
	for _, o := range p.Options {
		n += o.Trainees
	}
	return n
}

// BuildClass builds the class view; it refuses recordings of another
// scenario, or of another version of it, naming the file.
func BuildClass(sc *sim.Scenario, runs []*Debrief) (*Class, error) {
	if len(runs) == 0 {
		return nil, fmt.Errorf("a class view needs at least one run")
	}
	c := &Class{Scenario: sc, Runs: runs}
	type key struct {
		session int
		beat    string
	}
	type acc struct {
		ChoicePoint
		first    int // the earliest place in a session the beat came
		lines    map[string]int
		alliance []float64
		seen     []map[*Debrief]bool
		// then holds, by option, the runs each of its Then followed in.
		then []map[string]map[*Debrief]bool
	}
	points := map[key]*acc{}
	for _, d := range runs {
		// A run opened with a revision of its scenario that replays it
		// (sim.Recording.Revised) is of the revision.
		id, hash := d.Header.Scenario, d.Header.SHA256
		if d.Scenario != nil {
			id, hash = d.Scenario.ID, d.Scenario.Hash
		}
		if id != sc.ID || hash != sc.Hash {
			return nil, fmt.Errorf("%s is a run of scenario %q (sha256 %.12s…), not of %q (sha256 %.12s…)",
				runName(d), d.Header.Scenario, d.Header.SHA256, sc.ID, sc.Hash)
		}
		place, session := 0, 0
		for i := range d.Moments {
			m := &d.Moments[i]
			if m.Session != session {
				place, session = 0, m.Session
			}
			place++
			k := key{m.Session, m.Beat}
			a := points[k]
			if a == nil {
				a = &acc{ChoicePoint: ChoicePoint{Session: m.Session, Beat: m.Beat}, first: place, lines: map[string]int{}}
				for _, o := range beatOptions(sc, m.Session, m.Beat) {
					a.Options = append(a.Options, OptionTally{Text: o.Text, Act: o.Act, Outcomes: map[sim.Outcome]int{}})
				}
				a.alliance = make([]float64, len(a.Options))
				a.seen = make([]map[*Debrief]bool, len(a.Options))
				a.then = make([]map[string]map[*Debrief]bool, len(a.Options))
				points[k] = a
			}
			a.first = min(a.first, place)
			if t := lineAt(m); t != "" {
				a.lines[t]++
			}
			o := m.Offer()
			j := -1
			for x := range a.Options {
				if a.Options[x].Text == o.Text {
					j = x
				}
			}
			if j < 0 { // not in the scenario's beat: cannot happen for a checked run
				a.Options = append(a.Options, OptionTally{Text: o.Text, Act: o.Act, Outcomes: map[sim.Outcome]int{}})
				a.alliance = append(a.alliance, 0)
				a.seen = append(a.seen, nil)
				a.then = append(a.then, nil)
				j = len(a.Options) - 1
			}
			for _, e := range m.Changes[:m.Week()] {
				txt := followed(e, sc)
				if txt == "" {
					continue
				}
				if a.then[j] == nil {
					a.then[j] = map[string]map[*Debrief]bool{}
				}
				if a.then[j][txt] == nil {
					a.then[j][txt] = map[*Debrief]bool{}
					a.Options[j].Then = append(a.Options[j].Then, Followed{Text: txt})
				}
				a.then[j][txt][d] = true
			}
			if a.seen[j] == nil {
				a.seen[j] = map[*Debrief]bool{}
			}
			if a.seen[j][d] {
				continue
			}
			a.seen[j][d] = true
			t := &a.Options[j]
			t.Trainees++
			a.alliance[j] += d.Timeline[len(d.Timeline)-1].Alliance
			if d.Result.Dropped {
				t.Dropped++
			}
			if d.Done {
				t.Outcomes[d.Result.Outcome]++
			} else {
				t.Going++
			}
		}
	}
	all := make([]*acc, 0, len(points))
	for _, a := range points {
		for j := range a.Options {
			if n := a.Options[j].Trainees; n > 0 {
				a.Options[j].Alliance = a.alliance[j] / float64(n)
			}
			for k := range a.Options[j].Then {
				f := &a.Options[j].Then[k]
				f.Runs = len(a.then[j][f.Text])
			}
		}
		best := 0
		for t, n := range a.lines {
			if n > best || n == best && t < a.Text {
				a.Text, best = t, n
			}
		}
		all = append(all, a)
	}
	slices.SortFunc(all, func(x, y *acc) int {
		return cmp.Or(cmp.Compare(x.Session, y.Session), cmp.Compare(x.first, y.first),
			cmp.Compare(beatIndex(sc, x.Session, x.Beat), beatIndex(sc, y.Session, y.Beat)))
	})
	for _, a := range all {
		c.Points = append(c.Points, a.ChoicePoint)
	}
	ps := make([]*competence.Profile, len(runs))
	for i, d := range runs {
		if d.Scenario == nil {
			d = &Debrief{Scenario: sc, Moments: d.Moments}
		}
		ps[i] = d.Profile()
	}
	c.Skills = competence.Class(ps)
	return c, nil
}

// followed is what Then says of e: the head of a variable set, of a
// rupture the client started, deepened or eased at a moment of the
// scenario, or of a repair that did not take; "" for other events.
//
// A rupture the client began of their own accord (ClientBegan) is left
// out: the model draws when it comes as the session begins, so it follows
// whichever option came before, and says nothing of the option.
func followed(e sim.Event, sc *sim.Scenario) string {
	switch {
	case e.Kind == sim.VariableSet, e.Kind == sim.RepairFailed:
	case ClientBegan(e):
		return ""
	case e.Rule == byClient && (e.Kind == sim.RuptureOpened || e.Kind == sim.RuptureDeepened || e.Kind == sim.RuptureEased):
	default:
		return ""
	}
	d, _ := Describe(e, sc)
	if e.Kind == sim.RepairFailed {
		return d.Head + ": " + StillOpen(e)
	}
	return d.Head
}

// BuildClasses builds one class view for each scenario the runs were built
// with (a scenario is its id and version), in the order of the scenarios'
// titles, each with its runs in the order given: what a folder holding runs
// of several scenarios shows.
func BuildClasses(runs []*Debrief) ([]*Class, error) {
	if len(runs) == 0 {
		return nil, fmt.Errorf("a class view needs at least one run")
	}
	type key struct{ id, hash string }
	groups := map[key][]*Debrief{}
	var scs []*sim.Scenario
	for _, d := range runs {
		if d.Scenario == nil {
			return nil, fmt.Errorf("%s was built without its scenario", runName(d))
		}
		k := key{d.Scenario.ID, d.Scenario.Hash}
		if groups[k] == nil {
			scs = append(scs, d.Scenario)
		}
		groups[k] = append(groups[k], d)
	}
	slices.SortStableFunc(scs, func(x, y *sim.Scenario) int {
		return cmp.Or(cmp.Compare(x.Title, y.Title), cmp.Compare(x.ID, y.ID))
	})
	var out []*Class
	for _, sc := range scs {
		c, err := BuildClass(sc, groups[key{sc.ID, sc.Hash}])
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func runName(d *Debrief) string {
	if d.Path != "" {
		return d.Path
	}
	return fmt.Sprintf("the run of %s (seed %d)", d.Header.Trainee, d.Header.Seed)
}

// lineAt returns what the client said at the moment's beat (or last).
func lineAt(m *Moment) string {
	for i := len(m.Lines) - 1; i >= 0; i-- {
		if m.Lines[i].Beat == m.Beat {
			return m.Lines[i].Text
		}
	}
	if len(m.Lines) > 0 {
		return m.Lines[len(m.Lines)-1].Text
	}
	return ""
}

func beatOptions(sc *sim.Scenario, session int, beat string) []*sim.Option {
	if i := beatIndex(sc, session, beat); i >= 0 {
		return sc.Sessions[session-1].Beats[i].Options
	}
	return nil
}

func beatIndex(sc *sim.Scenario, session int, beat string) int {
	if session < 1 || session > len(sc.Sessions) {
		return -1
	}
	for i, b := range sc.Sessions[session-1].Beats {
		if b.ID == beat {
			return i
		}
	}
	return -1
}

// WriteClassText writes the class view as a plain-text table: for each
// choice point, each option with how many trainees took it, the mean
// alliance at the end of their runs, how many of their clients dropped out
// and the outcomes of the finished courses; then the class's competence
// profile, skill by skill.
func WriteClassText(w io.Writer, c *Class) error {
	var trainees []string
	done := 0
	for _, d := range c.Runs {
		trainees = append(trainees, d.Header.Trainee)
		if d.Done {
			done++
		}
	}
	fmt.Fprintf(w, "%s (%s): %s, %s. Trainees: %s.\n", c.Scenario.Title, c.Scenario.ID,
		Count(len(c.Runs), "run", "runs"), wholeCourses(done, len(c.Runs)), strings.Join(trainees, ", "))
	fmt.Fprintln(w, "For each option: the runs that took it; the mean alliance at the end of those runs, or")
	fmt.Fprintln(w, "where a run not finished stops (the model's true alliance, 0-1, which no measure shows);")
	fmt.Fprintln(w, "how many of their clients dropped out; and the outcomes of those that finished.")
	for _, p := range c.Points {
		fmt.Fprintf(w, "\nSession %d, %s: %s came here.\n", p.Session, p.Beat, Count(p.Reached(), "run", "runs"))
		if p.Text != "" {
			fmt.Fprintf(w, "  Client: %q\n", p.Text)
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  #\toption\tact\truns\talliance\tdropped\toutcomes")
		for i, o := range p.Options {
			al := "-"
			if o.Trainees > 0 {
				al = fmt.Sprintf("%.2f", o.Alliance)
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%d\t%s\t%d\t%s\n", i+1, clip(o.Text, 48), o.Act, o.Trainees, al, o.Dropped, outcomes(o.Outcomes))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for i, o := range p.Options {
			if len(o.Then) > 0 {
				fmt.Fprintf(w, "  then, after %d: %s\n", i+1, ThenWords(o.Then))
			}
		}
	}
	return writeSpreadText(w, c.Skills)
}

// writeSpreadText writes the class's competence profile: for each skill,
// the median of the runs' scores, how many runs had an opportunity for it
// and their scores, lowest first.
func writeSpreadText(w io.Writer, skills []competence.Spread) error {
	if len(skills) == 0 {
		return nil
	}
	fmt.Fprintln(w, "\nCompetence profile: for each skill of the rubric, the median of the runs' scores")
	fmt.Fprintln(w, "(the mean credit of each run's opportunities for it), and each run's score, lowest first.")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  skill\tmedian\truns\tscores")
	for _, s := range skills {
		med, scores := "-", ""
		if m, ok := s.Median(); ok {
			med = Percent(m)
			var vs []string
			for _, v := range s.Values {
				vs = append(vs, Percent(v))
			}
			scores = strings.Join(vs, " ")
		}
		if s.Unscored > 0 {
			scores = strings.TrimSpace(scores + " (" + Count(s.Unscored, "run", "runs") + " without an opportunity)")
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\n", clip(s.Skill.Name, 48), med, len(s.Values), scores)
	}
	return tw.Flush()
}

// ThenWords says what followed an option: "Ana started a confrontation
// rupture (2 runs); told not waking: no → yes (1 run)".
func ThenWords(fs []Followed) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Text+" ("+Count(f.Runs, "run", "runs")+")")
	}
	return strings.Join(out, "; ")
}

// wholeCourses says how many of n runs were whole courses.
func wholeCourses(done, n int) string {
	switch {
	case n == 1 && done == 1:
		return "a whole course"
	case n == 1:
		return "not a whole course"
	case done == n:
		return "all of them whole courses"
	case done == 0:
		return "none of them a whole course"
	case done == 1:
		return "1 of them a whole course"
	}
	return fmt.Sprintf("%d of them whole courses", done)
}

// WriteClassesText writes class views as WriteClassText does: one alone as
// it is; several after a list of the scenarios and their runs, each headed
// "Class view K of N".
func WriteClassesText(w io.Writer, cs []*Class) error {
	if len(cs) == 1 {
		return WriteClassText(w, cs[0])
	}
	fmt.Fprintf(w, "The runs are of %d scenarios; a class view of each follows:\n", len(cs))
	for _, c := range cs {
		fmt.Fprintf(w, "  %s (%s): %s\n", c.Scenario.Title, c.Scenario.ID, Count(len(c.Runs), "run", "runs"))
	}
	for i, c := range cs {
		fmt.Fprintf(w, "\n── Class view %d of %d ──\n", i+1, len(cs))
		if err := WriteClassText(w, c); err != nil {
			return err
		}
	}
	return nil
}

func outcomes(m map[sim.Outcome]int) string {
	if w := OutcomeWords(m); w != "" {
		return w
	}
	return "-"
}

// OutcomeWords says how many runs ended in each outcome class, best first:
// "recovered 2, unchanged 1"; "" when none ended.
func OutcomeWords(m map[sim.Outcome]int) string {
	var out []string
	for _, k := range sim.Outcomes() {
		if m[k] > 0 {
			out = append(out, fmt.Sprintf("%s %d", k, m[k]))
		}
	}
	return strings.Join(out, ", ")
}

// clip shortens s to at most n runes, with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
