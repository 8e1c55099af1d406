package debrief

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/therasim/therasim/sim"
)

// CSVHeader heads the file WriteCSV writes. The README documents each
// column. A scenario that declares variables adds one column for each,
// named var_ and the variable's name, after these.
var CSVHeader = []string{"row", "kind", "choice", "session", "beat", "option", "act",
	"bond", "task", "goal", "hope", "alliance", "symptoms_oq45", "dropout_risk",
	"rupture", "rupture_severity", "homework", "wai_total", "rules", "skills"}

// WriteCSV writes one row per choice and per week: every state variable,
// measure, act and the rules that fired, the skills of the competence
// rubric the choice was an opportunity for with their grades
// ("rupture_repaired=well;risk_assessed=missed"), and the scenario's
// variables (a flag 0 or 1). A choice row ("choice") holds the state at the end of the
// choice, before any week; a week row ("week")
// follows each choice that ended a session and holds the state after the
// week, the session's WAI-SR, the homework's outcome and the dropout
// hazard drawn against. Numbers are written exactly (Go's shortest form
// that reads back to the same bits); an empty field does not apply.
func WriteCSV(w io.Writer, d *Debrief) error {
	cw := csv.NewWriter(w)
	header := CSVHeader
	if d.Scenario != nil && len(d.Scenario.Variables()) > 0 {
		header = append([]string(nil), CSVHeader...)
		for _, v := range d.Scenario.Variables() {
			header = append(header, "var_"+v.Name)
		}
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := csvRows(d, cw.Write); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// csvRows gives each row of d's table, as WriteCSV writes it, to write.
func csvRows(d *Debrief, write func([]string) error) error {
	row := 0
	for i := range d.Moments {
		m := &d.Moments[i]
		k := m.Week()
		// The choice: the state before it, moved by its own events.
		st := fold(m.before, m.Changes[:k])
		risk := ""
		if k == len(m.Changes) {
			risk = ftoa(m.after.DropoutRisk)
		}
		hw := ""
		for _, e := range m.Changes[:k] {
			switch e.Kind {
			case sim.HomeworkSet:
				hw = "assigned"
			case sim.HomeworkReviewed:
				if hw == "" {
					hw = "reviewed"
				}
			}
		}
		row++
		if err := write(stateRow(row, "choice", m, st, risk, hw, "", m.Changes[:k], skillGrades(d, m))); err != nil {
			return err
		}
		if k == len(m.Changes) {
			continue
		}
		// The week after the session.
		week := m.Changes[k:]
		hw, risk = "", ""
		wai := ""
		for _, e := range week {
			switch {
			case e.Kind == sim.HomeworkOutcome && e.Homework != nil:
				hw = string(e.Homework.Completion)
			case e.Kind == sim.MeasureWAI && e.WAI != nil:
				wai = ftoa(e.WAI.Total)
			case e.Kind == sim.Dropout, e.Kind == sim.SessionStart:
				risk = ftoa(e.Value)
			}
		}
		row++
		if err := write(stateRow(row, "week", m, m.after, risk, hw, wai, week, "")); err != nil {
			return err
		}
	}
	return nil
}

// skillGrades says the skills choice m of d was an opportunity for, each
// as its id, = and its grade, separated by ;.
func skillGrades(d *Debrief, m *Moment) string {
	if d.Scenario == nil {
		return ""
	}
	var out []string
	for _, j := range judged(d, *m) {
		out = append(out, j.Skill.ID+"="+j.Grade.String())
	}
	return strings.Join(out, ";")
}

func stateRow(row int, kind string, m *Moment, st sim.State, risk, hw, wai string, ev []sim.Event, skills string) []string {
	beat, option, act := m.Beat, strconv.Itoa(m.Chosen), string(m.Offer().Act)
	if kind == "week" {
		beat, option, act = "", "", ""
	}
	sev := ""
	if st.Rupture != sim.NoRupture {
		sev = ftoa(st.RuptureSeverity)
	}
	out := []string{strconv.Itoa(row), kind, strconv.Itoa(m.N), strconv.Itoa(m.Session), beat, option, act,
		ftoa(st.Bond), ftoa(st.Task), ftoa(st.Goal), ftoa(st.Hope), ftoa(st.Alliance()), ftoa(st.Symptoms), risk,
		string(st.Rupture), sev, hw, wai, strings.Join(rules(ev), ";"), skills}
	for _, x := range st.Vars {
		out = append(out, ftoa(x))
	}
	return out
}

// fold applies events ev to state s.
func fold(s sim.State, ev []sim.Event) sim.State {
	for _, e := range ev {
		s.Apply(e)
	}
	return s
}

// rules returns the ids of the rules behind events ev, each once, in order.
func rules(ev []sim.Event) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range ev {
		if e.Rule == "" || e.Kind == sim.Warning || seen[e.Rule] {
			continue
		}
		seen[e.Rule] = true
		out = append(out, e.Rule)
	}
	return out
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// ProfileCSVHeader heads the file WriteProfileCSV writes; the README
// documents each column.
var ProfileCSVHeader = []string{"skill", "area", "name", "per", "opportunities", "well", "partly", "missed", "against", "score", "choices"}

// WriteProfileCSV writes d's competence profile: one row for each skill of
// the rubric, in its order, with its opportunities in the run, how many of
// them got each grade, its score (0 to 1, exactly; empty when the run gave
// it no opportunity) and the choices behind it (their numbers, separated
// by ;).
func WriteProfileCSV(w io.Writer, d *Debrief) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ProfileCSVHeader); err != nil {
		return err
	}
	p := d.Profile()
	for i := range p.Scores {
		s := &p.Scores[i]
		score := ""
		if s.Scored() {
			score = ftoa(s.Value())
		}
		var choices []string
		for _, m := range s.Moments {
			choices = append(choices, strconv.Itoa(m.Choice))
		}
		row := []string{s.Skill.ID, s.Skill.Area, s.Skill.Name, s.Skill.Per, strconv.Itoa(len(s.Opportunities())),
			strconv.Itoa(s.Count(sim.Well)), strconv.Itoa(s.Count(sim.Partly)), strconv.Itoa(s.Count(sim.Missed)), strconv.Itoa(s.Count(sim.Against)),
			score, strings.Join(choices, ";")}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
