package main

import (
	"flag"

	"github.com/therasim/therasim/sim/schema"
)

var schemaCommand = &command{
	name:    "schema",
	args:    "[--model]",
	summary: "print the scenario format for editors (JSON Schema)",
	help: `Prints a JSON Schema of the scenario format on stdout. An editor that knows
JSON Schema for TOML (VS Code with the Even Better TOML extension, or any
editor that runs Taplo) then completes keys and acts as you type, shows
each key's help from docs/format.md when you point at it, and marks an
unknown key, a misspelt act or a value of the wrong kind at once.

Save the schema beside your scenario and make this the scenario's first
line (a TOML comment, which TheraSim ignores):

  #:schema ./scenario.schema.json

The shipped scenarios already start with it. The schema checks the shape of
a file only: 'therasim check' still finds what it cannot, such as a next
that names no beat, a condition that does not make sense or a beat that
cannot be reached.

--model prints the schema of the model file (scenarios/model.toml) instead.

Examples:
  therasim schema > scenario.schema.json
  therasim schema --model > model.schema.json
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		model := fs.Bool("model", false, "print the schema of the model file instead of a scenario's")
		return func(args []string) error {
			if len(args) > 0 {
				return usagef("schema takes no arguments; write 'therasim schema > scenario.schema.json' to save it")
			}
			gen := schema.Scenario
			if *model {
				gen = schema.Model
			}
			b, err := gen()
			if err != nil {
				return err
			}
			_, err = a.stdout.Write(b)
			return err
		}
	},
}
