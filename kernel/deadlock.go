// Deadlock detection: explaining why nothing can run.
//
// When no thread is ready and no interrupt is pending, nothing can ever
// happen again. If every thread has finished, the program is done. If
// some threads are still blocked, they will wait forever: the program is
// stuck, and the kernel says why instead of quietly halting.
//
// The explanation is the wait-for graph. Each blocked thread waits for
// one thing: a lock, a semaphore, a condition variable, or another thread
// to finish (Join). A lock has a holder and a joined thread is itself a
// thread, so those waits point at the thread that must act first: an edge
// from thread to thread. Semaphores and condition variables have no owner,
// since any thread may V or Signal them; a wait for one ends the chain.
//
// Every blocked thread has at most one outgoing edge, so following the
// edges from any thread either ends (at a thread waiting on something
// ownerless, or at a thread that finished while holding a lock) or comes
// back on itself. The loops are the deadlocks: each thread in one waits
// for the next, around the circle, and none can ever move. The classic
// is the dining philosophers, each holding one fork and waiting for his
// neighbour's.
//
// The report names every cycle, then every other blocked thread and what
// it waits for, in the order the threads were created, so that the same
// run always gives the same report. A layer above the kernel may add what
// it knows (DeadlockNotes): userprog says which processes have no thread
// left that could wake the others.

package kernel

import (
	"fmt"
	"slices"
	"strings"
)

// A waitable is something a thread can block on: the start of an edge in
// the wait-for graph.
type waitable interface {
	// waitsFor describes the wait, continuing a sentence that starts with
	// the waiting thread's name: `waits for lock "fork 1" held by "p1"`.
	waitsFor() string
	// owner is the thread that must act before the waiter can go on, or
	// nil if no particular thread must.
	owner() *Thread
	// withdraw takes a cancelled thread out of the wait, and handOn
	// passes on what it was given there (cancel.go).
	withdraw(t *Thread)
	handOn(t *Thread)
}

// The wait-for graph's edges, one kind of wait each.

func (l *Lock) waitsFor() string {
	return fmt.Sprintf("waits for lock %q held by %q", l.name, l.holder)
}

func (l *Lock) owner() *Thread { return l.holder }

func (t *Thread) waitsFor() string {
	return fmt.Sprintf("waits for %q to finish", t.name)
}

func (t *Thread) owner() *Thread { return t }

func (s *Semaphore) waitsFor() string {
	return fmt.Sprintf("waits on semaphore %q (no owner)", s.name)
}

func (s *Semaphore) owner() *Thread { return nil }

func (c *Condition) waitsFor() string {
	return fmt.Sprintf("waits on condition %q (no owner)", c.name)
}

func (c *Condition) owner() *Thread { return nil }

// blockedThreads returns the threads that are blocked, oldest first.
func (k *Kernel) blockedThreads() []*Thread {
	var blocked []*Thread
	for _, t := range k.live {
		if t.status == Blocked && !t.daemon {
			blocked = append(blocked, t)
		}
	}
	return blocked
}

// reportDeadlock explains to k.Err why the blocked threads (in creation
// order) can never run, and fails the simulation with ExitDeadlock.
func (k *Kernel) reportDeadlock(blocked []*Thread) {
	verb := "threads are"
	if len(blocked) == 1 {
		verb = "thread is"
	}
	fmt.Fprintf(k.Err, "nachos: deadlock: no thread can run and no interrupt is pending, but %d %s blocked forever\n", len(blocked), verb)
	cycles := waitForCycles(blocked)
	inCycle := map[*Thread]bool{}
	for _, cycle := range cycles {
		sentence := make([]string, len(cycle))
		for i, t := range cycle {
			sentence[i] = t.WaitsFor()
			inCycle[t] = true
		}
		fmt.Fprintf(k.Err, "Deadlock: %q %s.\n", cycle[0].name, strings.Join(sentence, ", which "))
	}
	for _, t := range blocked {
		if !inCycle[t] {
			fmt.Fprintf(k.Err, "Blocked: %q %s.\n", t.name, t.WaitsFor())
		}
	}
	if k.DeadlockNotes != nil {
		for _, note := range k.DeadlockNotes() {
			fmt.Fprintln(k.Err, note)
		}
	}
	k.Fail(ExitDeadlock)
}

// WaitsFor describes what the blocked thread t waits for, as the deadlock
// report does: `waits for lock "fork 1" held by "p1"`.
func (t *Thread) WaitsFor() string {
	if t.waitingFor == nil {
		return "sleeps, waiting for nothing the kernel can name (it called Sleep directly)"
	}
	s := t.waitingFor.waitsFor()
	if o := t.waitingFor.owner(); o != nil && o.status == Finished {
		s += ", which has finished without releasing it"
	}
	return s
}

// waitForCycles returns the cycles of the wait-for graph among the
// blocked threads (given in creation order). Each cycle starts at its
// oldest thread, and the cycles come in the order of those threads.
func waitForCycles(blocked []*Thread) [][]*Thread {
	age := make(map[*Thread]int, len(blocked))
	for i, t := range blocked {
		age[t] = i
	}
	const (
		unseen = iota
		onWalk // on the chain being followed now
		done
	)
	state := make(map[*Thread]int, len(blocked))
	var cycles [][]*Thread
	for _, start := range blocked {
		var walk []*Thread
		t := start
		for t != nil && t.status == Blocked && state[t] == unseen {
			state[t] = onWalk
			walk = append(walk, t)
			t = blocker(t)
		}
		if t != nil && state[t] == onWalk { // the chain came back to t
			cycle := walk[slices.Index(walk, t):]
			oldest := 0
			for i, c := range cycle {
				if age[c] < age[cycle[oldest]] {
					oldest = i
				}
			}
			cycles = append(cycles, slices.Concat(cycle[oldest:], cycle[:oldest]))
		}
		for _, w := range walk {
			state[w] = done
		}
	}
	slices.SortFunc(cycles, func(a, b []*Thread) int { return age[a[0]] - age[b[0]] })
	return cycles
}

// blocker is the thread that t waits for, or nil.
func blocker(t *Thread) *Thread {
	if t.waitingFor == nil {
		return nil
	}
	return t.waitingFor.owner()
}
