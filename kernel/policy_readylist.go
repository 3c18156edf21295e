// The ready list of a policy that chooses among its ready threads.
//
// FCFS and round robin only ever take the thread at the front of a queue.
// The other policies compare threads (by priority, by predicted burst)
// and take the best one, wherever it stands. They keep their ready
// threads in a readyList, in the order the threads became ready, so that
// "earliest first" settles every tie: among equals, a policy is FCFS.

package kernel

import "slices"

// readyList holds ready threads in the order they became ready.
type readyList []*Thread

// add puts t at the back.
func (l *readyList) add(t *Thread) { *l = append(*l, t) }

// take removes and returns the thread at index i.
func (l *readyList) take(i int) *Thread {
	t := (*l)[i]
	*l = slices.Delete(*l, i, i+1)
	return t
}

// remove takes t out of the list, and reports whether it was there.
func (l *readyList) remove(t *Thread) bool {
	i := slices.Index(*l, t)
	if i < 0 {
		return false
	}
	l.take(i)
	return true
}

// best returns the index of the first thread that no other thread is
// better than, or -1 if the list is empty. better must be a strict order:
// a thread is never better than its equal, so the earliest of equals wins.
func (l readyList) best(better func(a, b *Thread) bool) int {
	if len(l) == 0 {
		return -1
	}
	b := 0
	for i := 1; i < len(l); i++ {
		if better(l[i], l[b]) {
			b = i
		}
	}
	return b
}

// takeBest removes and returns the best thread (see best), or nil if the
// list is empty.
func (l *readyList) takeBest(better func(a, b *Thread) bool) *Thread {
	i := l.best(better)
	if i < 0 {
		return nil
	}
	return l.take(i)
}
