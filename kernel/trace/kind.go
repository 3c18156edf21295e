// The kinds of event a trace records, and the fields each one carries.
//
// Every event has the same five base fields: the tick, the machine (0
// unless the run is a cluster), the process (0 for kernel threads) and
// the thread (its number and name) that was running when it happened
// (number 0 and no name while the CPU idles).
// Past those, each kind carries the fields of its own that the table
// below lists, and always all of them, even when a value is zero: a
// reader never has to guess whether a missing field means 0.
//
// The table is the one list. It drives the writer, the README's table
// of kinds and the tests that check them, so a new kind is one row here.

package trace

import "fmt"

// Kind is what an event records.
type Kind uint8

// The kinds of event. The kernel emits those of threads and
// synchronization, and the hardware's through it; userprog, vm and
// network emit those of processes, paging and packets, and network/dist
// those of a distributed algorithm.
const (
	ThreadCreate Kind = iota
	ThreadReady
	ThreadSwitch
	ThreadBlock
	ThreadFinish
	Interrupt
	Syscall
	SyscallReturn
	Exception
	ProcessStart
	ProcessExit
	LockAcquire
	LockRelease
	ConditionWait
	ConditionSignal
	ConditionBroadcast
	SemaphoreP
	SemaphoreV
	PageFault
	FrameAlloc
	FrameFree
	Eviction
	TLBMiss
	DiskRequest
	PacketSend
	PacketReceive
	PacketDrop
	Instruction
	Halt

	// The algorithm-level events of nachos dist (package network/dist),
	// recorded by the machine that is the node.
	DistSend
	DistReceive
	DistGiveUp
	DistDecide
	DistEnter
	DistExit
	DistCrash
	DistRecover
	DistViolation
	NumKinds
)

// KindInfo describes one kind: its name in the trace, the fields it
// carries past the base ones, and what it means.
type KindInfo struct {
	Name   string
	Fields []Field
	Doc    string
}

// Kinds is the table of every kind, indexed by Kind.
var Kinds = [NumKinds]KindInfo{
	ThreadCreate:       {"thread-create", []Field{FPeer, FPeerTID}, "the running thread forked thread peer"},
	ThreadReady:        {"thread-ready", []Field{FPeer, FPeerTID}, "thread peer was put on the ready list (forked, woken, yielding or preempted)"},
	ThreadSwitch:       {"thread-switch", []Field{FPeer, FPeerTID}, "the CPU passes from the running thread (none: the CPU was idle) to peer"},
	ThreadBlock:        {"thread-block", []Field{FWait, FName, FPeer, FPeerTID}, "the running thread sleeps, waiting on a wait (lock, condition, semaphore, join or other) called name; peer is the thread that must act first (the lock's holder, the thread joined), if any"},
	ThreadFinish:       {"thread-finish", nil, "the running thread has finished"},
	Interrupt:          {"interrupt", []Field{FName}, "the interrupt of device name (timer, disk, console write, console read, network send, network recv) is serviced"},
	Syscall:            {"syscall", []Field{FName, FArgs}, "the running thread made system call name with the four argument registers args"},
	SyscallReturn:      {"syscall-return", []Field{FName, FResult}, "system call name returns result to the running thread"},
	Exception:          {"exception", []Field{FName, FPC, FAddr}, "a user instruction at pc raised exception name (not system calls or TLB misses, which have kinds of their own); addr is the bad address, if any"},
	ProcessStart:       {"process-start", []Field{FProc, FName}, "process proc starts running program name"},
	ProcessExit:        {"process-exit", []Field{FProc, FResult}, "process proc ended with status result (-1000 minus the exception number if it was killed)"},
	LockAcquire:        {"lock-acquire", []Field{FName}, "the running thread took lock name (after waiting, if a thread-block came first)"},
	LockRelease:        {"lock-release", []Field{FName, FPeer, FPeerTID}, "the running thread released lock name, handing it to peer if a thread waited"},
	ConditionWait:      {"condition-wait", []Field{FName, FLock}, "the running thread waits on condition name, releasing lock"},
	ConditionSignal:    {"condition-signal", []Field{FName, FPeer, FPeerTID}, "the running thread signalled condition name, waking peer (none: the signal is lost)"},
	ConditionBroadcast: {"condition-broadcast", []Field{FName, FCount}, "the running thread broadcast condition name, waking count threads"},
	SemaphoreP:         {"semaphore-p", []Field{FName}, "the running thread passed P on semaphore name (after waiting, if a thread-block came first)"},
	SemaphoreV:         {"semaphore-v", []Field{FName, FPeer, FPeerTID}, "the running thread did V on semaphore name, waking peer if a thread waited"},
	PageFault:          {"page-fault", []Field{FAddr, FPage}, "the running process touched virtual page page (address addr), which is not in memory"},
	FrameAlloc:         {"frame-alloc", []Field{FFrame, FProc, FPage}, "physical frame frame now holds virtual page page of process proc"},
	FrameFree:          {"frame-free", []Field{FFrame}, "physical frame frame is free"},
	Eviction:           {"eviction", []Field{FFrame, FProc, FPage, FDirty}, "page page of process proc was evicted from frame frame, written back first if dirty"},
	TLBMiss:            {"tlb-miss", []Field{FPC, FAddr, FPage}, "the TLB had no entry for virtual page page (address addr, instruction at pc)"},
	DiskRequest:        {"disk-request", []Field{FName, FSector}, "the disk starts a name (read or write) of sector sector"},
	PacketSend:         {"packet-send", []Field{FSrc, FDst, FPort, FSize, FID}, "machine src sends packet id of size bytes to port port of machine dst"},
	PacketReceive:      {"packet-receive", []Field{FSrc, FDst, FPort, FSize, FID}, "machine dst receives packet id, sent by src"},
	PacketDrop:         {"packet-drop", []Field{FSrc, FDst, FPort, FSize, FID, FName}, "packet id from src to dst was lost; name says why"},
	Instruction:        {"instruction", []Field{FPC, FWord}, "the CPU executes the instruction word at pc (only with --trace-instructions)"},
	Halt:               {"halt", nil, "the machine halts: the last event of a machine's run"},
	DistSend:           {"dist-send", []Field{FName, FSrc, FDst, FID, FLamport}, "node src sends node dst message id of the algorithm, of kind name (ELECTION, OK ...), with Lamport time lamport (nachos dist)"},
	DistReceive:        {"dist-receive", []Field{FName, FSrc, FDst, FID, FLamport}, "node dst takes in message id of kind name from src; its Lamport clock is now lamport"},
	DistGiveUp:         {"dist-give-up", []Field{FName, FSrc, FDst, FID, FLamport}, "node src's transport gave up on message id to dst, unanswered after its last resend: dst is down or cut off"},
	DistDecide:         {"dist-decide", []Field{FName, FValue, FLamport}, "the node decided name (leader, commit ...) = value"},
	DistEnter:          {"dist-enter", []Field{FLamport}, "the node entered the critical section"},
	DistExit:           {"dist-exit", []Field{FLamport}, "the node left the critical section"},
	DistCrash:          {"dist-crash", []Field{FLamport}, "the node crashed (--crash), losing its process, timers and decisions"},
	DistRecover:        {"dist-recover", []Field{FLamport}, "the node came back with a fresh process"},
	DistViolation:      {"dist-violation", []Field{FName}, "the run broke the algorithm's safety property; name says how (machine 0: the run as a whole)"},
}

func (k Kind) String() string {
	if k >= NumKinds {
		return fmt.Sprintf("kind(%d)", uint8(k))
	}
	return Kinds[k].Name
}

// MarshalText writes the kind's name.
func (k Kind) MarshalText() ([]byte, error) {
	if k >= NumKinds {
		return nil, fmt.Errorf("trace: no event kind %d", uint8(k))
	}
	return []byte(Kinds[k].Name), nil
}

// UnmarshalText reads a kind's name. A name this version does not know
// is an error, so that a reader never silently drops events.
func (k *Kind) UnmarshalText(b []byte) error {
	if kind, ok := kindByName[string(b)]; ok {
		*k = kind
		return nil
	}
	return fmt.Errorf("unknown event kind %q (this reader knows schema version %d)", b, Version)
}

var kindByName = func() map[string]Kind {
	m := make(map[string]Kind, NumKinds)
	for k := range NumKinds {
		m[Kinds[k].Name] = k
	}
	return m
}()
