// Tests for stopping a simulation from the host (RequestStop), for
// --quiet, and for the report of a Go panic.

package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
