package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"runtime"
	"sort"
	"strings"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/recfile"
)

// Following a class as it plays: liveClass asks the class server for its
// runs, fetches those that are new or have grown (a run's size says so)
// with the copies kept of their scenarios, and opens them as the desktop
// does (openRuns); a classSnapshot is the class as it then is, built in
// the background and handed whole to the window, which swaps it in.

// liveRun is a recording fetched from the class server.
type liveRun struct {
	info classroom.RunInfo
	data []byte
	// d is its debrief, or nil when it cannot be opened (why says why).
	d   *debrief.Debrief
	why string
}

// liveClass is the class as fetched so far. It is used by one goroutine
// at a time (the poller's); the runs it hands to a snapshot are never
// changed after (a run that grows is a new liveRun).
type liveClass struct {
	a    *app
	c    *classClient
	runs map[string]*liveRun // by recording name
	// left are the server's recordings it cannot read, each with why.
	left []string
	// kept are the copies of scenarios and models fetched, by kind and
	// hash; a copy the server does not have is kept as nil.
	kept map[string][]byte
	// polled says that the server has answered at least once.
	polled bool
}

func newLiveClass(a *app, c *classClient) *liveClass {
	return &liveClass{a: a, c: c, runs: map[string]*liveRun{}, kept: map[string][]byte{}}
}

// change is what one poll found of a run: new, or grown by choices and
// notes.
type change struct {
	trainee         string
	isNew           bool
	choices, notes  int // new since the last poll
	checkIns        int // answers to check-ins new since the last poll
	recall          int // lines of the trainee's recall new since the last poll
	gone            bool
	scenario, error string
}

// poll asks the server for its runs, fetches and opens those that are new
// or whose size changed, drops those gone from its folder, and says what
// changed. On an error the class keeps what it had (and any run fetched
// before the error), and the next poll takes up from there.
func (l *liveClass) poll(ctx context.Context) ([]change, error) {
	b, err := l.c.get(ctx, classroom.PathRuns)
	if err != nil {
		return nil, err
	}
	var list classroom.RunList
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, &classRefusal{Status: http.StatusBadGateway, Words: "The class server's list of runs could not be read; is it the same version of TheraSim as this page?"}
	}
	l.polled = true
	l.left = list.Left
	var out []change
	seen := map[string]bool{}
	for _, info := range list.Runs {
		seen[info.Name] = true
		old := l.runs[info.Name]
		if old != nil && old.info.Size == info.Size {
			continue // a snapshot may hold old: it is never changed
		}
		data, err := l.c.get(ctx, classroom.PathRun+url.PathEscape(info.Name))
		if r := asRefusal(err); r != nil && r.Status == http.StatusNotFound {
			continue // gone between the list and the fetch
		}
		if err != nil {
			return out, err
		}
		run := &liveRun{info: info, data: data}
		l.open(ctx, run)
		l.runs[info.Name] = run
		ch := change{trainee: info.Trainee, scenario: info.Scenario, isNew: old == nil, choices: info.Choices, notes: info.Notes,
			checkIns: info.CheckIns, recall: info.Recall}
		if old != nil {
			ch.choices -= old.info.Choices
			ch.notes -= old.info.Notes
			ch.checkIns -= old.info.CheckIns
			ch.recall -= old.info.Recall
		}
		if run.d == nil && (old == nil || old.d != nil) {
			ch.error = run.why
		}
		out = append(out, ch)
		// In the browser every goroutine shares one thread: let the
		// window draw between runs.
		runtime.Gosched()
	}
	for name, r := range l.runs {
		if !seen[name] {
			delete(l.runs, name)
			out = append(out, change{trainee: r.info.Trainee, gone: true})
		}
	}
	return out, nil
}

// open re-simulates a fetched run as the desktop opens a recording, with
// the copies the server kept of its scenario.
func (l *liveClass) open(ctx context.Context, r *liveRun) {
	runs, left, _ := l.a.openRuns([]opening{{r.info.Name, r.data, l.copies(ctx)}})
	r.d, r.why = nil, ""
	if len(runs) == 1 {
		r.d = runs[0]
		return
	}
	r.why = "the run cannot be replayed"
	if len(left) > 0 {
		r.why = strings.TrimPrefix(left[0], r.info.Name+": ")
	}
}

// copies finds the copies of scenarios and models kept on the server
// (classroom.PathKept), fetching each once; one the server has not is
// fs.ErrNotExist, as debrief.Copies wants.
func (l *liveClass) copies(ctx context.Context) debrief.Copies {
	return func(kind, hash string) ([]byte, string, error) {
		where := "the class server's copy " + hash[:min(12, len(hash))] + kind
		k := kind + " " + hash
		if data, ok := l.kept[k]; ok {
			if data == nil {
				return nil, where, fmt.Errorf("the class server keeps no copy of it: %w", fs.ErrNotExist)
			}
			return data, where, nil
		}
		data, err := l.c.get(ctx, classroom.PathKept+url.PathEscape(hash)+kind)
		if r := asRefusal(err); r != nil && r.Status == http.StatusNotFound {
			l.kept[k] = nil
			return nil, where, fmt.Errorf("the class server keeps no copy of it: %w", fs.ErrNotExist)
		}
		if err != nil {
			return nil, where, fmt.Errorf("fetching %s: %s", where, refusalText(err))
		}
		if err := recfile.Check(where, hash, data); err != nil {
			return nil, where, err
		}
		l.kept[k] = data
		return data, where, nil
	}
}

// classSnapshot is the class as one poll left it, for the window: every
// run, in order, the class views of those that open, and why the others
// do not. It is not changed once built.
type classSnapshot struct {
	runs    []*liveRun // by trainee, then by start
	classes []*debrief.Class
	// left says why each run (or recording of the server's) is left out.
	left []string
	// err says why the class views of the runs could not be built, or "".
	err string
}

// snapshot builds the class as it now is.
func (l *liveClass) snapshot() *classSnapshot {
	s := &classSnapshot{}
	for _, r := range l.runs {
		s.runs = append(s.runs, r)
	}
	sort.Slice(s.runs, func(i, j int) bool {
		x, y := s.runs[i].info, s.runs[j].info
		if !strings.EqualFold(x.Trainee, y.Trainee) {
			return strings.ToLower(x.Trainee) < strings.ToLower(y.Trainee)
		}
		return x.Name < y.Name
	})
	var opened []*debrief.Debrief
	for _, r := range s.runs {
		if r.d != nil {
			opened = append(opened, r.d)
		} else {
			s.left = append(s.left, fmt.Sprintf("%s's run: %s", traineeName(r.info.Trainee), r.why))
		}
	}
	s.left = append(s.left, l.left...)
	if len(opened) > 0 {
		cls, err := debrief.BuildClasses(opened)
		if err != nil {
			s.err = err.Error()
		} else {
			s.classes = cls
		}
	}
	return s
}

// opened counts the runs that open.
func (s *classSnapshot) opened() int {
	n := 0
	for _, r := range s.runs {
		if r.d != nil {
			n++
		}
	}
	return n
}

// traineeName is a trainee's name as the page says it.
func traineeName(t string) string {
	if t = strings.TrimSpace(t); t != "" {
		return t
	}
	return "A trainee"
}

// changeWords says calmly, in a line, what came in: "2 new choices from
// Sam · Ana started a run". first says this is the first look at the
// class, when only how many runs there are is said. New notes are not
// said: they are the instructor's, said when saved.
func changeWords(chs []change, first bool) string {
	if first {
		n := 0
		for _, c := range chs {
			if c.isNew {
				n++
			}
		}
		if n == 0 {
			return ""
		}
		return plural(n, "run", "runs") + " so far."
	}
	var parts []string
	for _, c := range chs {
		who := traineeName(c.trainee)
		var w string
		switch {
		case c.gone:
			w = who + "'s run was taken out of the class's folder"
		case c.error != "":
			w = who + "'s run cannot be replayed: " + c.error
		case c.isNew && c.choices == 0:
			w = who + " started a run"
		case c.isNew:
			w = fmt.Sprintf("%s's run came in (%s)", who, plural(c.choices, "choice", "choices"))
		case c.choices > 0:
			w = fmt.Sprintf("%s from %s", plural(c.choices, "new choice", "new choices"), who)
		case c.recall > 0:
			// (A check-in answer comes with the choice after it, said above.)
			w = fmt.Sprintf("%s wrote %s", who, plural(c.recall, "line of recall", "lines of recall"))
		case c.checkIns > 0:
			w = fmt.Sprintf("%s answered %s", who, plural(c.checkIns, "check-in", "check-ins"))
		default:
			// Notes are the instructor's own, already said when saved.
			continue
		}
		parts = append(parts, w)
	}
	const most = 3
	if len(parts) > most {
		return strings.Join(parts[:most], " · ") + fmt.Sprintf(" · and %d more", len(parts)-most)
	}
	return strings.Join(parts, " · ")
}
