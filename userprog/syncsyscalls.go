// Locks, condition variables, semaphores and monitor variables for user
// programs.
//
// A user program reaches the kernel's synchronization objects through
// handles in its own process's tables. The kernel treats misuse by a
// kernel thread as a fatal bug, but a user program must never be able to
// stop the kernel, so every rule is checked here first, and a call that
// breaks one (releasing a lock it does not hold, waiting without the lock,
// a handle that is not its own) returns -1 instead.
//
// Destroying an object that threads are still using is remembered: the
// object goes away when its last user leaves it.

package userprog

import (
	"errors"
	"fmt"

	"nachos/kernel"
)

// lifetime is kept by every object a program may destroy while its
// threads still use it.
type lifetime struct {
	users     int  // threads holding it or waiting in it
	destroyed bool // it goes when the last user leaves
}

// destroy marks the object behind handle h destroyed, and frees the
// handle at once if nobody uses the object. It reports false if the
// object was destroyed before.
func destroy[T any](t *handleTable[T], h int32, l *lifetime) bool {
	if l.destroyed {
		return false
	}
	l.destroyed = true
	if l.users == 0 {
		t.remove(h)
	}
	return true
}

// leave records that a user is done with the object behind handle h,
// carrying out a pending destroy if it was the last.
func leave[T any](t *handleTable[T], h int32, l *lifetime) {
	l.users--
	if l.destroyed && l.users == 0 {
		t.remove(h)
	}
}

// userLock is a lock and the threads holding or waiting for it.
type userLock struct {
	lock *kernel.Lock
	lifetime
}

// userCondition is a condition variable, its waiters, and the lock they
// use.
type userCondition struct {
	cond *kernel.Condition
	lock *userLock // the lock of the threads waiting now, if any
	lifetime
}

// userSemaphore is a semaphore and the threads waiting in P.
type userSemaphore struct {
	sem *kernel.Semaphore
	lifetime
}

// monitorVariable is an integer shared by the threads of a process.
type monitorVariable struct {
	value int32
}

var errNoHandle = errors.New("no such handle in this process")

// errDestroyed refuses a new use of an object that was destroyed while in
// use: it lives on only for the threads already using it.
func errDestroyed(kind, name string) error {
	return fmt.Errorf("%s %q was destroyed: it lasts only until its last user leaves it, and takes no new ones", kind, name)
}

// objectName reads the optional name argument of a new object: 0 means
// unnamed, and the object is numbered n instead.
func (k *Kernel) objectName(p *Process, kind string, addr uint32, n int) (string, error) {
	if addr == 0 {
		return fmt.Sprintf("%s %d (pid %d)", kind, n, p.PID), nil
	}
	name, err := k.readString(addr, maxPathLen)
	return fmt.Sprintf("%s (pid %d)", name, p.PID), err
}

// create serves the Create calls: it builds an object named by argument
// 0, adds it to the caller's table t, and returns its handle, or -1 if
// the table is full.
func create[T any](k *Kernel, p *Process, kind string, t *handleTable[T], build func(name string) *T) {
	name, err := k.objectName(p, kind, k.arg(0), t.made)
	if err == nil {
		err = t.room(kind)
	}
	if err != nil {
		k.refuse(p, err)
		return
	}
	k.setResult(int32(t.add(build(name))))
}

// CreateLock(name) returns the handle of a new lock; name may be 0.
func sysCreateLock(k *Kernel, p *Process) {
	create(k, p, "lock", &p.locks, func(name string) *userLock {
		return &userLock{lock: k.NewLock(name)}
	})
}

// DestroyLock(lock) destroys a lock, once nobody holds it or waits for it.
func sysDestroyLock(k *Kernel, p *Process) {
	h := int32(k.arg(0))
	if l := p.locks.get(h); l == nil || !destroy(&p.locks, h, &l.lifetime) {
		k.refuse(p, errNoHandle)
		return
	}
	k.setResult(0)
}

// Acquire(lock) waits until the lock is free and takes it.
func sysAcquire(k *Kernel, p *Process) {
	l := p.locks.get(int32(k.arg(0)))
	switch {
	case l == nil:
		k.refuse(p, errNoHandle)
		return
	case l.destroyed:
		k.refuse(p, errDestroyed("lock", l.lock.Name()))
		return
	case l.lock.IsHeldByCurrentThread():
		k.refuse(p, fmt.Errorf("lock %q is already held by this thread", l.lock.Name()))
		return
	}
	l.users++
	l.lock.Acquire()
	k.setResult(0)
}

// Release(lock) frees a lock the calling thread holds.
func sysRelease(k *Kernel, p *Process) {
	h := int32(k.arg(0))
	l := p.locks.get(h)
	if err := checkHeld(l); err != nil {
		k.refuse(p, err)
		return
	}
	l.lock.Release()
	leave(&p.locks, h, &l.lifetime)
	k.setResult(0)
}

// checkHeld refuses a lock that does not exist or that the calling thread
// does not hold.
func checkHeld(l *userLock) error {
	switch {
	case l == nil:
		return errNoHandle
	case !l.lock.IsHeldByCurrentThread():
		return fmt.Errorf("lock %q is not held by this thread", l.lock.Name())
	}
	return nil
}

// CreateCondition(name) returns the handle of a new condition variable.
func sysCreateCondition(k *Kernel, p *Process) {
	create(k, p, "condition", &p.conditions, func(name string) *userCondition {
		return &userCondition{cond: k.NewCondition(name)}
	})
}

// DestroyCondition(cond) destroys a condition, once nobody waits on it.
func sysDestroyCondition(k *Kernel, p *Process) {
	h := int32(k.arg(0))
	if c := p.conditions.get(h); c == nil || !destroy(&p.conditions, h, &c.lifetime) {
		k.refuse(p, errNoHandle)
		return
	}
	k.setResult(0)
}

// condArgs resolves the (condition, lock) arguments of Wait, Signal and
// Broadcast, checking that the caller holds the lock and that it is the
// lock the condition's waiters use.
func (k *Kernel) condArgs(p *Process) (*userCondition, *userLock, error) {
	c, l := p.conditions.get(int32(k.arg(0))), p.locks.get(int32(k.arg(1)))
	if c == nil {
		return nil, nil, errNoHandle
	}
	if err := checkHeld(l); err != nil {
		return nil, nil, err
	}
	if c.lock != nil && c.lock != l {
		return nil, nil, fmt.Errorf("condition %q is used with lock %q, not %q",
			c.cond.Name(), c.lock.lock.Name(), l.lock.Name())
	}
	return c, l, nil
}

// Wait(cond, lock) releases the lock, waits to be signalled, and takes
// the lock again (Mesa semantics: check the condition again on return).
func sysWait(k *Kernel, p *Process) {
	c, l, err := k.condArgs(p)
	if err == nil && c.destroyed {
		err = errDestroyed("condition", c.cond.Name())
	}
	if err != nil {
		k.refuse(p, err)
		return
	}
	h := int32(k.arg(0))
	c.lock = l
	c.users++
	c.cond.Wait(l.lock)
	if c.users == 1 {
		c.lock = nil // no waiter is left to bind the condition to a lock
	}
	leave(&p.conditions, h, &c.lifetime)
	k.setResult(0)
}

// Signal(cond, lock) wakes one waiter, if there is one.
func sysSignal(k *Kernel, p *Process) { k.wakeWaiters(p, (*kernel.Condition).Signal) }

// Broadcast(cond, lock) wakes every waiter.
func sysBroadcast(k *Kernel, p *Process) {
	k.wakeWaiters(p, (*kernel.Condition).Broadcast)
}

// wakeWaiters checks the arguments of the call (Signal or Broadcast) and
// wakes the condition's waiters with wake.
func (k *Kernel) wakeWaiters(p *Process, wake func(*kernel.Condition, *kernel.Lock)) {
	c, l, err := k.condArgs(p)
	if err != nil {
		k.refuse(p, err)
		return
	}
	wake(c.cond, l.lock)
	k.setResult(0)
}

// CreateSemaphore(name, value) returns the handle of a new semaphore.
func sysCreateSemaphore(k *Kernel, p *Process) {
	value := int32(k.arg(1))
	if value < 0 {
		k.refuse(p, fmt.Errorf("initial value %d is negative", value))
		return
	}
	create(k, p, "semaphore", &p.semaphores, func(name string) *userSemaphore {
		return &userSemaphore{sem: k.NewSemaphore(name, int(value))}
	})
}

// DestroySemaphore(sem) destroys a semaphore, once nobody waits in P.
func sysDestroySemaphore(k *Kernel, p *Process) {
	h := int32(k.arg(0))
	if s := p.semaphores.get(h); s == nil || !destroy(&p.semaphores, h, &s.lifetime) {
		k.refuse(p, errNoHandle)
		return
	}
	k.setResult(0)
}

// P(sem) waits until the semaphore is positive and decrements it.
func sysP(k *Kernel, p *Process) {
	h := int32(k.arg(0))
	s := p.semaphores.get(h)
	switch {
	case s == nil:
		k.refuse(p, errNoHandle)
		return
	case s.destroyed:
		k.refuse(p, errDestroyed("semaphore", s.sem.Name()))
		return
	}
	s.users++
	s.sem.P()
	leave(&p.semaphores, h, &s.lifetime)
	k.setResult(0)
}

// V(sem) increments the semaphore, waking a waiter.
func sysV(k *Kernel, p *Process) {
	s := p.semaphores.get(int32(k.arg(0)))
	if s == nil {
		k.refuse(p, errNoHandle)
		return
	}
	s.sem.V()
	k.setResult(0)
}

// CreateMV(name, value) returns the handle of a new monitor variable.
func sysCreateMV(k *Kernel, p *Process) {
	create(k, p, "monitor variable", &p.mvs, func(string) *monitorVariable {
		return &monitorVariable{value: int32(k.arg(1))}
	})
}

// GetMV(mv) returns the variable's value. A bad handle returns -1, which
// is also a possible value: check handles when creating them.
func sysGetMV(k *Kernel, p *Process) {
	mv := p.mvs.get(int32(k.arg(0)))
	if mv == nil {
		k.refuse(p, errNoHandle)
		return
	}
	k.setResult(mv.value)
}

// SetMV(mv, value) sets the variable.
func sysSetMV(k *Kernel, p *Process) {
	mv := p.mvs.get(int32(k.arg(0)))
	if mv == nil {
		k.refuse(p, errNoHandle)
		return
	}
	mv.value = int32(k.arg(1))
	k.setResult(0)
}

// DestroyMV(mv) destroys the variable.
func sysDestroyMV(k *Kernel, p *Process) {
	if p.mvs.remove(int32(k.arg(0))) == nil {
		k.refuse(p, errNoHandle)
		return
	}
	k.setResult(0)
}
