// Tests for cancelling waiting threads: a cancelled thread leaves its
// queue, so that what it waited for goes to the threads still waiting.

package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"nachos/kernel"
)

// waits are the kinds of wait a thread can be cancelled in, each with
// what two threads do to wait and what wakes one of them.
var waits = []struct {
	name  string
	setup func(k *kernel.Kernel) (wait, wake func())
}{
	{"semaphore", func(k *kernel.Kernel) (wait, wake func()) {
		s := k.NewSemaphore("s", 0)
		return s.P, s.V
	}},
	{"lock", func(k *kernel.Kernel) (wait, wake func()) {
		l := k.NewLock("l")
		l.Acquire()
		return func() { l.Acquire(); l.Release() }, l.Release
	}},
	{"condition", func(k *kernel.Kernel) (wait, wake func()) {
		l, c := k.NewLock("l"), k.NewCondition("c")
		return func() { l.Acquire(); c.Wait(l); l.Release() },
			func() { l.Acquire(); c.Signal(l); l.Release() }
	}},
}

// cancelFirst has threads a and then b wait, as setup says, cancels a and
// wakes one waiter: the cancel comes first, or, if woken, after the
// wake-up, while a is woken but has not run. It returns what happened.
func cancelFirst(t *testing.T, setup func(k *kernel.Kernel) (wait, wake func()), woken bool) []string {
	r := newKernelRig(t, kernel.Config{PriorityDonation: true}, "")
	var log []string
	r.k.Boot(func() {
		k := r.k
		wait, wake := setup(k)
		a := k.Fork("a", func() { wait(); log = append(log, "a woke") })
		k.Fork("b", func() { wait(); log = append(log, "b woke") })
		k.Yield() // both wait now, a first
		if woken {
			wake()
		}
		assert.NotNil(t, a.WaitingIn())
		assert.True(t, k.Cancel(a, func() { log = append(log, "a cancelled"); k.Finish() }))
		assert.False(t, k.Cancel(a, k.Finish), "a is cancelled already")
		if !woken {
			wake()
		}
		k.Yield()
		k.Yield()
	})
	return log
}

// Two threads, a and then b, wait for the same thing. a is cancelled, and
// the next V, Release or Signal must wake b; a runs only its end.
func TestACancelledThreadLeavesItsQueue(t *testing.T) {
	for _, tt := range waits {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, []string{"a cancelled", "b woke"}, cancelFirst(t, tt.setup, false))
		})
	}
}

// A thread joining another can be cancelled too; one that is not in a
// wait cannot.
func TestCancelAJoiningThread(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	var log []string
	r.k.Boot(func() {
		k := r.k
		s := k.NewSemaphore("s", 0)
		sleeper := k.Fork("sleeper", s.P)
		joiner := k.Fork("joiner", func() { k.Join(sleeper); log = append(log, "joined") })
		assert.False(t, k.Cancel(joiner, k.Finish), "joiner has not started waiting yet")
		k.Yield()
		assert.Equal(t, sleeper, joiner.WaitingIn())
		assert.True(t, k.Cancel(joiner, func() { log = append(log, "cancelled"); k.Finish() }))
		s.V()
		k.Yield()
	})
	assert.Equal(t, []string{"cancelled"}, log)
}

// A thread already woken, but not yet running, is cancelled too, and
// passes on what it was handed: the V that woke a goes to b, and the lock
// Release handed to a goes to b.
func TestAWokenThreadIsCancelledAndHandsOn(t *testing.T) {
	for _, tt := range waits[:2] { // a woken waiter on a condition was handed nothing
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, []string{"a cancelled", "b woke"}, cancelFirst(t, tt.setup, true))
		})
	}
}
