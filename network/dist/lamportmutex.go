// Lamport's mutual exclusion: a queue every node agrees on.
//
// Every node keeps a queue of requests ordered by (Lamport timestamp,
// id), the same total order everywhere. To enter, a node stamps a
// REQUEST, puts it in its own queue and sends it to all; every receiver
// queues it and answers ACK. A node enters when its request heads its
// queue and it has heard from every other node something stamped later
// than its request: over FIFO channels nothing earlier can still come.
// On leaving it removes its request and sends RELEASE to all, and every
// receiver removes it too. 3(n-1) messages per entry: one more round than
// Ricart-Agrawala, which folds the ACK and the RELEASE into a deferred OK.

package dist

import (
	"cmp"
	"slices"
)

// LamportMutex is Lamport's algorithm.
var LamportMutex = &Algorithm{
	Name: "lamport-mutex", Family: "mutex",
	Summary: "Lamport's mutual exclusion: REQUEST queued everywhere in timestamp order, ACK, RELEASE over FIFO channels: 3(n-1) messages per entry",
	Kinds:   []string{"REQUEST", "ACK", "RELEASE"},
	FIFO:    true,
	New:     func(n *Node) Process { return newWorker(n, &lamportMutex{latest: map[int]int64{}}) },
	Checker: newExclusionChecker,
	Outcome: mutexOutcome(everyNode),
}

// request is a queued request: its timestamp and node.
type request struct {
	ts   int64
	node int
}

// queueRequest inserts r into a queue kept in (timestamp, node) order:
// Lamport's total order, ties broken by node.
func queueRequest(queue []request, r request) []request {
	i, _ := slices.BinarySearchFunc(queue, r, func(a, b request) int {
		return cmp.Or(cmp.Compare(a.ts, b.ts), cmp.Compare(a.node, b.node))
	})
	return slices.Insert(queue, i, r)
}

type lamportMutex struct {
	queue  []request     // in (timestamp, node) order
	latest map[int]int64 // the latest timestamp heard from each node
	mine   request
}

func (l *lamportMutex) start(*worker)             {}
func (l *lamportMutex) giveUp(*worker, int, Sent) {}

func (l *lamportMutex) remove(node int) {
	l.queue = slices.DeleteFunc(l.queue, func(r request) bool { return r.node == node })
}

func (l *lamportMutex) request(w *worker) {
	l.mine = request{ts: w.n.Clock() + 1, node: w.n.ID}
	l.queue = queueRequest(l.queue, l.mine)
	w.n.Broadcast("REQUEST", int(l.mine.ts))
	l.tryEnter(w)
}

func (l *lamportMutex) release(w *worker) {
	l.remove(w.n.ID)
	w.n.Broadcast("RELEASE")
}

func (l *lamportMutex) receive(w *worker, m Message) {
	l.latest[m.From] = max(l.latest[m.From], m.Lamport)
	switch m.Kind {
	case "REQUEST":
		l.queue = queueRequest(l.queue, request{ts: int64(m.Args[0]), node: m.From})
		w.n.Send(m.From, "ACK")
	case "RELEASE":
		l.remove(m.From)
	}
	l.tryEnter(w)
}

// tryEnter enters when this node's request heads the queue and every
// other node has sent something later.
func (l *lamportMutex) tryEnter(w *worker) {
	if !w.wanting || len(l.queue) == 0 || l.queue[0] != l.mine {
		return
	}
	for k := 1; k <= w.n.N(); k++ {
		if k != w.n.ID && l.latest[k] <= l.mine.ts {
			return
		}
	}
	w.enter()
}
