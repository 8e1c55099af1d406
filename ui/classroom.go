package ui

import (
	"context"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/sim"
)

// Class mode: the page was served by 'therasim serve' (package classroom).
// The picker asks for the class code beside the name and joins the class
// before a course starts; every run is recorded in the browser as always,
// and sent to the server by a classSync in the background; the session,
// week and end screens say in a line how far it has been sent.

// keyClassCode is the setting that remembers the class code joined.
const keyClassCode = "classcode"

// joinWait bounds a join, so that the picker says soon that the server
// cannot be reached.
const joinWait = 10 * time.Second

// classMode is the trainee's side of a class.
type classMode struct {
	client *classClient
	store  *classStorage
	sync   *classSync
	// stop stops the sender, and returns once it has.
	stop func()
	// code and trainee are the class joined and the name the server
	// keeps; code is "" before the trainee has joined.
	code, trainee string
	// joining brings the answer to a join under way; nil when none is.
	joining chan joinAnswer
	// said is what the picker says about the class (joined, joining, or
	// why not); warn marks a problem.
	said string
	warn bool
	// seen is the sender's version last drawn.
	seen uint64
}

// joinAnswer is the server's answer to a join.
type joinAnswer struct {
	code   string
	joined classroom.Joined
	err    error
}

// beginClass puts the app in class mode with the server c: the storage
// is shared with the sender, and a trainee who joined before (the page
// reloaded) is joined again, so that the instructor's scenarios are
// offered and the resume prompt finds them. It starts the sender, which
// sends at once what earlier visits left unsent.
func (a *app) beginClass(c *classClient) {
	cs := &classStorage{st: a.store}
	sy := newClassSync(c, cs)
	cs.sync = sy
	a.store = cs
	cm := &classMode{client: c, store: cs, sync: sy}
	a.class = cm
	code, _ := cs.Get(keyClassCode)
	if code != "" && strings.TrimSpace(a.trainee) != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		var j classroom.Joined
		err := c.postJSON(ctx, classroom.PathJoin, classroom.Join{Code: code, Trainee: strings.TrimSpace(a.trainee)}, &j)
		cancel()
		a.joined(joinAnswer{code: code, joined: j, err: err}, true)
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			a.restoreHeld(ctx, code)
			cancel()
		}
	}
	sy.scan()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	cm.stop = func() { cancel(); <-done }
	go func() {
		defer close(done)
		sy.loop(ctx)
	}()
}

// join asks the server, in the background, to let the trainee into the
// class with code; the picker reads the answer (joinDone).
func (cm *classMode) join(code, trainee string) {
	if cm.joining != nil {
		return
	}
	ch := make(chan joinAnswer, 1)
	cm.joining = ch
	cm.said, cm.warn = "Joining the class…", false
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), joinWait)
		defer cancel()
		var j classroom.Joined
		err := cm.client.postJSON(ctx, classroom.PathJoin, classroom.Join{Code: code, Trainee: trainee}, &j)
		if ctx.Err() != nil && err != nil {
			err = &classRefusal{Words: unreachable + "."}
		}
		ch <- joinAnswer{code: code, joined: j, err: err}
	}()
}

// joinDone returns the answer to the join under way, once it has come.
func (cm *classMode) joinDone() (joinAnswer, bool) {
	if cm.joining == nil {
		return joinAnswer{}, false
	}
	select {
	case ans := <-cm.joining:
		cm.joining = nil
		return ans, true
	default:
		return joinAnswer{}, false
	}
}

// isJoined reports whether the trainee has joined the class code under
// the name trainee.
func (cm *classMode) isJoined(code, trainee string) bool {
	return cm.code != "" && cm.code == strings.TrimSpace(code) && cm.trainee == strings.TrimSpace(trainee)
}

// joined takes the server's answer to a join: joined, the code and name
// are remembered, new recordings are the class's, and the instructor's
// scenarios are offered; refused, the picker says the server's words. It
// returns the entries the join added. A page that joined before and
// cannot reach the server now (again) stays joined: its runs are sent
// when the server answers.
func (a *app) joined(ans joinAnswer, again bool) []*entry {
	cm := a.class
	if ans.err != nil {
		r := asRefusal(ans.err)
		switch {
		case r != nil && r.transient() && again:
			cm.code, cm.trainee = ans.code, strings.TrimSpace(a.trainee)
			cm.store.setCode(ans.code)
			cm.said, cm.warn = unreachable+": your runs are kept in this browser and sent when it answers.", true
		case r != nil && r.transient():
			cm.said, cm.warn = unreachable+". Press Start to try again.", true
		case r != nil:
			cm.said, cm.warn = sentence(r.Words), true
			if again {
				// The class remembered is over: the picker asks for the
				// code of this one.
				_ = cm.store.Set(keyClassCode, "")
			}
		default:
			cm.said, cm.warn = "Could not join the class: "+ans.err.Error(), true
		}
		a.dirty = true
		return nil
	}
	trainee := strings.TrimSpace(ans.joined.Trainee)
	if trainee == "" {
		trainee = strings.TrimSpace(a.trainee)
	}
	cm.code, cm.trainee = ans.code, trainee
	cm.store.setCode(ans.code)
	a.trainee = trainee
	_ = cm.store.Set(keyClassCode, ans.code)
	_ = cm.store.Set(keyTrainee, trainee)
	cm.said, cm.warn = "You have joined the class as "+trainee+": your choices are sent to your instructor as you play.", false
	a.dirty = true
	return a.offerClassScenarios(ans.joined.Scenarios)
}

// offerClassScenarios adds the instructor's scenarios to the entries, each
// loaded with the model as a --dir file is (one that does not load says
// why), and returns those not offered already.
func (a *app) offerClassScenarios(srcs []classroom.Source) []*entry {
	var added []*entry
	for _, src := range srcs {
		data := []byte(src.TOML)
		e := &entry{path: src.Name, data: data, class: true}
		e.sc, e.err = sim.Load(src.Name, data, a.model)
		if a.offered(e) {
			continue
		}
		a.entries = append(a.entries, e)
		added = append(added, e)
	}
	return added
}

// offered reports whether an instructor's scenario is offered already.
func (a *app) offered(e *entry) bool {
	for _, x := range a.entries {
		if !x.class || x.path != e.path {
			continue
		}
		if x.sc != nil && e.sc != nil && x.sc.Hash == e.sc.Hash || x.sc == nil && e.sc == nil {
			return true
		}
	}
	return false
}

// followClass notes a change in how far the runs have been sent, for the
// window to draw it.
func (a *app) followClass() {
	if a.class == nil {
		return
	}
	if v := a.class.sync.version(); v != a.class.seen {
		a.class.seen = v
		a.dirty = true
	}
}

// classStatus says how far the course being played has been sent, and
// whether that is a warning; ok is false outside class mode or for a
// course not recorded as the class's.
func (a *app) classStatus() (st runStatus, ok bool) {
	if a.course == nil {
		return runStatus{}, false
	}
	return a.classRunStatus(a.course.name)
}

// classRunStatus says how far the run recorded as name has been sent (its
// choices, answers to check-ins and lines of recall), as classStatus does
// for the course being played: the debrief, where recall is written, says
// it for the run it shows. ok is false outside class mode or for a run
// not recorded as the class's.
func (a *app) classRunStatus(name string) (st runStatus, ok bool) {
	if a.class == nil || name == "" {
		return runStatus{}, false
	}
	return a.class.sync.status(name)
}

// drawClassStatus draws the status line of the course being played at
// (x, y) in at most w pixels, in a small calm hand: the whole line when it
// fits, else its short form, cut to fit. It draws nothing outside class
// mode.
func (a *app) drawClassStatus(dst *ebiten.Image, x, y, w float64) {
	st, ok := a.classStatus()
	if !ok || w <= 0 {
		return
	}
	text, warn := st.words()
	col := colMuted
	if warn {
		col = colWarn
	}
	if a.ts.width(text, fSmall) > w {
		text = st.shortWords()
	}
	a.ts.drawLine(dst, a.ellipsize(text, fSmall, w), fSmall, x, y, col)
}

// canDownload says whether the end screen offers to download the course's
// recording: in the browser, in class mode (on the desktop the file is
// already on disk).
func (a *app) canDownload() bool { return a.class != nil && downloadable }

// downloadCourse hands the recording of course c to the browser to save.
func (a *app) downloadCourse(c *course) {
	if c == nil || c.name == "" {
		a.say("This run was not recorded, so there is nothing to download.")
		return
	}
	data, err := a.store.ReadRecording(c.name)
	if err != nil {
		a.say("Your recording could not be read: " + err.Error())
		return
	}
	if err := download(c.name, data); err != nil {
		a.say("Your recording could not be downloaded: " + err.Error())
		return
	}
	a.say("Your recording is downloading as " + c.name)
}

// pickerClassRow is the height of the picker's line about the class.
func (a *app) pickerClassRow() int {
	if a.class == nil {
		return 0
	}
	return int(a.ts.lineH(fSmall)) + a.m.u(10)
}
