// Tests for stopping a simulation from the host (RequestStop), for
// --quiet, for the report of a Go panic, and for pausing and powering
// off a machine of a cluster.

package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"nachos/kernel"
	"nachos/machine"
)

// A stop requested while a thread works stops it at the next tick, with
// the reason, the statistics and the status asked for.
func TestRequestStopHaltsAtTheNextTick(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	status := r.k.Boot(func() {
		kernelWork(r.k, 5)
		r.k.RequestStop("interrupted (SIGINT)", kernel.ExitSignal(2))
		for {
			kernelWork(r.k, 1)
		}
	})
	assert.Equal(t, 130, status)
	assert.Equal(t, "nachos: stopped at tick 70: interrupted (SIGINT)\n", r.err.String())
	assert.Equal(t, haltReport("Ticks: total 70, idle 0, system 70, user 0"), r.out.String())
}

// The host asks from a goroutine of its own, as the signal handler does,
// while a thread runs forever.
func TestRequestStopFromAnotherGoroutine(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	started := make(chan struct{})
	go func() {
		<-started
		r.k.RequestStop("terminated (SIGTERM)", kernel.ExitSignal(15))
	}()
	status := r.k.Boot(func() {
		close(started)
		for {
			kernelWork(r.k, 1)
		}
	})
	assert.Equal(t, 143, status)
	assert.Contains(t, r.err.String(), ": terminated (SIGTERM)\n")
	assert.Contains(t, r.out.String(), "Machine halting!")
}

// An idle machine waiting for an interrupt far away stops before the
// clock jumps to it.
func TestRequestStopWhileIdle(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	status := r.k.Boot(func() {
		s := r.k.NewSemaphore("never soon", 0)
		r.k.Machine.Interrupt.Schedule(s.V, 1_000_000, machine.DiskInt)
		r.k.RequestStop("interrupted (SIGINT)", kernel.ExitSignal(2))
		s.P()
	})
	assert.Equal(t, 130, status)
	assert.Equal(t, "nachos: stopped at tick 10: interrupted (SIGINT)\n", r.err.String())
}

func TestQuietLeavesOutTheStatistics(t *testing.T) {
	r := newKernelRig(t, kernel.Config{Quiet: true}, "")
	assert.Equal(t, kernel.ExitOK, r.k.Boot(func() { kernelWork(r.k, 2) }))
	assert.Empty(t, r.out.String(), "no statistics, no \"No threads ready\"")
}

// A panic in a thread keeps its own stack for the internal error report:
// Boot's stack would not show where it happened.
func TestPanicStackShowsWhereTheThreadPanicked(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	assert.Nil(t, r.k.PanicStack())
	require.PanicsWithValue(t, "a bug", func() { r.k.Boot(panicsInAThread) })
	assert.Contains(t, string(r.k.PanicStack()), "kernel_test.panicsInAThread")
}

func panicsInAThread() { panic("a bug") }

// Pause suspends the machine in the middle of a thread: Run returns
// false, and the next Run goes on where the thread was. PowerOff then
// ends the paused machine's threads where they are, printing nothing and
// leaving no goroutine behind. Outside a thread, Pause does nothing.
func TestPauseThenPowerOff(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	r := newKernelRig(t, kernel.Config{}, "")
	r.k.Pause()
	var steps []string
	r.k.Start(func() {
		r.k.Fork("other", func() { steps = append(steps, "other") })
		steps = append(steps, "main")
		r.k.Pause()
		steps = append(steps, "main again")
		r.k.Pause()
		steps = append(steps, "never")
	})
	assert.False(t, r.k.Run())
	assert.Equal(t, []string{"main"}, steps)
	assert.False(t, r.k.Run())
	assert.Equal(t, []string{"main", "main again"}, steps)
	r.k.PowerOff()
	assert.Equal(t, []string{"main", "main again"}, steps, "neither main nor other runs again")
	assert.Empty(t, r.out.String())
	assert.Empty(t, r.err.String())
}
