package sim

import "fmt"

// WhatIf re-simulates a recording up to its choice k (from 1) and answers
// that choice with option instead of the recorded one: the same scenario
// and seed, so the difference is the choice alone. It checks the first k-1
// choices against their fingerprints as Replay does, and returns the run
// just after the new choice (ready to be played on) and the index in its
// Events where choice k's events begin: the events before it are the
// original's, exactly. The recording is not changed.
func WhatIf(sc *Scenario, rec *Recording, k, option int) (run *Run, from int, err error) {
	if k < 1 || k > len(rec.Choices) {
		return nil, 0, fmt.Errorf("what if: choice %d: the recording has choices 1 to %d", k, len(rec.Choices))
	}
	if option == rec.Choices[k-1].Option {
		return nil, 0, fmt.Errorf("what if: option %d is the one chosen at choice %d", option, k)
	}
	head := *rec
	head.Choices = rec.Choices[:k-1]
	run, err = Replay(sc, &head)
	if err != nil {
		return nil, 0, err
	}
	from = len(run.Events())
	if _, err := run.Choose(option); err != nil {
		return nil, 0, fmt.Errorf("what if at choice %d: %w", k, err)
	}
	return run, from, nil
}
