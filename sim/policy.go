package sim

import (
	"fmt"
	"reflect"
	"strconv"
)

// A Policy is how a simulated therapist chooses among the options a beat
// offers, by each option's act and attributes: a score per act, a weight
// per attribute, extra scores that apply in situations (a condition over
// the state, as in scenarios), and how often it departs from its preferred
// option at random. A policy may also act on outcome feedback: extra
// scores that apply when the OQ-45 says the client is not on track (its
// [feedback] table). Policies are TOML files; docs/format.md describes
// them.
type Policy struct {
	ID, Title, Description string
	// Noise is the chance of picking an option at random instead of the
	// best-scoring one.
	Noise float64
	// Extends is the id of the policy the file starts from (extends under
	// [policy]), or "". LoadPolicy only records it: until the policy is
	// laid over that one (Policy.Over), it holds only what its own file
	// says. scenarios.OpenPolicy lays a file over the shipped policy it
	// names.
	Extends string
	// ExtendsAt is where the file names the policy it extends, for a
	// message about it.
	ExtendsAt Pos
	acts      []float64 // by act index
	attrs     attrWeights
	// when are the situations, the feedback response (if any) last.
	when []situation
	File string
	own  ownKeys
}

// ownKeys records what a policy's file sets itself, which a policy it
// extends does not replace.
type ownKeys struct {
	noise bool
	acts  []int    // act indexes
	attrs []string // keys of [attrs]
}

type policyFile struct {
	Policy struct {
		ID          string  `toml:"id"`
		Title       string  `toml:"title"`
		Description string  `toml:"description"`
		Noise       float64 `toml:"noise"`
		Extends     string  `toml:"extends"`
	} `toml:"policy"`
	Acts  map[string]float64 `toml:"acts"`
	Attrs attrWeights        `toml:"attrs"`
	When  []struct {
		If   string             `toml:"if"`
		Acts map[string]float64 `toml:"acts"`
	} `toml:"when"`
	Feedback *struct {
		Acts map[string]float64 `toml:"acts"`
	} `toml:"feedback"`
}

// NotOnTrack is the condition under which a policy's feedback response
// applies: the last OQ-45 lags the expected recovery curve.
const NotOnTrack = "not_on_track"

// attrWeights score an option's attributes: booleans add their weight when
// true, difficulty and warmth add weight × value.
type attrWeights struct {
	Collaborative float64 `toml:"collaborative"`
	Rationale     float64 `toml:"rationale"`
	Specific      float64 `toml:"specific"`
	Written       float64 `toml:"written"`
	Matched       float64 `toml:"matched"`
	Obstacles     float64 `toml:"obstacles"`
	Acknowledges  float64 `toml:"acknowledges"`
	Prepared      float64 `toml:"prepared"`
	Accurate      float64 `toml:"accurate"`
	AtMarker      float64 `toml:"at_marker"`
	Difficulty    float64 `toml:"difficulty"`
	Warmth        float64 `toml:"warmth"`
}

type situation struct {
	when *condition
	acts []float64 // by act index
	// feedback: the policy's response to the not-on-track signal.
	feedback bool
}

// LoadPolicy reads a policy file. name is used in messages; the error, if
// any, is Problems.
func LoadPolicy(name string, data []byte) (*Policy, error) {
	ld := &loader{file: name}
	var pf policyFile
	if !ld.decode(data, &pf) {
		return nil, ld.probs
	}
	p := &Policy{ID: pf.Policy.ID, Title: pf.Policy.Title, Description: pf.Policy.Description,
		Noise: pf.Policy.Noise, Extends: pf.Policy.Extends, attrs: pf.Attrs, File: name}
	if p.ID == "" {
		ld.errorf("policy", "policy needs an id")
	}
	if p.Noise < 0 || p.Noise > 1 {
		ld.errorf("policy.noise", "noise = %v is outside 0 to 1", p.Noise)
	}
	if p.Extends != "" {
		p.ExtendsAt = ld.at("policy.extends")
	}
	p.own.noise = ld.has("policy.noise")
	for k := range ld.fields(reflect.TypeOf(attrWeights{})) {
		if ld.has("attrs." + k) {
			p.own.attrs = append(p.own.attrs, k)
		}
	}
	p.acts = ld.actScores("acts", pf.Acts)
	for name := range pf.Acts {
		if i := Act(name).index(); i >= 0 {
			p.own.acts = append(p.own.acts, i)
		}
	}
	for i, w := range pf.When {
		path := "when." + strconv.Itoa(i)
		if w.If == "" {
			ld.errorf(path, "a [[when]] needs if: the situation it applies in")
			continue
		}
		p.when = append(p.when, situation{when: ld.condition(join(path, "if"), w.If), acts: ld.actScores(join(path, "acts"), w.Acts)})
	}
	if f := pf.Feedback; f != nil {
		if len(f.Acts) == 0 {
			ld.errorf("feedback", "[feedback] needs acts: the scores added to acts when the OQ-45 says the client is not on track, as [feedback.acts] with ask_feedback = 4")
		} else {
			p.when = append(p.when, situation{when: ld.condition("feedback", NotOnTrack), acts: ld.actScores("feedback.acts", f.Acts), feedback: true})
		}
	}
	if len(ld.probs) > 0 {
		ld.probs.sort()
		return nil, ld.probs
	}
	return p, nil
}

func (ld *loader) actScores(path string, m map[string]float64) []float64 {
	out := make([]float64, len(Acts()))
	for name, s := range m {
		i := Act(name).index()
		if i < 0 {
			ld.errorf(join(path, name), "%s", unknownAct(name))
			continue
		}
		out[i] = s
	}
	return out
}

// Feedback reports whether the policy acts on outcome feedback: whether it
// has scores for when the OQ-45 says the client is not on track.
func (p *Policy) Feedback() bool { return p.feedback() != nil }

// feedback returns the policy's feedback response, or nil.
func (p *Policy) feedback() *situation {
	if n := len(p.when); n > 0 && p.when[n-1].feedback {
		return &p.when[n-1]
	}
	return nil
}

// Over returns the policy p's file describes laid over base, the policy it
// extends: base's act scores and attribute weights, with those the file
// sets in their place; base's situations, then the file's; the file's
// feedback response, or else base's; the file's noise when it sets one,
// else base's. The id is p's, and so are the title and the description
// when the file gives them. Neither p nor base changes.
func (p *Policy) Over(base *Policy) *Policy {
	q := *p
	if q.Title == "" {
		q.Title = base.Title
	}
	if q.Description == "" {
		q.Description = base.Description
	}
	if !p.own.noise {
		q.Noise = base.Noise
	}
	q.acts = append([]float64(nil), base.acts...)
	for _, i := range p.own.acts {
		q.acts[i] = p.acts[i]
	}
	q.attrs = base.attrs
	to, from := reflect.ValueOf(&q.attrs).Elem(), reflect.ValueOf(&p.attrs).Elem()
	for _, f := range reflect.VisibleFields(to.Type()) {
		tag := f.Tag.Get("toml")
		for _, k := range p.own.attrs {
			if k == tag {
				to.FieldByIndex(f.Index).Set(from.FieldByIndex(f.Index))
			}
		}
	}
	fb := p.feedback()
	if fb == nil {
		fb = base.feedback()
	}
	q.when = nil
	for _, w := range [][]situation{base.when, p.when} {
		for _, s := range w {
			if !s.feedback {
				q.when = append(q.when, s)
			}
		}
	}
	if fb != nil {
		q.when = append(q.when, *fb)
	}
	return &q
}

// WithFeedback returns p acting on outcome feedback as from does: p with
// from's feedback response in place of any of its own, under the id
// "ID+feedback" (p's id). It returns p itself when from has no feedback
// response, or is p, or is of p's id when p has a response of its own.
func (p *Policy) WithFeedback(from *Policy) *Policy {
	fb := from.feedback()
	if fb == nil || p == from || p.ID == from.ID && p.Feedback() {
		return p
	}
	q := *p
	q.ID = p.ID + "+feedback"
	if p.Title != "" {
		q.Title = p.Title + ", acting on outcome feedback"
	}
	q.when = nil
	for _, s := range p.when {
		if !s.feedback {
			q.when = append(q.when, s)
		}
	}
	q.when = append(q.when, *fb)
	return &q
}

// score returns the policy's score of option o, given which situations
// hold now (nil when none does).
func (p *Policy) score(o *Option, active []bool) float64 {
	s := p.acts[o.actIndex]
	for i, on := range active {
		if on {
			s += p.when[i].acts[o.actIndex]
		}
	}
	// Straight-line code, in the order the weights were always added.
	a, w := &o.Attrs, &p.attrs
	if a.Collaborative {
		s += w.Collaborative
	}
	if a.Rationale {
		s += w.Rationale
	}
	if a.Specific {
		s += w.Specific
	}
	if a.Written {
		s += w.Written
	}
	if a.Matched {
		s += w.Matched
	}
	if a.Obstacles {
		s += w.Obstacles
	}
	if a.Acknowledges {
		s += w.Acknowledges
	}
	if a.Prepared {
		s += w.Prepared
	}
	if a.Accurate {
		s += w.Accurate
	}
	if a.AtMarker {
		s += w.AtMarker
	}
	s += float64(w.Difficulty * a.Difficulty)
	s += float64(w.Warmth * a.Warmth)
	return s
}

// Never is the act score at or below which a policy never picks an act,
// even at random (unless nothing else is offered).
const Never = -100

// A Chooser is a policy playing one client's course, with a generator of
// its own so that its draws never shift the run's.
type Chooser struct {
	p *Policy
	g rng
	// Which situations hold: in buf for most policies, in more for one
	// with more situations than buf holds. (A slice of buf kept in the
	// Chooser would make every Chooser escape to the heap.)
	more []bool
	buf  [8]bool
}

// Chooser returns a chooser for one course; seed is usually the run's.
func (p *Policy) Chooser(seed uint64) *Chooser {
	c := new(Chooser)
	c.reset(p, seed)
	return c
}

// reset makes c the chooser p.Chooser(seed) returns.
func (c *Chooser) reset(p *Policy, seed uint64) {
	*c = Chooser{p: p}
	if len(p.when) > len(c.buf) {
		c.more = make([]bool, len(p.when))
	}
	c.g.seed(mix(seed ^ 0x706f6c696379)) // "policy"
}

// situations returns the chooser's flags of which situations hold.
func (c *Chooser) situations() []bool {
	if c.more != nil {
		return c.more
	}
	return c.buf[:len(c.p.when)]
}

// Pick returns the number of the option the policy chooses at r's prompt,
// or 0 when the course is over. It always makes two draws: whether to pick
// at random, and which option (at random, or among equally good ones).
func (c *Chooser) Pick(r *Run) int {
	if r.st.Done || r.beat == end {
		return 0
	}
	u1, u2 := c.g.float(), c.g.float()
	b := r.sc.Sessions[r.st.Session-1].Beats[r.beat]
	if u1 < c.p.Noise {
		// At random, but never an act the policy forbids (score <= Never).
		var allowed [8]int
		n := 0
		for i, oi := range r.shown {
			if c.p.acts[b.Options[oi].actIndex] > Never && n < len(allowed) {
				allowed[n] = i
				n++
			}
		}
		if n == 0 {
			return int(float64(u2*float64(len(r.shown)))) + 1
		}
		return allowed[int(float64(u2*float64(n)))] + 1
	}
	// The environment is as enter left it: the state before this choice,
	// with no act.
	var active []bool // nil while no situation holds: score need not look
	if len(c.p.when) > 0 {
		flags := c.situations()
		for i := range c.p.when {
			var on bool
			if w := c.p.when[i].when; w.fast != nil { // r.cond, by hand: it does not inline
				on = w.fast(&r.env)
			} else {
				on = r.condVM(w, "policy", c.p.ID)
			}
			flags[i] = on
			if on {
				active = flags
			}
		}
	}
	var tied [8]int
	ties, bestScore := 0, 0.0
	opts := b.Options
	for i, oi := range r.shown {
		s := c.p.score(opts[oi], active)
		switch {
		case i == 0 || s > bestScore:
			bestScore, ties = s, 0
			fallthrough
		case s == bestScore:
			if ties < len(tied) {
				tied[ties] = i
				ties++
			}
		}
	}
	return tied[int(float64(u2*float64(ties)))] + 1
}

// Treat plays a whole course, as a cohort does, with a client drawn from
// sc's population by seed (Scenario.Sample) and every choice the policy's:
// a quiet run (no events, no client lines) from the same seed. It returns
// the finished run and the client it played.
func (p *Policy) Treat(sc *Scenario, seed uint64) (*Run, Client, error) {
	r := new(Run)
	c, err := p.TreatInto(r, sc, seed)
	return r, c, err
}

// TreatInto is Treat playing the course in r, which it resets (Run.Reset):
// a cohort's worker plays client after client in one Run, and allocates
// nothing for most of them. The course is the one Treat plays, draw for
// draw.
func (p *Policy) TreatInto(r *Run, sc *Scenario, seed uint64) (Client, error) {
	c := sc.Sample(seed)
	r.Reset(sc, seed, Options{Client: &c, Quiet: true})
	var ch Chooser
	ch.reset(p, seed)
	for !r.Done() {
		if _, err := r.Choose(ch.Pick(r)); err != nil {
			return c, err
		}
	}
	return c, nil
}

// String names the policy.
func (p *Policy) String() string { return fmt.Sprintf("%s (%s)", p.ID, p.Title) }
