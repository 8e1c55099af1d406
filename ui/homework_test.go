package ui

import (
	"strings"
	"testing"
)

func TestHomeworkLines(t *testing.T) {
	kinds := []string{"activity_schedule", "activity_monitoring", "thought_record", "behavioural_experiment", "journaling", "relapse_prevention", "other"}
	for _, k := range kinds {
		for _, c := range []string{"none", "partial", "full"} {
			line := homeworkLine(k, c)
			if line == "" {
				t.Errorf("%s/%s: no line", k, c)
			}
			if !strings.Contains(" "+line, " I ") && !strings.HasPrefix(line, "I ") && !strings.Contains(line, "I'") {
				t.Errorf("%s/%s: %q is not in the first person", k, c, line)
			}
		}
	}
	tests := []struct{ kind, completion, want string }{
		{"positive_thinking", "full", homeworkWords["other"]["full"]},
		{"", "partial", homeworkWords["other"]["partial"]},
		{"thought_record", "", homeworkWords["thought_record"]["none"]},
	}
	for _, tt := range tests {
		if got := homeworkLine(tt.kind, tt.completion); got != tt.want {
			t.Errorf("homeworkLine(%q, %q) = %q, want %q", tt.kind, tt.completion, got, tt.want)
		}
	}
	// Full, partial and none differ for every kind.
	for k, byC := range homeworkWords {
		if byC["full"] == byC["partial"] || byC["partial"] == byC["none"] || byC["full"] == byC["none"] {
			t.Errorf("%s: the three outcomes do not all differ", k)
		}
	}
}

func TestTaskName(t *testing.T) {
	for in, want := range map[string]string{"thought_record": "thought record", "": "task", "journaling": "journaling"} {
		if got := taskName(in); got != want {
			t.Errorf("taskName(%q) = %q, want %q", in, got, want)
		}
	}
}
