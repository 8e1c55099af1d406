package debrief_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

// readCSV writes with write and reads the table back, by column name.
func readCSV(t *testing.T, write func(*bytes.Buffer) error) (header []string, rows []map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	all, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range all[1:] {
		m := map[string]string{}
		for i, c := range all[0] {
			m[c] = r[i]
		}
		rows = append(rows, m)
	}
	return all[0], rows
}

// TestCSVSkills: each choice row names the skills the choice was an
// opportunity for, with their grades; a week row names none.
func TestCSVSkills(t *testing.T) {
	for _, d := range supervisionClass(t)[:3] {
		_, rows := readCSV(t, func(b *bytes.Buffer) error { return debrief.WriteCSV(b, d) })
		skills := d.Scenario.Rubric().Skills
		seen := 0
		for _, r := range rows {
			if r["kind"] == "week" {
				if r["skills"] != "" {
					t.Errorf("%s: a week row names skills: %q", d.Header.Trainee, r["skills"])
				}
				continue
			}
			n, _ := strconv.Atoi(r["choice"])
			var want []string
			for _, mk := range d.Moments[n-1].Marks {
				want = append(want, skills[mk.Skill].ID+"="+mk.Grade.String())
			}
			if got := r["skills"]; got != strings.Join(want, ";") {
				t.Errorf("%s, choice %d: skills %q, want %q", d.Header.Trainee, n, got, strings.Join(want, ";"))
			}
			seen += len(want)
		}
		if seen == 0 {
			t.Errorf("%s: no choice was an opportunity for any skill", d.Header.Trainee)
		}
	}
}

// TestProfileCSV: a run's profile has a row for each skill of the rubric,
// in its order, whose counts of the grades add up to its opportunities,
// whose score is the profile's (empty when it had none) and whose choices
// are those behind it; the README documents each column, and those of
// the class's profiles.
func TestProfileCSV(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range [][]string{debrief.ProfileCSVHeader, debrief.ClassProfileHeader} {
		if !strings.Contains(string(readme), strings.Join(h, ",")) {
			t.Errorf("the README does not show the header %s", strings.Join(h, ","))
		}
		for _, col := range append(h, "score_ID") {
			if !strings.Contains(string(readme), "`"+col+"`") {
				t.Errorf("the README does not explain column %s", col)
			}
		}
	}
	for _, d := range supervisionClass(t)[:3] {
		header, rows := readCSV(t, func(b *bytes.Buffer) error { return debrief.ExporterFor("ana.Profile.CSV")(b, d) })
		if strings.Join(header, ",") != strings.Join(debrief.ProfileCSVHeader, ",") {
			t.Fatalf("header %q", header)
		}
		p := d.Profile()
		if len(rows) != len(p.Scores) {
			t.Fatalf("%d rows for %d skills", len(rows), len(p.Scores))
		}
		for i, r := range rows {
			s := &p.Scores[i]
			if r["skill"] != s.Skill.ID || r["area"] != s.Skill.Area || r["name"] != s.Skill.Name || r["per"] != s.Skill.Per {
				t.Errorf("row %d: %v, want skill %s", i+1, r, s.Skill.ID)
			}
			sum := 0
			for _, g := range []sim.Grade{sim.Well, sim.Partly, sim.Missed, sim.Against} {
				n, err := strconv.Atoi(r[g.String()])
				if err != nil || n != s.Count(g) {
					t.Errorf("%s: %s = %q, want %d", s.Skill.ID, g, r[g.String()], s.Count(g))
				}
				sum += n
			}
			if ops := strconv.Itoa(len(s.Opportunities())); r["opportunities"] != ops || strconv.Itoa(sum) != ops {
				t.Errorf("%s: %s opportunities, grades adding to %d; want %s", s.Skill.ID, r["opportunities"], sum, ops)
			}
			want := ""
			if s.Scored() {
				want = strconv.FormatFloat(s.Value(), 'g', -1, 64)
			}
			if r["score"] != want {
				t.Errorf("%s: score %q, want %q", s.Skill.ID, r["score"], want)
			}
			var choices []string
			for _, m := range s.Moments {
				choices = append(choices, strconv.Itoa(m.Choice))
			}
			if r["choices"] != strings.Join(choices, ";") {
				t.Errorf("%s: choices %q, want %q", s.Skill.ID, r["choices"], strings.Join(choices, ";"))
			}
		}
	}
}

// TestExporterFor: a name ending .profile.csv asks for the profile; any
// other name for the format of its extension.
func TestExporterFor(t *testing.T) {
	d := supervisionClass(t)[0]
	for _, tc := range []struct {
		name, starts string
	}{
		{"ana.profile.csv", "skill,area,"},
		{"ANA.PROFILE.CSV", "skill,area,"},
		{"ana.csv", "row,kind,"},
		{"profile.csv", "row,kind,"},
		{"ana.html", "<!DOCTYPE html>"},
	} {
		var buf bytes.Buffer
		w := debrief.ExporterFor(tc.name)
		if w == nil {
			t.Fatalf("%s: no exporter", tc.name)
		}
		if err := w(&buf, d); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(buf.String(), tc.starts) {
			t.Errorf("%s begins %.40q, want %q", tc.name, buf.String(), tc.starts)
		}
	}
	if debrief.ExporterFor("ana.profile.txt") != nil {
		t.Error("a .txt name has an exporter")
	}
}

// TestClassCSVScores: the class's table has a score_ column for each skill
// of the runs' rubrics (after the variables'), holding on every row of a
// run its score of that skill, empty when the run gave it no opportunity;
// the class's profiles have the same scores, a row a run, with how its
// course went.
func TestClassCSVScores(t *testing.T) {
	ds := supervisionClass(t) // three runs of one course and one of another
	names := []string{"ana.jsonl", "ben.jsonl", "=kim.jsonl", "sam.jsonl"}
	header, rows := readCSV(t, func(b *bytes.Buffer) error { return debrief.WriteClassCSV(b, ds, names) })
	_, profiles := readCSV(t, func(b *bytes.Buffer) error { return debrief.WriteClassProfileCSV(b, ds, names) })
	skills := ds[0].Scenario.Rubric().Skills
	first := -1
	for i, c := range header {
		if strings.HasPrefix(c, "score_") && first < 0 {
			first = i
		}
	}
	if first < 0 || len(header)-first != len(skills) {
		t.Fatalf("header %q: want a score_ column for each of the %d skills, last", header, len(skills))
	}
	if len(profiles) != len(ds) {
		t.Fatalf("%d rows of profiles for %d runs", len(profiles), len(ds))
	}
	for i, d := range ds {
		p := d.Profile()
		want := map[string]string{}
		for j := range p.Scores {
			s := &p.Scores[j]
			if s.Scored() {
				want["score_"+s.Skill.ID] = strconv.FormatFloat(s.Value(), 'g', -1, 64)
			} else {
				want["score_"+s.Skill.ID] = ""
			}
		}
		n := 0
		for _, r := range rows {
			if r["trainee"] != d.Header.Trainee {
				continue
			}
			n++
			for c, v := range want {
				if r[c] != v {
					t.Errorf("%s, row %s: %s = %q, want %q", d.Header.Trainee, r["row"], c, r[c], v)
				}
			}
		}
		if n == 0 {
			t.Errorf("no rows of %s", d.Header.Trainee)
		}
		pr := profiles[i]
		for c, v := range want {
			if pr[c] != v {
				t.Errorf("%s's profile: %s = %q, want %q", d.Header.Trainee, c, pr[c], v)
			}
		}
		wantRow := map[string]string{"run": names[i], "trainee": d.Header.Trainee, "scenario": d.Header.Scenario,
			"dropped": map[bool]string{true: "1", false: "0"}[d.Result.Dropped], "outcome": string(d.Result.Outcome),
			"sessions": strconv.Itoa(d.Result.Attended)}
		if names[i][0] == '=' {
			wantRow["run"] = "'" + names[i]
		}
		for c, v := range wantRow {
			if pr[c] != v {
				t.Errorf("%s's profile: %s = %q, want %q", d.Header.Trainee, c, pr[c], v)
			}
		}
	}
	// The careful trainee scores above the careless one on the skills
	// both had an opportunity for.
	if a, b := profiles[0]["score_rupture_repaired"], profiles[1]["score_rupture_repaired"]; a != "1" || b != "0" {
		t.Errorf("rupture repaired: Ana %q, Ben %q; want 1 and 0", a, b)
	}
}
