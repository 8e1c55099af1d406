package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/therasim/therasim/sim"
)

// Countertransference check-ins in the terminal. At a moment the author
// marked (sim.Prompt.CheckIn), before the options, the trainee is asked
// what they notice in themselves, set apart from the client's words by a
// bar down the left. One line answers it: the numbers of the pulls that
// fit, the trainee's own words after a colon (or words alone), or nothing
// (Enter) when there is nothing to note. The answer is recorded before the
// choice, as the window records it, and never changes the run.

// checkInMost is the most characters a check-in's own words keep, as in
// the window.
const checkInMost = 600

// The bar down the left of a check-in, its first line and its last.
const (
	checkInBar    = "│ "
	checkInTop    = "┌─ Check-in — about you"
	checkInBottom = "└─"
)

// checkIn asks the check-in of p, the run's current prompt, unless it has
// none or it was answered at this moment already, and records the answer.
// t writes the check-in and w takes the prompt (t's writer). A choice
// that is not typed (interactive false: it comes from --choices) answers
// no check-in: the check-in is shown, with t, and said not to be asked.
func (pl *player) checkIn(p *sim.Prompt, t *transcript, w io.Writer, interactive bool) error {
	q := p.CheckIn
	if q == nil || pl.answered(p) {
		return nil
	}
	if !interactive {
		if t != nil {
			t.checkIn(q, false)
			t.wrapped(checkInBar, checkInBar, "Not asked: this choice comes from --choices, so the check-in is left unanswered.")
			t.line("%s", checkInBottom)
		}
		return nil
	}
	t.checkIn(q, true)
	for {
		fmt.Fprint(w, checkInBar+"Your check-in: ")
		line, err := pl.readAnswer()
		if err != nil && !errors.Is(err, io.EOF) {
			fmt.Fprintln(w)
			return fmt.Errorf("reading the answer: %w", err)
		}
		if line == "" && err != nil {
			fmt.Fprintln(w)
			return pl.incomplete("the input ended before the course did")
		}
		if !pl.a.terminal {
			fmt.Fprintln(w, line)
		}
		switch strings.ToLower(line) {
		case "q", "quit":
			return pl.incomplete("you stopped before the end of the course")
		case "?", "h", "help":
			t.wrapped(checkInBar, checkInBar, checkInHow(len(q.Pulls))+" Type q to stop here.")
			continue
		}
		picked, words, problem := parseCheckIn(line, len(q.Pulls))
		if problem != "" {
			t.wrapped(checkInBar+"  ", checkInBar+"  ", problem)
			if err != nil {
				return pl.incomplete("the input ended before the course did")
			}
			continue
		}
		words, cut := clipWords(words)
		ans := sim.CheckInAnswer{Choice: pl.run.Choices() + 1, Session: p.Session, Beat: p.Beat,
			Text: words, Time: pl.a.now().UTC().Format(time.RFC3339)}
		for _, k := range picked {
			ans.Pulls = append(ans.Pulls, q.Pulls[k-1].ID)
		}
		if pl.rec != nil {
			if err := pl.rec.CheckIn(ans); err != nil {
				return fmt.Errorf("%s: %w", pl.path, err)
			}
		}
		pl.checkedIn, pl.checkedQ = ans.Choice, q
		if cut {
			t.wrapped(checkInBar+"  ", checkInBar+"  ", fmt.Sprintf("A check-in's own words can be at most %d characters long: the rest was left out.", checkInMost))
		}
		t.wrapped(checkInBar+"  ", checkInBar+"    ", noted(q, picked, words))
		t.line("%s", checkInBottom)
		return nil
	}
}

// answered reports whether the check-in of p, the run's current prompt,
// was answered at this moment: here, or in the recording resumed. After a
// save of a watched scenario (--watch) the same moment asks it again only
// if the save changed it.
func (pl *player) answered(p *sim.Prompt) bool {
	return pl.checkedIn == pl.run.Choices()+1 && sameQuestion(pl.checkedQ, p.CheckIn)
}

// sameQuestion reports whether two check-ins ask the same: the same
// question and pulls.
func sameQuestion(x, y *sim.CheckIn) bool {
	if x == nil || y == nil {
		return x == y
	}
	return x.Question == y.Question && slices.Equal(x.Pulls, y.Pulls)
}

// checkIn writes check-in q, apart from the client's words; asked says
// whether the trainee is asked it now, and then how to answer it follows.
func (t *transcript) checkIn(q *sim.CheckIn, asked bool) {
	t.para()
	t.line("%s", checkInTop)
	t.wrapped(checkInBar, checkInBar, q.Question)
	if asked {
		t.wrapped(checkInBar, checkInBar, t.name+" waits: nothing you note here changes what "+t.name+" does.")
	}
	for i, p := range q.Pulls {
		num := fmt.Sprintf("  [%d] ", i+1)
		t.wrapped(checkInBar+num, checkInBar+strings.Repeat(" ", len(num)), p.Text)
	}
	if asked {
		t.wrapped(checkInBar, checkInBar, checkInHow(len(q.Pulls)))
	}
}

// checkInHow says how to answer a check-in of n pulls.
func checkInHow(n int) string {
	eg := "1 3"
	if n < 3 {
		eg = "1 2"
	}
	return "Type the numbers of any that fit (e.g. " + eg + ") and press Enter. To add your own words, put them after a colon (" +
		eg + ": I felt tense), or type only words. Nothing to note? Just press Enter."
}

// parseCheckIn reads an answer to a check-in of n pulls: the numbers of
// the pulls (from 1, apart by spaces or commas), then, after a colon, the
// trainee's own words; a line that does not start with a number is words
// alone (a colon before them is dropped). It returns the numbers picked,
// each once and in the check-in's order, and the words, or what is wrong
// with the line, said for the trainee.
func parseCheckIn(line string, n int) (picked []int, words string, problem string) {
	line = strings.TrimSpace(line)
	if line == "" || line[0] < '0' || line[0] > '9' {
		return nil, strings.TrimSpace(strings.TrimPrefix(line, ":")), ""
	}
	nums := line
	if i := strings.IndexByte(line, ':'); i >= 0 {
		nums, words = line[:i], strings.TrimSpace(line[i+1:])
	}
	eg := "1 3"
	if n < 3 {
		eg = "1 2"
	}
	for _, f := range strings.FieldsFunc(nums, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		k, err := strconv.Atoi(f)
		switch {
		case err != nil:
			return nil, "", fmt.Sprintf("Only numbers go before a colon, and %q is not one. Put your own words after a colon (%s: I felt tense), or press Enter for nothing to note.", f, eg)
		case k < 1 || k > n:
			return nil, "", fmt.Sprintf("There is no [%s] here: the numbers go from 1 to %d. Type them again, or press Enter for nothing to note.", f, n)
		}
		if !slices.Contains(picked, k) {
			picked = append(picked, k)
		}
	}
	slices.Sort(picked)
	return picked, words, ""
}

// clipWords makes a check-in's own words fit to be kept: valid text, no
// control characters, at most checkInMost characters. It reports whether
// some were left out.
func clipWords(s string) (string, bool) {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= checkInMost {
		return s, false
	}
	return strings.TrimSpace(string([]rune(s)[:checkInMost])), true
}

// noted says what was noted at check-in q: the pulls picked (numbers
// from 1) and the trainee's words.
func noted(q *sim.CheckIn, picked []int, words string) string {
	if len(picked) == 0 && words == "" {
		return "Nothing noted."
	}
	var parts []string
	for _, k := range picked {
		parts = append(parts, fmt.Sprintf("[%d] %s", k, q.Pulls[k-1].Text))
	}
	s := "Noted: "
	if len(parts) > 0 {
		s += strings.Join(parts, "; ") + "."
		if words != "" {
			s += " "
		}
	}
	if words != "" {
		s += "Your words: “" + words + "”."
	}
	return s
}
