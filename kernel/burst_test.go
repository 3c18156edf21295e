package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"nachos/kernel"
	"nachos/machine"
)

// A thread's run time ends when it blocks: the time the CPU then idles,
// waiting for the interrupt that wakes it, is nobody's run time.
func TestIdleTimeIsNotRunTime(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	k := r.k
	var main kernel.ThreadStats
	k.Boot(func() {
		sem := k.NewSemaphore("wake", 0)
		k.Machine.Interrupt.Schedule(sem.V, 1000, machine.DiskInt)
		sem.P()
		main = k.CurrentThread().Stats()
	})
	// Boot enabled interrupts (10 ticks) before main ran; P turned them
	// off, the CPU idled to tick 1010, and P's return re-enabled them.
	assert.Equal(t, int64(0), main.RunTicks, "main blocked at once")
	assert.Equal(t, 2, main.Runs, "dispatched at boot, then again when woken")
	assert.Contains(t, r.out.String(), "idle 1000")
}
