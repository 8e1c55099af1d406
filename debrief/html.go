package debrief

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/therasim/therasim/sim"
)

// WriteHTML writes a self-contained report of d: the timeline chart (inline
// SVG), the outcome, the notes, and every choice with both perspectives and
// the changes with each rule's sentence. It fetches nothing (inline CSS, no
// scripts, no external fonts or images), so it opens offline, and its
// print style keeps each choice on one page.
func WriteHTML(w io.Writer, d *Debrief) error {
	return report.Execute(w, reportData{D: d, Chart: template.HTML(SVG(d, nil, 1600, 900))})
}

type reportData struct {
	D     *Debrief
	Chart template.HTML
}

var report = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct": func(x float64) string { return fmt.Sprintf("%.2f", x) },
	// describe is Describe for a template: nil for events shown otherwise.
	"describe": func(sc *sim.Scenario, e sim.Event) *Description {
		if d, ok := Describe(e, sc); ok {
			return &d
		}
		return nil
	},
	"tone": func(t Tone) string {
		switch t {
		case Good:
			return "up"
		case Bad:
			return "down"
		}
		return ""
	},
	"week":   func(m Moment) []sim.Event { return m.Changes[m.Week():] },
	"own":    func(m Moment) []sim.Event { return m.Changes[:m.Week()] },
	"chosen": func(m Moment, o sim.Offer) bool { return o.Number == m.Chosen },
	"newSession": func(ms []Moment, i int) bool {
		return i == 0 || ms[i-1].Session != ms[i].Session
	},
	"title": func(sc *sim.Scenario, n int) string {
		if n >= 1 && n <= len(sc.Sessions) {
			return sc.Sessions[n-1].Title
		}
		return ""
	},
	"vars": func(sc *sim.Scenario, m Moment) string {
		return strings.Join(m.Variables(sc), "; ")
	},
	"strains": strains,
}).Parse(reportHTML))

// strains says, after the ruptures' counts, how many the client began
// (sim.State.RupturesByClient: at the scenario's moments or of their own
// accord) and how many repairs did not take: "; 1 begun by Jo; 1 repair
// did not take"; "" when neither happened.
func strains(d *Debrief) string {
	began, failed := 0, 0
	count := func(ev []sim.Event) {
		for _, e := range ev {
			switch {
			case e.Kind == sim.RuptureOpened && e.Rule == byClient:
				began++
			case e.Kind == sim.RepairFailed:
				failed++
			}
		}
	}
	count(d.Opening)
	for i := range d.Moments {
		count(d.Moments[i].Changes)
	}
	var out string
	if began > 0 {
		who := firstName(d.Scenario)
		if who == "The client" {
			who = "the client"
		}
		out += fmt.Sprintf("; %d begun by %s", began, who)
	}
	if failed > 0 {
		out += "; " + Count(failed, "repair", "repairs") + " did not take"
	}
	return out
}

const reportHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Debrief: {{.D.Scenario.Title}} — {{.D.Header.Trainee}}</title>
<style>
body { font-family: "Noto Sans", "Helvetica Neue", Arial, sans-serif; color: #1e1e1e; max-width: 62rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #ccc; margin-top: 2rem; }
.meta { color: #555; }
.chart { width: 100%; border: 1px solid #ddd; }
table.result td, table.result th { text-align: left; padding: .1rem 1rem .1rem 0; }
.moment { border: 1px solid #ccc; border-radius: 6px; padding: .6rem .9rem; margin: 1rem 0; }
.moment h3 { font-size: 1rem; margin: 0 0 .4rem; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }
.sides h4 { font-size: .85rem; text-transform: uppercase; letter-spacing: .05em; color: #555; margin: .2rem 0; }
.says { margin: .2rem 0; }
.cues { font-style: italic; color: #555; }
ol.offers { padding-left: 1.4rem; margin: .3rem 0; }
ol.offers li.chosen { font-weight: bold; }
ol.offers li.chosen::after { content: "  ← chosen"; color: #0072b2; }
.inner { font-style: italic; }
ul.changes { padding-left: 1.2rem; margin: .3rem 0; }
.rule { color: #555; font-size: .85em; }
.up { color: #00734f; } .down { color: #b03000; }
.week { background: #f4f4f4; border-radius: 4px; padding: .3rem .6rem; margin-top: .5rem; }
.note { background: #fff6d5; border-left: 4px solid #e6a000; padding: .3rem .6rem; margin: .4rem 0; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  .moment, .note, figure { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .week, .note { background: none; border: 1px solid #999; }
  ol.offers li.chosen::after { color: #000; }
}
</style>
</head>
<body>
<h1>Debrief: {{.D.Scenario.Title}}</h1>
<p class="meta">Trainee {{.D.Header.Trainee}} · scenario {{.D.Header.Scenario}} · seed {{.D.Header.Seed}} · started {{.D.Header.Started}} · {{len .D.Moments}} choices{{if .D.Header.Assess}} · played in assessment mode{{end}}{{if .D.Branch}} · a “what if” from choice {{.D.Branch}}{{end}}</p>

<figure>
<div class="chart">{{.Chart}}</div>
<figcaption class="meta">Bond, task, goal, hope and the dropout risk (0–1, left) and the OQ-45 (0–180, right) after each choice, the sessions as bands; under the choices, ruptures and repairs that did not take in the first lane of marks, and the week’s homework outcome, not-on-track signal, life events and dropout in the second.</figcaption>
</figure>

<h2>Outcome</h2>
<table class="result">
<tr><th>Course</th><td>{{if .D.Done}}{{if .D.Result.Dropped}}the client dropped out after session {{.D.Result.Attended}}{{else}}complete ({{.D.Result.Attended}} sessions){{end}}{{else}}the recording stops in session {{.D.Result.Attended}}{{end}}</td></tr>
<tr><th>OQ-45</th><td>{{.D.Result.Intake}} at intake, {{.D.Result.Final}} last: {{.D.Result.Outcome}}</td></tr>
<tr><th>Homework</th><td>{{.D.Result.HomeworkSet}} set, {{.D.Result.HomeworkFull}} done, {{.D.Result.HomeworkPartial}} partly done</td></tr>
<tr><th>Ruptures</th><td>{{.D.Result.RupturesOpened}} opened, {{.D.Result.RupturesRepaired}} repaired, {{.D.Result.RupturesEased}} eased{{strains .D}}</td></tr>
</table>
{{with .D.Notes}}<h2>Notes on the run</h2>{{range .}}<div class="note">{{.Text}}{{if .Author}} — {{.Author}}{{end}}{{if .Time}} <span class="meta">({{.Time}})</span>{{end}}</div>{{end}}{{end}}

{{$d := .D}}{{with .D.ClientOpening}}<h2>Before the first choice</h2>
<ul class="changes">{{range .}}{{template "event" (describe $d.Scenario .)}}{{end}}</ul>
{{end}}{{range $i, $m := .D.Moments}}{{if newSession $d.Moments $i}}<h2>Session {{$m.Session}}{{with title $d.Scenario $m.Session}}: {{.}}{{end}}</h2>{{end}}
<section class="moment" id="choice-{{$m.N}}">
<h3>Choice {{$m.N}} <span class="meta">(beat {{$m.Beat}})</span></h3>
<div class="sides">
<div class="trainee">
<h4>The trainee’s side</h4>
{{range $m.Lines}}<p class="says">“{{.Text}}”{{with .Cues}} <span class="cues">({{.}})</span>{{end}}</p>{{end}}
{{with vars $d.Scenario $m}}<p class="meta">The scenario’s variables when the choice came: {{.}}</p>{{end}}
<ol class="offers">{{range $m.Offers}}<li{{if chosen $m .}} class="chosen"{{end}}>{{.Text}} <span class="rule">[{{.Act}}]</span></li>{{end}}</ol>
</div>
<div class="client">
<h4>The client’s side</h4>
{{with $m.Inner}}<p class="inner">{{.}}</p>{{end}}
{{with $m.Offer.Inner}}<p class="inner">On the response: {{.}}</p>{{end}}
<ul class="changes">{{range own $m}}{{template "event" (describe $d.Scenario .)}}{{end}}</ul>
</div>
</div>
{{with week $m}}<div class="week"><ul class="changes">{{range .}}{{template "event" (describe $d.Scenario .)}}{{end}}</ul></div>{{end}}
{{range $m.Notes}}<div class="note">{{.Text}}{{if .Author}} — {{.Author}}{{end}}{{if .Time}} <span class="meta">({{.Time}})</span>{{end}}</div>{{end}}
</section>
{{end}}
<p class="meta">Made by TheraSim {{.D.Header.Engine}} from a recorded run; the recording itself is unchanged.</p>
</body>
</html>
{{define "event"}}{{with .}}<li><span class="{{tone .Tone}}">{{.HeadAndModel}}</span>{{with .Values}} ({{.}}){{end}}{{with .Explain}}: {{.}}{{end}}{{with .Quote}} <q>{{.}}</q>{{end}}{{with .Rule}} <span class="rule">({{.}})</span>{{end}}{{with .By}} <span class="rule">({{.}})</span>{{end}}</li>{{end}}{{end}}`
