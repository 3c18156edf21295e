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

// life is the object's lifetime, for destroyObject.
func (l *lifetime) life() *lifetime { return l }

// destroyObject serves the Destroy calls of the objects that have a
// lifetime: it destroys the caller's object in table t named by the
// first argument, or refuses one that is not there or was destroyed
// before. kind names the object in messages.
func destroyObject[T any](k *Kernel, p *Process, kind string, t *handleTable[T], label func(*T) string, life func(*T) *lifetime) {
	a := k.args()
	h, o, err := object(&a, p, t, label)
	if err == nil && !destroy(t, h, life(o)) {
		err = errDestroyed(kind, label(o))
	}
	if err != nil {
		k.refuse(err)
		return
	}
	k.setResult(0)
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

func (l *userLock) label() string { return l.lock.Name() }

// userCondition is a condition variable, its waiters, and the lock they
// use.
type userCondition struct {
	cond *kernel.Condition
	lock *userLock // the lock of the threads waiting now, if any
	lifetime
}

func (c *userCondition) label() string { return c.cond.Name() }

// userSemaphore is a semaphore and the threads waiting in P.
type userSemaphore struct {
	sem *kernel.Semaphore
	lifetime
}

func (s *userSemaphore) label() string { return s.sem.Name() }

// monitorVariable is an integer shared by the threads of a process.
type monitorVariable struct {
	name  string
	value int32
}

func (mv *monitorVariable) label() string { return mv.name }

// errDestroyed refuses a new use of an object that was destroyed while in
// use: it lives on only for the threads already using it.
func errDestroyed(kind, name string) error {
	return fmt.Errorf("%s %q was destroyed: it lasts only until its last user leaves it, and takes no new ones", kind, name)
}

// objectLabel is the kernel's name for p's object called name: the pid
// tells apart objects of the same name in different processes.
func (p *Process) objectLabel(name string) string { return fmt.Sprintf("%s (pid %d)", name, p.PID) }

// create serves the Create calls: it builds an object named by the first
// argument, adds it to the caller's table t, and returns its handle, or
// -1 if the table is full. An unnamed object is numbered instead. build
// reads any further arguments from a.
func create[T any](k *Kernel, p *Process, kind string, t *handleTable[T], build func(a *callArgs, name string) (*T, error)) {
	a := k.args()
	name, named, err := a.newName()
	if !named {
		name = fmt.Sprintf("%s %d", kind, t.made)
	}
	var obj *T
	if err == nil {
		err = t.room(kind)
	}
	if err == nil {
		obj, err = build(&a, p.objectLabel(name))
	}
	if err != nil {
		k.refuse(err)
		return
	}
	k.setResult(int32(t.add(obj)))
}

// CreateLock(name) returns the handle of a new lock; name may be 0.
func sysCreateLock(k *Kernel, p *Process) {
	create(k, p, "lock", &p.locks, func(_ *callArgs, name string) (*userLock, error) {
		return &userLock{lock: k.NewLock(name)}, nil
	})
}

// DestroyLock(lock) destroys a lock, once nobody holds it or waits for it.
func sysDestroyLock(k *Kernel, p *Process) {
	destroyObject(k, p, "lock", &p.locks, (*userLock).label, (*userLock).life)
}

// Acquire(lock) waits until the lock is free and takes it.
func sysAcquire(k *Kernel, p *Process) {
	a := k.args()
	_, l, err := object(&a, p, &p.locks, (*userLock).label)
	switch {
	case err != nil:
	case l.destroyed:
		err = errDestroyed("lock", l.label())
	case l.lock.IsHeldByCurrentThread():
		err = fmt.Errorf("lock %q is already held by this thread", l.label())
	}
	if err != nil {
		k.refuse(err)
		return
	}
	//solution:begin 2
	l.users++
	l.lock.Acquire()
	k.setResult(0)
	//solution:stub
	// // Project 2: count the user (l.users) and acquire the kernel lock.
	// k.refuse(fmt.Errorf("Acquire(%q) is not written yet", l.label()))
	//solution:end
}

// Release(lock) frees a lock the calling thread holds.
func sysRelease(k *Kernel, p *Process) {
	a := k.args()
	h, l, err := object(&a, p, &p.locks, (*userLock).label)
	if err == nil {
		err = checkHeld(l)
	}
	if err != nil {
		k.refuse(err)
		return
	}
	//solution:begin 2
	l.lock.Release()
	leave(&p.locks, h, &l.lifetime)
	k.setResult(0)
	//solution:stub
	// // Project 2: release the kernel lock, and leave the handle (leave).
	// _ = h
	// k.refuse(fmt.Errorf("Release(%q) is not written yet", l.label()))
	//solution:end
}

// checkHeld refuses a lock that the calling thread does not hold.
func checkHeld(l *userLock) error {
	if !l.lock.IsHeldByCurrentThread() {
		return fmt.Errorf("lock %q is not held by this thread", l.label())
	}
	return nil
}

// CreateCondition(name) returns the handle of a new condition variable.
func sysCreateCondition(k *Kernel, p *Process) {
	create(k, p, "condition", &p.conditions, func(_ *callArgs, name string) (*userCondition, error) {
		return &userCondition{cond: k.NewCondition(name)}, nil
	})
}

// DestroyCondition(cond) destroys a condition, once nobody waits on it.
func sysDestroyCondition(k *Kernel, p *Process) {
	destroyObject(k, p, "condition", &p.conditions, (*userCondition).label, (*userCondition).life)
}

// condArgs resolves the (condition, lock) arguments of Wait, Signal and
// Broadcast, checking that the caller holds the lock and that it is the
// lock the condition's waiters use. It returns the condition's handle
// too.
func (k *Kernel) condArgs(p *Process) (int32, *userCondition, *userLock, error) {
	a := k.args()
	h, c, err := object(&a, p, &p.conditions, (*userCondition).label)
	if err != nil {
		return 0, nil, nil, err
	}
	_, l, err := object(&a, p, &p.locks, (*userLock).label)
	if err == nil {
		err = checkHeld(l)
	}
	if err != nil {
		return 0, nil, nil, err
	}
	if c.lock != nil && c.lock != l {
		return 0, nil, nil, fmt.Errorf("condition %q is used with lock %q, not %q",
			c.label(), c.lock.label(), l.label())
	}
	return h, c, l, nil
}

// Wait(cond, lock) releases the lock, waits to be signalled, and takes
// the lock again (Mesa semantics: check the condition again on return).
func sysWait(k *Kernel, p *Process) {
	h, c, l, err := k.condArgs(p)
	if err == nil && c.destroyed {
		err = errDestroyed("condition", c.label())
	}
	if err != nil {
		k.refuse(err)
		return
	}
	//solution:begin 2
	c.lock = l
	c.users++
	c.cond.Wait(l.lock)
	if c.users == 1 {
		c.lock = nil // no waiter is left to bind the condition to a lock
	}
	leave(&p.conditions, h, &c.lifetime)
	k.setResult(0)
	//solution:stub
	// // Project 2: bind the condition to the lock while it has waiters
	// // (c.lock), count the user, wait on the kernel condition, and leave.
	// _ = h
	// k.refuse(fmt.Errorf("Wait(%q, %q) is not written yet", c.label(), l.label()))
	//solution:end
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
	_, c, l, err := k.condArgs(p)
	if err != nil {
		k.refuse(err)
		return
	}
	//solution:begin 2
	wake(c.cond, l.lock)
	k.setResult(0)
	//solution:stub
	// // Project 2: wake the kernel condition's waiters with wake.
	// _ = wake
	// k.refuse(fmt.Errorf("Signal or Broadcast on %q with lock %q is not written yet", c.label(), l.label()))
	//solution:end
}

// CreateSemaphore(name, value) returns the handle of a new semaphore.
func sysCreateSemaphore(k *Kernel, p *Process) {
	create(k, p, "semaphore", &p.semaphores, func(a *callArgs, name string) (*userSemaphore, error) {
		value := int32(a.word())
		if value < 0 {
			return nil, fmt.Errorf("initial value %d is negative", value)
		}
		return &userSemaphore{sem: k.NewSemaphore(name, int(value))}, nil
	})
}

// DestroySemaphore(sem) destroys a semaphore, once nobody waits in P.
func sysDestroySemaphore(k *Kernel, p *Process) {
	destroyObject(k, p, "semaphore", &p.semaphores, (*userSemaphore).label, (*userSemaphore).life)
}

// P(sem) waits until the semaphore is positive and decrements it.
func sysP(k *Kernel, p *Process) {
	a := k.args()
	h, s, err := object(&a, p, &p.semaphores, (*userSemaphore).label)
	if err == nil && s.destroyed {
		err = errDestroyed("semaphore", s.label())
	}
	if err != nil {
		k.refuse(err)
		return
	}
	s.users++
	s.sem.P()
	leave(&p.semaphores, h, &s.lifetime)
	k.setResult(0)
}

// V(sem) increments the semaphore, waking a waiter.
func sysV(k *Kernel, p *Process) {
	a := k.args()
	_, s, err := object(&a, p, &p.semaphores, (*userSemaphore).label)
	if err != nil {
		k.refuse(err)
		return
	}
	s.sem.V()
	k.setResult(0)
}

// CreateMV(name, value) returns the handle of a new monitor variable.
func sysCreateMV(k *Kernel, p *Process) {
	create(k, p, "monitor variable", &p.mvs, func(a *callArgs, name string) (*monitorVariable, error) {
		return &monitorVariable{name: name, value: int32(a.word())}, nil
	})
}

// GetMV(mv) returns the variable's value. A bad handle returns -1, which
// is also a possible value: check handles when creating them.
func sysGetMV(k *Kernel, p *Process) {
	a := k.args()
	_, mv, err := object(&a, p, &p.mvs, (*monitorVariable).label)
	if err != nil {
		k.refuse(err)
		return
	}
	k.setResult(mv.value)
}

// SetMV(mv, value) sets the variable.
func sysSetMV(k *Kernel, p *Process) {
	a := k.args()
	_, mv, err := object(&a, p, &p.mvs, (*monitorVariable).label)
	if err != nil {
		k.refuse(err)
		return
	}
	mv.value = int32(a.word())
	k.setResult(0)
}

// DestroyMV(mv) destroys the variable.
func sysDestroyMV(k *Kernel, p *Process) {
	a := k.args()
	h, _, err := object(&a, p, &p.mvs, (*monitorVariable).label)
	if err != nil {
		k.refuse(err)
		return
	}
	p.mvs.remove(h)
	k.setResult(0)
}
