package sim

import (
	"reflect"
	"slices"
	"testing"
)

// TestWeekReads holds weekReads to what the week does: every attribute it
// names but kind (which picks the client's words) changes the chance that
// a task is done, and no other attribute does.
func TestWeekReads(t *testing.T) {
	sc := testScenario(t)
	p := sc.params
	s := State{Bond: 0.5, Task: 0.5, Goal: 0.5, Hope: 0.5, Symptoms: 90}
	tr := sc.Client.Traits
	base := p.completion(&s, &tr, &Assignment{}, false, false)
	for i, name := range attrNames() {
		var a Assignment
		f := reflect.ValueOf(&a.Attrs).Elem().Field(i)
		switch f.Kind() {
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Float64:
			f.SetFloat(0.9)
		case reflect.String:
			f.SetString("thought_record")
		}
		changed := p.completion(&s, &tr, &a, false, false) != base
		if want := slices.Contains(weekReads(), name) && name != "kind"; changed != want {
			t.Errorf("attribute %s: the week's chance of the task changes: %v; weekReads says it reads it: %v", name, changed, want)
		}
	}
}
