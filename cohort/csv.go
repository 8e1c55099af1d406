package cohort

import (
	"bytes"
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
		"ruptures_opened", "ruptures_repaired", "ruptures_eased",
		"ruptures_by_client", "repairs_failed", "not_on_track", "responsiveness", "obstacle", "obstacle_left"}
	// SessionsHeader heads the per-session file: one row per session a
	// client attended (Session).
	SessionsHeader = []string{"scenario", "policy", "cohort_seed", "cohort_n",
		"client", "session", "oq45", "not_on_track",
		"wai_total", "wai_goal", "wai_task", "wai_bond",
		"homework_assigned", "homework_completion",
		"ruptures_opened", "ruptures_repaired", "ruptures_eased", "dropout_risk",
		"rupture_peak", "rupture_reported", "rupture_resolved", "ruptures_by_client", "repairs_failed"}
)

// WriteClients writes the per-client file of clients of cohort c.
func WriteClients(w io.Writer, c Cohort, clients []Client) error {
	f := newFormat(c)
	return writeRows(w, ClientsHeader, len(clients), func(b []byte, i int) []byte { return f.client(b, &clients[i]) })
}

// WriteSessions writes the per-session file of sessions of cohort c.
func WriteSessions(w io.Writer, c Cohort, sessions []Session) error {
	f := newFormat(c)
	return writeRows(w, SessionsHeader, len(sessions), func(b []byte, i int) []byte { return f.session(b, &sessions[i]) })
}

// writeRows writes a header and n rows, made by row, to w.
func writeRows(w io.Writer, header []string, n int, row func(b []byte, i int) []byte) error {
	b := appendHeader(make([]byte, 0, 64<<10), header)
	for i := range n {
		b = row(b, i)
		if len(b) >= 60<<10 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	_, err := w.Write(b)
	return err
}

func appendHeader(b []byte, header []string) []byte {
	for i, h := range header {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, h...)
	}
	return append(b, '\n')
}

// A format writes the rows of a cohort's files as encoding/csv writes them
// (the package writes its files and reads them back), but appending to a
// buffer, without a string per field: only the cohort's names and the
// homework completion are text that might need quotes, and the cohort's
// fields, the same on every row, are quoted once. A format is used by one
// goroutine at a time.
type format struct {
	prefix []byte // the cohort's fields and a comma
	wai    floatCache
}

func newFormat(c Cohort) *format {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write(cohortFields(nil, c)) // cannot fail: b grows
	cw.Flush()
	return &format{prefix: append(bytes.TrimSuffix(b.Bytes(), []byte("\n")), ',')}
}

// clone returns a format of the same cohort for another goroutine.
func (f *format) clone() *format { return &format{prefix: f.prefix} }

func cohortFields(rec []string, c Cohort) []string {
	return append(rec, c.Scenario, c.Policy, utoa(c.Seed), itoa(c.N))
}

// client appends x's row.
func (f *format) client(b []byte, x *Client) []byte {
	t, st := &x.Traits, &x.Start
	b = append(b, f.prefix...)
	b = appendInts(b, x.ID)
	b = strconv.AppendUint(b, x.Seed, 10)
	b = appendFloats(b, t.Reactance, t.Motivation, t.Attachment, t.HomeworkAttitude, t.Mindedness, t.Support,
		st.Bond, st.Task, st.Goal, st.Hope, st.Symptoms)
	b = append(b, ',')
	b = appendInts(b, x.Intake, x.Final, x.Attended)
	b = strconv.AppendBool(b, x.Dropped)
	b = append(b, ',')
	if x.Dropped {
		b = strconv.AppendInt(b, int64(x.DroppedAfter), 10)
	}
	b = append(b, ',')
	b = appendInts(b, x.HomeworkAssigned, x.HomeworkFull, x.HomeworkPartial,
		x.RupturesOpened, x.RupturesRepaired, x.RupturesEased, x.RupturesByClient, x.RepairsFailed)
	b = strconv.AppendBool(b, x.NotOnTrack)
	b = appendFloats(b, x.Responsiveness, x.Obstacle, x.ObstacleLeft)
	return append(b, '\n')
}

// session appends s's row.
func (f *format) session(b []byte, s *Session) []byte {
	b = append(b, f.prefix...)
	b = appendInts(b, s.Client, s.Session, s.OQ)
	b = strconv.AppendBool(b, s.NotOnTrack)
	for _, x := range [...]float64{s.WAI, s.WAIGoal, s.WAITask, s.WAIBond} {
		b = append(b, ',')
		b = f.wai.append(b, x)
	}
	b = append(b, ',')
	b = strconv.AppendBool(b, s.Homework)
	b = append(b, ',')
	switch s.Completion {
	case "", sim.NotDone, sim.Partial, sim.Full:
		b = append(b, s.Completion...)
	default: // not one of the engine's: quoted as need be
		var q bytes.Buffer
		cw := csv.NewWriter(&q)
		cw.Write([]string{string(s.Completion)})
		cw.Flush()
		b = append(b, bytes.TrimSuffix(q.Bytes(), []byte("\n"))...)
	}
	b = append(b, ',')
	b = appendInts(b, s.RupturesOpened, s.RupturesRepaired, s.RupturesEased)
	b = appendFloat(b, s.DropoutRisk)
	b = append(b, ',')
	if math.Float64bits(s.RupturePeak) == 0 { // most sessions: no rupture
		b = append(b, '0')
	} else {
		b = appendFloat(b, s.RupturePeak)
	}
	b = append(b, ',')
	b = strconv.AppendBool(b, s.RuptureReported)
	b = append(b, ',')
	b = strconv.AppendBool(b, s.RuptureResolved)
	b = append(b, ',')
	b = appendInts(b, s.RupturesByClient)
	b = strconv.AppendInt(b, int64(s.RepairsFailed), 10)
	return append(b, '\n')
}

// appendInts appends each of ns followed by a comma.
func appendInts(b []byte, ns ...int) []byte {
	for _, n := range ns {
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, ',')
	}
	return b
}

// appendFloats appends a comma and each of xs, separated by commas, in the
// shortest form that reads back to the same bits.
func appendFloats(b []byte, xs ...float64) []byte {
	for _, x := range xs {
		b = append(b, ',')
		b = appendFloat(b, x)
	}
	return b
}

// appendFloat appends x as strconv.AppendFloat(b, x, 'g', -1, 64) does: in
// the shortest form that reads back to the same bits. For x from 1e-4 up to
// 1e6, nearly every number of the files, that form has no exponent, and
// strconv writes it a digit at a time; here its digits are taken from the
// exponent form, which strconv writes in runs, and put in place around the
// decimal point, in some nine tenths of the time.
func appendFloat(b []byte, x float64) []byte {
	if !(x >= 1e-4 && x < 1e6) {
		return strconv.AppendFloat(b, x, 'g', -1, 64)
	}
	// The exponent form, d[.ddd]e±XX (XX from -4 to 05), written after
	// room for "0.000".
	var buf [40]byte
	const at = 5
	e := strconv.AppendFloat(buf[at:at], x, 'e', -1, 64)
	n := len(e) - 4 // d[.ddd]
	exp := int(e[n+2]-'0')*10 + int(e[n+3]-'0')
	if e[n+1] == '-' {
		exp = -exp
	}
	lo, hi := at, at+n // the digits, in one run: the first moves onto the point
	if n > 1 {
		buf[at+1] = buf[at]
		lo++
	}
	switch {
	case exp < 0: // 0.0…0ddd
		lo -= 1 - exp
		copy(buf[lo:], "0.000"[:1-exp])
	case hi-lo <= exp+1: // a whole number: ddd0…0
		for range exp + 1 - (hi - lo) {
			buf[hi] = '0'
			hi++
		}
	default: // ddd.ddd: the whole part moves back by one, before the point
		for i := lo; i <= lo+exp; i++ {
			buf[i-1] = buf[i]
		}
		lo--
		buf[lo+exp+1] = '.'
	}
	return append(b, buf[lo:hi]...)
}

// A floatCache remembers the text of the floats it wrote last, by their
// bits, in a table of 256 (a value is found in one place, where it
// replaces any other). WAI-SR ratings are means of twelve items or four,
// each from 1 to 5: some seventy values make nearly all of them, and
// writing a float in its shortest form costs ten times finding it here.
type floatCache struct {
	bits [256]uint64
	n    [256]uint8 // the text's length; 0: empty
	text [256][24]byte
}

// append appends x in the shortest form that reads back to the same bits.
func (c *floatCache) append(b []byte, x float64) []byte {
	bits := math.Float64bits(x)
	i := (bits * 0x9E3779B97F4A7C15) >> 56
	if c.n[i] > 0 && c.bits[i] == bits {
		return append(b, c.text[i][:c.n[i]]...)
	}
	start := len(b)
	b = appendFloat(b, x)
	if t := b[start:]; len(t) <= len(c.text[i]) {
		c.bits[i], c.n[i] = bits, uint8(copy(c.text[i][:], t))
	}
	return b
}

func itoa(n int) string    { return strconv.Itoa(n) }
func utoa(n uint64) string { return strconv.FormatUint(n, 10) }

// Read reads a file written by WriteClients or WriteSessions, telling them
// apart by their header: the Result has Clients (not nil, even with no
// rows) or Sessions. A file with no rows has an empty Cohort.
func Read(r io.Reader) (*Result, error) {
	rr, err := newRowReader(r)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	if rr.clients {
		res.Clients = []Client{}
	} else {
		res.Sessions = []Session{}
	}
	var (
		c Client
		s Session
	)
	for {
		err := rr.next(&c, &s)
		if err == io.EOF {
			res.Cohort = rr.cohort
			return res, nil
		}
		if err != nil {
			return nil, err
		}
		if rr.clients {
			res.Clients = append(res.Clients, c)
		} else {
			res.Sessions = append(res.Sessions, s)
		}
	}
}

// A rowReader reads a per-client or per-session file row by row.
type rowReader struct {
	cr      *csv.Reader
	clients bool   // a per-client file; else per-session
	cohort  Cohort // the first row's; every row's must be the same
	rows    int    // read so far
}

// newRowReader reads the file's header.
func newRowReader(r io.Reader) (*rowReader, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("empty file: no header")
	}
	if err != nil {
		return nil, err
	}
	rr := &rowReader{cr: cr}
	switch {
	case slices.Equal(header, ClientsHeader):
		rr.clients = true
	case slices.Equal(header, SessionsHeader):
	case older(header, ClientsHeader):
		return nil, olderFile("per-client", ClientsHeader[len(header):])
	case older(header, SessionsHeader):
		return nil, olderFile("per-session", SessionsHeader[len(header):])
	default:
		return nil, fmt.Errorf("line 1: not a cohort's per-client or per-session file: the header is not\n  %s\nnor\n  %s",
			strings.Join(ClientsHeader, ","), strings.Join(SessionsHeader, ","))
	}
	return rr, nil
}

// older reports whether header is that of a file written by an older
// TheraSim than this one, whose header is now: columns are only ever added
// at the end, so the old header is the start of the new.
func older(header, now []string) bool {
	return len(header) < len(now) && slices.Equal(header, now[:len(header)])
}

// olderFile is the error for a file of kind written by an older TheraSim,
// which lacks the columns missing.
func olderFile(kind string, missing []string) error {
	cols := "the column " + missing[0]
	if n := len(missing); n > 1 {
		cols = "the columns " + strings.Join(missing[:n-1], ", ") + " and " + missing[n-1]
	}
	return fmt.Errorf("this %s file was written by an older TheraSim: it lacks %s, which this version needs to summarise the cohort; simulate the cohort again to write its files anew",
		kind, cols)
}

// next reads the next row into c, in a per-client file, or s; it returns
// io.EOF after the last.
func (rr *rowReader) next(c *Client, s *Session) error {
	rec, err := rr.cr.Read()
	if err != nil {
		return err
	}
	line, _ := rr.cr.FieldPos(0)
	f := fields{rec: rec}
	co := Cohort{Scenario: f.str(), Policy: f.str(), Seed: f.uint(), N: f.int()}
	if rr.rows == 0 {
		rr.cohort = co
	} else if co != rr.cohort {
		f.fail(fmt.Errorf("cohort %s differs from the file's first row's, %s", co, rr.cohort))
	}
	rr.rows++
	if rr.clients {
		*c = f.client()
	} else {
		*s = f.session()
	}
	if f.err != nil {
		return fmt.Errorf("line %d: %w", line, f.err)
	}
	return nil
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
	c.RupturesByClient, c.RepairsFailed, c.NotOnTrack = f.int(), f.int(), f.bool()
	c.Responsiveness, c.Obstacle, c.ObstacleLeft = f.float(), f.float(), f.float()
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
		case c.RupturesByClient > c.RupturesOpened:
			f.err = fmt.Errorf("ruptures_by_client is %d of %d ruptures opened", c.RupturesByClient, c.RupturesOpened)
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
	s.RupturePeak, s.RuptureReported, s.RuptureResolved = f.float(), f.bool(), f.bool()
	s.RupturesByClient, s.RepairsFailed = f.int(), f.int()
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
	if f.err == nil {
		switch {
		case math.IsInf(s.DropoutRisk, 0):
			f.err = fmt.Errorf("dropout_risk %v", s.DropoutRisk)
		case !(s.RupturePeak >= 0 && s.RupturePeak <= 1):
			f.err = fmt.Errorf("rupture_peak %v: a severity is from 0 to 1", s.RupturePeak)
		case s.RuptureReported && s.RupturePeak == 0:
			f.err = errors.New("rupture_reported with no rupture (rupture_peak 0)")
		case s.RuptureResolved && !s.RuptureReported:
			f.err = errors.New("rupture_resolved with no rupture reported")
		case s.RupturesByClient > s.RupturesOpened:
			f.err = fmt.Errorf("ruptures_by_client is %d of %d ruptures opened", s.RupturesByClient, s.RupturesOpened)
		}
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
