// Tests for locks: mutual exclusion, hand-off in order of arrival, the
// cost in ticks, the kernel errors for misuse, and lock-order checking.

package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"nachos/kernel"
)

func TestLockNameAndHolder(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	r.k.Boot(func() {
		l := r.k.NewLock("buf")
		assert.Equal(t, "buf", l.Name())
		assert.False(t, l.IsHeldByCurrentThread())
		l.Acquire()
		assert.True(t, l.IsHeldByCurrentThread())
		l.Release()
		assert.False(t, l.IsHeldByCurrentThread())
	})
}

// Boot leaves the clock at 10; Acquire and Release each turn interrupts
// back on once.
func TestLockCostsOneSystemTickPerOperation(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	assert.Equal(t, kernel.ExitOK, r.k.Boot(func() {
		l := r.k.NewLock("l")
		l.Acquire()
		l.Release()
	}))
	assert.Equal(t, noMoreWork+haltReport("Ticks: total 30, idle 0, system 30, user 0"), r.out.String())
}

// Three threads queue for a lock main holds; each release hands it to
// the longest waiter, and the holder is the thread IsHeldByCurrentThread
// names.
func TestLockIsHandedOverInOrderOfArrival(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "s")
	var order []string
	r.k.Boot(func() {
		l := r.k.NewLock("door")
		l.Acquire()
		var threads []*kernel.Thread
		for _, name := range []string{"a", "b", "c"} {
			threads = append(threads, r.k.Fork(name, func() {
				l.Acquire()
				assert.True(t, l.IsHeldByCurrentThread())
				order = append(order, name)
				r.k.Yield() // the others stay queued while we hold it
				l.Release()
			}))
		}
		r.k.Yield() // a, b and c queue up, in that order
		assert.Empty(t, order)
		l.Release()
		for _, th := range threads {
			r.k.Join(th)
		}
	})
	assert.Equal(t, []string{"a", "b", "c"}, order)
	assert.Contains(t, r.out.String(), "\"b\" waits for lock \"door\" held by \"main\"\n")
	assert.Contains(t, r.out.String(), "     90  \"main\" released lock \"door\"\n    100  \"a\" acquired lock \"door\"\n")
}

// A thread woken by Release already holds the lock: the releasing thread
// cannot take it back before the waiter has even run.
func TestLockCannotBeTakenFromTheThreadItWasHandedTo(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	var order []string
	r.k.Boot(func() {
		l := r.k.NewLock("l")
		l.Acquire()
		r.k.Fork("first", func() { l.Acquire(); order = append(order, "first"); l.Release() })
		r.k.Yield() // first waits
		l.Release() // first holds it now, though it has not run
		l.Acquire() // so main must wait for it
		order = append(order, "main")
	})
	assert.Equal(t, []string{"first", "main"}, order)
}

// The misuse tests: each is a kernel error with exit status 4 and a
// message naming the threads and the lock.
func TestLockMisuseIsAKernelError(t *testing.T) {
	for name, c := range map[string]struct {
		run  func(k *kernel.Kernel)
		want string
	}{
		"release unowned": {func(k *kernel.Kernel) {
			l := k.NewLock("buf")
			k.Fork("producer", func() { l.Acquire(); k.Yield() })
			k.Yield()
			k.Fork("consumer", l.Release)
			k.Yield()
		}, `lock "buf" released by "consumer" but held by "producer"`},
		"release free": {func(k *kernel.Kernel) {
			k.NewLock("free").Release()
		}, `lock "free" released by "main" but held by nobody`},
		"reacquire": {func(k *kernel.Kernel) {
			l := k.NewLock("l")
			l.Acquire()
			l.Acquire()
		}, `"main" acquired lock "l", which it already holds: it would wait for itself forever`},
	} {
		r := newKernelRig(t, kernel.Config{}, "")
		assert.Equal(t, kernel.ExitKernelError, r.k.Boot(func() { c.run(r.k) }), name)
		assert.Equal(t, "nachos: kernel error: "+c.want+"\n", r.err.String(), name)
		assert.Contains(t, r.out.String(), "Machine halting!", name)
		assert.NotContains(t, r.out.String(), noMoreWork, name)
	}
}

// Taking a then b in one thread and b then a in another warns once, even
// though this run, with the threads one after the other, does not
// deadlock. Always taking them in the same order never warns.
func TestLockOrderChecking(t *testing.T) {
	takeInOrder := func(k *kernel.Kernel, locks ...*kernel.Lock) {
		for _, l := range locks {
			l.Acquire()
		}
		for _, l := range locks {
			l.Release()
		}
	}
	r := newKernelRig(t, kernel.Config{}, "")
	assert.Equal(t, kernel.ExitOK, r.k.Boot(func() {
		r.k.CheckLockOrder()
		a, b, c := r.k.NewLock("a"), r.k.NewLock("b"), r.k.NewLock("c")
		takeInOrder(r.k, a, b)
		takeInOrder(r.k, b, c)
		r.k.Join(r.k.Fork("t", func() { takeInOrder(r.k, c, a) }))
		takeInOrder(r.k, c, a)
	}))
	assert.Equal(t, `nachos: potential deadlock: "t" takes lock "a" while holding lock "c", closing a cycle in the order locks are taken: "a" -> "b" -> "c" -> "a" (A -> B: B was taken while holding A)`+"\n", r.err.String())

	r = newKernelRig(t, kernel.Config{}, "")
	r.k.Boot(func() {
		r.k.CheckLockOrder()
		a, b, c := r.k.NewLock("a"), r.k.NewLock("b"), r.k.NewLock("c")
		takeInOrder(r.k, a, b, c)
		takeInOrder(r.k, a, c)
		takeInOrder(r.k, b, c)
	})
	assert.Empty(t, r.err.String())
}

// Without CheckLockOrder, nothing is recorded or printed.
func TestLockOrderIsNotCheckedByDefault(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	r.k.Boot(func() {
		a, b := r.k.NewLock("a"), r.k.NewLock("b")
		a.Acquire()
		b.Acquire()
		b.Release()
		a.Release()
		b.Acquire()
		a.Acquire()
	})
	assert.Empty(t, r.err.String())
}
