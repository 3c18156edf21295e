// Condition variables: waiting, inside a critical section, for the state
// to change.
//
// A thread holding a lock sometimes finds it cannot go on: the buffer it
// wants to take from is empty. It cannot simply wait while holding the
// lock (nobody could ever fill the buffer), and releasing the lock, then
// sleeping, leaves a gap in which the wakeup can come and go unheard.
// Wait closes the gap: it releases the lock and puts the thread to sleep
// in one atomic step, and takes the lock again before it returns.
//
// A condition variable has no memory. Signal wakes one waiting thread and
// Broadcast wakes them all; with nobody waiting, both do nothing, and the
// signal is lost. That is the difference from a semaphore's V, which is
// remembered in the count.
//
// These are Mesa semantics, as in Nachos: Signal only makes the waiter
// ready, and the signaller keeps the lock and runs on. By the time the
// waiter has the lock again, another thread may have changed the state
// once more, so a waiter must check its condition again in a loop:
//
//	lock.Acquire()
//	for buffer is empty {
//		notEmpty.Wait(lock)
//	}
//	take from the buffer
//	lock.Release()
//
// (Under Hoare semantics the signaller would hand the lock and the CPU
// straight to the waiter, and an if would do; few real systems do that.)
//
// Every operation must be called while holding the lock that protects the
// state, and every thread waiting on one condition must use the same lock:
// breaking either rule is a kernel error.

package kernel

import (
	"nachos/kernel/trace"
	"nachos/machine"
)

// Condition is a Mesa-style condition variable.
type Condition struct {
	k       *Kernel
	name    string
	lock    *Lock          // the lock the waiters released; nil while nobody waits
	waiters queue[*Thread] // in Wait, in arrival order
}

// NewCondition returns a condition variable with no waiters.
func (k *Kernel) NewCondition(name string) *Condition { return &Condition{k: k, name: name} }

// Name returns the condition variable's name.
func (c *Condition) Name() string { return c.name }

// String returns the condition variable's name, for traces.
func (c *Condition) String() string { return c.name }

// Wait releases lock, sleeps until another thread signals the condition,
// and acquires lock again before returning. The caller must hold lock.
func (c *Condition) Wait(lock *Lock) {
	k := c.k
	intr := k.Machine.Interrupt
	old := intr.SetLevel(machine.IntOff)
	c.check("Wait", lock)
	c.lock = lock
	c.waiters.push(k.current)
	k.Debug.Printf('s', "%q waits on condition %q\n", k.current, c)
	k.Trace.Emit(trace.Event{Kind: trace.ConditionWait, Name: c.name, Lock: lock.name})
	lock.release()
	k.sleepOn(c)
	lock.Acquire()
	intr.SetLevel(old)
}

// Signal wakes the thread that has waited longest, if any thread waits.
// The caller must hold lock, the lock the waiters use.
func (c *Condition) Signal(lock *Lock) {
	intr := c.k.Machine.Interrupt
	old := intr.SetLevel(machine.IntOff)
	c.check("Signal", lock)
	woken := c.wake()
	if woken == nil {
		c.k.Debug.Printf('s', "%q signalled condition %q with nobody waiting: the signal is lost\n", c.k.current, c)
	}
	if c.k.Trace.Enabled() {
		c.k.tracePeer(trace.ConditionSignal, c.name, woken)
	}
	intr.SetLevel(old)
}

// Broadcast wakes every waiting thread. The caller must hold lock, the
// lock the waiters use.
func (c *Condition) Broadcast(lock *Lock) {
	intr := c.k.Machine.Interrupt
	old := intr.SetLevel(machine.IntOff)
	c.check("Broadcast", lock)
	n := 0
	for c.wake() != nil {
		n++
	}
	c.k.Trace.Emit(trace.Event{Kind: trace.ConditionBroadcast, Name: c.name, Count: n})
	intr.SetLevel(old)
}

// wake makes the longest waiter ready, and returns it (nil: nobody
// waited).
func (c *Condition) wake() *Thread {
	t, ok := c.waiters.pop()
	if !ok {
		return nil
	}
	c.k.Debug.Printf('s', "%q wakes %q from condition %q\n", c.k.current, t, c)
	c.k.scheduler.ReadyToRun(t)
	if c.waiters.len() == 0 {
		c.lock = nil
	}
	return t
}

// check enforces the two rules of condition variables: the caller holds
// lock, and lock is the one the waiters use.
func (c *Condition) check(op string, lock *Lock) {
	me := c.k.current
	switch {
	case !lock.IsHeldByCurrentThread():
		c.k.Fatalf("%q called %s on condition %q without holding lock %q", me.name, op, c.name, lock.name)
	case c.lock != nil && c.lock != lock:
		c.k.Fatalf("%q called %s on condition %q with lock %q, but its waiters use lock %q", me.name, op, c.name, lock.name, c.lock.name)
	}
}
