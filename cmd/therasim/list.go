package main

import (
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

var listCommand = &command{
	name:    "list",
	args:    "",
	summary: "list the scenarios that come with TheraSim",
	help: `Lists the scenarios built into TheraSim: the id to give to 'therasim run', the
title, the therapeutic approach and the number of sessions.

Example:
  therasim list
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		return func(args []string) error {
			if len(args) > 0 {
				return usagef("list takes no arguments")
			}
			return a.list()
		}
	},
}

func (a *app) list() error {
	m, err := scenarios.Model()
	if err != nil {
		return fmt.Errorf("the default model does not load:\n%w", err)
	}
	all, err := scenarios.Shipped(m)
	if err != nil {
		return fmt.Errorf("the shipped scenarios do not load:\n%w", err)
	}
	return writeList(a.stdout, all)
}

// writeList writes scenarios as an aligned table.
func writeList(w io.Writer, all []*sim.Scenario) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tAPPROACH\tSESSIONS")
	for _, sc := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", sc.ID, sc.Title, sc.Approach, len(sc.Sessions))
	}
	return tw.Flush()
}
