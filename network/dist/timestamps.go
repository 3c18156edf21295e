// Election by timestamps (the exercise sheet's question).
//
// Every node asks to be leader, as it would ask for a lock: it
// multicasts LEADER-REQUEST stamped with its Lamport clock. Once a node
// has the requests of all the others (or the transport has given up on
// the ones that are down), the request with the lowest (timestamp, id)
// wins. Every node decides on the same set of requests, so all agree,
// without any ordering of the messages: causal order is not needed,
// because nobody decides before it has heard from everyone. What it does
// need is that everyone hears from the same nodes: a node that crashes
// after some have its request and before others do splits the vote, and
// the checker catches the disagreement.

package dist

import "fmt"

// TimestampElection elects the lowest (Lamport timestamp, id).
var TimestampElection = &Algorithm{
	Name: "timestamp-election", Family: "election",
	Summary: "election by timestamps: everyone multicasts LEADER-REQUEST; the lowest (Lamport time, id) wins once all are in",
	Kinds:   []string{"LEADER-REQUEST"},
	New:     func(n *Node) Process { return &timestampElection{n: n} },
	Checker: func() Checker { return agreementChecker{} },
	Outcome: leaderOutcome,
}

type timestampElection struct {
	n        *Node
	requests map[int]int  // node -> its request's timestamp
	heard    map[int]bool // other nodes heard from, or given up on
	ts       int          // this node's request, once sent
}

func (t *timestampElection) Start() {
	t.requests, t.heard = map[int]int{}, map[int]bool{}
	t.n.After(1+int64(t.n.Random(ThinkTicks)), 0)
}

func (t *timestampElection) Timeout(int) {
	t.ts = int(t.n.Clock()) + 1
	t.requests[t.n.ID] = t.ts
	t.n.Broadcast("LEADER-REQUEST", t.ts)
	t.decide()
}

func (t *timestampElection) Receive(m Message) {
	t.requests[m.From] = m.Args[0]
	t.heard[m.From] = true
	t.decide()
}

// GiveUp counts a node that never answered as heard from, without a
// request.
func (t *timestampElection) GiveUp(to int, _ Sent) {
	t.heard[to] = true
	t.decide()
}

// decide picks the lowest (timestamp, id) once this node has sent its
// request and heard from every other node (or given up on it).
func (t *timestampElection) decide() {
	if t.ts == 0 || len(t.heard) < t.n.N()-1 {
		return
	}
	if _, done := t.n.Decision("leader"); done {
		return
	}
	best := 0
	for id, ts := range t.requests {
		if best == 0 || ts < t.requests[best] || ts == t.requests[best] && id < best {
			best = id
		}
	}
	t.n.Decide("leader", best)
}

func (t *timestampElection) Initiate() {}

// agreementChecker: once quiet, all live nodes follow the same leader.
type agreementChecker struct{}

func (agreementChecker) Observe(*Result, Event) error { return nil }

func (agreementChecker) Finish(r *Result) error {
	if r.CutOff {
		return nil
	}
	for id := 1; id < len(r.Up); id++ {
		if _, ok := r.Decisions[id]["leader"]; r.Up[id] && !ok {
			return Violate(fmt.Sprintf("once the run is quiet, node %d has no leader", id), lastDecision(r, id)...)
		}
	}
	return atMostOneLeader(r)
}
