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
//     made, so that it stops once all are done, and a generation, so that
//     the ring's monitor can replace a lost token.
//
// The checker watches every enter: never two nodes inside at once. The
// outcome gives the wait per entry in message times; with --uncontended
// nodes take turns, and the wait is the delay before entry (delay.go).

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

// Centralized is the coordinator algorithm. The coordinator does not
// compete, so one node fewer wants in.
var Centralized = &Algorithm{
	Name: "centralized", Family: "mutex",
	Summary: "mutual exclusion by a coordinator, node 1 (REQUEST, GRANT, RELEASE): 3 messages per entry",
	Kinds:   []string{"REQUEST", "GRANT", "RELEASE"},
	New:     func(n *Node) Process { return newWorker(n, &centralized{}) },
	Checker: newExclusionChecker,
	Outcome: mutexOutcome(func(sc Scenario) int { return sc.Nodes - 1 }),
}

// The mutual exclusion algorithms in which every node wants in, over
// channels in any order.
var (
	// RicartAgrawala is the fully distributed algorithm with timestamps.
	RicartAgrawala = mutexAlgorithm("ricart-agrawala",
		"mutual exclusion by timestamped REQUEST to all and OK from all: 2(n-1) messages per entry",
		[]string{"REQUEST", "OK"}, func() protocol { return &ricartAgrawala{} })
	// RicartAgrawalaNotOK is the notes' first variation: always answer.
	RicartAgrawalaNotOK = mutexAlgorithm("ricart-agrawala-notok",
		"Ricart-Agrawala answering every REQUEST at once, NOT-OK when deferring: a silent node is dead and is not waited for",
		[]string{"REQUEST", "OK", "NOT-OK"}, func() protocol { return &ricartAgrawala{notOK: true} })
	// TokenRing is the token ring.
	TokenRing = mutexAlgorithm("token-ring",
		"mutual exclusion by a TOKEN circling the logical ring: 1 to unbounded messages per entry",
		[]string{"TOKEN", "FINISHED"}, func() protocol { return &tokenRing{} })
)

// mutexAlgorithm is a mutual exclusion algorithm: the workload over a
// fresh protocol on every node, judged by the exclusion checker, and
// every node wanting in.
func mutexAlgorithm(name, summary string, kinds []string, newProtocol func() protocol) *Algorithm {
	return &Algorithm{
		Name: name, Family: "mutex", Summary: summary, Kinds: kinds,
		New:     func(n *Node) Process { return newWorker(n, newProtocol()) },
		Checker: newExclusionChecker,
		Outcome: mutexOutcome(everyNode),
	}
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
	since   int64 // when it started wanting in
}

func newWorker(n *Node, p protocol) *worker { return &worker{n: n, p: p, left: n.Entries()} }

func (w *worker) Start() {
	w.p.start(w)
	w.think()
}

func (w *worker) think() {
	switch {
	case w.left == 0:
	case w.n.r.sc.TakeTurns:
		w.n.After(max(w.turn()-w.n.Now(), 1), tagWant)
	default:
		w.n.After(1+int64(w.n.Random(ThinkTicks)), tagWant)
	}
}

func (w *worker) enter() {
	if w.n.live() {
		w.n.r.res.Waits = append(w.n.r.res.Waits, w.n.Now()-w.since)
	}
	w.wanting, w.inside = false, true
	w.n.Enter()
	w.n.After(CSTicks, tagLeave)
}

func (w *worker) Timeout(tag int) {
	switch tag {
	case tagWant:
		if w.overlapping() {
			w.n.r.res.Overlapped++
		}
		w.wanting, w.since = true, w.n.Now()
		w.p.request(w)
	case tagRetry: // a protocol backed off: ask again
		if w.wanting {
			w.p.request(w)
		}
	case tagWatch: // the token ring's monitor
		if m, ok := w.p.(interface{ watch(*worker) }); ok {
			m.watch(w)
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
//
// The notes' first variation (notOK) answers every request at once, with
// NOT-OK when it defers (the OK follows when it leaves). A node that does
// not answer at all, which the transport finds out by giving up, is dead,
// and its OK is not waited for. It still fails when a node dies after
// saying NOT-OK, or inside the critical section: its OK never comes.
type ricartAgrawala struct {
	notOK    bool
	ts       int64
	oks      int
	deferred []int
}

func (ra *ricartAgrawala) start(*worker) {}

// giveUp: with the variation, a node that never answered a request is
// dead, and counts as an OK.
func (ra *ricartAgrawala) giveUp(w *worker, _ int, m Sent) {
	if ra.notOK && m.Kind == "REQUEST" && int64(m.Args[0]) == ra.ts {
		ra.ok(w)
	}
}

func (ra *ricartAgrawala) ok(w *worker) {
	ra.oks++
	if w.wanting && ra.oks == w.n.N()-1 {
		w.enter()
	}
}

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
			if ra.notOK {
				w.n.Send(m.From, "NOT-OK")
			}
			return
		}
		w.n.Send(m.From, "OK")
	case "OK":
		ra.ok(w)
	}
}

// tokenRing passes the token, which counts the entries made so far and
// carries its generation.
//
// A token is lost when its holder crashes. The ring's first node is the
// monitor: if the token has not passed it for a long while (WatchTicks
// times the transport's patience, enough to go round skipping dead
// nodes), it makes a new one, of the next generation. A node drops any
// token older than the newest it has seen, so a token that was only slow
// dies out at the first node the new one has visited. The node where the
// token comes to rest, every entry made, tells the monitor (FINISHED), so
// that it stops watching. A crashed monitor regenerates nothing.
type tokenRing struct {
	holding  bool
	done     int  // entries made, as the token says
	gen      int  // the newest generation seen
	seen     bool // monitor: the token passed since the last watch
	finished bool // monitor: all entries made
}

// WatchTicks is how many patiences the monitor waits for the token.
const WatchTicks = 2

// tagWatch is the monitor's timer.
const tagWatch = 3

func (t *tokenRing) monitor(w *worker) bool { return w.n.ID == w.n.Ring()[0] }

func (t *tokenRing) start(w *worker) {
	if !t.monitor(w) {
		return
	}
	w.n.After(WatchTicks*w.n.Patience(), tagWatch)
	if !w.n.Recovering() {
		t.gen, t.seen, t.holding = 1, true, true
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
	if m.Kind == "FINISHED" {
		t.finished = true
		return
	}
	if m.Args[1] < t.gen {
		return // a token of an older generation: drop it
	}
	t.gen, t.seen = m.Args[1], true
	t.holding, t.done = true, m.Args[0]
	if w.wanting {
		w.enter()
		return
	}
	t.pass(w, w.n.ID)
}

// watch is the monitor's watch: regenerate a token that has not come by.
func (t *tokenRing) watch(w *worker) {
	if t.finished {
		return
	}
	if !t.seen && !t.holding {
		t.gen++
		w.n.Decide("regenerate", t.gen)
		t.receive(w, Message{From: w.n.ID, Kind: "TOKEN", Args: []int{t.done, t.gen}})
	}
	t.seen = false
	w.n.After(WatchTicks*w.n.Patience(), tagWatch)
}

// pass sends the token to the first node after from on the ring other
// than this one, unless every entry has been made.
func (t *tokenRing) pass(w *worker, from int) {
	if t.done >= w.n.N()*w.n.Entries() {
		if monitor := w.n.Ring()[0]; monitor != w.n.ID {
			w.n.Send(monitor, "FINISHED")
		} else {
			t.finished = true
		}
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
	w.n.Send(next, "TOKEN", t.done, t.gen)
}

func (t *tokenRing) giveUp(w *worker, to int, m Sent) {
	if m.Kind == "TOKEN" {
		t.holding = true
		t.pass(w, to)
	}
}

// exclusionChecker: never two nodes in the critical section.
type exclusionChecker struct {
	inside map[int]Event // by node: at most one, unless broken
}

func newExclusionChecker() Checker { return &exclusionChecker{} }

func (c *exclusionChecker) Observe(_ *Result, e Event) error {
	if c.inside == nil {
		c.inside = map[int]Event{}
	}
	switch e.Kind {
	case Enter:
		for _, other := range c.inside { // at most one: a run stops at its first violation
			return Violate(fmt.Sprintf("nodes %d and %d are in the critical section at once", other.Node, e.Node), other, e)
		}
		c.inside[e.Node] = e
	case Exit, Crash:
		delete(c.inside, e.Node)
	}
	return nil
}

func (c *exclusionChecker) Finish(*Result) error { return nil }

// everyNode is how many nodes compete when every node wants in.
func everyNode(sc Scenario) int { return sc.Nodes }

// mutexOutcome reports the entries made of those wanted, the messages
// per entry and the wait per entry.
func mutexOutcome(competitors func(Scenario) int) func(r *Result) string {
	return func(r *Result) string {
		entries := r.Count(Enter)
		wanted := competitors(r.Scenario) * r.Scenario.Entries
		return fmt.Sprintf("%d entries made (%d wanted), %s messages per entry, %s", entries, wanted, perEntry(r.Messages(), entries), waitString(r))
	}
}

func perEntry(messages, entries int) string {
	if entries == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(messages)/float64(entries))
}
