package sim

// HasLifeEvent reports whether the scenario has a life event with id id:
// what tells, in an event's Rule, a life event from a rule.
func (sc *Scenario) HasLifeEvent(id string) bool {
	for _, ev := range sc.events {
		if ev.id == id {
			return true
		}
	}
	return false
}
