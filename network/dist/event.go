// Events: what every node did, in the order it happened.
//
// A run is judged by its history. Every send, receive, decision, entry to
// and exit from a critical section, crash and recovery is recorded as an
// Event, with the node's tick and its Lamport and vector clocks. The
// checkers read the history as it grows, the diagrams draw it, and the
// clock checker rebuilds happened-before from it.
//
// Recording is also what puts a traced run's algorithm events into its
// structured trace (nachos dist --trace): each event goes, as it is
// recorded, to its node's machine's trace as the kind traceKinds names.
// The report, the diagrams and the trace are drawn from the one history.

package dist

import (
	"fmt"

	"nachos/kernel/trace"
)

// EventKind says what an event is.
type EventKind int

// The kinds of events.
const (
	Send    EventKind = iota // a message left the node
	Receive                  // a message arrived (a duplicate arrives again)
	Decide                   // the node decided something: a leader, a commit
	Enter                    // the node entered the critical section
	Exit                     // the node left the critical section
	GiveUp                   // the transport gave up on a message: the peer is down or cut off
	Crash                    // the node crashed, losing its state
	Recover                  // the node came back, with a fresh state
)

var eventKindNames = [...]string{Send: "send", Receive: "receive", Decide: "decide",
	Enter: "enter", Exit: "exit", GiveUp: "give-up", Crash: "crash", Recover: "recover"}

func (k EventKind) String() string {
	if k < 0 || int(k) >= len(eventKindNames) {
		return fmt.Sprintf("EventKind(%d)", int(k))
	}
	return eventKindNames[k]
}

// traceKinds is each kind's kind in a structured trace.
var traceKinds = [...]trace.Kind{Send: trace.DistSend, Receive: trace.DistReceive, Decide: trace.DistDecide,
	Enter: trace.DistEnter, Exit: trace.DistExit, GiveUp: trace.DistGiveUp, Crash: trace.DistCrash, Recover: trace.DistRecover}

// Event is one thing one node did.
type Event struct {
	Seq     int       // position in the run's history
	Node    int       // the node it happened on (1 to N)
	Tick    int64     // the node's clock, in ticks
	Kind    EventKind //
	Msg     string    // a message's kind, for Send, Receive and GiveUp
	Peer    int       // the other node of a message
	MsgID   int       // numbers a message across the run: a Send and its Receives share it
	Args    []int     // a message's arguments
	What    string    // a decision ("leader"), for Decide
	Value   int       // the decision's value
	Lamport int64     // the node's Lamport clock at the event
	Vector  Vector    // the node's vector clock at the event
}

// String describes the event for the per-node listing.
func (e Event) String() string {
	head := fmt.Sprintf("%7d  node %d  ", e.Tick, e.Node)
	clocks := fmt.Sprintf("  L=%d V=%v", e.Lamport, e.Vector)
	switch e.Kind {
	case Send:
		return head + fmt.Sprintf("send %s%s to %d (msg %d)", e.Msg, argString(e.Args), e.Peer, e.MsgID) + clocks
	case Receive:
		return head + fmt.Sprintf("receive %s%s from %d (msg %d)", e.Msg, argString(e.Args), e.Peer, e.MsgID) + clocks
	case GiveUp:
		return head + fmt.Sprintf("give up on %s to %d (msg %d): no answer", e.Msg, e.Peer, e.MsgID)
	case Decide:
		return head + fmt.Sprintf("decide %s = %d", e.What, e.Value) + clocks
	case Enter, Exit:
		return head + e.Kind.String() + " critical section" + clocks
	}
	return head + e.Kind.String()
}

// traceEvent is the event as its node's machine records it in a trace.
// A message goes from src to dst: the node itself, unless it received.
func (e Event) traceEvent() trace.Event {
	t := trace.Event{Kind: traceKinds[e.Kind], Name: e.Msg, Src: e.Node, Dst: e.Peer, ID: int64(e.MsgID),
		Lamport: e.Lamport, Value: e.Value}
	if e.Kind == Receive {
		t.Src, t.Dst = e.Peer, e.Node
	}
	if e.Kind == Decide {
		t.Name = e.What
	}
	return t
}

// Cell is the event's short text in the time-space diagram.
func (e Event) Cell() string {
	switch e.Kind {
	case Send:
		return fmt.Sprintf("%s>%d", e.Msg, e.Peer)
	case Receive:
		return fmt.Sprintf("%s<%d", e.Msg, e.Peer)
	case GiveUp:
		return fmt.Sprintf("?%s>%d", e.Msg, e.Peer)
	case Decide:
		return fmt.Sprintf("*%s=%d", e.What, e.Value)
	case Enter:
		return "[CS"
	case Exit:
		return "CS]"
	case Crash:
		return "XXX"
	}
	return "^up"
}

func argString(args []int) string {
	if len(args) == 0 {
		return ""
	}
	return fmt.Sprint(args)
}
