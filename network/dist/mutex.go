// Mutual exclusion without shared memory.
//
// Each node wants the critical section Entries times: it thinks for a
// random while, asks, enters, stays CSTicks, leaves, and thinks again.
// The algorithms differ in whom they ask:
//
//   - Centralized: node 1 coordinates. REQUEST to it; it answers GRANT
//     when the section is free and queues the request otherwise; RELEASE
//     when done. 3 messages per entry, but node 1 is a single point of
//     failure.
//   - Ricart-Agrawala: REQUEST, stamped with the Lamport clock, to every
//     other node. A node answers OK at once unless it is inside, or wants
//     in itself with an earlier (timestamp, id): then it defers the OK
//     until it leaves. Enter with OK from all n-1 others: 2(n-1) messages
//     per entry, and any crashed node blocks everyone.
//   - Token ring: one TOKEN circulates round the logical ring; only its
//     holder may enter. From 1 message per entry (everyone wants in) to
//     unbounded (the token circles while nobody does). A successor that
//     does not answer is skipped. The token carries the number of entries
//     made, so that it stops once all are done.
//
// The checker watches every enter: never two nodes inside at once.

package dist

import (
	"fmt"
	"slices"
)

// Workload timings, in ticks.
const (
	CSTicks    = 500  // time inside the critical section
	ThinkTicks = 3000 // most time between leaving and wanting in again
)

// Timer tags of the workload.
const (
	tagWant = iota
	tagLeave
)

// Centralized is the coordinator algorithm.
var Centralized = &Algorithm{
	Name: "centralized", Family: "mutex",
	Summary: "mutual exclusion by a coordinator, node 1 (REQUEST, GRANT, RELEASE): 3 messages per entry",
	Kinds:   []string{"REQUEST", "GRANT", "RELEASE"},
	New:     func(n *Node) Process { return newWorker(n, &centralized{}) },
	Checker: func() Checker { return &exclusionChecker{} },
	Outcome: mutexOutcome(func(sc Scenario) int { return sc.Nodes - 1 }),
}

// RicartAgrawala is the fully distributed algorithm with timestamps.
var RicartAgrawala = &Algorithm{
	Name: "ricart-agrawala", Family: "mutex",
	Summary: "mutual exclusion by timestamped REQUEST to all and OK from all: 2(n-1) messages per entry",
	Kinds:   []string{"REQUEST", "OK"},
	New:     func(n *Node) Process { return newWorker(n, &ricartAgrawala{}) },
	Checker: func() Checker { return &exclusionChecker{} },
	Outcome: mutexOutcome(func(sc Scenario) int { return sc.Nodes }),
}

// TokenRing is the token ring.
var TokenRing = &Algorithm{
	Name: "token-ring", Family: "mutex",
	Summary: "mutual exclusion by a TOKEN circling the logical ring: 1 to unbounded messages per entry",
	Kinds:   []string{"TOKEN"},
	New:     func(n *Node) Process { return newWorker(n, &tokenRing{}) },
	Checker: func() Checker { return &exclusionChecker{} },
	Outcome: mutexOutcome(func(sc Scenario) int { return sc.Nodes }),
}

// protocol is what a mutual exclusion algorithm adds to the workload.
type protocol interface {
	start(w *worker)   // the node boots
	request(w *worker) // the node wants in: call w.enter when it may
	release(w *worker) // the node has left
	receive(w *worker, m Message)
	giveUp(w *worker, to int, m Sent)
}

// worker runs the workload on one node, over a protocol.
type worker struct {
	n       *Node
	p       protocol
	left    int  // entries still to make
	wanting bool // asked, not yet inside
	inside  bool
}

func newWorker(n *Node, p protocol) *worker { return &worker{n: n, p: p, left: n.Entries()} }

func (w *worker) Start() {
	w.p.start(w)
	w.think()
}

func (w *worker) think() {
	if w.left > 0 {
		w.n.After(1+int64(w.n.Random(ThinkTicks)), tagWant)
	}
}

func (w *worker) enter() {
	w.wanting, w.inside = false, true
	w.n.Enter()
	w.n.After(CSTicks, tagLeave)
}

func (w *worker) Timeout(tag int) {
	switch tag {
	case tagWant:
		w.wanting = true
		w.p.request(w)
	case tagRetry: // a protocol backed off: ask again
		if w.wanting {
			w.p.request(w)
		}
	case tagLeave:
		w.inside = false
		w.left--
		w.n.Exit()
		w.p.release(w)
		w.think()
	}
}

func (w *worker) Receive(m Message)     { w.p.receive(w, m) }
func (w *worker) GiveUp(to int, m Sent) { w.p.giveUp(w, to, m) }
func (w *worker) Initiate()             {}

// centralized: node 1 coordinates and does not compete itself.
type centralized struct {
	holder int   // the node inside, 0 for none (coordinator only)
	queue  []int // waiting requests (coordinator only)
}

const coordinator = 1

func (c *centralized) start(w *worker) {
	if w.n.ID == coordinator {
		w.left = 0
	}
}
func (c *centralized) request(w *worker)         { w.n.Send(coordinator, "REQUEST") }
func (c *centralized) release(w *worker)         { w.n.Send(coordinator, "RELEASE") }
func (c *centralized) giveUp(*worker, int, Sent) {}

func (c *centralized) receive(w *worker, m Message) {
	switch m.Kind {
	case "REQUEST":
		if c.holder == 0 {
			c.holder = m.From
			w.n.Send(m.From, "GRANT")
		} else {
			c.queue = append(c.queue, m.From)
		}
	case "GRANT":
		w.enter()
	case "RELEASE":
		c.holder = 0
		if len(c.queue) > 0 {
			c.holder, c.queue = c.queue[0], c.queue[1:]
			w.n.Send(c.holder, "GRANT")
		}
	}
}

// ricartAgrawala keeps its request's timestamp, the OKs so far, and the
// requests it deferred.
type ricartAgrawala struct {
	ts       int64
	oks      int
	deferred []int
}

func (ra *ricartAgrawala) start(*worker)             {}
func (ra *ricartAgrawala) giveUp(*worker, int, Sent) {}

func (ra *ricartAgrawala) request(w *worker) {
	ra.ts, ra.oks = w.n.Clock()+1, 0
	if w.n.N() == 1 {
		w.enter()
		return
	}
	w.n.Broadcast("REQUEST", int(ra.ts))
}

func (ra *ricartAgrawala) release(w *worker) {
	for _, j := range ra.deferred {
		w.n.Send(j, "OK")
	}
	ra.deferred = nil
}

func (ra *ricartAgrawala) receive(w *worker, m Message) {
	switch m.Kind {
	case "REQUEST":
		theirs := int64(m.Args[0])
		mineFirst := ra.ts < theirs || ra.ts == theirs && w.n.ID < m.From
		if w.inside || w.wanting && mineFirst {
			ra.deferred = append(ra.deferred, m.From)
			return
		}
		w.n.Send(m.From, "OK")
	case "OK":
		ra.oks++
		if w.wanting && ra.oks == w.n.N()-1 {
			w.enter()
		}
	}
}

// tokenRing passes the token, which counts the entries made so far.
type tokenRing struct {
	holding bool
	done    int // entries made, as the token says
}

func (t *tokenRing) start(w *worker) {
	if w.n.ID == w.n.Ring()[0] && !w.n.Recovering() {
		t.holding = true
		t.pass(w, w.n.ID)
	}
}

func (t *tokenRing) request(w *worker) {
	if t.holding {
		w.enter()
	}
}

func (t *tokenRing) release(w *worker) {
	t.done++
	t.pass(w, w.n.ID)
}

func (t *tokenRing) receive(w *worker, m Message) {
	t.holding, t.done = true, m.Args[0]
	if w.wanting {
		w.enter()
		return
	}
	t.pass(w, w.n.ID)
}

// pass sends the token to the first node after from on the ring other
// than this one, unless every entry has been made.
func (t *tokenRing) pass(w *worker, from int) {
	if t.done >= w.n.N()*w.n.Entries() {
		return // all done: the token rests
	}
	ring := w.n.Ring()
	next := ring[(slices.Index(ring, from)+1)%len(ring)]
	if next == w.n.ID {
		if w.wanting {
			w.enter()
		}
		return // alone: keep it
	}
	t.holding = false
	w.n.Send(next, "TOKEN", t.done)
}

func (t *tokenRing) giveUp(w *worker, to int, m Sent) {
	t.holding = true
	t.pass(w, to)
}

// exclusionChecker: never two nodes in the critical section.
type exclusionChecker struct {
	inside map[int]Event
}

func (c *exclusionChecker) Observe(_ *Result, e Event) error {
	if c.inside == nil {
		c.inside = map[int]Event{}
	}
	switch e.Kind {
	case Enter:
		for _, other := range c.inside {
			return Violate(fmt.Sprintf("nodes %d and %d are in the critical section at once", other.Node, e.Node), other, e)
		}
		c.inside[e.Node] = e
	case Exit, Crash:
		delete(c.inside, e.Node)
	}
	return nil
}

func (c *exclusionChecker) Finish(*Result) error { return nil }

// mutexOutcome reports the entries made of those wanted, and the
// messages per entry.
func mutexOutcome(competitors func(Scenario) int) func(r *Result) string {
	return func(r *Result) string {
		entries := r.Count(Enter)
		wanted := competitors(r.Scenario) * r.Scenario.Entries
		return fmt.Sprintf("%d entries made (%d wanted), %s messages per entry", entries, wanted, perEntry(r.Messages(), entries))
	}
}

func perEntry(messages, entries int) string {
	if entries == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(messages)/float64(entries))
}
