package sim

import (
	"errors"
	"fmt"
	"strings"

	"github.com/expr-lang/expr/file"
)

// MaxSessionChoices is how many choices a session may take. No session
// written to be played comes near it (the shipped course's longest takes
// about 20); a scenario whose way out of a session is never offered would
// otherwise go on for ever.
const MaxSessionChoices = 200

// An EndlessError is Choose's refusal to go on with a session that has
// taken MaxSessionChoices choices: the run stops there, at Beat.
type EndlessError struct {
	Session int
	Beat    string
	Choices int
}

func (e *EndlessError) Error() string {
	return fmt.Sprintf("session %d has gone on for %d choices without ending, at beat %q: the scenario's way out of the session is never offered (therasim check says where)",
		e.Session, e.Choices, e.Beat)
}

// A Failure is an expression of the scenario or the model that failed at
// run time (a division by zero, a number that is not finite) and was
// counted as false or 0.
type Failure struct {
	// Session is the session it happened in.
	Session int
	// Where names the expression's owner: "beat worry", a rule's id, a life
	// event's id, "option", "policy competent".
	Where string
	// Message says what failed.
	Message string
}

// maxFailures is how many failures a run keeps; they are counted beyond.
const maxFailures = 64

// fail records an expression that failed at run time: a Warning event
// and, in quiet runs too, a Failure.
func (r *Run) fail(where, msg string) {
	if len(r.failures) < maxFailures {
		r.failures = append(r.failures, Failure{Session: r.st.Session, Where: where, Message: msg})
	}
	r.emit(Event{Kind: Warning, Rule: where, Text: msg})
}

// failed says what went wrong in expression src, in a line.
func failed(src string, err error) string {
	msg := err.Error()
	var fe *file.Error
	if errors.As(err, &fe) {
		msg = strings.TrimPrefix(fe.Message, "runtime error: ")
	}
	return fmt.Sprintf("%s in %s", msg, quoteExpr(src))
}

// Failures returns the expressions that failed at run time so far (the
// first 64), in quiet runs too. The slice must not be changed.
func (r *Run) Failures() []Failure { return r.failures }
