package cohort

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
)

// SummarizeFiles summarises a cohort from its files, per-client and
// per-session, of any number of its shards, given in any order: the summary
// Summarize gives the records Read reads from them and Merge merges, to the
// last bit, under the cohort's name; Summary.N − Summary.Clients of the
// cohort's clients are missing from the files. It checks what Merge checks.
//
// open opens a file by its name, anew each time. Files in client order, as
// WriteClients, WriteSessions, Run and Stream write them, are read row by
// row, two at a time, in memory that does not grow with their size; if a
// file is not in client order, or the files' clients interleave, they are
// read whole, with Read, and merged in memory.
func SummarizeFiles(open func(name string) (io.ReadCloser, error), names ...string) (Summary, error) {
	clients, sessions, co, err := survey(open, names)
	if err != nil {
		return Summary{}, err
	}
	s, err := summarizeInOrder(open, clients, sessions, co)
	if errors.Is(err, errOrder) {
		return summarizeInMemory(open, names)
	}
	return s, err
}

// errOrder: the files' rows are not in client order, taken file by file.
var errOrder = errors.New("rows not in client order")

// A fileHead is a file's name and its first row's key: client, session.
type fileHead struct {
	name string
	key  [2]int
}

// survey reads the header and first row of each file, and returns the
// files with rows, per-client and per-session, each in the order of their
// first row, and the cohort they share.
func survey(open func(string) (io.ReadCloser, error), names []string) (clients, sessions []fileHead, co Cohort, err error) {
	var (
		kinds [2]bool // per-client, per-session files met
		mixed error   // two cohorts met
	)
	for _, name := range names {
		var (
			rr  *rowReader
			c   Client
			s   Session
			row error
		)
		err := withFile(open, name, func(r io.Reader) error {
			var err error
			if rr, err = newRowReader(r); err != nil {
				return err
			}
			row = rr.next(&c, &s)
			if row == io.EOF {
				return nil
			}
			return row
		})
		if err != nil {
			return nil, nil, co, err
		}
		if rr.clients {
			kinds[0] = true
		} else {
			kinds[1] = true
		}
		if row == io.EOF {
			continue // a shard with no clients
		}
		if co == (Cohort{}) {
			co = rr.cohort
		} else if rr.cohort != co && mixed == nil {
			mixed = fmt.Errorf("records of two cohorts: %s and %s", co, rr.cohort)
		}
		if rr.clients {
			clients = append(clients, fileHead{name, [2]int{c.ID, 0}})
		} else {
			sessions = append(sessions, fileHead{name, [2]int{s.Client, s.Session}})
		}
	}
	for i, kind := range []string{"per-client", "per-session"} {
		if !kinds[i] {
			return nil, nil, co, fmt.Errorf("no %s file among the files: the summary needs both kinds", kind)
		}
	}
	if mixed != nil {
		return nil, nil, co, mixed
	}
	byKey := func(a, b fileHead) int {
		return cmp.Or(cmp.Compare(a.key[0], b.key[0]), cmp.Compare(a.key[1], b.key[1]))
	}
	slices.SortStableFunc(clients, byKey)
	slices.SortStableFunc(sessions, byKey)
	return clients, sessions, co, nil
}

// withFile opens the named file, passes it to read and closes it; errors
// other than the opening's are prefixed with the name.
func withFile(open func(string) (io.ReadCloser, error), name string, read func(io.Reader) error) error {
	f, err := open(name)
	if err != nil {
		return err
	}
	err = read(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// A chain reads the rows of files one after another, opening each in turn.
type chain struct {
	open  func(string) (io.ReadCloser, error)
	files []fileHead
	f     io.ReadCloser
	name  string
	rr    *rowReader
	key   [2]int // the last row's
	rows  int    // read so far
}

// next reads the next row, in c or s; io.EOF after the last of the last
// file. Rows must come in order of key: a row equal to the one before is
// a duplicate, one before it errOrder.
func (ch *chain) next(c *Client, s *Session) error {
	for {
		if ch.rr == nil {
			if len(ch.files) == 0 {
				return io.EOF
			}
			ch.name = ch.files[0].name
			ch.files = ch.files[1:]
			f, err := ch.open(ch.name)
			if err != nil {
				return err
			}
			ch.f = f
			if ch.rr, err = newRowReader(f); err != nil {
				return ch.fail(err)
			}
		}
		err := ch.rr.next(c, s)
		if err == io.EOF {
			err = ch.f.Close()
			ch.f, ch.rr = nil, nil
			if err != nil {
				return fmt.Errorf("%s: %w", ch.name, err)
			}
			continue
		}
		if err != nil {
			return ch.fail(err)
		}
		var key [2]int
		if ch.rr.clients {
			key[0] = c.ID
		} else {
			key = [2]int{s.Client, s.Session}
		}
		if ch.rows > 0 && (key[0] < ch.key[0] || key[0] == ch.key[0] && key[1] < ch.key[1]) {
			return errOrder
		}
		ch.key = key
		ch.rows++
		return nil
	}
}

func (ch *chain) fail(err error) error {
	ch.close()
	return fmt.Errorf("%s: %w", ch.name, err)
}

func (ch *chain) close() {
	if ch.f != nil {
		ch.f.Close()
		ch.f, ch.rr = nil, nil
	}
}

// summarizeInOrder summarises the files, each in client order, with
// clients that do not interleave, reading them row by row.
func summarizeInOrder(open func(string) (io.ReadCloser, error), clientFiles, sessionFiles []fileHead, co Cohort) (Summary, error) {
	cs := &chain{open: open, files: clientFiles}
	ss := &chain{open: open, files: sessionFiles}
	defer cs.close()
	defer ss.close()
	var (
		z        Summarizer
		c        Client
		s        Session
		sessions []Session // the client's
		prev     = -1      // the client before
	)
	// fail returns a consistency error of the records, unless the files
	// turn out, read to their end, not to be in client order (the error
	// may come of that) or to have a row that does not read (Read would
	// have said so first).
	fail := func(err error) (Summary, error) {
		for _, ch := range []*chain{cs, ss} {
			var (
				c Client
				s Session
			)
			for {
				e := ch.next(&c, &s)
				if e == io.EOF {
					break
				}
				if e != nil {
					return Summary{}, e
				}
			}
		}
		return Summary{}, err
	}
	sErr := ss.next(nil, &s) // s is the next session, if sErr is nil
	for {
		err := cs.next(&c, nil)
		if err == io.EOF {
			break
		}
		if err != nil {
			return Summary{}, err
		}
		if c.ID == prev {
			return fail(fmt.Errorf("client %d appears twice (is a file given twice?)", c.ID))
		}
		prev = c.ID
		if c.ID < 0 || c.ID >= co.N {
			return fail(fmt.Errorf("client %d is not one of the cohort's %d (0 to %d)", c.ID, co.N, co.N-1))
		}
		if sErr == nil && s.Client < c.ID {
			return fail(fmt.Errorf("sessions of client %d, who is in no per-client file", s.Client))
		}
		sessions = sessions[:0]
		for sErr == nil && s.Client == c.ID {
			if n := len(sessions) + 1; s.Session != n {
				if s.Session < n {
					return fail(fmt.Errorf("client %d: session %d appears twice (is a file given twice?)", c.ID, s.Session))
				}
				return fail(fmt.Errorf("client %d: session %d is missing from the per-session files", c.ID, n))
			}
			sessions = append(sessions, s)
			sErr = ss.next(nil, &s)
		}
		if sErr != nil && sErr != io.EOF {
			return Summary{}, sErr
		}
		if len(sessions) != c.Attended {
			return fail(fmt.Errorf("client %d attended %d sessions; the per-session files have %d", c.ID, c.Attended, len(sessions)))
		}
		z.Add(&c, sessions)
	}
	if sErr == nil {
		return fail(fmt.Errorf("sessions of client %d, who is in no per-client file", s.Client))
	}
	if sErr != io.EOF {
		return Summary{}, sErr
	}
	sum := z.Summary()
	sum.Cohort = co
	return sum, nil
}

// summarizeInMemory reads the files whole, merges and summarises them.
func summarizeInMemory(open func(string) (io.ReadCloser, error), names []string) (Summary, error) {
	var parts []*Result
	for _, name := range names {
		err := withFile(open, name, func(r io.Reader) error {
			p, err := Read(r)
			parts = append(parts, p)
			return err
		})
		if err != nil {
			return Summary{}, err
		}
	}
	res, err := Merge(parts...)
	if err != nil {
		return Summary{}, err
	}
	return res.Summary(), nil
}
