// Ordered multicast: FIFO, causal and total order.
//
// Every node multicasts Multicasts messages to the group, at random
// times, and delivers every message of the group, its own included. The
// network may reorder, so a node holds a message back until it may be
// delivered, by one of these rules:
//
//   - unordered: deliver on arrival (the baseline that breaks them all).
//   - FIFO: each sender numbers its messages; deliver a sender's messages
//     in number order.
//   - causal: each message carries the sender's vector of multicasts
//     delivered; deliver m from j when V_m[j] = V[j]+1 (the next from j)
//     and V_m[k] <= V[k] for every other k (everything m's sender had
//     delivered, this node has too).
//   - total (Lamport): each message is stamped with the Lamport clock and
//     acknowledged by every receiver to everyone; a node keeps messages in
//     (timestamp, sender) order and delivers the head once it has heard
//     something later from every other node. Channels must be FIFO.
//
// One checker watches all three orderings on every run and fails the run
// on those the algorithm promises (total order here also keeps causal
// and FIFO order, because Lamport timestamps respect happened-before);
// the outcome says which of the others the run happened to break.

package dist

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Multicasts is how many messages each node multicasts.
const Multicasts = 3

// ordering is a delivery rule.
type ordering int

const (
	unordered ordering = iota
	fifoOrder
	causalOrder
	totalOrder
)

var orderingNames = [...]string{unordered: "unordered", fifoOrder: "FIFO", causalOrder: "causal", totalOrder: "total"}

func (o ordering) String() string { return orderingNames[o] }

func multicastAlgorithm(name string, o ordering, summary string) *Algorithm {
	return &Algorithm{
		Name: name, Family: "multicast", Summary: summary,
		Kinds:   []string{"MSG", "ACK"},
		FIFO:    o == totalOrder,
		New:     func(n *Node) Process { return &multicast{n: n, order: o} },
		Checker: func() Checker { return &orderChecker{promise: o} },
		Outcome: multicastOutcome,
	}
}

// The multicast algorithms.
var (
	UnorderedMulticast = multicastAlgorithm("multicast", unordered, "multicast delivered on arrival: breaks FIFO, causal and total order when messages overtake")
	FIFOMulticast      = multicastAlgorithm("fifo-multicast", fifoOrder, "FIFO multicast: each sender's messages in the order sent (sequence numbers)")
	CausalMulticast    = multicastAlgorithm("causal-multicast", causalOrder, "causal multicast: the vector-clock delivery rule")
	TotalMulticast     = multicastAlgorithm("total-multicast", totalOrder, "totally ordered multicast: Lamport timestamps and acknowledgements to all")
)

// pending is a message held back.
type pending struct {
	from, seq, ts int
	vec           []int
}

type multicast struct {
	n     *Node
	order ordering
	sent  int

	next      map[int]int // FIFO: the next number from each sender
	delivered []int       // causal: messages delivered from each node (index id-1)
	held      []pending
	clock     int         // total: the Lamport clock of the multicast layer
	latest    map[int]int // total: the latest timestamp heard from each node
}

func (m *multicast) Start() {
	m.next, m.latest = map[int]int{}, map[int]int{}
	m.delivered = make([]int, m.n.N())
	m.n.After(1+int64(m.n.Random(ThinkTicks)), 0)
}

func (m *multicast) Timeout(int) {
	m.sent++
	me := m.n.ID
	m.n.Decide("multicast", tag(me, m.sent))
	switch m.order {
	case unordered, fifoOrder:
		m.n.Broadcast("MSG", m.sent)
		m.deliver(me, m.sent)
	case causalOrder:
		m.n.Broadcast("MSG", append([]int{m.sent}, m.delivered...)...)
		m.deliver(me, m.sent)
	case totalOrder:
		m.clock++
		m.hold(pending{from: me, seq: m.sent, ts: m.clock})
		m.n.Broadcast("MSG", m.sent, m.clock)
		m.deliverTotal()
	}
	if m.sent < Multicasts {
		m.n.After(1+int64(m.n.Random(ThinkTicks)), 0)
	}
}

func tag(from, seq int) int { return from*100 + seq }

func (m *multicast) deliver(from, seq int) {
	m.delivered[from-1]++
	m.n.Decide("deliver", tag(from, seq))
}

func (m *multicast) hold(p pending) {
	m.held = append(m.held, p)
	if m.order == totalOrder {
		slices.SortFunc(m.held, func(a, b pending) int { return cmp.Or(cmp.Compare(a.ts, b.ts), cmp.Compare(a.from, b.from)) })
	}
}

func (m *multicast) Receive(msg Message) {
	switch {
	case msg.Kind == "ACK":
		m.clock = max(m.clock, msg.Args[0]) + 1
		m.latest[msg.From] = max(m.latest[msg.From], msg.Args[0])
		m.deliverTotal()
	case m.order == unordered:
		m.deliver(msg.From, msg.Args[0])
	case m.order == fifoOrder:
		m.hold(pending{from: msg.From, seq: msg.Args[0]})
		m.deliverReady(func(p pending) bool { return p.seq == m.next[p.from]+1 })
	case m.order == causalOrder:
		m.hold(pending{from: msg.From, seq: msg.Args[0], vec: msg.Args[1:]})
		m.deliverReady(m.causallyReady)
	case m.order == totalOrder:
		ts := msg.Args[1]
		m.clock = max(m.clock, ts) + 1
		m.latest[msg.From] = max(m.latest[msg.From], ts)
		m.hold(pending{from: msg.From, seq: msg.Args[0], ts: ts})
		m.clock++
		m.n.Broadcast("ACK", m.clock)
		m.deliverTotal()
	}
}

// causallyReady: the next message from its sender, and nothing its
// sender had delivered is missing here.
func (m *multicast) causallyReady(p pending) bool {
	for k, v := range p.vec {
		if k == p.from-1 && v != m.delivered[k] || k != p.from-1 && v > m.delivered[k] {
			return false
		}
	}
	return true
}

// deliverReady delivers held messages while one is ready.
func (m *multicast) deliverReady(ready func(pending) bool) {
	for {
		i := slices.IndexFunc(m.held, ready)
		if i < 0 {
			return
		}
		p := m.held[i]
		m.held = slices.Delete(m.held, i, i+1)
		m.next[p.from] = p.seq
		m.deliver(p.from, p.seq)
	}
}

// deliverTotal delivers the head of the queue while every other node has
// been heard from with a later (timestamp, id).
func (m *multicast) deliverTotal() {
	for len(m.held) > 0 {
		h := m.held[0]
		for k := 1; k <= m.n.N(); k++ {
			later := m.latest[k] > h.ts || m.latest[k] == h.ts && k > h.from
			if k != m.n.ID && k != h.from && !later {
				return
			}
		}
		m.held = m.held[1:]
		m.deliver(h.from, h.seq)
	}
}

func (m *multicast) Initiate()        {}
func (m *multicast) GiveUp(int, Sent) {}

// orderChecker watches every delivery for the three orderings.
//
// Causality between multicasts is by delivery, not by arrival: m comes
// before m' if the sender of m' had sent or delivered m (or something
// that came after m) when it multicast m'. A message that has arrived but
// is still held back is no part of its receiver's past.
type orderChecker struct {
	promise ordering
	sent    map[int]Event        // multicast events by tag
	past    map[int]map[int]bool // each multicast's causal past, by tag
	order   map[int][]int        // each node's deliveries, in order
	done    map[int]map[int]bool // each node's delivered and sent tags
	broken  [totalOrder + 1]int  // deliveries breaking each ordering
}

func (c *orderChecker) Observe(r *Result, e Event) error {
	if e.Kind != Decide {
		return nil
	}
	if c.sent == nil {
		c.sent, c.past, c.order, c.done = map[int]Event{}, map[int]map[int]bool{}, map[int][]int{}, map[int]map[int]bool{}
	}
	if c.done[e.Node] == nil {
		c.done[e.Node] = map[int]bool{}
	}
	switch e.What {
	case "multicast":
		c.sent[e.Value] = e
		past := map[int]bool{}
		for t := range c.done[e.Node] {
			past[t] = true
			for p := range c.past[t] {
				past[p] = true
			}
		}
		c.past[e.Value] = past
		c.done[e.Node][e.Value] = true
	case "deliver":
		from, seq := e.Value/100, e.Value%100
		for _, d := range c.order[e.Node] {
			if d/100 == from && d%100 > seq {
				c.broken[fifoOrder]++
				if c.promise >= fifoOrder {
					return Violate(fmt.Sprintf("node %d delivers message %d of node %d after message %d: not FIFO", e.Node, seq, from, d%100), e)
				}
			}
		}
		for _, t := range slices.Sorted(maps.Keys(c.past[e.Value])) {
			if !c.done[e.Node][t] {
				c.broken[causalOrder]++
				if c.promise >= causalOrder {
					return Violate(fmt.Sprintf("node %d delivers %d.%d before %d.%d, which came before it: not causal", e.Node, from, seq, t/100, t%100), c.sent[t], c.sent[e.Value], e)
				}
				break
			}
		}
		c.order[e.Node] = append(c.order[e.Node], e.Value)
		c.done[e.Node][e.Value] = true // (its own: already there since it sent it)
	}
	return nil
}

// Finish compares the nodes' delivery orders.
func (c *orderChecker) Finish(r *Result) error {
	for a := 1; a <= r.Scenario.Nodes; a++ {
		for b := a + 1; b <= r.Scenario.Nodes; b++ {
			if x, y := common(c.order[a], c.done[b]), common(c.order[b], c.done[a]); !slices.Equal(x, y) {
				c.broken[totalOrder]++
				if c.promise >= totalOrder {
					return Violate(fmt.Sprintf("nodes %d and %d deliver in different orders: %v and %v: not total", a, b, x, y))
				}
			}
		}
	}
	r.Broken = map[string]int{}
	for o := fifoOrder; o <= totalOrder; o++ {
		r.Broken[o.String()] = c.broken[o]
	}
	return nil
}

// common keeps the deliveries the other node also made.
func common(order []int, other map[int]bool) []int {
	var out []int
	for _, t := range order {
		if other[t] {
			out = append(out, t)
		}
	}
	return out
}

func multicastOutcome(r *Result) string {
	delivered := 0
	for _, e := range r.Events {
		if e.Kind == Decide && e.What == "deliver" {
			delivered++
		}
	}
	var parts []string
	for o := fifoOrder; o <= totalOrder; o++ {
		if r.Broken[o.String()] > 0 {
			parts = append(parts, o.String()+" broken")
		} else {
			parts = append(parts, o.String()+" kept")
		}
	}
	return fmt.Sprintf("%d of %d deliveries; %s", delivered, r.Scenario.Nodes*r.Scenario.Nodes*Multicasts, strings.Join(parts, ", "))
}
