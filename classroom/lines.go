package classroom

import (
	"fmt"
	"net/http"
	"slices"
	"unicode/utf8"

	"github.com/therasim/therasim/sim"
)

// The trainee's own lines in a run: answers to check-ins, given before a
// choice, and lines of recall, written in the debrief afterwards. They
// never change the client, but they are the trainee's words, sent as the
// choices are (Append): what the server can check of them, it checks.

// checkLines checks the limits of the check-in answers and lines of recall
// of an Append, before any run is looked at; it returns the status and
// words to refuse it with, or "".
func checkLines(a *Append) (int, string) {
	switch {
	case len(a.CheckIns) > MaxChoicesPerAppend:
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("Too many check-in answers were sent at once (%d; the most is %d): send them in several", len(a.CheckIns), MaxChoicesPerAppend)
	case len(a.Recall) > MaxChoicesPerAppend:
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("Too many lines of recall were sent at once (%d; the most is %d): send them in several", len(a.Recall), MaxChoicesPerAppend)
	case len(a.CheckIns) > 0 && a.CheckInsFrom < 1:
		return http.StatusBadRequest, fmt.Sprintf("The check-in answers sent begin with number %d; they are numbered from 1", a.CheckInsFrom)
	case len(a.Recall) > 0 && a.RecallFrom < 1:
		return http.StatusBadRequest, fmt.Sprintf("The lines of recall sent begin with number %d; they are numbered from 1", a.RecallFrom)
	case len(a.CheckIns) > 0 && a.CheckInsFrom+len(a.CheckIns)-1 > MaxCheckInsPerRun:
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("Check-in answer %d is beyond the most a run may have, %d", a.CheckInsFrom+len(a.CheckIns)-1, MaxCheckInsPerRun)
	case len(a.Recall) > 0 && a.RecallFrom+len(a.Recall)-1 > MaxRecallPerRun:
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("Recall line %d is beyond the most a run may have, %d", a.RecallFrom+len(a.Recall)-1, MaxRecallPerRun)
	}
	for i, ci := range a.CheckIns {
		n := a.CheckInsFrom + i
		switch {
		case ci.Type != "check_in":
			return http.StatusBadRequest, fmt.Sprintf("Check-in answer %d has type %q, not \"check_in\"", n, clip(ci.Type))
		case ci.Choice < 1:
			return http.StatusBadRequest, fmt.Sprintf("Check-in answer %d is at choice %d; choices are numbered from 1", n, ci.Choice)
		case ci.Choice > MaxChoicesPerRun:
			return http.StatusRequestEntityTooLarge, fmt.Sprintf("Check-in answer %d is at choice %d, beyond the most a run may have, %d", n, ci.Choice, MaxChoicesPerRun)
		case len(ci.Beat) > MaxField || len(ci.Time) > MaxField:
			return http.StatusBadRequest, fmt.Sprintf("The check-in answer at choice %d has a beat or time longer than %d bytes", ci.Choice, MaxField)
		case !utf8.ValidString(ci.Text):
			return http.StatusBadRequest, fmt.Sprintf("The check-in answer at choice %d is not valid text (UTF-8)", ci.Choice)
		case utf8.RuneCountInString(ci.Text) > MaxCheckInText:
			return http.StatusRequestEntityTooLarge, fmt.Sprintf("The check-in answer at choice %d has %d characters of text; it may have at most %d", ci.Choice, utf8.RuneCountInString(ci.Text), MaxCheckInText)
		}
		for _, p := range ci.Pulls {
			if len(p) > MaxField {
				return http.StatusBadRequest, fmt.Sprintf("The check-in answer at choice %d names a pull longer than %d bytes", ci.Choice, MaxField)
			}
		}
	}
	for i, rc := range a.Recall {
		n := a.RecallFrom + i
		switch {
		case rc.Type != "recall":
			return http.StatusBadRequest, fmt.Sprintf("Recall line %d has type %q, not \"recall\"", n, clip(rc.Type))
		case rc.Choice < 1:
			return http.StatusBadRequest, fmt.Sprintf("Recall line %d is of choice %d; choices are numbered from 1", n, rc.Choice)
		case rc.Choice > MaxChoicesPerRun:
			return http.StatusRequestEntityTooLarge, fmt.Sprintf("Recall line %d is of choice %d, beyond the most a run may have, %d", n, rc.Choice, MaxChoicesPerRun)
		case len(rc.Time) > MaxField:
			return http.StatusBadRequest, fmt.Sprintf("Recall line %d has a time longer than %d bytes", n, MaxField)
		case !utf8.ValidString(rc.Text):
			return http.StatusBadRequest, fmt.Sprintf("Recall line %d is not valid text (UTF-8)", n)
		case utf8.RuneCountInString(rc.Text) > MaxRecall:
			return http.StatusRequestEntityTooLarge, fmt.Sprintf("Recall line %d has %d characters; a line of recall may have at most %d", n, utf8.RuneCountInString(rc.Text), MaxRecall)
		}
	}
	return 0, ""
}

// fits says whether the check-in answer ci was given at p, the moment of
// the choice it comes before: the moment it names, which asks a check-in
// offering every pull it names, each once. It returns the status and
// words to refuse it with, or "".
func fits(p *sim.Prompt, ci sim.CheckInAnswer) (int, string) {
	head := fmt.Sprintf("The check-in answer at choice %d", ci.Choice)
	switch {
	case p == nil:
		return http.StatusConflict, head + " was sent, but the course was already over"
	case p.Session != ci.Session || p.Beat != ci.Beat:
		return http.StatusConflict, fmt.Sprintf("%s was given at session %d beat %q, but the course is at session %d beat %q there", head, ci.Session, clip(ci.Beat), p.Session, p.Beat)
	case p.CheckIn == nil:
		return http.StatusConflict, head + " was sent, but that moment asks no check-in"
	case len(ci.Pulls) > len(p.CheckIn.Pulls):
		return http.StatusBadRequest, fmt.Sprintf("%s names %d pulls; the check-in at that moment offers %d", head, len(ci.Pulls), len(p.CheckIn.Pulls))
	}
	for i, id := range ci.Pulls {
		switch {
		case p.CheckIn.Pull(id) == nil:
			return http.StatusConflict, fmt.Sprintf("%s names a pull, %q, that the check-in at that moment does not offer", head, clip(id))
		case slices.Contains(ci.Pulls[:i], id):
			return http.StatusBadRequest, fmt.Sprintf("%s names the pull %q twice", head, clip(id))
		}
	}
	return 0, ""
}

// sameCheckIn reports whether two check-in answers are the same, line for
// line.
func sameCheckIn(x, y sim.CheckInAnswer) bool {
	return x.Type == y.Type && x.Choice == y.Choice && x.Session == y.Session && x.Beat == y.Beat &&
		x.Text == y.Text && x.Time == y.Time && slices.Equal(x.Pulls, y.Pulls)
}

// lineWords says what refusals of a kind of numbered line call it.
type lineWords struct {
	// one is a line, numbered ("Check-in answer 3"); many is a count of
	// them ("2 check-in answers"); between is what a gap lacks.
	one     func(n int) string
	many    func(n int) string
	between string
}

var (
	checkInWords = lineWords{
		one:     func(n int) string { return fmt.Sprintf("Check-in answer %d", n) },
		many:    func(n int) string { return plural(n, "check-in answer", "check-in answers") },
		between: "the answers between are missing",
	}
	recallWords = lineWords{
		one:     func(n int) string { return fmt.Sprintf("Recall line %d", n) },
		many:    func(n int) string { return plural(n, "recall line", "recall lines") },
		between: "the lines between are missing",
	}
)

// fresh returns the lines of sent (the first numbered from) that come
// after those held, having checked that each numbered as a held one is the
// same (a resend after a lost acknowledgement) and that the first new one
// follows the last held; or the status and words to refuse them with.
func fresh[T any](held, sent []T, from int, same func(x, y T) bool, words lineWords) ([]T, int, string) {
	for i, x := range sent {
		n := from + i
		switch {
		case n <= len(held):
			if !same(held[n-1], x) {
				return nil, http.StatusConflict, fmt.Sprintf("%s differs from the one the server already holds of this run", words.one(n))
			}
		case n > len(held)+1:
			return nil, http.StatusConflict, fmt.Sprintf("%s was sent, but the server holds %s of this run: %s", words.one(n), words.many(len(held)), words.between)
		default:
			return sent[i:], 0, ""
		}
	}
	return nil, 0, ""
}

// plural is "1 line", "2 lines", "no lines".
func plural(n int, one, many string) string {
	switch n {
	case 0:
		return "no " + many
	case 1:
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
