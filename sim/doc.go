// Package sim is TheraSim's engine: a rule-based model of a course of
// psychotherapy sessions with one client, played one choice at a time.
//
// A Scenario (loaded, checked and compiled by Load against a Model) is a
// client with traits and a starting state, and sessions of beats: what the
// client says and the options a trainee can choose, each carrying an Act.
// A Run plays it: Choose answers the Prompt with an option, the model's
// rules change the client's State (the alliance's bond, task and goal, hope,
// symptoms on the OQ-45 scale, ruptures and homework), and between sessions
// the week draws homework completion, symptom change and dropout. Every
// change is an Event that names the rule behind it; State.Apply folds events
// over a state, so a caller can show the state at any event without knowing
// what each variable means.
//
// The engine is pure and deterministic: no I/O, no clock, no package-level
// variables, and one seeded generator (rng.go) drawn in a fixed order, with
// floating-point products converted explicitly so that no architecture fuses
// them. A scenario, a seed and the choices give the same run, bit for bit,
// on amd64, arm64 and wasm; a Recording of the choices is replayed (Replay,
// ReplayEach) and checked against the state fingerprints it holds.
//
// The model's rules and parameters, and the research behind each, are in
// scenarios/model.toml and docs/model.md; the scenario format in
// docs/format.md.
package sim
