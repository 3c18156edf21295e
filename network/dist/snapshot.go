// Global snapshots: the Chandy-Lamport algorithm, over a bank.
//
// Every node is a bank branch holding money (Opening each at the start)
// and wiring random amounts to other branches at random times. The
// money in all branches plus the money on the wires is always the same,
// yet no branch can see it all at once: by the time one branch's balance
// is read, others have moved on. A snapshot must record a consistent cut:
// every transfer it counts as received is also counted as sent.
//
// Chandy and Lamport's algorithm needs FIFO channels between every pair
// of nodes, in both directions:
//
//   - The initiator records its own balance and sends MARKER on every
//     outgoing channel, before any other message.
//   - A node receiving its first MARKER records its balance, takes the
//     channel the marker came on as empty, and sends MARKER on every
//     outgoing channel. From then on it records every transfer arriving
//     on each other incoming channel, until the marker comes on it.
//   - When markers have come on every incoming channel, the node's part
//     is done: its recorded balance, and the money recorded in transit.
//
// With FIFO channels, a marker separates the transfers sent before the
// sender's recording (they arrive before the marker, and are counted in
// the receiver's balance or the channel) from those after (they arrive
// after it, and are in nobody's recorded state): the snapshot's balances
// plus its channels equal the total. With --no-fifo and some jitter or
// reordering, a transfer overtakes a marker or falls behind one, and the
// checker catches money created or destroyed.

package dist

import "fmt"

// The bank's workload.
const (
	Opening   = 1000 // each branch's money at the start
	Transfers = 6    // transfers each branch makes
	MaxAmount = 100  // the most one transfer moves
)

// Snapshot is Chandy and Lamport's snapshot algorithm over a bank.
var Snapshot = &Algorithm{
	Name: "snapshot", Family: "snapshot",
	Summary: "Chandy-Lamport snapshot of a bank over FIFO channels: balances plus money in transit equal the total",
	Kinds:   []string{"TRANSFER", "MARKER"},
	FIFO:    true,
	New:     func(n *Node) Process { return &branch{n: n} },
	Checker: func() Checker { return snapshotChecker{} },
	Outcome: snapshotOutcome,
	Prepare: func(sc *Scenario) error {
		if len(sc.Initiators) == 0 {
			sc.Initiators = []Start{{Node: 1, At: 1500}} // while money is moving
		}
		return nil
	},
}

const tagTransfer = 0

type branch struct {
	n       *Node
	balance int
	left    int // transfers still to make

	recorded bool
	snap     int          // the recorded balance
	open     map[int]bool // incoming channels still recording
	transit  int          // money recorded on incoming channels
}

func (b *branch) Start() {
	b.balance, b.left = Opening, Transfers
	if b.n.N() > 1 {
		b.n.After(1+int64(b.n.Random(ThinkTicks)), tagTransfer)
	}
}

func (b *branch) Timeout(int) {
	to := 1 + b.n.Random(b.n.N()-1)
	if to >= b.n.ID {
		to++
	}
	if b.balance > 0 {
		amount := 1 + b.n.Random(min(b.balance, MaxAmount))
		b.balance -= amount
		b.n.Send(to, "TRANSFER", amount)
	}
	if b.left--; b.left > 0 {
		b.n.After(1+int64(b.n.Random(ThinkTicks)), tagTransfer)
	}
}

func (b *branch) Initiate() {
	if !b.recorded {
		b.record()
	}
}

// record takes this branch's part of the snapshot and passes the marker on.
func (b *branch) record() {
	b.recorded, b.snap = true, b.balance
	b.open = map[int]bool{}
	for id := 1; id <= b.n.N(); id++ {
		if id != b.n.ID {
			b.open[id] = true
		}
	}
	b.n.Broadcast("MARKER")
	b.done()
}

func (b *branch) done() {
	if b.recorded && len(b.open) == 0 {
		b.n.Decide("balance", b.snap)
		b.n.Decide("in-transit", b.transit)
	}
}

func (b *branch) Receive(m Message) {
	switch m.Kind {
	case "TRANSFER":
		b.balance += m.Args[0]
		if b.open[m.From] {
			b.transit += m.Args[0]
		}
	case "MARKER":
		if !b.recorded {
			b.record()
		}
		if b.open[m.From] {
			delete(b.open, m.From)
			b.done()
		}
	}
}

func (b *branch) GiveUp(int, Sent) {}

// snapshotChecker: the recorded balances plus the money recorded in
// transit equal the bank's total.
type snapshotChecker struct{}

func (snapshotChecker) Observe(*Result, Event) error { return nil }

func (snapshotChecker) Finish(r *Result) error {
	held, complete := snapshotTotal(r)
	total := Opening * r.Scenario.Nodes
	if !complete || held == total {
		return nil
	}
	var parts []Event
	for _, e := range r.Events {
		if e.Kind == Decide {
			parts = append(parts, e)
		}
	}
	return Violate(fmt.Sprintf("the snapshot holds %d, but the bank always holds %d: not a consistent cut", held, total), parts...)
}

// snapshotTotal adds up the snapshot, and says whether every node
// finished its part.
func snapshotTotal(r *Result) (held int, complete bool) {
	for id := 1; id < len(r.Decisions); id++ {
		balance, ok := r.Decisions[id]["balance"]
		if !ok {
			return held, false
		}
		held += balance + r.Decisions[id]["in-transit"]
	}
	return held, true
}

func snapshotOutcome(r *Result) string {
	held, complete := snapshotTotal(r)
	if !complete {
		return "snapshot incomplete"
	}
	transit := 0
	for id := 1; id < len(r.Decisions); id++ {
		transit += r.Decisions[id]["in-transit"]
	}
	return fmt.Sprintf("snapshot: balances %d + in transit %d = %d (total %d)", held-transit, transit, held, Opening*r.Scenario.Nodes)
}
