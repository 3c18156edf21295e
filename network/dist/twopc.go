// Two-phase commit: all nodes commit a transaction, or none does.
//
// Node 1 coordinates; the others take part. Phase one: the coordinator
// writes "started" to its log and sends PREPARE; each participant votes,
// writes its vote to its log, and answers VOTE yes or no (a no aborts it
// at once). Phase two: with yes from everyone the coordinator decides
// COMMIT, with a no or with a vote missing at its timeout ABORT; it logs
// the decision, then sends it to all. Logs are stable storage: they
// survive crashes, and a recovered node goes on from them (a coordinator
// that finds "started" but no decision aborts; one that finds a decision
// sends it again).
//
// A participant that voted yes is uncertain: it promised to commit if
// told to, so it may neither commit nor abort on its own. If no decision
// comes in time it asks the others (DECISION-REQUEST, the cooperative
// termination protocol): one that knows the decision passes it on, and
// one that has not voted yet aborts and says ABORT. If every one it can
// reach is uncertain too, it is blocked until the coordinator comes
// back. That is two-phase commit's weakness, and why "a participant that
// times out can safely abort" is wrong: the coordinator may have decided
// COMMIT and told someone before crashing. The 2pc-naive variant does
// just that, aborting on a timeout, and the checker catches a node
// committing while another aborts.
//
// Lost messages are resent by the transport; a coordinator that hears
// nothing aborts at its timeout.

package dist

import (
	"fmt"
	"slices"
	"strings"
)

// Outcomes of a transaction, as decided.
const (
	aborted   = 0
	committed = 1
)

// NoChance is one participant's chance in ten of voting no.
const NoChance = 1

// TwoPhaseCommit is two-phase commit with timeouts and cooperative
// termination.
var TwoPhaseCommit = twoPCAlgorithm("2pc",
	"two-phase commit (PREPARE, VOTE, COMMIT/ABORT) with logs, timeouts and cooperative termination; blocks if the coordinator dies", false)

// NaiveTwoPhaseCommit aborts a participant that waits too long, as
// naive answers suggest: unsafe.
var NaiveTwoPhaseCommit = twoPCAlgorithm("2pc-naive",
	"two-phase commit whose participants abort when the decision is late: breaks atomicity", true)

// twoPCAlgorithm is two-phase commit, coordinated by node 1, which
// starts it at tick 1 unless --initiator says when; naive participants
// abort on a timeout.
func twoPCAlgorithm(name, summary string, naive bool) *Algorithm {
	return &Algorithm{
		Name: name, Family: "commit", Summary: summary,
		Kinds:   twoPCKinds,
		New:     func(n *Node) Process { return newTwoPC(n, naive) },
		Checker: func() Checker { return &atomicityChecker{} },
		Outcome: twoPCOutcome,
		Prepare: defaultInitiator(func(*Scenario) int { return twoPCCoordinator }),
	}
}

var twoPCKinds = []string{"PREPARE", "VOTE", "COMMIT", "ABORT", "DECISION-REQUEST"}

var decisionKind = [...]string{aborted: "ABORT", committed: "COMMIT"}

const twoPCCoordinator = 1

type twoPC struct {
	n       *Node
	naive   bool
	yes     int  // coordinator: yes votes so far
	voted   bool // participant: has voted
	asked   bool // participant: has asked the others
	decided bool
}

func newTwoPC(n *Node, naive bool) *twoPC { return &twoPC{n: n, naive: naive} }

func (t *twoPC) coordinator() bool { return t.n.ID == twoPCCoordinator }

func (t *twoPC) Start() {
	if !t.n.Recovering() {
		return
	}
	if d, ok := t.n.Logged("decision"); ok {
		t.decide(d) // tell everyone again
		return
	}
	switch {
	case t.coordinator():
		if _, ok := t.n.Logged("started"); ok {
			t.decide(aborted) // it never decided, so nobody can have committed
		}
	default:
		if v, ok := t.n.Logged("vote"); ok && v == 1 {
			t.voted = true
			t.Timeout(0) // uncertain: ask around
		}
	}
}

func (t *twoPC) Initiate() {
	if !t.coordinator() {
		return
	}
	t.n.Log("started", 1)
	t.n.Broadcast("PREPARE")
	t.n.After(t.n.Patience(), 0)
}

// decide logs and records the outcome, then tells everyone (the
// coordinator) or nobody (a participant).
func (t *twoPC) decide(d int) {
	first := !t.decided
	t.decided = true
	t.n.Log("decision", d)
	if first {
		t.n.Decide("outcome", d)
	}
	if t.coordinator() {
		t.n.Broadcast(decisionKind[d])
	}
}

func (t *twoPC) Receive(m Message) {
	switch m.Kind {
	case "PREPARE":
		if t.voted || t.decided {
			return
		}
		t.voted = true
		vote := 1
		if t.n.Random(10) < NoChance {
			vote = 0
		}
		t.n.Log("vote", vote)
		t.n.Decide("vote", vote)
		if vote == 0 {
			t.decide(aborted)
		}
		t.n.Send(m.From, "VOTE", vote)
		if vote == 1 {
			t.n.After(t.n.Patience(), 0)
		}
	case "VOTE":
		if t.decided {
			return
		}
		if m.Args[0] == 0 {
			t.decide(aborted)
		} else if t.yes++; t.yes == t.n.N()-1 {
			t.decide(committed)
		}
	case "COMMIT", "ABORT":
		if !t.decided {
			t.decide(slices.Index(decisionKind[:], m.Kind))
		}
	case "DECISION-REQUEST":
		if !t.decided && !t.voted && !t.coordinator() {
			t.decide(aborted) // not voted yet: free to abort
		}
		if t.decided {
			d, _ := t.n.Logged("decision")
			t.n.Send(m.From, decisionKind[d])
		}
	}
}

// Timeout: the coordinator aborts if votes are missing; an uncertain
// participant asks the others once, and then waits, blocked (the naive
// one aborts).
func (t *twoPC) Timeout(int) {
	switch {
	case t.decided:
	case t.coordinator():
		t.decide(aborted)
	case t.naive:
		t.decide(aborted)
	case !t.asked:
		t.asked = true
		t.n.Broadcast("DECISION-REQUEST")
		t.n.After(t.n.Patience(), 0)
	default:
		t.n.Decide("blocked", 1)
	}
}

func (t *twoPC) GiveUp(int, Sent) {}

// atomicityChecker: nobody commits while someone aborts, nobody commits
// unless all voted yes, and nobody changes its mind.
type atomicityChecker struct {
	first  *Event // the first outcome: every later one must be the same
	noVote *Event
}

func (c *atomicityChecker) Observe(_ *Result, e Event) error {
	if e.Kind != Decide {
		return nil
	}
	switch e.What {
	case "vote":
		if e.Value == 0 {
			c.noVote = &e
		}
	case "outcome":
		if e.Value == committed && c.noVote != nil {
			return Violate(fmt.Sprintf("node %d committed, but node %d voted no", e.Node, c.noVote.Node), *c.noVote, e)
		}
		if o := c.first; o != nil && o.Value != e.Value {
			return Violate(fmt.Sprintf("node %d %s, but node %d %s: not atomic", o.Node, outcomeName(o.Value), e.Node, outcomeName(e.Value)), *o, e)
		}
		if c.first == nil {
			c.first = &e
		}
	}
	return nil
}

func (c *atomicityChecker) Finish(*Result) error { return nil }

func outcomeName(d int) string {
	if d == committed {
		return "committed"
	}
	return "aborted"
}

func twoPCOutcome(r *Result) string {
	var blocked []string
	result := -1
	for id := 1; id < len(r.Decisions); id++ {
		if d, ok := r.Decisions[id]["outcome"]; ok {
			result = d
		} else if r.Up[id] && r.Decisions[id]["vote"] == 1 && id != twoPCCoordinator {
			blocked = append(blocked, fmt.Sprint(id))
		}
	}
	switch {
	case len(blocked) > 0:
		return fmt.Sprintf("blocked: nodes %s voted yes and cannot decide", strings.Join(blocked, ","))
	case result < 0:
		return "no decision"
	}
	return outcomeName(result) + " by every node that decided"
}
