// Self-tests: the dining philosophers.
//
// Five philosophers sit around a table, with one fork between each two
// neighbours. A philosopher thinks, then eats, and to eat he needs both
// forks beside him. Fork i lies to the left of philosopher i, fork i+1
// (mod 5) to his right; each fork is a lock.
//
// The naive philosopher picks up his left fork, then his right one. If
// all five pick up their left forks at the same moment, each then waits
// for his right neighbour's fork, forever: a cycle of threads, each
// holding a lock the next one waits for. That is a deadlock, and the
// kernel's detector reports the cycle when nothing else can run.
//
// The cure is to break the cycle by ordering the locks: every philosopher
// picks up the lower-numbered of his two forks first. Philosopher 4 then
// reaches for fork 0 before fork 4, and no cycle can form.
//
// Both tests turn on lock-order checking, which warns about the naive
// order even in a run that happens not to deadlock.

package kernel

import "fmt"

const (
	philosopherCount = 5
	meals            = 3 // each philosopher eats this many times
)

// PhilosophersNaiveTest has each philosopher take his left fork first.
// They all sit down hungry at once, so without -rs they deadlock every
// time; with -rs, the random timer lets them escape in some runs.
func PhilosophersNaiveTest(k *Kernel) {
	philosophers(k, func(left, right int) (int, int) { return left, right })
}

// PhilosophersOrderedTest has each philosopher take the lower-numbered
// fork first. They never deadlock.
func PhilosophersOrderedTest(k *Kernel) {
	philosophers(k, func(left, right int) (int, int) { return min(left, right), max(left, right) })
}

// philosophers seats the philosophers and serves the meals. order says
// which of his two forks (left, right) a philosopher picks up first.
func philosophers(k *Kernel, order func(left, right int) (first, second int)) {
	k.CheckLockOrder()
	forks := make([]*Lock, philosopherCount)
	for i := range forks {
		forks[i] = k.NewLock(fmt.Sprintf("fork %d", i))
	}
	eating := make([]bool, philosopherCount)
	eaten := make([]int, philosopherCount)
	diners := forkAll(k, "philosopher", philosopherCount, func(p int) {
		left, right := p, (p+1)%philosopherCount
		first, second := order(left, right)
		for meal := 1; meal <= meals; meal++ {
			forks[first].Acquire()
			say(k, "philosopher %d picks up fork %d", p, first)
			k.Yield() // reaching for the second fork takes a moment
			forks[second].Acquire()
			say(k, "philosopher %d picks up fork %d and eats (meal %d)", p, second, meal)
			neighbours := [2]int{(p + philosopherCount - 1) % philosopherCount, right}
			for _, n := range neighbours {
				expect(k, !eating[n], "philosophers %d and %d eat at once, but share a fork", p, n)
			}
			eating[p] = true
			eaten[p]++
			maybeYield(k)
			eating[p] = false
			forks[second].Release()
			forks[first].Release()
			say(k, "philosopher %d puts down forks %d and %d", p, first, second)
			maybeYield(k) // think
		}
	})
	joinAll(k, diners)
	for p, n := range eaten {
		expect(k, n == meals, "philosopher %d ate %d meals instead of %d", p, n, meals)
	}
	say(k, "every philosopher ate %d meals", meals)
}
