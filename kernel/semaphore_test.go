// Tests for semaphores with the one thread the kernel has: a P that must
// wait sleeps, the CPU idles until an interrupt handler's V, and P
// returns; every P and V costs the system tick of turning interrupts back
// on.

package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"nachos/kernel"
	"nachos/machine"
)

func TestSemaphoreName(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	assert.Equal(t, "disk done", r.k.NewSemaphore("disk done", 0).Name())
}

func TestSemaphorePWithAPositiveCountDoesNotWait(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	r.k.Boot(func() {
		s := r.k.NewSemaphore("s", 2)
		s.P()
		s.P()
		assert.Equal(t, machine.Statistics{TotalTicks: 30, SystemTicks: 30}, *r.k.Machine.Stats)
	})
	assert.Equal(t, noMoreWork+haltReport("Ticks: total 30, idle 0, system 30, user 0"), r.out.String())
}

func TestSemaphoreVBeforePIsRemembered(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	r.k.Boot(func() {
		s := r.k.NewSemaphore("s", 0)
		s.V()
		s.P()
	})
	assert.Equal(t, noMoreWork+haltReport("Ticks: total 30, idle 0, system 30, user 0"), r.out.String())
}

// Boot leaves the clock at 10; the interrupt is due at 60. P sleeps, the
// machine idles 50 ticks, the handler's V wakes the thread, and P turning
// interrupts back on costs 10: P returns at 70.
func TestSemaphorePWaitsForAnInterruptHandlersV(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	var during kernel.ThreadStatus
	var returned int64
	assert.Equal(t, kernel.ExitOK, r.k.Boot(func() {
		s := r.k.NewSemaphore("disk done", 0)
		main := r.k.CurrentThread()
		r.k.Machine.Interrupt.Schedule(func() { during = main.Status(); s.V() }, 50, machine.DiskInt)
		s.P()
		returned = r.k.Machine.Stats.TotalTicks
		assert.Equal(t, kernel.Running, main.Status())
	}))
	assert.Equal(t, kernel.Blocked, during, "the thread slept in P")
	assert.Equal(t, int64(70), returned)
	assert.Equal(t, noMoreWork+haltReport("Ticks: total 70, idle 50, system 20, user 0"), r.out.String())
}

// Two waits: idle 10->60, P returns at 70; idle 70->110, P returns at 120.
func TestSemaphoreWaitsTwice(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	r.k.Boot(func() {
		s := r.k.NewSemaphore("s", 0)
		r.k.Machine.Interrupt.Schedule(s.V, 50, machine.DiskInt)
		r.k.Machine.Interrupt.Schedule(s.V, 100, machine.ConsoleWriteInt)
		s.P()
		s.P()
	})
	assert.Equal(t, noMoreWork+haltReport("Ticks: total 120, idle 90, system 30, user 0"), r.out.String())
}

// A P that nothing can ever satisfy ends the simulation: the thread
// sleeps, no interrupt is pending, and the kernel reports the deadlock.
func TestSemaphorePThatCanNeverReturnIsADeadlock(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	after := false
	assert.Equal(t, kernel.ExitDeadlock, r.k.Boot(func() {
		r.k.NewSemaphore("never", 0).P()
		after = true
	}))
	assert.False(t, after)
	assert.Equal(t, "nachos: deadlock: no thread can run and no interrupt is pending, but 1 thread is blocked forever\n"+
		"Blocked: \"main\" waits on semaphore \"never\" (no owner).\n", r.err.String())
	assert.Equal(t, haltReport("Ticks: total 10, idle 0, system 10, user 0"), r.out.String())
}

// V wakes the waiters in the order they called P.
func TestSemaphoreWakesWaitersFirstComeFirstServed(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	var woken []string
	assert.Equal(t, kernel.ExitOK, r.k.Boot(func() {
		s := r.k.NewSemaphore("s", 0)
		for _, name := range []string{"a", "b", "c"} {
			r.k.Fork(name, func() {
				s.P()
				woken = append(woken, name)
			})
		}
		r.k.Yield() // a, b and c run in turn and block in P
		assert.Empty(t, woken)
		s.V()
		s.V()
		s.V()
	}))
	assert.Equal(t, []string{"a", "b", "c"}, woken)
}

// A woken waiter checks the count again: here main takes the count the V
// left before the waiter runs, so the waiter must go back to sleep.
func TestSemaphoreWokenWaiterWaitsAgainIfTheCountIsGone(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	passed := false
	assert.Equal(t, kernel.ExitDeadlock, r.k.Boot(func() {
		s := r.k.NewSemaphore("s", 0)
		r.k.Fork("waiter", func() {
			s.P()
			passed = true
		})
		r.k.Yield() // the waiter blocks in P
		s.V()       // the waiter is ready, the count is 1
		s.P()       // main takes it first
	}))
	assert.False(t, passed)
	assert.Equal(t, "nachos: deadlock: no thread can run and no interrupt is pending, but 1 thread is blocked forever\n"+
		"Blocked: \"waiter\" waits on semaphore \"s\" (no owner).\n", r.err.String())
}
