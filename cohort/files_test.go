package cohort_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/therasim/therasim/cohort"
	"github.com/therasim/therasim/scenarios/scenariotest"
)

// memFiles are files in memory, opened by name; open counts how many are
// open at once.
type memFiles struct {
	data      map[string][]byte
	open, max int
}

func (m *memFiles) opener(name string) (io.ReadCloser, error) {
	b, ok := m.data[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	m.open++
	m.max = max(m.max, m.open)
	return &memFile{Reader: bytes.NewReader(b), m: m}, nil
}

type memFile struct {
	*bytes.Reader
	m *memFiles
}

func (f *memFile) Close() error {
	f.m.open--
	return nil
}

// shardFiles streams a cohort in shards, each writing its two files, and
// returns them by name (clients-K.csv, sessions-K.csv).
func shardFiles(t *testing.T, cfg cohort.Config, shards int) *memFiles {
	t.Helper()
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "novice")
	m := &memFiles{data: map[string][]byte{}}
	for k := 1; k <= shards; k++ {
		var c, s bytes.Buffer
		cfg := cfg
		cfg.Shard, cfg.Shards, cfg.Clients, cfg.Sessions = k, shards, &c, &s
		if _, _, err := cohort.Stream(context.Background(), sc, pol, cfg); err != nil {
			t.Fatal(err)
		}
		m.data[fmt.Sprintf("clients-%d.csv", k)] = c.Bytes()
		m.data[fmt.Sprintf("sessions-%d.csv", k)] = s.Bytes()
	}
	return m
}

// TestSummarizeFiles: the files of a cohort's shards, given in any order,
// summarise to the one run's summary, reading two files at a time; with a
// shard left out, to the summary of the rest.
func TestSummarizeFiles(t *testing.T) {
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "novice")
	cfg := cohort.Config{N: testN, Seed: 12}
	whole, _, err := cohort.Stream(context.Background(), sc, pol, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, shards := range []int{1, 4, 400} { // 400: some shards have no clients
		t.Run(fmt.Sprintf("shards=%d", shards), func(t *testing.T) {
			m := shardFiles(t, cfg, shards)
			var names []string
			for name := range m.data {
				names = append(names, name) // in the map's order
			}
			s, err := cohort.SummarizeFiles(m.opener, names...)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := jsonOf(t, s), jsonOf(t, whole); got != want {
				t.Errorf("summary of the files\n got %s\nwant %s", got, want)
			}
			if m.max > 2 {
				t.Errorf("%d files were open at once; at most 2 should be", m.max)
			}
		})
	}
	t.Run("a shard missing", func(t *testing.T) {
		m := shardFiles(t, cfg, 3)
		s, err := cohort.SummarizeFiles(m.opener, "clients-1.csv", "sessions-3.csv", "clients-3.csv", "sessions-1.csv")
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := cohort.ShardRange(testN, 2, 3)
		if s.N != testN || s.Clients != testN-(hi-lo) {
			t.Errorf("%d clients of %d summarised, want all but shard 2's %d", s.Clients, s.N, hi-lo)
		}
	})
}

// TestSummarizeFilesHandMade: records written and summarised from their
// files give the summary of the records, every measure included.
func TestSummarizeFilesHandMade(t *testing.T) {
	clients, sessions := ruptureRecords()
	co := cohort.Cohort{Scenario: "s", Policy: "p", Seed: 1, N: len(clients)}
	var c, s bytes.Buffer
	if err := cohort.WriteClients(&c, co, clients); err != nil {
		t.Fatal(err)
	}
	if err := cohort.WriteSessions(&s, co, sessions); err != nil {
		t.Fatal(err)
	}
	m := &memFiles{data: map[string][]byte{"c.csv": c.Bytes(), "s.csv": s.Bytes()}}
	got, err := cohort.SummarizeFiles(m.opener, "s.csv", "c.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := cohort.Summarize(clients, sessions)
	want.Cohort = co
	if g, w := jsonOf(t, got), jsonOf(t, want); g != w {
		t.Errorf("summary of the files\n got %s\nwant %s", g, w)
	}
}

// TestSummarizeFilesOutOfOrder: files not in client order (sorted by
// hand, or split other than in shards) give the same summary, read whole.
func TestSummarizeFilesOutOfOrder(t *testing.T) {
	sc, pol := scenariotest.Shipped(t), scenariotest.Policy(t, "novice")
	res := run(t, sc, pol, cohort.Config{N: 200, Seed: 3})
	want := jsonOf(t, res.Summary())
	write := func(clients []cohort.Client, sessions []cohort.Session) (c, s []byte) {
		var cb, sb bytes.Buffer
		cohort.WriteClients(&cb, res.Cohort, clients)
		cohort.WriteSessions(&sb, res.Cohort, sessions)
		return cb.Bytes(), sb.Bytes()
	}
	shuffled := &memFiles{data: map[string][]byte{}}
	clients := append([]cohort.Client(nil), res.Clients...)
	sessions := append([]cohort.Session(nil), res.Sessions...)
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(clients), func(i, j int) { clients[i], clients[j] = clients[j], clients[i] })
	r.Shuffle(len(sessions), func(i, j int) { sessions[i], sessions[j] = sessions[j], sessions[i] })
	shuffled.data["c"], shuffled.data["s"] = write(clients, sessions)

	interleaved := &memFiles{data: map[string][]byte{}} // even and odd clients apart
	for parity := range 2 {
		var cs []cohort.Client
		var ss []cohort.Session
		for _, c := range res.Clients {
			if c.ID%2 == parity {
				cs = append(cs, c)
			}
		}
		for _, s := range res.Sessions {
			if s.Client%2 == parity {
				ss = append(ss, s)
			}
		}
		interleaved.data[fmt.Sprint("c", parity)], interleaved.data[fmt.Sprint("s", parity)] = write(cs, ss)
	}
	for _, tc := range []struct {
		name  string
		m     *memFiles
		names []string
	}{
		{"shuffled", shuffled, []string{"c", "s"}},
		{"interleaved", interleaved, []string{"c0", "c1", "s1", "s0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := cohort.SummarizeFiles(tc.m.opener, tc.names...)
			if err != nil {
				t.Fatal(err)
			}
			if got := jsonOf(t, s); got != want {
				t.Errorf("summary\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestSummarizeFilesErrors: what Merge refuses, SummarizeFiles refuses,
// saying the same.
func TestSummarizeFilesErrors(t *testing.T) {
	co := cohort.Cohort{Scenario: "s", Policy: "p", Seed: 1, N: 4}
	c0, c1 := client(0, 80, 70, 2, true), client(1, 80, 70, 1, true)
	s0, s1 := sessionsOf(c0, 3, 3), sessionsOf(c1, 3)
	other := co
	other.Policy = "q"
	clientsFile := func(co cohort.Cohort, cs ...cohort.Client) []byte {
		var b bytes.Buffer
		cohort.WriteClients(&b, co, cs)
		return b.Bytes()
	}
	sessionsFile := func(co cohort.Cohort, ss ...cohort.Session) []byte {
		var b bytes.Buffer
		cohort.WriteSessions(&b, co, ss)
		return b.Bytes()
	}
	for _, tc := range []struct {
		name  string
		files [][]byte
		msg   string
	}{
		{"two cohorts", [][]byte{clientsFile(co, c0), sessionsFile(co, s0...), clientsFile(other, c1), sessionsFile(other, s1...)},
			"records of two cohorts: s/p, seed 1, 4 clients and s/q, seed 1, 4 clients"},
		{"twice", [][]byte{clientsFile(co, c0), clientsFile(co, c0), sessionsFile(co, s0...)}, "client 0 appears twice"},
		{"session twice", [][]byte{clientsFile(co, c0), sessionsFile(co, s0...), sessionsFile(co, s0[:1]...)},
			"client 0: session 1 appears twice"},
		{"no sessions", [][]byte{clientsFile(co, c0, c1), sessionsFile(co, s0...)},
			"client 1 attended 1 sessions; the per-session files have 0"},
		{"gap", [][]byte{clientsFile(co, c0), sessionsFile(co, s0[1:]...)}, "client 0: session 1 is missing"},
		{"no client", [][]byte{clientsFile(co, c1), sessionsFile(co, append(append([]cohort.Session(nil), s0...), s1...)...)},
			"sessions of client 0, who is in no per-client file"},
		{"no client after", [][]byte{clientsFile(co, c0), sessionsFile(co, append(append([]cohort.Session(nil), s0...), s1...)...)},
			"sessions of client 1, who is in no per-client file"},
		{"outside", [][]byte{clientsFile(co, client(4, 80, 70, 1, true)), sessionsFile(co, sessionsOf(client(4, 80, 70, 1, true), 3)...)},
			"client 4 is not one of the cohort's 4 (0 to 3)"},
		{"no sessions file", [][]byte{clientsFile(co, c0)}, "no per-session file among the files"},
		{"not a cohort's", [][]byte{clientsFile(co, c0), sessionsFile(co, s0...), []byte("a,b\n")},
			"f2: line 1: not a cohort's per-client or per-session file"},
		{"older per-client file", [][]byte{[]byte(oldClientsHeader + "\n"), sessionsFile(co, s0...)},
			"f0: this per-client file was written by an older TheraSim: it lacks the columns ruptures_by_client, repairs_failed, not_on_track, responsiveness, obstacle and obstacle_left"},
		{"older per-session file", [][]byte{clientsFile(co, c0), []byte(oldSessionsHeader + "\ns,p,1,4,0,1,80,false,3,3,3,3,false,,0,0,0,0.1\n")},
			"f1: this per-session file was written by an older TheraSim: it lacks the columns rupture_peak, rupture_reported, rupture_resolved, ruptures_by_client and repairs_failed"},
		{"bad row", [][]byte{clientsFile(co, c0), append(sessionsFile(co, s0...), "s,p,1,4,0,3,x\n"...)},
			"f1: record on line 4: wrong number of fields"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &memFiles{data: map[string][]byte{}}
			var names []string
			for i, f := range tc.files {
				name := fmt.Sprint("f", i)
				m.data[name] = f
				names = append(names, name)
			}
			_, err := cohort.SummarizeFiles(m.opener, names...)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("SummarizeFiles: %v, want an error saying %q", err, tc.msg)
			}
			if m.open != 0 {
				t.Errorf("%d files left open", m.open)
			}
		})
	}
	m := &memFiles{data: map[string][]byte{}}
	if _, err := cohort.SummarizeFiles(m.opener, "nowhere.csv"); err == nil || !strings.Contains(err.Error(), "nowhere.csv") {
		t.Errorf("SummarizeFiles of a missing file: %v", err)
	}
}
