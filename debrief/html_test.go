package debrief_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/therasim/therasim/competence"
	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestHTMLProfile: the report's competence profile gives each skill the
// run had an opportunity for its name, its score in words, its bar, why
// it matters and its source, and links to each choice behind it; each
// choice names the skills it was an opportunity for, linked back, with
// their grades; and the trainee's check-in (the pulls with what the
// author says they tend to do, and their own words) and their recall are
// shown in the trainee's column beside the client's, apart from the
// instructor's notes.
func TestHTMLProfile(t *testing.T) {
	d := supervisionClass(t)[0] // Ana: careful, with check-ins and recall
	rec := d.Recording()
	rec.Notes = append(rec.Notes, sim.Note{Type: "note", Choice: 3, Author: "Dr Lee", Text: "Good repair."})
	d, err := debrief.Build(d.Scenario, rec)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := debrief.WriteHTML(&buf, d); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	selfContained(t, doc, page)
	if byID(doc, "profile") == nil {
		t.Fatal("the report has no competence profile")
	}

	// The profile: every scored skill, with its moments linked.
	p := d.Profile()
	scored := 0
	for i := range p.Scores {
		s := &p.Scores[i]
		el := byID(doc, "skill-"+s.Skill.ID)
		if !s.Scored() {
			if el != nil {
				t.Errorf("%s had no opportunity, yet has a row of the profile", s.Skill.ID)
			}
			if !strings.Contains(page, html.EscapeString(s.Skill.Name)) {
				t.Errorf("%s had no opportunity and is not named among those", s.Skill.ID)
			}
			continue
		}
		scored++
		if el == nil {
			t.Errorf("%s is scored but has no row", s.Skill.ID)
			continue
		}
		text := textOf(el)
		for _, want := range []string{s.Skill.Name, debrief.OpportunityWords(s), debrief.Percent(s.Value()), s.Skill.Explain, s.Skill.Source} {
			if !strings.Contains(text, want) {
				t.Errorf("the row of %s does not say %q:\n%s", s.Skill.ID, want, text)
			}
		}
		if got, want := len(classed(el, "span", "g-")), len(s.Opportunities()); got != want {
			t.Errorf("the bar of %s has %d segments, want one for each of its %d opportunities", s.Skill.ID, got, want)
		}
		links := hrefs(el)
		for _, m := range s.Moments {
			target := "choice-" + itoa(m.Choice)
			if !contains(links, "#"+target) {
				t.Errorf("the row of %s does not link to choice %d (links %v)", s.Skill.ID, m.Choice, links)
			}
			if byID(doc, target) == nil {
				t.Errorf("the link to choice %d leads nowhere", m.Choice)
			}
		}
	}
	if scored < 5 {
		t.Errorf("only %d skills scored: the careful run should give most of them an opportunity", scored)
	}

	// Each choice: the skills it was an opportunity for, linked back.
	for _, m := range d.Moments {
		sec := byID(doc, "choice-"+itoa(m.N))
		links := hrefs(sec)
		for _, mk := range m.Marks {
			sk := d.Scenario.Rubric().Skills[mk.Skill]
			if !contains(links, "#skill-"+sk.ID) || !strings.Contains(textOf(sec), sk.Name+" "+debrief.GradeWords(mk.Grade)) {
				t.Errorf("choice %d does not name %s, %s, with a link to it", m.N, sk.ID, debrief.GradeWords(mk.Grade))
			}
		}
	}

	// The check-ins and the recall, in the trainee's column.
	asked := 0
	for _, m := range d.Moments {
		sec := byID(doc, "choice-"+itoa(m.N))
		trainee := classed(sec, "div", "trainee")[0]
		client := classed(sec, "div", "client")
		if len(client) != 1 {
			t.Fatalf("choice %d: %d client columns", m.N, len(client))
		}
		boxes := classed(trainee, "div", "checkin")
		if m.Asked == nil {
			if len(boxes) != 0 {
				t.Errorf("choice %d asked no check-in, yet shows one", m.N)
			}
		} else {
			asked++
			if len(boxes) != 1 {
				t.Fatalf("choice %d asked a check-in; the trainee's column shows %d", m.N, len(boxes))
			}
			text := textOf(boxes[0])
			want := []string{m.Asked.Question, "“" + m.CheckIn.Text + "”"}
			for _, id := range m.CheckIn.Pulls {
				pl := m.Asked.Pull(id)
				want = append(want, pl.Text, pl.Tends)
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("choice %d: the check-in does not say %q:\n%s", m.N, w, text)
				}
			}
			// The pulls not chosen are not said to have been noticed.
			for _, pl := range m.Asked.Pulls {
				if !contains(m.CheckIn.Pulls, pl.ID) && strings.Contains(text, pl.Tends) {
					t.Errorf("choice %d: the check-in shows %q, a pull not chosen", m.N, pl.ID)
				}
			}
		}
		recall := classed(trainee, "div", "recall")
		if min(len(m.Recall), 1) != len(recall) {
			t.Errorf("choice %d: %d recall lines, %d boxes of recall in the trainee's column", m.N, len(m.Recall), len(recall))
			continue
		}
		for _, r := range m.Recall {
			if text := textOf(recall[0]); !strings.Contains(text, "Your recall") || !strings.Contains(text, r.Text) {
				t.Errorf("choice %d: the recall shows %q, want %q", m.N, text, r.Text)
			}
		}
		for _, n := range classed(sec, "div", "note") {
			if text := textOf(n); strings.Contains(text, "Your recall") || m.Asked != nil && strings.Contains(text, m.Asked.Question) {
				t.Errorf("choice %d: the trainee's words are among the instructor's notes: %q", m.N, text)
			}
		}
	}
	if asked != 2 || !strings.Contains(page, "Good repair.") {
		t.Errorf("%d check-ins asked, want 2; the instructor's note shown: %v", asked, strings.Contains(page, "Good repair."))
	}
}

// TestOpportunityWords: a skill's score in words counts its opportunities
// and says the grades other than done well only when there are some.
func TestOpportunityWords(t *testing.T) {
	sc := scenariotest.Load(t, supervision)
	for _, tc := range []struct {
		grades []sim.Grade
		want   string
	}{
		{nil, "no opportunity in this run"},
		{[]sim.Grade{sim.Well}, "done well in 1 of 1 opportunity"},
		{[]sim.Grade{sim.Well, sim.Well, sim.Missed, sim.Well}, "done well in 3 of 4 opportunities; missed in 1"},
		{[]sim.Grade{sim.Partly, sim.Against}, "done well in 0 of 2 opportunities; done but not well in 1, the opposite done in 1"},
	} {
		s := scoreOf(sc, "rupture_repaired", tc.grades)
		if got := debrief.OpportunityWords(s); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.grades, got, tc.want)
		}
	}
}

// scoreOf returns the score of skill id of a run of sc whose
// opportunities for it, one a moment, got grades.
func scoreOf(sc *sim.Scenario, id string, grades []sim.Grade) *competence.Score {
	p := competence.New(sc)
	at := -1
	for i, sk := range sc.Rubric().Skills {
		if sk.ID == id {
			at = i
		}
	}
	for n, g := range grades {
		p.Add(n+1, 1, []sim.Mark{{Skill: at, Grade: g}})
	}
	return p.Score(id)
}

// byID returns the element of doc with the id, or nil.
func byID(doc *html.Node, id string) *html.Node {
	var out *html.Node
	each(doc, func(n *html.Node) {
		if out == nil && attr(n, "id") == id {
			out = n
		}
	})
	return out
}

// classed returns the elements named el under n (n too) whose class
// attribute has a class beginning with prefix.
func classed(n *html.Node, el, prefix string) []*html.Node {
	var out []*html.Node
	each(n, func(c *html.Node) {
		if c.Data != el {
			return
		}
		for _, cl := range strings.Fields(attr(c, "class")) {
			if strings.HasPrefix(cl, prefix) {
				out = append(out, c)
				return
			}
		}
	})
	return out
}

// hrefs returns the links under n.
func hrefs(n *html.Node) []string {
	var out []string
	each(n, func(c *html.Node) {
		if c.Data == "a" {
			out = append(out, attr(c, "href"))
		}
	})
	return out
}

// textOf returns the text under n, each run of white space one space.
func textOf(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(sb.String()), " ")
}

// each calls f with n and every element under it.
func each(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		each(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }
