package ui

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-text/typesetting/font"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// recordRun plays sc with choose from seed to the end of the course (or
// after stop choices when stop > 0) and writes the recording to path.
func recordRun(t testing.TB, sc *sim.Scenario, seed uint64, choose func(*sim.Prompt) int, stop int, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := sim.NewRun(sc, seed)
	rec, err := sim.NewRecorder(f, sim.NewHeader(r, "Alex Smith", testNow.Format("2006-01-02T15:04:05Z07:00")))
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; !r.Done() && (stop == 0 || n < stop); n++ {
		ev, err := r.Choose(choose(r.Prompt()))
		if err != nil {
			t.Fatal(err)
		}
		if err := rec.Record(r, ev); err != nil {
			t.Fatal(err)
		}
	}
}

// mixed is a trainee who mostly chooses well and sometimes not.
func mixed(p *sim.Prompt) int {
	if (len(p.Beat)+p.Session)%3 == 0 {
		return careless(p)
	}
	return careful(p)
}

// second picks the second option when there is one.
func second(p *sim.Prompt) int { return min(2, len(p.Options)) }

// miniRecording records a whole course of the engine's mini scenario into
// a fresh folder and returns its path.
func miniRecording(t testing.TB, choose func(*sim.Prompt) int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mini.jsonl")
	recordRun(t, scenariotest.Load(t, miniPath), 1, choose, 0, path)
	return path
}

// careDebrief records the mini course played carefully and opens its
// debrief, to be driven as an instructor would; before is the recording
// as it was written, for checking that the debrief left it alone.
func careDebrief(t testing.TB) (path string, before []byte, a *app, s *debriefScreen, d *driver) {
	t.Helper()
	path = miniRecording(t, careful)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, s = openDebrief(t, path)
	return path, before, a, s, newDriver(t, a)
}

// openDebrief opens the debrief of the recording in path.
func openDebrief(t testing.TB, path string) (*app, *debriefScreen) {
	t.Helper()
	a := newTestApp(t, Options{Dir: filepath.Dir(miniPath), Replay: []string{path}, Trainee: "Dr Reyes"})
	return a, opened[*debriefScreen](t, a)
}

// opened returns a's screen as a T, saying why when the recordings were
// refused.
func opened[T any](t testing.TB, a *app) T {
	t.Helper()
	if r, ok := a.screen.(*refusal); ok {
		t.Fatalf("refused: %s", r.about)
	}
	return screenOf[T](t, a)
}

func TestDebriefStepping(t *testing.T) {
	a, s := openDebrief(t, miniRecording(t, careful))
	d := newDriver(t, a)
	n := len(s.d.Moments)
	if n < 3 {
		t.Fatalf("the mini course has %d choices; the test wants at least 3", n)
	}
	if s.cur != 1 {
		t.Fatalf("opens at choice %d, want 1", s.cur)
	}
	steps := []struct {
		name string
		do   func()
		want int
	}{
		{"Left at the start stays", func() { d.press(ebiten.KeyArrowLeft) }, 1},
		{"Right", func() { d.press(ebiten.KeyArrowRight) }, 2},
		{"End", func() { d.press(ebiten.KeyEnd) }, n},
		{"Right at the end stays", func() { d.press(ebiten.KeyArrowRight) }, n},
		{"Home", func() { d.press(ebiten.KeyHome) }, 1},
		{"the Next button", func() { d.click(center(s.buttonFor(actNext))) }, 2},
		{"the Previous button", func() { d.click(center(s.buttonFor(actPrev))) }, 1},
		{"a click on the timeline", func() {
			c, at := s.timeline(s.layout())
			d.click(image.Pt(at.X+int(c.X(n-1)), at.Y+int(c.Plot[0].Y+c.Plot[1].Y)/2))
		}, n - 1},
		{"the wheel over the timeline", func() {
			c, at := s.timeline(s.layout())
			d.frame(input{Mouse: image.Pt(at.X+int(c.Plot[0].X)+5, at.Y+int(c.Plot[0].Y)+5), Wheel: 1})
		}, n - 2},
	}
	for _, st := range steps {
		st.do()
		if s.cur != st.want {
			t.Errorf("%s: at choice %d, want %d", st.name, s.cur, st.want)
		}
	}
	// Every choice's two perspectives have content.
	for k := 1; k <= n; k++ {
		s.step(k)
		lp, rp := s.panels(s.layout())
		opts := 0
		for _, b := range lp.blocks {
			if b.opt > 0 {
				opts++
			}
		}
		if opts != len(s.moment().Offers) || rp.h == 0 {
			t.Errorf("choice %d: %d options shown of %d, client side %d px high", k, opts, len(s.moment().Offers), rp.h)
		}
	}
	d.press(ebiten.KeyEscape)
	if _, ok := a.screen.(*picker); !ok {
		t.Errorf("Esc shows %T, want the picker", a.screen)
	}
}

// buttonFor is the rectangle of the bar's button that does act.
func (s *debriefScreen) buttonFor(act debriefAct) image.Rectangle {
	for _, b := range s.layout().buttons {
		if b.act == act {
			return b.r
		}
	}
	return image.Rectangle{}
}

func TestDebriefWhatIf(t *testing.T) {
	path, before, a, s, d := careDebrief(t)
	chosen := s.moment().Chosen
	d.typeText("w")
	if s.mode != dmPick {
		t.Fatalf("W: mode %v, want picking an option", s.mode)
	}
	d.press(digitKey(chosen))
	if s.mode != dmPick || s.branch != nil {
		t.Fatal("the recorded option was accepted as a what-if")
	}
	d.press(ebiten.KeyTab) // the rest played by the next policy
	if s.polIdx != 1 {
		t.Errorf("Tab: policy %d, want 1", s.polIdx)
	}
	alt := 3 - chosen // the mini scenario offers two options
	d.press(digitKey(alt))
	if s.branch == nil {
		t.Fatal("no what-if branch after picking the other option")
	}
	if s.div != 1 || s.alt != alt {
		t.Errorf("the branch parts at choice %d with option %d, want 1 and %d", s.div, s.alt, alt)
	}
	if got := s.moment().Chosen; got != alt {
		t.Errorf("the branch shows option %d chosen at choice 1, want %d", got, alt)
	}
	d.press(ebiten.KeyArrowRight)
	if s.cur != 2 {
		t.Errorf("stepping in the branch: at %d, want 2", s.cur)
	}
	d.typeText("n")
	if s.mode == dmNote {
		t.Error("a note was started on the what-if branch")
	}
	d.typeText("W")
	if s.branch != nil || s.mode != dmView {
		t.Fatal("W did not go back to the recording")
	}
	// Esc also goes back to the recording, not out of the debrief.
	d.typeText("w")
	d.press(digitKey(alt))
	d.press(ebiten.KeyEscape)
	if s.branch != nil || a.screen != s {
		t.Fatalf("Esc in a what-if: branch %v, screen %T", s.branch != nil, a.screen)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the what-if changed the recording")
	}
}

func TestDebriefWhatIfByHand(t *testing.T) {
	path, before, _, s, d := careDebrief(t)
	chosen := s.moment().Chosen
	d.typeText("w")
	for !s.byHand() {
		d.press(ebiten.KeyTab)
	}
	d.press(digitKey(3 - chosen))
	if s.hand == nil || s.pending() == nil || s.cur != 2 {
		t.Fatalf("by hand: run %v, prompt %v, at %d", s.hand != nil, s.pending() != nil, s.cur)
	}
	for i := 0; s.pending() != nil; i++ {
		if i > 50 {
			t.Fatal("the course played by hand does not end")
		}
		n := len(s.branch.Moments)
		d.press(digitKey(1))
		if len(s.branch.Moments) != n+1 {
			t.Fatalf("a choice by hand: %d choices, want %d", len(s.branch.Moments), n+1)
		}
	}
	if !s.branch.Done || s.cur != len(s.branch.Moments) {
		t.Errorf("after the last choice: done %v, at %d of %d", s.branch.Done, s.cur, len(s.branch.Moments))
	}
	if got := s.branch.Moments[0].Chosen; got != 3-chosen {
		t.Errorf("the branch's first choice is %d", got)
	}
	d.press(ebiten.KeyEscape)
	if s.branch != nil {
		t.Error("Esc did not go back to the recording")
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("playing by hand changed the recording")
	}
}

func TestDebriefNote(t *testing.T) {
	path, before, _, s, d := careDebrief(t)
	d.press(ebiten.KeyArrowRight)
	d.typeText("n")
	if s.mode != dmNote {
		t.Fatalf("N: mode %v, want writing a note", s.mode)
	}
	// While writing, letters and arrows are text, not commands.
	d.typeText("Wow, notice the pause")
	d.press(ebiten.KeyArrowLeft)
	d.press(ebiten.KeyBackspace)
	d.typeText("e.")
	d.press(ebiten.KeyEnter)
	if s.mode != dmView || s.cur != 2 {
		t.Fatalf("after Enter: mode %v at choice %d", s.mode, s.cur)
	}
	const want = "Wow, notice the pause."
	if got := s.moment().Notes; len(got) != 1 || got[0].Text != want {
		t.Fatalf("the moment's notes are %+v", got)
	}
	after, _ := os.ReadFile(path)
	if !bytes.HasPrefix(after, before) {
		t.Fatal("the note rewrote the recording instead of appending to it")
	}
	added := strings.TrimSpace(string(after[len(before):]))
	if strings.Count(added, "\n") != 0 || !strings.Contains(added, `"type":"note"`) || !strings.Contains(added, want) || !strings.Contains(added, `"choice":2`) {
		t.Errorf("appended %q", added)
	}
	// Whoever opens it next sees the note.
	_, s2 := openDebrief(t, path)
	s2.step(2)
	if got := s2.moment().Notes; len(got) != 1 || got[0].Text != want || got[0].Author != "Dr Reyes" {
		t.Errorf("after reopening, the notes are %+v", got)
	}
	// Esc cancels a note; an empty note is not saved.
	d.typeText("n")
	d.typeText("never mind")
	d.press(ebiten.KeyEscape)
	d.typeText("n")
	d.press(ebiten.KeyEnter)
	if again, _ := os.ReadFile(path); !bytes.Equal(again, after) {
		t.Error("a cancelled or empty note was written")
	}
}

func TestDebriefRefuses(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(miniPath)
	if err != nil {
		t.Fatal(err)
	}
	scPath := filepath.Join(dir, "mini.toml")
	if err := os.WriteFile(scPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	rec := filepath.Join(dir, "run.jsonl")
	recordRun(t, scenariotest.Load(t, scPath), 1, careful, 0, rec)

	tamper := filepath.Join(dir, "tampered.jsonl")
	b, _ := os.ReadFile(rec)
	lines := strings.Split(string(b), "\n")
	lines[1] = strings.Replace(lines[1], `"fingerprint":"`, `"fingerprint":"00`, 1)
	if err := os.WriteFile(tamper, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	open := func(path string) string {
		a := newTestApp(t, Options{Dir: dir, Replay: []string{path}})
		r, ok := a.screen.(*refusal)
		if !ok {
			t.Fatalf("%s: screen is %T, want a refusal", filepath.Base(path), a.screen)
		}
		// The refusal draws nothing that needs a GPU in Update; Enter
		// leaves it.
		newDriver(t, a).press(ebiten.KeyEnter)
		if _, ok := a.screen.(*picker); !ok {
			t.Errorf("Enter on the refusal shows %T", a.screen)
		}
		return r.about
	}
	if got := open(tamper); !strings.Contains(got, "fingerprint") {
		t.Errorf("a tampered recording is refused with %q", got)
	}
	// A scenario revised in what the recorded choices do (a trait of the
	// client) is refused; one revised only in its text opens.
	if err := os.WriteFile(scPath, bytes.Replace(data, []byte("reactance = 0.6"), []byte("reactance = 0.95"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := open(rec); !strings.Contains(got, "changes what the recorded choices do") {
		t.Errorf("a changed scenario is refused with %q", got)
	}
	if got := open(filepath.Join(dir, "missing.jsonl")); !strings.Contains(got, "missing.jsonl") {
		t.Errorf("a missing file is refused with %q", got)
	}
}

func TestDebriefFromEndOfCourse(t *testing.T) {
	a := setupEnd(t)
	end := a.screen.(*endScreen)
	d := newDriver(t, a)
	d.click(center(end.layout().buttons[2]))
	s, ok := a.screen.(*debriefScreen)
	if !ok {
		t.Fatalf("Debrief this run shows %T", a.screen)
	}
	if len(s.d.Moments) != a.course.run.Choices() || !s.d.Done {
		t.Errorf("the debrief has %d choices (done %v), the course %d", len(s.d.Moments), s.d.Done, a.course.run.Choices())
	}
	// Notes go to the recording in the storage.
	d.typeText("n")
	d.typeText("Good repair here")
	d.press(ebiten.KeyEnter)
	if lines := recordingLines(t, a); !strings.Contains(lines[len(lines)-1], "Good repair here") {
		t.Errorf("the recording ends with %q", lines[len(lines)-1])
	}
	d.press(ebiten.KeyEscape)
	if a.screen != end {
		t.Fatalf("Esc shows %T, want the end of the course", a.screen)
	}
	// The keyboard reaches the button too.
	d.press(ebiten.KeyArrowLeft)
	d.press(ebiten.KeyArrowLeft)
	d.press(ebiten.KeyEnter)
	if _, ok := a.screen.(*debriefScreen); !ok {
		t.Errorf("Left, Left, Enter shows %T", a.screen)
	}
}

// classDir records runs of the mini scenario, choosing differently, into
// a folder.
func classDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	sc := scenariotest.Load(t, miniPath)
	for i, ch := range []func(*sim.Prompt) int{careful, careless, second, careful} {
		recordRun(t, sc, uint64(i+1), ch, 0, filepath.Join(dir, "run"+string(rune('a'+i))+".jsonl"))
	}
	return dir
}

// openClass opens the class view of the recordings in dir.
func openClass(t *testing.T, dir string) (*app, *classScreen) {
	t.Helper()
	a := newTestApp(t, Options{Dir: filepath.Dir(miniPath), Replay: []string{dir}})
	return a, opened[*classScreen](t, a)
}

func TestClassView(t *testing.T) {
	dir := classDir(t)
	a, s := openClass(t, dir)
	if len(s.cl.Runs) != 4 || len(s.layout().cards) == 0 {
		t.Fatalf("%d runs, %d choice points", len(s.cl.Runs), len(s.layout().cards))
	}
	forks := 0
	for i := range s.cl.Points {
		p := &s.cl.Points[i]
		total := 0
		for _, o := range p.Options {
			total += o.Trainees
		}
		if total < 1 {
			t.Errorf("point %s: nobody chose", p.Beat)
		}
		if parted(p) {
			forks++
		}
	}
	if forks == 0 {
		t.Fatal("the runs choose differently, yet no point shows their paths parting")
	}
	d := newDriver(t, a)
	d.press(ebiten.KeyArrowDown)
	if s.sel != min(1, len(s.layout().cards)-1) {
		t.Errorf("Down: selected %d", s.sel)
	}
	d.typeText("f")
	if !s.forks || len(s.layout().cards) != forks {
		t.Errorf("F: %d points shown, want the %d where paths part", len(s.layout().cards), forks)
	}
	d.press(ebiten.KeyEscape)
	if _, ok := a.screen.(*picker); !ok {
		t.Errorf("Esc shows %T", a.screen)
	}
	// Several files work as a folder does.
	names, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	a = newTestApp(t, Options{Dir: filepath.Dir(miniPath), Replay: names[:2]})
	if _, ok := a.screen.(*classScreen); !ok {
		t.Errorf("two files: screen is %T", a.screen)
	}
}

// TestClassViewScenarios: runs of several scenarios in one folder (as the
// window records them) show one class view for each scenario, one after
// another with Tab (Shift+Tab goes back) or the Next scenario button, each
// saying which scenario it is; a recording that cannot be replayed is left
// out, said so with the reason, and does not stop the others.
func TestClassViewScenarios(t *testing.T) {
	dir := t.TempDir()
	mini := scenariotest.Load(t, miniPath)
	maya := scenariotest.Shipped(t)
	recordRun(t, mini, 1, careful, 0, filepath.Join(dir, "a-mini.jsonl"))
	recordRun(t, maya, 2, careful, 4, filepath.Join(dir, "b-maya.jsonl"))
	recordRun(t, mini, 3, careless, 0, filepath.Join(dir, "c-mini.jsonl"))
	// A run of a scenario that is not offered.
	src, err := os.ReadFile(miniPath)
	if err != nil {
		t.Fatal(err)
	}
	otherPath := filepath.Join(t.TempDir(), "other.toml")
	if err := os.WriteFile(otherPath, []byte(strings.Replace(string(src), `id = "mini"`, `id = "other"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	recordRun(t, scenariotest.Load(t, otherPath), 1, careful, 0, filepath.Join(dir, "d-other.jsonl"))

	a, s := openClass(t, dir)
	if len(s.classes) != 2 {
		t.Fatalf("%d class views, want one for each of the 2 scenarios", len(s.classes))
	}
	// By title: "Maya: …" before "Mini".
	views := []struct {
		sc   *sim.Scenario
		runs int
		head string
	}{
		{maya, 1, "CLASS VIEW · SCENARIO 1 OF 2 · WHERE THE PATHS PARTED"},
		{mini, 2, "CLASS VIEW · SCENARIO 2 OF 2 · WHERE THE PATHS PARTED"},
	}
	check := func(step string, want int) {
		t.Helper()
		v := views[want]
		if s.at != want || s.cl != s.classes[want] || s.cl.Scenario.ID != v.sc.ID || len(s.cl.Runs) != v.runs {
			t.Fatalf("%s: showing %d (%s, %d runs), want %s with %d runs", step, s.at, s.cl.Scenario.ID, len(s.cl.Runs), v.sc.ID, v.runs)
		}
		if s.heading() != v.head {
			t.Errorf("%s: heading %q, want %q", step, s.heading(), v.head)
		}
		if s.sel != 0 || len(s.layout().cards) == 0 {
			t.Errorf("%s: selected %d of %d choice points", step, s.sel, len(s.layout().cards))
		}
	}
	check("opening", 0)
	note := s.leftOut()
	for _, want := range []string{"Left out: 1 recording that cannot be replayed", "d-other.jsonl", `scenario "other"`, "not among those offered"} {
		if !strings.Contains(note, want) {
			t.Errorf("the note %q does not say %q", note, want)
		}
	}
	if s.layout().note == nil {
		t.Error("the note on what was left out is not laid out")
	}
	d := newDriver(t, a)
	d.press(ebiten.KeyArrowDown)
	d.press(ebiten.KeyTab)
	check("Tab", 1)
	d.press(ebiten.KeyTab)
	check("Tab at the last", 0)
	d.frame(input{Keys: []ebiten.Key{ebiten.KeyTab}, Shift: true})
	check("Shift+Tab", 1)
	d.click(center(s.layout().next))
	check("the Next scenario button", 0)
	if len(s.buttons.buttons) != 4 {
		t.Errorf("%d buttons, want Scenarios, Competence profile, the filter and Next scenario", len(s.buttons.buttons))
	}

	// One scenario alone: no Next scenario, nothing left out.
	a = newTestApp(t, Options{Dir: filepath.Dir(miniPath), Replay: []string{filepath.Join(dir, "a-mini.jsonl"), filepath.Join(dir, "c-mini.jsonl")}})
	s = a.screen.(*classScreen)
	if len(s.classes) != 1 || len(s.buttons.buttons) != 3 || s.leftOut() != "" || s.heading() != "CLASS VIEW · WHERE THE PATHS PARTED" {
		t.Errorf("one scenario: %d class views, %d buttons, note %q, heading %q", len(s.classes), len(s.buttons.buttons), s.leftOut(), s.heading())
	}
	// Nothing that replays: refused, with every reason.
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a = newTestApp(t, Options{Dir: filepath.Dir(miniPath), Replay: []string{filepath.Join(dir, "d-other.jsonl"), bad}})
	r, ok := a.screen.(*refusal)
	if !ok || r.title != "None of these runs can be replayed" || !strings.Contains(r.about, "d-other.jsonl") || !strings.Contains(r.about, "bad.jsonl") {
		t.Errorf("nothing to show: screen %T %+v", a.screen, r)
	}
}

// TestClassWords: the class view writes a count of one with a singular
// noun and names the alliance as the model's.
func TestClassWords(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 runs"}, {1, "1 run"}, {2, "2 runs"}} {
		if got := plural(tc.n, "run", "runs"); got != tc.want {
			t.Errorf("plural(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	for _, tc := range []struct {
		o    debrief.OptionTally
		want string
	}{
		{debrief.OptionTally{}, "nobody"},
		{debrief.OptionTally{Trainees: 1, Alliance: 0.5, Dropped: 1}, "1 trainee · the model's alliance at the end 0.50 · 1 dropped out"},
		{debrief.OptionTally{Trainees: 3, Alliance: 0.25}, "3 trainees · the model's alliance at the end 0.25"},
		{debrief.OptionTally{Trainees: 2, Alliance: 0.5, Going: 2}, "2 trainees · the model's alliance so far 0.50"},
		{debrief.OptionTally{Trainees: 3, Alliance: 0.5, Going: 1}, "3 trainees · the model's alliance at the end or so far 0.50"},
	} {
		if got := tallyWords(&tc.o); got != tc.want {
			t.Errorf("tallyWords(%+v) = %q, want %q", tc.o, got, tc.want)
		}
	}
}

// Rendering.

// shippedRecording records a course of the shipped scenario that has
// ruptures and homework to show.
func shippedRecording(t testing.TB, dir string) string {
	t.Helper()
	sc := scenariotest.Shipped(t)
	seed := findSeed(t, sc, mixed, func(r *sim.Run) bool {
		res := r.Result()
		return !r.State().Dropped && res.RupturesOpened > 0 && res.RupturesRepaired > 0 && res.HomeworkSet > 0
	})
	path := filepath.Join(dir, "2026-11-23T14-05-09_cbt-depression_alex-smith.jsonl")
	recordRun(t, sc, seed, mixed, 0, path)
	return path
}

func setupDebrief(t *testing.T) *app {
	a := newTestApp(t, Options{Replay: []string{shippedRecording(t, t.TempDir())}, Trainee: "Dr Reyes"})
	s := a.screen.(*debriefScreen)
	// A choice with something to say: the first that repaired a rupture,
	// or the seventh.
	k := min(7, len(s.d.Moments))
	for _, mk := range s.d.Marks {
		if mk.Kind == "rupture_repaired" && mk.Choice > 0 {
			k = mk.Choice
			break
		}
	}
	s.step(k)
	return a
}

// pickWhatIf opens the shipped run's debrief at choice n, with the
// options open for a what-if.
func pickWhatIf(t *testing.T, n int) (*app, *debriefScreen, *driver) {
	a := setupDebrief(t)
	s := a.screen.(*debriefScreen)
	d := newDriver(t, a)
	d.press(ebiten.KeyHome)
	for range n - 1 {
		d.press(ebiten.KeyArrowRight)
	}
	d.typeText("w")
	return a, s, d
}

func setupDebriefWhatIf(t *testing.T) *app {
	a, s, d := pickWhatIf(t, 5)
	m := s.moment()
	d.press(digitKey(m.Offers[len(m.Offers)-1].Number))
	if s.branch == nil {
		// The last option was the one chosen: take the first.
		d.typeText("w")
		d.press(digitKey(1))
	}
	if s.branch == nil {
		t.Fatal("no what-if branch")
	}
	d.press(ebiten.KeyArrowRight)
	return a
}

func setupDebriefHand(t *testing.T) *app {
	a, s, d := pickWhatIf(t, 2)
	for !s.byHand() {
		d.press(ebiten.KeyTab)
	}
	m := s.moment()
	alt := 1
	if m.Chosen == 1 {
		alt = 2
	}
	d.press(digitKey(alt))
	d.press(digitKey(1))
	if s.pending() == nil {
		t.Fatal("no prompt to play by hand")
	}
	return a
}

func setupDebriefPick(t *testing.T) *app {
	a := setupDebrief(t)
	newDriver(t, a).typeText("w")
	return a
}

func setupDebriefNote(t *testing.T) *app {
	a := setupDebrief(t)
	d := newDriver(t, a)
	d.typeText("n")
	d.typeText("Here the client withdraws: what did you notice in the room?")
	d.press(ebiten.KeyEnter)
	d.typeText("n")
	d.typeText("Try meta-communication next time")
	a.noticeUntil = 0
	return a
}

func setupClass(t *testing.T) *app {
	dir := t.TempDir()
	sc := scenariotest.Shipped(t)
	for i, ch := range []func(*sim.Prompt) int{careful, careless, second, careful, careless} {
		recordRun(t, sc, uint64(i+3), ch, 0, filepath.Join(dir, "run"+string(rune('a'+i))+".jsonl"))
	}
	return newTestApp(t, Options{Replay: []string{dir}})
}

var debriefSetups = []namedSetup{
	{"debrief", setupDebrief},
	{"debrief-whatif-pick", setupDebriefPick},
	{"debrief-whatif", setupDebriefWhatIf},
	{"debrief-whatif-hand", setupDebriefHand},
	{"debrief-note", setupDebriefNote},
	{"class", setupClass},
}

// TestDebriefScreens renders the debrief and the class view at the
// smallest supported window and a common one, and writes them to
// docs/screenshots with -shots.
func TestDebriefScreens(t *testing.T) { renderScreens(t, debriefSetups) }

// TestDebriefGlyphs checks the characters the debrief adds to the front
// end's own words.
func TestDebriefGlyphs(t *testing.T) {
	for _, src := range []*text.GoTextFaceSource{fontRegular(), fontBold(), fontItalic()} {
		f := src.UnsafeInternal().(*font.Face)
		for _, r := range "–’“”…·" {
			if _, ok := f.NominalGlyph(r); !ok {
				t.Errorf("the font lacks %q (%U)", r, r)
			}
		}
	}
}

// plainStorage hides that a storage is a folder, as the browser's is not.
type plainStorage struct{ storage }

// TestStorageNotes checks that notes reach a recording kept in a storage
// that is not a folder (the browser's localStorage) through the storage
// itself, appended after the choices.
func TestStorageNotes(t *testing.T) {
	fs, err := newFileStorage(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	const name = "run.jsonl"
	recordRun(t, scenariotest.Load(t, miniPath), 1, careful, 0, fs.runPath(name))
	before, _ := fs.ReadRecording(name)
	add := storageNotes(plainStorage{fs}, name)
	if err := add(sim.Note{Type: "note", Choice: 1, Text: "kept in the storage"}); err != nil {
		t.Fatal(err)
	}
	after, _ := fs.ReadRecording(name)
	if !bytes.HasPrefix(after, before) {
		t.Fatal("the note rewrote the recording")
	}
	rec, err := sim.ParseRecording(after)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Notes) != 1 || rec.Notes[0].Text != "kept in the storage" || rec.Notes[0].Choice != 1 {
		t.Errorf("notes read back: %+v", rec.Notes)
	}
}

// differs reports whether a and b differ anywhere in r.
func differs(a, b *image.RGBA, r image.Rectangle) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.RGBAAt(x, y) != b.RGBAAt(x, y) {
				return true
			}
		}
	}
	return false
}

// TestDebriefNoticeClearOfTitle: a notice on the debrief (such as which
// version of the scenario a run is opened with) goes above the buttons,
// leaving the title and the line over it as they were, at the window sizes
// a class uses.
func TestDebriefNoticeClearOfTitle(t *testing.T) {
	needDisplay(t)
	path := miniRecording(t, careful)
	for _, size := range []image.Point{{1280, 800}, {1024, 640}} {
		a, s := openDebrief(t, path)
		a.notice = ""
		before := render(t, a, size, 2, nil).shot
		a.say(strings.Repeat("Opened with the version of the scenario played on 30 November 2026: it has changed since. ", 3))
		after := render(t, a, size, 2, nil).shot
		l := s.layout()
		if differs(before, after, image.Rect(0, 0, size.X, l.titleY+int(a.ts.lineH(fHeading)))) {
			t.Errorf("%v: the notice is drawn over the title", size)
		}
		by := l.buttons[0].r.Min.Y
		if a.ts.notdef > 0 || !differs(before, after, image.Rect(0, by-a.m.u(30), size.X, by-a.m.u(12))) {
			t.Errorf("%v: no notice just above the buttons", size)
		}
	}
}
