// Cancelling a blocked thread.
//
// When a user program faults, the kernel ends its whole process. A thread
// of it that is running or ready ends as soon as it runs again, but one
// that is blocked (in P, Acquire, Wait or Join) might never be woken:
// nothing else in a dead process will call V or Release. Cancel wakes such
// a thread on purpose. The thread leaves the queue it waits in, so that
// nobody can hand it anything any more, and when it runs, instead of
// returning to the code that waited, it calls the function its canceller
// gave, which ends it.

package kernel

import (
	"slices"

	"nachos/machine"
)

// Cancel makes t, a thread blocked in one of the kernel's waits, stop
// waiting and call end, which must not return (it ends the thread, for
// example with Finish). It reports false, and does nothing, if t is not
// blocked in a wait the kernel can name.
func (k *Kernel) Cancel(t *Thread, end func()) bool {
	intr := k.Machine.Interrupt
	old := intr.SetLevel(machine.IntOff)
	defer intr.SetLevel(old)
	// Blocked means that nobody has woken t yet, so t is still in the
	// queue of what it waits for.
	if t.status != Blocked || t.waitingFor == nil || t.cancelled != nil {
		return false
	}
	k.Debug.Printf('t', "Cancelling thread %q, which %s\n", t, t.waitingFor.waitsFor())
	t.waitingFor.withdraw(t)
	t.cancelled = end
	k.scheduler.ReadyToRun(t)
	return true
}

// BlockedOn returns the Semaphore, Lock, Condition or Thread that t is
// blocked on, or nil if t is not blocked in such a wait.
func (t *Thread) BlockedOn() any {
	if t.status != Blocked || t.waitingFor == nil {
		return nil
	}
	return t.waitingFor
}

// is returns a test for t, to find it in a queue.
func is(t *Thread) func(*Thread) bool { return func(w *Thread) bool { return w == t } }

// withdraw takes t out of the semaphore's queue.
func (s *Semaphore) withdraw(t *Thread) { s.queue.remove(is(t)) }

// withdraw takes t out of the lock's waiters; it lends the holder its
// priority no longer.
func (l *Lock) withdraw(t *Thread) {
	l.waiters.remove(is(t))
	l.holder.updatePriority()
}

// withdraw takes t out of the condition's waiters.
func (c *Condition) withdraw(t *Thread) {
	c.waiters.remove(is(t))
	if c.waiters.len() == 0 {
		c.lock = nil
	}
}

// withdraw stops t joining this thread.
func (j *Thread) withdraw(t *Thread) { j.joiners = slices.DeleteFunc(j.joiners, is(t)) }
