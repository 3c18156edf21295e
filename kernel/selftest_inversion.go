// Self-test: priority inversion, and the priority donation that cures it.
//
// Three threads share the CPU under the static-priority scheduler. Low
// (priority 1) takes a lock and works in its critical section. Meanwhile
// High (3) and Medium (2) wake up, and at the next timer interrupt High
// takes the CPU, asks for the lock and must wait. What happens next
// depends on donation (see donation.go for the story):
//
//   - Without it, Medium is the most important ready thread and computes
//     for 500 ticks, while Low, which has what High needs, waits behind
//     it. High gets the lock only after Medium is done: the most
//     important thread waited for a less important one.
//   - With it (--donate), High lends Low its priority. Low now outranks
//     Medium, finishes its critical section and releases the lock; High
//     gets the lock at once and runs, and Medium runs last.
//
// The trace shows each step with its tick, and the test checks that the
// run shows what its mode must show.

package kernel

import (
	"fmt"

	"nachos/machine"
)

// The priorities of the three threads; main keeps 0, below them all.
const (
	lowPriority    = 1
	mediumPriority = 2
	highPriority   = 3
)

// PriorityInversionTest runs the scene. It needs the static-priority
// scheduler, and no random timer (whose forced yields would blur the
// picture): run it as nachos -K priority-inversion --sched priority,
// with --donate or without.
func PriorityInversionTest(k *Kernel) {
	if _, ok := k.scheduler.policy.(*StaticPriority); !ok || k.randomYield {
		timer := ""
		if k.randomYield {
			timer = " with the random timer of -rs"
		}
		fmt.Fprintf(k.Err, "nachos: the priority-inversion test needs the static-priority scheduler and no random timer, but this kernel runs %q%s: run it as nachos -K priority-inversion --sched priority, then again with --donate\n",
			k.scheduler.policy.Name(), timer)
		k.Fail(ExitBadInput)
		k.Halt()
	}
	at := func(format string, args ...any) {
		say(k, "tick %4d: "+format, append([]any{k.Machine.Stats.TotalTicks}, args...)...)
	}
	data := k.NewLock("data")
	lowHasIt := k.NewSemaphore("low has the lock", 0)
	mediumDone, highWaitedForMedium := false, false
	var lowHeld int
	var highGot int64

	low := forkWithPriority(k, "low", lowPriority, func() {
		data.Acquire()
		at("low takes lock %q", data)
		lowHasIt.V() // wake high
		lowHasIt.V() // and medium
		for range 3 {
			at("low works in its critical section at priority %d", k.current.EffectivePriority())
			compute(k, 10)
		}
		lowHeld = k.current.EffectivePriority()
		at("low ends its critical section, at priority %d", lowHeld)
		data.Release()
		at("low releases lock %q and is back at priority %d", data, k.current.EffectivePriority())
	})
	medium := forkWithPriority(k, "medium", mediumPriority, func() {
		lowHasIt.P()
		at("medium starts computing for 500 ticks")
		compute(k, 50)
		mediumDone = true
		at("medium is done")
	})
	high := forkWithPriority(k, "high", highPriority, func() {
		lowHasIt.P()
		at("high wants lock %q, held by low", data)
		data.Acquire()
		highGot, highWaitedForMedium = k.Machine.Stats.TotalTicks, mediumDone
		at("high gets lock %q", data)
		data.Release()
		at("high is done")
	})
	joinAll(k, []*Thread{low, medium, high})

	if k.donation {
		expect(k, lowHeld == highPriority, "low ran its critical section at priority %d, not high's %d: nothing was donated", lowHeld, highPriority)
		expect(k, !highWaitedForMedium, "high got the lock only after medium finished, despite donation")
		say(k, "with donation, high got the lock at tick %d, as soon as low released it, and medium ran after it", highGot)
		return
	}
	expect(k, lowHeld == lowPriority, "low ran its critical section at priority %d, not its own %d, without donation", lowHeld, lowPriority)
	expect(k, highWaitedForMedium, "high got the lock before medium finished: no inversion, though nothing prevented it")
	say(k, "priority inversion: high waited until tick %d, for medium, a less important thread (run with --donate to cure it)", highGot)
}

// forkWithPriority forks a thread and gives it a priority before it can
// run: Fork leaves it ready, and the policy looks at priorities only when
// it chooses.
func forkWithPriority(k *Kernel, name string, priority int, body func()) *Thread {
	t := k.Fork(name, body)
	t.SetPriority(priority)
	return t
}

// compute stands for n stretches of kernel code that never gives up the
// CPU: each ends by turning interrupts back on, which costs a system tick
// and lets the timer preempt the thread.
func compute(k *Kernel, n int) {
	intr := k.Machine.Interrupt
	for range n {
		intr.SetLevel(machine.IntOff)
		intr.SetLevel(machine.IntOn)
	}
}
