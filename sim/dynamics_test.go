package sim

import (
	"os"
	"strings"
	"testing"
)

// The dynamics as a specification: what a client brings makes ruptures
// likelier, what a repair is made of makes it likelier to hold, and a model
// without a [dynamics] table plays as models did before there was one.

func shippedDynamics(t *testing.T) *Dynamics {
	t.Helper()
	d := testScenario(t).Dynamics()
	if d == nil {
		t.Fatal("the shipped model has no [dynamics]")
	}
	return d
}

func TestRuptureChance(t *testing.T) {
	d := shippedDynamics(t)
	typical := Traits{Reactance: 0.4, Attachment: 0.5}
	base := d.ruptureChance(&typical, 0.5, false, 0, 1)
	for _, tt := range []struct {
		what  string
		t     Traits
		bond  float64
		last  bool
		worse float64
	}{
		{"an insecurely attached client", Traits{Reactance: 0.4, Attachment: 0.1}, 0.5, false, 0},
		{"a reactant client", Traits{Reactance: 0.9, Attachment: 0.5}, 0.5, false, 0},
		{"a weak bond", typical, 0.2, false, 0},
		{"a rupture last session", typical, 0.5, true, 0},
		{"a week that went badly", typical, 0.5, false, 10},
	} {
		if got := d.ruptureChance(&tt.t, tt.bond, tt.last, tt.worse, 1); got <= base {
			t.Errorf("%s: chance %.3f, not above the typical client's %.3f", tt.what, got, base)
		}
	}
	if got := d.ruptureChance(&typical, 0.5, false, 0, 0); got != 0 {
		t.Errorf("rupture_proneness 0: chance %.3f, want 0", got)
	}
	if got := d.ruptureChance(&typical, 0.5, false, 0, 0.5); got >= base {
		t.Errorf("rupture_proneness 0.5: chance %.3f, not below %.3f", got, base)
	}
	worst := Traits{Reactance: 1, Attachment: 0}
	if got := d.ruptureChance(&worst, 0, true, 100, 3); got > d.RuptureMax {
		t.Errorf("chance %.3f above rupture_max %.3f", got, d.RuptureMax)
	}
}

func TestRepairChance(t *testing.T) {
	d := shippedDynamics(t)
	typical := Traits{Reactance: 0.4, Attachment: 0.5}
	base := d.repairChance(&typical, false, 0.5, 0.3)
	for _, tt := range []struct {
		what   string
		t      Traits
		ack    bool
		bond   float64
		sev    float64
		better bool
	}{
		{"owning one's part", typical, true, 0.5, 0.3, true},
		{"a stronger bond", typical, false, 0.8, 0.3, true},
		{"a more severe rupture", typical, false, 0.5, 0.6, false},
		{"an insecurely attached client", Traits{Reactance: 0.4, Attachment: 0.1}, false, 0.5, 0.3, false},
		{"a reactant client", Traits{Reactance: 0.9, Attachment: 0.5}, false, 0.5, 0.3, false},
	} {
		got := d.repairChance(&tt.t, tt.ack, tt.bond, tt.sev)
		if tt.better && got <= base || !tt.better && got >= base {
			t.Errorf("%s: chance %.3f against %.3f", tt.what, got, base)
		}
	}
	if base <= d.RepairMin || base >= d.RepairMax {
		t.Errorf("a typical repair's chance %.3f is at a bound (%v to %v): most repairs hold, not all", base, d.RepairMin, d.RepairMax)
	}
}

// TestClientBeginsRupture: over many courses of the shipped course the
// client begins ruptures of their own, each announced as the client's with
// a sentence, and the next thing they say carries the model's cue; a
// repair sometimes fails, and the rupture stays open. Played as the
// script alone (Options.Scripted), neither happens.
func TestClientBeginsRupture(t *testing.T) {
	sc := testScenario(t)
	d := sc.Dynamics()
	var begun, cued, failed int
	for seed := uint64(1); seed <= 60; seed++ {
		for _, scripted := range []bool{false, true} {
			r := NewRunWith(sc, seed, Options{Scripted: scripted})
			for !r.Done() {
				if _, err := r.Choose(1); err != nil {
					t.Fatal(err)
				}
			}
			ev := r.Events()
			for i, e := range ev {
				switch {
				case e.Kind == RuptureOpened && e.Rule == ByClient && strings.Contains(e.Explain, "begins on the client's side"):
					if scripted {
						t.Fatalf("seed %d, the script alone: the client began a rupture of the model's", seed)
					}
					begun++
					for _, n := range ev[i+1:] {
						if n.Kind == ClientSays {
							for _, c := range append(d.WithdrawalCues, d.ConfrontationCues...) {
								if strings.Contains(n.Cues, c) {
									cued++
									break
								}
							}
							break
						}
					}
				case e.Kind == RepairFailed:
					if scripted {
						t.Fatalf("seed %d, the script alone: a repair failed", seed)
					}
					if e.Explain == "" || e.Value <= 0 || e.Value >= 1 {
						t.Errorf("seed %d: repair failed without its chance and sentence: %+v", seed, e)
					}
					failed++
				}
			}
		}
	}
	if begun == 0 || cued == 0 {
		t.Errorf("over 60 courses the client began %d ruptures, %d with the cue on their next line", begun, cued)
	}
	t.Logf("60 courses: %d ruptures the client began (%d cued on the next line), %d repairs that failed", begun, cued, failed)
}

// TestNoDynamics: a model without [dynamics] has none, and its runs are
// those the script alone plays with the shipped model's rules: the same
// events, draw for draw.
func TestNoDynamics(t *testing.T) {
	data, err := os.ReadFile("../scenarios/model.toml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i, j := strings.Index(s, "[dynamics]"), strings.Index(s, "# --- Rules")
	if i < 0 || j < i {
		t.Fatal("cannot find the [dynamics] table in the shipped model")
	}
	m, err := LoadModel("model.toml", []byte(s[:i]+s[j:]))
	if err != nil {
		t.Fatal(err)
	}
	if m.Dynamics() != nil {
		t.Fatal("a model without [dynamics] has dynamics")
	}
	src, err := os.ReadFile("testdata/mini.toml")
	if err != nil {
		t.Fatal(err)
	}
	without, err := Load("mini.toml", src, m)
	if err != nil {
		t.Fatal(err)
	}
	with := testScenario(t)
	for seed := uint64(1); seed <= 20; seed++ {
		a := NewRun(without, seed)
		b := NewRunWith(with, seed, Options{Scripted: true})
		for !a.Done() && !b.Done() {
			if _, err := a.Choose(1); err != nil {
				t.Fatal(err)
			}
			if _, err := b.Choose(1); err != nil {
				t.Fatal(err)
			}
			if a.Fingerprint() != b.Fingerprint() {
				t.Fatalf("seed %d, choice %d: a model without [dynamics] and the script alone part", seed, a.Choices())
			}
		}
	}
}
