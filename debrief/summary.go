package debrief

import (
	"cmp"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strings"

	"github.com/therasim/therasim/competence"
	"github.com/therasim/therasim/sim"
)

// WriteClassSummary writes the supervisor's summary of a class as one
// self-contained HTML page headed title: for each scenario the runs ds
// played (grouped as BuildClasses groups them, by title), each trainee's
// course (sessions attended, dropout, the OQ-45 from intake to the last
// and the outcome class) and competence profile (a table of trainees by
// skills, with the class's median of each skill), and, at the moments
// where the class's paths parted or the course asked a check-in, each
// trainee's choice there with their check-in and their recall of it. Like
// WriteHTML it fetches nothing: inline CSS, no scripts, no fonts or
// images from anywhere. It refuses an empty class or a run built without
// its scenario.
func WriteClassSummary(w io.Writer, title string, ds []*Debrief) error {
	cs, err := BuildClasses(ds)
	if err != nil {
		return err
	}
	data := summaryData{Title: title, Runs: len(ds), Scenarios: len(cs)}
	for i, c := range cs {
		data.Classes = append(data.Classes, summaryOf(c, fmt.Sprintf("s%d", i+1)))
	}
	return summary.Execute(w, data)
}

type summaryData struct {
	Title           string
	Runs, Scenarios int
	Classes         []summaryClass
}

// summaryClass is the summary of the runs of one scenario.
type summaryClass struct {
	C       *Class
	ID      string // its anchor
	Client  string // the client's first name
	Done    int    // runs that reached the course's end, dropouts included
	Dropped int
	// Areas head the profile table's columns, each with its skills.
	Areas  []summaryArea
	Runs   []*summaryRun
	Spread []summarySpread // one for each skill, in the rubric's order
	// Points are the moments to talk over: those that asked a check-in or
	// that a trainee wrote recall of. Others are the rest of the moments
	// where the paths parted, folded away below them.
	Points, Others []summaryPoint
}

type summaryArea struct {
	Name   string
	Skills []*sim.Skill
}

type summarySpread struct {
	Median   string // "75%", or "–" when no run had an opportunity
	Unscored int
}

// summaryRun is one trainee's run.
type summaryRun struct {
	D      *Debrief
	Name   string // the trainee's name, or "(no name)"
	ID     string // its anchor
	File   string // the recording's file name, or ""
	Course string // "complete (5 sessions)", "dropped out after session 2", …
	OQ     string // "92 → 61"
	Cells  []summaryCell
}

// summaryCell is one skill of a run's profile.
type summaryCell struct {
	Scored  bool
	Percent string
	Words   string
	Ops     []sim.Grade
}

// summaryPoint is a moment of the course where the class's paths parted,
// or that asked a check-in: who chose what there, with their check-in and
// recall.
type summaryPoint struct {
	P       *ChoicePoint
	ID      string
	Head    string // "Session 1 · Getting started"
	Parted  bool
	Asked   bool   // the beat asks a check-in
	Inner   string // the client's inner experience, as most runs had it
	Options []summaryOption
	// Pulls tally, at a check-in, what the trainees who answered it
	// noticed in themselves; Answered is how many answered, Nothing how
	// many noted nothing.
	Pulls             []pullTally
	Answered, Nothing int
	said              bool // a trainee answered a check-in or wrote recall here
}

// pullTally is how many trainees noticed one pull of a check-in.
type pullTally struct {
	Text string
	N    int
}

type summaryOption struct {
	O     *OptionTally
	Tally string
	Inner string // the client's inner experience of the response
	// At are the trainees' choices of it, Said those of them with a
	// check-in asked or a recall written.
	At, Said []summaryAt
}

// summaryAt is one trainee's choice at a point.
type summaryAt struct {
	Run *summaryRun
	M   *Moment
}

// summaryOf summarises class c; id prefixes its anchors.
func summaryOf(c *Class, id string) summaryClass {
	sc := summaryClass{C: c, ID: id, Client: firstName(c.Scenario)}
	var profiles []*competence.Profile
	for i, d := range c.Runs {
		if d.Done {
			sc.Done++
		}
		if d.Result.Dropped {
			sc.Dropped++
		}
		r := &summaryRun{D: d, Name: d.Header.Trainee, ID: fmt.Sprintf("%s-run-%d", id, i+1), Course: courseWords(d),
			OQ: fmt.Sprintf("%.0f → %.0f", d.Result.Intake, d.Result.Final)}
		if r.Name == "" {
			r.Name = "(no name)"
		}
		if d.Path != "" {
			r.File = filepath.Base(d.Path)
		}
		p := d.Profile()
		profiles = append(profiles, p)
		for j := range p.Scores {
			s := &p.Scores[j]
			cell := summaryCell{Scored: s.Scored(), Words: s.Skill.Name + ": " + OpportunityWords(s), Ops: s.Opportunities()}
			if cell.Scored {
				cell.Percent = Percent(s.Value())
			}
			r.Cells = append(r.Cells, cell)
		}
		sc.Runs = append(sc.Runs, r)
	}
	for _, a := range profiles[0].Areas() {
		sa := summaryArea{Name: AreaName(a.Area)}
		for _, s := range a.Scores {
			sa.Skills = append(sa.Skills, s.Skill)
		}
		sc.Areas = append(sc.Areas, sa)
	}
	// The table's columns go by area; so do its cells.
	order := columnOrder(profiles[0], sc.Areas)
	for _, r := range sc.Runs {
		cells := make([]summaryCell, 0, len(order))
		for _, j := range order {
			cells = append(cells, r.Cells[j])
		}
		r.Cells = cells
	}
	spread := competence.Class(profiles)
	for _, j := range order {
		s := spread[j]
		v := summarySpread{Median: "–", Unscored: s.Unscored}
		if m, ok := s.Median(); ok {
			v.Median = Percent(m)
		}
		sc.Spread = append(sc.Spread, v)
	}
	for i := range c.Points {
		p := &c.Points[i]
		pt := summaryPoint{P: p, ID: fmt.Sprintf("%s-%d-%s", id, p.Session, p.Beat), Head: fmt.Sprintf("Session %d", p.Session)}
		if p.Session >= 1 && p.Session <= len(c.Scenario.Sessions) {
			pt.Head += " · " + c.Scenario.Sessions[p.Session-1].Title
			if b := beatIndex(c.Scenario, p.Session, p.Beat); b >= 0 {
				pt.Asked = c.Scenario.Sessions[p.Session-1].Beats[b].CheckIn != nil
			}
		}
		taken := 0
		inner := map[string]int{}
		for j := range p.Options {
			o := &p.Options[j]
			if o.Trainees == 0 {
				continue
			}
			taken++
			so := summaryOption{O: o, Tally: tallyWords(o)}
			for _, r := range sc.Runs {
				for k := range r.D.Moments {
					m := &r.D.Moments[k]
					if m.Session != p.Session || m.Beat != p.Beat || m.Offer().Text != o.Text {
						continue
					}
					at := summaryAt{Run: r, M: m}
					so.At = append(so.At, at)
					if m.Asked != nil || len(m.Recall) > 0 {
						so.Said = append(so.Said, at)
						pt.said = true
					}
					pt.tally(m)
					so.Inner = cmp.Or(so.Inner, m.Offer().Inner)
					inner[m.Inner]++
				}
			}
			pt.Options = append(pt.Options, so)
		}
		pt.Parted = taken > 1
		best := 0
		for t, n := range inner {
			if t != "" && (n > best || n == best && t < pt.Inner) {
				pt.Inner, best = t, n
			}
		}
		switch {
		case pt.Asked || pt.said:
			sc.Points = append(sc.Points, pt)
		case pt.Parted:
			sc.Others = append(sc.Others, pt)
		}
	}
	return sc
}

// tally counts the check-in answer at moment m, if any, among the pulls of
// the check-in its beat asked.
func (pt *summaryPoint) tally(m *Moment) {
	if m.Asked == nil || m.CheckIn == nil {
		return
	}
	if pt.Pulls == nil {
		for _, p := range m.Asked.Pulls {
			pt.Pulls = append(pt.Pulls, pullTally{Text: p.Text})
		}
	}
	pt.Answered++
	if len(m.CheckIn.Pulls) == 0 && strings.TrimSpace(m.CheckIn.Text) == "" {
		pt.Nothing++
	}
	for _, id := range m.CheckIn.Pulls {
		for i, p := range m.Asked.Pulls {
			if p.ID == id && i < len(pt.Pulls) {
				pt.Pulls[i].N++
			}
		}
	}
}

// columnOrder returns the indices of p's scores in the order of the
// areas' columns.
func columnOrder(p *competence.Profile, areas []summaryArea) []int {
	var out []int
	for _, a := range areas {
		for _, sk := range a.Skills {
			for j := range p.Scores {
				if p.Scores[j].Skill == sk {
					out = append(out, j)
				}
			}
		}
	}
	return out
}

// courseWords says how far a run's course went: "complete (5 sessions)",
// "dropped out after session 2", "stops in session 3".
func courseWords(d *Debrief) string {
	switch {
	case d.Done && d.Result.Dropped:
		return fmt.Sprintf("dropped out after session %d", d.Result.Attended)
	case d.Done:
		return fmt.Sprintf("complete (%s)", Count(d.Result.Attended, "session", "sessions"))
	}
	return fmt.Sprintf("stops in session %d", d.Result.Attended)
}

// tallyWords says what became of the runs that took an option: "2
// trainees · 1 dropped out · recovered 1, unchanged 1".
func tallyWords(o *OptionTally) string {
	out := Count(o.Trainees, "trainee", "trainees")
	if o.Dropped > 0 {
		out += fmt.Sprintf(" · %d dropped out", o.Dropped)
	}
	if w := OutcomeWords(o.Outcomes); w != "" {
		out += " · " + w
	}
	if o.Going > 0 {
		out += fmt.Sprintf(" · %d not finished", o.Going)
	}
	return out
}

var summary = template.Must(template.New("summary").Funcs(reportFuncs).Funcs(template.FuncMap{
	"point": func(p summaryPoint, c summaryClass) pointView { return pointView{summaryPoint: p, Client: c.Client} },
}).Parse(summaryHTML + summaryPointHTML + partsHTML))

// pointView is a moment as the "point" template shows it, with the
// client's name.
type pointView struct {
	summaryPoint
	Client string
}

// summaryPointHTML shows one moment of the class: the client's words and
// inner experience, what the trainees noticed in themselves there, and
// each option taken, by whom, with their check-ins and recall.
const summaryPointHTML = `{{define "point"}}<div class="point" id="{{.ID}}">
<h4>{{.Head}} <span class="meta">(beat {{.P.Beat}})</span>{{if .Parted}}<span class="tag">paths part here</span>{{end}}{{if .Asked}}<span class="tag">check-in</span>{{end}}</h4>
{{with .P.Text}}<p class="says">“{{.}}”</p>{{end}}
{{with .Inner}}<p class="inner">What {{$.Client}} experienced: {{.}}</p>{{end}}
{{if .Answered}}<p class="pulls"><strong>What the trainees noticed in themselves</strong> <span class="meta">({{count .Answered "answer" "answers"}})</span>: {{range $i, $p := .Pulls}}{{if $i}} · {{end}}{{$p.Text}} — {{$p.N}}{{end}}{{if .Nothing}} · nothing noted — {{.Nothing}}{{end}}</p>
{{end}}{{range .Options}}<div class="option"><p><strong>{{.O.Text}}</strong> <span class="meta">[{{.O.Act}}]</span> <span class="tally">— {{.Tally}}</span></p>
{{with .Inner}}<p class="inner">On this response: {{.}}</p>{{end}}
<p class="who">{{range $i, $a := .At}}{{if $i}}, {{end}}<a href="#{{$a.Run.ID}}">{{$a.Run.Name}}</a> <span class="meta">(choice {{$a.M.N}})</span>{{end}}</p>
{{with .Said}}<table class="at"><tbody>
{{range .}}<tr><td class="who">{{.Run.Name}}</td><td>{{template "checkin" .M}}</td><td>{{template "recall" (recall .M.Recall "Their recall (IPR)")}}</td></tr>
{{end}}</tbody></table>
{{end}}</div>
{{end}}</div>
{{end}}`

const summaryHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font-family: "Noto Sans", "Helvetica Neue", Arial, sans-serif; color: #1e1e1e; max-width: 80rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid #ccc; margin-top: 2.4rem; }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; }
.meta { color: #555; }
nav ul { padding-left: 1.2rem; margin: .3rem 0; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .25rem .6rem; border-bottom: 1px solid #e8e3da; vertical-align: top; }
thead th { border-bottom: 2px solid #ccc; }
table.outcomes td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
table.outcomes td.course { white-space: nowrap; }
.dropped { color: #9c4a00; font-weight: bold; }
.scroll { overflow-x: auto; }
table.profile th.skill { vertical-align: bottom; font-weight: normal; font-size: .85rem; padding: .3rem .2rem; }
table.profile th.skill span { display: inline-block; writing-mode: vertical-rl; transform: rotate(180deg); max-height: 12rem; line-height: 1.2; text-align: left; }
table.profile td { padding: .3rem .35rem; }
table.profile td.who, table.outcomes td.who { white-space: nowrap; }
table.profile td.cell { min-width: 3.2rem; }
table.profile th.area { text-align: center; border-bottom: 1px solid #ccc; font-size: .9rem; }
table.profile td.cell { text-align: center; font-variant-numeric: tabular-nums; }
table.profile td.cell .bar { height: .45rem; margin: .15rem auto 0; max-width: 4rem; gap: 2px; }
table.profile td.none { color: #8a9198; text-align: center; }
table.profile tfoot td { font-size: .9rem; color: #444; text-align: center; border-top: 2px solid #ccc; }
table.profile tfoot th { font-weight: normal; font-size: .9rem; color: #444; border-top: 2px solid #ccc; }
.point { border: 1px solid #ccc; border-radius: 6px; padding: .6rem .9rem; margin: 1rem 0; break-inside: avoid; }
.point h4 { margin: 0 0 .3rem; font-size: 1rem; }
.pulls { margin: .3rem 0; }
details > summary { cursor: pointer; font-weight: bold; margin: 1rem 0 .4rem; }
.tag { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: #9c4a00; margin-left: .6rem; }
.says { font-style: italic; margin: .2rem 0 .5rem; }
.option { margin: .7rem 0 .2rem; padding-left: .8rem; border-left: 3px solid #e8e3da; }
.option p { margin: .15rem 0; }
.option .tally { color: #555; font-size: .9rem; }
.inner { font-style: italic; color: #333; }
table.at { width: 100%; margin-top: .3rem; }
table.at td { width: 44%; border: none; padding: 0 .6rem .3rem 0; }
table.at td.who { width: 12%; font-weight: bold; padding-top: .5rem; }
{{template "gradeCSS"}}
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .scroll { overflow: visible; }
}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="meta">The supervisor’s summary of {{count .Runs "run" "runs"}}{{if gt .Scenarios 1}} of {{.Scenarios}} scenarios{{end}}: each trainee’s course and competence profile, and their check-ins and recall at the moments where the class’s paths parted.</p>
{{if gt (len .Classes) 1}}<nav><ul>{{range .Classes}}<li><a href="#{{.ID}}">{{.C.Scenario.Title}}</a> <span class="meta">({{count (len .C.Runs) "run" "runs"}})</span></li>{{end}}</ul></nav>
{{end}}{{range .Classes}}{{$c := .}}<section id="{{.ID}}">
<h2>{{.C.Scenario.Title}}</h2>
<p class="meta">{{.C.Scenario.Approach}} · scenario {{.C.Scenario.ID}} · {{count (len .C.Runs) "run" "runs"}}, {{.Done}} to the course’s end · {{count .Dropped "client" "clients"}} dropped out</p>

<h3>Courses and outcomes</h3>
<table class="outcomes">
<thead><tr><th>Trainee</th><th>Course</th><th>OQ-45, intake → last</th><th>Outcome</th><th>Homework set, done, partly done</th><th>Ruptures opened, repaired</th></tr></thead>
<tbody>
{{range .Runs}}<tr id="{{.ID}}"><td class="who">{{.Name}}{{with .File}}<br><span class="meta">{{.}}</span>{{end}}</td><td class="course{{if .D.Result.Dropped}} dropped{{end}}">{{.Course}}</td><td class="num">{{.OQ}}</td><td>{{.D.Result.Outcome}}{{if not .D.Done}} <span class="meta">(so far)</span>{{end}}</td><td class="num">{{.D.Result.HomeworkSet}}, {{.D.Result.HomeworkFull}}, {{.D.Result.HomeworkPartial}}</td><td class="num">{{.D.Result.RupturesOpened}}, {{.D.Result.RupturesRepaired}}</td></tr>
{{end}}</tbody>
</table>

<h3>Competence profiles</h3>
<p class="meta">Each skill’s score is the mean credit of its opportunities in the run (1 done well, {{.C.Scenario.Rubric.Partial}} done but not well, 0 missed or its opposite done); the bar under it shows each opportunity in the order of the run; – is a skill the run gave no opportunity for.</p>
<p class="legend">{{range grades}}<span>{{glyph .}} {{words .}}</span>{{end}}</p>
<div class="scroll"><table class="profile">
<thead><tr><th></th>{{range .Areas}}<th class="area" colspan="{{len .Skills}}">{{.Name}}</th>{{end}}</tr>
<tr><th>Trainee</th>{{range .Areas}}{{range .Skills}}<th class="skill" title="{{.Explain}}"><span>{{.Name}}</span></th>{{end}}{{end}}</tr></thead>
<tbody>
{{range .Runs}}<tr><td class="who"><a href="#{{.ID}}">{{.Name}}</a></td>{{range .Cells}}{{if .Scored}}<td class="cell" title="{{.Words}}">{{.Percent}}<div class="bar">{{range .Ops}}<span class="g-{{.}}"></span>{{end}}</div></td>{{else}}<td class="none" title="{{.Words}}">–</td>{{end}}{{end}}</tr>
{{end}}</tbody>
<tfoot><tr><th>Class median</th>{{range .Spread}}<td>{{.Median}}{{if .Unscored}}<br><span class="meta">{{.Unscored}} without</span>{{end}}</td>{{end}}</tr></tfoot>
</table></div>

<h3>Moments to talk over</h3>
{{with .Points}}<p class="meta">The moments where the course asked a check-in, or that a trainee wrote recall of: who took which option, what they noticed in themselves as they chose, and what they recall of it.</p>
{{range .}}{{template "point" (point . $c)}}{{end}}{{else}}<p class="meta">The course asked no check-in in these runs, and no trainee has written recall yet.</p>
{{end}}
{{with .Others}}<details><summary>Other moments where the paths parted ({{len .}})</summary>
{{range .}}{{template "point" (point . $c)}}{{end}}</details>
{{end}}</section>
{{end}}
<p class="meta">Made by TheraSim from the class’s recorded runs; the recordings themselves are unchanged.</p>
</body>
</html>
`
