// Cancelling a thread that waits.
//
// When a user program faults, the kernel ends its whole process. A thread
// of it that is running, or ready to go back to the program, ends as soon
// as it runs again: its memory is gone. But one that is inside a wait (in
// P, Acquire, Wait or Join) might never come out: nothing else in a dead
// process will call V or Release, and even a thread already woken could
// find its semaphore taken again and go back to sleep. Cancel makes such a
// thread end when it next runs, instead of going on with its wait.
//
// Leaving a wait must not lose anything that other threads count on. A
// thread still asleep leaves the queue it waits in, so that nobody can
// hand it anything any more. A thread already woken may have been handed
// something (a V, the lock) that it now passes on (handOn).

package kernel

import (
	"slices"

	"nachos/machine"
)

// Cancel makes t, a thread inside one of the kernel's waits, stop waiting
// and call end the next time it runs. end must not return (it ends the
// thread, for example with Finish). Cancel reports false, and does
// nothing, if t is not inside a wait the kernel can name.
func (k *Kernel) Cancel(t *Thread, end func()) bool {
	intr := k.Machine.Interrupt
	old := intr.SetLevel(machine.IntOff)
	defer intr.SetLevel(old)
	if t.waitingFor == nil || t.cancelled != nil || t == k.current {
		return false
	}
	k.Debug.Printf('t', "Cancelling thread %q, which %s\n", t, t.waitingFor.waitsFor())
	t.cancelled = end
	if t.status == Blocked { // nobody has woken t: it is still in the queue
		t.waitingFor.withdraw(t)
		k.scheduler.ReadyToRun(t)
	}
	return true
}

// WaitingIn returns the Semaphore, Lock, Condition or Thread that t is
// waiting in, asleep or woken but not yet running, or nil if t is not in
// such a wait.
func (t *Thread) WaitingIn() any { return t.waitingFor }

// leaveCancelled is what a cancelled thread does when it runs again, in
// place of going on with its wait on w: it hands on what it may have been
// given, and ends.
func (t *Thread) leaveCancelled(w waitable) {
	w.handOn(t)
	t.cancelled()
}

// is returns a test for t, to find it in a queue.
func is(t *Thread) func(*Thread) bool { return func(w *Thread) bool { return w == t } }

// withdraw takes t out of the semaphore's queue.
func (s *Semaphore) withdraw(t *Thread) { s.queue.remove(is(t)) }

// handOn wakes the next waiter if a V left the count positive: it was
// meant for t.
func (s *Semaphore) handOn(*Thread) {
	if s.value > 0 {
		if next, ok := s.queue.pop(); ok {
			s.k.scheduler.ReadyToRun(next)
		}
	}
}

// withdraw takes t out of the lock's waiters; under donation, it lends
// the holder its priority no longer.
func (l *Lock) withdraw(t *Thread) {
	l.waiters.remove(is(t))
	if l.k.donation {
		l.holder.updatePriority()
	}
}

// handOn releases the lock if Release handed it to t.
func (l *Lock) handOn(t *Thread) {
	if l.holder == t {
		l.release()
	}
}

// withdraw takes t out of the condition's waiters.
func (c *Condition) withdraw(t *Thread) {
	c.waiters.remove(is(t))
	if c.waiters.len() == 0 {
		c.lock = nil
	}
}

// handOn does nothing: a condition keeps no signals, and the lock t would
// have taken back is not t's.
func (c *Condition) handOn(*Thread) {}

// withdraw stops t joining this thread.
func (j *Thread) withdraw(t *Thread) { j.joiners = slices.DeleteFunc(j.joiners, is(t)) }

// handOn does nothing: a finished thread hands nothing to its joiners.
func (j *Thread) handOn(*Thread) {}
