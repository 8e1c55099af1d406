package cohort

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/therasim/therasim/sim"
)

// The CSV files a cohort writes. Every row starts with the cohort's
// columns (scenario, policy, cohort_seed, cohort_n), so that the files of a
// cohort's shards can be checked and merged, and files of several cohorts
// stacked into one table. Numbers are written exactly (floats in Go's
// shortest form that reads back to the same bits), booleans as true or
// false; an empty field is "does not apply".
var (
	// ClientsHeader heads the per-client file: one row per client (Client).
	ClientsHeader = []string{"scenario", "policy", "cohort_seed", "cohort_n",
		"client", "seed",
		"reactance", "motivation", "attachment", "homework_attitude", "mindedness", "support",
		"start_bond", "start_task", "start_goal", "start_hope", "start_symptoms",
		"intake_oq45", "final_oq45", "sessions_attended", "dropped_out", "dropped_after",
		"homework_assigned", "homework_full", "homework_partial",
		"ruptures_opened", "ruptures_repaired", "ruptures_eased"}
	// SessionsHeader heads the per-session file: one row per session a
	// client attended (Session).
	SessionsHeader = []string{"scenario", "policy", "cohort_seed", "cohort_n",
		"client", "session", "oq45", "not_on_track",
		"wai_total", "wai_goal", "wai_task", "wai_bond",
		"homework_assigned", "homework_completion",
		"ruptures_opened", "ruptures_repaired", "ruptures_eased", "dropout_risk"}
)

// WriteClients writes the per-client file of clients of cohort c.
func WriteClients(w io.Writer, c Cohort, clients []Client) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ClientsHeader); err != nil {
		return err
	}
	rec := make([]string, 0, len(ClientsHeader))
	for i := range clients {
		x := &clients[i]
		t, st := &x.Traits, &x.Start
		rec = cohortFields(rec[:0], c)
		rec = append(rec, itoa(x.ID), utoa(x.Seed),
			ftoa(t.Reactance), ftoa(t.Motivation), ftoa(t.Attachment), ftoa(t.HomeworkAttitude), ftoa(t.Mindedness), ftoa(t.Support),
			ftoa(st.Bond), ftoa(st.Task), ftoa(st.Goal), ftoa(st.Hope), ftoa(st.Symptoms),
			itoa(x.Intake), itoa(x.Final), itoa(x.Attended), strconv.FormatBool(x.Dropped), optional(x.DroppedAfter, x.Dropped),
			itoa(x.HomeworkAssigned), itoa(x.HomeworkFull), itoa(x.HomeworkPartial),
			itoa(x.RupturesOpened), itoa(x.RupturesRepaired), itoa(x.RupturesEased))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteSessions writes the per-session file of sessions of cohort c.
func WriteSessions(w io.Writer, c Cohort, sessions []Session) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(SessionsHeader); err != nil {
		return err
	}
	rec := make([]string, 0, len(SessionsHeader))
	for i := range sessions {
		s := &sessions[i]
		rec = cohortFields(rec[:0], c)
		rec = append(rec, itoa(s.Client), itoa(s.Session), itoa(s.OQ), strconv.FormatBool(s.NotOnTrack),
			ftoa(s.WAI), ftoa(s.WAIGoal), ftoa(s.WAITask), ftoa(s.WAIBond),
			strconv.FormatBool(s.Homework), string(s.Completion),
			itoa(s.RupturesOpened), itoa(s.RupturesRepaired), itoa(s.RupturesEased), ftoa(s.DropoutRisk))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func cohortFields(rec []string, c Cohort) []string {
	return append(rec, c.Scenario, c.Policy, utoa(c.Seed), itoa(c.N))
}

func itoa(n int) string     { return strconv.Itoa(n) }
func utoa(n uint64) string  { return strconv.FormatUint(n, 10) }
func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
func optional(n int, ok bool) string {
	if !ok {
		return ""
	}
	return itoa(n)
}

// Read reads a file written by WriteClients or WriteSessions, telling them
// apart by their header: the Result has Clients (not nil, even with no
// rows) or Sessions. A file with no rows has an empty Cohort.
func Read(r io.Reader) (*Result, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("empty file: no header")
	}
	if err != nil {
		return nil, err
	}
	var clients bool
	switch {
	case slices.Equal(header, ClientsHeader):
		clients = true
	case slices.Equal(header, SessionsHeader):
	default:
		return nil, fmt.Errorf("line 1: not a cohort's per-client or per-session file: the header is not\n  %s\nnor\n  %s",
			strings.Join(ClientsHeader, ","), strings.Join(SessionsHeader, ","))
	}
	res := &Result{}
	if clients {
		res.Clients = []Client{}
	} else {
		res.Sessions = []Session{}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return res, nil
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		f := fields{rec: rec}
		c := Cohort{Scenario: f.str(), Policy: f.str(), Seed: f.uint(), N: f.int()}
		if len(res.Clients) == 0 && len(res.Sessions) == 0 {
			res.Cohort = c
		} else if c != res.Cohort {
			f.fail(fmt.Errorf("cohort %s differs from the file's first row's, %s", c, res.Cohort))
		}
		if clients {
			res.Clients = append(res.Clients, f.client())
		} else {
			res.Sessions = append(res.Sessions, f.session())
		}
		if f.err != nil {
			return nil, fmt.Errorf("line %d: %w", line, f.err)
		}
	}
}

// String names the cohort as "scenario/policy, seed S, N clients".
func (c Cohort) String() string {
	return fmt.Sprintf("%s/%s, seed %d, %d clients", c.Scenario, c.Policy, c.Seed, c.N)
}

// fields parses one row's fields in order; the first error sticks.
type fields struct {
	rec []string
	i   int
	err error
}

func (f *fields) next() string {
	s := f.rec[f.i]
	f.i++
	return s
}

func (f *fields) fail(err error) {
	if f.err == nil {
		f.err = err
	}
}

func (f *fields) parseErr(err error) {
	if f.err == nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) {
			err = fmt.Errorf("%s: %q is not a valid value", column(f.rec, f.i-1), ne.Num)
		}
		f.err = err
	}
}

// column names column i of a row.
func column(rec []string, i int) string {
	h := SessionsHeader
	if len(rec) == len(ClientsHeader) {
		h = ClientsHeader
	}
	if i < len(h) {
		return h[i]
	}
	return "column " + itoa(i+1)
}

func (f *fields) str() string { return f.next() }

func (f *fields) int() int {
	n, err := strconv.Atoi(f.next())
	if err != nil {
		f.parseErr(err)
	}
	return n
}

func (f *fields) uint() uint64 {
	n, err := strconv.ParseUint(f.next(), 10, 64)
	if err != nil {
		f.parseErr(err)
	}
	return n
}

func (f *fields) float() float64 {
	x, err := strconv.ParseFloat(f.next(), 64)
	if err != nil {
		f.parseErr(err)
	}
	return x
}

func (f *fields) bool() bool {
	b, err := strconv.ParseBool(f.next())
	if err != nil {
		f.parseErr(err)
	}
	return b
}

// optional reads a number that is empty when it does not apply (0).
func (f *fields) optional() int {
	if f.rec[f.i] == "" {
		f.i++
		return 0
	}
	return f.int()
}

func (f *fields) client() Client {
	var c Client
	c.ID, c.Seed = f.int(), f.uint()
	t := &c.Traits
	t.Reactance, t.Motivation, t.Attachment, t.HomeworkAttitude, t.Mindedness, t.Support =
		f.float(), f.float(), f.float(), f.float(), f.float(), f.float()
	st := &c.Start
	st.Bond, st.Task, st.Goal, st.Hope, st.Symptoms = f.float(), f.float(), f.float(), f.float(), f.float()
	c.Intake, c.Final, c.Attended, c.Dropped, c.DroppedAfter = f.int(), f.int(), f.int(), f.bool(), f.optional()
	c.HomeworkAssigned, c.HomeworkFull, c.HomeworkPartial = f.int(), f.int(), f.int()
	c.RupturesOpened, c.RupturesRepaired, c.RupturesEased = f.int(), f.int(), f.int()
	if f.err == nil {
		switch {
		case c.Dropped && c.DroppedAfter != c.Attended:
			f.err = fmt.Errorf("dropped_after is %d but sessions_attended %d", c.DroppedAfter, c.Attended)
		case !c.Dropped && c.DroppedAfter != 0:
			f.err = fmt.Errorf("dropped_after is %d for a client who did not drop out", c.DroppedAfter)
		case c.Attended < 1:
			f.err = fmt.Errorf("sessions_attended is %d", c.Attended)
		case c.HomeworkFull+c.HomeworkPartial > c.HomeworkAssigned:
			f.err = fmt.Errorf("%d tasks done fully and %d partly of %d assigned", c.HomeworkFull, c.HomeworkPartial, c.HomeworkAssigned)
		}
	}
	return c
}

func (f *fields) session() Session {
	var s Session
	s.Client, s.Session, s.OQ, s.NotOnTrack = f.int(), f.int(), f.int(), f.bool()
	s.WAI, s.WAIGoal, s.WAITask, s.WAIBond = f.float(), f.float(), f.float(), f.float()
	s.Homework, s.Completion = f.bool(), sim.Completion(f.str())
	s.RupturesOpened, s.RupturesRepaired, s.RupturesEased = f.int(), f.int(), f.int()
	s.DropoutRisk = f.float()
	if f.err == nil {
		switch s.Completion {
		case sim.NotDone, sim.Partial, sim.Full:
			if !s.Homework {
				f.err = fmt.Errorf("homework_completion %q with no homework assigned", s.Completion)
			}
		case "":
			if s.Homework {
				f.err = errors.New("homework assigned with no homework_completion")
			}
		default:
			f.err = fmt.Errorf("homework_completion %q: none, partial or full", s.Completion)
		}
		if s.Session < 1 {
			f.err = fmt.Errorf("session %d", s.Session)
		}
	}
	if math.IsInf(s.DropoutRisk, 0) && f.err == nil {
		f.err = fmt.Errorf("dropout_risk %v", s.DropoutRisk)
	}
	return s
}

// Merge joins the records of a cohort's shards (from Read, or Run) into
// one Result, in client order, and checks that they fit together: one
// cohort, no client twice, every client with exactly the sessions it
// attended. Clients of the cohort may be missing (a shard left out): see
// Result.Missing.
func Merge(parts ...*Result) (*Result, error) {
	res := &Result{}
	for _, p := range parts {
		if p.Cohort == (Cohort{}) {
			continue
		}
		if res.Cohort == (Cohort{}) {
			res.Cohort = p.Cohort
		} else if p.Cohort != res.Cohort {
			return nil, fmt.Errorf("records of two cohorts: %s and %s", res.Cohort, p.Cohort)
		}
	}
	for _, p := range parts {
		res.Clients = append(res.Clients, p.Clients...)
		res.Sessions = append(res.Sessions, p.Sessions...)
	}
	slices.SortStableFunc(res.Clients, byID)
	slices.SortStableFunc(res.Sessions, bySession)
	for i := range res.Clients {
		c := &res.Clients[i]
		if i > 0 && res.Clients[i-1].ID == c.ID {
			return nil, fmt.Errorf("client %d appears twice (is a file given twice?)", c.ID)
		}
		if c.ID < 0 || c.ID >= res.Cohort.N {
			return nil, fmt.Errorf("client %d is not one of the cohort's %d (0 to %d)", c.ID, res.Cohort.N, res.Cohort.N-1)
		}
	}
	j := 0
	for i := range res.Clients {
		c := &res.Clients[i]
		if j < len(res.Sessions) && res.Sessions[j].Client < c.ID {
			return nil, fmt.Errorf("sessions of client %d, who is in no per-client file", res.Sessions[j].Client)
		}
		n := 0
		for ; j < len(res.Sessions) && res.Sessions[j].Client == c.ID; j++ {
			n++
			if s := res.Sessions[j].Session; s != n {
				if s < n {
					return nil, fmt.Errorf("client %d: session %d appears twice (is a file given twice?)", c.ID, s)
				}
				return nil, fmt.Errorf("client %d: session %d is missing from the per-session files", c.ID, n)
			}
		}
		if n != c.Attended {
			return nil, fmt.Errorf("client %d attended %d sessions; the per-session files have %d", c.ID, c.Attended, n)
		}
	}
	if j < len(res.Sessions) {
		return nil, fmt.Errorf("sessions of client %d, who is in no per-client file", res.Sessions[j].Client)
	}
	return res, nil
}

// Missing returns the number of the cohort's clients that r lacks.
func (r *Result) Missing() int { return r.Cohort.N - len(r.Clients) }
