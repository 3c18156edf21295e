// A node: one machine of the cluster running one process of an algorithm.
//
// Each node is a whole simulated machine (its own kernel, clock and
// network interface) with two kernel threads. The receiver takes mail
// from the post office, acknowledges it and queues it (transport.go);
// the handler takes one input at a time from the queue (a message, a
// timer that went off, the order to start) and hands it to the
// algorithm's Process. An algorithm is therefore written as event
// handlers, as distributed algorithms are in textbooks ("on receiving
// ELECTION from a lower node: answer OK ..."), and never runs two
// handlers at once on one node.
//
// A crash is the crash-recovery model: the node stops at once, the wire
// loses everything to and from it, and its process, timers, pending
// messages and decisions are gone. When it recovers it starts a fresh
// process. Its clocks and its stable storage (Log) survive.
//
// Simulator note: a handler that was waiting for the interface when its
// node crashed still runs to its end when the node is resumed, but the
// node's epoch has changed, so nothing it does has any effect.

package dist

import (
	"nachos/kernel"
	"nachos/machine"
	"nachos/network"
)

// Process is one node's part of an algorithm: its state and its handlers.
// The framework calls one handler at a time.
type Process interface {
	Start()                // the node boots, or recovers from a crash
	Receive(m Message)     // a message arrived
	Timeout(tag int)       // a timer set with Node.After went off
	Initiate()             // the scenario says this node starts the algorithm now (--initiator)
	GiveUp(to int, m Sent) // the transport gave up on a message to a node
}

// Message is a message as a process receives it.
type Message struct {
	From    int
	Kind    string
	Args    []int
	Lamport int64 // the sender's Lamport clock when it sent it
}

// Sent is a message as its sender sent it.
type Sent struct {
	Kind string
	Args []int
}

// inputKind says what a queued input is.
type inputKind int

const (
	inMessage inputKind = iota
	inRetry
	inTimer
	inStart
	inInitiate
)

type input struct {
	kind  inputKind
	epoch int // for timers: the epoch that set them
	from  int
	id    int     // message number
	tag   int     // timer tag
	msg   decoded // for inMessage
}

// Node is one machine running one process of the algorithm.
type Node struct {
	ID int // 1 to N

	r      *run
	k      *kernel.Kernel
	po     *network.PostOffice
	random *machine.Random

	// Touched by the receiver thread and interrupt handlers as well as
	// the handler thread: only with interrupts off.
	inbox []input
	ready *kernel.Semaphore // counts inputs in inbox

	// Handler thread and scenario controls only.
	proc     Process
	up       bool
	epoch    int // changes at every crash and recovery
	handling int // the epoch of the input being handled
	lamport  Lamport
	vector   Vector
	unacked  map[int]*outgoing // also emptied by the receiver thread
	seen     map[int]bool      // message numbers received (receiver thread only)
	ack      [5]byte           // the acknowledgement being sent (receiver thread only)
	sendSeq  map[int]int       // next sequence number on the channel to each node

	// FIFO channels, receiver thread only: the next sequence number
	// expected from each node, and the messages that came too early.
	// They outlive crashes, as the channels do.
	expected map[int]int
	heldBack map[int]map[int]decoded
	decided  map[string]int
	stable   map[string]int // the node's log on disk: survives crashes
	clock    *physicalClock
}

// N is the number of nodes.
func (n *Node) N() int { return n.r.sc.Nodes }

// Now is the node's clock, in ticks.
func (n *Node) Now() int64 { return n.k.Machine.Stats.TotalTicks }

// Random returns a number from 0 to max-1 from the node's seeded generator.
func (n *Node) Random(max int) int { return int(n.random.Intn(int32(max))) }

// Ring is the logical ring, every node once (--ring, or 1 to N).
func (n *Node) Ring() []int { return n.r.sc.Ring }

// Entries is how many times each node enters the critical section.
func (n *Node) Entries() int { return n.r.sc.Entries }

// Patience is how long a node waits for an answer from a live node: long
// enough for the transport to get a message and its answer through, and
// to give up on a dead one.
func (n *Node) Patience() int64 {
	giveUp := int64(0)
	for try := 1; try <= MaxTries; try++ {
		giveUp += retryAfter(try)
	}
	return 2*giveUp + 1000
}

// live says whether what the current handler does still counts.
func (n *Node) live() bool { return n.up && n.handling == n.epoch && n.r.violation == nil }

// Send sends a message of a kind the algorithm declares to node to.
func (n *Node) Send(to int, kind string, args ...int) {
	if !n.live() {
		return
	}
	code := n.r.alg.kindCode(kind)
	id := n.r.nextID
	n.r.nextID++
	e := n.record(Event{Kind: Send, Msg: kind, Peer: to, MsgID: id, Args: args,
		Lamport: n.lamport.Tick(), Vector: n.vector.Tick(n.ID)})
	data := encode(code, id, e.Lamport, n.sendSeq[to], e.Vector, args)
	n.sendSeq[to]++
	n.r.counts[kind]++
	n.unacked[id] = &outgoing{to: to, data: data, tries: 1, msg: Sent{kind, args}}
	n.transmit(to, data)
	n.afterInput(retryAfter(1), input{kind: inRetry, id: id})
}

// Broadcast sends a message to every other node.
func (n *Node) Broadcast(kind string, args ...int) {
	for to := 1; to <= n.N(); to++ {
		if to != n.ID {
			n.Send(to, kind, args...)
		}
	}
}

// After makes the process's Timeout(tag) run in ticks ticks, unless the
// node crashes first.
func (n *Node) After(ticks int64, tag int) {
	if n.live() {
		n.afterInput(ticks, input{kind: inTimer, tag: tag})
	}
}

// Decide records a decision, such as the leader the node now follows.
func (n *Node) Decide(what string, value int) {
	if !n.live() {
		return
	}
	n.decided[what] = value
	n.record(Event{Kind: Decide, What: what, Value: value,
		Lamport: n.lamport.Tick(), Vector: n.vector.Tick(n.ID)})
}

// Decision returns the node's latest decision on what.
func (n *Node) Decision(what string) (int, bool) {
	v, ok := n.decided[what]
	return v, ok
}

// Enter records that the node entered the critical section.
func (n *Node) Enter() { n.critical(Enter) }

// Exit records that the node left the critical section.
func (n *Node) Exit() { n.critical(Exit) }

func (n *Node) critical(kind EventKind) {
	if !n.live() {
		return
	}
	n.record(Event{Kind: kind, Lamport: n.lamport.Tick(), Vector: n.vector.Tick(n.ID)})
}

func (n *Node) record(e Event) Event {
	e.Node, e.Tick = n.ID, n.Now()
	return n.r.record(e)
}

// afterInput queues in after ticks, in the epoch of now.
func (n *Node) afterInput(ticks int64, in input) {
	in.epoch = n.epoch
	n.k.Machine.Interrupt.Schedule(func() { n.push(in) }, ticks, machine.AlarmInt)
}

// push queues an input for the handler thread.
func (n *Node) push(in input) {
	old := n.k.Machine.Interrupt.SetLevel(machine.IntOff)
	n.inbox = append(n.inbox, in)
	n.k.Machine.Interrupt.SetLevel(old)
	n.ready.V()
}

func (n *Node) pop() input {
	n.ready.P()
	old := n.k.Machine.Interrupt.SetLevel(machine.IntOff)
	in := n.inbox[0]
	n.inbox = n.inbox[1:]
	n.k.Machine.Interrupt.SetLevel(old)
	return in
}

// boot is the machine's first thread: it starts the receiver and the
// handler, as daemons, so that the machine halts once all is quiet.
func (n *Node) boot() {
	n.k.Fork("dist receiver", n.receive).SetDaemon()
	n.k.Fork("dist handler", n.handle).SetDaemon()
	n.push(input{kind: inStart, epoch: n.epoch})
	for _, s := range n.r.sc.Initiators {
		if s.Node == n.ID {
			n.afterInput(max(s.At, 1), input{kind: inInitiate})
		}
	}
}

// handle runs the process's handlers, one input at a time.
func (n *Node) handle() {
	for {
		in := n.pop()
		stale := in.epoch != n.epoch && in.kind != inMessage
		if !n.up || n.r.violation != nil || stale || n.proc == nil && in.kind != inStart {
			continue // the node is down or not yet restarted, or this timer was set before a crash
		}
		n.handling = n.epoch
		switch in.kind {
		case inMessage:
			n.deliver(in)
		case inRetry:
			n.retry(in.id)
		case inTimer:
			n.proc.Timeout(in.tag)
		case inStart:
			n.proc = n.r.alg.New(n)
			n.proc.Start()
		case inInitiate:
			n.proc.Initiate()
		}
	}
}

// deliver hands a message to the process.
func (n *Node) deliver(in input) {
	d := in.msg
	n.record(Event{Kind: Receive, Msg: d.kind, Peer: in.from, MsgID: d.id, Args: d.args,
		Lamport: n.lamport.Receive(d.lamport), Vector: n.vector.Receive(n.ID, d.vector)})
	n.proc.Receive(Message{From: in.from, Kind: d.kind, Args: d.args, Lamport: d.lamport})
}

// crash stops the node, as a scenario control.
func (n *Node) crash(tick int64) {
	if !n.up {
		return
	}
	n.up = false
	n.epoch++
	n.unacked = map[int]*outgoing{}
	n.decided = map[string]int{}
	n.proc = nil // a handler still running keeps its own, and its epoch is over
	n.r.c.Wire().SetDown(machine.NetworkAddress(n.ID), true)
	n.r.record(Event{Node: n.ID, Tick: tick, Kind: Crash, Lamport: n.lamport.Tick(), Vector: n.vector.Tick(n.ID)})
}

// recover brings the node back with a fresh process, as a scenario
// control.
func (n *Node) recover(tick int64) {
	if n.up {
		return
	}
	n.up = true
	n.epoch++
	n.r.c.Wire().SetDown(machine.NetworkAddress(n.ID), false)
	n.r.record(Event{Node: n.ID, Tick: tick, Kind: Recover, Lamport: n.lamport.Tick(), Vector: n.vector.Tick(n.ID)})
	in := input{kind: inStart, epoch: n.epoch}
	n.k.Machine.Interrupt.ScheduleAt(func() { n.push(in) }, tick, machine.AlarmInt)
}

// Log writes a value to the node's stable storage, which survives
// crashes (a write-ahead log on disk).
func (n *Node) Log(key string, value int) {
	if n.live() {
		n.stable[key] = value
	}
}

// Logged reads the node's stable storage.
func (n *Node) Logged(key string) (int, bool) {
	v, ok := n.stable[key]
	return v, ok
}

// Recovering says whether the node has crashed before: its process is
// starting again, not for the first time.
func (n *Node) Recovering() bool { return n.epoch > 0 }

// Clock returns the node's Lamport clock, for algorithms that timestamp
// their requests with it.
func (n *Node) Clock() int64 { return int64(n.lamport) }
