// Threads: the unit the scheduler hands the CPU to.
//
// A thread is Running (exactly one is), Ready (waiting in the scheduler's
// ready list for the CPU), Blocked (waiting on a semaphore, lock or
// condition) or Finished. A thread gives up the CPU in one of two ways:
// Yield, which puts it back on the ready list, or Sleep, which blocks it
// until another thread or an interrupt handler makes it ready again.

package kernel

import "nachos/machine"

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

// Thread is a kernel thread.
type Thread struct {
	name string // shown in traces and errors

	// Written only by the scheduler, with interrupts off.
	status ThreadStatus
}

func newThread(name string) *Thread { return &Thread{name: name, status: JustCreated} }

// Name returns the thread's name.
func (t *Thread) Name() string { return t.name }

// Status returns the thread's state.
func (t *Thread) Status() ThreadStatus { return t.status }

// CurrentThread returns the running thread.
func (k *Kernel) CurrentThread() *Thread { return k.current }

// Yield gives the CPU to the next ready thread, if there is one, and puts
// the current thread back on the ready list. With nothing else ready, the
// current thread simply goes on.
func (k *Kernel) Yield() {
	intr := k.Machine.Interrupt
	old := intr.SetLevel(machine.IntOff)
	k.Debug.Printf('t', "Yielding thread %q\n", k.current.name)
	if next := k.scheduler.FindNextToRun(); next != nil {
		k.scheduler.ReadyToRun(k.current)
		k.run(next)
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
	intr := k.Machine.Interrupt
	if intr.Level() != machine.IntOff {
		panic("kernel: Sleep called with interrupts on")
	}
	k.Debug.Printf('t', "Sleeping thread %q\n", k.current.name)
	k.current.status = Blocked
	next := k.scheduler.FindNextToRun()
	for next == nil {
		if !intr.Idle() {
			k.noMoreWork()
		}
		next = k.scheduler.FindNextToRun()
	}
	k.run(next)
}

// Finish ends the current thread.
func (k *Kernel) Finish() {
	k.Machine.Interrupt.SetLevel(machine.IntOff)
	k.Debug.Printf('t', "Finishing thread %q\n", k.current.name)
	k.current.status = Finished
	k.Sleep()
}

// noMoreWork halts a machine on which no thread can ever run again.
func (k *Kernel) noMoreWork() {
	k.Machine.Interrupt.SetStatus(machine.IdleMode)
	k.Out.Write([]byte("No threads ready or runnable, and no pending interrupts.\nAssuming the program completed.\n"))
	k.Halt()
}
