package sim

// What a choice does to the client's state: the rules its act triggers,
// judged together on the state before it, then the engine's bookkeeping of
// the act and the option's own effects; the changes they make, softly
// bounded, and the rupture they open, deepen, repair or ease.

// firing is a rule that applies to a choice, with its amounts (at from in
// the run's buffer) and the severity of the rupture it opens.
type firing struct {
	r        *rule
	from     int
	severity float64
}

// apply plays an option: the rules its act can trigger, all judged on the
// state before the choice, then the engine's own bookkeeping of the act,
// then the option's own effects.
func (r *Run) apply(o *Option) {
	// The environment is as enter left it, the state before this choice:
	// only the act and its attributes are new.
	r.choosing(o)
	openBefore := r.st.Rupture != NoRupture
	r.opened = false
	// Judge every rule first, on the state before the choice; the buffers
	// are the run's, reused from choice to choice.
	r.fired, r.amounts = r.fired[:0], r.amounts[:0]
	open := 0
	if openBefore {
		open = 1
	}
	for _, ru := range r.sc.byAct[open][o.actIndex] {
		if c := ru.when; c != nil { // r.cond, by hand: it does not inline
			if c.fast != nil {
				if !c.fast(&r.env) {
					continue
				}
			} else if !r.condVM(c, "", ru.id) {
				continue
			}
		}
		f := firing{r: ru, from: len(r.amounts)}
		for i := range ru.effects {
			x := ru.effects[i].amt.num // r.num, by hand, for a constant
			if v := &ru.effects[i].amt; v.fast != nil || v.prog != nil {
				x = r.num(v, ru.id)
			}
			r.amounts = append(r.amounts, x)
		}
		if ru.opens != "" {
			f.severity = r.num(&ru.severity, ru.id)
		}
		r.fired = append(r.fired, f)
	}
	for _, f := range r.fired {
		// A repair can fail (Dynamics): then neither it nor its effects
		// happen, and the rupture stays open.
		if f.r.repairs && r.st.Rupture != NoRupture && r.dyn != nil && !r.repairHolds(f.r.id) {
			continue
		}
		r.fire(f.r.id, f.r.explain, f.r.effects, r.amounts[f.from:f.from+len(f.r.effects)])
		if f.r.opens != "" {
			r.open(f.r.id, f.r.explain, f.r.opens, f.severity)
		}
		if f.r.repairs && r.st.Rupture != NoRupture {
			r.close(RuptureRepaired, f.r.id, f.r.explain)
		}
	}
	r.bookkeep(o)
	if r.dyn != nil {
		r.actOnSignal(o.Act)
	}
	if len(o.effects) > 0 {
		r.refresh()
		from := len(r.amounts)
		for i := range o.effects {
			r.amounts = append(r.amounts, r.num(&o.effects[i].amt, ByOption))
		}
		r.fire(ByOption, o.Explain, o.effects, r.amounts[from:])
	}
	if len(o.sets) > 0 {
		r.refresh()
		r.assign(o.sets, ByOption, o.Explain, r.amounts[len(r.amounts):])
	}
	// A rupture open before the choice and still open after it has lasted
	// one more turn; one opened by the choice (even one that closed and
	// opened again) starts at 0.
	if openBefore && r.st.Rupture != NoRupture && !r.opened {
		r.st.RuptureTurns++
	}
}

// fire applies effects with soft bounds and records each change.
func (r *Run) fire(id, explain string, effects []effect, amounts []float64) {
	for i := range effects {
		e, d := &effects[i], amounts[i]
		if e.v == VarRuptureSeverity {
			r.severity(id, explain, d)
			continue
		}
		r.change(id, explain, e.v, d, true)
	}
}

// change moves variable v by d: softly (rules, events) or plainly clamped
// (the week's own arithmetic).
func (r *Run) change(id, explain string, v Var, d float64, softly bool) {
	x := r.st.field(v)
	before := *x
	lo, hi := v.Range()
	var after float64
	if softly {
		after = softMid(before, d, lo, hi)
	} else {
		after = clamp(before+d, lo, hi)
	}
	if after == before {
		return
	}
	*x = after
	if !r.quiet {
		r.emit(Event{Kind: Change, Rule: id, Var: v, Before: before, After: after, Explain: explain})
	}
}

// softMid is soft with the amount read as the change at the middle of the
// range: an author's "bond = 0.05" moves a middling bond by 0.05, a high one
// by less, and an amount of half the range or more reaches the bound.
func softMid(x, d, lo, hi float64) float64 {
	return soft(x, float64(2*d), lo, hi)
}

func (r *Run) severity(id, explain string, d float64) {
	if r.st.Rupture == NoRupture || d == 0 {
		return
	}
	before := r.st.RuptureSeverity
	after := softMid(before, d, 0, 1)
	r.st.RuptureSeverity = after
	r.st.RupturePeak = max(r.st.RupturePeak, after)
	if after > before {
		// Deepened by a move or a moment: no longer the client's alone.
		r.st.RuptureUnprompted = false
	}
	if !r.quiet {
		r.emit(Event{Kind: Change, Rule: id, Var: VarRuptureSeverity, Before: before, After: after, Explain: explain})
	}
	switch {
	case after < 0.05:
		r.close(RuptureEased, id, explain)
	case d > 0 && !r.quiet:
		r.emit(Event{Kind: RuptureDeepened, Rule: id, Rupture: r.st.Rupture, Value: after, Explain: explain})
	}
}

func (r *Run) open(id, explain string, kind RuptureKind, sev float64) {
	sev = clamp(sev, 0.05, 1)
	if r.st.Rupture != NoRupture {
		r.severity(id, explain, float64(sev/2)) // (which makes it prompted)
		return
	}
	r.st.Rupture, r.st.RuptureSeverity, r.st.RuptureTurns = kind, sev, 0
	r.st.RuptureUnprompted = false
	r.st.RupturesOpened++
	r.st.RupturePeak = max(r.st.RupturePeak, sev)
	if id == ByClient {
		r.st.RupturesByClient++
	}
	r.opened = true
	if !r.quiet {
		r.emit(Event{Kind: RuptureOpened, Rule: id, Rupture: kind, Value: sev, Explain: explain})
	}
}

func (r *Run) close(kind EventKind, id, explain string) {
	k := r.st.Rupture
	r.st.Rupture, r.st.RuptureSeverity, r.st.RuptureTurns = NoRupture, 0, 0
	r.st.RuptureUnprompted = false
	if kind == RuptureRepaired {
		r.st.RupturesRepaired++
	} else {
		r.st.RupturesEased++
	}
	if !r.quiet {
		r.emit(Event{Kind: kind, Rule: id, Rupture: k, Explain: explain})
	}
}

// bookkeep does what an act means to the engine beyond the rules: setting
// and reviewing homework.
func (r *Run) bookkeep(o *Option) {
	s := &r.st
	if !o.homework {
		return
	}
	switch o.Act {
	case HomeworkAssign:
		a := Assignment{Session: s.Session, Attrs: o.Attrs}
		if s.Assigned >= 0 {
			s.Homework[s.Assigned] = a
		} else {
			s.Assigned = len(s.Homework)
			s.Homework = append(s.Homework, a)
		}
		if !r.quiet {
			r.emit(Event{Kind: HomeworkSet, Homework: copyOf(a), Explain: "The task is set; the week will show what becomes of it."})
		}
	case HomeworkReview, ExploreNoncompletion, CriticiseNoncompletion:
		if s.Due < 0 {
			return
		}
		d := &s.Homework[s.Due]
		was := *d
		d.Reviewed = true
		if o.Act == CriticiseNoncompletion {
			d.Criticised = true
		}
		r.refreshSession() // homework_reviewed
		if *d != was && !r.quiet {
			a := *d
			r.emit(Event{Kind: HomeworkReviewed, Homework: &a})
		}
	}
}
