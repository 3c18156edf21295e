// Elections: the bully algorithm and the ring algorithm.
//
// Many distributed algorithms need one node to coordinate. An election
// picks it, and both classic algorithms pick the highest-numbered node
// that is alive, so that every node that takes part agrees on it.
//
// Bully (Garcia-Molina). A node that notices the coordinator is gone
// sends ELECTION to every node with a higher number. A live higher node
// answers OK, which means "I take over", and holds an election of its
// own. A node that gets no OK within its patience has no live superior:
// it wins and sends COORDINATOR to everyone. A node that got an OK but
// hears no COORDINATOR in time starts again (its superior crashed during
// the election). A node that comes back after a crash holds an election,
// and so does a node that hears a lower node claim to coordinate: the
// biggest one always bullies its way in. In the worst case, the lowest
// node starting, that is O(n^2) messages.
//
// Ring. The nodes form a logical ring, each knowing its successor. The
// starter sends ELECTION with its number to its successor; every node
// adds its own number and passes the message on, skipping a successor
// that does not answer (here: the transport gives up on it). When the
// message comes back to its starter, the list holds every live node:
// the starter turns it into COORDINATOR with the highest number, and that
// goes round once, so every node learns it, until it is back at its
// starter, who removes it. Concurrent starters each send one message
// round; all agree, because all lists name the same live nodes. 2n
// messages per starter.
//
// The checker runs once the run is quiet: every live node follows the
// same leader, and it is the highest-numbered live node.

package dist

import (
	"fmt"
	"slices"
	"strings"
)

// Bully is the bully election.
var Bully = &Algorithm{
	Name: "bully", Family: "election",
	Summary: "bully election: the highest live node wins (ELECTION, OK, COORDINATOR)",
	Kinds:   []string{"ELECTION", "OK", "COORDINATOR"},
	New:     func(n *Node) Process { return &bully{n: n} },
	Checker: func() Checker { return leaderChecker{} },
	Outcome: leaderOutcome,
	Prepare: defaultInitiator(func(sc *Scenario) int { return 1 }),
}

// Ring is the ring election.
var Ring = &Algorithm{
	Name: "ring", Family: "election",
	Summary: "ring election: ELECTION collects the live nodes round the ring, COORDINATOR announces the highest",
	Kinds:   []string{"ELECTION", "COORDINATOR"},
	New:     func(n *Node) Process { return &ring{n: n} },
	Checker: func() Checker { return leaderChecker{} },
	Outcome: leaderOutcome,
	Prepare: defaultInitiator(func(sc *Scenario) int { return sc.Ring[0] }),
}

// defaultInitiator makes a scenario with no --initiator start with the
// node first chooses.
func defaultInitiator(first func(sc *Scenario) int) func(sc *Scenario) error {
	return func(sc *Scenario) error {
		if len(sc.Initiators) == 0 {
			sc.Initiators = []Start{{Node: first(sc), At: 1}}
		}
		return nil
	}
}

// Timer tags of the bully algorithm: the kind in the low two bits, the
// round above them, so that a timer of an election already over is
// ignored.
const (
	waitOK = iota
	waitCoordinator
	waitAcks  // majority rule: ACKs of a COORDINATOR claim (partition.go)
	waitRetry // majority rule: time to try again
)

type bully struct {
	n            *Node
	electing     bool // sent ELECTION, waiting for OK
	waitingCoord bool // got OK, waiting for COORDINATOR
	round        int

	// The majority rule (partition.go).
	majority bool
	claiming bool // sent COORDINATOR, counting ACKs
	acks     int
	tries    int
}

func (b *bully) timer(ticks int64, kind int) { b.n.After(ticks, b.round<<2|kind) }

func (b *bully) Start() {
	if b.n.Recovering() {
		b.elect() // back from a crash: maybe the biggest now
	}
}

func (b *bully) Initiate() { b.elect() }

func (b *bully) elect() {
	if b.electing {
		return
	}
	b.round++
	b.electing, b.waitingCoord = true, false
	if b.n.ID == b.n.N() {
		b.win()
		return
	}
	for id := b.n.ID + 1; id <= b.n.N(); id++ {
		b.n.Send(id, "ELECTION")
	}
	b.timer(b.n.Patience(), waitOK)
}

func (b *bully) win() {
	b.electing, b.waitingCoord = false, false
	b.round++
	if b.majority {
		b.claim()
		return
	}
	b.n.Decide("leader", b.n.ID)
	b.n.Broadcast("COORDINATOR", b.n.ID)
}

func (b *bully) Receive(m Message) {
	switch m.Kind {
	case "ELECTION":
		b.n.Send(m.From, "OK")
		b.elect()
	case "OK":
		if b.electing {
			b.electing, b.waitingCoord = false, true
			b.round++
			b.timer(3*b.n.Patience(), waitCoordinator)
		}
	case "COORDINATOR":
		b.electing, b.waitingCoord = false, false
		b.round++
		if m.Args[0] < b.n.ID {
			b.elect() // a lower node claims it: bully it
			return
		}
		if b.majority {
			b.n.Send(m.From, "ACK") // LEADER will follow if a majority answers
			return
		}
		b.n.Decide("leader", m.Args[0])
	case "ACK", "LEADER":
		b.receiveMajority(m)
	}
}

func (b *bully) Timeout(tag int) {
	if tag>>2 != b.round {
		return
	}
	switch kind := tag & 3; {
	case kind == waitOK && b.electing:
		b.win() // nobody higher answered
	case kind == waitCoordinator && b.waitingCoord:
		b.waitingCoord = false
		b.elect() // the node that answered OK died before announcing
	default:
		b.timeoutMajority(kind)
	}
}

func (b *bully) GiveUp(int, Sent) {}

type ring struct{ n *Node }

func (r *ring) Start() {
	if r.n.Recovering() {
		r.Initiate()
	}
}

func (r *ring) Initiate() { r.pass(r.n.ID, "ELECTION", []int{r.n.ID}) }

// pass sends a message to the first node after from on the ring other
// than this one; with nobody else left, the message has come round.
func (r *ring) pass(from int, kind string, args []int) {
	ring := r.n.Ring()
	i := slices.Index(ring, from)
	next := ring[(i+1)%len(ring)]
	if next == r.n.ID {
		r.Receive(Message{From: r.n.ID, Kind: kind, Args: args})
		return
	}
	r.n.Send(next, kind, args...)
}

func (r *ring) Receive(m Message) {
	me := r.n.ID
	switch m.Kind {
	case "ELECTION":
		switch {
		case m.Args[0] == me: // round the ring: announce the highest
			leader := slices.Max(m.Args)
			r.n.Decide("leader", leader)
			r.pass(me, "COORDINATOR", []int{leader, me})
		case !slices.Contains(m.Args, me):
			r.pass(me, "ELECTION", append(m.Args, me))
		}
	case "COORDINATOR":
		if m.Args[1] != me { // its starter removes it
			r.n.Decide("leader", m.Args[0])
			r.pass(me, "COORDINATOR", m.Args)
		}
	}
}

func (r *ring) Timeout(int) {}

// GiveUp skips a successor that does not answer.
func (r *ring) GiveUp(to int, m Sent) { r.pass(to, m.Kind, m.Args) }

// leaderChecker: once quiet, every live node follows the highest live
// node.
type leaderChecker struct{}

func (leaderChecker) Observe(*Result, Event) error { return nil }

func (leaderChecker) Finish(r *Result) error {
	if r.CutOff {
		return nil // never stable: nothing to judge
	}
	highest := highestUp(r)
	for id := 1; id < len(r.Up); id++ {
		if !r.Up[id] {
			continue
		}
		leader, ok := r.Decisions[id]["leader"]
		if !ok || leader != highest {
			return Violate(fmt.Sprintf("once the run is quiet, node %d follows %s, but the highest live node is %d",
				id, leaderName(leader, ok), highest), lastDecision(r, id)...)
		}
	}
	return nil
}

func highestUp(r *Result) int {
	for id := len(r.Up) - 1; id > 0; id-- {
		if r.Up[id] {
			return id
		}
	}
	return 0
}

func leaderName(leader int, ok bool) string {
	if !ok {
		return "no leader"
	}
	return fmt.Sprintf("leader %d", leader)
}

// lastDecision returns the node's latest decision event, if any.
func lastDecision(r *Result, id int) []Event {
	for i := len(r.Events) - 1; i >= 0; i-- {
		if e := r.Events[i]; e.Node == id && e.Kind == Decide {
			return []Event{e}
		}
	}
	return nil
}

// leaderOutcome says which live nodes follow which leader.
func leaderOutcome(r *Result) string {
	if r.CutOff {
		return "not quiet by the tick limit"
	}
	followers := map[int][]string{}
	var leaders, none []string
	for id := 1; id < len(r.Up); id++ {
		if !r.Up[id] {
			continue
		}
		l, ok := r.Decisions[id]["leader"]
		if !ok {
			none = append(none, fmt.Sprint(id))
			continue
		}
		if followers[l] == nil {
			leaders = append(leaders, fmt.Sprint(l))
		}
		followers[l] = append(followers[l], fmt.Sprint(id))
	}
	var parts []string
	for l, f := range followers {
		parts = append(parts, fmt.Sprintf("leader %d, known to nodes %s", l, strings.Join(f, ",")))
	}
	slices.Sort(parts)
	if len(none) > 0 {
		parts = append(parts, "no leader at nodes "+strings.Join(none, ","))
	}
	if len(leaders) > 1 {
		return "two leaders: " + strings.Join(parts, "; ")
	}
	return strings.Join(parts, "; ")
}
