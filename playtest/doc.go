// Package playtest runs the playthrough tests an author writes beside a
// scenario.
//
// A test file, NAME.test.toml beside NAME.toml, names the scenario and
// holds tests; each plays the scenario from a seed with a list of choices,
// as a trainee would, and checks what the author expects at the moments
// named:
//
//	scenario = "cbt-depression.toml"   # relative to this file, or a shipped id
//
//	[[test]]
//	name = "Tired Maya is not asked about not waking up"
//	seed = 324798
//	choices = [3, "warm", "Tell me about your sleep"]
//	# policy = "competent"             # plays on after the choices, to the end
//	# dynamics = true                  # with the model's client dynamics
//
//	[[test.expect]]
//	after = 3                          # or after_session = 2, or at_end = true
//	that = "!told_not_waking && bond > 0.2"
//	says = "just tired"
//	offered = ["sleep"]
//	not_offered = ["risk"]
//	dropped = false
//	# outcome = "improved"             # with at_end = true only
//
// The top level has scenario, the scenario under test: a .toml file, its
// path relative to the test file, or the id of a shipped scenario
// (package scenarios); and one or more [[test]] tables.
//
// A [[test]] has a name (required, once in the file), a seed (a whole
// number from 0, required), choices (optional), policy (optional) and
// dynamics (optional). A choice is the number of an option as offered
// (from 1), or names an option by its id or by the start of its text, in
// any case, fitting exactly one of the options offered. The policy, a
// shipped policy id or a policy file relative to the test file, plays on
// after the choices to the end of the course; without one the run stops
// where the choices end. A test plays the script and the model's rules
// only (sim.Options.Scripted: the client begins no rupture the scenario
// does not write, every repair holds, and the weeks have no sudden gain or
// setback and no drift of the alliance), so that it checks what the author
// wrote; dynamics = true plays with the model's sim.Dynamics, as a trainee
// meets the course.
//
// Each [[test.expect]] names one moment: after = N, after the Nth choice
// (0: before any); after_session = N, when session N and the week after it
// are over (the first prompt of session N+1, or the end of the course when
// it comes first); or at_end = true, when the course is over. It checks one
// or more of: that, a condition written as a scenario's (sim.Run.Holds),
// which may read the scenario's variables; says, text the client's lines
// since the last choice contain, in any case and with straight or curly
// quotes alike; offered and not_offered, options (ids or starts of texts)
// that must or must not be offered now (one that names no option of the
// beat fails either way); dropped, whether the client has dropped out; and
// outcome, the course's outcome (sim.Outcomes), at the end only.
//
// A test fails when an expectation does not hold (a condition's failure
// shows the value of every name it reads), when a choice is not offered,
// when the course ends before the choices are used up, and when the moment
// of an expectation never comes. Each failure is told at the line of the key
// concerned. Mistakes in the test file itself, and in the scenario or a
// policy it names, are sim.Problems, told as the scenario loader tells them.
// A scenario or a model given in place of a test file is one problem that
// says what the file is and where a scenario's tests go; TestsOf tells a
// command that wants a scenario that it was given a test file.
//
// docs/testing.md is the authors' reference; 'therasim test' runs the
// tests, and 'therasim check' checks a test file as Parse does.
package playtest
