// Lock-order checking: finding a deadlock before it happens.
//
// Two threads that take the same two locks in opposite orders can
// deadlock: each takes its first lock, then waits forever for the other's.
// Whether they do depends on timing, so a test can pass a thousand times
// and the bug still be there. The classic cure is a rule: put the locks in
// an order and always take them in that order. Then no cycle of waiting
// threads can form.
//
// The checker watches for breaches of that rule, whatever the timing. At
// every Acquire it records an edge "A -> B" for each lock A the thread
// already holds: B was taken while holding A. If the edges ever form a
// cycle (A -> B somewhere, B -> A somewhere else), there is an order of
// events that deadlocks, even if this run was lucky, and the checker warns
// once for the edge that closed the cycle. Linux's lockdep works the same
// way, at a much larger scale.

package kernel

import (
	"fmt"
	"slices"
	"strings"
)

// lockOrder is the record the checker keeps. A nil *lockOrder checks
// nothing, so the locks can call it unconditionally.
type lockOrder struct {
	held  map[*Thread][]*Lock // the locks each thread holds
	after map[*Lock][]*Lock   // after[a] has b: b was taken while holding a
}

// CheckLockOrder turns on lock-order checking: from now on, an Acquire
// that takes locks in an order that could deadlock prints a warning to
// k.Err. Turn it on before any thread takes a lock (the first thing in the
// kernel's main function will do).
func (k *Kernel) CheckLockOrder() {
	if k.lockOrder == nil {
		k.lockOrder = &lockOrder{held: map[*Thread][]*Lock{}, after: map[*Lock][]*Lock{}}
	}
}

// acquiring records that t is about to acquire l, and warns if that closes
// a cycle. It runs before t waits for l: the order is what matters, not
// whether this time the lock happened to be free.
func (o *lockOrder) acquiring(k *Kernel, t *Thread, l *Lock) {
	if o == nil {
		return
	}
	for _, h := range o.held[t] {
		if slices.Contains(o.after[h], l) {
			continue // a known edge has been checked already
		}
		o.after[h] = append(o.after[h], l)
		if cycle := o.path(l, h, map[*Lock]bool{}); cycle != nil {
			names := make([]string, 0, len(cycle)+1)
			for _, c := range append(cycle, l) {
				names = append(names, fmt.Sprintf("%q", c.name))
			}
			fmt.Fprintf(k.Err, "nachos: potential deadlock: %q takes lock %q while holding lock %q, closing a cycle in the order locks are taken: %s (A -> B: B was taken while holding A)\n",
				t.name, l.name, h.name, strings.Join(names, " -> "))
		}
	}
}

// path returns a chain of edges from a to b (a first, b last), or nil.
func (o *lockOrder) path(a, b *Lock, seen map[*Lock]bool) []*Lock {
	if a == b {
		return []*Lock{a}
	}
	seen[a] = true
	for _, next := range o.after[a] {
		if seen[next] {
			continue
		}
		if rest := o.path(next, b, seen); rest != nil {
			return append([]*Lock{a}, rest...)
		}
	}
	return nil
}

// acquired records that t holds l.
func (o *lockOrder) acquired(t *Thread, l *Lock) {
	if o != nil {
		o.held[t] = append(o.held[t], l)
	}
}

// released records that t no longer holds l.
func (o *lockOrder) released(t *Thread, l *Lock) {
	if o == nil {
		return
	}
	held := slices.DeleteFunc(o.held[t], func(h *Lock) bool { return h == l })
	if len(held) == 0 {
		delete(o.held, t)
	} else {
		o.held[t] = held
	}
}
