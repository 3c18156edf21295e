// Tests for condition variables (Mesa semantics, lost signals, FIFO
// wakeups, the kernel errors for misuse) and for the monitors built on
// them, SynchList and BoundedBuffer.

package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
)

// waiters forks n threads that each wait once on c with l, recording the
// order in which they wake, and returns them once all are waiting.
func waiters(k *kernel.Kernel, c *kernel.Condition, l *kernel.Lock, n int, woken *[]string) []*kernel.Thread {
	var threads []*kernel.Thread
	for i := range n {
		name := string(rune('a' + i))
		threads = append(threads, k.Fork(name, func() {
			l.Acquire()
			c.Wait(l)
			*woken = append(*woken, name)
			l.Release()
		}))
	}
	k.Yield() // every waiter runs up to its Wait
	return threads
}

func TestConditionName(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	assert.Equal(t, "not empty", r.k.NewCondition("not empty").Name())
}

// Signal makes one waiter ready; the signaller keeps the lock and runs on
// (Mesa), and the waiter returns from Wait holding the lock again.
func TestConditionSignalWakesOneWaiterInOrder(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	var woken []string
	r.k.Boot(func() {
		l, c := r.k.NewLock("l"), r.k.NewCondition("c")
		threads := waiters(r.k, c, l, 3, &woken)
		for i, want := range []string{"a", "b", "c"} {
			l.Acquire()
			c.Signal(l)
			assert.True(t, l.IsHeldByCurrentThread(), "the signaller keeps the lock")
			assert.Len(t, woken, i, "the waiter has not run yet")
			l.Release()
			r.k.Yield()
			r.k.Yield()
			assert.Equal(t, want, woken[len(woken)-1])
			assert.Len(t, woken, i+1, "one Signal, one waiter")
		}
		for _, th := range threads {
			r.k.Join(th)
		}
	})
	assert.Equal(t, []string{"a", "b", "c"}, woken)
}

func TestConditionBroadcastWakesEveryWaiter(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	var woken []string
	assert.Equal(t, kernel.ExitOK, r.k.Boot(func() {
		l, c := r.k.NewLock("l"), r.k.NewCondition("c")
		threads := waiters(r.k, c, l, 4, &woken)
		l.Acquire()
		c.Broadcast(l)
		l.Release()
		for _, th := range threads {
			r.k.Join(th)
		}
	}))
	assert.Equal(t, []string{"a", "b", "c", "d"}, woken)
}

// A Signal with nobody waiting is forgotten: the waiter that comes later
// sleeps until the machine finds it stuck.
func TestConditionSignalWithNoWaiterIsLost(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "s")
	var woken []string
	assert.Equal(t, kernel.ExitDeadlock, r.k.Boot(func() {
		l, c := r.k.NewLock("l"), r.k.NewCondition("c")
		l.Acquire()
		c.Signal(l)
		c.Broadcast(l)
		l.Release()
		waiters(r.k, c, l, 1, &woken)
	}))
	assert.Empty(t, woken)
	assert.Contains(t, r.out.String(), "\"main\" signalled condition \"c\" with nobody waiting: the signal is lost\n")
	assert.Equal(t, "nachos: deadlock: no thread can run and no interrupt is pending, but 1 thread is blocked forever\n"+
		"Blocked: \"a\" waits on condition \"c\" (no owner).\n", r.err.String())
}

// Once the last waiter is woken, the condition may be used with another
// lock: the rule is only that waiters at the same time share one.
func TestConditionForgetsItsLockWhenNobodyWaits(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	var woken []string
	assert.Equal(t, kernel.ExitOK, r.k.Boot(func() {
		c := r.k.NewCondition("c")
		for _, l := range []*kernel.Lock{r.k.NewLock("first"), r.k.NewLock("second")} {
			th := waiters(r.k, c, l, 1, &woken)
			l.Acquire()
			c.Signal(l)
			l.Release()
			r.k.Join(th[0])
		}
	}))
	assert.Len(t, woken, 2)
	assert.Empty(t, r.err.String())
}

func TestConditionMisuseIsAKernelError(t *testing.T) {
	for name, c := range map[string]struct {
		run  func(k *kernel.Kernel, l *kernel.Lock, c *kernel.Condition)
		want string
	}{
		"wait unlocked": {func(k *kernel.Kernel, l *kernel.Lock, c *kernel.Condition) {
			c.Wait(l)
		}, `"main" called Wait on condition "ready" without holding lock "mutex"`},
		"signal unlocked": {func(k *kernel.Kernel, l *kernel.Lock, c *kernel.Condition) {
			c.Signal(l)
		}, `"main" called Signal on condition "ready" without holding lock "mutex"`},
		"broadcast unlocked": {func(k *kernel.Kernel, l *kernel.Lock, c *kernel.Condition) {
			c.Broadcast(l)
		}, `"main" called Broadcast on condition "ready" without holding lock "mutex"`},
		"lock held by another": {func(k *kernel.Kernel, l *kernel.Lock, c *kernel.Condition) {
			k.Fork("holder", func() { l.Acquire(); k.Yield() })
			k.Yield()
			c.Signal(l)
		}, `"main" called Signal on condition "ready" without holding lock "mutex"`},
		"signal wrong lock": {func(k *kernel.Kernel, l *kernel.Lock, c *kernel.Condition) {
			k.Fork("waiter", func() { l.Acquire(); c.Wait(l) })
			k.Yield()
			other := k.NewLock("other")
			other.Acquire()
			c.Signal(other)
		}, `"main" called Signal on condition "ready" with lock "other", but its waiters use lock "mutex"`},
		"wait wrong lock": {func(k *kernel.Kernel, l *kernel.Lock, c *kernel.Condition) {
			k.Fork("waiter", func() { l.Acquire(); c.Wait(l) })
			k.Yield()
			other := k.NewLock("other")
			other.Acquire()
			c.Wait(other)
		}, `"main" called Wait on condition "ready" with lock "other", but its waiters use lock "mutex"`},
	} {
		r := newKernelRig(t, kernel.Config{}, "")
		assert.Equal(t, kernel.ExitKernelError, r.k.Boot(func() {
			c.run(r.k, r.k.NewLock("mutex"), r.k.NewCondition("ready"))
		}), name)
		assert.Equal(t, "nachos: kernel error: "+c.want+"\n", r.err.String(), name)
	}
}

// A SynchList hands items over in order; Remove waits for an Append.
func TestSynchListIsAFIFOThatWaitsWhenEmpty(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	var got []string
	require.Equal(t, kernel.ExitOK, r.k.Boot(func() {
		list := kernel.NewSynchList[string](r.k, "mail")
		reader := r.k.Fork("reader", func() {
			for range 3 {
				got = append(got, list.Remove())
			}
		})
		r.k.Yield()
		assert.Equal(t, kernel.Blocked, reader.Status(), "Remove waits on an empty list")
		for _, s := range []string{"x", "y", "z"} {
			list.Append(s)
		}
		r.k.Join(reader)
	}))
	assert.Equal(t, []string{"x", "y", "z"}, got)
}

// A BoundedBuffer of 2 lets a producer run 2 items ahead of a consumer,
// and no further.
func TestBoundedBufferWaitsWhenFullAndWhenEmpty(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	var put, got []int
	require.Equal(t, kernel.ExitOK, r.k.Boot(func() {
		buf := kernel.NewBoundedBuffer[int](r.k, "buf", 2)
		producer := r.k.Fork("producer", func() {
			for i := range 5 {
				buf.Put(i)
				put = append(put, i)
			}
		})
		r.k.Yield()
		assert.Equal(t, []int{0, 1}, put, "the producer fills the buffer and waits")
		assert.Equal(t, kernel.Blocked, producer.Status())
		for range 5 {
			got = append(got, buf.Get())
			r.k.Yield()
		}
		r.k.Join(producer)
		consumer := r.k.Fork("consumer", func() { buf.Get() })
		r.k.Yield()
		assert.Equal(t, kernel.Blocked, consumer.Status(), "Get waits on an empty buffer")
		buf.Put(99)
		r.k.Join(consumer)
	}))
	assert.Equal(t, []int{0, 1, 2, 3, 4}, got)
}
