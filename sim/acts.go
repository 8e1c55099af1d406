package sim

// An Act is what a trainee's option does, from a fixed vocabulary. Scenario
// options name one act each; rules are indexed by the acts that can trigger
// them. The names are stored in recorded runs, so the list is append-only.
type Act string

// The act vocabulary. Each constant's comment is the documentation an
// instructor sees in docs/format.md.
const (
	// EmpathicReflection mirrors the client's feeling or meaning back.
	EmpathicReflection Act = "empathic_reflection"
	// Validation says the client's experience makes sense.
	Validation Act = "validation"
	// OpenQuestion invites the client to say more.
	OpenQuestion Act = "open_question"
	// ClosedQuestion asks for a fact (yes/no, a number).
	ClosedQuestion Act = "closed_question"
	// Summary gathers what the client has said.
	Summary Act = "summary"
	// Reassurance tells the client things will be fine.
	Reassurance Act = "reassurance"
	// Advice tells the client what to do.
	Advice Act = "advice"
	// Confrontation points out a discrepancy or challenges the client.
	Confrontation Act = "confrontation"
	// Interpretation offers a meaning the client has not stated.
	Interpretation Act = "interpretation"
	// SelfDisclosure shares something of the therapist's own.
	SelfDisclosure Act = "self_disclosure"
	// AgendaSetting agrees what the session will cover.
	AgendaSetting Act = "agenda_setting"
	// GoalCollaboration works out the goals of therapy together.
	GoalCollaboration Act = "goal_collaboration"
	// TaskRationale explains how the work of therapy is meant to help.
	TaskRationale Act = "task_rationale"
	// Psychoeducation teaches about the problem or the model.
	Psychoeducation Act = "psychoeducation"
	// GuidedDiscovery examines a thought or belief with Socratic questions.
	GuidedDiscovery Act = "guided_discovery"
	// SkillPractice rehearses a technique in the session.
	SkillPractice Act = "skill_practice"
	// HomeworkAssign sets a between-session task; its attributes describe how.
	HomeworkAssign Act = "homework_assign"
	// HomeworkReview goes over the last task with the client.
	HomeworkReview Act = "homework_review"
	// HomeworkSkipReview moves on without asking about the last task.
	HomeworkSkipReview Act = "homework_skip_review"
	// ExploreNoncompletion asks with curiosity what got in the way of the task.
	ExploreNoncompletion Act = "explore_noncompletion"
	// CriticiseNoncompletion reproaches the client for not doing the task.
	CriticiseNoncompletion Act = "criticise_noncompletion"
	// RuptureRepair meta-communicates about a strain in the relationship,
	// acknowledges the therapist's part and validates the client's complaint.
	RuptureRepair Act = "rupture_repair"
	// DefensiveResponse justifies the therapist or blames the client.
	DefensiveResponse Act = "defensive_response"
	// AskFeedback asks how the session or the therapist is landing.
	AskFeedback Act = "ask_feedback"
	// ChangeTopic moves away from what the client raised.
	ChangeTopic Act = "change_topic"
	// Silence leaves a deliberate, attentive pause.
	Silence Act = "silence"
	// RiskAssessment asks directly about safety and suicidal thoughts.
	RiskAssessment Act = "risk_assessment"
	// SessionClose summarises the session and looks ahead.
	SessionClose Act = "session_close"
	// SafetyPlanning builds a safety plan with the client, in their words:
	// warning signs, their own ways of coping, people and places, who to
	// ask for help, professionals to call, and making the means safer
	// (Stanley & Brown 2012). Crisis numbers handed over by the therapist
	// are not a plan.
	SafetyPlanning Act = "safety_planning"
	// ProgressFeedback looks at the outcome measure with the client: how
	// the scores have moved, and, when they have not moved as expected,
	// what might be getting in the way and what to change (progress
	// feedback; Lambert 2010; de Jong et al. 2021).
	ProgressFeedback Act = "progress_feedback"

	// Psychodynamic moves (Luborsky 1984; McWilliams 2004).

	// Clarification restates or sharpens what the client said, bringing a
	// feeling or a pattern into focus without adding a meaning of the
	// therapist's.
	Clarification Act = "clarification"
	// HereAndNow explores what is happening between client and therapist
	// now, in the session (immediacy).
	HereAndNow Act = "here_and_now"
	// TransferenceInterpretation names the client's pattern as it shows in
	// the relationship with the therapist. A pattern outside it is an
	// interpretation.
	TransferenceInterpretation Act = "transference_interpretation"
	// Linking connects a past relationship with a present one ("as with
	// your father, so with your manager").
	Linking Act = "linking"

	// Humanistic-experiential moves (Elliott, Watson, Goldman & Greenberg
	// 2004).

	// EmpathicExploration follows the client's experience to its edges,
	// tentatively, to help them put into words what is not yet said.
	EmpathicExploration Act = "empathic_exploration"
	// EmpathicConjecture guesses at a feeling just beyond what the client
	// has said, offered for them to correct.
	EmpathicConjecture Act = "empathic_conjecture"
	// EvocativeReflection reflects with vivid, concrete words and images,
	// to bring an experience alive in the session.
	EvocativeReflection Act = "evocative_reflection"
	// Focusing guides the client to attend to a bodily felt sense and find
	// words for it (Gendlin).
	Focusing Act = "focusing"
	// ChairWork sets up a dialogue with a part of the self (two-chair) or
	// with an absent other (empty chair); attr.at_marker says whether the
	// client's marker was there.
	ChairWork Act = "chair_work"
	// Affirmation affirms the client's vulnerability, or a strength they
	// showed, as it is.
	Affirmation Act = "affirmation"
)

// Acts returns the act vocabulary in its documented order.
func Acts() []Act {
	return []Act{
		EmpathicReflection, Validation, OpenQuestion, ClosedQuestion, Summary,
		Reassurance, Advice, Confrontation, Interpretation, SelfDisclosure,
		AgendaSetting, GoalCollaboration, TaskRationale, Psychoeducation,
		GuidedDiscovery, SkillPractice, HomeworkAssign, HomeworkReview,
		HomeworkSkipReview, ExploreNoncompletion, CriticiseNoncompletion,
		RuptureRepair, DefensiveResponse, AskFeedback, ChangeTopic, Silence,
		RiskAssessment, SessionClose, SafetyPlanning, ProgressFeedback,
		Clarification, HereAndNow, TransferenceInterpretation, Linking,
		EmpathicExploration, EmpathicConjecture, EvocativeReflection, Focusing,
		ChairWork, Affirmation,
	}
}

// Valid reports whether a is in the vocabulary.
func (a Act) Valid() bool { return a.index() >= 0 }

// index returns a's place in Acts(), or -1.
func (a Act) index() int {
	for i, b := range Acts() {
		if a == b {
			return i
		}
	}
	return -1
}

// Attrs are the attributes an option can give its act. Only the homework
// attributes change built-in behaviour; rules may read all of them as
// attr.NAME.
type Attrs struct {
	// Kind names a homework task, e.g. "thought_record".
	Kind string `toml:"kind" expr:"kind" json:"kind,omitempty"`
	// Collaborative: the task was designed with the client.
	Collaborative bool `toml:"collaborative" expr:"collaborative" json:"collaborative,omitempty"`
	// Rationale: the therapist explained why the task helps.
	Rationale bool `toml:"rationale" expr:"rationale" json:"rationale,omitempty"`
	// Specific: what, when and where are spelled out.
	Specific bool `toml:"specific" expr:"specific" json:"specific,omitempty"`
	// Written: the client leaves with it on paper.
	Written bool `toml:"written" expr:"written" json:"written,omitempty"`
	// Matched: the task serves the client's own goal.
	Matched bool `toml:"matched" expr:"matched" json:"matched,omitempty"`
	// Obstacles: likely obstacles were anticipated and planned for.
	Obstacles bool `toml:"obstacles" expr:"obstacles" json:"obstacles,omitempty"`
	// Difficulty of the task from 0 (trivial) to 1 (very demanding).
	Difficulty float64 `toml:"difficulty" expr:"difficulty" json:"difficulty,omitempty"`
	// Acknowledges: the therapist owns their part (for repair or feedback).
	Acknowledges bool `toml:"acknowledges" expr:"acknowledges" json:"acknowledges,omitempty"`
	// Prepared: an interpretation builds on what the client has brought and
	// the therapist has clarified, at a moment the client is near it
	// (Piper et al. 1991; Høglend et al. 2008).
	Prepared bool `toml:"prepared" expr:"prepared" json:"prepared,omitempty"`
	// Accurate: an interpretation fits the client's central relational
	// pattern, their core conflictual relationship theme (Crits-Christoph,
	// Cooper & Luborsky 1988).
	Accurate bool `toml:"accurate" expr:"accurate" json:"accurate,omitempty"`
	// AtMarker: an experiential task (chair work, focusing) is offered at the
	// client's marker for it: a self-critical split, unfinished business, an
	// unclear felt sense (Elliott, Watson, Goldman & Greenberg 2004).
	AtMarker bool `toml:"at_marker" expr:"at_marker" json:"at_marker,omitempty"`
	// Warmth of the delivery from 0 (cold) to 1 (warm); 0.5 when unset.
	Warmth float64 `toml:"warmth" expr:"warmth" json:"warmth,omitempty"`
}

// Traits are the client's constant characteristics, each in [0,1].
type Traits struct {
	// Reactance: how strongly the client resists being told what to do.
	Reactance float64 `toml:"reactance" expr:"reactance" json:"reactance"`
	// Motivation for change.
	Motivation float64 `toml:"motivation" expr:"motivation" json:"motivation"`
	// Attachment security: ease of trusting a helper.
	Attachment float64 `toml:"attachment" expr:"attachment" json:"attachment"`
	// HomeworkAttitude: how the client feels about tasks between sessions.
	HomeworkAttitude float64 `toml:"homework_attitude" expr:"homework_attitude" json:"homework_attitude"`
	// Mindedness: psychological mindedness, openness to reflection.
	Mindedness float64 `toml:"mindedness" expr:"mindedness" json:"mindedness"`
	// Support: social support outside therapy.
	Support float64 `toml:"support" expr:"support" json:"support"`
}

func actNames() []string {
	all := Acts()
	s := make([]string, len(all))
	for i, a := range all {
		s[i] = string(a)
	}
	return s
}
