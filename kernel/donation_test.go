// Tests for priority donation: the priority-inversion self-test with and
// without it, donation down a chain of locks, what a release takes back,
// and that nothing changes when donation is off.

package kernel_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/machine"
)

// priorityRig is a kernel under static priority, with donation or
// without.
func priorityRig(t *testing.T, donate bool) *kernelRig {
	return newKernelRig(t, kernel.Config{Policy: kernel.NewStaticPriority(), PriorityDonation: donate}, "")
}

// inversionRun runs the priority-inversion self-test under static
// priority, with donation or without.
func inversionRun(t *testing.T, donate bool) (int, string, string) {
	t.Helper()
	test, ok := kernel.FindSelfTest("priority-inversion")
	require.True(t, ok)
	r := priorityRig(t, donate)
	status := r.k.Boot(func() { test.Run(r.k) })
	return status, r.out.String(), r.err.String()
}

// Without donation, medium computes its 500 ticks while low holds the
// lock high waits for: high gets the lock at tick 950, after medium.
func TestPriorityInversionWithoutDonation(t *testing.T) {
	status, out, errs := inversionRun(t, false)
	require.Equal(t, kernel.ExitOK, status, errs)
	assert.Equal(t, `tick   80: low takes lock "data"
tick  110: high wants lock "data", held by low
tick  120: medium starts computing for 500 ticks
tick  620: medium is done
tick  630: low works in its critical section at priority 1
tick  730: low works in its critical section at priority 1
tick  830: low works in its critical section at priority 1
tick  930: low ends its critical section, at priority 1
tick  940: low releases lock "data" and is back at priority 1
tick  950: high gets lock "data"
tick  960: high is done
priority inversion: high waited until tick 950, for medium, a less important thread (run with --donate to cure it)
`+noMoreWork+haltReport("Ticks: total 1000, idle 10, system 990, user 0"), out)
}

// With donation, low runs its critical section at high's priority as soon
// as high waits, and high gets the lock at tick 440, before medium starts.
func TestPriorityDonationEndsTheInversion(t *testing.T) {
	status, out, errs := inversionRun(t, true)
	require.Equal(t, kernel.ExitOK, status, errs)
	assert.Equal(t, `tick   80: low takes lock "data"
tick  110: high wants lock "data", held by low
tick  120: low works in its critical section at priority 3
tick  220: low works in its critical section at priority 3
tick  320: low works in its critical section at priority 3
tick  420: low ends its critical section, at priority 3
tick  430: low releases lock "data" and is back at priority 1
tick  440: high gets lock "data"
tick  450: high is done
tick  460: medium starts computing for 500 ticks
tick  960: medium is done
with donation, high got the lock at tick 440, as soon as low released it, and medium ran after it
`+noMoreWork+haltReport("Ticks: total 1000, idle 10, system 990, user 0"), out)
}

// The self-test refuses a scheduler under which priorities mean nothing,
// and the random timer, and says how to run it.
func TestPriorityInversionNeedsStaticPriority(t *testing.T) {
	for name, c := range map[string]kernel.Config{
		`"fcfs"`:                              {},
		`"aging:100"`:                         {Policy: kernel.NewAging(100)},
		`"priority" with the random timer`:    {Policy: kernel.NewStaticPriority(), RandomYield: true},
		`"fcfs" with the random timer of -rs`: {RandomYield: true, PriorityDonation: true},
	} {
		r := newKernelRig(t, c, "")
		test, _ := kernel.FindSelfTest("priority-inversion")
		assert.Equal(t, kernel.ExitBadInput, r.k.Boot(func() { test.Run(r.k) }), name)
		assert.Contains(t, r.err.String(), "but this kernel runs "+name, name)
		assert.Contains(t, r.err.String(), "run it as nachos -K priority-inversion --sched priority, then again with --donate\n", name)
		assert.NotContains(t, r.out.String(), "tick", name)
	}
}

// The same run gives the same trace, byte for byte, in both modes.
func TestPriorityInversionIsDeterministic(t *testing.T) {
	for _, donate := range []bool{false, true} {
		_, first, _ := inversionRun(t, donate)
		_, again, _ := inversionRun(t, donate)
		assert.Equal(t, first, again, "donate %v", donate)
	}
}

// forkAt forks a thread with a priority.
func forkAt(k *kernel.Kernel, name string, priority int, body func()) *kernel.Thread {
	th := k.Fork(name, body)
	th.SetPriority(priority)
	return th
}

// effective lists the threads' effective priorities.
func effective(threads ...*kernel.Thread) []int {
	ps := make([]int, len(threads))
	for i, th := range threads {
		ps[i] = th.EffectivePriority()
	}
	return ps
}

// chain builds a chain of waiting under static priority: bottom (1)
// holds lock a and parks; middle (2) holds b and waits for a; top (3)
// waits for b. Main, at priority 10, lets each thread run until it
// blocks, then calls check; then it unparks bottom and, at priority 0,
// lets the chain unwind. It returns the events the threads reported.
func chain(t *testing.T, donate bool, check func(bottom, middle, top *kernel.Thread)) []string {
	r := priorityRig(t, donate)
	k := r.k
	var events []string
	report := func(format string, args ...any) { events = append(events, fmt.Sprintf(format, args...)) }
	status := k.Boot(func() {
		k.CurrentThread().SetPriority(10)
		a, b := k.NewLock("a"), k.NewLock("b")
		parked := k.NewSemaphore("parked", 0)
		bottom := forkAt(k, "bottom", 1, func() {
			a.Acquire()
			parked.P()
			a.Release()
			report("bottom released a, at %d", k.CurrentThread().EffectivePriority())
		})
		k.Yield() // bottom takes a and parks
		middle := forkAt(k, "middle", 2, func() {
			b.Acquire()
			a.Acquire()
			report("middle got a, at %d", k.CurrentThread().EffectivePriority())
			a.Release()
			report("middle released a, still holding b, at %d", k.CurrentThread().EffectivePriority())
			b.Release()
			report("middle released b, at %d", k.CurrentThread().EffectivePriority())
		})
		k.Yield() // middle takes b and waits for a
		top := forkAt(k, "top", 3, func() {
			b.Acquire()
			report("top got b, at %d", k.CurrentThread().EffectivePriority())
			b.Release()
		})
		k.Yield() // top waits for b
		check(bottom, middle, top)
		k.CurrentThread().SetPriority(0)
		parked.V()
		for _, th := range []*kernel.Thread{bottom, middle, top} {
			k.Join(th)
		}
	})
	require.Equal(t, kernel.ExitOK, status, r.err.String())
	return events
}

// Top's priority reaches bottom through middle: bottom holds what middle
// needs, and middle what top needs. Each release takes back only what the
// released lock brought: middle, releasing a, keeps top's priority for as
// long as it holds b.
func TestDonationPassesDownAChainOfLocks(t *testing.T) {
	events := chain(t, true, func(bottom, middle, top *kernel.Thread) {
		assert.Equal(t, []int{3, 3, 3}, effective(bottom, middle, top))
		assert.Equal(t, []int{1, 2, 3}, []int{bottom.Priority(), middle.Priority(), top.Priority()},
			"donation leaves a thread's own priority alone")
	})
	assert.Equal(t, []string{
		"bottom released a, at 1",
		"middle got a, at 3",
		"middle released a, still holding b, at 3",
		"middle released b, at 2",
		"top got b, at 3",
	}, events)
}

// Without donation the chain unwinds by the threads' own priorities.
func TestNoDonationWhenItIsOff(t *testing.T) {
	events := chain(t, false, func(bottom, middle, top *kernel.Thread) {
		assert.Equal(t, []int{1, 2, 3}, effective(bottom, middle, top))
	})
	assert.Equal(t, []string{
		"bottom released a, at 1",
		"middle got a, at 2",
		"middle released a, still holding b, at 2",
		"middle released b, at 2",
		"top got b, at 3",
	}, events)
}

// A thread holding two locks, each with a waiter, runs at the priority of
// the more important waiter; releasing one lock leaves it at the priority
// the other still brings, whichever it releases first, and releasing both
// at its own.
func TestReleaseKeepsWhatTheOtherLocksBring(t *testing.T) {
	for _, first := range []string{"x", "y"} {
		r := priorityRig(t, true)
		k := r.k
		var after []int
		status := k.Boot(func() {
			main := k.CurrentThread()
			main.SetPriority(1)
			locks := map[string]*kernel.Lock{"x": k.NewLock("x"), "y": k.NewLock("y")}
			locks["x"].Acquire()
			locks["y"].Acquire()
			for _, name := range []string{"x", "y"} {
				forkAt(k, "wants "+name, map[string]int{"x": 5, "y": 8}[name], func() {
					locks[name].Acquire()
					locks[name].Release()
				})
				k.Yield() // the waiter runs, and blocks on the lock
			}
			after = append(after, main.EffectivePriority())
			second := map[string]string{"x": "y", "y": "x"}[first]
			locks[first].Release()
			after = append(after, main.EffectivePriority())
			locks[second].Release()
			after = append(after, main.EffectivePriority(), main.Priority())
		})
		require.Equal(t, kernel.ExitOK, status, r.err.String())
		want := map[string][]int{"x": {8, 8, 1, 1}, "y": {8, 5, 1, 1}}[first]
		assert.Equal(t, want, after, "releasing %s first", first)
	}
}

// When a lock has two waiters, the release hands it to the first, and the
// one still waiting now lends its priority to the new holder, not to the
// old one.
func TestTheRemainingWaitersDonateToTheNewHolder(t *testing.T) {
	r := priorityRig(t, true)
	k := r.k
	var first *kernel.Thread
	var firstGot int
	status := k.Boot(func() {
		main := k.CurrentThread()
		l := k.NewLock("l")
		l.Acquire()
		first = forkAt(k, "first", 5, func() {
			l.Acquire()
			firstGot = k.CurrentThread().EffectivePriority()
			l.Release()
		})
		k.Yield()
		forkAt(k, "second", 8, func() {
			l.Acquire()
			l.Release()
		})
		k.Yield()
		assert.Equal(t, 8, main.EffectivePriority())
		l.Release()
		assert.Equal(t, 0, main.EffectivePriority())
		assert.Equal(t, 8, first.EffectivePriority(), "second waits for first now")
	})
	require.Equal(t, kernel.ExitOK, status, r.err.String())
	assert.Equal(t, 8, firstGot)
	assert.Equal(t, 5, first.EffectivePriority(), "a finished thread holds nothing")
}

// A thread that waits for a lock and is then made more important lends
// its new priority to the holder at once.
func TestRaisingAWaiterRaisesTheHolder(t *testing.T) {
	r := priorityRig(t, true)
	k := r.k
	status := k.Boot(func() {
		main := k.CurrentThread()
		l := k.NewLock("l")
		l.Acquire()
		waiter := forkAt(k, "waiter", 2, func() {
			l.Acquire()
			l.Release()
		})
		k.Yield()
		assert.Equal(t, 2, main.EffectivePriority())
		waiter.SetPriority(7)
		assert.Equal(t, 7, main.EffectivePriority())
		waiter.SetPriority(1)
		assert.Equal(t, 1, main.EffectivePriority(), "the holder's own priority is 0")
		l.Release()
		assert.Equal(t, 0, main.EffectivePriority())
	})
	require.Equal(t, kernel.ExitOK, status, r.err.String())
}

// A ready thread's priority may change while it waits in the policy's
// ready list, by SetPriority or by donation: the policy chooses by the
// priority the thread has when it chooses.
func TestPriorityPoliciesChooseByTheCurrentEffectivePriority(t *testing.T) {
	for _, p := range []kernel.Policy{kernel.NewStaticPriority(), kernel.NewAging(1000)} {
		a, b := kernel.NewThread("a", 1), kernel.NewThread("b", 2)
		p.Add(a, 0)
		p.Add(b, 0)
		a.SetPriority(3)
		assert.Equal(t, 3, a.EffectivePriority())
		assert.True(t, p.ShouldPreempt(kernel.NewThread("running", 2), 0, 0), p.Name())
		assert.Equal(t, a, p.Next(0), p.Name())
		assert.Equal(t, b, p.Next(0), p.Name())
	}
}

// Two threads that each hold the lock the other wants are a deadlock, with
// or without donation; donating around the cycle ends, and the deadlock
// is reported.
func TestDonationAroundADeadlockCycleEnds(t *testing.T) {
	r := priorityRig(t, true)
	k := r.k
	status := k.Boot(func() {
		a, b := k.NewLock("a"), k.NewLock("b")
		taken := k.NewSemaphore("taken", 0)
		forkAt(k, "p", 1, func() {
			a.Acquire()
			taken.V()
			b.Acquire()
		})
		forkAt(k, "q", 2, func() { // runs first, and waits until p has a
			b.Acquire()
			taken.P()
			a.Acquire()
		})
	})
	assert.Equal(t, kernel.ExitDeadlock, status)
	assert.Contains(t, r.err.String(), `"p" waits for lock "b" held by "q"`)
}

// Every self-test that passes under Nachos's scheduler passes under static
// priority with donation, whose bookkeeping then runs through every lock
// and condition variable they use; all their threads have priority 0.
func TestSelfTestsPassWithDonation(t *testing.T) {
	for name := range passingSelfTests {
		test, _ := kernel.FindSelfTest(name)
		for seed := range uint32(10) {
			r := newKernelRig(t, kernel.Config{Machine: machine.Config{Seed: seed}, Policy: kernel.NewStaticPriority(),
				PriorityDonation: true, RandomYield: seed%2 == 1}, "")
			status := r.k.Boot(func() { test.Run(r.k) })
			require.Equal(t, kernel.ExitOK, status, "%s, seed %d: %s", name, seed, r.err.String())
			assert.True(t, strings.Contains(r.out.String(), noMoreWork), "%s, seed %d", name, seed)
		}
	}
}
