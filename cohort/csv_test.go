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
	clientsHeader  = "scenario,policy,cohort_seed,cohort_n,client,seed,reactance,motivation,attachment,homework_attitude,mindedness,support,start_bond,start_task,start_goal,start_hope,start_symptoms,intake_oq45,final_oq45,sessions_attended,dropped_out,dropped_after,homework_assigned,homework_full,homework_partial,ruptures_opened,ruptures_repaired,ruptures_eased,ruptures_by_client,repairs_failed,not_on_track,responsiveness,obstacle,obstacle_left"
	sessionsHeader = "scenario,policy,cohort_seed,cohort_n,client,session,oq45,not_on_track,wai_total,wai_goal,wai_task,wai_bond,homework_assigned,homework_completion,ruptures_opened,ruptures_repaired,ruptures_eased,dropout_risk,rupture_peak,rupture_reported,rupture_resolved,ruptures_by_client,repairs_failed"
)

// The headers of TheraSim 0.x before the ruptures' measures, whose files
// are refused with a message saying which columns they lack.
const (
	oldClientsHeader  = "scenario,policy,cohort_seed,cohort_n,client,seed,reactance,motivation,attachment,homework_attitude,mindedness,support,start_bond,start_task,start_goal,start_hope,start_symptoms,intake_oq45,final_oq45,sessions_attended,dropped_out,dropped_after,homework_assigned,homework_full,homework_partial,ruptures_opened,ruptures_repaired,ruptures_eased"
	oldSessionsHeader = "scenario,policy,cohort_seed,cohort_n,client,session,oq45,not_on_track,wai_total,wai_goal,wai_task,wai_bond,homework_assigned,homework_completion,ruptures_opened,ruptures_repaired,ruptures_eased,dropout_risk"
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
	c.RupturesOpened, c.RupturesByClient, c.RepairsFailed, c.NotOnTrack = 5, 2, 3, true
	s := &res.Sessions[0]
	s.WAI, s.DropoutRisk = 1.0/3, math.NaN()
	s.RupturePeak, s.RuptureReported, s.RuptureResolved = 0.1+0.2, true, true
	s.RupturesOpened, s.RupturesByClient, s.RepairsFailed = 2, 1, 4
	res.Sessions[1].RupturePeak = math.SmallestNonzeroFloat64
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
	// A client who completed six sessions, with no homework and two
	// ruptures opened, by the fields from intake_oq45 on, and a session
	// by those from homework_assigned on; change one field with set.
	completer := []string{"90", "80", "6", "false", "", "2", "1", "0", "2", "1", "0", "1", "0", "false", "0.01", "0", "0"}
	plain := []string{"true", "full", "2", "1", "0", "0.1", "0.4", "true", "false", "1", "0"}
	set := func(fields []string, i int, v string) []string {
		fields = append([]string(nil), fields...)
		fields[i] = v
		return fields
	}
	for _, tc := range []struct {
		name, file, msg string
	}{
		{"empty", "", "no header"},
		{"other header", "a,b,c\n1,2,3\n", "line 1: not a cohort's per-client or per-session file"},
		{"short row", clientsHeader + "\n" + row("s", "p", "1"), "wrong number of fields"},
		{"bad number", clientsHeader + "\n" + client + row(set(completer, 0, "90x")...),
			`line 2: intake_oq45: "90x" is not a valid value`},
		{"dropped after", clientsHeader + "\n" + client + row(set(completer, 4, "3")...),
			"line 2: dropped_after is 3 for a client who did not drop out"},
		{"dropped where", clientsHeader + "\n" + client + row(set(set(completer, 2, "3"), 3, "true")...),
			"line 2: dropped_after is 0 but sessions_attended 3"},
		{"two cohorts", clientsHeader + "\n" + client + row(completer...) +
			strings.Replace(client, "s,p,1,", "s,p,2,", 1) + row(completer...),
			"line 3: cohort s/p, seed 2, 10 clients differs from the file's first row's, s/p, seed 1, 10 clients"},
		{"client's ruptures by client", clientsHeader + "\n" + client + row(set(completer, 11, "3")...),
			"line 2: ruptures_by_client is 3 of 2 ruptures opened"},
		{"not on track", clientsHeader + "\n" + client + row(set(completer, 13, "maybe")...),
			`line 2: not_on_track: "maybe" is not a valid value`},
		{"completion", sessionsHeader + "\n" + session + row(set(plain, 1, "most")...),
			`line 2: homework_completion "most": none, partial or full`},
		{"completion without homework", sessionsHeader + "\n" + session + row(set(plain, 0, "false")...),
			`line 2: homework_completion "full" with no homework assigned`},
		{"bool", sessionsHeader + "\n" + session + row(set(plain, 0, "yes")...),
			`line 2: homework_assigned: "yes" is not a valid value`},
		{"peak", sessionsHeader + "\n" + session + row(set(plain, 6, "1.5")...),
			"line 2: rupture_peak 1.5: a severity is from 0 to 1"},
		{"peak NaN", sessionsHeader + "\n" + session + row(set(plain, 6, "NaN")...),
			"line 2: rupture_peak NaN: a severity is from 0 to 1"},
		{"reported unseen", sessionsHeader + "\n" + session + row(set(plain, 6, "0")...),
			"line 2: rupture_reported with no rupture (rupture_peak 0)"},
		{"resolved unreported", sessionsHeader + "\n" + session + row(set(set(plain, 7, "false"), 8, "true")...),
			"line 2: rupture_resolved with no rupture reported"},
		{"session's ruptures by client", sessionsHeader + "\n" + session + row(set(plain, 9, "3")...),
			"line 2: ruptures_by_client is 3 of 2 ruptures opened"},
		{"older per-client file", oldClientsHeader + "\n" + client + row(completer[:11]...),
			"this per-client file was written by an older TheraSim: it lacks the columns ruptures_by_client, repairs_failed, not_on_track, responsiveness, obstacle and obstacle_left, " +
				"which this version needs to summarise the cohort; simulate the cohort again to write its files anew"},
		{"older per-session file", oldSessionsHeader + "\n" + session + row(plain[:6]...),
			"this per-session file was written by an older TheraSim: it lacks the columns rupture_peak, rupture_reported, rupture_resolved, ruptures_by_client and repairs_failed, " +
				"which this version needs"},
		{"one column short", strings.TrimSuffix(sessionsHeader, ",repairs_failed") + "\n",
			"it lacks the column repairs_failed, which"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cohort.Read(strings.NewReader(tc.file))
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("Read: %v, want an error saying %q", err, tc.msg)
			}
		})
	}
	// The rows the cases change, as they are, read.
	for _, file := range []string{clientsHeader + "\n" + client + row(completer...), sessionsHeader + "\n" + session + row(plain...)} {
		if _, err := cohort.Read(strings.NewReader(file)); err != nil {
			t.Errorf("Read:\n%s: %v", file, err)
		}
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
