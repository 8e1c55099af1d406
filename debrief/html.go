package debrief

import (
	"fmt"
	"html"
	"html/template"
	"io"
	"strings"

	"github.com/therasim/therasim/competence"
	"github.com/therasim/therasim/sim"
)

// WriteHTML writes a self-contained report of d: the timeline chart (inline
// SVG), the outcome, the notes, and every choice with both perspectives and
// the changes with each rule's sentence. It fetches nothing (inline CSS, no
// scripts, no external fonts or images), so it opens offline, and its
// print style keeps each choice on one page.
//
// Its competence profile gives each skill of the rubric, by area, its score
// with a bar of its opportunities and links to the choices behind it; each
// choice names the skills it was an opportunity for and their grades, and
// sets the trainee's check-in and recall beside the client's inner
// experience, apart from the instructor's notes.
func WriteHTML(w io.Writer, d *Debrief) error {
	return report.Execute(w, reportData{D: d, Chart: template.HTML(SVG(d, nil, 1600, 900)), Profile: ProfileOf(d)})
}

type reportData struct {
	D       *Debrief
	Chart   template.HTML
	Profile []AreaView
}

var report = template.Must(template.New("report").Funcs(reportFuncs).Parse(reportHTML + partsHTML))

// reportFuncs are the functions of the report's template and the class
// summary's.
var reportFuncs = template.FuncMap{
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
	"strains":  strains,
	"glyph":    gradeGlyph,
	"gradeCSS": gradeCSS,
	"judged":   judged,
	"pulls":    chosenPulls,
	"grades":   grades,
	"recall": func(r []sim.Recall, heading string) recallBox {
		return recallBox{Recall: r, Heading: heading}
	},
	"words":   GradeWords,
	"percent": Percent,
	"count":   Count,
	"names": func(sks []*sim.Skill) string {
		var out []string
		for _, sk := range sks {
			out = append(out, sk.Name)
		}
		return strings.Join(out, "; ")
	},
}

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

// An AreaView is one area of a run's competence profile as the reports
// show it.
type AreaView struct {
	Area string // sim.AreaHomework or sim.AreaAlliance
	Name string // AreaName
	// Mean is the mean score of the area's scored skills, Scored how many
	// were scored (competence.Profile.Area).
	Mean   float64
	Scored int
	// Skills are the scored skills, in the rubric's order; Unscored those
	// the run gave no opportunity for.
	Skills   []SkillView
	Unscored []*sim.Skill
}

// A SkillView is one scored skill of a run's profile.
type SkillView struct {
	Skill *sim.Skill
	Score *competence.Score
	// Words says what the run made of it (OpportunityWords).
	Words string
	// Opportunities are the grades of its opportunities in the order of
	// the run (competence.Score.Opportunities).
	Opportunities []sim.Grade
}

// ProfileOf returns the competence profile of d by area (homework, then
// the alliance), as the HTML report shows it; an area the rubric has no
// skill of is left out.
func ProfileOf(d *Debrief) []AreaView {
	return areaViews(d.Profile())
}

func areaViews(p *competence.Profile) []AreaView {
	var out []AreaView
	for _, a := range p.Areas() {
		v := AreaView{Area: a.Area, Name: AreaName(a.Area), Mean: a.Mean, Scored: a.Scored}
		for _, s := range a.Scores {
			if !s.Scored() {
				v.Unscored = append(v.Unscored, s.Skill)
				continue
			}
			v.Skills = append(v.Skills, SkillView{Skill: s.Skill, Score: s, Words: OpportunityWords(s), Opportunities: s.Opportunities()})
		}
		out = append(out, v)
	}
	return out
}

// AreaName names an area of the rubric for a heading: "Homework between
// sessions (BSH)", "The working alliance".
func AreaName(area string) string {
	switch area {
	case sim.AreaHomework:
		return "Homework between sessions (BSH)"
	case sim.AreaAlliance:
		return "The working alliance"
	}
	return area
}

// OpportunityWords says what a run made of a skill's opportunities: "done
// well in 3 of 4 opportunities; missed in 1", "done well in 0 of 2
// opportunities; done but not well in 1, the opposite done in 1", or "no
// opportunity in this run".
func OpportunityWords(s *competence.Score) string {
	ops := s.Opportunities()
	if len(ops) == 0 {
		return "no opportunity in this run"
	}
	out := fmt.Sprintf("done well in %d of %s", s.Count(sim.Well), Count(len(ops), "opportunity", "opportunities"))
	var rest []string
	for _, g := range []struct {
		grade sim.Grade
		words string
	}{{sim.Partly, "done but not well in %d"}, {sim.Missed, "missed in %d"}, {sim.Against, "the opposite done in %d"}} {
		if n := s.Count(g.grade); n > 0 {
			rest = append(rest, fmt.Sprintf(g.words, n))
		}
	}
	if len(rest) > 0 {
		out += "; " + strings.Join(rest, ", ")
	}
	return out
}

// judgedSkill is a skill a choice was an opportunity for, and its grade there.
type judgedSkill struct {
	Skill *sim.Skill
	Grade sim.Grade
}

// judged returns the skills choice m of d was an opportunity for, in the
// rubric's order, with their grades.
func judged(d *Debrief, m Moment) []judgedSkill {
	skills := d.Scenario.Rubric().Skills
	var out []judgedSkill
	for _, mk := range m.Marks {
		if mk.Skill >= 0 && mk.Skill < len(skills) {
			out = append(out, judgedSkill{skills[mk.Skill], mk.Grade})
		}
	}
	return out
}

// chosenPulls returns the pulls the trainee noticed at m's check-in, in
// the order they chose them; a pull the scenario no longer offers keeps
// its id as its text.
func chosenPulls(m Moment) []sim.Pull {
	if m.CheckIn == nil {
		return nil
	}
	var out []sim.Pull
	for _, id := range m.CheckIn.Pulls {
		if m.Asked != nil {
			if p := m.Asked.Pull(id); p != nil {
				out = append(out, *p)
				continue
			}
		}
		out = append(out, sim.Pull{ID: id, Text: id})
	}
	return out
}

// recallBox is the trainee's recall of a moment under a heading: "Your
// recall" in the report a trainee reads, "Their recall (IPR)" in the
// supervisor's summary.
type recallBox struct {
	Recall  []sim.Recall
	Heading string
}

// grades are the grades, best first, as a legend lists them.
func grades() []sim.Grade { return []sim.Grade{sim.Well, sim.Partly, sim.Missed, sim.Against} }

// gradeGlyph draws a grade's glyph (GradeStyle) as a small inline SVG,
// labelled with the grade's words, so that a grade never rests on colour
// alone.
func gradeGlyph(g sim.Grade) template.HTML {
	st := GradeStyle(g)
	return template.HTML(fmt.Sprintf(`<svg class="glyph" viewBox="0 0 12 12" role="img" aria-label="%s"><path d="%s" fill="%s"/></svg>`,
		html.EscapeString(st.Name), path(st.Glyph.Outline(6, 6, 12)), hex(st.Color)))
}

// gradeCSS is the style of the grades: g-GRADE fills a bar's segment,
// t-GRADE colours the grade's words.
func gradeCSS() template.CSS {
	var sb strings.Builder
	for _, g := range grades() {
		st := GradeStyle(g)
		text := st.Color
		if g == sim.Missed {
			text = Ink.Muted
		}
		fmt.Fprintf(&sb, ".g-%s { background: %s; } .t-%s { color: %s; }\n", g, hex(st.Color), g, hex(text))
	}
	return template.CSS(sb.String())
}

// partsHTML are the parts the report and the class's summary share: a
// moment's check-in (given the Moment) and the trainee's recall of it
// (given a recallBox), and the CSS of both and of the grades.
const partsHTML = `{{define "checkin"}}{{$m := .}}{{with $m.Asked}}<div class="checkin">
<h5>Check-in: what the trainee noticed in themselves</h5>
<p class="meta">{{.Question}}</p>
{{with $m.CheckIn}}{{with pulls $m}}<ul class="pulls">{{range .}}<li>{{.Text}}{{with .Tends}}<br><span class="tends">The author: {{.}}</span>{{end}}</li>{{end}}</ul>
{{end}}{{with .Text}}<p>In their own words: “{{.}}”</p>
{{end}}{{if not (or .Pulls .Text)}}<p class="meta">They noticed nothing they chose to name.</p>
{{end}}{{else}}<p class="meta">No answer is recorded.</p>
{{end}}</div>
{{end}}{{end}}{{define "recall"}}{{$h := .Heading}}{{with .Recall}}<div class="recall">
<h5>{{$h}}</h5>
{{range .}}<p>{{.Text}}{{if .Time}} <span class="meta">({{.Time}})</span>{{end}}</p>
{{end}}</div>
{{end}}{{end}}{{define "gradeCSS"}}{{gradeCSS}}
.glyph { width: .9em; height: .9em; vertical-align: -.1em; }
.legend span { margin-right: 1.2rem; white-space: nowrap; }
.bar { display: flex; gap: 3px; height: .9rem; max-width: 30rem; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.bar span { flex: 1; border-radius: 3px; }
.checkin, .recall { border-radius: 4px; padding: .3rem .6rem; margin: .5rem 0; }
.checkin { background: #e3eef3; border-left: 4px solid #235f7e; }
.recall { background: #e9f3ee; border-left: 4px solid #1b6e4f; }
.checkin h5, .recall h5 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: #444; margin: .1rem 0 .2rem; }
.checkin p, .recall p { margin: .2rem 0; }
ul.pulls { margin: .2rem 0; padding-left: 1.2rem; }
.tends { color: #444; font-size: .92em; }
@media print { .checkin, .recall { background: none; border: 1px solid #999; } }
{{end}}`

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
{{template "gradeCSS"}}
.profile h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
.skill { display: grid; grid-template-columns: 17rem 1fr; gap: .1rem 1.2rem; padding: .5rem 0; border-top: 1px solid #e8e3da; }
.skill-head { grid-row: span 3; }
.skill-head .score { display: block; font-size: 1.5rem; font-weight: bold; }
.skill p { margin: .1rem 0; }
.explain { color: #333; font-size: .92em; }
.source { color: #555; font-size: .9em; font-style: italic; }
.moments a { white-space: nowrap; }
.judged { margin: .5rem 0 0; font-size: .92em; }
.judged a { color: inherit; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  .moment, .note, figure { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .week, .note { background: none; border: 1px solid #999; }
  .skill { break-inside: avoid; page-break-inside: avoid; }
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
{{with .Profile}}<section class="profile">
<h2 id="profile">Competence profile</h2>
<p class="meta">Each skill of the course’s rubric is scored at its opportunities, the moments where it was possible: 1 done well, {{$.D.Scenario.Rubric.Partial}} done but not well, 0 missed or its opposite done. The bar shows each opportunity in the order of the run; the choices behind it link to the transcript below.</p>
<p class="legend">{{range grades}}<span>{{glyph .}} {{words .}}</span>{{end}}</p>
{{range .}}<h3>{{.Name}}{{if .Scored}} <span class="meta">· mean {{percent .Mean}} over {{count .Scored "skill" "skills"}} scored</span>{{end}}</h3>
{{range .Skills}}<div class="skill" id="skill-{{.Skill.ID}}">
<div class="skill-head"><span class="score">{{percent .Score.Value}}</span>{{.Skill.Name}}</div>
<div class="bar" role="img" aria-label="{{.Words}}">{{range .Opportunities}}<span class="g-{{.}}"></span>{{end}}</div>
<p class="words">{{.Words}}</p>
<p class="explain">{{.Skill.Explain}}{{with .Skill.Source}} <span class="source">Source: {{.}}</span>{{end}}</p>
<p class="moments" style="grid-column: 2">The choices: {{range $i, $m := .Score.Moments}}{{if $i}}, {{end}}<a href="#choice-{{$m.Choice}}">{{glyph $m.Grade}} choice {{$m.Choice}}</a> <span class="t-{{$m.Grade}}">({{words $m.Grade}})</span>{{end}}</p>
</div>
{{end}}{{with .Unscored}}<p class="meta">No opportunity in this run: {{names .}}.</p>
{{end}}{{end}}</section>
{{end}}
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
{{template "checkin" $m}}<ol class="offers">{{range $m.Offers}}<li{{if chosen $m .}} class="chosen"{{end}}>{{.Text}} <span class="rule">[{{.Act}}]</span></li>{{end}}</ol>
{{template "recall" (recall $m.Recall "Your recall")}}</div>
<div class="client">
<h4>The client’s side</h4>
{{with $m.Inner}}<p class="inner">{{.}}</p>{{end}}
{{with $m.Offer.Inner}}<p class="inner">On the response: {{.}}</p>{{end}}
<ul class="changes">{{range own $m}}{{template "event" (describe $d.Scenario .)}}{{end}}</ul>
</div>
</div>
{{with judged $d $m}}<p class="judged">An opportunity for: {{range $i, $j := .}}{{if $i}} · {{end}}<a href="#skill-{{$j.Skill.ID}}">{{$j.Skill.Name}}</a> {{glyph $j.Grade}} <span class="t-{{$j.Grade}}">{{words $j.Grade}}</span>{{end}}</p>
{{end}}{{with week $m}}<div class="week"><ul class="changes">{{range .}}{{template "event" (describe $d.Scenario .)}}{{end}}</ul></div>{{end}}
{{range $m.Notes}}<div class="note">{{.Text}}{{if .Author}} — {{.Author}}{{end}}{{if .Time}} <span class="meta">({{.Time}})</span>{{end}}</div>{{end}}
</section>
{{end}}
<p class="meta">Made by TheraSim {{.D.Header.Engine}} from a recorded run; the recording itself is unchanged.</p>
</body>
</html>
{{define "event"}}{{with .}}<li><span class="{{tone .Tone}}">{{.HeadAndModel}}</span>{{with .Values}} ({{.}}){{end}}{{with .Explain}}: {{.}}{{end}}{{with .Quote}} <q>{{.}}</q>{{end}}{{with .Rule}} <span class="rule">({{.}})</span>{{end}}{{with .By}} <span class="rule">({{.}})</span>{{end}}</li>{{end}}{{end}}`
