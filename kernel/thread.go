// Threads: the unit the scheduler hands the CPU to.
//
// A thread is Running (exactly one is), Ready (waiting in the scheduler
// for the CPU), Blocked (waiting on a semaphore, lock, condition or join)
// or Finished. A thread gives up the CPU in one of three ways: Yield, which
// leaves it ready; Sleep, which blocks it until another thread or an
// interrupt handler makes it ready again; and Finish, which ends it.
//
// Each simulated thread runs on a coroutine of its own (iter.Pull), so it
// has its own stack, as a Nachos thread does. Only the thread the
// scheduler has chosen ever runs: a context switch suspends the current
// coroutine and resumes the next one, and no two ever run at once. That is
// what makes a run repeatable: the interleaving depends on the scheduler
// and the seed, never on the Go runtime.
//
// Simulator note: a real kernel switches stacks in a few instructions of
// assembly (SWITCH in Nachos). Here the switch goes through a dispatcher
// loop in Boot: the old thread hands the CPU to the dispatcher, which
// resumes the new one.

package kernel

import (
	"iter"
	"runtime/debug"
	"slices"

	"nachos/kernel/trace"
	"nachos/machine"
)

// ThreadStatus is where a thread is in its life.
type ThreadStatus int

// Thread states.
const (
	JustCreated ThreadStatus = iota
	Running
	Ready
	Blocked
	Finished
)

func (s ThreadStatus) String() string {
	return [...]string{"just created", "running", "ready", "blocked", "finished"}[s]
}

// ThreadStats is what a thread's life cost and when, in ticks.
type ThreadStats struct {
	RunTicks  int64 // time spent running
	WaitTicks int64 // time spent ready, waiting for the CPU
	FirstRun  int64 // when it first ran (-1: never)
	Runs      int   // how many times it was dispatched
}

// A SwitchContext is saved when its thread loses the CPU and restored when
// the thread gets it back. User programs use it for their registers and
// address space (see package userprog).
type SwitchContext interface {
	Save()
	Restore()
}

// Thread is a kernel thread.
type Thread struct {
	name string // shown in traces and errors
	k    *Kernel
	id   int // numbered from 1 in the order threads start, for traces
	pid  int // the user process it runs (0: a kernel thread), for traces

	// Priorities (donation.go).
	priority  int     // its own, as SetPriority set it
	effective int     // what the priority policies use: priority, or more by donation
	held      []*Lock // the locks it holds, whose waiters donate; kept only under donation

	// Written only by the scheduler, with interrupts off.
	status       ThreadStatus
	stats        ThreadStats
	readySince   int64 // when it last became ready
	runningSince int64 // when it was last dispatched

	joiners    []*Thread // threads blocked in Join, waiting for this one
	waitingFor waitable  // what the thread is blocked on, for the deadlock detector
	cancelled  func()    // set by Cancel: what the thread does instead of going on
	daemon     bool      // serves others and waits for work for ever (SetDaemon)

	// Context, if set, is saved and restored around context switches.
	Context SwitchContext

	body    func()
	resume  func() (struct{}, bool) // the dispatcher runs the thread until it switches away
	stop    func()                  // ends a suspended thread when the machine halts
	suspend func(struct{}) bool     // the thread hands the CPU back to the dispatcher
}

// unwind is panicked inside a thread to end its coroutine: the thread has
// finished, or the machine has halted.
type unwind struct{}

// NewThread makes a thread that has not been forked. It can be scheduled
// like any other (nachos sched uses such threads as jobs), but it has no
// code to run.
func NewThread(name string, priority int) *Thread {
	return &Thread{name: name, priority: priority, effective: priority, status: JustCreated,
		stats: ThreadStats{FirstRun: -1}}
}

// Name returns the thread's name.
func (t *Thread) Name() string { return t.name }

// SetName renames the thread, for a thread that takes on a role after it
// was made: the thread that boots the kernel becomes a process's first.
func (t *Thread) SetName(name string) {
	t.name = name
	t.retrace()
}

// retrace tells the trace the new name or process of t, if t is running:
// the events it records from now on carry them.
func (t *Thread) retrace() {
	if t.k != nil && t.k.current == t {
		t.k.traceRunning(t)
	}
}

// ID returns the thread's number: threads are numbered from 1 in the
// order they start.
func (t *Thread) ID() int { return t.id }

// SetPID records which user process the thread runs, for traces.
func (t *Thread) SetPID(pid int) {
	t.pid = pid
	t.retrace()
}

// String returns the thread's name. Traces pass the thread rather than
// its name: a pointer goes into a Printf argument without an allocation,
// a string does not, and a context switch must not allocate.
func (t *Thread) String() string { return t.name }

// SetDaemon marks t as a daemon: a thread that serves other threads and
// waits for work for ever, such as the post office's postal worker. When
// nothing can run any more, a daemon still waiting is no sign of a stuck
// program, and the deadlock report leaves it out.
func (t *Thread) SetDaemon() { t.daemon = true }

// Status returns the thread's state.
func (t *Thread) Status() ThreadStatus { return t.status }

// Priority returns the thread's own priority, the one it was given;
// larger is more important.
func (t *Thread) Priority() int { return t.priority }

// SetPriority changes the thread's own priority. A ready thread is
// rescheduled by its new priority at once: the priority policies compare
// their ready threads each time they choose.
func (t *Thread) SetPriority(p int) {
	t.priority = p
	t.updatePriority()
}

// EffectivePriority is the priority the priority policies schedule the
// thread by. It is the thread's own priority, except under priority
// donation while the thread holds a lock a more important thread waits
// for: then it is that thread's (see donation.go).
func (t *Thread) EffectivePriority() int { return t.effective }

// Stats returns the thread's statistics so far.
func (t *Thread) Stats() ThreadStats { return t.stats }

// CurrentThread returns the running thread.
func (k *Kernel) CurrentThread() *Thread { return k.current }

// Threads returns the threads that have not finished, oldest first, for
// a debugger's list of threads.
func (k *Kernel) Threads() []*Thread { return slices.Clone(k.live) }

// Fork creates a thread that will run fn, and makes it ready. It returns
// at once: the new thread runs when the scheduler picks it.
func (k *Kernel) Fork(name string, fn func()) *Thread {
	t := NewThread(name, 0)
	k.start(t, fn)
	intr := k.Machine.Interrupt
	old := intr.SetLevel(machine.IntOff)
	k.Debug.Printf('t', "Forking thread %q\n", t)
	k.scheduler.ReadyToRun(t)
	intr.SetLevel(old)
	return t
}

// start gives t a coroutine that will run fn.
func (k *Kernel) start(t *Thread, fn func()) {
	t.k, t.body = k, fn
	k.nextTID++
	t.id = k.nextTID
	t.resume, t.stop = iter.Pull(t.run)
	k.live = append(k.live, t)
	k.tracePeer(trace.ThreadCreate, "", t)
}

// run is the whole life of a thread's coroutine.
func (t *Thread) run(suspend func(struct{}) bool) {
	t.suspend = suspend
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(unwind); !ok {
				t.k.panicStack = debug.Stack()
				panic(r)
			}
		}
	}()
	// A new thread starts right after a context switch, which happens
	// with interrupts off; like any code leaving the scheduler, it turns
	// them back on.
	t.k.Machine.Interrupt.SetLevel(machine.IntOn)
	t.body()
	t.k.Finish()
}

// Yield gives the CPU to the next ready thread, if there is one, and
// puts the current thread back among the ready ones. With nothing else
// ready, the current thread simply goes on.
func (k *Kernel) Yield() {
	intr := k.Machine.Interrupt
	old := intr.SetLevel(machine.IntOff)
	k.Debug.Printf('t', "Yielding thread %q\n", k.current)
	if next := k.scheduler.FindNextToRun(); next != nil {
		k.scheduler.ReadyToRun(k.current)
		k.endBurst(k.current)
		if t := k.current; k.handOver(next) && !t.suspend(struct{}{}) {
			panic(unwind{}) // the machine halted while t was suspended
		}
	}
	intr.SetLevel(old)
}

// Sleep blocks the current thread until something calls ReadyToRun on it.
// Interrupts must be off, so that the wakeup cannot slip in between the
// caller deciding to wait and the thread going to sleep.
//
// If no thread is ready, the CPU idles until an interrupt makes one ready.
// If nothing at all is pending, nothing can ever happen again: the
// simulation is over, and the machine halts.
func (k *Kernel) Sleep() {
	if k.Machine.Interrupt.Level() != machine.IntOff {
		panic("kernel: Sleep called with interrupts on")
	}
	k.Debug.Printf('t', "Sleeping thread %q\n", k.current)
	if k.current.status != Finished {
		k.current.status = Blocked
		if k.Trace.Enabled() {
			k.traceBlock()
		}
	}
	k.endBurst(k.current)
	if t := k.current; k.handOver(k.nextToRun()) && !t.suspend(struct{}{}) {
		panic(unwind{}) // the machine halted while t was suspended
	}
}

// sleepOn is Sleep for a thread that waits on w, and says so: if the
// thread never wakes, the deadlock detector can tell what it waited for.
func (k *Kernel) sleepOn(w waitable) {
	t := k.current
	t.waitingFor = w
	k.Sleep()
	t.waitingFor = nil
	if t.cancelled != nil {
		t.leaveCancelled(w)
	}
}

// nextToRun returns the next ready thread, idling until there is one.
func (k *Kernel) nextToRun() *Thread {
	intr := k.Machine.Interrupt
	next := k.scheduler.FindNextToRun()
	if next == nil {
		k.Trace.SetRunning(0, "", 0) // the CPU idles: what happens now happens in no thread
	}
	for next == nil {
		if !intr.Idle() {
			k.noMoreWork()
		}
		next = k.scheduler.FindNextToRun()
	}
	return next
}

// Finish ends the current thread, waking any thread joining it. It never
// returns.
func (k *Kernel) Finish() {
	k.Machine.Interrupt.SetLevel(machine.IntOff)
	t := k.current
	k.Debug.Printf('t', "Finishing thread %q\n", t)
	t.status = Finished
	k.Trace.Emit(trace.Event{Kind: trace.ThreadFinish})
	for _, j := range t.joiners {
		k.scheduler.ReadyToRun(j)
	}
	t.joiners = nil
	k.Sleep()
}

// Join waits until t has finished.
func (k *Kernel) Join(t *Thread) {
	intr := k.Machine.Interrupt
	old := intr.SetLevel(machine.IntOff)
	for t.status != Finished {
		t.joiners = append(t.joiners, k.current)
		k.sleepOn(t)
	}
	intr.SetLevel(old)
}

// noMoreWork halts a machine on which no thread can ever run again. If
// some threads are still blocked, they will wait forever: the program did
// not complete, it is stuck, and the deadlock detector says where.
func (k *Kernel) noMoreWork() {
	k.Machine.Interrupt.SetStatus(machine.IdleMode)
	if blocked := k.blockedThreads(); len(blocked) > 0 {
		k.reportDeadlock(blocked)
	} else if !k.Quiet {
		k.Out.Write([]byte("No threads ready or runnable, and no pending interrupts.\nAssuming the program completed.\n"))
	}
	k.Halt()
}
