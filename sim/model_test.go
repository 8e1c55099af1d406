package sim

import (
	"os"
	"testing"
)

// testScenario loads testdata/mini.toml against the shipped model file
// (read from disk: package scenarios imports sim, so it cannot be used here).
func testScenario(t *testing.T) *Scenario { return loadTest(t, "testdata/mini.toml") }

// loadTest loads the scenario file at path against the shipped model file.
func loadTest(t *testing.T, path string) *Scenario {
	t.Helper()
	m := fuzzModel(t)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Load(path, data, m)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestRules plays one act from a set state and checks the direction of
// every change the default rules make: the model's teaching in a table.
func TestRules(t *testing.T) {
	guarded := func(s *State) { s.Bond, s.Task, s.Goal, s.Hope = 0.25, 0.3, 0.3, 0.25 }
	secure := func(s *State) { s.Bond, s.Task, s.Goal, s.Hope = 0.7, 0.6, 0.6, 0.55 }
	withdrawn := func(s *State) {
		guarded(s)
		s.Rupture, s.RuptureSeverity = RuptureWithdrawal, 0.5
	}
	mild := func(s *State) { // what is left of a rupture the client has put into words
		guarded(s)
		s.Rupture, s.RuptureSeverity = RuptureWithdrawal, 0.3
	}
	confronting := func(s *State) {
		secure(s)
		s.Rupture, s.RuptureSeverity = RuptureConfrontation, 0.5
	}
	due := func(done Completion) func(*State) {
		return func(s *State) {
			guarded(s)
			s.Homework = []Assignment{{Session: 1, Completion: done}}
			s.Due = 0
		}
	}
	const up, down = 1, -1
	tests := []struct {
		name    string
		setup   func(*State)
		act     Act
		attrs   Attrs
		want    map[string]int // variable -> direction; unlisted must not change
		rupture RuptureKind    // the rupture after the act
	}{
		{"reflection builds bond", guarded, EmpathicReflection, Attrs{}, map[string]int{"bond": up, "hope": up}, NoRupture},
		{"validation builds bond", guarded, Validation, Attrs{}, map[string]int{"bond": up, "hope": up}, NoRupture},
		{"reassurance before the bond is strong rings hollow", guarded, Reassurance, Attrs{}, map[string]int{"bond": down}, NoRupture},
		{"reassurance within a strong bond does nothing", secure, Reassurance, Attrs{}, map[string]int{}, NoRupture},
		{"advice to a reactant, guarded client withdraws", guarded, Advice, Attrs{}, map[string]int{"bond": down, "task": down}, RuptureWithdrawal},
		{"early confrontation opens a rupture", guarded, Confrontation, Attrs{}, map[string]int{"bond": down, "task": down}, RuptureConfrontation},
		{"disputing within a secure bond costs a reactant client, who pushes back", secure, Confrontation, Attrs{}, map[string]int{"bond": down, "task": down}, RuptureConfrontation},
		// Interpretations, links and transference interpretations: how they
		// are done decides, not a fixed bond (Crits-Christoph, Cooper &
		// Luborsky 1988; Piper et al. 1991; Høglend et al. 2008).
		{"early interpretation", guarded, Interpretation, Attrs{}, map[string]int{"bond": down, "goal": down}, RuptureWithdrawal},
		{"an unprepared interpretation, however accurate, costs a little within a secure bond", secure, Interpretation, Attrs{Accurate: true}, map[string]int{"bond": down, "goal": down}, NoRupture},
		{"an unprepared transference interpretation strains even a secure bond", secure, TransferenceInterpretation, Attrs{}, map[string]int{"bond": down, "goal": down}, RuptureWithdrawal},
		{"an unprepared link strains a guarded client", guarded, Linking, Attrs{}, map[string]int{"bond": down, "goal": down}, RuptureWithdrawal},
		{"an unprepared transference interpretation puts a guarded client on the spot", guarded, TransferenceInterpretation, Attrs{}, map[string]int{"bond": down, "goal": down}, RuptureWithdrawal},
		{"a prepared, accurate interpretation helps within a modest bond", guarded, Interpretation, Attrs{Prepared: true, Accurate: true}, map[string]int{"goal": up, "task": up, "hope": up}, NoRupture},
		{"a prepared, accurate link helps", secure, Linking, Attrs{Prepared: true, Accurate: true}, map[string]int{"goal": up, "task": up, "hope": up}, NoRupture},
		{"a prepared, accurate transference interpretation helps", guarded, TransferenceInterpretation, Attrs{Prepared: true, Accurate: true}, map[string]int{"goal": up, "task": up, "hope": up}, NoRupture},
		{"a prepared but inaccurate interpretation misses", secure, Interpretation, Attrs{Prepared: true}, map[string]int{"goal": down}, NoRupture},
		{"interpreting a pattern in a rupture presses on", withdrawn, Interpretation, Attrs{Prepared: true, Accurate: true}, map[string]int{"bond": down, "rupture_severity": up}, RuptureWithdrawal},
		{"a prepared transference interpretation eases a rupture", withdrawn, TransferenceInterpretation, Attrs{Prepared: true, Accurate: true}, map[string]int{"bond": up, "rupture_severity": down}, RuptureWithdrawal},
		{"clarification", guarded, Clarification, Attrs{}, map[string]int{"bond": up, "task": up}, NoRupture},
		// Here and now (immediacy, metacommunication: Safran & Muran 2000).
		{"here and now within a working bond builds it", secure, HereAndNow, Attrs{}, map[string]int{"bond": up, "task": up}, NoRupture},
		{"here and now with a guarded client feels exposing", guarded, HereAndNow, Attrs{}, map[string]int{"bond": down}, NoRupture},
		{"here and now eases a rupture", withdrawn, HereAndNow, Attrs{}, map[string]int{"bond": up, "rupture_severity": down}, RuptureWithdrawal},
		{"here and now closes a rupture the client has put into words", mild, HereAndNow, Attrs{}, map[string]int{"bond": up, "task": up, "rupture_severity": down}, NoRupture},
		// Humanistic-experiential responses (Elliott et al. 2004).
		{"empathic exploration", guarded, EmpathicExploration, Attrs{}, map[string]int{"bond": up, "task": up, "hope": up}, NoRupture},
		{"a tentative empathic conjecture, even early", guarded, EmpathicConjecture, Attrs{}, map[string]int{"bond": up, "task": up}, NoRupture},
		{"evocative reflection", guarded, EvocativeReflection, Attrs{}, map[string]int{"bond": up, "task": up, "hope": up}, NoRupture},
		{"affirmation", guarded, Affirmation, Attrs{}, map[string]int{"bond": up, "hope": up}, NoRupture},
		{"chair work at the client's marker", guarded, ChairWork, Attrs{AtMarker: true}, map[string]int{"task": up, "goal": up, "hope": up}, NoRupture},
		{"focusing at the client's marker", guarded, Focusing, Attrs{AtMarker: true}, map[string]int{"task": up, "goal": up, "hope": up}, NoRupture},
		{"chair work imposed on a reactant client", secure, ChairWork, Attrs{}, map[string]int{"bond": down, "task": down}, RuptureConfrontation},
		{"focusing imposed on a reactant client", guarded, Focusing, Attrs{}, map[string]int{"bond": down, "task": down}, RuptureConfrontation},
		{"chair work in a rupture presses on", withdrawn, ChairWork, Attrs{AtMarker: true}, map[string]int{"bond": down, "rupture_severity": up}, RuptureWithdrawal},
		{"goal collaboration", guarded, GoalCollaboration, Attrs{}, map[string]int{"goal": up, "hope": up}, NoRupture},
		{"rationale", guarded, TaskRationale, Attrs{}, map[string]int{"task": up, "hope": up}, NoRupture},
		{"collaborative homework", guarded, HomeworkAssign, Attrs{Collaborative: true, Rationale: true, Difficulty: 0.2}, map[string]int{"task": up, "hope": up}, NoRupture},
		{"imposed, demanding homework", guarded, HomeworkAssign, Attrs{Difficulty: 0.8}, map[string]int{"task": down, "bond": down, "hope": down}, NoRupture},
		{"reviewing homework", due("partial"), HomeworkReview, Attrs{}, map[string]int{"task": up, "bond": up}, NoRupture},
		{"skipping the review", due("full"), HomeworkSkipReview, Attrs{}, map[string]int{"task": down}, NoRupture},
		{"exploring non-completion", due("none"), ExploreNoncompletion, Attrs{}, map[string]int{"bond": up, "task": up}, NoRupture},
		{"criticising non-completion", due("none"), CriticiseNoncompletion, Attrs{}, map[string]int{"bond": down, "hope": down}, RuptureWithdrawal},
		{"a repair is a step: it eases a rupture, not closes it", withdrawn, RuptureRepair, Attrs{Acknowledges: true}, map[string]int{"bond": up, "rupture_severity": down}, RuptureWithdrawal},
		{"a repair closes a rupture once the client has said what went wrong", mild, RuptureRepair, Attrs{Acknowledges: true}, map[string]int{"bond": up, "task": up, "rupture_severity": down}, NoRupture},
		{"defensive answer deepens a rupture", confronting, DefensiveResponse, Attrs{}, map[string]int{"bond": down, "rupture_severity": up}, RuptureConfrontation},
		{"asking for feedback eases a rupture", withdrawn, AskFeedback, Attrs{}, map[string]int{"bond": up, "rupture_severity": down}, RuptureWithdrawal},
		{"changing topic in a rupture", withdrawn, ChangeTopic, Attrs{}, map[string]int{"bond": down, "rupture_severity": up}, RuptureWithdrawal},
		{"lecturing a confronting client", confronting, Psychoeducation, Attrs{}, map[string]int{"bond": down, "rupture_severity": up}, RuptureConfrontation},
	}
	// The test client is reactant (0.6); a calm one is the same client with
	// reactance 0.3.
	calm := []struct {
		name  string
		setup func(*State)
		act   Act
		attrs Attrs
		want  map[string]int
		rupt  RuptureKind
	}{
		{"chair work imposed on a calm client: they withdraw", secure, ChairWork, Attrs{}, map[string]int{"bond": down, "task": down}, RuptureWithdrawal},
		{"focusing imposed on a calm client: they withdraw", guarded, Focusing, Attrs{}, map[string]int{"bond": down, "task": down}, RuptureWithdrawal},
	}
	sc := testScenario(t)
	calmClient := sc.Client
	calmClient.Traits.Reactance = 0.3
	for _, c := range calm {
		tests = append(tests, struct {
			name    string
			setup   func(*State)
			act     Act
			attrs   Attrs
			want    map[string]int
			rupture RuptureKind
		}{c.name, c.setup, c.act, c.attrs, c.want, c.rupt})
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The rules alone: a repair always holds (Options.Scripted).
			r := NewRunWith(sc, 1, Options{Scripted: true})
			if i >= len(tests)-len(calm) {
				r = NewRunWith(sc, 1, Options{Client: &calmClient, Scripted: true})
			}
			tt.setup(&r.st)
			r.fill("", Attrs{}) // as enter does before every prompt
			before := r.st.clone()
			r.apply(option(tt.act, tt.attrs))
			vars := map[string][2]float64{
				"bond": {before.Bond, r.st.Bond}, "task": {before.Task, r.st.Task},
				"goal": {before.Goal, r.st.Goal}, "hope": {before.Hope, r.st.Hope},
				"symptoms": {before.Symptoms, r.st.Symptoms},
			}
			if before.Rupture != NoRupture && r.st.Rupture != NoRupture {
				vars["rupture_severity"] = [2]float64{before.RuptureSeverity, r.st.RuptureSeverity}
			}
			for v, ba := range vars {
				dir := 0
				if ba[1] > ba[0] {
					dir = up
				} else if ba[1] < ba[0] {
					dir = down
				}
				if dir != tt.want[v] {
					t.Errorf("%s: %.4f -> %.4f, want direction %d", v, ba[0], ba[1], tt.want[v])
				}
			}
			if r.st.Rupture != tt.rupture {
				t.Errorf("rupture %q, want %q", r.st.Rupture, tt.rupture)
			}
			for _, e := range r.events {
				if e.Kind == Change && (e.Rule == "" || e.Explain == "") {
					t.Errorf("change without rule or sentence: %+v", e)
				}
			}
		})
	}
}

// TestRepairLeavesBondStronger: a rupture opened and then repaired leaves
// the bond above where it was before the rupture (Safran & Muran).
func TestRepairLeavesBondStronger(t *testing.T) {
	r := NewRun(testScenario(t), 1)
	r.st.Bond = 0.4
	start := r.st.Bond
	r.fill("", Attrs{})
	r.apply(option(Confrontation, Attrs{}))
	if r.st.Rupture == NoRupture {
		t.Fatal("no rupture opened")
	}
	// Repair is a process: the invitation that owns the therapist's part
	// eases the rupture; it closes when the client, having said what went
	// wrong, is heard.
	r.fill("", Attrs{})
	r.apply(option(RuptureRepair, Attrs{Acknowledges: true}))
	if r.st.Rupture == NoRupture {
		t.Fatal("one sentence of repair closed the rupture")
	}
	for i := 0; i < 3 && r.st.Rupture != NoRupture; i++ {
		r.fill("", Attrs{})
		r.apply(option(Validation, Attrs{}))
	}
	if r.st.Rupture != NoRupture {
		t.Fatalf("rupture not repaired: severity %.2f", r.st.RuptureSeverity)
	}
	if r.st.Bond <= start {
		t.Errorf("bond %.3f after repair, %.3f before the rupture", r.st.Bond, start)
	}
	if r.st.RupturesOpened != 1 || r.st.RupturesRepaired != 1 {
		t.Errorf("opened %d repaired %d", r.st.RupturesOpened, r.st.RupturesRepaired)
	}
}

func TestSoft(t *testing.T) {
	for _, x := range []float64{0, 0.01, 0.3, 0.5, 0.9, 1} {
		for _, d := range []float64{-5, -1, -0.5, -0.1, 0, 0.1, 0.5, 1, 5} {
			y := softMid(x, d, 0, 1)
			if y < 0 || y > 1 {
				t.Errorf("softMid(%v, %v) = %v, outside [0,1]", x, d, y)
			}
			if d > 0 && y < x || d < 0 && y > x {
				t.Errorf("softMid(%v, %v) = %v moves the wrong way", x, d, y)
			}
		}
	}
	if got := softMid(0.5, 0.1, 0, 1); got != 0.6 {
		t.Errorf("an amount is its change at mid-range: softMid(0.5, 0.1) = %v", got)
	}
	if hi, lo := softMid(0.9, 0.1, 0, 1)-0.9, softMid(0.3, 0.1, 0, 1)-0.3; hi >= lo {
		t.Errorf("a rise near the top (%v) should be smaller than lower down (%v)", hi, lo)
	}
}

// TestWeekDirections holds the week's parameters to the directions the
// research gives them (docs/model.md): nothing backwards.
func TestWeekDirections(t *testing.T) {
	sc := testScenario(t)
	p := sc.params
	tr := sc.Client.Traits
	base := State{Bond: 0.5, Task: 0.5, Goal: 0.5, Hope: 0.5, Symptoms: 90, Rupture: NoRupture, Session: 5}
	t.Run("better alliance never means more dropout", func(t *testing.T) {
		for _, rupt := range []float64{0, 0.5} {
			prev := 2.0
			for a := 0.0; a <= 1.0001; a += 0.05 {
				s := base
				s.Bond, s.Task, s.Goal = a, a, a
				if rupt > 0 {
					s.Rupture, s.RuptureSeverity = RuptureWithdrawal, rupt
				}
				h := p.hazard(&s, &tr, false)
				if h > prev {
					t.Errorf("alliance %.2f: hazard %.4f > %.4f at lower alliance", a, h, prev)
				}
				prev = h
			}
		}
	})
	t.Run("ruptures, hopelessness and being off track raise dropout", func(t *testing.T) {
		h0 := p.hazard(&base, &tr, false)
		for _, tt := range []struct {
			what string
			set  func(*State)
		}{
			{"an open rupture", func(s *State) { s.Rupture, s.RuptureSeverity = RuptureConfrontation, 0.6 }},
			{"low hope", func(s *State) { s.Hope = 0.1 }},
			{"not on track", func(s *State) { s.OQ = []OQ{{Session: 1, Score: 90}, {Session: 3, Score: 95, NotOnTrack: true}} }},
			{"an early session", func(s *State) { s.Session = 1 }},
		} {
			s := base
			tt.set(&s)
			if p.hazard(&s, &tr, false) <= h0 {
				t.Errorf("%s does not raise the hazard", tt.what)
			}
		}
	})
	t.Run("a not-on-track signal taken up with the client adds nothing", func(t *testing.T) {
		s := base
		s.OQ = []OQ{{Session: 1, Score: 90}, {Session: 3, Score: 95, NotOnTrack: true}}
		if got := p.hazard(&s, &tr, true); got != p.hazard(&base, &tr, false) {
			t.Errorf("taken up: hazard %.4f, want the on-track %.4f", got, p.hazard(&base, &tr, false))
		}
	})
	t.Run("symptoms improve faster with alliance, hope and homework", func(t *testing.T) {
		r0 := p.rate(&base, &tr, 0)
		s := base
		s.Bond, s.Task, s.Goal = 0.8, 0.8, 0.8
		if p.rate(&s, &tr, 0) <= r0 {
			t.Error("alliance")
		}
		s = base
		s.Hope = 0.8
		if p.rate(&s, &tr, 0) <= r0 {
			t.Error("hope")
		}
		if p.rate(&base, &tr, 1) <= p.rate(&base, &tr, 0.5) || p.rate(&base, &tr, 0.5) <= r0 {
			t.Error("homework compliance")
		}
	})
	t.Run("how homework is set changes completion", func(t *testing.T) {
		a := Assignment{Attrs: Attrs{Difficulty: 0.3}}
		p0 := p.completion(&base, &tr, &a, false, false)
		for name, at := range map[string]Attrs{
			"collaborative": {Collaborative: true, Difficulty: 0.3},
			"rationale":     {Rationale: true, Difficulty: 0.3},
			"specific":      {Specific: true, Difficulty: 0.3},
			"written":       {Written: true, Difficulty: 0.3},
			"matched":       {Matched: true, Difficulty: 0.3},
			"obstacles":     {Obstacles: true, Difficulty: 0.3},
			"starts small":  {Difficulty: 0.1},
		} {
			b := Assignment{Attrs: at}
			if got := p.completion(&base, &tr, &b, false, false); got <= p0 {
				t.Errorf("%s: %.3f, not above %.3f", name, got, p0)
			}
		}
		if p.completion(&base, &tr, &a, true, true) <= p.completion(&base, &tr, &a, false, true) {
			t.Error("reviewing the last task does not help")
		}
		c := Assignment{Attrs: a.Attrs, Criticised: true}
		if p.completion(&base, &tr, &c, false, false) >= p0 {
			t.Error("criticism does not lower completion")
		}
		s := base
		s.Task = 0.8
		if p.completion(&s, &tr, &a, false, false) <= p0 {
			t.Error("task agreement does not raise completion")
		}
	})
}

func TestClassify(t *testing.T) {
	tests := []struct {
		intake, final float64
		want          Outcome
	}{
		{90, 60, Recovered},
		{90, 76, Improved},
		{70, 64, Unchanged},
		{77, 63, Recovered},
		{90, 80, Unchanged},
		{60, 74, Deteriorated},
		{60, 73, Unchanged},
	}
	for _, tt := range tests {
		if got := Classify(tt.intake, tt.final); got != tt.want {
			t.Errorf("Classify(%v, %v) = %s, want %s", tt.intake, tt.final, got, tt.want)
		}
	}
}

func TestExpectedCurve(t *testing.T) {
	p := testScenario(t).params
	if got := p.Expected(90, 1); got != 90 {
		t.Errorf("expected at session 1 = %v, want the intake", got)
	}
	prev := 90.0
	for n := 2; n <= 20; n++ {
		e := p.Expected(90, n)
		if e >= prev || e < p.OQExpectedFloor {
			t.Errorf("session %d: expected %v after %v", n, e, prev)
		}
		prev = e
	}
}

// TestWAICeiling: the client-rated WAI-SR is ceiling-heavy, as real data
// are: a middling alliance already rates above the scale's midpoint.
func TestWAICeiling(t *testing.T) {
	r := NewRun(testScenario(t), 5)
	sum := 0.0
	const n = 400
	for i := 0; i < n; i++ {
		r.st.Bond, r.st.Task, r.st.Goal = 0.5, 0.5, 0.5
		r.measureWAI()
		sum += r.st.WAI[len(r.st.WAI)-1].Total
	}
	if mean := sum / n; mean < 3.4 || mean > 4.2 {
		t.Errorf("mean WAI-SR item at alliance 0.5 is %.2f, want 3.4–4.2", mean)
	}
}

// TestRuptureGate: a rule whose condition demands a rupture open, or none,
// is not judged in the other case (Scenario.index), and the gate is read
// from the condition's conjuncts only.
func TestRuptureGate(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want int8
	}{
		{`rupture != "none"`, gateOpen},
		{`rupture == "none"`, gateNone},
		{`"none" == rupture`, gateNone},
		{`rupture != "none" && rupture_severity <= 0.35`, gateOpen},
		{`bond >= 0.35 && rupture == "none"`, gateNone},
		{`rupture == "none" || bond < 0.3`, gateAny},
		{`!(rupture == "none")`, gateAny},
		{`rupture == "withdrawal"`, gateAny},
		{`bond < 0.5`, gateAny},
	} {
		ld := &loader{file: "t"}
		c := ld.condition("when", tt.src)
		if c.prog == nil {
			t.Fatalf("%s: %v", tt.src, ld.probs)
		}
		if c.gate != tt.want {
			t.Errorf("%s: gate %d, want %d", tt.src, c.gate, tt.want)
		}
	}
}

// option is an option of act a with attributes at, leading nowhere.
func option(a Act, at Attrs) *Option {
	o := &Option{Attrs: at, next: end}
	o.setAct(a)
	return o
}
