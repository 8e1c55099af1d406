package sim

import "strconv"

// Countertransference check-ins: a beat can ask the trainee, before they
// choose, what they notice in themselves at that moment (a pull to rescue,
// to defend, to withdraw, irritation…). The answer is the trainee's, kept
// in the recording (CheckInAnswer); it never changes the client, the clock
// or what a replay checks.

// A CheckIn is what a beat asks the trainee about themselves.
type CheckIn struct {
	// Question is what the trainee is asked; DefaultQuestion when the
	// author wrote none.
	Question string
	// Pulls are the reactions the author offers to choose from; the
	// trainee may also write their own words.
	Pulls []Pull
}

// DefaultQuestion is a check-in's question when the author gives none.
const DefaultQuestion = "Before you answer: what do you notice in yourself right now?"

// A Pull is one reaction a check-in offers.
type Pull struct {
	// ID names it in recordings.
	ID string
	// Text is what the trainee reads, such as "A pull to reassure her".
	Text string
	// Tends says, in the author's words, what such a pull can do to the
	// work when it is acted on unnoticed, and what, noticed, it may tell
	// the trainee about the client; the debrief shows it.
	Tends string
}

// Pull returns the pull with the given id, or nil.
func (c *CheckIn) Pull(id string) *Pull {
	for i := range c.Pulls {
		if c.Pulls[i].ID == id {
			return &c.Pulls[i]
		}
	}
	return nil
}

// checkIn reads a beat's check-in found at path.
func (ld *loader) checkIn(path, beat string, f *checkInFile) *CheckIn {
	if f == nil {
		return nil
	}
	c := &CheckIn{Question: f.Question}
	if c.Question == "" {
		c.Question = DefaultQuestion
	}
	if len(f.Pulls) < 2 {
		ld.errorf(path, "the check-in of beat %q needs at least two [[...check_in.pulls]]: reactions a trainee might notice in themselves here, such as a pull to rescue or irritation", beat)
	}
	seen := make(map[string]bool)
	for i, pf := range f.Pulls {
		p := join(path, "pulls."+strconv.Itoa(i))
		switch {
		case pf.ID == "":
			ld.errorf(p, "pull %d of the check-in of beat %q needs an id", i+1, beat)
		case !validID(pf.ID):
			ld.errorf(join(p, "id"), "id %q: use lowercase letters, digits, - and _", pf.ID)
		case seen[pf.ID]:
			ld.errorf(join(p, "id"), "pull id %q is used twice in the check-in of beat %q", pf.ID, beat)
		}
		seen[pf.ID] = true
		if pf.Text == "" {
			ld.errorf(p, "pull %q of the check-in of beat %q needs text: what the trainee reads", pf.ID, beat)
		}
		if pf.Tends == "" {
			ld.errorf(p, "pull %q of the check-in of beat %q needs tends: what such a pull can do when it is acted on unnoticed, and what, noticed, it may tell you about the client (the debrief shows it)", pf.ID, beat)
		}
		c.Pulls = append(c.Pulls, Pull{ID: pf.ID, Text: pf.Text, Tends: pf.Tends})
	}
	return c
}
