package ui

import (
	"context"
	"slices"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/sim"
)

// restoreHeld takes back from the class server what it holds of the
// browser's class runs beyond the browser's own copy (choices, answers to
// check-ins, lines of recall): a browser that crashes (not one closed or
// reloaded) can lose its last second of writes, and a run resumed from the
// shorter copy would part from the server's at the next choice, which the
// server would then refuse. It is done before the resume prompt reads the
// recordings, asking for each class run not refused; a run whose copy is
// not the start of the server's is left as it is. It gives up quietly when
// the server does not answer (ctx): the runs are sent as ever when it
// does.
func (a *app) restoreHeld(ctx context.Context, code string) {
	st := a.store
	names, _ := st.Recordings()
	for _, name := range names {
		if c, _ := st.Get(keyRunClass + name); c == "" {
			continue
		}
		if why, _ := st.Get(keyRefused + name); why != "" {
			continue
		}
		data, err := st.ReadRecording(name)
		if err != nil {
			continue
		}
		rec, err := sim.ParseRecording(data)
		if err != nil {
			continue
		}
		var held classroom.HeldRun
		err = a.class.client.postJSON(ctx, classroom.PathHeld, classroom.Held{Code: code, Trainee: rec.Header.Trainee, Run: name, Header: rec.Header}, &held)
		if ctx.Err() != nil {
			return
		}
		if err != nil || !behind(rec, held) {
			continue
		}
		w, err := st.AppendRecording(name)
		if err != nil {
			continue
		}
		ack := takeBack(sim.ResumeRecorder(w, rec), rec, held)
		w.Close()
		keepAcked(st, name, ack)
	}
}

// behind reports whether own, a browser's copy of a run, is the start of
// held, the server's, and lacks some of it: its choices, answers to
// check-ins and lines of recall are each the first of the server's, and
// every answer it lacks was given at a moment after its last choice (a
// crash loses the end of a copy, and an answer is written before its
// choice).
func behind(own *sim.Recording, held classroom.HeldRun) bool {
	if !startsWith(held.Choices, own.Choices) || len(own.CheckIns) > len(held.CheckIns) || len(own.Recall) > len(held.Recall) {
		return false
	}
	for i, ci := range own.CheckIns {
		if !sameCheckIn(ci, held.CheckIns[i]) {
			return false
		}
	}
	for i, rc := range own.Recall {
		if rc != held.Recall[i] {
			return false
		}
	}
	for _, ci := range held.CheckIns[len(own.CheckIns):] {
		if ci.Choice <= len(own.Choices) {
			return false
		}
	}
	return len(held.Choices) > len(own.Choices) || len(held.CheckIns) > len(own.CheckIns) || len(held.Recall) > len(own.Recall)
}

// takeBack appends to the copy own, through w, what the server holds of
// the run beyond it (behind): each choice after the answers given at its
// moment, then the answers given at the moment of the next choice, then
// the lines of recall. It returns how much of each the copy then holds,
// all of it the server's.
func takeBack(w *sim.Recorder, own *sim.Recording, held classroom.HeldRun) classroom.Acked {
	n, asked, recalled := len(own.Choices), len(own.CheckIns), len(own.Recall)
	// answers writes the answers given at the moment of choice n+1.
	answers := func() bool {
		for asked < len(held.CheckIns) && held.CheckIns[asked].Choice == n+1 {
			if w.CheckIn(held.CheckIns[asked]) != nil {
				return false
			}
			asked++
		}
		return true
	}
	ok := true
	for ok && n < len(held.Choices) {
		if ok = answers() && w.Copy(held.Choices[n]) == nil; ok {
			n++
		}
	}
	ok = ok && answers()
	for ok && recalled < len(held.Recall) {
		if ok = w.Recall(held.Recall[recalled]) == nil; ok {
			recalled++
		}
	}
	return classroom.Acked{Acked: n, CheckIns: asked, Recall: recalled}
}

// sameCheckIn reports whether two answers to check-ins are the same.
func sameCheckIn(x, y sim.CheckInAnswer) bool {
	return x.Choice == y.Choice && x.Session == y.Session && x.Beat == y.Beat && x.Text == y.Text &&
		x.Time == y.Time && slices.Equal(x.Pulls, y.Pulls)
}

// startsWith reports whether own, a browser's choices of a run, are the
// first of held, the server's.
func startsWith(held, own []sim.ChoiceRecord) bool {
	if len(own) > len(held) {
		return false
	}
	for i := range own {
		if own[i] != held[i] {
			return false
		}
	}
	return true
}
