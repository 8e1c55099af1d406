package ui

import "strings"

// What the client says about the homework, by the task's kind and what
// became of it. The scenario format has no per-outcome lines yet, so these
// defaults are written in the first person and neutral enough for any
// client; a scenario should one day be able to give its own.
var homeworkWords = map[string]map[string]string{
	"activity_schedule": {
		"full":    "I did the things we planned, most days. Getting started was hard, but once I was out of the door it was easier than I thought.",
		"partial": "I managed some of it. A couple of days I just couldn't get going, and then it felt pointless to start halfway through the week.",
		"none":    "I didn't really do any of it. Every time I looked at the plan it felt like too much, so I stopped looking at it.",
	},
	"activity_monitoring": {
		"full":    "I filled it in every day. It was strange seeing it written down – some hours were better than I'd have guessed.",
		"partial": "I wrote things down for a few days, then I forgot, then I didn't want to see how empty it looked.",
		"none":    "I didn't fill it in. I kept meaning to, and then the day was over.",
	},
	"thought_record": {
		"full":    "I wrote down the thoughts when they came, like we said. Seeing them on paper made some of them look less true.",
		"partial": "I did a couple. Once I'd written the thought down I got stuck on the part where you look for another way to see it.",
		"none":    "I didn't do the sheets. When I felt bad the last thing I wanted was to write it down.",
	},
	"behavioural_experiment": {
		"full":    "I tried it. I was sure it would go badly, and it didn't – not the way I expected, anyway.",
		"partial": "I started to. I got most of the way there and then I backed out at the last minute.",
		"none":    "I didn't try it. I talked myself out of it before I'd even started.",
	},
	"journaling": {
		"full":    "I wrote something most evenings. Some of it surprised me when I read it back.",
		"partial": "I wrote a bit at the start of the week. After that it felt like going over the same things.",
		"none":    "I didn't write anything. I opened the notebook once and closed it again.",
	},
	"relapse_prevention": {
		"full":    "I wrote the plan out properly – what to look out for, and what I'll do. I've put it somewhere I'll see it.",
		"partial": "I started the plan. The warning signs were easy; what I'd actually do about them was harder.",
		"none":    "I didn't get round to the plan. I suppose I didn't want to think about it coming back.",
	},
	"other": {
		"full":    "I did it, all of it. It was harder than it sounded, but I'm glad I did.",
		"partial": "I did some of it. Not as much as I meant to.",
		"none":    "I didn't do it. I'm not sure why – it just didn't happen.",
	},
}

// homeworkLine returns the client's words about a task of the given kind
// and completion (none, partial or full).
func homeworkLine(kind, completion string) string {
	byKind, ok := homeworkWords[kind]
	if !ok {
		byKind = homeworkWords["other"]
	}
	if s, ok := byKind[completion]; ok {
		return s
	}
	return byKind["none"]
}

// taskName turns a task kind such as "thought_record" into "thought record".
func taskName(kind string) string {
	if kind == "" {
		return "task"
	}
	return strings.ReplaceAll(kind, "_", " ")
}

// completionWords says what became of a task, and the shape that marks it.
func completionWords(completion string) (string, shape) {
	switch completion {
	case "full":
		return "done fully", shCheck
	case "partial":
		return "partly done", shHalf
	}
	return "not done", shCross
}
