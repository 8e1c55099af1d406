package ui

import (
	"context"
	"strconv"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/sim"
)

// restoreHeld takes back from the class server the choices it holds of the
// browser's class runs beyond the browser's own copy: a browser that
// crashes (not one closed or reloaded) can lose its last second of
// writes, and a run resumed from the shorter copy would part from the
// server's at the next choice, which the server would then refuse. It is
// done before the resume prompt reads the recordings, asking for each
// class run not refused; a run whose copy is not the start of the
// server's is left as it is. It gives up quietly when the server does not
// answer (ctx): the runs are sent as ever when it does.
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
		if err != nil || !startsWith(held.Choices, rec.Choices) || len(held.Choices) == len(rec.Choices) {
			continue
		}
		w, err := st.AppendRecording(name)
		if err != nil {
			continue
		}
		r := sim.ResumeRecorder(w, rec)
		n := len(rec.Choices)
		for _, c := range held.Choices[n:] {
			if r.Copy(c) != nil {
				break
			}
			n++
		}
		w.Close()
		st.Set(keyAcked+name, strconv.Itoa(n))
	}
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
