// Partitions and the majority rule.
//
// When the network splits, each side goes on alone, and without a rule
// each elects its own leader and takes its own decisions: the sides
// diverge, and nothing can merge them when the network heals. The
// primary-partition rule stops that: only a side holding a majority of
// all nodes (more than n/2) may go on. Each side can tell on its own,
// deterministically, by counting whom it can reach, and at most one side
// can have a majority.
//
// bully-majority applies it to the bully election: a winner first claims
// with COORDINATOR, and becomes leader only when more than n/2 nodes
// (itself included) have answered ACK; then it announces LEADER. On the
// minority side the claim gathers too few ACKs and nobody leads; the
// claimant tries again a few times, so that a healed network gets its
// leader. The checker allows at most one leader among the live nodes,
// and, with the network whole at the end, requires the highest live
// node. Plain bully, in the same scenario, ends with two.

package dist

import "fmt"

// MajorityRetries is how often a claim without a majority is tried again.
const MajorityRetries = 3

// BullyMajority is the bully election under the majority rule.
var BullyMajority = &Algorithm{
	Name: "bully-majority", Family: "election",
	Summary: "bully election under the majority rule: a leader needs ACKs from more than n/2 nodes, so a partition's minority side has none",
	Kinds:   []string{"ELECTION", "OK", "COORDINATOR", "ACK", "LEADER"},
	New:     func(n *Node) Process { return &bully{n: n, majority: true} },
	Checker: func() Checker { return oneLeaderChecker{} },
	Outcome: leaderOutcome,
	Prepare: defaultInitiator(func(sc *Scenario) int { return 1 }),
}

// claim asks everyone to accept this node as leader.
func (b *bully) claim() {
	b.claiming, b.acks = true, 1
	b.n.Broadcast("COORDINATOR", b.n.ID)
	b.timer(b.n.Patience(), waitAcks)
}

func (b *bully) receiveMajority(m Message) {
	switch m.Kind {
	case "ACK":
		if b.claiming {
			if b.acks++; b.acks > b.n.N()/2 {
				b.claiming, b.tries = false, 0
				b.n.Decide("leader", b.n.ID)
				b.n.Broadcast("LEADER", b.n.ID)
			}
		}
	case "LEADER":
		if m.Args[0] < b.n.ID {
			b.elect()
			return
		}
		b.n.Decide("leader", m.Args[0])
	}
}

func (b *bully) timeoutMajority(kind int) {
	switch {
	case kind == waitAcks && b.claiming:
		b.claiming = false // a minority: nobody leads here
		if b.tries++; b.tries < MajorityRetries {
			b.timer(b.n.Patience(), waitRetry)
		}
	case kind == waitRetry:
		b.elect()
	}
}

// oneLeaderChecker: at the end, at most one leader among the live nodes;
// once quiet with no partition left, the highest live node.
type oneLeaderChecker struct{}

func (oneLeaderChecker) Observe(*Result, Event) error { return nil }

func (oneLeaderChecker) Finish(r *Result) error {
	if err := atMostOneLeader(r); err != nil {
		return err
	}
	for _, p := range r.Scenario.Partitions {
		if p.Until == 0 {
			return nil
		}
	}
	return leaderChecker{}.Finish(r)
}

func atMostOneLeader(r *Result) error {
	first := 0
	for id := 1; id < len(r.Up); id++ {
		leader, ok := r.Decisions[id]["leader"]
		if !r.Up[id] || !ok {
			continue
		}
		if first == 0 {
			first = id
		} else if l := r.Decisions[first]["leader"]; l != leader {
			return Violate(fmt.Sprintf("two leaders: node %d follows %d and node %d follows %d", first, l, id, leader),
				append(lastDecision(r, first), lastDecision(r, id)...)...)
		}
	}
	return nil
}
