package sim

// FormatTypes returns zero values of the types a scenario file and the
// model file are read into, for tools that describe the format to editors
// (package sim/schema). Their fields name the TOML keys in `toml` tags; a
// field whose type has an UnmarshalTOML method takes more than one kind
// of value.
func FormatTypes() (scenario, model any) {
	return scenarioFile{}, modelFile{}
}
