// The algorithm's part of a trace: what nachos dist --trace records above
// the machines (the dist-* kinds), replayed into a time-space diagram.
//
// The diagram is the one of the lecture notes: a lane per node, an arrow
// per message from its send to its receipt, labelled with the message's
// kind, and marks for what a node decides, when it is in its critical
// section, and when it is down. Its arrows are drawn by the same code as
// the packets between machines (assets/view.js), one layer up: a message
// of the algorithm may take several packets (resends, acknowledgements).

package view

import (
	"fmt"

	"nachos/kernel/trace"
)

// Message is one message of a distributed algorithm.
type Message struct {
	ID       int64
	Kind     string // ELECTION, OK ...
	Src, Dst int
	Sent     int64 // -1: the trace does not have its send
	Received int64 // -1: never received
	GaveUp   int64 // -1: its sender's transport did not give up on it
	Lamport  int64 // the sender's Lamport clock at the send
}

// NodeMark is a moment of a node: a decision, a crash, a recovery, or
// (node 0) a broken rule of the whole run.
type NodeMark struct {
	Node   int
	Tick   int64
	Kind   trace.Kind
	Label  string // short, drawn beside the mark
	Detail string
}

// NodeSpan is a stretch of a node's time: in the critical section
// (Kind DistEnter) or down (DistCrash).
type NodeSpan struct {
	Node       int
	Start, End int64
	Kind       trace.Kind
}

// Algorithm is what the picture of a distributed algorithm shows. It is
// empty for a trace of anything but nachos dist.
type Algorithm struct {
	Messages []*Message
	Marks    []NodeMark
	Spans    []NodeSpan
}

// algorithmBuilder is the state of the replay: the messages by number,
// and each node's open spans.
type algorithmBuilder struct {
	messages map[int64]*Message
	open     map[[2]int]int // (node, kind) -> index in Spans of the span going on
}

// The handlers (model.go) of the dist kinds.

func distSend(b *builder, bm *builderMachine, e *trace.Event) {
	m := b.message(e)
	m.Sent, m.Lamport = e.Tick, e.Lamport
}

func distReceive(b *builder, bm *builderMachine, e *trace.Event) {
	if m := b.message(e); m.Received < 0 {
		m.Received = e.Tick
	}
}

func distGiveUp(b *builder, bm *builderMachine, e *trace.Event) { b.message(e).GaveUp = e.Tick }

func distDecide(b *builder, bm *builderMachine, e *trace.Event) {
	b.nodeMark(e, fmt.Sprintf("%s=%d", e.Name, e.Value), fmt.Sprintf("node %d decided %s = %d", e.Machine, e.Name, e.Value))
}

func distEnter(b *builder, bm *builderMachine, e *trace.Event) { b.startSpan(e, trace.DistEnter) }

func distExit(b *builder, bm *builderMachine, e *trace.Event) {
	b.endSpan(e.Machine, trace.DistEnter, e.Tick)
}

func distCrash(b *builder, bm *builderMachine, e *trace.Event) {
	b.nodeMark(e, "crash", fmt.Sprintf("node %d crashed: its process, timers and decisions are lost", e.Machine))
	b.endSpan(e.Machine, trace.DistEnter, e.Tick) // a crash inside the critical section ends it
	b.startSpan(e, trace.DistCrash)
}

func distRecover(b *builder, bm *builderMachine, e *trace.Event) {
	b.nodeMark(e, "up", fmt.Sprintf("node %d recovered with a fresh process", e.Machine))
	b.endSpan(e.Machine, trace.DistCrash, e.Tick)
}

// violation records a broken rule: a mark of node 0, the whole run.
func (b *builder) violation(e *trace.Event) {
	b.m.End = max(b.m.End, e.Tick)
	b.m.Algorithm.Marks = append(b.m.Algorithm.Marks, NodeMark{Tick: e.Tick, Kind: e.Kind, Label: "violation",
		Detail: "violation: " + e.Name})
}

// message returns the message e is about, made on its first event.
func (b *builder) message(e *trace.Event) *Message {
	m, ok := b.alg.messages[e.ID]
	if !ok {
		m = &Message{ID: e.ID, Kind: e.Name, Src: e.Src, Dst: e.Dst, Sent: -1, Received: -1, GaveUp: -1}
		b.alg.messages[e.ID] = m
		b.m.Algorithm.Messages = append(b.m.Algorithm.Messages, m)
		b.machine(e.Src)
		b.machine(e.Dst)
	}
	return m
}

func (b *builder) nodeMark(e *trace.Event, label, detail string) {
	b.m.Algorithm.Marks = append(b.m.Algorithm.Marks, NodeMark{Node: e.Machine, Tick: e.Tick, Kind: e.Kind, Label: label,
		Detail: fmt.Sprintf("%s (tick %d, Lamport %d)", detail, e.Tick, e.Lamport)})
}

func (b *builder) startSpan(e *trace.Event, kind trace.Kind) {
	b.endSpan(e.Machine, kind, e.Tick)
	b.alg.open[[2]int{e.Machine, int(kind)}] = len(b.m.Algorithm.Spans)
	b.m.Algorithm.Spans = append(b.m.Algorithm.Spans, NodeSpan{Node: e.Machine, Start: e.Tick, End: -1, Kind: kind})
}

func (b *builder) endSpan(node int, kind trace.Kind, tick int64) {
	key := [2]int{node, int(kind)}
	if i, ok := b.alg.open[key]; ok {
		b.m.Algorithm.Spans[i].End = tick
		delete(b.alg.open, key)
	}
}

// finishAlgorithm ends the spans still open at the end of the run: a
// node still down, or inside when the run stopped.
func (b *builder) finishAlgorithm() {
	for _, i := range b.alg.open {
		b.m.Algorithm.Spans[i].End = b.m.End
	}
}
