package cohort

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/therasim/therasim/sim"
)

// chunk is the number of clients a worker takes at a time.
const chunk = 64

// window is the number of chunks per worker that may be played ahead of
// the oldest chunk not yet handed on: the reorder window between the
// workers, which finish chunks in any order, and the collector, which
// takes them in client order. It bounds the memory of a run.
const window = 4

// A batch is a chunk of consecutive clients of a shard, played by one
// worker, with their records and, when the files are written, their rows.
// Batches are reused: there are as many as the window holds.
type batch struct {
	k        int       // the chunk's number in the shard, from 0
	n        int       // the clients in it (chunk, or fewer in the last)
	clients  []Client  // chunk of them
	sessions []Session // course slots per client; the first Attended used
	fails    [][]sim.Failure
	errs     []error
	rows     [2][]byte // per-client and per-session rows, when written
}

// runShard plays the clients of cfg's shard on cfg.Workers goroutines and
// hands each client with its sessions to each, on the calling goroutine and
// in client order, and its rows to cfg.Clients and cfg.Sessions. At most
// window chunks per worker are in memory at once. It stops early when ctx
// is done (see Stream), or at the first client, in client order, whose run
// failed, or at the first error writing; it returns only once its workers
// have.
func runShard(ctx context.Context, sc *sim.Scenario, pol *sim.Policy, cfg Config, each func(*Client, []Session)) ([]Failures, error) {
	if cfg.N < 0 {
		return nil, fmt.Errorf("cohort of %d clients", cfg.N)
	}
	if cfg.Shards == 0 {
		cfg.Shards, cfg.Shard = 1, 1
	}
	if cfg.Shards < 0 || cfg.Shard < 1 || cfg.Shard > cfg.Shards {
		return nil, fmt.Errorf("shard %d/%d: shards are numbered from 1 to their number", cfg.Shard, cfg.Shards)
	}
	if len(sc.Sessions) == 0 {
		return nil, errors.New("the scenario has no sessions")
	}
	lo, hi := ShardRange(cfg.N, cfg.Shard, cfg.Shards)
	n := hi - lo
	chunks := n / chunk
	if n%chunk != 0 {
		chunks++
	}
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, chunks))

	// The files: the header now, the rows as chunks come in.
	f := newFormat(cfg.cohort(sc, pol))
	var out [2]*bufio.Writer
	for i, w := range []io.Writer{cfg.Clients, cfg.Sessions} {
		if w != nil {
			out[i] = bufio.NewWriterSize(w, 256<<10)
			out[i].Write(appendHeader(nil, [][]string{ClientsHeader, SessionsHeader}[i]))
		}
	}

	caller := ctx
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	course := len(sc.Sessions)
	size := window * workers
	free := make(chan *batch, size) // batches not in use: a worker takes one to play a chunk
	for range size {
		free <- &batch{clients: make([]Client, chunk), sessions: make([]Session, chunk*course),
			fails: make([][]sim.Failure, chunk), errs: make([]error, chunk)}
	}
	played := make(chan *batch, size) // never full: at most size batches exist
	var (
		next atomic.Int64 // the next chunk not yet taken
		wg   sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := newPlayer(sc, pol, cfg.Seed)
			r := new(sim.Run) // every client of the worker is played in it
			f := f.clone()
			for {
				var b *batch
				select {
				case b = <-free:
				case <-ctx.Done():
					return
				}
				// Chunks are taken in order and every chunk taken is
				// played and handed on, so those not yet collected are
				// always a run of consecutive chunks, no more than size.
				k := int(next.Add(1)) - 1
				if k >= chunks || ctx.Err() != nil {
					return
				}
				b.k, b.n = k, min(chunk, n-k*chunk)
				b.rows[0], b.rows[1] = b.rows[0][:0], b.rows[1][:0]
				for j := range b.n {
					id := lo + k*chunk + j
					c, ss := &b.clients[j], b.sessions[j*course:(j+1)*course]
					b.fails[j], b.errs[j] = p.playIn(r, id, c, ss)
					if b.errs[j] != nil {
						continue
					}
					if out[0] != nil {
						b.rows[0] = f.client(b.rows[0], c)
					}
					if out[1] != nil {
						for i := range c.Attended {
							b.rows[1] = f.session(b.rows[1], &ss[i])
						}
					}
				}
				played <- b
			}
		}()
	}
	go func() {
		wg.Wait()
		close(played)
	}()

	// Collect the chunks in order: chunk k waits in ring[k%size] until the
	// chunks before it are in.
	var (
		ring  = make([]*batch, size)
		want  int // the next chunk to collect
		done  int // clients collected
		fc    failureCount
		first error // the first error met: nothing is collected after it
	)
	for b := range played {
		ring[b.k%size] = b
		for first == nil && ring[want%size] != nil {
			b := ring[want%size]
			ring[want%size] = nil
			want++
			for j := range b.n {
				if err := b.errs[j]; err != nil {
					first = fmt.Errorf("client %d: %w", lo+b.k*chunk+j, err)
					break
				}
				fc.add(b.clients[j].ID, b.fails[j])
				each(&b.clients[j], b.sessions[j*course:j*course+b.clients[j].Attended])
			}
			for i, w := range out {
				if w != nil && first == nil {
					if _, err := w.Write(b.rows[i]); err != nil {
						first = err
					}
				}
			}
			if first != nil {
				stop()
				break
			}
			done += b.n
			if cfg.Progress != nil {
				cfg.Progress(done)
			}
			free <- b
		}
	}
	for _, w := range out {
		if w != nil && first == nil {
			first = w.Flush()
		}
	}
	if first == nil && done < n {
		first = caller.Err() // the only reason to stop short without an error
	}
	return fc.out, first
}

// playIn is play in run r, reset for the client (Policy.TreatInto), so that
// a worker plays all its clients in one Run. The failures it returns are
// the run's own, which the reset leaves to their holder.
func (p *player) playIn(r *sim.Run, id int, c *Client, sessions []Session) ([]sim.Failure, error) {
	seed := sim.ClientSeed(p.seed, id)
	client, err := p.pol.TreatInto(r, p.sc, seed)
	if err != nil {
		return nil, err
	}
	return r.Failures(), p.record(id, seed, r, client, c, sessions)
}
