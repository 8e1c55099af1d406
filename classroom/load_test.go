package classroom

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/therasim/therasim/debrief"
	"github.com/therasim/therasim/sim"
)

var (
	loadTrainees = flag.Int("load.trainees", 8, "trainees TestLoad plays at once (the goal: 60)")
	loadPace     = flag.Duration("load.pace", 0, "the mean time each trainee of TestLoad takes over a choice, drawn between half and one and a half of it (0: none, as fast as the server answers)")
)

// A class plays at once over real TCP (loopback), each trainee a whole
// shipped course, one Append for each choice as the browser sends them:
// no choice is lost, and every recording replays. The latencies of the
// acknowledgements, the CPU and the peak memory are logged, not asserted
// (go test ./classroom -run TestLoad -load.trainees 60 -v).
func TestLoad(t *testing.T) {
	n := *loadTrainees
	dir := t.TempDir()
	srv, err := New(Config{Dir: dir, Web: fakeWeb(t)})
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"cbt-depression", "psychodynamic-pattern", "eft-self-criticism"}
	policies := []string{"competent", "trainee", "novice"}
	courses := make([]course, n)
	total := 0
	for i := range courses {
		courses[i] = play(t, ids[i%3], policies[(i/3)%3], fmt.Sprintf("Trainee %02d", i+1), uint64(i+1))
		total += len(courses[i].choices)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n}, Timeout: time.Minute}

	var peak uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse+ms.StackInuse)
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	cpu0 := cpuSeconds()
	start := time.Now()
	lat := make([][]time.Duration, n)
	files := make([]string, n)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			co := courses[i]
			// Trainees think for different times, as a class does: a pace
			// the same for all would send every choice of the class at
			// one instant, each second.
			think := rand.New(rand.NewPCG(uint64(i), 1))
			pause := func() time.Duration {
				return time.Duration((0.5 + think.Float64()) * float64(*loadPace))
			}
			post := func(path string, v any, out any) error {
				b, _ := json.Marshal(v)
				resp, err := client.Post(ts.URL+path, "application/json", bytes.NewReader(b))
				if err != nil {
					return err
				}
				defer resp.Body.Close()
				if resp.StatusCode != 200 {
					var r Refusal
					json.NewDecoder(resp.Body).Decode(&r)
					return fmt.Errorf("%s: %d %s", path, resp.StatusCode, r.Error)
				}
				return json.NewDecoder(resp.Body).Decode(out)
			}
			var joined Joined
			if err := post(PathJoin, Join{Code: srv.Code(), Trainee: co.header.Trainee}, &joined); err != nil {
				errs <- err
				return
			}
			for k := range co.choices {
				time.Sleep(pause())
				var ack Acked
				t0 := time.Now()
				if err := post(PathAppend, co.send(srv.Code(), "run", k+1, k+1), &ack); err != nil {
					errs <- fmt.Errorf("%s, choice %d: %w", co.header.Trainee, k+1, err)
					return
				}
				lat[i] = append(lat[i], time.Since(t0))
				if ack.Acked != k+1 {
					errs <- fmt.Errorf("%s, choice %d: acked %d", co.header.Trainee, k+1, ack.Acked)
					return
				}
				files[i] = ack.Recording
			}
		}()
	}
	wg.Wait()
	wall := time.Since(start)
	cpu := cpuSeconds() - cpu0
	close(stop)
	<-sampled
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// No choice lost: every recording is its course, and replays.
	for i, co := range courses {
		rec, err := debrief.Read(filepath.Join(dir, files[i]))
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Choices) != len(co.choices) {
			t.Errorf("%s: %d choices recorded of %d", files[i], len(rec.Choices), len(co.choices))
		}
		if _, err := sim.Replay(shipped(t, co.header.Scenario), rec); err != nil {
			t.Errorf("%s: %v", files[i], err)
		}
	}
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	if len(all) == 0 {
		return
	}
	q := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
	t.Logf("%d trainees, a choice each every %v on average, %d choices in %v (%.0f a second): acknowledgement p50 %v, p99 %v, max %v; CPU %.2f s; peak memory %.1f MB (Go's heap and stacks), resident at most %.1f MB (this process: the server and its clients)",
		n, *loadPace, total, wall.Round(time.Millisecond), float64(total)/wall.Seconds(), q(0.5).Round(10*time.Microsecond), q(0.99).Round(10*time.Microsecond),
		all[len(all)-1].Round(10*time.Microsecond), cpu, float64(peak)/(1<<20), float64(maxRSS())/(1<<20))
}
