package ui

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/therasim/therasim/scenarios/scenariotest"
)

// remembersPath is a scenario with variables and moments its client leads.
const remembersPath = "../debrief/testdata/remembers.toml"

// clockDebrief records the course of testdata/remembers.toml in which the
// therapist glances at the clock and Jo starts a confrontation rupture,
// and opens its debrief at that choice. The rupture is the scenario's:
// the seed is one at which the model's client dynamics begin none of
// their own (which the clock would only deepen) and fail no repair.
func clockDebrief(t testing.TB) (*app, *debriefScreen) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "clock.jsonl")
	sc := scenariotest.Load(t, remembersPath)
	clock := byBeat(map[string]int{"hello": 2, "clock": 2})
	recordRun(t, sc, findSeed(t, sc, clock, scriptOnly), clock, 0, path)
	a := newTestApp(t, Options{Dir: filepath.Dir(remembersPath), Replay: []string{path}, Trainee: "Dr Reyes"})
	s := opened[*debriefScreen](t, a)
	s.step(1)
	return a, s
}

// TestDebriefVariablesAndClient: the window's debrief says that Jo
// started the rupture, with the author's sentence, names what Jo did
// before the first choice as hers, and never shows "rule client" or
// "rule option".
func TestDebriefVariablesAndClient(t *testing.T) {
	_, s := clockDebrief(t)
	var got []string
	for i := range s.d.Moments {
		for _, it := range s.changeItems(s.d.Moments[i].Changes) {
			got = append(got, it.d.HeadAndModel()+" | "+it.rule)
			if strings.HasPrefix(it.rule, "rule client") || strings.HasPrefix(it.rule, "rule option") || strings.HasPrefix(it.rule, "rule redundancy") {
				t.Errorf("choice %d: %q is named as a rule", i+1, it.rule)
			}
		}
	}
	for _, want := range []string{
		"Jo started a confrontation rupture (the model's severity 0.50) | ",
		"lost job: no ⭢ yes | life event redundancy",
		"times asked: 0 ⭢ 1 | the option chosen",
		"task +0.05 | rule agenda",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("the debrief does not list %q; it lists %q", want, got)
		}
	}
	var opening []string
	for _, it := range s.changeItems(s.d.ClientOpening()) {
		opening = append(opening, it.d.HeadAndModel()+" | "+it.rule+" | "+it.why)
	}
	if want := []string{
		"nearly stayed home: no ⭢ yes | what Jo said or did | Saying she nearly stayed away costs Jo a little hope.",
		"hope –0.01 | what Jo said or did | Saying she nearly stayed away costs Jo a little hope.",
	}; !slices.Equal(opening, want) {
		t.Errorf("before the first choice: %q, want %q", opening, want)
	}
}

// TestDebriefDrawsEveryCharacter: every character of what the debrief
// lists, for a run with variables and client-led moments and for a run of
// the shipped course, is in a font the window has, so none vanishes (as
// the minus sign of "hope −0.01" did).
func TestDebriefDrawsEveryCharacter(t *testing.T) {
	_, s := clockDebrief(t)
	_, shipped := openDebrief(t, shippedRecording(t, t.TempDir()))
	for _, sc := range []*debriefScreen{s, shipped} {
		var items []changeItem
		for i := range sc.d.Moments {
			items = append(items, sc.changeItems(sc.d.Moments[i].Changes)...)
		}
		for _, it := range items {
			for _, x := range []struct {
				s  string
				st fontStyle
			}{{it.d.HeadAndModel(), styleBold}, {it.why, styleRegular}, {it.rule, styleRegular}} {
				for run := range fontRuns(x.s, x.st) {
					if run.Font == noFont {
						t.Errorf("%q: no font draws %q", x.s, x.s[run.Start:run.End])
					}
				}
			}
		}
	}
}

// TestDebriefVariablesScreen renders the debrief at the choice where Jo
// starts a rupture, the variables beside it; -shots saves it as
// docs/screenshots/debrief-variables.png.
func TestDebriefVariablesScreen(t *testing.T) {
	renderScreens(t, []namedSetup{{"debrief-variables", func(t *testing.T) *app {
		a, _ := clockDebrief(t)
		return a
	}}})
}
