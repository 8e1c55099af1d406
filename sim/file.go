package sim

import (
	"fmt"
	"strconv"
)

// The types in this file mirror the TOML of scenarios and of the model file
// one to one. Loading decodes into them, then compiles them into the checked,
// immutable Scenario that runs use. docs/format.md documents every key.

// modelFile is the default rule set and the week's parameters.
type modelFile struct {
	Week          Params                       `toml:"week"`
	Dynamics      *Dynamics                    `toml:"dynamics"`
	Rules         []ruleFile                   `toml:"rules"`
	HomeworkWords map[string]homeworkWordsFile `toml:"homework_words"`
	Rubric        *rubricFile                  `toml:"rubric"`
}

// rubricFile is the competence rubric (rubric.go): the credit for a skill
// done but not done well, and the skills.
type rubricFile struct {
	Partial *float64    `toml:"partial"`
	Skills  []skillFile `toml:"skills"`
}

// skillFile is one skill of the rubric.
type skillFile struct {
	ID       string   `toml:"id"`
	Area     string   `toml:"area"`
	Name     string   `toml:"name"`
	Explain  string   `toml:"explain"`
	Source   string   `toml:"source"`
	Offered  []string `toml:"offered"`
	When     string   `toml:"when"`
	Done     string   `toml:"done"`
	Well     string   `toml:"well"`
	Against  string   `toml:"against"`
	Per      string   `toml:"per"`
	Disabled bool     `toml:"disabled"`
}

// homeworkWordsFile is what the client says about a task of one kind,
// for each completion.
type homeworkWordsFile struct {
	Full    string `toml:"full"`
	Partial string `toml:"partial"`
	None    string `toml:"none"`
}

// scenarioFile is one scenario.
type scenarioFile struct {
	Scenario      metaFile                     `toml:"scenario"`
	Client        clientFile                   `toml:"client"`
	Variables     map[string]startValue        `toml:"variables"`
	Sessions      []sessionFile                `toml:"sessions"`
	Events        []eventFile                  `toml:"events"`
	Rules         []ruleFile                   `toml:"rules"`
	HomeworkWords map[string]homeworkWordsFile `toml:"homework_words"`
	Population    *populationFile              `toml:"population"`
	Rubric        *rubricFile                  `toml:"rubric"`
}

// populationFile gives the spread of each trait and starting value among
// the clients a cohort draws; a name left out varies by a default amount
// around the authored client.
type populationFile struct {
	Reactance        *spreadFile `toml:"reactance"`
	Motivation       *spreadFile `toml:"motivation"`
	Attachment       *spreadFile `toml:"attachment"`
	HomeworkAttitude *spreadFile `toml:"homework_attitude"`
	Mindedness       *spreadFile `toml:"mindedness"`
	Support          *spreadFile `toml:"support"`
	Bond             *spreadFile `toml:"bond"`
	Task             *spreadFile `toml:"task"`
	Goal             *spreadFile `toml:"goal"`
	Hope             *spreadFile `toml:"hope"`
	Symptoms         *spreadFile `toml:"symptoms"`
}

type spreadFile struct {
	Mean *float64 `toml:"mean"`
	SD   *float64 `toml:"sd"`
}

type metaFile struct {
	ID          string   `toml:"id"`
	Title       string   `toml:"title"`
	Approach    string   `toml:"approach"`
	Language    string   `toml:"language"`
	Author      string   `toml:"author"`
	Description string   `toml:"description"`
	Objectives  []string `toml:"objectives"`
}

type clientFile struct {
	Name       string       `toml:"name"`
	Age        int          `toml:"age"`
	Pronouns   string       `toml:"pronouns"`
	Presenting string       `toml:"presenting"`
	Background string       `toml:"background"`
	Goal       string       `toml:"goal"`
	Traits     *Traits      `toml:"traits"`
	Initial    *initialFile `toml:"initial"`
	Appearance Appearance   `toml:"appearance"`
	// RuptureProneness: see Client.RuptureProneness.
	RuptureProneness *float64 `toml:"rupture_proneness"`
}

type initialFile struct {
	Bond     *float64 `toml:"bond"`
	Task     *float64 `toml:"task"`
	Goal     *float64 `toml:"goal"`
	Hope     *float64 `toml:"hope"`
	Symptoms *float64 `toml:"symptoms"`
}

type sessionFile struct {
	ID    string     `toml:"id"`
	Title string     `toml:"title"`
	Focus string     `toml:"focus"`
	Start string     `toml:"start"`
	Beats []beatFile `toml:"beats"`
}

type beatFile struct {
	ID      string       `toml:"id"`
	Inner   string       `toml:"inner"`
	Next    string       `toml:"next"`
	Says    []sayFile    `toml:"says"`
	Options []optionFile `toml:"options"`
	CheckIn *checkInFile `toml:"check_in"`
	momentFile
}

// checkInFile asks the trainee what they notice in themselves at a beat.
type checkInFile struct {
	Question string     `toml:"question"`
	Pulls    []pullFile `toml:"pulls"`
}

type pullFile struct {
	ID    string `toml:"id"`
	Text  string `toml:"text"`
	Tends string `toml:"tends"`
}

type sayFile struct {
	When  string `toml:"when"`
	Text  string `toml:"text"`
	Cues  string `toml:"cues"`
	Inner string `toml:"inner"`
	momentFile
}

// momentFile is what the client does on their own when a beat is reached
// or a line is said: set variables, change state, open a rupture.
type momentFile struct {
	Set      map[string]setValue `toml:"set"`
	Effects  effectsFile         `toml:"effects"`
	Opens    string              `toml:"opens"`
	Severity amount              `toml:"severity"`
	Explain  string              `toml:"explain"`
}

type optionFile struct {
	ID      string `toml:"id"`
	Text    string `toml:"text"`
	Act     string `toml:"act"`
	Next    string `toml:"next"`
	When    string `toml:"when"`
	Inner   string `toml:"inner"`
	Explain string `toml:"explain"`
	// Intended is what the author means the move to teach: "good" or
	// "poor" (IntendedGood, IntendedPoor).
	Intended string              `toml:"intended"`
	Attrs    *Attrs              `toml:"attrs"`
	Effects  effectsFile         `toml:"effects"`
	Set      map[string]setValue `toml:"set"`
}

type eventFile struct {
	ID      string              `toml:"id"`
	After   int                 `toml:"after_session"`
	When    string              `toml:"when"`
	Text    string              `toml:"text"`
	Inner   string              `toml:"inner"`
	Effects effectsFile         `toml:"effects"`
	Set     map[string]setValue `toml:"set"`
}

type ruleFile struct {
	ID       string      `toml:"id"`
	Source   string      `toml:"source"`
	Acts     []string    `toml:"acts"`
	When     string      `toml:"when"`
	Explain  string      `toml:"explain"`
	Effects  effectsFile `toml:"effects"`
	Opens    string      `toml:"opens"`
	Severity amount      `toml:"severity"`
	Repairs  bool        `toml:"repairs"`
	Disabled bool        `toml:"disabled"`
}

// effectsFile holds the changes a rule, option or event makes. Each amount
// is a number or an expression; unset amounts change nothing. Effects apply
// in the order of the fields here, whatever the order in the file.
type effectsFile struct {
	Bond     amount `toml:"bond"`
	Task     amount `toml:"task"`
	Goal     amount `toml:"goal"`
	Hope     amount `toml:"hope"`
	Symptoms amount `toml:"symptoms"`
	Rupture  amount `toml:"rupture"`
}

// amount is a TOML number or a string holding an expression.
type amount struct {
	set  bool
	src  string  // expression source, or the number as written
	num  float64 // the number when constant
	expr bool
}

// UnmarshalTOML implements toml.Unmarshaler.
func (a *amount) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case int64:
		*a = amount{set: true, src: strconv.FormatInt(v, 10), num: float64(v)}
	case float64:
		*a = amount{set: true, src: strconv.FormatFloat(v, 'g', -1, 64), num: v}
	case string:
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			*a = amount{set: true, src: v, num: f}
			return nil
		}
		*a = amount{set: true, src: v, expr: true}
	default:
		return fmt.Errorf("want a number or an expression in quotes, not a %T", v)
	}
	return nil
}

// startValue is a variable's value before the first session: true or
// false for a flag, a number for a counter.
type startValue struct {
	set  bool
	flag bool
	num  float64
}

// UnmarshalTOML implements toml.Unmarshaler.
func (v *startValue) UnmarshalTOML(x any) error {
	switch x := x.(type) {
	case bool:
		*v = startValue{set: true, flag: true}
		if x {
			v.num = 1
		}
	case int64:
		*v = startValue{set: true, num: float64(x)}
	case float64:
		*v = startValue{set: true, num: x}
	default:
		return fmt.Errorf("want true or false (a flag) or a number (a counter), not %v", x)
	}
	return nil
}

// setValue is what a set table gives a variable: true or false, a number,
// or an expression in quotes.
type setValue struct {
	lit  any // bool or float64, when written as one
	src  string
	expr bool
}

// UnmarshalTOML implements toml.Unmarshaler.
func (v *setValue) UnmarshalTOML(x any) error {
	switch x := x.(type) {
	case bool:
		*v = setValue{lit: x, src: strconv.FormatBool(x)}
	case int64:
		*v = setValue{lit: float64(x), src: strconv.FormatInt(x, 10)}
	case float64:
		*v = setValue{lit: x, src: strconv.FormatFloat(x, 'g', -1, 64)}
	case string:
		*v = setValue{src: x, expr: true}
	default:
		return fmt.Errorf("want true, false, a number or an expression in quotes, not %v", x)
	}
	return nil
}
