// Package view turns a nachos trace into pictures: a Trace Event Format
// file for chrome://tracing and Perfetto (chrome.go), and one
// self-contained HTML page with a distributed algorithm's time-space
// diagram, timelines, memory, messages and the wait-for graph (html.go).
//
// Both start from a Model, which replays the events once and keeps what
// a picture needs: each thread's life as spans (running, ready, blocked
// on what), marks for system calls and exceptions, which process held
// each frame when, the packets between machines, and the messages,
// decisions and crashes of a nachos dist run (algorithm.go).

package view

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"nachos/kernel/trace"
)

// State is what a thread is doing during a span.
type State int

// Thread states, as the timeline colours them.
const (
	Running State = iota
	Ready
	Blocked
)

func (s State) String() string { return [...]string{"running", "ready", "blocked"}[s] }

// Span is a stretch of a thread's life in one state, from Start to End
// (ticks). A blocked span says what the thread waited for.
type Span struct {
	Start, End int64
	State      State
	Wait       *Wait // for Blocked spans
}

// Wait is what a blocked thread waits for.
type Wait struct {
	Kind    string // lock, condition, semaphore, join, other
	Name    string
	PeerTID int // the thread that must act first (0: none)
}

func (w *Wait) String() string {
	if w.Name == "" {
		return "waits (" + w.Kind + ")"
	}
	return fmt.Sprintf("waits on %s %q", w.Kind, w.Name)
}

// Mark is a moment on a thread's timeline: a system call, an exception,
// a page fault, a TLB miss.
type Mark struct {
	Tick   int64
	End    int64 // a system call's return (-1: it never returned)
	Kind   trace.Kind
	Label  string // short: the call's or exception's name
	Detail string // everything, for the details panel
}

// Thread is one thread of one machine.
type Thread struct {
	TID   int
	Name  string // its last name (a process's first thread is renamed)
	PID   int
	Spans []Span
	Marks []Mark
}

// Machine is one simulated computer's part of the trace.
type Machine struct {
	ID         int
	Threads    []*Thread // in order of creation
	Interrupts []Mark
	Frames     []FrameSpan
	Paging     []Mark // page faults and evictions
	NumFrames  int    // the highest frame seen, plus one
	End        int64  // the last tick
	threads    map[int]*Thread
}

// FrameSpan is a stretch of time during which process PID's virtual
// page Page was in physical frame Frame.
type FrameSpan struct {
	Frame      int
	Start, End int64
	PID, Page  int
}

// Packet is a message from one machine to another.
type Packet struct {
	ID         int64
	Src, Dst   int
	Port, Size int
	Sent       int64
	Received   int64 // -1: never received
	Dropped    int64 // -1: not dropped
	Why        string
}

// Model is everything the pictures show.
type Model struct {
	Command   string
	Machines  []*Machine
	Packets   []*Packet
	Algorithm Algorithm // what nachos dist recorded (algorithm.go)
	End       int64
}

// Build replays events into a model.
func Build(h trace.Header, events []trace.Event) *Model {
	b := builder{m: &Model{Command: h.Command}, machines: map[int]*builderMachine{}, packets: map[int64]*Packet{},
		alg: algorithmBuilder{messages: map[int64]*Message{}, open: map[[2]int]int{}}}
	for i := range events {
		b.add(&events[i])
	}
	b.finish()
	return b.m
}

type builder struct {
	m        *Model
	machines map[int]*builderMachine
	packets  map[int64]*Packet
	alg      algorithmBuilder
}

// builderMachine is a machine's state while the events are replayed.
type builderMachine struct {
	*Machine
	open     map[int]int       // each thread's current span: its index in Spans
	calls    map[int]int       // each thread's system call in progress: its mark's index
	frames   map[int]FrameSpan // each held frame's current span
	finished map[int]bool
}

func (b *builder) machine(id int) *builderMachine {
	if bm, ok := b.machines[id]; ok {
		return bm
	}
	bm := &builderMachine{Machine: &Machine{ID: id, threads: map[int]*Thread{}},
		open: map[int]int{}, calls: map[int]int{}, frames: map[int]FrameSpan{}, finished: map[int]bool{}}
	b.machines[id] = bm
	b.m.Machines = append(b.m.Machines, bm.Machine)
	return bm
}

// thread returns thread tid, made if it is new.
func (bm *builderMachine) thread(tid int, name string) *Thread {
	t, ok := bm.threads[tid]
	if !ok {
		t = &Thread{TID: tid, Name: name}
		bm.threads[tid] = t
		bm.Threads = append(bm.Threads, t)
	}
	if name != "" {
		t.Name = name
	}
	return t
}

// enter ends thread tid's current span and starts one in state s.
func (bm *builderMachine) enter(tid int, s State, w *Wait, tick int64) {
	if tid == 0 || bm.finished[tid] {
		return
	}
	bm.close(tid, tick)
	t := bm.threads[tid]
	t.Spans = append(t.Spans, Span{Start: tick, End: -1, State: s, Wait: w})
	bm.open[tid] = len(t.Spans) - 1
}

// current returns thread tid's open span, or nil.
func (bm *builderMachine) current(tid int) *Span {
	if i, ok := bm.open[tid]; ok {
		return &bm.threads[tid].Spans[i]
	}
	return nil
}

func (bm *builderMachine) close(tid int, tick int64) {
	if sp := bm.current(tid); sp != nil {
		sp.End = tick
		delete(bm.open, tid)
	}
}

// add replays one event.
func (b *builder) add(e *trace.Event) {
	if e.Kind == trace.DistViolation {
		b.violation(e) // of the whole run, not of a machine
		return
	}
	bm := b.machine(e.Machine)
	bm.End = max(bm.End, e.Tick)
	b.m.End = max(b.m.End, e.Tick)
	if e.TID != 0 {
		t := bm.thread(e.TID, e.Thread)
		if e.PID != 0 {
			t.PID = e.PID
		}
	}
	if handle := handlers[e.Kind]; handle != nil {
		handle(b, bm, e)
	}
}

// handlers says what each kind of event does to the model; kinds
// without a handler are not drawn.
var handlers = [trace.NumKinds]func(b *builder, bm *builderMachine, e *trace.Event){
	trace.ThreadCreate: func(b *builder, bm *builderMachine, e *trace.Event) { bm.thread(e.PeerTID, e.Peer) },
	trace.ThreadReady: func(b *builder, bm *builderMachine, e *trace.Event) {
		bm.thread(e.PeerTID, e.Peer)
		bm.enter(e.PeerTID, Ready, nil, e.Tick)
	},
	trace.ThreadSwitch: func(b *builder, bm *builderMachine, e *trace.Event) {
		if sp := bm.current(e.TID); sp != nil && sp.State == Running && e.TID != e.PeerTID {
			bm.enter(e.TID, Ready, nil, e.Tick)
		}
		bm.thread(e.PeerTID, e.Peer)
		bm.enter(e.PeerTID, Running, nil, e.Tick)
	},
	trace.ThreadBlock: func(b *builder, bm *builderMachine, e *trace.Event) {
		bm.enter(e.TID, Blocked, &Wait{Kind: e.Wait, Name: e.Name, PeerTID: e.PeerTID}, e.Tick)
	},
	trace.ThreadFinish: func(b *builder, bm *builderMachine, e *trace.Event) {
		bm.close(e.TID, e.Tick)
		bm.finished[e.TID] = true
	},
	trace.Interrupt: func(b *builder, bm *builderMachine, e *trace.Event) {
		bm.Interrupts = append(bm.Interrupts, Mark{Tick: e.Tick, End: e.Tick, Kind: e.Kind, Label: e.Name, Detail: "interrupt: " + e.Name})
	},
	trace.Syscall: func(b *builder, bm *builderMachine, e *trace.Event) {
		t := bm.thread(e.TID, e.Thread)
		bm.calls[e.TID] = len(t.Marks)
		t.Marks = append(t.Marks, Mark{Tick: e.Tick, End: -1, Kind: e.Kind, Label: e.Name,
			Detail: fmt.Sprintf("%s(%d, %d, %d, %d)", e.Name, e.Args[0], e.Args[1], e.Args[2], e.Args[3])})
	},
	trace.SyscallReturn: func(b *builder, bm *builderMachine, e *trace.Event) {
		i, ok := bm.calls[e.TID]
		if !ok {
			return
		}
		delete(bm.calls, e.TID)
		m := &bm.threads[e.TID].Marks[i]
		m.End = e.Tick
		m.Detail += fmt.Sprintf(" = %d, returned at tick %d", e.Result, e.Tick)
	},
	trace.Exception:    threadMark("exception %s at pc 0x%08[2]x, address 0x%08[3]x"),
	trace.TLBMiss:      threadMark("TLB miss at pc 0x%08[2]x for address 0x%08[3]x (page %[4]d)"),
	trace.ProcessStart: threadMark("starts process %[5]d running %[1]s"),
	trace.ProcessExit:  threadMark("process %[5]d ended with status %[6]d"),
	trace.PageFault: func(b *builder, bm *builderMachine, e *trace.Event) {
		threadMark("page fault on page %[4]d (address 0x%08[3]x)")(b, bm, e)
		bm.Paging = append(bm.Paging, Mark{Tick: e.Tick, End: e.Tick, Kind: e.Kind, Label: "fault",
			Detail: fmt.Sprintf("page fault: process %d, page %d, address 0x%08x", e.PID, e.Page, e.Addr)})
	},
	trace.FrameAlloc: func(b *builder, bm *builderMachine, e *trace.Event) {
		bm.endFrame(e.Frame, e.Tick)
		bm.frames[e.Frame] = FrameSpan{Frame: e.Frame, Start: e.Tick, End: -1, PID: e.Proc, Page: e.Page}
		bm.NumFrames = max(bm.NumFrames, e.Frame+1)
	},
	trace.FrameFree: func(b *builder, bm *builderMachine, e *trace.Event) { bm.endFrame(e.Frame, e.Tick) },
	trace.Eviction: func(b *builder, bm *builderMachine, e *trace.Event) {
		bm.endFrame(e.Frame, e.Tick)
		bm.NumFrames = max(bm.NumFrames, e.Frame+1)
		bm.Paging = append(bm.Paging, Mark{Tick: e.Tick, End: e.Tick, Kind: e.Kind, Label: "evict",
			Detail: fmt.Sprintf("eviction: frame %d gave up page %d of process %d (dirty: %v)", e.Frame, e.Page, e.Proc, e.Dirty)})
	},
	trace.PacketSend: func(b *builder, bm *builderMachine, e *trace.Event) {
		b.packet(e).Sent = e.Tick
	},
	trace.PacketReceive: func(b *builder, bm *builderMachine, e *trace.Event) {
		b.packet(e).Received = e.Tick
	},
	trace.PacketDrop: func(b *builder, bm *builderMachine, e *trace.Event) {
		p := b.packet(e)
		p.Dropped, p.Why = e.Tick, e.Name
	},
	trace.Halt: func(b *builder, bm *builderMachine, e *trace.Event) {
		for tid := range bm.open {
			bm.close(tid, e.Tick)
		}
	},
	trace.DistSend:    distSend,
	trace.DistReceive: distReceive,
	trace.DistGiveUp:  distGiveUp,
	trace.DistDecide:  distDecide,
	trace.DistEnter:   distEnter,
	trace.DistExit:    distExit,
	trace.DistCrash:   distCrash,
	trace.DistRecover: distRecover,
}

// threadMark makes the handler of a kind drawn as a mark on the running
// thread's timeline. The detail's format takes, in order: the event's
// name, pc, addr, page, proc and result.
func threadMark(format string) func(b *builder, bm *builderMachine, e *trace.Event) {
	return func(b *builder, bm *builderMachine, e *trace.Event) {
		if e.TID == 0 {
			return
		}
		t := bm.thread(e.TID, e.Thread)
		label := e.Name
		if label == "" || e.Kind == trace.ProcessStart {
			label = e.Kind.String()
		}
		t.Marks = append(t.Marks, Mark{Tick: e.Tick, End: e.Tick, Kind: e.Kind, Label: label,
			Detail: fmt.Sprintf(format, e.Name, e.PC, e.Addr, e.Page, e.Proc, e.Result)})
	}
}

func (bm *builderMachine) endFrame(frame int, tick int64) {
	if f, ok := bm.frames[frame]; ok {
		f.End = tick
		bm.Frames = append(bm.Frames, f)
		delete(bm.frames, frame)
	}
}

// packet returns the packet e is about, made on its first event.
func (b *builder) packet(e *trace.Event) *Packet {
	p, ok := b.packets[e.ID]
	if !ok {
		p = &Packet{ID: e.ID, Src: e.Src, Dst: e.Dst, Port: e.Port, Size: e.Size, Sent: -1, Received: -1, Dropped: -1}
		b.packets[e.ID] = p
		b.m.Packets = append(b.m.Packets, p)
		b.machine(e.Src)
		b.machine(e.Dst)
	}
	return p
}

// finish closes what is still open at each machine's end: a trace cut
// short (the run was killed) still draws.
func (b *builder) finish() {
	for _, bm := range b.machines {
		for tid := range bm.open {
			bm.close(tid, bm.End)
		}
		for _, f := range bm.frames {
			f.End = bm.End
			bm.Frames = append(bm.Frames, f)
		}
		slices.SortFunc(bm.Frames, func(a, b FrameSpan) int {
			return cmp.Or(cmp.Compare(a.Frame, b.Frame), cmp.Compare(a.Start, b.Start))
		})
	}
	slices.SortFunc(b.m.Machines, func(a, b *Machine) int { return cmp.Compare(a.ID, b.ID) })
	b.finishAlgorithm()
}

// ThreadLabel names a thread for a picture: its name, or its number.
func (t *Thread) ThreadLabel() string {
	if strings.TrimSpace(t.Name) == "" {
		return fmt.Sprintf("thread %d", t.TID)
	}
	return t.Name
}
