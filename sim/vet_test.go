package sim

import (
	"strings"
	"testing"
)

// TestVetClosedSets: a name whose values are a closed set, compared with a
// value outside it, is refused with the nearest value it can take.
func TestVetClosedSets(t *testing.T) {
	for _, tt := range []struct {
		src, want string // want: "" for no problem, else a part of the message
	}{
		{`rupture == "withdrawal"`, ""},
		{`rupture != "none" && homework_done in ["none", "partial"]`, ""},
		{`act == "advice" || act == ""`, ""},
		{`rupture == "withdrawl"`, `rupture can never be "withdrawl" (did you mean "withdrawal"?)`},
		{`"Full" == homework_done`, `homework_done can never be "Full" (did you mean "full"?)`},
		{`rupture in ["none", "confrontaton"]`, `rupture can never be "confrontaton" (did you mean "confrontation"?)`},
		{`act != "reflection"`, `act can never be "reflection"`},
		{`attr.kind == "anything"`, ""}, // task kinds are the author's own
	} {
		err := vetExpr(tt.src)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.src, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: %v, want %q", tt.src, err, tt.want)
		}
	}
}
