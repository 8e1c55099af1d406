package debrief_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/therasim/therasim/debrief"
)

var update = flag.Bool("update", false, "update golden files")

// golden compares got with the file testdata/name, or writes it there
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what was written (run with -update if the change is meant; then read the diff):\n%s", path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + itoa(i+1) + ":\n  was: " + x + "\n  now: " + y
		}
	}
	return ""
}

// TestClassSummary: the supervisor's summary of a small class of two
// scenarios is the page written in testdata/class-summary.golden.html; it
// fetches nothing; it heads each scenario with its title, gives each
// trainee a row of outcomes and of the profile, names the dropout, and at
// the moments where the paths parted shows each trainee's choice with
// their check-in and recall there.
func TestClassSummary(t *testing.T) {
	ds := supervisionClass(t)
	var buf bytes.Buffer
	if err := debrief.WriteClassSummary(&buf, "Seminar 3 <supervision>", ds); err != nil {
		t.Fatal(err)
	}
	golden(t, "class-summary.golden.html", buf.Bytes())
	page := buf.String()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	selfContained(t, doc, page)

	ren, mini := byID(doc, "s2"), byID(doc, "s1") // by title: "Mini" before "Ren, …"
	if ren == nil || mini == nil || !strings.HasPrefix(textOf(ren), "Ren, three sessions") || !strings.HasPrefix(textOf(mini), "Mini") {
		t.Fatal("the scenarios are not one section each, by title")
	}
	if !strings.Contains(page, "<title>Seminar 3 &lt;supervision&gt;</title>") {
		t.Error("the title is not escaped")
	}
	// Outcomes: a row for each trainee; the dropout said.
	for i, d := range ds[:3] {
		row := byID(doc, "s2-run-"+itoa(i+1))
		if row == nil {
			t.Fatalf("no row for %s", d.Header.Trainee)
		}
		text := textOf(row)
		for _, want := range []string{d.Header.Trainee, string(d.Result.Outcome)} {
			if !strings.Contains(text, want) {
				t.Errorf("%s's row does not say %q: %s", d.Header.Trainee, want, text)
			}
		}
		if d.Result.Dropped != strings.Contains(text, "dropped out after session") {
			t.Errorf("%s's row (dropped %v): %s", d.Header.Trainee, d.Result.Dropped, text)
		}
	}
	if !ds[1].Result.Dropped {
		t.Fatal("Ben's client stays: the class has no dropout to show")
	}
	// The profile: a row of cells for each trainee, one for each skill.
	tables := classed(ren, "table", "profile")
	if len(tables) != 1 {
		t.Fatalf("%d profile tables", len(tables))
	}
	skills := len(ds[0].Scenario.Rubric().Skills)
	var rows []*html.Node
	each(tables[0], func(n *html.Node) {
		if n.Data == "tr" && n.Parent != nil && n.Parent.Data == "tbody" {
			rows = append(rows, n)
		}
	})
	if len(rows) != 3 {
		t.Fatalf("%d rows in the profile table, want 3", len(rows))
	}
	for i, r := range rows {
		cells := 0
		for c := r.FirstChild; c != nil; c = c.NextSibling {
			if c.Data == "td" {
				cells++
			}
		}
		if cells != skills+1 {
			t.Errorf("row %d has %d cells, want the trainee and %d skills", i+1, cells, skills)
		}
	}
	// The careful trainee repaired the rupture well; the careless one did
	// its opposite: their cells say so.
	if ana, ben := textOf(rows[0]), textOf(rows[1]); ana == ben {
		t.Error("the careful and the careless trainee have the same profile")
	}

	// Where the paths parted: the strain, with each trainee's check-in.
	strain := byID(doc, "s2-1-strain")
	if strain == nil {
		t.Fatal("the strain, where every trainee chose differently, is not among the points")
	}
	text := textOf(strain)
	for _, want := range []string{"paths part here", "Ana Ruiz", "Ben Okafor", "Kim Lee",
		"A pull to rescue Ren", "I wanted to make it better for Ren, quickly.", "Rescuing takes the work",
		"A pull to defend what I said", "Annoyed that Ren will not engage.",
		"Their recall (IPR)", "I noticed I had pushed"} {
		if !strings.Contains(text, want) {
			t.Errorf("the strain does not show %q:\n%s", want, text)
		}
	}
	// What the class noticed there, counted: each pull and how many.
	if !strings.Contains(text, "What the trainees noticed in themselves") || !strings.Contains(text, "A pull to rescue Ren — 1") {
		t.Errorf("the strain does not count what the trainees noticed:\n%s", text)
	}
	// It is a moment to talk over; moments where the paths parted with no
	// check-in and no recall are folded away below them.
	talk := byID(doc, "s2")
	var folded []*html.Node
	each(talk, func(n *html.Node) {
		if n.Data == "details" {
			folded = append(folded, n)
		}
	})
	if len(folded) != 1 || !strings.Contains(textOf(folded[0]), "Other moments where the paths parted (3)") {
		t.Errorf("%d folds of the other moments where the paths parted, want 1 of 3", len(folded))
	}
	for _, f := range folded {
		if strings.Contains(textOf(f), "paths part here") && byIDIn(f, "s2-1-strain") {
			t.Error("the strain, with check-ins, is folded away")
		}
	}
	// The run of the other scenario has its own section, and no point.
	if strings.Contains(textOf(mini), "Ana Ruiz") || !strings.Contains(textOf(mini), "Sam Cole") {
		t.Error("the mini course's section holds another scenario's runs")
	}
}

// byIDIn reports whether n holds an element with the id.
func byIDIn(n *html.Node, id string) bool {
	found := false
	each(n, func(c *html.Node) {
		for _, a := range c.Attr {
			if a.Key == "id" && a.Val == id {
				found = true
			}
		}
	})
	return found
}

// TestClassSummaryRefuses: a summary needs runs.
func TestClassSummaryRefuses(t *testing.T) {
	if err := debrief.WriteClassSummary(&bytes.Buffer{}, "x", nil); err == nil {
		t.Error("a summary of no runs was written")
	}
}
