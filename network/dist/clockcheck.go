// Checking the clocks against the history.
//
// The history itself says what happened before what: each node's events
// in order, and each message's send before its receives. The checker
// rebuilds happened-before from that alone, as each node's vector of
// true counts, and holds the clocks that travelled in the messages to it:
//
//   - Lamport: every event's clock is greater than the node's previous
//     event's, and a receive's is greater than its send's. Along every
//     chain, then, a -> b implies C(a) < C(b).
//   - Vector: every event's clock equals the true count. Since
//     happened-before is exactly "the true count is smaller", V(a) < V(b)
//     holds exactly when a -> b.
//
// At the end it counts the pairs of concurrent events.

package dist

import (
	"fmt"
	"sort"
)

// clockChecker checks every run's Lamport and vector clocks.
type clockChecker struct {
	last  map[int]Event  // each node's latest event
	truth map[int]Vector // each node's true count
	sends map[int]Event  // sends by message number: kept once their vector is the true count
}

func (c *clockChecker) Observe(r *Result, e Event) error {
	if c.last == nil {
		c.last, c.truth, c.sends = map[int]Event{}, map[int]Vector{}, map[int]Event{}
	}
	t := c.truth[e.Node]
	if t == nil {
		t = NewVector(r.Scenario.Nodes)
		c.truth[e.Node] = t
	}
	if prev, ok := c.last[e.Node]; ok && e.Lamport <= prev.Lamport {
		return Violate(fmt.Sprintf("Lamport clock of node %d did not grow: %d then %d", e.Node, prev.Lamport, e.Lamport), prev, e)
	}
	if e.Kind == Receive {
		s, ok := c.sends[e.MsgID]
		if !ok {
			return Violate(fmt.Sprintf("message %d received but never sent", e.MsgID), e)
		}
		if e.Lamport <= s.Lamport {
			return Violate(fmt.Sprintf("Lamport clock of a receive (%d) not after its send (%d)", e.Lamport, s.Lamport), s, e)
		}
		for i := range t {
			t[i] = max(t[i], s.Vector[i])
		}
	}
	t[e.Node-1]++
	if !e.Vector.Equal(t) {
		return Violate(fmt.Sprintf("vector clock %v of node %d, but the history says %v", e.Vector, e.Node, t), e)
	}
	if e.Kind == Send {
		c.sends[e.MsgID] = e
	}
	c.last[e.Node] = e
	return nil
}

// Finish counts the concurrent pairs: neither knows of the other. For
// an event a of node p and the events of another node q, in order: a
// knows the first a.V[q] of them, and those whose V[p] has reached
// a.V[p] know a, a run at the end (V[p] only grows along q). The rest are
// concurrent with a: one binary search per event and node, not a
// comparison per pair. Every pair is counted from both ends.
func (c *clockChecker) Finish(r *Result) error {
	byNode := make([][]Event, r.Scenario.Nodes+1)
	for _, e := range r.Events {
		byNode[e.Node] = append(byNode[e.Node], e)
	}
	twice := 0
	for _, a := range r.Events {
		p := a.Node - 1
		for q := 1; q <= r.Scenario.Nodes; q++ {
			events := byNode[q]
			if q == a.Node || len(events) == 0 {
				continue
			}
			known := int(a.Vector[q-1])
			knowing := len(events) - sort.Search(len(events), func(i int) bool { return events[i].Vector[p] >= a.Vector[p] })
			twice += max(len(events)-known-knowing, 0)
		}
	}
	r.Concurrent = twice / 2
	return nil
}
