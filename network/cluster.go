// A cluster: several machines in one process, under one clock.
//
// Each machine of a cluster is a whole simulated computer with its own
// kernel, threads, memory and statistics, and they talk only through the
// wire (machine.Wire). The cluster runs them in one host thread, one
// simulated thread at a time in the whole process, so a run is as
// deterministic as a single machine's: the same seed gives the same
// output, byte for byte, faults included, and a distributed bug replays.
//
// Time is one clock, kept the way parallel discrete-event simulators keep
// it. Every machine has its own tick counter, and the cluster keeps them
// close: it always resumes the machine that is furthest behind, and lets
// it run up to its horizon, the time of the next machine plus the
// lookahead. The lookahead is the fewest ticks a packet takes on the wire,
// on its fastest link (machine.Wire.MinLatency), so no packet can reach a
// machine "in its past": whatever another machine sends later is sent at
// its own time or later and arrives a lookahead after that. One fast link
// shortens the lookahead of the whole cluster: its machines take more,
// shorter turns. When the machine reaches its horizon, its interrupt
// controller asks the pacer to wait (machine.Pacer), which pauses its
// kernel in the middle of whatever it was doing (kernel.Pause) until the
// cluster comes back to it. A machine with nothing to do waits for its
// next interrupt, or, if it has none, for a packet: it takes no turns
// until one is on its way.
//
// The run ends when every machine has halted. If every machine that has
// not halted is waiting for a packet that nobody can send any more, the
// cluster is stuck: each of those machines then halts the way a lone
// machine with nothing to do halts, reporting the threads that were still
// blocked.
//
// Simulator note: a machine may overshoot its horizon by the few ticks of
// one kernel operation, so a packet can arrive a few ticks after the time
// the wire chose for it, exactly as a lone machine services an interrupt
// at the end of the instruction or kernel step during which it came due.

package network

import (
	"math"
	"slices"

	"nachos/kernel"
	"nachos/machine"
)

// Cluster runs machines that share a wire and a clock.
type Cluster struct {
	wire     *machine.Wire
	nodes    []*node
	running  *node
	controls []control // sorted by tick
	stuck    bool      // every live machine waits for a packet that cannot come
}

// node is one machine of the cluster.
type node struct {
	c      *Cluster
	k      *kernel.Kernel
	id     machine.NetworkAddress
	idle   bool // paused with nothing to do before its horizon
	halted bool
}

// control is something the cluster does to the network at a given tick:
// a partition, a crash.
type control struct {
	tick int64
	do   func()
}

// NewCluster makes an empty cluster whose machines will share a wire with
// these faults, drawing its decisions from seed.
func NewCluster(f machine.Faults, seed uint32) *Cluster {
	c := &Cluster{wire: machine.NewWire(f, seed)}
	c.wire.Scheduled = c.scheduled
	return c
}

// Wire returns the cluster's network, to attach interfaces to it and to
// break it. Give its links their faults (machine.Wire.SetLinkFaults)
// before Run.
func (c *Cluster) Wire() *machine.Wire { return c.wire }

// Add puts a kernel in the cluster as machine id. The kernel must have
// been started (kernel.Start) or be started before Run, and its network
// interface attached to the wire.
func (c *Cluster) Add(k *kernel.Kernel, id machine.NetworkAddress) {
	n := &node{c: c, k: k, id: id}
	c.nodes = append(c.nodes, n)
	k.Machine.Interrupt.Pace(n)
}

// At makes the cluster call do when the clock reaches tick, with every
// machine stopped at that tick or later: for partitions, crashes and
// other scenario events.
func (c *Cluster) At(tick int64, do func()) {
	at := len(c.controls)
	for at > 0 && c.controls[at-1].tick > tick {
		at--
	}
	c.controls = slices.Insert(c.controls, at, control{tick: tick, do: do})
}

// Crash stops machine id at once, as if its power failed: no statistics,
// no goodbye, and packets to it are lost from now on. Call it from At.
func (c *Cluster) Crash(id machine.NetworkAddress) {
	for _, n := range c.nodes {
		if n.id == id && !n.halted {
			n.halted = true
			n.k.PowerOff()
		}
	}
	c.wire.SetDown(id, true)
}

// Run runs every machine until all have halted.
func (c *Cluster) Run() {
	for {
		n, t := c.next()
		if len(c.controls) > 0 && c.controls[0].tick <= t {
			ctl := c.controls[0]
			c.controls = c.controls[1:]
			ctl.do()
			continue
		}
		if n == nil {
			if !c.endStuck() {
				return
			}
			continue
		}
		n.k.Machine.Interrupt.SetHorizon(c.horizon(n))
		c.resume(n)
	}
}

// next returns the machine furthest behind that has something to do, and
// its time; nil and math.MaxInt64 if none has.
func (c *Cluster) next() (*node, int64) {
	var best *node
	bestTime := int64(math.MaxInt64)
	for _, n := range c.nodes {
		if t := n.time(); t < bestTime {
			best, bestTime = n, t
		}
	}
	return best, bestTime
}

// time is when the node will next do something: now, if it is busy; its
// next interrupt if it is idle; never if it has halted or waits for a
// packet.
func (n *node) time() int64 {
	switch {
	case n.halted:
		return math.MaxInt64
	case n.idle:
		return n.k.Machine.Interrupt.NextEvent()
	}
	return n.k.Machine.Stats.TotalTicks
}

// horizon is how far n may run before another machine could affect it.
func (c *Cluster) horizon(n *node) int64 {
	h := int64(math.MaxInt64)
	for _, o := range c.nodes {
		if t := o.time(); o != n && t < math.MaxInt64 {
			h = min(h, t+c.wire.MinLatency())
		}
	}
	if len(c.controls) > 0 {
		h = min(h, c.controls[0].tick)
	}
	return h
}

// scheduled hears from the wire that a packet will arrive at when: the
// machine now running, which sent it, must not run so far ahead that the
// receiver's answer would reach it in its past.
func (c *Cluster) scheduled(when int64) {
	if r := c.running; r != nil {
		intr := r.k.Machine.Interrupt
		if h := when + c.wire.MinLatency(); h < intr.Horizon() {
			intr.SetHorizon(h)
		}
	}
}

// resume runs n until it pauses or halts.
func (c *Cluster) resume(n *node) {
	c.running = n
	n.idle = false
	if n.k.Run() {
		n.halted = true
		c.wire.SetDown(n.id, true)
	}
	c.running = nil
}

// endStuck halts, one by one, the machines that wait for packets nobody
// can send. It returns false when no machine is left.
func (c *Cluster) endStuck() bool {
	c.stuck = true
	left := false
	for _, n := range c.nodes {
		if !n.halted {
			left = true
			c.resume(n)
		}
	}
	return left
}

// Wait is the node's pacer (machine.Pacer): it pauses the kernel until
// the cluster resumes it.
func (n *node) Wait(idle bool) bool {
	n.idle = idle
	n.k.Pause()
	return !n.c.stuck
}
