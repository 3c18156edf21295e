// The kernel's side of the structured trace (--trace, package
// kernel/trace).
//
// The kernel owns the machine's Recorder (Kernel.Trace, nil when the run
// is not traced) and emits the events of threads and synchronization
// itself. The hardware's events (interrupts, exceptions, TLB misses, disk
// requests, instructions) reach it through a machine.Observer, since the
// machine must not know about traces. Layers above the kernel (userprog,
// vm, network) emit through the same Recorder:
//
//	k.Trace.Emit(trace.Event{Kind: trace.PageFault, Addr: va, Page: vpn})
//
// A trace only watches: nothing here reads the random generator or
// changes the time, so a traced run has the same tick counts as an
// untraced one.

package kernel

import (
	"nachos/kernel/trace"
	"nachos/machine"
)

// startTrace makes the kernel's recorder for c and has the machine report
// to it.
func (k *Kernel) startTrace(c Config) {
	if c.Trace == nil {
		return
	}
	k.Trace = trace.NewRecorder(c.Trace, c.MachineID, &k.Machine.Stats.TotalTicks)
	k.Machine.SetObserver(hardwareTrace{k}, c.TraceInstructions)
}

// traceRunning tells the recorder that t runs from now on.
func (k *Kernel) traceRunning(t *Thread) { k.Trace.SetRunning(t.id, t.name, t.pid) }

// traceWait names what a thread blocking on w waits for: the kind of
// wait and the object's name.
func traceWait(w waitable) (kind, name string) {
	switch w := w.(type) {
	case *Lock:
		return "lock", w.name
	case *Condition:
		return "condition", w.name
	case *Semaphore:
		return "semaphore", w.name
	case *Thread:
		return "join", w.name
	}
	return "other", "" // a bare Sleep
}

// traceBlock records that the current thread goes to sleep, naming the
// thread that must act first, if any, as the wait-for graph does (owner).
func (k *Kernel) traceBlock() {
	w := k.current.waitingFor
	kind, name := traceWait(w)
	e := trace.Event{Kind: trace.ThreadBlock, Wait: kind, Name: name}
	if w != nil {
		if o := w.owner(); o != nil {
			e.Peer, e.PeerTID = o.name, o.id
		}
	}
	k.Trace.Emit(e)
}

// tracePeer records an event of kind about thread t (nil: none).
func (k *Kernel) tracePeer(kind trace.Kind, name string, t *Thread) {
	e := trace.Event{Kind: kind, Name: name}
	if t != nil {
		e.Peer, e.PeerTID = t.name, t.id
	}
	k.Trace.Emit(e)
}

// hardwareTrace turns what the machine reports into events.
type hardwareTrace struct{ k *Kernel }

func (h hardwareTrace) Interrupt(kind machine.IntType) {
	h.k.Trace.Emit(trace.Event{Kind: trace.Interrupt, Name: kind.String()})
}

func (h hardwareTrace) Exception(cause machine.ExceptionType, pc, badVAddr uint32) {
	switch cause {
	case machine.SyscallException:
		// userprog records the call itself, with its name and arguments.
	case machine.TLBMissException:
		page := int(badVAddr) / h.k.Machine.PageSize()
		h.k.Trace.Emit(trace.Event{Kind: trace.TLBMiss, PC: pc, Addr: badVAddr, Page: page})
	default:
		h.k.Trace.Emit(trace.Event{Kind: trace.Exception, Name: cause.String(), PC: pc, Addr: badVAddr})
	}
}

func (h hardwareTrace) DiskRequest(writing bool, sector int) {
	op := "read"
	if writing {
		op = "write"
	}
	h.k.Trace.Emit(trace.Event{Kind: trace.DiskRequest, Name: op, Sector: sector})
}

func (h hardwareTrace) Instruction(pc, word uint32) {
	h.k.Trace.Emit(trace.Event{Kind: trace.Instruction, PC: pc, Word: word})
}
