// Logical clocks: Lamport's scalar clocks and vector clocks.
//
// Machines in a distributed system have no common clock, yet often need
// to agree on what happened before what. Lamport's answer is the
// happened-before relation, a -> b: a and b are events of one process
// and a came first, or a sends a message and b receives it, or a chain
// of such steps leads from a to b. Events with no chain between them in
// either direction are concurrent (a || b).
//
// A Lamport clock is one counter per process: add one before each event,
// stamp every message with the counter, and on receipt move the counter
// past the stamp. Then a -> b implies C(a) < C(b), but not the other way
// round: C(a) < C(b) says nothing when a || b. Ties between processes are
// broken by process id, which gives the total order that ordered
// multicast and Ricart-Agrawala rely on.
//
// A vector clock keeps one counter per process: V[i] counts the events
// of process i that this process knows of. Process i adds one to V[i]
// before each event; a receiver takes the element-wise maximum with the
// message's vector, then counts the receive. Now the test works both
// ways: V(a) < V(b) (no element greater, one smaller) exactly when
// a -> b, so concurrency can be read off the clocks.
//
// The framework keeps both clocks for every node, stamps every message
// with them, and checks them against the run's real history after every
// run (clockcheck.go).

package dist

import (
	"fmt"
	"strings"
)

// Lamport is a Lamport clock.
type Lamport int64

// Tick counts a local event or a send, and returns the event's time.
func (c *Lamport) Tick() int64 { *c++; return int64(*c) }

// Receive counts the receipt of a message stamped ts.
func (c *Lamport) Receive(ts int64) int64 {
	*c = Lamport(max(int64(*c), ts) + 1)
	return int64(*c)
}

// Vector is a vector clock: element i-1 counts the events of node i.
type Vector []int64

// NewVector returns the clock of a system of n nodes, all zero.
func NewVector(n int) Vector { return make(Vector, n) }

// Tick counts a local event or a send on node id (1-based), and returns
// a copy of the clock to stamp the event with.
func (v Vector) Tick(id int) Vector {
	v[id-1]++
	return v.Copy()
}

// Receive merges the vector of a message into the clock and counts the
// receipt on node id.
func (v Vector) Receive(id int, stamp Vector) Vector {
	for i := range min(len(v), len(stamp)) {
		v[i] = max(v[i], stamp[i])
	}
	return v.Tick(id)
}

// Copy returns a clock that does not share v's elements.
func (v Vector) Copy() Vector { return append(Vector(nil), v...) }

// Before says whether v < w: no element greater, and the two differ.
func (v Vector) Before(w Vector) bool {
	less := false
	for i := range v {
		switch {
		case v[i] > w[i]:
			return false
		case v[i] < w[i]:
			less = true
		}
	}
	return less
}

// Concurrent says whether neither clock is before the other, and they
// differ: the events are concurrent.
func (v Vector) Concurrent(w Vector) bool {
	return !v.Before(w) && !w.Before(v) && !v.Equal(w)
}

// Equal says whether the clocks are the same.
func (v Vector) Equal(w Vector) bool {
	if len(v) != len(w) {
		return false
	}
	for i := range v {
		if v[i] != w[i] {
			return false
		}
	}
	return true
}

// ConcurrentPairs lists the pairs of events of different nodes that
// are concurrent by their vector clocks, each pair once, in tick order
// (the earlier event first): what a student reads to see that neither
// clock is before the other. The checker has already proved the vector
// clocks right, so these are exactly the pairs with no chain of events
// between them (their number is Result.Concurrent).
func ConcurrentPairs(r *Result) [][2]Event {
	var pairs [][2]Event
	events := timeline(r)
	for i, a := range events {
		for _, b := range events[i+1:] {
			if a.Node != b.Node && a.Vector.Concurrent(b.Vector) {
				pairs = append(pairs, [2]Event{a, b})
			}
		}
	}
	return pairs
}

// String prints the clock as [1 0 2].
func (v Vector) String() string {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range v {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprint(&b, x)
	}
	b.WriteByte(']')
	return b.String()
}
