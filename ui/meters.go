package ui

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

// The meters of the session screen.
const (
	mBond = iota
	mTask
	mGoal
	mHope
	mHomework
	mDropout
	numMeters
)

// meterDef is how a meter is labelled and drawn: a label, a glyph and a
// colour from the Okabe–Ito palette, so that no two meters differ by
// colour alone.
type meterDef struct {
	label string
	sh    debrief.Glyph
	col   color.RGBA
}

var meterDefs = [numMeters]meterDef{
	mBond:     meterOf(debrief.StyleBond),
	mTask:     meterOf(debrief.StyleTask),
	mGoal:     meterOf(debrief.StyleGoal),
	mHope:     meterOf(debrief.StyleHope),
	mHomework: meterOf(debrief.StyleHomework),
	mDropout:  meterOf(debrief.StyleDropout),
}

// meterOf draws a meter as the debrief's timeline and reports draw its
// series.
func meterOf(s debrief.Style) meterDef { return meterDef{s.Name, s.Glyph, s.Color} }

// meterValue is what a meter shows for a state: a value in the meter's
// own units and whether there is one yet (homework has none before the
// first task's week).
type meterValue struct {
	v     float64
	known bool
}

// meterValues reads the meters off a state: the alliance dimensions and
// hope as they are (0–1), homework engagement as the mean completion of
// the tasks whose week has passed (none 0, partial ½, full 1), and the
// dropout risk as the hazard before the next session.
func meterValues(st *sim.State) [numMeters]meterValue {
	var out [numMeters]meterValue
	out[mBond] = meterValue{st.Bond, true}
	out[mTask] = meterValue{st.Task, true}
	out[mGoal] = meterValue{st.Goal, true}
	out[mHope] = meterValue{st.Hope, true}
	n, sum := 0, 0.0
	for _, h := range st.Homework {
		if h.Completion != "" {
			n++
			sum += h.Completion.Compliance()
		}
	}
	if n > 0 {
		out[mHomework] = meterValue{sum / float64(n), true}
	}
	out[mDropout] = meterValue{st.DropoutRisk, true}
	return out
}

// meterAnim is one meter on screen, easing from the value it showed when
// its value last changed (from) towards that value (target).
type meterAnim struct {
	known               bool
	from, target, shown float64
	// age is the time since the value changed.
	age time.Duration
	// delta is what the last change of values did to this meter (0 when
	// it did nothing); it is shown until the next change.
	delta float64
}

// meterSet is the course's meters: they persist from screen to screen so
// that a change made by the week shows when the next session opens.
type meterSet struct {
	scale float64 // the dropout risk that fills its bar (the model's maximum)
	m     [numMeters]meterAnim
}

// meterEase is how long a bar takes to reach a new value, whatever the
// frame rate: fast at first, then slowing down (a cubic ease-out).
const meterEase = 800 * time.Millisecond

func (ms *meterSet) init(st sim.State, p sim.Params) {
	ms.scale = p.DropoutMax
	if ms.scale <= 0 {
		ms.scale = 1
	}
	for i, v := range meterValues(&st) {
		ms.m[i] = meterAnim{known: v.known, from: v.v, target: v.v, shown: v.v, age: meterEase}
	}
}

// set takes new values: a meter whose value changed starts moving towards
// it and shows by how much; the others show no change.
func (ms *meterSet) set(st sim.State) {
	for i, v := range meterValues(&st) {
		a := &ms.m[i]
		switch {
		case !v.known:
			a.delta = 0
		case !a.known:
			a.known, a.shown, a.delta = true, 0, v.v
			a.ease(v.v)
		case math.Abs(v.v-a.target) >= 0.0005:
			// The arrow says that the value shown changed: a change too
			// small to move the figure moves the bar and shows no arrow
			// (an arrow beside the same figure reads as a mistake).
			a.delta = 0
			if valueText(i, v.v, true) != valueText(i, a.target, true) {
				a.delta = v.v - a.target
			}
			a.ease(v.v)
		default:
			a.delta = 0
		}
	}
}

// ease starts the meter moving from where it is towards v.
func (a *meterAnim) ease(v float64) { a.from, a.target, a.age = a.shown, v, 0 }

// step moves every meter on by a frame of length dt.
func (ms *meterSet) step(dt time.Duration) {
	for i := range ms.m {
		a := &ms.m[i]
		a.age = min(a.age+dt, meterEase)
		t := 1 - float64(a.age)/float64(meterEase)
		a.shown = a.target - (a.target-a.from)*t*t*t
	}
}

// moving reports whether any meter is still easing.
func (ms *meterSet) moving() bool {
	for _, a := range ms.m {
		if a.shown != a.target {
			return true
		}
	}
	return false
}

// fraction is how much of the bar a meter fills.
func (ms *meterSet) fraction(i int, v float64) float64 {
	if i == mDropout {
		v /= ms.scale
	}
	return math.Max(0, math.Min(1, v))
}

// valueText is a meter's value as shown.
func valueText(i int, v float64, known bool) string {
	if !known {
		return "—"
	}
	switch i {
	case mHomework, mDropout:
		return fmt.Sprintf("%d%%", int(math.Round(v*100)))
	}
	return fmt.Sprintf("%.2f", v)
}

// deltaText is a change as shown beside its arrow.
func deltaText(i int, d float64) string {
	switch i {
	case mHomework, mDropout:
		p := int(math.Round(math.Abs(d) * 100))
		if p == 0 {
			return "<1%"
		}
		return fmt.Sprintf("%d%%", p)
	}
	return fmt.Sprintf("%.2f", math.Abs(d))
}
