package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/therasim/therasim/cohort"
	"github.com/therasim/therasim/debrief"
)

// The cohort's summary as the command prints it: a report of tables in the
// terminal's width, or JSON.

// printSummary prints s as text, or as JSON.
func (a *app) printSummary(asJSON bool, s cohort.Summary, note string) error {
	if asJSON {
		b, err := json.Marshal(s)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(a.stdout, "%s\n", b)
		return err
	}
	return writeCohortSummary(a.stdout, s, note)
}

// writeCohortSummary writes the summary as an aligned report.
func writeCohortSummary(w io.Writer, s cohort.Summary, note string) error {
	p := &report{w: w}
	p.linef("Cohort: scenario %s, policy %s, N = %d, seed %d", s.Scenario, s.Policy, s.N, s.Seed)
	if note != "" {
		p.linef("%s", note)
	}

	p.linef("")
	p.linef("Attendance")
	rows := [][]string{
		{"completed the course", count(s.Completed), pct(s.Completed, s.Clients)},
		{"dropped out", count(s.Dropped), pct(s.Dropped, s.Clients)},
	}
	for _, ss := range s.BySession {
		if ss.DroppedAfter > 0 {
			rows = append(rows, []string{"  after session " + count(ss.Session), count(ss.DroppedAfter), pct(ss.DroppedAfter, s.Clients)})
		}
	}
	p.table("", rows)
	p.linef("  sessions attended: mean %s (SD %s)", f2(s.Attended.Mean), f2(s.Attended.SD))

	p.linef("")
	p.linef("Outcome by OQ-45 (reliable change 14 points, cut-off 63/64; dropouts by their last score)")
	o := s.Outcomes
	p.table("", [][]string{
		{"recovered", count(o.Recovered), pct(o.Recovered, s.Clients)},
		{"improved", count(o.Improved), pct(o.Improved, s.Clients)},
		{"unchanged", count(o.Unchanged), pct(o.Unchanged, s.Clients)},
		{"deteriorated", count(o.Deteriorated), pct(o.Deteriorated, s.Clients)},
	})

	p.linef("")
	g := s.NotOnTrack
	p.linef("Not on track (the OQ-45's signal before a session of the course): %s (%s)",
		debrief.Count(g.Clients, "client", "clients"), pct(g.Clients, s.Clients))
	if g.Clients > 0 {
		o := g.Outcomes
		p.linef("  recovered %s, improved %s, unchanged %s, deteriorated %s; dropped out %s",
			pct(o.Recovered, g.Clients), pct(o.Improved, g.Clients), pct(o.Unchanged, g.Clients), pct(o.Deteriorated, g.Clients),
			pct(g.Dropped, g.Clients))
		// Their dropout reads low beside the cohort's: no one can be
		// flagged before the OQ-45 of session 2, and many are flagged late.
		p.linef("  (a client can be flagged only from session 2, often later, so those who left early are not among them)")
	}

	p.linef("")
	p.table("OQ-45", [][]string{
		{"", "MEAN", "SD", "N"},
		{"intake", f1(s.Intake.Mean), f1(s.Intake.SD), count(s.Intake.N)},
		{"final (dropouts: last score)", f1(s.Final.Mean), f1(s.Final.SD), count(s.Final.N)},
		{"after the course (completers)", f1(s.AfterCourse.Mean), f1(s.AfterCourse.SD), count(s.AfterCourse.N)},
		{"improvement (intake - final)", f1(s.Improvement.Mean), f1(s.Improvement.SD), count(s.Improvement.N)},
	})

	p.linef("")
	rows = [][]string{{"SESSION", "CLIENTS", "OQ-45", "NOT ON TRACK", "WAI-SR", "GOAL", "TASK", "BOND"}}
	for _, ss := range s.BySession {
		rows = append(rows, []string{count(ss.Session), count(ss.Clients), f1(ss.OQ.Mean), count(ss.NotOnTrack),
			f2(ss.WAI.Mean), f2(ss.WAIGoal.Mean), f2(ss.WAITask.Mean), f2(ss.WAIBond.Mean)})
	}
	if s.AfterCourse.N > 0 {
		rows = append(rows, []string{"after", count(s.AfterCourse.N), f1(s.AfterCourse.Mean)})
	}
	p.table("Measures by session (means; OQ-45 before the session, WAI-SR after it)", rows)

	p.linef("")
	rows = [][]string{{"SESSION", "HOMEWORK SET", "DONE FULLY", "PARTLY", "RUPTURES", "REPAIRED", "DROPPED AFTER", "DROPOUT RISK"}}
	for _, ss := range s.BySession {
		rows = append(rows, []string{count(ss.Session), count(ss.HomeworkAssigned), count(ss.HomeworkFull), count(ss.HomeworkPartial),
			count(ss.RupturesOpened), count(ss.RupturesRepaired), count(ss.DroppedAfter), f3(ss.DropoutRisk.Mean)})
	}
	p.table("Events by session (dropout risk: mean chance of not coming to the next session)", rows)

	p.linef("")
	h := s.Homework
	p.linef("Homework: %s set to %s; %s done fully, %s partly, %s not done",
		debrief.Count(h.Assigned, "task", "tasks"), debrief.Count(h.Clients, "client", "clients"), pct(h.Full, h.Assigned), pct(h.Partial, h.Assigned), pct(h.None, h.Assigned))
	p.linef("  compliance (full 1, partial 0.5, none 0), mean per client: %s (SD %s)", f2(h.Compliance.Mean), f2(h.Compliance.SD))
	r := s.Ruptures
	p.linef("Ruptures: %d opened, %d repaired, %d eased without a repair", r.Opened, r.Repaired, r.Eased)
	if r.Sessions > 0 {
		p.linef("  clients would report one in %s of sessions%s", ratePct(r.ReportedFrequency), rateCI(r.ReportedFrequency))
		p.linef("  observers would see one in %s of sessions%s", ratePct(r.ObservedFrequency), rateCI(r.ObservedFrequency))
		if r.Reported > 0 {
			p.linef("  resolved by the session's end: %s of those reported%s", ratePct(r.ResolutionRate), rateCI(r.ResolutionRate))
		}
		p.linef("  per client: %s begun by the client on their own; %s repairs that did not take",
			perClient(r.ByClient, s.Clients), perClient(r.RepairsFailed, s.Clients))
	}

	p.linef("")
	p.table("Correlations with OQ-45 improvement", [][]string{
		{"", "R", "95% CI", "N"},
		{fmt.Sprintf("early alliance (mean WAI-SR, sessions 1-%d)", cohort.EarlySessions),
			f2(s.AllianceOutcome.R), ci(s.AllianceOutcome), count(s.AllianceOutcome.N)},
		{"homework compliance", f2(s.HomeworkOutcome.R), ci(s.HomeworkOutcome), count(s.HomeworkOutcome.N)},
	})
	return p.err
}

// A report writes lines and tables, keeping the first error.
type report struct {
	w   io.Writer
	err error
}

func (p *report) linef(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

// table writes rows under a title, indented by two spaces (the padding
// tabwriter puts before a right-aligned cell), with the first column
// aligned left (padded here to one width) and the others right.
func (p *report) table(title string, rows [][]string) {
	if title != "" {
		p.linef("%s", title)
	}
	if p.err != nil {
		return
	}
	width := 0
	for _, r := range rows {
		width = max(width, len([]rune(r[0])))
	}
	tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, r := range rows {
		fmt.Fprintf(tw, "%-*s\t", width, r[0])
		for _, c := range r[1:] {
			fmt.Fprintf(tw, "%s\t", c)
		}
		fmt.Fprintln(tw)
	}
	p.err = tw.Flush()
}

// count writes a count.
func count(n int) string { return strconv.Itoa(n) }

// pct is a of b as a percentage.
func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b))
}

// ratePct is a proportion as a percentage.
func ratePct(p cohort.Proportion) string { return pct(p.K, p.N) }

// rateCI is a proportion's 95% interval, in percent, in brackets after a
// space; empty when it is undefined.
func rateCI(p cohort.Proportion) string {
	if p.N == 0 {
		return ""
	}
	return fmt.Sprintf(" (95%% CI %.1f%% to %.1f%%)", 100*p.Lo, 100*p.Hi)
}

// perClient is n per client, of clients.
func perClient(n, clients int) string {
	if clients == 0 {
		return "-"
	}
	return f2(float64(n) / float64(clients))
}

func fixed(x float64, prec int) string {
	if x != x { // NaN: undefined
		return "-"
	}
	return strconv.FormatFloat(x, 'f', prec, 64)
}

func f1(x float64) string { return fixed(x, 1) }
func f2(x float64) string { return fixed(x, 2) }
func f3(x float64) string { return fixed(x, 3) }

// ci is a correlation's confidence interval as [lo, hi].
func ci(c cohort.Correlation) string {
	if c.Lo != c.Lo {
		return "-"
	}
	return "[" + f2(c.Lo) + ", " + f2(c.Hi) + "]"
}
