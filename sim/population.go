package sim

// Spread is the distribution of one trait or starting value among a
// scenario's clients: normal around Mean with standard deviation SD, kept
// within the variable's range.
type Spread struct {
	Mean, SD float64
}

// The default variation around the authored client when a scenario gives no
// [population] entry: enough that a cohort is not N copies of one person,
// small enough that the client is recognisably the one described. The
// figures are about a third of the spread of these measures in outpatient
// samples: ±0.12 on a trait, ±0.06 on an alliance dimension or hope, ±12
// OQ-45 points (intake SD in outpatient samples is about 20).
const (
	defaultTraitSD    = 0.12
	defaultAllianceSD = 0.06
	defaultSymptomSD  = 12.0
)

func populationNames() [11]string {
	return [11]string{"reactance", "motivation", "attachment", "homework_attitude", "mindedness", "support",
		"bond", "task", "goal", "hope", "symptoms"}
}

func (c *Client) values() [11]float64 {
	t, in := c.Traits, c.Initial
	return [11]float64{t.Reactance, t.Motivation, t.Attachment, t.HomeworkAttitude, t.Mindedness, t.Support,
		in.Bond, in.Task, in.Goal, in.Hope, in.Symptoms}
}

func (c *Client) setValues(v [11]float64) {
	c.Traits = Traits{v[0], v[1], v[2], v[3], v[4], v[5]}
	c.Initial = Initial{Bond: v[6], Task: v[7], Goal: v[8], Hope: v[9], Symptoms: v[10]}
}

func (ld *loader) population(c Client, pf *populationFile) [11]Spread {
	var out [11]Spread
	vals := c.values()
	for i := range out {
		sd := defaultTraitSD
		switch {
		case i == 10:
			sd = defaultSymptomSD
		case i >= 6:
			sd = defaultAllianceSD
		}
		out[i] = Spread{Mean: vals[i], SD: sd}
	}
	if pf == nil {
		return out
	}
	files := [11]*spreadFile{pf.Reactance, pf.Motivation, pf.Attachment, pf.HomeworkAttitude, pf.Mindedness,
		pf.Support, pf.Bond, pf.Task, pf.Goal, pf.Hope, pf.Symptoms}
	names := populationNames()
	for i, f := range files {
		if f == nil {
			continue
		}
		p := "population." + names[i]
		hi := 1.0
		if i == 10 {
			hi = MaxOQ
		}
		if f.Mean != nil {
			if *f.Mean < 0 || *f.Mean > hi {
				ld.errorf(join(p, "mean"), "mean = %v is outside 0 to %v", *f.Mean, hi)
			}
			out[i].Mean = *f.Mean
		}
		if f.SD != nil {
			if *f.SD < 0 || *f.SD > hi {
				ld.errorf(join(p, "sd"), "sd = %v is outside 0 to %v", *f.SD, hi)
			}
			out[i].SD = *f.SD
		}
		if f.Mean == nil && f.SD == nil {
			ld.errorf(p, "%s needs a mean, an sd or both", names[i])
		}
	}
	return out
}

// Population returns the spread of each trait and starting value, by name
// (the traits, then bond, task, goal, hope and symptoms).
func (sc *Scenario) Population() map[string]Spread {
	m := make(map[string]Spread)
	for i, n := range populationNames() {
		m[n] = sc.population[i]
	}
	return m
}

// Sample draws one client of the scenario's population: the authored
// client with traits and starting values drawn from their spreads. The
// draws come from a generator of their own, derived from seed, so a run
// with the same seed draws the same course whatever client it is given.
func (sc *Scenario) Sample(seed uint64) Client {
	var g rng
	g.seed(mix(seed ^ 0x706f70756c617465)) // "populate"
	c := sc.Client
	v := c.values()
	for i, sp := range sc.population {
		hi := 1.0
		if i == 10 {
			hi = MaxOQ
		}
		x := sp.Mean
		// Truncated normal: draw again (at most 8 times) rather than pile
		// values up at a bound; always 8 draws, so the order is fixed. The
		// draws after the one taken are skipped in one step, not drawn.
		for k := 0; k < 8; k++ {
			y := sp.Mean + float64(sp.SD*g.normal())
			if y >= 0 && y <= hi {
				x = y
				g.skipNormals(7 - k)
				break
			}
		}
		v[i] = clamp(x, 0, hi)
	}
	c.setValues(v)
	return c
}

// mix scrambles a seed (SplitMix64's finaliser), so that nearby seeds give
// unrelated streams.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// ClientSeed returns the seed of client i of a cohort with the given seed:
// the same client whatever the number of workers or shards.
func ClientSeed(cohort uint64, i int) uint64 {
	return mix(cohort ^ mix(uint64(i)+1))
}
