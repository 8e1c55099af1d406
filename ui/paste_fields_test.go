package ui

import "testing"

// TestInstructorKeyTextField: the key screen's fields take pasted and
// composed text (app.textField says where they are), and nothing does
// once the class is open.
func TestInstructorKeyTextField(t *testing.T) {
	f := newFakeInstructorServer(t)
	a := newTestApp(t, Options{})
	a.beginInstructor(f.client(""))
	k := screenOf[*keyScreen](t, a)
	for _, focus := range []int{kfKey, kfName} {
		k.focus = focus
		want, _ := k.textField()
		if r, ok := a.textField(); !ok || r != want || r.Empty() {
			t.Errorf("focus %d: the app's text field is %v, %v; want %v", focus, r, ok, want)
		}
	}
	k.focus = kfOpen
	if _, ok := a.textField(); ok {
		t.Error("with the button focused, pasted text has a field to go to")
	}
}

// TestClassCodeTextField: in class mode, the picker's class code field
// takes pasted and composed text as the name field does (app.textField
// says where it is), and a pasted code goes into it.
func TestClassCodeTextField(t *testing.T) {
	_, srv := newFakeClass(t)
	a := newClassApp(t, srv, newMemStorage(""))
	d := newDriver(t, a)
	p := pickerOf(t, a)
	d.idle(1)
	for _, focus := range []int{pfCode, pfName} {
		p.focus = focus
		want, _ := p.textField()
		if r, ok := a.textField(); !ok || r != want || r.Empty() {
			t.Errorf("focus %d: the app's text field is %v, %v; want %v", focus, r, ok, want)
		}
	}
	p.focus = pfCode
	paste(d, "KXR4TP")
	if string(p.code) != "KXR4TP" {
		t.Errorf("after a paste the class code is %q", string(p.code))
	}
}
