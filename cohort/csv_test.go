package cohort_test

import (
	"bytes"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/therasim/therasim/cohort"
	"github.com/therasim/therasim/scenarios/scenariotest"
)

// The headers are the files' interface: scripts and the README rely on
// them. Add columns at the end, never rename or reorder.
const (
	clientsHeader  = "scenario,policy,cohort_seed,cohort_n,client,seed,reactance,motivation,attachment,homework_attitude,mindedness,support,start_bond,start_task,start_goal,start_hope,start_symptoms,intake_oq45,final_oq45,sessions_attended,dropped_out,dropped_after,homework_assigned,homework_full,homework_partial,ruptures_opened,ruptures_repaired,ruptures_eased"
	sessionsHeader = "scenario,policy,cohort_seed,cohort_n,client,session,oq45,not_on_track,wai_total,wai_goal,wai_task,wai_bond,homework_assigned,homework_completion,ruptures_opened,ruptures_repaired,ruptures_eased,dropout_risk"
)

func TestHeaders(t *testing.T) {
	var c, s bytes.Buffer
	if err := cohort.WriteClients(&c, cohort.Cohort{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := cohort.WriteSessions(&s, cohort.Cohort{}, nil); err != nil {
		t.Fatal(err)
	}
	if got := c.String(); got != clientsHeader+"\n" {
		t.Errorf("clients header:\n%s\nwant\n%s", got, clientsHeader)
	}
	if got := s.String(); got != sessionsHeader+"\n" {
		t.Errorf("sessions header:\n%s\nwant\n%s", got, sessionsHeader)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{clientsHeader, sessionsHeader} {
		if !strings.Contains(string(readme), "\n"+h+"\n") {
			t.Errorf("the README does not document the header\n%s", h)
		}
	}
}

// TestCSVRoundTrip writes records, with awkward values, and reads them
// back bit for bit.
func TestCSVRoundTrip(t *testing.T) {
	res := run(t, scenariotest.Shipped(t), scenariotest.Policy(t, "random"), cohort.Config{N: 200, Seed: 9})
	res.Cohort.Scenario = `a "quoted", scenario`
	c := &res.Clients[0]
	c.Traits.Reactance, c.Start.Symptoms, c.Seed = 0.1+0.2, math.SmallestNonzeroFloat64, math.MaxUint64
	s := &res.Sessions[0]
	s.WAI, s.DropoutRisk = 1.0/3, math.NaN()
	files := roundTrip(t, res)
	got, err := cohort.Merge(files...)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Clients, res.Clients) {
		t.Error("clients differ after the round trip")
	}
	if got.Cohort != res.Cohort {
		t.Errorf("cohort %+v, want %+v", got.Cohort, res.Cohort)
	}
	for i := range res.Sessions {
		g, w := got.Sessions[i], res.Sessions[i]
		if !sameBits(g.DropoutRisk, w.DropoutRisk) {
			t.Errorf("session record %d: dropout risk %v, want %v", i, g.DropoutRisk, w.DropoutRisk)
		}
		g.DropoutRisk, w.DropoutRisk = 0, 0
		if g != w {
			t.Errorf("session record %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func TestReadErrors(t *testing.T) {
	row := func(fields ...string) string { return strings.Join(fields, ",") + "\n" }
	client := "s,p,1,10,3,99,.5,.5,.5,.5,.5,.5,.3,.3,.3,.3,90,"
	session := "s,p,1,10,3,1,90,false,3.5,3.5,3.5,3.5,"
	for _, tc := range []struct {
		name, file, msg string
	}{
		{"empty", "", "no header"},
		{"other header", "a,b,c\n1,2,3\n", "line 1: not a cohort's per-client or per-session file"},
		{"short row", clientsHeader + "\n" + row("s", "p", "1"), "wrong number of fields"},
		{"bad number", clientsHeader + "\n" + client + row("90x", "80", "6", "false", "", "2", "1", "0", "0", "0", "0"),
			`line 2: intake_oq45: "90x" is not a valid value`},
		{"dropped after", clientsHeader + "\n" + client + row("90", "80", "6", "false", "3", "2", "1", "0", "0", "0", "0"),
			"line 2: dropped_after is 3 for a client who did not drop out"},
		{"dropped where", clientsHeader + "\n" + client + row("90", "80", "3", "true", "", "2", "1", "0", "0", "0", "0"),
			"line 2: dropped_after is 0 but sessions_attended 3"},
		{"two cohorts", clientsHeader + "\n" + client + row("90", "80", "6", "false", "", "2", "1", "0", "0", "0", "0") +
			strings.Replace(client, "s,p,1,", "s,p,2,", 1) + row("90", "80", "6", "false", "", "2", "1", "0", "0", "0", "0"),
			"line 3: cohort s/p, seed 2, 10 clients differs from the file's first row's, s/p, seed 1, 10 clients"},
		{"completion", sessionsHeader + "\n" + session + row("true", "most", "0", "0", "0", "0.1"),
			`line 2: homework_completion "most": none, partial or full`},
		{"completion without homework", sessionsHeader + "\n" + session + row("false", "full", "0", "0", "0", "0.1"),
			`line 2: homework_completion "full" with no homework assigned`},
		{"bool", sessionsHeader + "\n" + session + row("yes", "full", "0", "0", "0", "0.1"),
			`line 2: homework_assigned: "yes" is not a valid value`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cohort.Read(strings.NewReader(tc.file))
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("Read: %v, want an error saying %q", err, tc.msg)
			}
		})
	}
}

func TestMergeErrors(t *testing.T) {
	co := cohort.Cohort{Scenario: "s", Policy: "p", Seed: 1, N: 4}
	c0, c1 := client(0, 80, 70, 2, true), client(1, 80, 70, 1, true)
	s0, s1 := sessionsOf(c0, 3, 3), sessionsOf(c1, 3)
	part := func(co cohort.Cohort, cs []cohort.Client, ss []cohort.Session) *cohort.Result {
		return &cohort.Result{Cohort: co, Clients: cs, Sessions: ss}
	}
	other := co
	other.Policy = "q"
	for _, tc := range []struct {
		name  string
		parts []*cohort.Result
		msg   string
	}{
		{"two cohorts", []*cohort.Result{part(co, []cohort.Client{c0}, s0), part(other, []cohort.Client{c1}, s1)},
			"records of two cohorts: s/p, seed 1, 4 clients and s/q, seed 1, 4 clients"},
		{"twice", []*cohort.Result{part(co, []cohort.Client{c0}, s0), part(co, []cohort.Client{c0}, nil)},
			"client 0 appears twice"},
		{"session twice", []*cohort.Result{part(co, []cohort.Client{c0}, s0), part(co, nil, s0[:1])},
			"client 0: session 1 appears twice"},
		{"no sessions", []*cohort.Result{part(co, []cohort.Client{c0, c1}, s0)},
			"client 1 attended 1 sessions; the per-session files have 0"},
		{"gap", []*cohort.Result{part(co, []cohort.Client{c0}, s0[1:])},
			"client 0: session 1 is missing"},
		{"no client", []*cohort.Result{part(co, []cohort.Client{c1}, append(append([]cohort.Session(nil), s0...), s1...))},
			"sessions of client 0, who is in no per-client file"},
		{"no client after", []*cohort.Result{part(co, []cohort.Client{c0}, append(append([]cohort.Session(nil), s0...), s1...))},
			"sessions of client 1, who is in no per-client file"},
		{"outside", []*cohort.Result{part(co, []cohort.Client{client(4, 80, 70, 1, true)}, nil)},
			"client 4 is not one of the cohort's 4 (0 to 3)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cohort.Merge(tc.parts...)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("Merge: %v, want an error saying %q", err, tc.msg)
			}
		})
	}
	// An empty shard (more shards than clients) has no cohort and merges.
	got, err := cohort.Merge(part(co, []cohort.Client{c0, c1}, append(append([]cohort.Session(nil), s0...), s1...)), &cohort.Result{})
	if err != nil || got.Missing() != 2 {
		t.Errorf("Merge with an empty shard: %v, missing %d; want no error and 2 missing", err, got.Missing())
	}
}
