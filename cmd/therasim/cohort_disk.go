package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/therasim/therasim/cohort"
	"github.com/therasim/therasim/sim"
)

// Whether a cohort's files fit on the disk: their size estimated from a
// few clients played first, against the free space of their folder.

// checkRoom refuses a run whose files would not fit on their disks: it
// plays the first clients of the cohort, measures their rows, and scales
// them to the n clients of the shard (ids to lo+n−1, whose longer ids it
// counts), against the space free where each file goes (the file's own
// size counts as free: it is overwritten). Files on one disk share it.
// Where the free space cannot be known, it lets the run go.
func checkRoom(sc *sim.Scenario, pol *sim.Policy, o *cohortOptions, n int) error {
	if (o.clients == "" && o.sessions == "") || n == 0 {
		return nil
	}
	sample, err := cohort.Run(sc, pol, cohort.Config{N: min(n, sampleClients), Seed: o.seed, Workers: o.workers})
	if err != nil {
		return err
	}
	c := cohort.Cohort{Scenario: sc.ID, Policy: pol.ID, Seed: o.seed, N: o.n}
	m := float64(len(sample.Clients))
	longer := float64(digits(o.n-1) - digits(len(sample.Clients)-1)) // bytes more in each row's id, at most
	type disk struct {
		need, free float64
		paths      []string
	}
	var disks []*disk
	byDevice := map[uint64]*disk{}
	for _, f := range []struct {
		path  string
		write func(io.Writer) error
		rows  float64 // per client
	}{
		{o.clients, func(w io.Writer) error { return cohort.WriteClients(w, c, sample.Clients) }, 1},
		{o.sessions, func(w io.Writer) error { return cohort.WriteSessions(w, c, sample.Sessions) }, float64(len(sample.Sessions)) / m},
	} {
		if f.path == "" {
			continue
		}
		var count countingWriter
		f.write(&count)
		need := (float64(count)/m + f.rows*longer) * float64(n)
		free, dev, ok := diskFree(filepath.Dir(f.path))
		if !ok {
			continue
		}
		d := byDevice[dev]
		if d == nil {
			d = &disk{free: float64(free)}
			byDevice[dev] = d
			disks = append(disks, d)
		}
		if fi, err := os.Stat(f.path); err == nil && fi.Mode().IsRegular() {
			d.free += float64(fi.Size())
		}
		d.need += need
		d.paths = append(d.paths, f.path)
	}
	for _, d := range disks {
		if d.need > d.free {
			return &exitError{exitIO, fmt.Errorf("%s: the CSV files would need about %s; the disk has %s free (fewer clients, or shards on other machines or disks: see --shard)",
				strings.Join(d.paths, " and "), bytesOf(d.need), bytesOf(d.free))}
		}
	}
	return nil
}

// diskFree returns the bytes free to an unprivileged user on the disk
// that holds dir, and the disk's device number; ok is false when they
// cannot be known. Tests replace it.
var diskFree = statDisk

// digits is the number of digits of n ≥ 0 in decimal.
func digits(n int) int {
	d := 1
	for ; n >= 10; n /= 10 {
		d++
	}
	return d
}

// bytesOf writes a size in the unit that suits it, in decimal units.
func bytesOf(b float64) string {
	switch {
	case b >= 100e9:
		return fmt.Sprintf("%.0f GB", b/1e9)
	case b >= 1e9:
		return fmt.Sprintf("%.1f GB", b/1e9)
	case b >= 1e6:
		return fmt.Sprintf("%.0f MB", b/1e6)
	}
	return fmt.Sprintf("%.0f kB", b/1e3)
}

// A countingWriter counts the bytes written to it.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
