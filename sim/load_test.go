package sim_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

// TestCheck loads every file under testdata/check. Each states the problems
// Load must report, exactly and in order, in comments "# error: LINE:COL:
// message" at its end (a warning's message starts "warning: "); a file with
// no error must load. With -update, the comments are rewritten to what Load
// reports, at the end of each file.
func TestCheck(t *testing.T) {
	m := scenariotest.Model(t)
	files, err := filepath.Glob("testdata/check/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".toml"), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, line := range strings.Split(string(data), "\n") {
				if rest, ok := strings.CutPrefix(line, "# error: "); ok {
					want = append(want, filepath.Base(f)+":"+rest)
				}
			}
			check := func(data []byte) []string {
				sc, err := sim.Load(filepath.Base(f), data, m)
				var got []string
				if err == nil {
					for _, p := range sc.Review() {
						got = append(got, p.Error())
					}
				} else {
					var ps sim.Problems
					if !errors.As(err, &ps) {
						t.Fatalf("error is %T, want sim.Problems: %v", err, err)
					}
					for _, p := range ps {
						got = append(got, p.Error())
					}
				}
				return got
			}
			got := check(data)
			if *update {
				// A file that ends without a newline (cut off while it was
				// saved) has its messages at the top, which moves its lines:
				// it is written until they stay the same.
				top := !strings.HasSuffix(string(data), "\n")
				for range 3 {
					var keep, errs []string
					for _, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
						if !strings.HasPrefix(line, "# error: ") {
							keep = append(keep, line)
						}
					}
					for _, g := range got {
						errs = append(errs, "# error: "+strings.TrimPrefix(g, filepath.Base(f)+":"))
					}
					text := strings.Join(append(keep, errs...), "\n") + "\n"
					if top {
						text = strings.Join(append(errs, keep...), "\n")
					}
					data = []byte(text)
					again := check(data)
					if strings.Join(again, "\n") == strings.Join(got, "\n") {
						break
					}
					got = again
				}
				if err := os.WriteFile(f, data, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s\n(go test -run TestCheck -update rewrites them)", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestLoadShipped(t *testing.T) {
	m := scenariotest.Model(t)
	all, err := scenarios.Shipped(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("no shipped scenarios")
	}
}

func TestLoadModelProblems(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"missing parameter", "[week]\nhomework_base = 0.4\n", "model.toml:1:1: missing parameter week.homework_task"},
		{"unknown parameter", "[week]\nhomework_bse = 0.4\n", `model.toml:2:1: unknown key "homework_bse" in week (did you mean "homework_base"?)`},
		{"rule without explain", "[[rules]]\nid = \"x\"\neffects = { bond = 0.1 }\n", `model.toml:1:1: rule "x" needs an explain sentence: it is what the debrief shows`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sim.LoadModel("model.toml", []byte(tt.src))
			if err == nil {
				t.Fatal("loaded")
			}
			if !strings.Contains("\n"+err.Error()+"\n", "\n"+tt.want+"\n") {
				t.Errorf("problems:\n%s\nwant among them:\n%s", err, tt.want)
			}
		})
	}
}

func TestLoadLimits(t *testing.T) {
	m := scenariotest.Model(t)
	long := "[scenario]\nid = \"x\"\ntitle = \"" + strings.Repeat("a", sim.MaxLine) + "\"\n"
	_, err := sim.Load("long.toml", []byte(long), m)
	if err == nil || !strings.HasPrefix(err.Error(), "long.toml:3:1: line is") {
		t.Errorf("long line: %v", err)
	}
	// Options written as an inline array keep their attributes.
	data, err := os.ReadFile("testdata/check/good.toml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), `[[sessions.beats.options]]
text = "See you."
act = "session_close"
next = "end"`, "", 1)
	src = strings.Replace(src, `id = "bye"`, `id = "bye"
options = [{ text = "See you.", act = "session_close", next = "end", attrs = { warmth = 0.1 } }]`, 1)
	sc, err := sim.Load("inline.toml", []byte(src), m)
	if err != nil {
		t.Fatal(err)
	}
	if w := sc.Sessions[0].Beats[1].Options[0].Attrs.Warmth; w != 0.1 {
		t.Errorf("warmth %v, want 0.1", w)
	}
}

// TestIsModel: a model has a [week] table and no [scenario]; headers in
// multi-line text do not count.
func TestIsModel(t *testing.T) {
	for _, tt := range []struct {
		data string
		want bool
	}{
		{"[week]\nx = 1\n", true},
		{"# a model\n[week.params]\n", true},
		{"[scenario]\nid = \"x\"\n[week]\n", false},
		{"[scenario]\nid = \"x\"\n", false},
		{"[[sessions]]\n[weekend]\n", false},
		{"[scenario]\ntext = \"\"\"\n[week]\n\"\"\"\n", false},
		{"x = '''\n[week]\n'''\n", false},
		{"[ week ]\n", true},
	} {
		if got := sim.IsModel([]byte(tt.data)); got != tt.want {
			t.Errorf("IsModel(%q) = %v, want %v", tt.data, got, tt.want)
		}
	}
	data, err := os.ReadFile("../scenarios/model.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !sim.IsModel(data) {
		t.Error("the shipped model is not a model")
	}
}
