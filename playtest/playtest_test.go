package playtest

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// head is the first line of every test file below, so that line 2 is the
// first of a case's own text.
const head = "scenario = \"ana.toml\"\n"

// files returns a folder holding ana.toml and the test file t.test.toml.
func files(t *testing.T, text string) fstest.MapFS {
	t.Helper()
	ana, err := os.ReadFile("testdata/ana.toml")
	if err != nil {
		t.Fatal(err)
	}
	policy, err := os.ReadFile("../scenarios/policies/competent.toml")
	if err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS{
		"ana.toml":           {Data: ana},
		"policies/mine.toml": {Data: policy},
		"t.test.toml":        {Data: []byte(text)},
	}
}

// run opens t.test.toml holding text and runs its tests, returning every
// failure, one a line.
func run(t *testing.T, text string) []string {
	t.Helper()
	s, err := Open(files(t, text), "t.test.toml", scenariotest.Model(t))
	if err != nil {
		t.Fatalf("the test file does not load:\n%v", err)
	}
	var out []string
	for _, tt := range s.Tests {
		for _, f := range tt.Run().Failures {
			out = append(out, f.Error())
		}
	}
	return out
}

func TestExample(t *testing.T) {
	s, err := Open(os.DirFS("testdata"), "ana.test.toml", scenariotest.Model(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Tests) != 5 || s.Scenario.ID != "ana" {
		t.Fatalf("read %d tests of %q, want 5 of ana", len(s.Tests), s.Scenario.ID)
	}
	for _, tt := range s.Tests {
		r := tt.Run()
		if !r.Passed() {
			t.Errorf("%s: %v", tt.Name, r.Failures)
		}
		if len(r.Trail) == 0 {
			t.Errorf("%s: no trail", tt.Name)
		}
	}
}

func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string // after head
		want []string
	}{
		{"passes", `
[[test]]
name = "p"
seed = 1
choices = ["warm", "tell me ABOUT"]
[[test.expect]]
after = 1
that = "times_asked == 1 && !told_not_waking"
says = "DON'T SLEEP"
offered = ["sleep", "Tell me"]
not_offered = ["risk"]
dropped = false
[[test.expect]]
after_session = 1
says = "I thought about"
offered = ["ask", "week", "plan"]
`, nil},
		{"a policy plays to the end", `
[[test]]
name = "p"
seed = 1
policy = "competent"
[[test.expect]]
at_end = true
dropped = false
outcome = "unchanged"
[[test.expect]]
after_session = 3
that = "session == 3"
`, nil},
		{"a policy file", `
[[test]]
name = "p"
seed = 3
choices = ["warm"]
policy = "policies/mine.toml"
[[test.expect]]
at_end = true
dropped = true
`, nil},
		{"curly quotes and any case", `
[[test]]
name = "p"
seed = 1
choices = ["clock", "YOU’RE RIGHT"]
[[test.expect]]
after = 1
says = "Am I keeping you? You just looked"
offered = ["i always keep an eye on the time, that’s all."]
`, nil},
		{"a condition does not hold", `
[[test]]
name = "f"
seed = 1
choices = ["warm"]
[[test.expect]]
after = 1
that = "told_not_waking || bond > 0.5 && traits.reactance < 0.5"
`, []string{`t.test.toml:8: after choice 1 (beat "mood", session 1): told_not_waking || bond > 0.5 && traits.reactance < 0.5 does not hold (told_not_waking = no, bond = 0.356, traits.reactance = 0.6)`}},
		{"the client does not say it", `
[[test]]
name = "f"
seed = 1
[[test.expect]]
after = 0
says = "wake up"
`, []string{`t.test.toml:7: before the first choice (beat "hello", session 1): Ana does not say "wake up"; since the session opened Ana said "Honestly, I'm just tired."`}},
		{"the client says nothing", `
[[test]]
name = "f"
seed = 1
choices = ["warm", "sleep", "ask", "close"]
[[test.expect]]
at_end = true
says = "goodbye"
`, []string{`t.test.toml:8: at the end (4 choices made): Ana does not say "goodbye": Ana has said nothing since the last choice`}},
		{"no such option number", `
[[test]]
name = "f"
seed = 1
choices = [1, 2]
[[test.expect]]
at_end = true
dropped = false
`, []string{`t.test.toml:5: choice 2 (beat "mood", session 1): there is no option 2; 1 option is offered: 1 "Tell me about your sleep." (sleep)`}},
		{"an option whose condition does not hold", `
[[test]]
name = "f"
seed = 1
choices = [
  "warm",
  "risk",
]
[[test.expect]]
at_end = true
dropped = false
`, []string{`t.test.toml:7: choice 2 (beat "mood", session 1): option "risk" is not offered now: its condition, told_not_waking, does not hold (told_not_waking = no)`}},
		{"an option of another beat", `
[[test]]
name = "f"
seed = 1
choices = ["warm", "own"]
[[test.expect]]
after = 2
dropped = false
`, []string{`t.test.toml:5: choice 2 (beat "mood", session 1): beat "mood" has no option "own"; it offers 1 "Tell me about your sleep." (sleep)`}},
		{"a text that fits two options", `
[[test]]
name = "f"
seed = 1
choices = [1, 1, "how"]
[[test.expect]]
after = 3
dropped = false
`, []string{`t.test.toml:5: choice 3 (beat "back", session 2): "how" fits 2 of the options offered: 1 "How has your mood been this week?" (ask), 2 "How did the week go, overall?" (week); give more of the text, or the number`}},
		{"the course ends before the choices are used up", `
[[test]]
name = "f"
seed = 3
choices = [1, 1, 1, 1, 1]
[[test.expect]]
at_end = true
dropped = true
`, []string{`t.test.toml:5: choice 4: never made: the course ended after choice 3 (Ana dropped out after session 2)`}},
		{"after a choice that never comes", `
[[test]]
name = "f"
seed = 3
choices = [1]
policy = "competent"
[[test.expect]]
after = 4
that = "bond > 0"
`, []string{`t.test.toml:8: after choice 4: never comes: the course ended after choice 3 (Ana dropped out after session 2)`}},
		{"the choices stop before the end", `
[[test]]
name = "f"
seed = 1
choices = [1]
[[test.expect]]
at_end = true
dropped = false
[[test.expect]]
after_session = 1
dropped = false
`, []string{
			`t.test.toml:7: at the end: never comes: the test's choices end after choice 1, in session 1, and it has no policy to play on: give more choices, or a policy (policy = "competent")`,
			`t.test.toml:10: after session 1: never comes: the test's choices end after choice 1, in session 1, and it has no policy to play on: give more choices, or a policy (policy = "competent")`,
		}},
		{"offered and not offered", `
[[test]]
name = "f"
seed = 1
choices = ["clock"]
[[test.expect]]
after = 1
offered = ["defend", "risk"]
not_offered = ["own", "sleep"]
`, []string{
			`t.test.toml:8: after choice 1 (beat "clock", session 1): beat "clock" has no option "risk"; it offers 1 "You're right, I did, and I'm sorry. You have my full atte…" (own), 2 "I always keep an eye on the time, that's all." (defend)`,
			`t.test.toml:9: after choice 1 (beat "clock", session 1): "own" is offered: 1 "You're right, I did, and I'm sorry. You have my full atte…" (own)`,
			`t.test.toml:9: after choice 1 (beat "clock", session 1): beat "clock" has no option "sleep"; it offers 1 "You're right, I did, and I'm sorry. You have my full atte…" (own), 2 "I always keep an eye on the time, that's all." (defend); not_offered passes only for an option of this beat`,
		}},
		{"options at the end", `
[[test]]
name = "f"
seed = 3
choices = [1, 1, 1]
[[test.expect]]
at_end = true
not_offered = ["close"]
`, []string{`t.test.toml:8: at the end (3 choices made; Ana dropped out after session 2): not_offered: the course is over, so no option is offered: judge options at a moment of a session`}},
		{"dropped and outcome", `
[[test]]
name = "f"
seed = 8
policy = "competent"
[[test.expect]]
at_end = true
outcome = "improved"
dropped = true
`, []string{
			`t.test.toml:8: at the end (4 choices made): the outcome is "unchanged", not "improved" (OQ-45 83 at intake, 91 at the last measure)`,
			`t.test.toml:9: at the end (4 choices made): Ana has not dropped out`,
		}},
		{"not dropped", `
[[test]]
name = "f"
seed = 3
choices = [1, 1, 1]
[[test.expect]]
after_session = 2
dropped = false
`, []string{`t.test.toml:8: after session 2 (3 choices made; the course is over: Ana dropped out after session 2): Ana dropped out after session 2`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := run(t, head+strings.TrimPrefix(tc.text, "\n"))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("failures:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestFileMistakes(t *testing.T) {
	ok := "\n[[test]]\nname = \"t\"\nseed = 1\n[[test.expect]]\nafter = 0\ndropped = false\n"
	for _, tc := range []struct {
		name string
		text string // the whole file
		want string // its problems, one a line
	}{
		{"TOML", head + "[[test]]\nname = “x”\n", `t.test.toml:3:8: curly quotes (“ ” ‘ ’) do not quote text in TOML, which a word processor may have put in: use straight quotes (" or ')`},
		{"an unknown key", "senario = \"ana.toml\"\n" + ok, `t.test.toml:1:1: unknown key "senario" at the top level (did you mean "scenario"?)` + "\n" +
			"t.test.toml:1:1: the test file needs the scenario it tests: scenario = \"NAME.toml\" (a file beside this one) or the id of a shipped scenario"},
		{"a wrong type", head + "[[test]]\nname = \"t\"\nseed = \"1\"\n", `t.test.toml:4:1: seed: want a whole number, found text "1"`},
		{"no scenario file", "scenario = \"anna.toml\"\n" + ok, `t.test.toml:1:1: scenario: there is no anna.toml (did you mean "ana.toml"?); the path is relative to this test file`},
		{"no shipped scenario", "scenario = \"cbt-depresion\"\n" + ok, `t.test.toml:1:1: scenario: no shipped scenario "cbt-depresion" (did you mean "cbt-depression"?); give a shipped id (cbt-depression, eft-self-criticism, psychodynamic-pattern) or a .toml file beside this one`},
		{"no tests", head, `t.test.toml:1:1: the test file has no tests: add a [[test]] with a name, a seed and a [[test.expect]]`},
		{"a test's name, seed and expectations", head + "[[test]]\nseed = -1\n[[test]]\nname = \"a\"\n[[test.expect]]\nafter = 0\nsays = \"x\"\n[[test]]\nname = \"a\"\nseed = 1\n",
			"t.test.toml:2:1: test needs a name: a sentence saying what it shows\n" +
				"t.test.toml:2:1: test \"\" expects nothing: add a [[test.expect]] saying what must be true, and when\n" +
				"t.test.toml:3:1: seed = -1: want a whole number from 0\n" +
				"t.test.toml:4:1: test \"a\" needs a seed: the run depends on it (seed = 1; 'therasim run' prints the seed of every run)\n" +
				"t.test.toml:9:1: test \"a\" expects nothing: add a [[test.expect]] saying what must be true, and when\n" +
				"t.test.toml:10:1: test name \"a\" is used twice in this file"},
		{"choices", head + "[[test]]\nname = \"t\"\nseed = 1\nchoices = [0, \"wram\", 1.5, \" \"]\n[[test.expect]]\nafter = 0\ndropped = false\n",
			"t.test.toml:5:12: choices: 0 is not an option: options are numbered from 1\n" +
				"t.test.toml:5:15: choices: no option of ana.toml has the id \"wram\" or a text that starts with it (did you mean \"warm\"?)\n" +
				"t.test.toml:5:23: choices: want the number of an option (2), or its id or the start of its text in quotes (\"warm\"), found the number 1.5\n" +
				"t.test.toml:5:28: choices: an empty text names no option: give an option's id or the start of its text"},
		{"an option number in quotes", head + "[[test]]\nname = \"t\"\nseed = 1\nchoices = [\"1\"]\n[[test.expect]]\nafter = 1\noffered = [\"2\"]\n",
			"t.test.toml:5:12: choices: no option of ana.toml has the id \"1\" or a text that starts with it; to choose option 1 as it is offered, write 1 without quotes\n" +
				"t.test.toml:8:12: offered: no option of ana.toml has the id \"2\" or a text that starts with it; offered names options by their ids or the starts of their texts, not by number: the numbers change with what is offered"},
		{"policies", head + "[[test]]\nname = \"t\"\nseed = 1\npolicy = \"competant\"\n[[test.expect]]\nat_end = true\ndropped = false\n[[test]]\nname = \"u\"\nseed = 1\npolicy = \"mine.toml\"\n[[test.expect]]\nat_end = true\ndropped = false\n",
			"t.test.toml:5:1: policy: no shipped policy \"competant\" (did you mean \"competent\"?); give a shipped id (competent, feedback, no-homework, novice, random, trainee) or a policy file beside this one\n" +
				"t.test.toml:12:1: policy: there is no mine.toml; the path is relative to this test file"},
		{"moments", head + "[[test]]\nname = \"t\"\nseed = 1\nchoices = [1]\n" +
			"[[test.expect]]\nafter = -1\ndropped = false\n" +
			"[[test.expect]]\nafter = 2\ndropped = false\n" +
			"[[test.expect]]\nafter_session = 4\ndropped = false\n" +
			"[[test.expect]]\nafter = 1\nat_end = true\ndropped = false\n" +
			"[[test.expect]]\ndropped = false\n" +
			"[[test.expect]]\nat_end = false\ndropped = false\n",
			"t.test.toml:7:1: after = -1: want the number of choices made, from 0 (before any choice)\n" +
				"t.test.toml:10:1: after = 2, but the test makes 1 choice and has no policy to play on: give more choices, or a policy\n" +
				"t.test.toml:13:1: after_session = 4: want a session from 1 to 3\n" +
				"t.test.toml:17:1: an expectation has one moment: after and at_end are both given; write a [[test.expect]] for each\n" +
				"t.test.toml:19:1: an expectation needs its moment: after = N (choices made), after_session = N or at_end = true\n" +
				"t.test.toml:22:1: at_end = false says no moment: leave it out and give after or after_session, or write at_end = true"},
		{"checks", head + "[[test]]\nname = \"t\"\nseed = 1\n" +
			"[[test.expect]]\nafter = 0\n" +
			"[[test.expect]]\nafter = 0\nthat = \"\"\nsays = \" \"\noffered = []\nnot_offered = [\"rsik\"]\n" +
			"[[test.expect]]\nafter = 0\nthat = \"bond > 0.5 && told_not_wakin\"\noutcome = \"improved\"\n" +
			"[[test.expect]]\nat_end = true\noutcome = \"better\"\n",
			"t.test.toml:5:1: an expectation checks nothing: give that, says, offered, not_offered, dropped or outcome\n" +
				"t.test.toml:9:1: that: an empty condition checks nothing: write one as a scenario's when (\"bond > 0.5\")\n" +
				"t.test.toml:10:1: says: an empty text is in whatever the client says: give some of the words you expect\n" +
				"t.test.toml:11:1: offered: an empty list checks nothing: give option ids or the starts of their texts\n" +
				"t.test.toml:12:16: not_offered: no option of ana.toml has the id \"rsik\" or a text that starts with it (did you mean \"risk\"?)\n" +
				"t.test.toml:15:23: that: unknown name \"told_not_wakin\" (did you mean \"told_not_waking\"?) in \"bond > 0.5 && told_not_wakin\"\n" +
				"t.test.toml:16:1: outcome: a course's outcome is known only when it is over: judge it with at_end = true\n" +
				"t.test.toml:19:1: outcome: unknown outcome \"better\"; want one of recovered, improved, unchanged, deteriorated"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(files(t, tc.text), "t.test.toml", scenariotest.Model(t))
			var ps sim.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("error %v, want the file's mistakes", err)
			}
			if got := ps.Error(); got != tc.want {
				t.Errorf("mistakes:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestNotTests: a scenario or a model given as a test file is told as
// what it is, with where its tests go, not as a test file whose every key
// is unknown.
func TestNotTests(t *testing.T) {
	ana, err := os.ReadFile("testdata/ana.toml")
	if err != nil {
		t.Fatal(err)
	}
	model, err := os.ReadFile("../scenarios/model.toml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"ana.toml":          {Data: ana},
		"dir/ana.toml":      {Data: ana},
		"dir/ana.test.toml": {Data: []byte("scenario = \"ana.toml\"\n")},
		"ana2.test.toml":    {Data: ana},
		"model.toml":        {Data: model},
	}
	for _, tc := range []struct{ file, want string }{
		{"ana.toml", `ana.toml:1:1: this file is a scenario, not a test file: its playthrough tests go in ana.test.toml beside it, which names it (scenario = "ana.toml"; docs/testing.md)`},
		{"dir/ana.toml", `dir/ana.toml:1:1: this file is a scenario, not a test file: its playthrough tests are in dir/ana.test.toml ('therasim test dir/ana.test.toml' runs them)`},
		{"ana2.test.toml", `ana2.test.toml:1:1: this file is a scenario (it has a [scenario] table), not a test file, though its name ends in .test.toml: name it NAME.toml, and write its playthrough tests in NAME.test.toml beside it (docs/testing.md)`},
		{"model.toml", `model.toml:1:1: this file is a model (the rules scenarios run on), not a test file: 'therasim check' checks it; a test file names a scenario and holds [[test]] tables (docs/testing.md)`},
	} {
		_, err := Open(fsys, tc.file, scenariotest.Model(t))
		var ps sim.Problems
		if !errors.As(err, &ps) || ps.Error() != tc.want {
			t.Errorf("%s: error\n%v\nwant\n%s", tc.file, err, tc.want)
		}
	}
}

func TestTestsOf(t *testing.T) {
	ana, err := os.ReadFile("testdata/ana.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, data string
		tests      bool
		scenario   string
	}{
		{"dir/t.test.toml", "scenario = \"../ana.toml\"\n[[test]]\nname = \"t\"\n", true, "ana.toml"},
		{"t.toml", "scenario = \"cbt-depression\"\n", true, "cbt-depression"},
		{"t.toml", "[[test]]\nname = \"t\"\n", true, ""},
		{"t.test.toml", "scenario = [\n", true, ""},
		{"ana.toml", string(ana), false, ""},
		{"bad.toml", "scenario = [\n", false, ""},
	} {
		sc, ok := TestsOf(tc.name, []byte(tc.data))
		if ok != tc.tests || sc != tc.scenario {
			t.Errorf("TestsOf(%s, %q) = %q, %v; want %q, %v", tc.name, tc.data, sc, ok, tc.scenario, tc.tests)
		}
	}
}

func TestScenarioMistakes(t *testing.T) {
	fsys := fstest.MapFS{
		"bad.toml":        {Data: []byte("[scenario]\nid = \"bad\"\n")},
		"dir/t.test.toml": {Data: []byte("scenario = \"../bad.toml\"\n[[test]]\nname = \"t\"\nseed = 1\n")},
	}
	_, err := Open(fsys, "dir/t.test.toml", scenariotest.Model(t))
	var ps sim.Problems
	if !errors.As(err, &ps) || len(ps) == 0 || ps[0].File != "bad.toml" {
		t.Fatalf("error %v, want the mistakes of bad.toml", err)
	}
}

func TestPolicyMistakes(t *testing.T) {
	fsys := files(t, head+"[[test]]\nname = \"t\"\nseed = 1\npolicy = \"bad.toml\"\n[[test.expect]]\nat_end = true\ndropped = false\n")
	fsys["bad.toml"] = &fstest.MapFile{Data: []byte("[policy]\nid = \"bad\"\nnoise = 2\n")}
	_, err := Open(fsys, "t.test.toml", scenariotest.Model(t))
	if want := "bad.toml:3:1: noise = 2 is outside 0 to 1"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// TestPolicyExtends: a policy file beside the test may extend a shipped
// policy, as 'therasim cohort' reads it, and a misspelt base is told.
func TestPolicyExtends(t *testing.T) {
	fsys := files(t, head+"[[test]]\nname = \"t\"\nseed = 1\npolicy = \"mine.toml\"\n[[test.expect]]\nat_end = true\ndropped = false\n")
	fsys["mine.toml"] = &fstest.MapFile{Data: []byte("[policy]\nid = \"mine\"\nextends = \"competent\"\n\n[feedback.acts]\nask_feedback = 5\n")}
	s, err := Open(fsys, "t.test.toml", scenariotest.Model(t))
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Tests[0].policy; p == nil || p.Noise != scenariotest.Policy(t, "competent").Noise || !p.Feedback() {
		t.Errorf("the policy file is not laid over competent: %+v", p)
	}
	fsys["mine.toml"] = &fstest.MapFile{Data: []byte("[policy]\nid = \"mine\"\nextends = \"competant\"\n")}
	_, err = Open(fsys, "t.test.toml", scenariotest.Model(t))
	if err == nil || !strings.Contains(err.Error(), `extends = "competant"`) || !strings.Contains(err.Error(), `did you mean "competent"`) {
		t.Errorf("error %v, want the misspelt base told", err)
	}
}

func TestShippedScenario(t *testing.T) {
	text := "scenario = \"cbt-depression\"\n[[test]]\nname = \"t\"\nseed = 1\n[[test.expect]]\nafter = 0\nsays = \"which door\"\n"
	if got := run(t, text); len(got) > 0 {
		t.Errorf("failures: %v", got)
	}
}

func TestUnreadable(t *testing.T) {
	_, err := Open(fstest.MapFS{}, "missing.test.toml", scenariotest.Model(t))
	var ps sim.Problems
	if err == nil || errors.As(err, &ps) || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("error %v, want that the file cannot be read", err)
	}
	if want := "missing.test.toml: cannot read: file does not exist"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}
