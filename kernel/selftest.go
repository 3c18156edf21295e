// Self-tests: kernel programs that exercise threads and synchronization,
// runnable by name with "nachos -K NAME" and from the Go tests.

package kernel

import "fmt"

// A SelfTest is a kernel program that runs on the main thread.
type SelfTest struct {
	Name string
	Doc  string // one line for "nachos -K list"
	Run  func(k *Kernel)
}

// SelfTests lists every self-test, in the order "nachos -K list" shows.
var SelfTests = []SelfTest{
	{"threadtest", "Nachos's ThreadTest: two threads take turns, yielding after every line", ThreadTest},
	{"lock", "three threads share a lock: one at a time inside, served in order of arrival", LockTest},
	{"lock-release-unowned", "a thread releases a lock another holds: a kernel error", LockReleaseUnownedTest},
	{"lock-reacquire", "a thread acquires a lock it already holds: a kernel error", LockReacquireTest},
	{"cond-wait-unlocked", "Wait on a condition without holding the lock: a kernel error", CondWaitUnlockedTest},
	{"cond-wrong-lock", "Signal a condition with another lock than its waiters': a kernel error", CondWrongLockTest},
	{"cond-signal-lost", "a Signal with nobody waiting is lost; the next one is not", CondSignalLostTest},
	{"cond-signal-one", "Signal wakes exactly one waiter, the one that waited longest", CondSignalOneTest},
	{"cond-broadcast", "Broadcast wakes every waiter", CondBroadcastTest},
	{"race", "i = 0; i = i + 1 races i = 10; i = i - 1: the result depends on the seed", RaceTest},
	{"race-locked", "the same race with a lock around each thread's statements", RaceLockedTest},
	{"synchlist", "producers and consumers pass numbered items through a SynchList", SynchListTest},
	{"soda-semaphores", "the soda machine, producer/consumer with semaphores (mutex, empty=10, full=0)", SodaSemaphoresTest},
	{"soda-monitor", "the soda machine again, with a lock and condition variables (BoundedBuffer)", SodaMonitorTest},
	{"readers-writers", "readers share a document, writers get it alone, with a lock and conditions", ReadersWritersTest},
	{"sleeping-barber", "the sleeping barber, with semaphores: served or turned away, never lost", SleepingBarberTest},
	{"philosophers-naive", "five philosophers, left fork first: deadlock, reported with its cycle", PhilosophersNaiveTest},
	{"philosophers-ordered", "five philosophers taking the lower-numbered fork first: they all eat", PhilosophersOrderedTest},
	{"priority-inversion", "low holds a lock high needs while medium computes; run with --sched priority, with and without --donate", PriorityInversionTest},
	{"office", "a post office: customers, clerks and a manager; the books must balance", OfficeTest},
}

// FindSelfTest returns the self-test called name.
func FindSelfTest(name string) (SelfTest, bool) {
	for _, t := range SelfTests {
		if t.Name == name {
			return t, true
		}
	}
	return SelfTest{}, false
}

// ThreadTest is Nachos's first test: the main thread forks a thread, and
// the two each print five lines, yielding to the other after each one.
func ThreadTest(k *Kernel) {
	k.Fork("forked thread", func() { simpleThread(k, 1) })
	simpleThread(k, 0)
}

func simpleThread(k *Kernel, which int) {
	for num := range 5 {
		fmt.Fprintf(k.Out, "*** thread %d looped %d times\n", which, num)
		k.Yield()
	}
}

// maybeYield gives up the CPU if a coin flip from the machine's seeded
// generator says so. It marks a point where a timer interrupt could strike
// and switch threads: each seed makes its own choices, so each seed gives
// its own interleaving, and the same seed always the same one.
func maybeYield(k *Kernel) {
	if k.Machine.Random.Intn(2) == 0 {
		k.Yield()
	}
}

// say prints a line of a self-test's trace.
func say(k *Kernel, format string, args ...any) {
	fmt.Fprintf(k.Out, format+"\n", args...)
}

// expect checks one of a self-test's invariants: if ok is false, the test
// has caught the kernel misbehaving, and that is a kernel error.
func expect(k *Kernel, ok bool, format string, args ...any) {
	if !ok {
		k.Fatalf("self-test failed: "+format, args...)
	}
}

// forkAll forks n threads named prefix 0, prefix 1, ..., each running
// body with its number.
func forkAll(k *Kernel, prefix string, n int, body func(i int)) []*Thread {
	threads := make([]*Thread, n)
	for i := range threads {
		threads[i] = k.Fork(fmt.Sprintf("%s %d", prefix, i), func() { body(i) })
	}
	return threads
}

// joinAll waits until every thread has finished.
func joinAll(k *Kernel, threads []*Thread) {
	for _, t := range threads {
		k.Join(t)
	}
}
