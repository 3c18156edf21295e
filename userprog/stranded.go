// Stranded threads: what a user thread leaves behind when it exits.
//
// A process's locks, conditions and semaphores are its own: only its own
// threads can release, signal or V them. So a thread that exits holding a
// lock leaves it held forever, and a process whose last thread that could
// still run exits, while its other threads wait in Acquire, Wait, P or
// ThreadJoin, can never end: nothing left can wake them. (A thread
// waiting for the console or for a child process is not stranded: the
// input or the child's end may still come.)
//
// Both are bugs in the program, which a real kernel would simply let
// hang. This one says so under -d s when the thread exits, and if the
// run then ends in deadlock, the deadlock report names the stranded
// processes too.

package userprog

import (
	"fmt"
	"slices"
	"strings"

	"nachos/kernel"
)

// warnExit says under -d s what the exiting thread of p leaves behind:
// locks it still holds, and threads of p that nothing can wake now.
func (k *Kernel) warnExit(p *Process) {
	me := k.CurrentThread()
	for _, l := range p.locks.all() {
		if l.lock.IsHeldByCurrentThread() {
			k.Debug.Printf('s', "%q exits holding lock %q: it stays held, and every thread that Acquires it will wait forever\n", me, l.label())
		}
	}
	if stuck := p.stranded(me); stuck != nil {
		k.Debug.Printf('s', "%q exits, and no other thread of process %d can run: %s; only threads of process %d could wake them, so it can never end\n",
			me, p.PID, describeWaits(stuck), p.PID)
	}
}

// stranded returns p's threads, but for except, if every one of them
// waits for something only p's threads could give; otherwise nil.
func (p *Process) stranded(except *kernel.Thread) []*kernel.Thread {
	var stuck []*kernel.Thread
	for _, t := range slices.Concat([]*kernel.Thread{p.main}, p.forked) {
		if t == nil || t == except || t.Status() == kernel.Finished {
			continue
		}
		if t.Status() != kernel.Blocked || !p.owns(t.WaitingIn()) {
			return nil
		}
		stuck = append(stuck, t)
	}
	return stuck
}

// owns reports whether w, something a thread waits in, belongs to p: one
// of its locks, conditions or semaphores, or one of its threads.
func (p *Process) owns(w any) bool {
	switch o := w.(type) {
	case *kernel.Lock:
		return slices.ContainsFunc(p.locks.all(), func(l *userLock) bool { return l.lock == o })
	case *kernel.Condition:
		return slices.ContainsFunc(p.conditions.all(), func(c *userCondition) bool { return c.cond == o })
	case *kernel.Semaphore:
		return slices.ContainsFunc(p.semaphores.all(), func(s *userSemaphore) bool { return s.sem == o })
	case *kernel.Thread:
		return o == p.main || slices.Contains(p.forked, o)
	}
	return false
}

// describeWaits lists what each thread waits for.
func describeWaits(ts []*kernel.Thread) string {
	waits := make([]string, len(ts))
	for i, t := range ts {
		waits[i] = fmt.Sprintf("%q %s", t.Name(), t.WaitsFor())
	}
	return strings.Join(waits, "; ")
}

// deadlockNotes are the lines userprog adds to a deadlock report: one for
// each process whose threads are stranded.
func (k *Kernel) deadlockNotes() []string {
	var notes []string
	for _, p := range k.processes {
		if p.stranded(nil) != nil {
			notes = append(notes, fmt.Sprintf("Stranded: process %d (%s) has no thread left that could wake its waiting threads: only its own threads can release its locks, and signal its conditions and semaphores.", p.PID, p.Path))
		}
	}
	return notes
}
