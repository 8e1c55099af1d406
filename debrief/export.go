package debrief

import (
	"encoding/csv"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// ExporterFor returns the writer of the export a file's name asks for: a
// name ending ".profile.csv" (in any case) the run's competence profile
// (WriteProfileCSV), any other what its extension names (Exporter); nil
// for an extension other than .csv, .html and .png.
func ExporterFor(name string) func(w io.Writer, d *Debrief) error {
	if strings.HasSuffix(strings.ToLower(name), ProfileSuffix) {
		return WriteProfileCSV
	}
	return Exporter(filepath.Ext(name))
}

// ProfileSuffix ends the name of an export of a run's competence profile
// (ExporterFor).
const ProfileSuffix = ".profile.csv"

// Exporter returns the writer of the export format a file's extension
// names (".csv", ".html" or ".png", in any case), or nil for any other:
// what 'therasim replay --export' and a class server's exports write.
func Exporter(ext string) func(w io.Writer, d *Debrief) error {
	switch strings.ToLower(ext) {
	case ".csv":
		return WriteCSV
	case ".html":
		return WriteHTML
	case ".png":
		return func(w io.Writer, d *Debrief) error { return WritePNG(w, d, 1600, 900) }
	}
	return nil
}

// WriteClassCSV writes the rows of every run in runs (WriteCSV's) as one
// table, each row headed by the run it belongs to: names[i] names runs[i]
// (its recording's file name), then its trainee and its scenario's id. The
// scenarios' variables have one column each, var_ and the variable's name,
// after WriteCSV's columns, in the order they first appear; a row of a
// scenario without that variable leaves it empty. Then each skill of the
// runs' rubrics has a column, score_ and the skill's id, in the order they
// first appear, holding the run's score of it on every row of the run
// (0 to 1, exactly; empty when the run gave the skill no opportunity, or
// its rubric has no such skill). A name a trainee typed that a spreadsheet
// would take for a formula is written as text (see inert).
func WriteClassCSV(w io.Writer, runs []*Debrief, names []string) error {
	header := append([]string{"run", "trainee", "scenario"}, CSVHeader...)
	col := map[string]int{} // variable -> column
	for _, d := range runs {
		if d.Scenario == nil {
			continue
		}
		for _, v := range d.Scenario.Variables() {
			if _, ok := col[v.Name]; !ok {
				col[v.Name] = len(header)
				header = append(header, "var_"+v.Name)
			}
		}
	}
	header, scores := scoreColumns(header, runs)
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for i, d := range runs {
		var vars []int // the columns of d's variables, in its order
		if d.Scenario != nil {
			for _, v := range d.Scenario.Variables() {
				vars = append(vars, col[v.Name])
			}
		}
		err := csvRows(d, func(row []string) error {
			out := make([]string, len(header))
			out[0], out[1], out[2] = inert(names[i]), inert(d.Header.Trainee), inert(d.Header.Scenario)
			copy(out[3:], row[:len(CSVHeader)])
			for k, c := range vars {
				out[c] = row[len(CSVHeader)+k]
			}
			for c, v := range scores[i] {
				out[c] = v
			}
			return cw.Write(out)
		})
		if err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// inert returns s, a name someone typed, so that a spreadsheet shows it as
// it was typed rather than run it: one that begins with a character that
// begins a formula (=, +, -, @, or a tab or carriage return before one) is
// written after an apostrophe, which spreadsheets take as "this is text"
// (OWASP, "CSV Injection"). A trainee of a class server names themselves,
// and the instructor opens the class's table.
func inert(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// scoreColumns appends to header a column for each skill of the rubrics
// of runs, score_ and its id, in the order they first appear, and returns
// it with each run's scores by column (a skill it gave no opportunity for
// left out).
func scoreColumns(header []string, runs []*Debrief) ([]string, []map[int]string) {
	col := map[string]int{} // skill -> column
	scores := make([]map[int]string, len(runs))
	for i, d := range runs {
		scores[i] = map[int]string{}
		if d.Scenario == nil {
			continue
		}
		p := d.Profile()
		for j := range p.Scores {
			s := &p.Scores[j]
			c, ok := col[s.Skill.ID]
			if !ok {
				c = len(header)
				col[s.Skill.ID] = c
				header = append(header, "score_"+s.Skill.ID)
			}
			if s.Scored() {
				scores[i][c] = ftoa(s.Value())
			}
		}
	}
	return header, scores
}

// ClassProfileHeader heads the file WriteClassProfileCSV writes, before
// its score_ columns; the README documents each column.
var ClassProfileHeader = []string{"run", "trainee", "scenario", "done", "dropped", "sessions", "oq45_intake", "oq45_last", "outcome"}

// WriteClassProfileCSV writes one row for each run in runs, named as
// WriteClassCSV names them: its trainee, its scenario, how its course went
// (whether it reached the course's end, whether the client dropped out,
// the sessions attended, the OQ-45 at intake and last, the outcome class)
// and its score of each skill of the rubrics (score_ and the skill's id,
// as WriteClassCSV has them): the class's competence profiles, a row a
// trainee, as a supervisor's spreadsheet takes them.
func WriteClassProfileCSV(w io.Writer, runs []*Debrief, names []string) error {
	header, scores := scoreColumns(append([]string(nil), ClassProfileHeader...), runs)
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for i, d := range runs {
		out := make([]string, len(header))
		r := d.Result
		copy(out, []string{inert(names[i]), inert(d.Header.Trainee), inert(d.Header.Scenario), bit(d.Done), bit(r.Dropped),
			strconv.Itoa(r.Attended), ftoa(r.Intake), ftoa(r.Final), string(r.Outcome)})
		for c, v := range scores[i] {
			out[c] = v
		}
		if err := cw.Write(out); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// bit writes a yes or no as 1 or 0.
func bit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
