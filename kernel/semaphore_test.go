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
// sleeps, no interrupt is pending, and the machine halts.
func TestSemaphorePThatCanNeverReturnHalts(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	after := false
	assert.Equal(t, kernel.ExitOK, r.k.Boot(func() {
		r.k.NewSemaphore("never", 0).P()
		after = true
	}))
	assert.False(t, after)
	assert.Equal(t, noMoreWork+haltReport("Ticks: total 10, idle 0, system 10, user 0"), r.out.String())
}
