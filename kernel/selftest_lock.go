// Self-tests of locks and condition variables, the project 1 suite.
//
// The first tests show what the tools promise: one thread at a time
// inside a lock, in order of arrival; a Signal wakes one waiter and only
// if there is one; a Broadcast wakes all. The others break a rule on
// purpose, and pass when the kernel stops with an error that names the
// thread and the objects involved. A kernel error halts the machine, so
// each broken rule is a test of its own.

package kernel

// LockTest has three workers visit a room guarded by a lock, three times
// each, dawdling inside so that the others pile up at the door. At most
// one may be inside at a time, and they must get in in the order they
// arrived: the lock is handed to the thread that has waited longest.
func LockTest(k *Kernel) {
	room := k.NewLock("room")
	inside, nextTicket, nextServed := 0, 0, 0
	workers := forkAll(k, "worker", 3, func(i int) {
		for round := range 3 {
			maybeYield(k)
			ticket := nextTicket
			nextTicket++
			say(k, "worker %d arrives at the door, ticket %d", i, ticket)
			room.Acquire()
			inside++
			expect(k, inside == 1, "%d workers are inside the room at once", inside)
			expect(k, ticket == nextServed, "ticket %d got in while ticket %d had waited longer", ticket, nextServed)
			nextServed++
			say(k, "worker %d enters the room (visit %d)", i, round+1)
			maybeYield(k)
			maybeYield(k)
			inside--
			say(k, "worker %d leaves the room", i)
			room.Release()
		}
	})
	joinAll(k, workers)
	expect(k, nextServed == 9, "%d visits instead of 9", nextServed)
	say(k, "all %d visits were alone, in order of arrival", nextServed)
}

// LockReleaseUnownedTest has a consumer release the lock a producer holds.
// It passes if the kernel stops with
// `lock "buf" released by "consumer" but held by "producer"`.
func LockReleaseUnownedTest(k *Kernel) {
	buf := k.NewLock("buf")
	held := k.NewSemaphore("producer holds buf", 0)
	done := k.NewSemaphore("consumer done", 0)
	producer := k.Fork("producer", func() {
		buf.Acquire()
		say(k, `producer holds lock "buf"`)
		held.V()
		done.P()
		buf.Release()
	})
	consumer := k.Fork("consumer", func() {
		held.P()
		say(k, `consumer releases lock "buf", which it does not hold`)
		buf.Release()
		done.V()
		expect(k, false, "a thread released a lock another thread holds, and nothing stopped it")
	})
	joinAll(k, []*Thread{producer, consumer})
}

// LockReacquireTest has the main thread acquire a lock it holds. It
// passes if the kernel stops with an error instead of letting the thread
// wait for itself forever.
func LockReacquireTest(k *Kernel) {
	l := k.NewLock("l")
	l.Acquire()
	say(k, `main holds lock "l" and acquires it again`)
	l.Acquire()
	expect(k, false, "a thread acquired a lock it already held, and nothing stopped it")
}

// CondWaitUnlockedTest waits on a condition without holding the lock. It
// passes if the kernel stops with an error.
func CondWaitUnlockedTest(k *Kernel) {
	mutex, ready := k.NewLock("mutex"), k.NewCondition("ready")
	say(k, `main waits on condition "ready" without holding lock "mutex"`)
	ready.Wait(mutex)
	expect(k, false, "Wait without the lock went unnoticed")
}

// CondWrongLockTest has a waiter wait on a condition with lock "a" and
// the main thread signal it holding lock "b". It passes if the kernel
// stops with an error naming both locks.
func CondWrongLockTest(k *Kernel) {
	a, b := k.NewLock("a"), k.NewLock("b")
	ready := k.NewCondition("ready")
	waiting := false
	waiter := k.Fork("waiter", func() {
		a.Acquire()
		waiting = true
		say(k, `waiter waits on condition "ready" with lock "a"`)
		ready.Wait(a)
		a.Release()
	})
	yieldUntil(k, a, func() bool { return waiting })
	b.Acquire()
	say(k, `main signals condition "ready" holding lock "b"`)
	ready.Signal(b)
	expect(k, false, "a Signal with the wrong lock went unnoticed")
	k.Join(waiter)
}

// CondSignalLostTest signals a condition nobody waits on, then starts a
// waiter: the earlier signal must not wake it (a condition variable has
// no memory, unlike a semaphore), and the next signal must.
func CondSignalLostTest(k *Kernel) {
	mutex, wakeUp := k.NewLock("mutex"), k.NewCondition("wake up")
	mutex.Acquire()
	say(k, `main signals "wake up" with nobody waiting`)
	wakeUp.Signal(mutex)
	mutex.Release()

	waiting, woken := false, false
	sleeper := k.Fork("sleeper", func() {
		mutex.Acquire()
		waiting = true
		say(k, `sleeper waits on "wake up"`)
		wakeUp.Wait(mutex)
		woken = true
		say(k, "sleeper wakes up")
		mutex.Release()
	})
	yieldUntil(k, mutex, func() bool { return waiting })
	for range 5 {
		k.Yield()
	}
	expect(k, !woken, "the sleeper woke: the signal sent before it waited was remembered")
	say(k, "the sleeper still sleeps: the early signal was lost")

	mutex.Acquire()
	say(k, `main signals "wake up" again`)
	wakeUp.Signal(mutex)
	mutex.Release()
	k.Join(sleeper)
	expect(k, woken, "the sleeper finished without waking")
}

// CondSignalOneTest has three waiters wait, then signals once: exactly
// one waiter, the one that waited longest, may wake. Two more signals
// wake the other two, in order.
func CondSignalOneTest(k *Kernel) {
	mutex, goAhead := k.NewLock("mutex"), k.NewCondition("go ahead")
	var waited, woken []int
	waiters := forkAll(k, "waiter", 3, func(i int) {
		maybeYield(k)
		mutex.Acquire()
		waited = append(waited, i)
		say(k, `waiter %d waits on "go ahead"`, i)
		goAhead.Wait(mutex)
		woken = append(woken, i)
		say(k, "waiter %d wakes up", i)
		mutex.Release()
	})
	yieldUntil(k, mutex, func() bool { return len(waited) == 3 })
	for n := 1; n <= 3; n++ {
		mutex.Acquire()
		say(k, `main signals "go ahead"`)
		goAhead.Signal(mutex)
		mutex.Release()
		yieldUntil(k, mutex, func() bool { return len(woken) == n })
		for range 5 {
			k.Yield()
		}
		expect(k, len(woken) == n, "%d signals woke %d waiters", n, len(woken))
		expect(k, woken[n-1] == waited[n-1], "signal %d woke waiter %d, but waiter %d had waited longer", n, woken[n-1], waited[n-1])
	}
	joinAll(k, waiters)
	say(k, "each signal woke one waiter, the one that had waited longest")
}

// CondBroadcastTest has four waiters wait, then broadcasts once: all four
// must wake.
func CondBroadcastTest(k *Kernel) {
	mutex, bell := k.NewLock("mutex"), k.NewCondition("bell")
	waiting, woken := 0, 0
	waiters := forkAll(k, "waiter", 4, func(i int) {
		maybeYield(k)
		mutex.Acquire()
		waiting++
		say(k, `waiter %d waits on "bell"`, i)
		bell.Wait(mutex)
		woken++
		say(k, "waiter %d wakes up", i)
		mutex.Release()
	})
	yieldUntil(k, mutex, func() bool { return waiting == 4 })
	mutex.Acquire()
	say(k, `main broadcasts "bell"`)
	bell.Broadcast(mutex)
	mutex.Release()
	joinAll(k, waiters)
	expect(k, woken == 4, "a broadcast woke %d of 4 waiters", woken)
	say(k, "one broadcast woke all %d waiters", woken)
}

// yieldUntil gives up the CPU until cond, checked while holding lock, is
// true: the tests use it to let the other threads reach a given point.
func yieldUntil(k *Kernel, lock *Lock, cond func() bool) {
	for {
		lock.Acquire()
		ok := cond()
		lock.Release()
		if ok {
			return
		}
		k.Yield()
	}
}
