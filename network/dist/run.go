// Package dist runs distributed algorithms (elections, mutual exclusion,
// logical clocks ...) on the simulated machines of a nachos cluster, under
// faults, and checks every run against the algorithm's safety property.
//
// It is built the way Jepsen's Maelstrom is, to run, break, check and
// look: every node is a machine of one deterministic cluster
// (network.Cluster), the scenario breaks the network and the nodes at
// given ticks, every event is recorded, a checker judges the history as
// it grows and stops the run at the first broken rule, and the history is
// drawn as a time-space diagram. Everything comes from one seed, so a
// failing seed replays exactly, as TigerBeetle's VOPR replays a cluster.
//
// How one run goes: Run builds a cluster of N machines (addresses 1 to
// N, as the textbooks number their nodes), each with a post office and a
// Node, and registers the scenario's controls with the cluster: crashes
// and recoveries, partitions that form and heal, and the tick limit. The
// cluster runs until every machine is quiet (no input queued, no timer
// pending) or the limit is reached. Every event goes through record,
// which numbers it and shows it to the checkers; a checker's error stops
// the run.
package dist

import (
	"errors"
	"fmt"
	"io"
	"math"

	"nachos/kernel"
	"nachos/kernel/trace"
	"nachos/machine"
	"nachos/network"
)

// Algorithm is one distributed algorithm the framework can run.
type Algorithm struct {
	Name    string
	Family  string
	Summary string
	Kinds   []string // the kinds of its messages
	FIFO    bool     // it needs FIFO channels
	New     func(n *Node) Process
	Checker func() Checker           // the safety property, checked on every run
	Outcome func(r *Result) string   // one line: what the run achieved
	Prepare func(sc *Scenario) error // fills the algorithm's defaults, or says what is wrong
}

func (a *Algorithm) kindCode(kind string) byte {
	for i, k := range a.Kinds {
		if k == kind {
			return byte(i)
		}
	}
	panic(fmt.Sprintf("dist: %s sends a message of kind %q, which it does not declare", a.Name, kind))
}

// A Checker judges a run's history: Observe sees every event as it is
// recorded, Finish the whole run. A non-nil error is a broken safety
// property (use Violate).
type Checker interface {
	Observe(r *Result, e Event) error
	Finish(r *Result) error
}

// Violation is a broken safety property.
type Violation struct {
	Seed   uint32
	Tick   int64
	Rule   string  // the property, and how it broke
	Events []Event // the events that broke it
}

// Violate reports a broken rule and the events that broke it.
func Violate(rule string, events ...Event) error { return &Violation{Rule: rule, Events: events} }

func (v *Violation) Error() string {
	s := fmt.Sprintf("violation at seed %d, tick %d: %s", v.Seed, v.Tick, v.Rule)
	for _, e := range v.Events {
		s += "\n  " + e.String()
	}
	return s
}

// Result is what a run did.
type Result struct {
	Algorithm       *Algorithm
	Scenario        Scenario
	Events          []Event
	Counts          map[string]int // algorithm messages sent, by kind (retransmissions not included)
	Retransmissions int            // messages the transport sent again
	Acks            int            // acknowledgements the transport sent
	Wire            machine.WireStats
	EndTick         int64
	CutOff          bool             // the tick limit stopped a run that was not quiet
	Up              []bool           // by node (index 0 unused): up at the end
	Decisions       []map[string]int // by node: the latest decisions of the nodes up at the end
	Violation       *Violation       // the first broken rule, or nil
	Concurrent      int              // pairs of concurrent events (by the vector clocks)
	Skew            float64          // the worst skew of the physical clocks seen
	Broken          map[string]int   // multicast: deliveries breaking each ordering
	Accesses        int              // decentralized voting: entries ...
	Exposed         int              // ... and those with at least 2m-n of their voters reset
	Waits           []int64          // mutual exclusion: ticks from wanting in to entering, by entry
	Overlapped      int              // mutual exclusion: times a node wanted in while another wanted in or was inside
	Outcome         string
}

// Messages is the number of algorithm messages sent.
func (r *Result) Messages() int {
	total := 0
	for _, c := range r.Counts {
		total += c
	}
	return total
}

// Count returns how many events of a kind the run recorded.
func (r *Result) Count(kind EventKind) int {
	n := 0
	for _, e := range r.Events {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

// fifo says whether channels deliver in the order sent.
func (r *run) fifo() bool { return r.alg.FIFO && !r.sc.NoFIFO }

// run is the state of a run in progress.
type run struct {
	alg             *Algorithm
	sc              Scenario
	c               *network.Cluster
	nodes           []*Node // by id; index 0 unused
	res             *Result
	checkers        []Checker
	violation       *Violation
	nextID          int
	counts          map[string]int
	retransmissions int
	acks            int
	trace           *trace.Writer // nil: not traced
}

// Run runs alg in the scenario and returns what happened. The error is
// for a scenario that cannot run; a broken safety property is in the
// result's Violation.
func Run(alg *Algorithm, sc Scenario) (*Result, error) { return RunTraced(alg, sc, nil) }

// RunTraced is Run writing the run's structured trace to w (nil: none):
// every node's machine records its own events (threads, interrupts,
// packets) as machine ID, and the algorithm's events as record meets
// them; a broken rule is a dist-violation of machine 0, the whole run.
// The trace only watches: the result is the same as Run's.
func RunTraced(alg *Algorithm, sc Scenario, w *trace.Writer) (*Result, error) {
	if err := sc.check(); err != nil {
		return nil, err
	}
	if err := sc.checkTurns(alg); err != nil {
		return nil, err
	}
	if alg.Prepare != nil {
		if err := alg.Prepare(&sc); err != nil {
			return nil, fmt.Errorf("%s: %w", alg.Name, err)
		}
	}
	r := &run{alg: alg, sc: sc, c: network.NewCluster(sc.Faults, sc.Seed), counts: map[string]int{}, nextID: 1}
	for _, l := range sc.Links {
		r.c.Wire().SetLinkFaults(l)
	}
	r.res = &Result{Algorithm: alg, Scenario: sc}
	r.checkers = []Checker{&clockChecker{}}
	if alg.Checker != nil {
		r.checkers = append(r.checkers, alg.Checker())
	}
	r.nodes = make([]*Node, sc.Nodes+1)
	r.trace = w
	for id := 1; id <= sc.Nodes; id++ {
		k, err := kernel.New(kernel.Config{Machine: machine.Config{Seed: sc.Seed + uint32(id)}, Out: io.Discard, Err: io.Discard,
			Trace: w, MachineID: id})
		if err != nil {
			return nil, err
		}
		po, err := network.NewPostOffice(k, network.Config{Addr: machine.NetworkAddress(id), MaxWireSize: wireSize, Boxes: 1}, r.c.Wire())
		if err != nil {
			return nil, err
		}
		n := &Node{ID: id, r: r, k: k, po: po, random: machine.NewRandom(sc.Seed*7919 + uint32(id)),
			ready: k.NewSemaphore("dist inputs", 0), up: true, vector: NewVector(sc.Nodes),
			unacked: map[int]*outgoing{}, seen: map[int]bool{}, decided: map[string]int{}, stable: map[string]int{},
			sendSeq: map[int]int{}, expected: map[int]int{}, heldBack: map[int]map[int]decoded{}}
		n.clock = newClock(sc, id, n.Random)
		r.nodes[id] = n
		r.c.Add(k, machine.NetworkAddress(id))
		k.Start(n.boot)
	}
	r.schedule()
	r.c.Run()
	r.finish()
	return r.res, nil
}

// schedule registers the scenario's controls with the cluster.
func (r *run) schedule() {
	w := r.c.Wire()
	for _, o := range r.sc.Crashes {
		n := r.nodes[o.Node]
		r.c.At(o.At, func() { n.crash(o.At) })
		if o.Until > 0 {
			r.c.At(o.Until, func() { n.recover(o.Until) })
		}
	}
	for _, p := range r.sc.Partitions {
		groups := make([][]machine.NetworkAddress, len(p.Groups))
		for i, g := range p.Groups {
			for _, id := range g {
				groups[i] = append(groups[i], machine.NetworkAddress(id))
			}
		}
		r.c.At(p.At, func() { w.Partition(groups...) })
		if p.Until > 0 {
			r.c.At(p.Until, w.Heal)
		}
	}
	r.scheduleSamples()
	r.c.At(r.sc.MaxTicks, func() {
		for _, n := range r.nodes[1:] {
			if len(n.inbox) > 0 || n.k.Machine.Interrupt.NextEvent() < math.MaxInt64 {
				r.res.CutOff = true
			}
		}
		for _, n := range r.nodes[1:] {
			r.c.Crash(machine.NetworkAddress(n.ID))
		}
	})
}

// scheduleSamples has the cluster read every node's physical clock every
// SampleTicks, for checkers that watch them.
func (r *run) scheduleSamples() {
	var samplers []Sampler
	for _, c := range r.checkers {
		if s, ok := c.(Sampler); ok {
			samplers = append(samplers, s)
		}
	}
	if len(samplers) == 0 {
		return
	}
	end := min(r.sc.period()*(SyncRounds+1), r.sc.MaxTicks)
	for t := int64(SampleTicks); t <= end; t += SampleTicks {
		r.c.At(t, func() {
			clocks := make([]float64, len(r.nodes))
			clocks[0] = math.NaN()
			for _, n := range r.nodes[1:] {
				clocks[n.ID] = math.NaN()
				if n.up {
					clocks[n.ID] = n.clock.read(t)
				}
			}
			for _, s := range samplers {
				if err := s.Sample(r.res, t, clocks); err != nil && r.violation == nil {
					r.fail(err, t)
				}
			}
		})
	}
}

// record numbers an event, keeps it, and shows it to the checkers.
func (r *run) record(e Event) Event {
	e.Seq = len(r.res.Events)
	r.res.Events = append(r.res.Events, e)
	if r.trace != nil {
		r.nodes[e.Node].k.Trace.EmitAt(e.Tick, e.traceEvent())
	}
	if r.violation != nil {
		return e
	}
	for _, c := range r.checkers {
		if err := c.Observe(r.res, e); err != nil {
			r.fail(err, e.Tick)
			break
		}
	}
	return e
}

// fail stops the run at a broken rule.
func (r *run) fail(err error, tick int64) {
	var v *Violation
	if !errors.As(err, &v) {
		v = &Violation{Rule: err.Error()}
	}
	v.Seed, v.Tick = r.sc.Seed, tick
	r.violation = v
	if r.trace != nil {
		r.trace.Write(&trace.Event{Tick: tick, Kind: trace.DistViolation, Name: v.Rule})
	}
}

// finish fills in the result once the cluster has stopped.
func (r *run) finish() {
	res := r.res
	res.Counts, res.Retransmissions, res.Acks = r.counts, r.retransmissions, r.acks
	res.Wire = r.c.Wire().Stats
	res.Up = make([]bool, len(r.nodes))
	res.Decisions = make([]map[string]int, len(r.nodes))
	for _, n := range r.nodes[1:] {
		res.Up[n.ID] = n.up
		res.Decisions[n.ID] = n.decided
		res.EndTick = max(res.EndTick, n.Now())
	}
	if r.violation == nil {
		for _, c := range r.checkers {
			if err := c.Finish(res); err != nil {
				r.fail(err, res.EndTick)
				break
			}
		}
	}
	res.Violation = r.violation
	if r.alg.Outcome != nil {
		res.Outcome = r.alg.Outcome(res)
	}
}
