package schema

import (
	"reflect"
	"strings"

	"github.com/therasim/therasim/sim"
)

// The files' roots.
var (
	scenarioRoot = root{
		title: "TheraSim scenario",
		description: "A TheraSim scenario: the client and the sessions a trainee plays with them. " +
			"docs/format.md explains every key; `therasim check FILE` finds what this schema cannot " +
			"(a next that names no beat, an expression that does not compile, a beat that cannot be reached).",
		required: map[string][]string{"": {"scenario", "client", "sessions"}},
	}
	modelRoot = root{
		title: "TheraSim model",
		description: "The process model every scenario inherits: the parameters of the week between " +
			"sessions, what clients bring of their own (optional), the rules and the client's words " +
			"about homework. docs/model.md explains it.",
		required: map[string][]string{
			"":               {"week", "homework_words"},
			"homework_words": {"other"},
		},
	}
)

// everyKey, alone in a required list, requires every key of the table.
const everyKey = "*"

// required lists the keys each table must have, by TOML path: what
// 'therasim check' reports as missing. A table of a list is named by the
// list's path.
var required = map[string][]string{
	"scenario":                      {"id", "title"},
	"client":                        {"name", "traits", "initial"},
	"client.traits":                 {everyKey},
	"client.initial":                {everyKey},
	"sessions":                      {"id", "beats"},
	"sessions.beats":                {"id", "says"},
	"sessions.beats.options":        {"text", "act", "next"},
	"events":                        {"id", "after_session", "text"},
	"rules":                         {"id"},
	"rubric.skills":                 {"id"},
	"sessions.beats.check_in.pulls": {"id", "text", "tends"},
	"homework_words.*":              {"full", "partial", "none"},
	"week":                          {everyKey},
	"dynamics":                      {everyKey},
}

// A limit is the range a number must be in; hi <= lo means no upper limit.
type limit struct{ lo, hi float64 }

// limits holds the range of each number that has one, by TOML path.
var limits = func() map[string]limit {
	m := map[string]limit{
		"client.initial.bond":                     {0, 1},
		"client.initial.task":                     {0, 1},
		"client.initial.goal":                     {0, 1},
		"client.initial.hope":                     {0, 1},
		"client.initial.symptoms":                 {0, 180},
		"sessions.beats.options.attrs.difficulty": {0, 1},
		"sessions.beats.options.attrs.warmth":     {0, 1},
		"events.after_session":                    {1, 0},
		"client.rupture_proneness":                {0, 3},
		"rubric.partial":                          {0, 1},
	}
	for _, t := range traits {
		m["client.traits."+t.name] = limit{0, 1}
	}
	for _, n := range populationNames() {
		hi := 1.0
		if n == "symptoms" {
			hi = 180
		}
		m["population."+n+".mean"] = limit{0, hi}
		m["population."+n+".sd"] = limit{0, hi}
	}
	// The model's dynamics, as sim checks them: every chance, weight and
	// severity from 0 to 1, a setback in OQ-45 points, the window in
	// choices.
	t := reflect.TypeOf(sim.Dynamics{})
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		k := "dynamics." + f.Tag.Get("toml")
		switch {
		case f.Name == "SetbackSize":
			m[k] = limit{0, sim.MaxOQ}
		case f.Type.Kind() == reflect.Float64:
			m[k] = limit{0, 1}
		case f.Type.Kind() == reflect.Int:
			m[k] = limit{1, sim.MaxSessionChoices}
		}
	}
	return m
}()

// patterns holds the pattern of each text that has one, by TOML path.
var patterns = map[string]string{
	"scenario.id":                      "^[a-z0-9][a-z0-9_-]*$",
	"sessions.beats.options.id":        "^[a-z0-9][a-z0-9_-]*$",
	"sessions.beats.check_in.pulls.id": "^[a-z0-9][a-z0-9_-]*$",
	"rubric.skills.id":                 "^[a-z0-9][a-z0-9_-]*$",
}

// A value is one of a closed set of values, with its meaning.
type value struct{ value, meaning string }

// enums holds the closed sets of values, by TOML path.
var enums = func() map[string][]value {
	var acts []value
	for _, a := range sim.Acts() {
		acts = append(acts, value{string(a), actMeanings[a]})
	}
	opens := []value{
		{"withdrawal", "The client goes quiet, defers or changes the subject."},
		{"confrontation", "The client complains or challenges the therapist."},
	}
	return map[string][]value{
		"sessions.beats.options.act": acts,
		"rules.acts":                 acts,
		"rules.opens":                opens,
		"dynamics.feedback_acts":     acts,
		"sessions.beats.opens":       opens,
		"sessions.beats.says.opens":  opens,
		"rubric.skills.offered":      acts,
		"rubric.skills.area": {
			{sim.AreaHomework, "Between-session homework (BSH)."},
			{sim.AreaAlliance, "The working alliance."},
		},
		"rubric.skills.per": {
			{sim.PerMoment, "Each moment the skill was possible is an opportunity (the default)."},
			{sim.PerSession, "The moments of one session are one opportunity, graded by the best of them."},
			{sim.PerRun, "The moments of the whole course are one opportunity, graded by the best of them."},
		},
	}
}()

// actMeanings is the meaning of each act, as docs/format.md's act
// vocabulary gives it.
var actMeanings = map[sim.Act]string{
	sim.EmpathicReflection:         "Mirrors the client's feeling or meaning back.",
	sim.Validation:                 "Says the client's experience makes sense.",
	sim.OpenQuestion:               "Invites the client to say more.",
	sim.ClosedQuestion:             "Asks for a fact (yes/no, a number).",
	sim.Summary:                    "Gathers what the client has said.",
	sim.Reassurance:                "Tells the client things will be fine.",
	sim.Advice:                     "Tells the client what to do.",
	sim.Confrontation:              "Points out a discrepancy or challenges the client.",
	sim.Interpretation:             "Offers a meaning the client has not stated.",
	sim.SelfDisclosure:             "Shares something of the therapist's own.",
	sim.AgendaSetting:              "Agrees what the session will cover.",
	sim.GoalCollaboration:          "Works out the goals of therapy together.",
	sim.TaskRationale:              "Explains how the work of therapy is meant to help.",
	sim.Psychoeducation:            "Teaches about the problem or the model.",
	sim.GuidedDiscovery:            "Examines a thought or belief with Socratic questions.",
	sim.SkillPractice:              "Rehearses a technique in the session.",
	sim.HomeworkAssign:             "Sets a between-session task; its attributes describe how.",
	sim.HomeworkReview:             "Goes over the last task with the client.",
	sim.HomeworkSkipReview:         "Moves on without asking about the last task.",
	sim.ExploreNoncompletion:       "Asks with curiosity what got in the way of the task.",
	sim.CriticiseNoncompletion:     "Reproaches the client for not doing the task.",
	sim.RuptureRepair:              "Meta-communicates about a strain in the relationship, acknowledges the therapist's part and validates the client's complaint.",
	sim.DefensiveResponse:          "Justifies the therapist or blames the client.",
	sim.AskFeedback:                "Asks how the session or the therapist is landing.",
	sim.ChangeTopic:                "Moves away from what the client raised.",
	sim.Silence:                    "Leaves a deliberate, attentive pause.",
	sim.RiskAssessment:             "Asks directly about safety and suicidal thoughts.",
	sim.SessionClose:               "Summarises the session and looks ahead.",
	sim.SafetyPlanning:             "Builds a safety plan with the client, in their words: warning signs, their own ways of coping, people and places, who to ask for help, professionals to call, and making the means safer (Stanley & Brown 2012). Crisis numbers handed over by the therapist are not a plan.",
	sim.ProgressFeedback:           "Looks at the outcome measure with the client: how the scores have moved and, when they have not moved as expected, what might be getting in the way and what to change (progress feedback; Lambert 2010; de Jong et al. 2021).",
	sim.Clarification:              "Restates or sharpens what the client said, bringing a feeling or a pattern into focus without adding a meaning of the therapist's.",
	sim.HereAndNow:                 "Explores what is happening between client and therapist now, in the session (immediacy).",
	sim.TransferenceInterpretation: "Names the client's pattern as it shows in the relationship with the therapist.",
	sim.Linking:                    "Connects a past relationship with a present one (\"as with your father, so with your manager\").",
	sim.EmpathicExploration:        "Follows the client's experience to its edges, tentatively, to help them put into words what is not yet said.",
	sim.EmpathicConjecture:         "Guesses at a feeling just beyond what the client has said, offered for them to correct.",
	sim.EvocativeReflection:        "Reflects with vivid, concrete words and images, to bring an experience alive in the session.",
	sim.Focusing:                   "Guides the client to attend to a bodily felt sense and find words for it (Gendlin).",
	sim.ChairWork:                  "Sets up a dialogue with a part of the self (two-chair) or with an absent other (empty chair); `at_marker` says whether the client's marker for it was there.",
	sim.Affirmation:                "Affirms the client's vulnerability, or a strength they showed, as it is.",
}

// A trait is one of the client's traits and what it means.
type trait struct{ name, meaning string }

// traits are the client's traits, as docs/format.md's table gives them.
var traits = []trait{
	{"reactance", "How strongly the client resists being told what to do."},
	{"motivation", "Motivation for change."},
	{"attachment", "Attachment security: the ease of trusting a helper."},
	{"homework_attitude", "How the client feels about tasks between sessions."},
	{"mindedness", "Psychological mindedness: openness to reflection."},
	{"support", "Social support outside therapy."},
}

// starts are the client's starting values and what they mean.
var starts = []trait{
	{"bond", "The emotional bond with the therapist, 0–1."},
	{"task", "Agreement on the tasks of therapy (what you'll do together), 0–1."},
	{"goal", "Agreement on the goals of therapy, 0–1."},
	{"hope", "The client's expectation that therapy will help, 0–1."},
	{"symptoms", "Symptom level on the OQ-45 scale, 0–180. The clinical cut-off is 63/64; 80–100 is typical of moderate depression."},
}

// populationNames are the keys of [population]: the traits, then the
// starting values.
func populationNames() []string {
	var out []string
	for _, t := range append(append([]trait(nil), traits...), starts...) {
		out = append(out, t.name)
	}
	return out
}

// help is the help an editor shows for each key, by TOML path: the key's
// table path and name, "*" for any key of a table of names an author
// chooses. It follows docs/format.md's tables (and docs/model.md's for
// the model's parameters); TestEveryKeyHasHelp fails for a key without.
var help = func() map[string]string {
	h := map[string]string{
		"scenario":             "What the scenario is: its id, title, approach and learning objectives.",
		"scenario.id":          "A short name for the scenario: lowercase letters, digits, `-` and `_`, e.g. `\"cbt-depression\"`. Required. Recorded runs refer to it, so don't change it once students have used the scenario.",
		"scenario.title":       "The title trainees see. Required.",
		"scenario.approach":    "The therapeutic approach, e.g. `\"CBT\"`, `\"psychodynamic\"`, `\"person-centred\"`.",
		"scenario.language":    "The language of the dialogue, e.g. `\"en\"`.",
		"scenario.author":      "Who wrote it.",
		"scenario.description": "One paragraph shown before the course starts: who the client is and what the trainee will practise.",
		"scenario.objectives":  "A list of learning objectives, each one sentence. Four to six works well.",

		"client":                                     "Who the client is.",
		"client.name":                                "The client's name. Required.",
		"client.age":                                 "Age in years, a whole number.",
		"client.pronouns":                            "e.g. `\"she/her\"`.",
		"client.presenting":                          "The presenting problem in one or two sentences, as a referral letter might put it.",
		"client.background":                          "A paragraph of history and context: work, relationships, previous episodes, risk, what they're like.",
		"client.goal":                                "The client's own goal, in their own words.",
		"client.rupture_proneness":                   "How readily this client begins a rupture of their own, beyond those the script writes: a number from 0 to 3 that multiplies the model's chance of one in each session; 1 (the model's usual client) when left out, 0 for none but the script's. Lower it when the script already writes the client's pattern into ruptures of its own.",
		"client.appearance":                          "How the client looks in the window's portrait. Optional, and each key is optional: what you leave out the portrait chooses from the client's name and pronouns.",
		"client.appearance.skin":                     "The skin tone: \"light\", \"fair\", \"medium\", \"olive\", \"tan\", \"brown\", \"dark brown\" or \"deep\".",
		"client.appearance.hair":                     "The hair colour: \"black\", \"dark brown\", \"deep brown\", \"chestnut\", \"auburn\", \"blonde\" or \"grey\".",
		"client.appearance.hair_style":               "The hair style: \"shoulder\", \"short\", \"tied\" or \"curly\".",
		"client.appearance.eyes":                     "The iris colour: \"brown\", \"dark brown\", \"hazel\", \"green\", \"blue\" or \"grey\".",
		"client.traits":                              "Six constant characteristics of the client, each a number from 0 to 1. All six are required. The model's rules read them.",
		"client.initial":                             "Where the client starts: bond, task, goal and hope (0–1) and symptoms (OQ-45, 0–180). All five are required.",
		"variables":                                  "Flags and counters that remember what was said and chosen: `told_loss = false` declares a flag, `times_asked = 0` a counter. Options, client lines, beats and life events set them; conditions read them by name.",
		"variables.*":                                "A variable and its value before the first session: true or false for a flag, a number for a counter.",
		"sessions":                                   "One `[[sessions]]` per session, played in the order they appear in the file.",
		"sessions.id":                                "A short name, unique in the file, e.g. `\"s1\"`. Required.",
		"sessions.title":                             "The session's title, e.g. `\"Getting to know Maya\"`.",
		"sessions.focus":                             "One line on what the session is about, e.g. `\"Assessment, formulation, hope\"`.",
		"sessions.start":                             "The id of the beat the session opens with. Optional: without it, the session starts with its first beat.",
		"sessions.beats":                             "The moments of a session: the client says something and (usually) the trainee chooses a response.",
		"sessions.beats.id":                          "A short name, unique within the session, e.g. `\"welcome\"`. `end` is reserved. Required.",
		"sessions.beats.inner":                       "The client's inner experience at this moment, in the first person, as the client. The debrief shows it. A client line can override it. Give every beat one.",
		"sessions.beats.next":                        "Only for a beat with no options: where the session goes after the client has spoken (a beat id, or `\"end\"`).",
		"sessions.beats.says":                        "What the client says here. The first line whose `when` is true is shown; the last line must have no `when`.",
		"sessions.beats.says.when":                   "A condition: the line is shown only when it is true. Leave it out on the last line.",
		"sessions.beats.says.text":                   "What the client says. A line needs `text` or `cues` (or both).",
		"sessions.beats.says.cues":                   "What the trainee sees: posture, voice, eye contact. *\"Looks at the floor, voice flat.\"*",
		"sessions.beats.says.inner":                  "The client's inner experience with this line. Optional: when left out, the beat's `inner` is used.",
		"sessions.beats.options":                     "What the trainee can say back, numbered in the order written. Two to four per beat works best; at least one without `when`.",
		"sessions.beats.options.id":                  "A short name for the option, unique within the beat, for tests and tools that refer to it. Optional.",
		"sessions.beats.options.text":                "What the therapist says, written as speech, without quotation marks. For a silence, describe it. Required.",
		"sessions.beats.options.act":                 "What the response *does*, from the act vocabulary, e.g. `\"empathic_reflection\"`. This is what the model responds to. Required.",
		"sessions.beats.options.next":                "Where the session goes after this option: a beat id in the same session, or `\"end\"`. Required.",
		"sessions.beats.options.when":                "A condition: the option is offered only when it is true. Optional. Every beat needs at least one option without `when`.",
		"sessions.beats.options.inner":               "How the client experiences this particular response, in the first person. The debrief shows it beside the choice. Strongly recommended on every option.",
		"sessions.beats.options.intended":            "What you mean the move to teach: `\"good\"`, a move a supervisor would endorse, or `\"poor\"`, one they would mark down. Optional. `therasim check` plays the course with clients of the scenario's population, tries the option wherever it is offered, and warns when the model makes a move marked good harmful on average (or one marked poor helpful), naming the rules that did it: a simulator that rewards what its own lines call a mistake teaches the mistake.",
		"sessions.beats.options.explain":             "One sentence saying why this option has its `effects`. Required when the option has `effects`; the debrief shows it.",
		"sessions.beats.options.attrs":               "Details of the response that the model reads: mostly how a homework task was set, and whether a repair owned the therapist's part. All optional; rules can read each as `attr.NAME`.",
		"sessions.beats.options.attrs.kind":          "Names a homework task, e.g. `\"thought_record\"`, `\"activity_schedule\"`, `\"behavioural_experiment\"`.",
		"sessions.beats.options.attrs.collaborative": "true: the task was designed with the client.",
		"sessions.beats.options.attrs.rationale":     "true: the therapist explained why the task helps.",
		"sessions.beats.options.attrs.specific":      "true: what, when and where are spelled out.",
		"sessions.beats.options.attrs.written":       "true: the client leaves with it on paper.",
		"sessions.beats.options.attrs.matched":       "true: the task serves the client's own goal.",
		"sessions.beats.options.attrs.obstacles":     "true: likely obstacles were anticipated and planned for.",
		"sessions.beats.options.attrs.difficulty":    "How demanding the task is, from 0 (trivial) to 1 (very demanding); 0 when left out.",
		"sessions.beats.options.attrs.acknowledges":  "true: the therapist owns their part (for repair or feedback).",
		"sessions.beats.options.attrs.prepared":      "true: the interpretation builds on what the client has brought and the therapist has clarified, at a moment the client is near it (Piper et al. 1991; Høglend et al. 2008).",
		"sessions.beats.options.attrs.accurate":      "true: the interpretation fits the client's central relational pattern, their core conflictual relationship theme (Crits-Christoph, Cooper & Luborsky 1988).",
		"sessions.beats.options.attrs.at_marker":     "true: an experiential task (chair work, focusing) is offered at the client's marker for it: a self-critical split, unfinished business, an unclear felt sense (Elliott, Watson, Goldman & Greenberg 2004).",
		"sessions.beats.options.attrs.warmth":        "Warmth of the delivery, from 0 (cold) to 1 (warm); 0.5 when left out.",
		"sessions.beats.options.effects":             "Extra effects of this one option, on top of what the model's rules already do for its act. Use them sparingly; give the option an `explain`. They apply after the rules have fired.",
		"sessions.beats.options.set":                 "Variables this option sets when it is chosen: `told_loss = true`, a number, or an expression in quotes such as `\"times_asked + 1\"`.",

		"events":               "Life events between sessions: what happens in the client's life in the week after a session.",
		"events.id":            "A short name, e.g. `\"job-rejection\"`. Required.",
		"events.after_session": "The session it follows, from 1 to the number of sessions. The last session's number places it after the course, before the final OQ-45.",
		"events.when":          "A condition: the event happens only if it is true at that point. Optional: without it, the event always happens.",
		"events.text":          "What the trainee reads about the week. Required.",
		"events.inner":         "The client's experience of it, in the first person.",
		"events.effects":       "What the event changes: the same keys and soft amounts as an option's effects.",
		"events.set":           "Variables the event sets when it happens: true or false, a number, or an expression in quotes.",

		"rules":          "Changes to the model for this client (advanced): a new id adds a rule, the id of a default rule replaces it, and `disabled = true` switches it off.",
		"rules.id":       "The rule's name. Required.",
		"rules.source":   "Where the rule comes from: the research or reasoning behind it, e.g. `\"Safran & Muran\"`. Optional.",
		"rules.acts":     "The acts that can trigger it, e.g. `[\"advice\", \"confrontation\"]`. Without it, the rule is considered for every act.",
		"rules.when":     "A condition; the rule fires only when it is true.",
		"rules.explain":  "The sentence the debrief shows when the rule fires. Required (unless the rule is disabled).",
		"rules.effects":  "A table of changes: `bond`, `task`, `goal`, `hope`, `symptoms`, `rupture`, with soft amounts as for options.",
		"rules.opens":    "`\"withdrawal\"` or `\"confrontation\"`: the rule opens a rupture of that kind (if one is already open, it deepens it instead).",
		"rules.severity": "How severe a rupture it opens, 0–1 (a number or an expression); 0.4 when left out. Only with `opens`.",
		"rules.repairs":  "`true`: the rule closes the open rupture.",
		"rules.disabled": "`true`: switch off the default rule with this id.",

		"homework_words":           "What the client says about a task of each kind the week after it was set, by the task's `kind`: `[homework_words.thought_record]`. A scenario's words replace the model's for that kind; the model's `other` serves any kind no table names.",
		"homework_words.*":         "The client's words about a task of this kind, for each completion. All three are required.",
		"homework_words.*.full":    "What the client says when they did the task fully, in the first person.",
		"homework_words.*.partial": "What the client says when they did part of the task, in the first person.",
		"homework_words.*.none":    "What the client says when they did not do the task, in the first person.",

		"sessions.beats.check_in":             "A check-in: before the trainee chooses here, they are asked what they notice in themselves, and tick any of the pulls offered (or none) and add words of their own. Nothing moves while they answer; the answer is recorded and never changes the client. Only on a beat with options; two to four in a course, at its hardest moments.",
		"sessions.beats.check_in.question":    "What the trainee is asked, e.g. `\"Daniel is complaining that you started four minutes late. Before you answer: what do you notice in yourself?\"` Optional: without it, \"Before you answer: what do you notice in yourself right now?\"",
		"sessions.beats.check_in.pulls":       "The reactions the trainee may notice in themselves (a pull to rescue, to reassure, to defend, to withdraw, irritation…): at least two; three to five work best.",
		"sessions.beats.check_in.pulls.id":    "A short name, unique within the check-in, e.g. `\"rescue\"`: the recording names the pulls a trainee noticed by their ids. Required.",
		"sessions.beats.check_in.pulls.text":  "What the trainee reads, in words they would recognise in themselves: `\"A pull to reassure her\"`. Required.",
		"sessions.beats.check_in.pulls.tends": "What such a pull can do to the work when it is acted on unnoticed, and what, noticed, it may tell the trainee about the client or the relationship, in a sentence or two, with its source (or \"the course author's reading\"). The debrief shows it. Required.",

		"rubric":                 "The competence rubric: the skills a run is scored on, each at its opportunities. A scenario changes the model's for its course: a skill with a model skill's id replaces it, with `disabled = true` removes it, any other id adds one. docs/model.md (\"Competence\") lists the model's skills.",
		"rubric.partial":         "The credit, from 0 to 1, of an opportunity where the skill was done but not done well (done well is 1, missed 0). The model's is 0.5; a scenario may leave it out.",
		"rubric.skills":          "One skill of the rubric: when a moment is an opportunity for it, and what the trainee's choice made of it.",
		"rubric.skills.id":       "A short name, e.g. `\"homework_reviewed\"`: a model skill's id replaces or removes it, any other adds a skill. Required.",
		"rubric.skills.area":     "`\"homework\"` or `\"alliance\"`: a profile sums each area up apart. Required.",
		"rubric.skills.name":     "What a supervisor looks for, in a few words, as the profile shows it: `\"Reviews every task set\"`. Required.",
		"rubric.skills.explain":  "Why it matters, in a sentence or two.",
		"rubric.skills.source":   "The research it stands on, e.g. `\"Kazantzis et al. 2005\"`, or `\"assumption: …\"` saying why it is your judgement. Required.",
		"rubric.skills.offered":  "Acts: a moment is an opportunity only when one of the options offered there has one of them. Left out, any moment can be.",
		"rubric.skills.when":     "A condition: the moment is an opportunity only when it holds. It reads the state before the choice, the chosen option's `act` and `attr.NAME`, and the scenario's variables.",
		"rubric.skills.done":     "A condition on the chosen option that says the skill was done, e.g. `\"act == 'homework_review'\"`. Required.",
		"rubric.skills.well":     "A condition that says it was done well, e.g. `\"attr.acknowledges\"`. Left out, done is done well; done but not well earns `partial`.",
		"rubric.skills.against":  "A condition that says the option did the skill's opposite, e.g. `\"act == 'criticise_noncompletion'\"`: it earns nothing, and the profile shows it apart.",
		"rubric.skills.per":      "What one opportunity is: `\"moment\"` (each moment, the default), `\"session\"` (the moments of a session, graded by the best) or `\"run\"` (the whole course's, graded by the best).",
		"rubric.skills.disabled": "`true`: remove the model's skill with this id from the scenario's rubric.",

		"population": "For `therasim cohort`: how the clients it draws vary around the client you wrote. Give a `mean`, an `sd` or both for any trait or starting value; without it, each varies by a default amount.",

		"week": "The parameters of the week between sessions: homework completion, symptom change, dropout and the measures. docs/model.md explains each and the research behind it.",

		"dynamics": "What clients bring beyond the therapist's choices: ruptures the client begins, repairs that can fail, and the ups and downs of real courses (the alliance drifting between sessions, ratings that vary from day to day, clients who respond more or less, obstacles to change, sudden gains and setbacks). Optional: a model without it plays none of them; with it, every key is required. docs/model.md explains each.",
	}

	// The client's traits and starting values, and their spread in the
	// population.
	for _, t := range traits {
		h["client.traits."+t.name] = t.meaning + " 0–1. Rules read it as `traits." + t.name + "`."
	}
	for _, s := range starts {
		h["client.initial."+s.name] = s.meaning
	}
	for _, t := range append(append([]trait(nil), traits...), starts...) {
		p := "population." + t.name
		h[p] = "The spread of `" + t.name + "` among a cohort's clients: " + strings.TrimSuffix(t.meaning, ".") + ". Give a `mean`, an `sd` or both."
		h[p+".mean"] = "The mean of `" + t.name + "` in the population; your client's value when left out."
		h[p+".sd"] = "The standard deviation of `" + t.name + "` in the population; a default spread when left out."
	}

	// Effects, wherever they are.
	for _, p := range []string{"sessions.beats.options.effects", "sessions.beats.effects", "sessions.beats.says.effects", "events.effects", "rules.effects"} {
		for k, d := range effectHelp {
			h[p+"."+k] = d
		}
	}
	// What the client does on their own, at a beat or with a line.
	for _, m := range []struct{ path, what, when string }{
		{"sessions.beats", "beat", "when the beat is reached"},
		{"sessions.beats.says", "client line", "when the line is said"},
	} {
		h[m.path+".set"] = "Variables the " + m.what + " sets " + m.when + ": true or false, a number, or an expression in quotes. Declare each under `[variables]` first."
		h[m.path+".effects"] = "Changes to the client's state " + m.when + ", the client acting on their own: `bond`, `task`, `goal`, `hope`, `symptoms`, `rupture`. Give an `explain`."
		h[m.path+".opens"] = "`\"withdrawal\"` or `\"confrontation\"`: the client opens a rupture of that kind " + m.when + " (if one is already open, it deepens)."
		h[m.path+".severity"] = "How severe a rupture the " + m.what + " opens, 0–1 (a number or an expression); 0.4 when left out. Only with `opens`."
		h[m.path+".explain"] = "One sentence saying why the " + m.what + " changes the client's state; the debrief shows it. Required with `effects` or `opens`."
	}
	for _, p := range []string{"sessions.beats.set", "sessions.beats.says.set", "sessions.beats.options.set", "events.set"} {
		h[p+".*"] = "A declared variable and its new value: true or false for a flag; a number or an expression in quotes (e.g. `\"times_asked + 1\"`) for a counter."
	}
	for k, d := range weekHelp {
		h["week."+k] = d
	}
	for k, d := range dynamicsHelp {
		h["dynamics."+k] = d
	}
	return h
}()

// effectHelp is the help of each key of an effects table.
var effectHelp = map[string]string{
	"bond":     "Change to the emotional bond, on the 0–1 scale: a number (`-0.02`) or an expression in quotes. Amounts are soft: the change shrinks as the value nears its limit.",
	"task":     "Change to agreement on the tasks of therapy, on the 0–1 scale: a number or an expression in quotes. Amounts are soft.",
	"goal":     "Change to agreement on the goals of therapy, on the 0–1 scale: a number or an expression in quotes. Amounts are soft.",
	"hope":     "Change to hope, the client's expectation that therapy will help, on the 0–1 scale: a number or an expression in quotes. Amounts are soft.",
	"symptoms": "Change to symptoms, in OQ-45 points (negative is better): a number or an expression in quotes.",
	"rupture":  "Change to the severity of an open rupture (negative eases it). It does nothing when no rupture is open: to open one, use `opens` or an act the model treats as risky.",
}

// weekHelp is the help of each of the model's parameters, after
// docs/model.md's table.
var weekHelp = map[string]string{
	"homework_base":          "Homework: the probability that an average client engages with an average task and alliance.",
	"homework_task":          "Homework: weight of task agreement, × (task − 0.5).",
	"homework_motivation":    "Homework: weight of motivation, × (motivation − 0.5).",
	"homework_attitude":      "Homework: weight of the client's attitude to homework, × (homework_attitude − 0.5).",
	"homework_collaborative": "Homework: added when the task was designed with the client.",
	"homework_rationale":     "Homework: added when the task came with a rationale.",
	"homework_specific":      "Homework: added when the task is specific.",
	"homework_written":       "Homework: added when the task is written down.",
	"homework_matched":       "Homework: added when the task serves the client's goal.",
	"homework_obstacles":     "Homework: added when obstacles were planned for.",
	"homework_difficulty":    "Homework: weight of difficulty, × (difficulty − 0.3), subtracted.",
	"homework_reviewed":      "Homework: added when the last task was reviewed, subtracted when not.",
	"homework_criticised":    "Homework: subtracted when non-completion was criticised.",
	"homework_severity":      "Homework: weight of severity, × (symptoms/180 − 0.5), subtracted.",
	"symptom_base":           "Symptoms: the weekly fraction of the distance to the floor recovered at an average alliance.",
	"symptom_alliance":       "Symptoms: weight of the alliance, × (alliance − 0.5).",
	"symptom_hope":           "Symptoms: weight of hope, × (hope − 0.5).",
	"symptom_homework":       "Symptoms: weight of compliance with this week's task.",
	"symptom_support":        "Symptoms: weight of social support, × (support − 0.5).",
	"symptom_rupture":        "Symptoms: weight of an open rupture's severity, subtracted.",
	"symptom_rate_min":       "Symptoms: the lowest weekly rate (below 0 a week can worsen symptoms).",
	"symptom_rate_max":       "Symptoms: the highest weekly rate.",
	"symptom_floor":          "Symptoms: the level symptoms approach, a non-clinical OQ-45.",
	"symptom_noise":          "Symptoms: standard deviation of a week's ups and downs, in OQ-45 points.",
	"hope_from_change":       "Hope moves by this much per reliable change (14 points) of improvement or worsening.",
	"dropout_base":           "Dropout: the weekly hazard with a perfect alliance and full hope.",
	"dropout_alliance":       "Dropout: weight of a weak alliance, × (1 − alliance).",
	"dropout_rupture":        "Dropout: weight of an open rupture's severity.",
	"dropout_not_on_track":   "Dropout: added when the last OQ-45 lags the expected curve.",
	"dropout_hope":           "Dropout: weight of low hope, × (1 − hope).",
	"dropout_reactance":      "Dropout: weight of reactance.",
	"dropout_motivation":     "Dropout: weight of low motivation, × (1 − motivation).",
	"dropout_early":          "Dropout: the hazard is multiplied by this in the first sessions.",
	"dropout_early_sessions": "Dropout: how many sessions count as early, a whole number.",
	"dropout_max":            "Dropout: the highest hazard in one week.",
	"oq_noise":               "OQ-45: measurement error (standard deviation).",
	"oq_expected_floor":      "OQ-45: the level the expected recovery curve falls towards.",
	"oq_curve_rate":          "OQ-45: the fraction of the remaining distance the expected curve falls each session.",
	"oq_not_on_track_margin": "OQ-45: a score this far above the expected curve is not on track.",
	"wai_offset":             "WAI-SR: offset of the items, 1 + 4 × (offset + scale × dimension + noise); above 0 makes ratings ceiling-heavy.",
	"wai_scale":              "WAI-SR: how much the alliance dimension moves the items.",
	"wai_noise":              "WAI-SR: the items' noise.",
}

// dynamicsHelp is the help of each key of the model's [dynamics], after
// sim.Dynamics and docs/model.md.
var dynamicsHelp = map[string]string{
	"rupture_base":            "Ruptures the client begins: the chance, 0–1, that the client begins one in a session, before the terms below are added; the sum is multiplied by the scenario's `rupture_proneness` and kept within 0 and `rupture_max`.",
	"rupture_insecurity":      "Ruptures the client begins: weight of insecure attachment, × (1 − attachment), added to the session's chance; 0–1.",
	"rupture_reactance":       "Ruptures the client begins: weight of reactance, × reactance, added to the session's chance; 0–1.",
	"rupture_weak_bond":       "Ruptures the client begins: weight of a weak bond, × (1 − bond), added to the session's chance; 0–1.",
	"rupture_recurs":          "Ruptures the client begins: added to the session's chance when the last session had a rupture; 0–1.",
	"rupture_bad_week":        "Ruptures the client begins: weight of a bad week, × the week's rise in symptoms / 14 OQ-45 points (nothing after a week that went well), added to the session's chance; 0–1.",
	"rupture_max":             "Ruptures the client begins: the highest chance of one in a session, 0–1.",
	"rupture_window":          "Ruptures the client begins: when in the session, after the trainee's k-th choice with k drawn from 0 (the client comes in with it) to `rupture_window` − 1; a whole number from 1 to 200.",
	"confrontation_base":      "Ruptures the client begins: the chance, 0–1, that one is a confrontation rather than a withdrawal, before reactance is added.",
	"confrontation_reactance": "Ruptures the client begins: weight of reactance, × reactance, added to the chance of a confrontation; 0–1.",
	"severity_base":           "Ruptures the client begins: their severity, 0–1, before insecurity is added.",
	"severity_insecurity":     "Ruptures the client begins: weight of insecure attachment, × (1 − attachment), added to their severity; 0–1.",
	"report_severity":         "The least severity, 0–1, of a rupture in a session that the client, asked afterwards, reports as tension with the therapist: milder strains only an observer sees.",
	"withdrawal_cues":         "What the trainee may see in the client's next line when the client begins a withdrawal (posture, voice, eye contact): a list, one of which is added to that line's cues; each must fit any line.",
	"confrontation_cues":      "What the trainee may see in the client's next line when the client begins a confrontation (posture, voice, eye contact): a list, one of which is added to that line's cues; each must fit any line.",
	"repair_base":             "Repair: the chance, 0–1, that a repair resolves the open rupture, before the terms below; the sum is kept within `repair_min` and `repair_max`, and a repair that fails leaves the rupture open and has none of its effects.",
	"repair_acknowledges":     "Repair: added to its chance when the therapist owns their part (`acknowledges = true`); 0–1.",
	"repair_bond":             "Repair: weight of the bond, × (bond − 0.5), added to its chance; 0–1.",
	"repair_severity":         "Repair: weight of the rupture's severity, subtracted from its chance; 0–1.",
	"repair_insecurity":       "Repair: weight of insecure attachment, × (1 − attachment), subtracted from its chance; 0–1.",
	"repair_reactance":        "Repair: weight of reactance, × reactance, subtracted from its chance; 0–1.",
	"repair_min":              "Repair: the lowest chance that a repair holds, 0–1, not above `repair_max`.",
	"repair_max":              "Repair: the highest chance that a repair holds, 0–1.",
	"alliance_shock":          "Variation: standard deviation of the shift of bond, task and goal together between sessions, on their 0–1 scale.",
	"wai_occasion":            "Variation: standard deviation of the shift of all the items of one WAI-SR rating together (how the client rates that day), in the units of `wai_noise`; 0–1.",
	"responsiveness":          "Variation: standard deviation of the client's own offset to the weekly symptom rate, drawn once a course; 0–1.",
	"obstacle_share":          "Obstacles to change: the share of clients, 0–1, who carry something that holds their change back (the alliance, motivation, support, a life event, a problem not yet named).",
	"obstacle_size":           "Obstacles to change: how much one lowers the weekly symptom rate, between 0.5 and 1.5 times this; 0–1.",
	"obstacle_alliance":       "Obstacles to change: how much one wears on the alliance while it stands, × its size, a week (bond, task and goal together); 0–1.",
	"feedback_acts":           "The acts that respond to the not-on-track signal: made while the last OQ-45 says the client is not on track, each addresses part of what is left of the client's obstacle (`feedback_addresses`).",
	"feedback_addresses":      "The fraction, 0–1, of what is left of the client's obstacle that one of `feedback_acts` addresses, made while the client is not on track.",
	"sudden_gain":             "Sudden gains: the weekly chance of one at a middling alliance, × (0.5 + alliance); 0–1.",
	"sudden_gain_size":        "Sudden gains: the fraction, 0–1, of the distance to `symptom_floor` that symptoms fall in one.",
	"setback":                 "Setbacks: the weekly chance of one at a middling alliance, × (1.5 − alliance), in a week without a sudden gain; 0–1.",
	"setback_size":            "Setbacks: how far symptoms rise in one, in OQ-45 points, 0–180.",
}
