// Locks: mutual exclusion with an owner.
//
// A lock protects shared data. A thread Acquires it before touching the
// data and Releases it afterwards; in between, the thread holds the lock,
// and any other thread that tries to Acquire it waits. So at most one
// thread at a time is inside the code the lock guards, its critical
// section.
//
// A lock could be a semaphore with a count of one, but a lock knows more:
// it has an owner. Only the thread that acquired a lock may release it,
// and a thread that already holds a lock must not acquire it again (it
// would wait for itself forever). Knowing the owner turns those bugs into
// clear errors, lets condition variables check that their caller holds
// the lock, and lets the deadlock detector say who holds what.
//
// Acquire and Release are atomic because they run with interrupts off. A
// thread that finds the lock busy joins the lock's queue and sleeps.
// Release does not merely mark the lock free: it hands it straight to the
// first thread in the queue, so the lock passes from waiter to waiter in
// the order they came (FIFO), and a thread that arrives later cannot slip
// in ahead of one that has waited longer.

package kernel

import (
	"nachos/kernel/trace"
	"nachos/machine"
)

// Lock is a mutual exclusion lock with FIFO hand-off.
type Lock struct {
	k       *Kernel
	name    string
	holder  *Thread        // nil when the lock is free
	waiters queue[*Thread] // blocked in Acquire, in arrival order
}

// NewLock returns a free lock. The name appears in traces and errors.
func (k *Kernel) NewLock(name string) *Lock { return &Lock{k: k, name: name} }

// Name returns the lock's name.
func (l *Lock) Name() string { return l.name }

// String returns the lock's name, for traces.
func (l *Lock) String() string { return l.name }

// Acquire waits until the lock is free, then takes it. Acquiring a lock
// the current thread already holds is a kernel error.
func (l *Lock) Acquire() {
	k := l.k
	intr := k.Machine.Interrupt
	old := intr.SetLevel(machine.IntOff)
	me := k.current
	if l.holder == me {
		k.Fatalf("%q acquired lock %q, which it already holds: it would wait for itself forever", me.name, l.name)
	}
	k.lockOrder.acquiring(k, me, l)
	if l.holder == nil {
		l.holder = me
		k.holds(me, l)
	} else {
		k.Debug.Printf('s', "%q waits for lock %q held by %q\n", me, l, l.holder)
		l.waiters.push(me)
		k.donate(me, l)
		k.sleepOn(l) // Release hands us the lock before it wakes us
	}
	k.lockOrder.acquired(me, l)
	k.Debug.Printf('s', "%q acquired lock %q\n", me, l)
	k.Trace.Emit(trace.Event{Kind: trace.LockAcquire, Name: l.name})
	intr.SetLevel(old)
}

// Release frees the lock, or hands it to the longest waiter. Releasing a
// lock the current thread does not hold is a kernel error.
func (l *Lock) Release() {
	intr := l.k.Machine.Interrupt
	old := intr.SetLevel(machine.IntOff)
	l.release()
	intr.SetLevel(old)
}

// release is Release with interrupts already off: Condition.Wait must
// release the lock and go to sleep in one atomic step.
func (l *Lock) release() {
	k := l.k
	me := k.current
	if l.holder != me {
		holder := "nobody"
		if l.holder != nil {
			holder = `"` + l.holder.name + `"`
		}
		k.Fatalf("lock %q released by %q but held by %s", l.name, me.name, holder)
	}
	k.lockOrder.released(me, l)
	k.Debug.Printf('s', "%q released lock %q\n", me, l)
	k.letGo(me, l)
	l.holder, _ = l.waiters.pop()
	if k.Trace.Enabled() {
		k.tracePeer(trace.LockRelease, l.name, l.holder)
	}
	if l.holder != nil {
		k.holds(l.holder, l)
		k.scheduler.ReadyToRun(l.holder)
	}
}

// IsHeldByCurrentThread reports whether the running thread holds the
// lock. Code that requires a lock can check it with this.
func (l *Lock) IsHeldByCurrentThread() bool { return l.holder == l.k.current }
