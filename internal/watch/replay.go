// Package watch follows a scenario file while its author writes it: a
// Watcher reports each save, however the editor saves, and Replay carries
// the run being played over to the new version of the scenario, choice by
// choice, saying plainly where a choice made before is no longer offered.
//
// The commands 'therasim run --watch' and 'therasim play --watch' are built
// on it. Replay is pure; the Watcher needs a file system that reports
// changes, so it is left out of the browser build.
package watch

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/therasim/therasim/sim"
)

// A Choice is a choice made in a run, as it was offered: enough to find
// the same option in a revised scenario.
type Choice struct {
	Session int    // the session it was made in, from 1
	Beat    string // the beat's id
	// Option is the option chosen, as offered then: its number, its id
	// when the scenario gave it one, and its text.
	Option sim.Offer
}

// Choices returns the choices made so far in run, each as it was offered.
// It plays the run's choices again on the run's own scenario and seed,
// which gives the same prompts, to read each option chosen.
func Choices(run *sim.Run) ([]Choice, error) {
	r := sim.NewRun(run.Scenario(), run.Seed())
	var out []Choice
	for _, e := range run.Events() {
		if e.Kind != sim.Choice {
			continue
		}
		p := r.Prompt()
		if p == nil || e.Option < 1 || e.Option > len(p.Options) {
			return out, fmt.Errorf("internal error: choice %d of the run does not replay", len(out)+1)
		}
		out = append(out, Choice{Session: p.Session, Beat: p.Beat, Option: p.Options[e.Option-1]})
		if _, err := r.Choose(e.Option); err != nil {
			return out, fmt.Errorf("internal error: choice %d of the run does not replay: %w", len(out), err)
		}
	}
	return out, nil
}

// Replay makes the choices past on r, a new run of the revised scenario,
// each at the option that is the same as the one chosen: the option with
// the same id when the scenario gives ids, else (or when no option has
// that id any more) the one with the same text, whatever its number now. It stops at the first choice that is no longer
// offered and returns a Stop saying which and why; it returns nil when
// every choice was made. each, when not nil, is called after every choice
// with the events the choice caused (to record it); an error from each
// stops the replay and is returned.
func Replay(r *sim.Run, past []Choice, each func(ev []sim.Event) error) (*Stop, error) {
	for i, c := range past {
		p := r.Prompt()
		stop := &Stop{N: i + 1, Choice: c, Now: p}
		if p == nil || p.Session != c.Session || p.Beat != c.Beat {
			return stop, nil
		}
		o, ok := find(p.Options, c.Option)
		if !ok {
			return stop, nil
		}
		ev, err := r.Choose(o.Number)
		if err != nil {
			stop.Err = err
			return stop, nil
		}
		if each != nil {
			if err := each(ev); err != nil {
				return nil, err
			}
		}
	}
	return nil, nil
}

// find returns the option among opts that is the same as was: the one
// with its id, when it had one; else, when no option has that id (it had
// none, the ids were taken out, or its id was renamed), the one with its
// text.
func find(opts []sim.Offer, was sim.Offer) (sim.Offer, bool) {
	if was.ID != "" {
		for _, o := range opts {
			if o.ID == was.ID {
				return o, true
			}
		}
	}
	for _, o := range opts {
		if o.Text == was.Text {
			return o, true
		}
	}
	return sim.Offer{}, false
}

// A Stop is where a replay stopped: a choice made before that the revised
// scenario no longer offers. The run goes on from the prompt before it.
type Stop struct {
	N      int // the choice, from 1
	Choice Choice
	// Now is what the revised run asks instead; nil when its course is
	// over before it.
	Now *sim.Prompt
	// Err is set when the revised scenario refused the choice (a session
	// that never ends, say).
	Err error
}

// String says where the replay stopped, in a trainee's words, e.g.
//
//	Your 4th choice, "Let's leave the thought record", is no longer
//	offered at beat "review"; the run continues from there.
func (s *Stop) String() string {
	head := fmt.Sprintf("Your %s choice, %q, ", Ordinal(s.N), Shorten(s.Choice.Option.Text, 60))
	c := s.Choice
	switch p := s.Now; {
	case s.Err != nil:
		return head + fmt.Sprintf("could not be made again at beat %q: %v; the run continues from there.", c.Beat, s.Err)
	case p == nil:
		return head + "is no longer reached: the course now ends before it."
	case p.Session != c.Session:
		return head + fmt.Sprintf("was made at beat %q of session %d; the run now comes to beat %q of session %d there instead, and continues from there.",
			c.Beat, c.Session, p.Beat, p.Session)
	case p.Beat != c.Beat:
		return head + fmt.Sprintf("was made at beat %q; the run now comes to beat %q there instead, and continues from there.", c.Beat, p.Beat)
	}
	return head + fmt.Sprintf("is no longer offered at beat %q; the run continues from there.", c.Beat)
}

// Replayed says how many choices a reload replayed, e.g. "choices 1–4
// replayed", "choice 1 replayed", "no choice to replay".
func Replayed(n int) string {
	switch n {
	case 0:
		return "no choice replayed"
	case 1:
		return "choice 1 replayed"
	case 2:
		return "choices 1 and 2 replayed"
	}
	return fmt.Sprintf("choices 1–%d replayed", n)
}

// Ordinal writes n as an English ordinal: 1st, 2nd, 3rd, 4th, 11th, 21st.
func Ordinal(n int) string {
	suffix := "th"
	switch n % 10 {
	case 1:
		suffix = "st"
	case 2:
		suffix = "nd"
	case 3:
		suffix = "rd"
	}
	if n%100 >= 11 && n%100 <= 13 {
		suffix = "th"
	}
	return fmt.Sprint(n) + suffix
}

// Shorten cuts s to at most max characters at a word's end, adding "…"
// when it cuts.
func Shorten(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)[:max-1]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.–-") + "…"
}
