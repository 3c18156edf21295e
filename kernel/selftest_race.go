// Self-test: a race condition, and the lock that cures it.
//
// Two threads share a variable i. Thread A runs
//
//	i = 0; i = i + 1
//
// and thread B runs
//
//	i = 10; i = i - 1
//
// Each statement is atomic here, but a context switch may come between
// them, or before a thread starts. Run alone one after the other, the
// threads leave 9 (A then B) or 1 (B then A). Interleaved, they can also
// leave 10 (A: i = 0; B: i = 10; B: i = 9; A: i = 10) or 0 (B: i = 10;
// A: i = 0; A: i = 1; B: i = 0). Which one a run gives depends on where
// the switches land, so on the seed: the mark of a race condition is a
// result that depends on timing.
//
// With a lock around each thread's two statements, the threads can still
// go in either order, but never interleave: only 9 and 1 remain.

package kernel

import "slices"

// RaceTest runs the race without a lock and prints the final value of i.
func RaceTest(k *Kernel) { race(k, nil) }

// RaceLockedTest runs the race with a lock around each thread's
// statements.
func RaceLockedTest(k *Kernel) { race(k, k.NewLock("i")) }

// raceOutcomes is the values i can end with, without and with the lock.
var raceOutcomes = map[bool][]int{false: {0, 1, 9, 10}, true: {1, 9}}

// race runs the two threads, guarded by lock if it is not nil, and checks
// that i ends with a value the race allows.
func race(k *Kernel, lock *Lock) {
	i := 0
	thread := func(name string, start, delta int, statement string) *Thread {
		return k.Fork(name, func() {
			maybeYield(k)
			if lock != nil {
				lock.Acquire()
			}
			i = start
			say(k, "%s: i = %d", name, start)
			maybeYield(k)
			i = i + delta
			say(k, "%s: %s, now %d", name, statement, i)
			if lock != nil {
				lock.Release()
			}
		})
	}
	a := thread("A", 0, +1, "i = i + 1")
	b := thread("B", 10, -1, "i = i - 1")
	joinAll(k, []*Thread{a, b})
	say(k, "i ends as %d", i)
	allowed := raceOutcomes[lock != nil]
	expect(k, slices.Contains(allowed, i), "i ended as %d, which is not one of %v", i, allowed)
}
