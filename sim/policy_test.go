package sim_test

import (
	"math"
	"strings"
	"testing"

	"github.com/therasim/therasim/scenarios/scenariotest"
	"github.com/therasim/therasim/sim"
)

func TestLoadPolicyProblems(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown act", "[policy]\nid = \"p\"\n[acts]\nadvise = 2\n", `p.toml:4:1: unknown act "advise" (did you mean "advice"?)`},
		{"noise out of range", "[policy]\nid = \"p\"\nnoise = 2\n", "p.toml:3:1: noise = 2 is outside 0 to 1"},
		{"bad condition", "[policy]\nid = \"p\"\n[[when]]\nif = \"bnd < 1\"\n", `p.toml:4:7: if: unknown name "bnd" (did you mean "bond"?) in "bnd < 1"`},
		{"unknown key", "[policy]\nid = \"p\"\nnoize = 0.1\n", `p.toml:3:1: unknown key "noize" in policy (did you mean "noise"?)`},
		{"no id", "[policy]\n", "p.toml:1:1: policy needs an id"},
		{"feedback without acts", "[policy]\nid = \"p\"\n[feedback]\n", "p.toml:3:1: [feedback] needs acts: the scores added to acts when the OQ-45 says the client is not on track, as [feedback.acts] with ask_feedback = 4"},
		{"unknown act in feedback", "[policy]\nid = \"p\"\n[feedback.acts]\nask_feedbak = 4\n", `p.toml:4:1: unknown act "ask_feedbak" (did you mean "ask_feedback"?)`},
		{"unknown key in feedback", "[policy]\nid = \"p\"\n[feedback]\nacs = 1\n", `p.toml:4:1: unknown key "acs" in feedback (did you mean "acts"?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sim.LoadPolicy("p.toml", []byte(tt.src))
			if err == nil || !strings.Contains("\n"+err.Error()+"\n", "\n"+tt.want+"\n") {
				t.Errorf("problems:\n%v\nwant among them:\n%s", err, tt.want)
			}
		})
	}
}

// firstActs counts the acts a policy picks at the first prompt of the mini
// course (validation or advice) over 200 seeds.
func firstActs(t *testing.T, p *sim.Policy) map[sim.Act]int {
	t.Helper()
	sc := scenariotest.Load(t, "testdata/mini.toml")
	out := make(map[sim.Act]int)
	for seed := uint64(1); seed <= 200; seed++ {
		r := sim.NewRun(sc, seed)
		out[r.Prompt().Options[p.Chooser(seed).Pick(r)-1].Act]++
	}
	return out
}

func loadPolicy(t *testing.T, src string) *sim.Policy {
	t.Helper()
	p, err := sim.LoadPolicy("p.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPolicyOver lays a policy file over the one it extends: the file's own
// scores and noise in place of the base's, the base's otherwise.
func TestPolicyOver(t *testing.T) {
	base := loadPolicy(t, "[policy]\nid = \"base\"\ntitle = \"Base\"\nnoise = 0\n[acts]\nvalidation = 1\nadvice = 2\n")
	tests := []struct {
		name, src string
		want      sim.Act // always picked, or "" for both picked
	}{
		{"nothing of its own", "[policy]\nid = \"p\"\nextends = \"base\"\n", sim.Advice},
		{"an act of its own", "[policy]\nid = \"p\"\nextends = \"base\"\n[acts]\nvalidation = 3\n", sim.Validation},
		{"a situation of its own", "[policy]\nid = \"p\"\nextends = \"base\"\n[[when]]\nif = \"session == 1\"\n[when.acts]\nvalidation = 2\n", sim.Validation},
		{"noise of its own", "[policy]\nid = \"p\"\nextends = \"base\"\nnoise = 1\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := loadPolicy(t, tt.src)
			if p.Extends != "base" || p.ExtendsAt.Line != 3 {
				t.Fatalf("extends %q at %v", p.Extends, p.ExtendsAt)
			}
			q := p.Over(base)
			if q.ID != "p" || q.Title != "Base" {
				t.Errorf("id %q, title %q", q.ID, q.Title)
			}
			got := firstActs(t, q)
			switch {
			case tt.want != "" && got[tt.want] != 200:
				t.Errorf("picked %v, want %s always", got, tt.want)
			case tt.want == "" && (got[sim.Validation] < 50 || got[sim.Advice] < 50):
				t.Errorf("picked %v, want both at random", got)
			}
		})
	}
	if got := firstActs(t, base); got[sim.Advice] != 200 {
		t.Errorf("laying a policy over base changed it: %v", got)
	}
}

// TestPolicyFeedback: a [feedback] table makes a policy act on outcome
// feedback, and WithFeedback gives that response to another policy.
func TestPolicyFeedback(t *testing.T) {
	fb := loadPolicy(t, "[policy]\nid = \"fb\"\n[feedback.acts]\nask_feedback = 5\ngoal_collaboration = 3\n")
	plain := loadPolicy(t, "[policy]\nid = \"plain\"\ntitle = \"Plain\"\n[acts]\nvalidation = 1\n[[when]]\nif = 'rupture != \"none\"'\n[when.acts]\nrupture_repair = 5\n")
	tests := []struct {
		name     string
		p        *sim.Policy
		id       string
		feedback bool
	}{
		{"a [feedback] table", fb, "fb", true},
		{"none", plain, "plain", false},
		{"given one", plain.WithFeedback(fb), "plain+feedback", true},
		{"given none", plain.WithFeedback(plain), "plain", false},
		{"given its own", fb.WithFeedback(fb), "fb", true},
		{"given one of its own id", loadPolicy(t, "[policy]\nid = \"fb\"\n").WithFeedback(fb), "fb+feedback", true},
		{"extending one", loadPolicy(t, "[policy]\nid = \"x\"\nextends = \"fb\"\n").Over(fb), "x", true},
		{"extended by one", loadPolicy(t, "[policy]\nid = \"x\"\nextends = \"plain\"\n[feedback.acts]\nask_feedback = 1\n").Over(plain), "x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.p.ID != tt.id || tt.p.Feedback() != tt.feedback {
				t.Errorf("id %q, feedback %v; want %q, %v", tt.p.ID, tt.p.Feedback(), tt.id, tt.feedback)
			}
		})
	}
	if plain.Feedback() || plain.ID != "plain" {
		t.Error("WithFeedback changed the policy it was given")
	}
	if w := plain.WithFeedback(fb); w.Title != "Plain, acting on outcome feedback" {
		t.Errorf("title %q", w.Title)
	}
}

// course plays a sampled client under a policy and returns the run and the
// acts chosen.
func course(t testing.TB, sc *sim.Scenario, p *sim.Policy, seed uint64) (*sim.Run, []sim.Act) {
	t.Helper()
	c := sc.Sample(seed)
	r := sim.NewRunWith(sc, seed, sim.Options{Client: &c})
	ch := p.Chooser(seed)
	var acts []sim.Act
	for !r.Done() {
		n := ch.Pick(r)
		acts = append(acts, r.Prompt().Options[n-1].Act)
		if _, err := r.Choose(n); err != nil {
			t.Fatal(err)
		}
	}
	return r, acts
}

func TestPolicies(t *testing.T) {
	sc := scenariotest.Shipped(t)
	t.Run("deterministic", func(t *testing.T) {
		a, _ := course(t, sc, scenariotest.Policy(t, "novice"), 5)
		b, _ := course(t, sc, scenariotest.Policy(t, "novice"), 5)
		if !equalStreams(stream(t, a), stream(t, b)) {
			t.Error("same seed, different courses")
		}
	})
	t.Run("no-homework never sets homework", func(t *testing.T) {
		for seed := uint64(0); seed < 200; seed++ {
			if _, acts := course(t, sc, scenariotest.Policy(t, "no-homework"), seed); containsAct(acts, sim.HomeworkAssign) {
				t.Fatalf("seed %d: homework set", seed)
			}
		}
	})
	t.Run("competent repairs, novice criticises", func(t *testing.T) {
		counts := func(id string) map[sim.Act]int {
			m := make(map[sim.Act]int)
			for seed := uint64(0); seed < 200; seed++ {
				_, acts := course(t, sc, scenariotest.Policy(t, id), seed)
				for _, a := range acts {
					m[a]++
				}
			}
			return m
		}
		c, n := counts("competent"), counts("novice")
		if c[sim.CriticiseNoncompletion] > n[sim.CriticiseNoncompletion] || c[sim.Advice] >= n[sim.Advice] ||
			c[sim.HomeworkReview] <= n[sim.HomeworkReview] || c[sim.DefensiveResponse] >= n[sim.DefensiveResponse]+1 {
			t.Errorf("competent %v\nnovice %v", c, n)
		}
	})
	t.Run("random is roughly uniform", func(t *testing.T) {
		r := sim.NewRun(sc, 1)
		ch := scenariotest.Policy(t, "random").Chooser(9)
		n := len(r.Prompt().Options)
		hits := make([]int, n+1)
		const draws = 20000
		for i := 0; i < draws; i++ {
			hits[ch.Pick(r)]++
		}
		for k := 1; k <= n; k++ {
			if f := float64(hits[k]) / draws; math.Abs(f-1/float64(n)) > 0.02 {
				t.Errorf("option %d picked %.3f of the time, want %.3f", k, f, 1/float64(n))
			}
		}
	})
}

func containsAct(as []sim.Act, a sim.Act) bool {
	for _, b := range as {
		if a == b {
			return true
		}
	}
	return false
}

func equalStreams(a, b []byte) bool { return string(a) == string(b) }

func TestSample(t *testing.T) {
	sc := scenariotest.Shipped(t)
	if a, b := sc.Sample(3), sc.Sample(3); a != b {
		t.Fatal("Sample is not deterministic")
	}
	pop := sc.Population()
	const n = 4000
	var sum, sumsq [2]float64
	for i := 0; i < n; i++ {
		c := sc.Sample(sim.ClientSeed(11, i))
		for _, x := range []float64{c.Traits.Reactance, c.Traits.Motivation, c.Traits.Attachment,
			c.Traits.HomeworkAttitude, c.Traits.Mindedness, c.Traits.Support, c.Initial.Bond,
			c.Initial.Task, c.Initial.Goal, c.Initial.Hope} {
			if x < 0 || x > 1 {
				t.Fatalf("client %d: value %v outside [0,1]", i, x)
			}
		}
		for k, x := range []float64{c.Traits.Reactance, c.Initial.Symptoms} {
			sum[k] += x
			sumsq[k] += x * x
		}
	}
	for k, name := range []string{"reactance", "symptoms"} {
		mean := sum[k] / n
		sd := math.Sqrt(sumsq[k]/n - mean*mean)
		want := pop[name]
		if math.Abs(mean-want.Mean) > 4*want.SD/math.Sqrt(n)+0.01*want.Mean || math.Abs(sd-want.SD) > 0.1*want.SD {
			t.Errorf("%s: mean %.3f sd %.3f, population %+v", name, mean, sd, want)
		}
	}
}

func TestPopulationTable(t *testing.T) {
	src := strings.Replace(exampleScenario, "[[sessions]]", `[population]
reactance = { mean = 0.2, sd = 0.05 }
symptoms = { sd = 20 }

[[sessions]]`, 1)
	sc, err := sim.Load("pop.toml", []byte(src), scenariotest.Model(t))
	if err != nil {
		t.Fatal(err)
	}
	pop := sc.Population()
	if got := pop["reactance"]; got != (sim.Spread{Mean: 0.2, SD: 0.05}) {
		t.Errorf("reactance %+v", got)
	}
	if got := pop["symptoms"]; got != (sim.Spread{Mean: 90, SD: 20}) {
		t.Errorf("symptoms %+v (mean from the client, sd from the table)", got)
	}
	if got := pop["motivation"]; got.Mean != 0.5 || got.SD != 0.12 {
		t.Errorf("motivation %+v: want the client's value and the default spread", got)
	}
	bad := strings.Replace(src, "sd = 0.05", "sd = 5", 1)
	if _, err := sim.Load("pop.toml", []byte(bad), scenariotest.Model(t)); err == nil || !strings.Contains(err.Error(), "sd = 5 is outside 0 to 1") {
		t.Errorf("error %v", err)
	}
}
