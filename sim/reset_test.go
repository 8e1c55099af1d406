package sim

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unsafe"
)

// TestResetIsNew: a Run reset after a course, of the same scenario or
// another, quiet or not, is the run NewRunWith makes, field by field
// (every field of the Run and of its State, unexported ones too, so that a
// field added later and forgotten by Reset fails here), and plays the same
// course: the same fingerprint after every choice, the same Run at the end.
// A State copied from the run before the reset is untouched by it.
func TestResetIsNew(t *testing.T) {
	load := func(path string) *Scenario { return loadTest(t, path) }
	// The shipped course, one with variables and moments, and a short one:
	// a reset moves between courses of different lengths and variables.
	scs := []*Scenario{load("../scenarios/cbt-depression.toml"), load("testdata/variables/clock.toml"), load("testdata/mini.toml")}
	var pols []*Policy
	paths, _ := filepath.Glob("../scenarios/policies/*.toml")
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		p, err := LoadPolicy(path, data)
		if err != nil {
			t.Fatal(err)
		}
		pols = append(pols, p)
	}
	if len(pols) == 0 {
		t.Fatal("no policies")
	}

	reused := new(Run)
	var kept State // a copy of the course before, which a reset must not touch
	var keptWant State
	for k := range 300 {
		sc, pol, seed := scs[k%len(scs)], pols[k%len(pols)], ClientSeed(7, k)
		c := sc.Sample(seed)
		o := Options{Client: &c, Quiet: k%5 != 4}
		reused.Reset(sc, seed, o)
		fresh := NewRunWith(sc, seed, o)
		sameRun(t, k, "after the reset", reused, fresh)
		if !reflect.DeepEqual(kept, keptWant) {
			t.Fatalf("client %d: a State copied before the reset changed with it", k)
		}
		ca, cb := pol.Chooser(seed), pol.Chooser(seed)
		for !fresh.Done() {
			na, nb := ca.Pick(reused), cb.Pick(fresh)
			_, ea := reused.Choose(na)
			_, eb := fresh.Choose(nb)
			if na != nb || (ea == nil) != (eb == nil) {
				t.Fatalf("client %d, choice %d: option %d (%v) after a reset, %d (%v) new", k, fresh.Choices(), na, ea, nb, eb)
			}
			if eb != nil {
				break
			}
			if fa, fb := reused.Fingerprint(), fresh.Fingerprint(); fa != fb {
				t.Fatalf("client %d, choice %d: fingerprint %s after a reset, %s new", k, fresh.Choices(), fa, fb)
			}
		}
		sameRun(t, k, "at the end of the course", reused, fresh)
		kept, keptWant = reused.State(), fresh.State()
	}

	// TreatInto plays what Treat plays, in a run used before.
	for k := range 200 {
		sc, pol, seed := scs[k%len(scs)], pols[k%len(pols)], ClientSeed(8, k)
		ca, erra := pol.TreatInto(reused, sc, seed)
		fresh, cb, errb := pol.Treat(sc, seed)
		if (erra == nil) != (errb == nil) || !reflect.DeepEqual(ca, cb) {
			t.Fatalf("client %d: TreatInto gave %v, %v; Treat %v, %v", k, ca, erra, cb, errb)
		}
		sameRun(t, k, "TreatInto against Treat", reused, fresh)
	}
}

// sameRun fails the test unless a and b are deeply equal, naming the first
// field of the Run (or of its State) that differs.
func sameRun(t *testing.T, k int, when string, a, b *Run) {
	t.Helper()
	if reflect.DeepEqual(*a, *b) {
		return
	}
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	st := reflect.TypeFor[State]()
	for i := range va.NumField() {
		fa, fb := va.Field(i), vb.Field(i)
		if reflect.DeepEqual(open(fa), open(fb)) {
			continue
		}
		name := va.Type().Field(i).Name
		if fa.Type() == st {
			for j := range fa.NumField() {
				if !reflect.DeepEqual(open(fa.Field(j)), open(fb.Field(j))) {
					name += "." + st.Field(j).Name
					fa, fb = fa.Field(j), fb.Field(j)
					break
				}
			}
		}
		t.Fatalf("client %d, %s: Run.%s is %+v after a reset, %+v in a new run", k, when, name, open(fa), open(fb))
	}
	t.Fatalf("client %d, %s: the runs differ", k, when)
}

// open returns the value of v, a field exported or not, for comparing.
func open(v reflect.Value) any {
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem().Interface()
}
