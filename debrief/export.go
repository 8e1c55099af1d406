package debrief

import (
	"encoding/csv"
	"io"
	"strings"
)

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
// scenario without that variable leaves it empty. A name a trainee typed
// that a spreadsheet would take for a formula is written as text (see
// inert).
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
