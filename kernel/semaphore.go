// Semaphores, the primitive the other synchronization tools are built on.
//
// A semaphore holds a non-negative count. P waits until the count is
// positive and then decrements it; V increments it and wakes one waiter.
// Nobody may read the count: by the time a thread acted on the value it
// read, another thread or an interrupt could have changed it.
//
// P and V are atomic because they run with interrupts off. V may be
// called from an interrupt handler (this is how a device wakes the thread
// waiting for it); P may not, since a handler must never block.

package kernel

import (
	"nachos/kernel/trace"
	"nachos/machine"
)

// Semaphore is a counting semaphore with a FIFO queue of waiters.
type Semaphore struct {
	k     *Kernel
	name  string
	value int
	queue queue[*Thread] // blocked in P, first come first woken
}

// NewSemaphore returns a semaphore with an initial count.
func (k *Kernel) NewSemaphore(name string, value int) *Semaphore {
	return &Semaphore{k: k, name: name, value: value}
}

// Name returns the semaphore's name.
func (s *Semaphore) Name() string { return s.name }

// P waits until the count is positive, then decrements it.
func (s *Semaphore) P() {
	intr := s.k.Machine.Interrupt
	old := intr.SetLevel(machine.IntOff)
	for s.value == 0 {
		s.k.Debug.Printf('s', "%q waits in P on semaphore %q\n", s.k.current, s.name)
		s.queue.push(s.k.current)
		s.k.sleepOn(s)
	}
	s.value--
	s.k.Trace.Emit(trace.Event{Kind: trace.SemaphoreP, Name: s.name})
	intr.SetLevel(old)
}

// V increments the count and makes the longest waiter ready.
func (s *Semaphore) V() {
	intr := s.k.Machine.Interrupt
	old := intr.SetLevel(machine.IntOff)
	t, ok := s.queue.pop()
	if ok {
		s.k.Debug.Printf('s', "V on semaphore %q wakes %q\n", s.name, t)
		s.k.scheduler.ReadyToRun(t)
	}
	if s.k.Trace.Enabled() {
		s.k.tracePeer(trace.SemaphoreV, s.name, t)
	}
	s.value++
	intr.SetLevel(old)
}
