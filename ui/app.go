package ui

import (
	"errors"
	"fmt"
	"image"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// Options configure the window.
type Options struct {
	// Dir is a folder of scenario .toml files to offer besides the
	// shipped ones.
	Dir string
	// Scenario opens one scenario directly: a shipped id or a .toml path.
	Scenario string
	// Assess starts in assessment mode: no meters or numbers until the end.
	Assess bool
	// DataDir holds the trainee's name and the recordings; "" means
	// os.UserConfigDir()/therasim. It is ignored in the browser.
	DataDir string
	// Trainee is the trainee's name; "" means the one remembered.
	Trainee string
	// Replay opens recorded runs in the debrief instead of playing: one
	// file is the debrief of that run; several files, or a folder of
	// them, the class view.
	Replay []string
	// Revisions, when set, brings each save of a scenario file written
	// as it is played (see Revision and watch.go).
	Revisions <-chan Revision
}

// A screen is one of the front end's screens. Update reads a frame's input
// and changes the screen (or moves the app to another screen); Draw draws
// it. Update never creates images, so screen logic runs without a GPU.
type screen interface {
	Update(in input)
	Draw(dst *ebiten.Image)
}

// entry is a scenario the picker offers, or a file in --dir that failed to
// load (err says why).
type entry struct {
	sc   *sim.Scenario
	path string // the file it was loaded from; "" when shipped
	err  error
	// data is the file's bytes, for a scenario that has no file here:
	// one the class's instructor offers (class is then true; path is
	// its name on the server).
	data  []byte
	class bool
}

func (e *entry) title() string {
	if e.sc != nil {
		return e.sc.Title
	}
	return filepath.Base(e.path)
}

// app is the whole front end: the screens and what they share.
type app struct {
	opts    Options
	store   storage
	model   *sim.Model
	entries []*entry

	trainee   string
	assess    bool // the picker's assessment toggle
	textScale float64

	m    metrics
	ts   *typesetter
	pt   *painter
	pics *portraits
	size image.Point
	// clock is the time the app has run, the sum of the frames' DT.
	clock time.Duration
	input input // this frame's, as it came

	screen screen
	menu   *menuScreen
	course *course
	// shown is how long the screen on top (the menu, or else the screen)
	// has been in sight, and held what was down when it appeared: it
	// takes no press until it has settled, and none of those until they
	// are released (see appear).
	shown sight
	held  stale
	// notice is a message shown at the top of the screen until the clock
	// reads noticeUntil.
	notice      string
	noticeUntil time.Duration

	// dirty says that the picture may have changed since it was last
	// drawn; lastEvent is when the last input came; blinkDrawn is the
	// caret's phase in the picture last drawn, and drewMoving says the
	// screen was moving then (see needsDraw).
	dirty      bool
	lastEvent  time.Duration
	blinkDrawn bool
	drewMoving bool

	now  func() time.Time
	seed func() uint64

	watch watching // the revisions of a watched file (watch.go)

	// class is the class the page plays in, when a class server served
	// it (classroom.go); nil otherwise.
	class *classMode
}

// newApp builds the front end on a storage: it loads the model and the
// scenarios and decides the first screen (resume prompt, a scenario opened
// directly, or the picker).
func newApp(opts Options, store storage) (*app, error) {
	a := &app{opts: opts, store: store, assess: opts.Assess, textScale: 1,
		ts: newTypesetter(), pt: newPainter(), pics: newPortraits(),
		now: time.Now, seed: func() uint64 { return uint64(time.Now().UnixNano()) }}
	model, err := scenarios.Model()
	if err != nil {
		return nil, fmt.Errorf("loading the default model: %w", err)
	}
	a.model = model
	shipped, err := scenarios.Shipped(model)
	if err != nil {
		return nil, fmt.Errorf("loading the shipped scenarios: %w", err)
	}
	for _, sc := range shipped {
		a.entries = append(a.entries, &entry{sc: sc})
	}
	if opts.Dir != "" {
		a.entries = append(a.entries, loadDir(model, opts.Dir)...)
	}
	a.trainee = opts.Trainee
	if a.trainee == "" {
		a.trainee, _ = store.Get(keyTrainee)
	}
	if s, _ := store.Get(keyTextScale); s != "" {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			a.textScale = clampScale(f)
		}
	}
	a.setSize(image.Pt(1280, 800), 1)
	return a, nil
}

// loadDir loads every .toml file in dir; a file that does not load becomes
// an entry that says why.
func loadDir(m *sim.Model, dir string) []*entry {
	files, err := scenarios.Dir(m, dir)
	if err != nil {
		return nil
	}
	var out []*entry
	for _, f := range files {
		out = append(out, &entry{sc: f.Scenario, path: f.Path, err: f.Err})
	}
	return out
}

// begin chooses the first screen.
func (a *app) begin() {
	if len(a.opts.Replay) > 0 {
		a.openReplay(a.opts.Replay)
		return
	}
	if base, instructor, ok := detectClass(); ok {
		c := newClassClient(base, "")
		if instructor {
			a.beginInstructor(c)
			return
		}
		a.beginClass(c)
	}
	if c := findResumable(a); c != nil {
		a.show(newResumeScreen(a, c))
		return
	}
	a.openDirect()
}

// openDirect starts the scenario named in the options when there is one
// and the trainee's name is known; otherwise it shows the picker (with
// that scenario selected).
func (a *app) openDirect() {
	p := newPicker(a)
	if a.opts.Scenario != "" {
		e, err := a.resolve(a.opts.Scenario)
		if err != nil {
			a.say("Could not open " + a.opts.Scenario + ": " + err.Error())
		} else {
			p.selectEntry(e)
			if strings.TrimSpace(a.trainee) != "" {
				a.startCourse(e, a.trainee, a.assess)
				return
			}
		}
	}
	a.show(p)
}

// resolve finds a scenario by shipped id or path, adding a file not yet
// listed to the entries.
func (a *app) resolve(ref string) (*entry, error) {
	sc, _, err := scenarios.Open(a.model, ref)
	if err != nil {
		return nil, err
	}
	for _, e := range a.entries {
		if e.sc != nil && e.sc.ID == sc.ID && e.sc.Hash == sc.Hash {
			return e, nil
		}
	}
	e := &entry{sc: sc, path: ref}
	a.entries = append(a.entries, e)
	return e, nil
}

// findEntry returns the entry of a recorded scenario: the same id and
// hash if there is one, else the same id (which will then refuse to
// replay, saying that the scenario has changed).
func (a *app) findEntry(id, hash string) *entry {
	var same *entry
	for _, e := range a.entries {
		if e.sc == nil || e.sc.ID != id {
			continue
		}
		if e.sc.Hash == hash {
			return e
		}
		if same == nil {
			same = e
		}
	}
	return same
}

// show puts s on screen, or shows the new content of the screen already
// there (the session's next prompt): either way it appears anew.
func (a *app) show(s screen) {
	a.screen = s
	a.appear()
}

// appear starts the sight of the screen on top, which has just appeared
// or changed what it shows: no input may act on something not yet shown,
// so it takes no press until it has been in sight for settleTime, and
// none of the keys or the button down now until they are released.
func (a *app) appear() {
	a.shown.hide()
	a.held.hold(&a.input)
	a.dirty = true
}

// top is the screen that takes input: the menu when it is open.
func (a *app) top() screen {
	if a.menu != nil {
		return a.menu
	}
	return a.screen
}

// noticeTime is how long a notice stays.
const noticeTime = 5 * time.Second

// say shows a short message at the top of the screen for a while.
func (a *app) say(msg string) {
	a.notice = msg
	a.noticeUntil = a.clock + noticeTime
	a.dirty = true
}

func clampScale(f float64) float64 {
	f = float64(int(f*10+0.5)) / 10
	return max(minTextScale, min(maxTextScale, f))
}

// setSize takes the screen's size and device scale. The text scale is
// kept to what the new size can show.
func (a *app) setSize(size image.Point, dpr float64) {
	if size.X <= 0 || size.Y <= 0 {
		return
	}
	m := newMetrics(size.X, size.Y, dpr, a.textScale)
	if size == a.size && m == a.m {
		return
	}
	a.size, a.m = size, m
	a.ts.m = m
	a.textScale = m.text
	a.dirty = true
}

// largestTextScale is the largest text scale the window can show.
func (a *app) largestTextScale() float64 {
	return newMetrics(a.size.X, a.size.Y, a.m.dpr, maxTextScale).text
}

// setTextScale sets the text scale to f, or to the largest the window can
// show when f is larger: the scale kept (and stored) is always the one on
// screen, so that a step back from it shows at once.
func (a *app) setTextScale(f float64) {
	f = clampScale(f)
	most := a.largestTextScale()
	limited := f > most
	f = min(f, most)
	if f != a.textScale {
		a.textScale = f
		a.m = newMetrics(a.size.X, a.size.Y, a.m.dpr, f)
		a.ts.m = a.m
		a.dirty = true
		_ = a.store.Set(keyTextScale, strconv.FormatFloat(f, 'f', 1, 64))
	}
	if limited {
		a.say(fmt.Sprintf("Text size %d%%: the largest this window allows", int(f*100+0.5)))
		return
	}
	a.say(fmt.Sprintf("Text size %d%%", int(f*100+0.5)))
}

// Update runs one frame of the front end: it advances the clock by the
// frame's DT and hands the input to the screen on top, without the
// presses it must not act on (see appear).
func (a *app) Update(in input) {
	if in.Scale <= 0 {
		in.Scale = 1
	}
	in.DT = max(in.DT, 0)
	a.clock += in.DT
	if eventful(&in, &a.input) {
		a.dirty = true
		a.lastEvent = a.clock
	}
	a.input = in
	if in.Size.X > 0 {
		a.setSize(in.Size, in.Scale)
	}
	if a.notice != "" && a.clock >= a.noticeUntil {
		a.notice = ""
		a.dirty = true
	}
	a.held.filter(&in)
	a.follow(&in)
	a.followClass()
	if in.Ctrl {
		switch {
		case in.anyPressed(ebiten.KeyEqual, ebiten.KeyNumpadAdd):
			a.setTextScale(a.textScale + textScaleStep)
			in.Keys = nil
		case in.anyPressed(ebiten.KeyMinus, ebiten.KeyNumpadSubtract):
			a.setTextScale(a.textScale - textScaleStep)
			in.Keys = nil
		case in.anyPressed(ebiten.KeyDigit0, ebiten.KeyNumpad0):
			a.setTextScale(1)
			in.Keys = nil
		}
	}
	a.shown.see(in.DT)
	if !a.shown.settled() {
		in.withhold()
	}
	menu := a.menu
	if top := a.top(); top != nil {
		top.Update(in)
	}
	if a.menu != menu {
		a.appear()
	}
}

// eventful reports whether in brings anything that may change the
// picture: a press, typed text, the wheel, or the pointer moved or its
// button went up or down since the frame before, prev.
func eventful(in, prev *input) bool {
	return len(in.Keys) > 0 || len(in.Runes) > 0 || in.Click || in.Wheel != 0 ||
		in.Mouse != prev.Mouse || in.MouseDown != prev.MouseDown
}

// A mover is a screen that says when it moves, so that the window can
// rest while it is still. Screens that do not say are drawn for a while
// after any input and whenever the caret blinks (see needsDraw).
type mover interface {
	// moving reports whether the screen, drawn now, would look other than
	// when it was last drawn, with no input in between: words still
	// appearing, bars easing, something fading in.
	moving() bool
}

// afterglow is how long a screen that does not say when it moves is
// drawn after the last input, for whatever that input started.
const afterglow = 2 * time.Second

// The caret blinks on for caretBlink, then off for as long; after
// caretRest without input it rests, on, as desktop text fields do.
const (
	caretBlink = 500 * time.Millisecond
	caretRest  = 10 * time.Second
)

// caretTime is the time the caret's blink has run: it starts again at
// each input, so that the caret shows at once as the trainee types, and
// stays at 0 (on) once the caret rests.
func (a *app) caretTime() time.Duration {
	if t := a.clock - a.lastEvent; t < caretRest {
		return t
	}
	return 0
}

// caretOn reports whether a blinking caret is on now.
func (a *app) caretOn() bool { return (a.caretTime()/caretBlink)%2 == 0 }

// needsDraw reports whether the picture may differ from the one last
// drawn, so that the window draws only then: when something changed, or
// the screen moves or was moving when last drawn (the frame in which it
// comes to rest is drawn too).
func (a *app) needsDraw() bool { return a.dirty || a.drewMoving || a.moving() }

// moving reports whether the screen moves. The menu is still, and so is
// the screen it pauses; a screen that does not say is taken to move for
// afterglow after input, and when the caret blinks.
func (a *app) moving() bool {
	if a.menu != nil || a.screen == nil {
		return false
	}
	if m, ok := a.screen.(mover); ok {
		return m.moving()
	}
	return a.clock-a.lastEvent < afterglow || a.caretOn() != a.blinkDrawn
}

// redraw says that the picture must be drawn afresh (the window may have
// lost it while it was hidden).
func (a *app) redraw() { a.dirty = true }

// Draw draws the current screen, the menu over it, and any notice.
func (a *app) Draw(dst *ebiten.Image) {
	dst.Fill(colBG)
	if a.screen != nil {
		a.screen.Draw(dst)
	}
	if a.menu != nil {
		a.menu.Draw(dst)
	}
	if a.notice != "" {
		a.drawNotice(dst)
	}
	a.drawWatch(dst)
	a.ts.endFrame()
	a.drawn()
}

// drawn notes that the picture has just been drawn.
func (a *app) drawn() {
	a.dirty = false
	a.blinkDrawn = a.caretOn()
	a.drewMoving = a.moving()
}

// A noticePlacer is a screen whose title is where notices go, at the top
// of the window: noticeBottom is the y of the bottom edge of a notice
// there instead.
type noticePlacer interface{ noticeBottom() int }

func (a *app) drawNotice(dst *ebiten.Image) {
	m := a.m
	maxW := min(a.size.X-2*m.u(28), m.u(900))
	p := a.ts.wrap(a.notice, fSmall, maxW-2*m.u(18))
	w := int(p.width) + 2*m.u(18)
	h := p.height + 2*m.u(12)
	x := (a.size.X - w) / 2
	y := m.u(12)
	if np, ok := a.screen.(noticePlacer); ok && a.menu == nil {
		y = max(y, np.noticeBottom()-h)
	}
	a.pt.roundRect(dst, image.Rect(x, y, x+w, y+h), m.u(10), colText)
	a.ts.drawPara(dst, p, fSmall, float64(x+m.u(18)), float64(y+m.u(12)), colOnAccent, -1)
}

// errNoScenario is returned when a recording's scenario is not offered.
var errNoScenario = errors.New("its scenario is not among those offered")
