package sim

import (
	"fmt"
	"math"
	"strings"

	"github.com/expr-lang/expr/vm"
)

// What conditions and amounts read as a run goes (the environment and its
// slots, brought up to date from the state), and how they are judged: by
// their closures, or by expr's VM, a failure reported and counted as false
// or 0.

// fill brings the expression environment up to date, all of it: the slots
// the closures read and the named fields expr's VM reads, with act and at
// as the act being chosen ("" between choices).
func (r *Run) fill(act Act, at Attrs) {
	r.refresh()
	r.refreshSession()
	r.env.f[sAct] = fieldCode(sAct, string(act))
	r.fillAttrs = at
	r.env.attr = &r.fillAttrs
	r.acting = true
	r.env.export()
}

// refresh brings the slots of the environment up to date with the parts
// of the state that choices and moments change (see fast.go), with no
// text written; refreshSession does the rest. The traits never change;
// NewRunWith puts them in once. The named fields are written from the
// slots only before expr's VM runs (vmEnv).
func (r *Run) refresh() {
	s := &r.st
	f := &r.env.f
	f[sBond], f[sTask], f[sGoal], f[sHope], f[sAlliance] = s.Bond, s.Task, s.Goal, s.Hope, s.Alliance()
	f[sSymptoms], f[sTurn] = s.Symptoms, float64(s.Turn)
	switch s.Rupture {
	case NoRupture:
		f[sRupture] = 0
	case RuptureWithdrawal:
		f[sRupture] = 1
	case RuptureConfrontation:
		f[sRupture] = 2
	default:
		f[sRupture] = fieldCode(sRupture, string(s.Rupture))
	}
	f[sRuptureSeverity], f[sRuptureTurns] = s.RuptureSeverity, float64(s.RuptureTurns)
	f[sRuptureUnprompted] = flag(s.RuptureUnprompted)
	f[sHomeworkAssigned] = flag(s.Assigned >= 0)
}

// refreshSession brings up to date the slots that change only as a
// session opens (its number, the OQ-45 taken before it), in the week (the
// task now due) and when the due task is reviewed: startSession, week and
// bookkeep call it, so that refresh, which runs at every choice and
// moment, need not.
func (r *Run) refreshSession() {
	s := &r.st
	f := &r.env.f
	f[sSession], f[sIntake] = float64(s.Session), s.Intake()
	f[sImprovement], f[sNotOnTrack] = 0, 0
	if n := len(s.OQ); n > 0 {
		f[sImprovement] = f[sIntake] - float64(s.OQ[n-1].Score)
		f[sNotOnTrack] = flag(s.OQ[n-1].NotOnTrack)
	}
	f[sHomeworkDue], f[sHomeworkReviewed], f[sHomeworkDone] = 0, 0, 0
	if s.Due >= 0 {
		d := &s.Homework[s.Due]
		f[sHomeworkDue], f[sHomeworkReviewed] = 1, flag(d.Reviewed)
		switch d.Completion {
		case "":
		case NotDone:
			f[sHomeworkDone] = 1
		case Partial:
			f[sHomeworkDone] = 2
		case Full:
			f[sHomeworkDone] = 3
		default:
			f[sHomeworkDone] = fieldCode(sHomeworkDone, string(d.Completion))
		}
	}
}

// choosing puts the act of option o and its attributes in the environment.
func (r *Run) choosing(o *Option) {
	r.env.f[sAct] = float64(o.actIndex + 1)
	r.env.attr = &o.Attrs
	r.acting = true
}

// noAct takes the act out of the environment, as between choices.
func (r *Run) noAct() {
	if r.acting {
		r.env.f[sAct] = 0
		r.env.attr = &r.noAttrs
		r.acting = false
	}
}

// machine returns the run's expr VM, made on first use.
func (r *Run) machine() *vm.VM {
	if r.vm == nil {
		r.vm = &vm.VM{}
	}
	return r.vm
}

// vmEnv is the environment for expr's VM: its named fields written from
// the slots, the same snapshot of the state the closures read.
func (r *Run) vmEnv() *Env {
	r.env.export()
	return &r.env
}

// cond evaluates a condition; nil is true. A failure at run time counts as
// false and is reported as a warning event naming the kind and id of its
// owner (kept apart so that no string is built unless it is needed).
func (r *Run) cond(c *condition, kind, id string) bool {
	if c == nil {
		return true
	}
	if c.fast != nil {
		return c.fast(&r.env)
	}
	return r.condVM(c, kind, id)
}

func (r *Run) condVM(c *condition, kind, id string) bool {
	if c.prog == nil {
		return false
	}
	out, err := r.machine().Run(c.prog, r.vmEnv())
	if err != nil {
		r.fail(strings.TrimSpace(kind+" "+id), failed(c.src, err))
		return false
	}
	b, _ := out.(bool)
	return b
}

// num evaluates an amount; a failure or a non-finite result counts as 0.
func (r *Run) num(v *value, what string) float64 {
	if v.fast != nil {
		if x := v.fast(&r.env); x-x == 0 { // finite: x-x is NaN for NaN and ±Inf
			return x
		}
	} else if v.prog == nil {
		return v.num
	}
	return r.numSlow(v, what)
}

// numSlow evaluates an amount on expr's VM, or reports a closure's
// non-finite result.
func (r *Run) numSlow(v *value, what string) float64 {
	var x float64
	if v.fast != nil {
		x = v.fast(&r.env)
	} else {
		x = r.vmNum(*v, what)
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		r.fail(what, fmt.Sprintf("%s gave %v; counted as 0", v.src, x))
		return 0
	}
	return x
}

func (r *Run) vmNum(v value, what string) float64 {
	out, err := r.machine().Run(v.prog, r.vmEnv())
	if err != nil {
		r.fail(what, failed(v.src, err))
		return 0
	}
	switch o := out.(type) {
	case float64:
		return o
	case int:
		return float64(o)
	}
	return 0
}
