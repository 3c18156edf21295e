// Decentralized mutual exclusion by voting.
//
// The resource is replicated on every node, and each replica has its own
// coordinator. To enter, a node asks all n coordinators (itself included)
// and needs m > n/2 votes: two nodes cannot both hold a majority, as long
// as every coordinator remembers whom it voted for. A coordinator answers
// at once: VOTE yes if it has not voted for anyone, VOTE no otherwise. A
// node that learns it cannot reach m (more than n-m said no) gives back
// the votes it got (RELEASE), waits a random while and tries again; one
// that enters gives them back when it leaves.
//
// The catch is the slides': a coordinator that crashes and recovers has
// forgotten its vote, and may vote again for someone else. If enough of
// the m coordinators that voted for the node inside reset (2m-n of them),
// a second node can collect m votes: the checker then catches two nodes
// inside. The slides give the chance of that, for a reset probability p
// per coordinator, as p_v = sum over k from 2m-n to m of C(m,k) p^k
// (1-p)^(m-k).

package dist

import (
	"fmt"
	"math"
)

// Voting is decentralized mutual exclusion by majority vote.
var Voting = &Algorithm{
	Name: "voting", Family: "mutex",
	Summary: "decentralized mutual exclusion: m > n/2 VOTEs from the replicas' coordinators; unsafe when coordinators reset",
	Kinds:   []string{"REQUEST", "VOTE", "RELEASE"},
	New:     func(n *Node) Process { return newWorker(n, &voting{}) },
	Checker: newExclusionChecker,
	Outcome: votingOutcome,
	Prepare: func(sc *Scenario) error {
		if sc.Votes != 0 && (2*sc.Votes <= sc.Nodes || sc.Votes > sc.Nodes) {
			return fmt.Errorf("--votes %d: m must be a majority of the %d coordinators, more than n/2 and at most n", sc.Votes, sc.Nodes)
		}
		if sc.Votes == 0 {
			sc.Votes = sc.Nodes/2 + 1
		}
		if sc.Reset < 0 || sc.Reset > 1 {
			return fmt.Errorf("--reset %g is not a probability: give a number from 0 to 1", sc.Reset)
		}
		return nil
	},
}

// PViolation is the slides' chance that an access is exposed: that at
// least 2m-n of the m coordinators that voted for it reset while it
// holds their votes, each with probability p.
func PViolation(n, m int, p float64) float64 {
	sum := 0.0
	for k := max(2*m-n, 0); k <= m; k++ {
		sum += binomial(m, k) * math.Pow(p, float64(k)) * math.Pow(1-p, float64(m-k))
	}
	return sum
}

func binomial(n, k int) float64 {
	c := 1.0
	for i := range k {
		c = c * float64(n-i) / float64(i+1)
	}
	return c
}

// votingOutcome adds, when coordinators reset, the measured share of
// exposed accesses and the slides' formula.
func votingOutcome(r *Result) string {
	s := mutexOutcome(everyNode)(r)
	sc := r.Scenario
	if sc.Reset == 0 || r.Accesses == 0 {
		return s
	}
	m := sc.Votes
	return s + fmt.Sprintf("; accesses with 2m-n = %d of their m = %d voters reset: %d of %d (p_v = %.3f by the formula)",
		2*m-sc.Nodes, m, r.Exposed, r.Accesses, PViolation(sc.Nodes, m, sc.Reset))
}

// tagRetry is the voting algorithm's back-off timer.
const tagRetry = 2

type voting struct {
	// As a coordinator: the node and round it voted for (0: free).
	votedFor, votedRound int

	// As a requester.
	round    int
	yes, no  int
	reset    int   // voters this round that have forgotten their vote
	granted  []int // coordinators that voted yes this round
	entering bool
	failures int // rounds lost in a row: the back-off doubles with each
}

// majority is m, the votes needed: --votes, or n/2+1.
func (v *voting) majority(w *worker) int { return w.n.r.sc.Votes }

// resets says whether this coordinator resets (crashes and recovers,
// forgetting) while the vote it just gave is in use: with probability
// --reset, the slides' p = dt/T.
func (v *voting) resets(w *worker) bool {
	p := w.n.r.sc.Reset
	if p == 0 || w.n.Random(1_000_000) >= int(p*1_000_000) {
		return false
	}
	v.votedFor = 0
	w.n.Decide("reset", 1)
	return true
}

func (v *voting) start(*worker) {}

func (v *voting) request(w *worker) {
	v.round++
	v.yes, v.no, v.reset, v.granted, v.entering = 0, 0, 0, nil, false
	for id := 1; id <= w.n.N(); id++ {
		if id == w.n.ID {
			yes := v.vote(w.n.ID, v.round)
			v.count(w, id, yes, yes && v.resets(w), v.round)
		} else {
			w.n.Send(id, "REQUEST", v.round)
		}
	}
}

// vote is the coordinator's answer to node j's request of a round. A
// vote is for one round: messages overtake each other, and the RELEASE
// of a round given up must not free the vote of the next.
func (v *voting) vote(j, round int) bool {
	if v.votedFor == 0 || v.votedFor == j {
		v.votedFor, v.votedRound = j, round
		return true
	}
	return false
}

func (v *voting) giveBack(w *worker, to, round int) {
	if to == w.n.ID {
		v.free(w.n.ID, round)
		return
	}
	w.n.Send(to, "RELEASE", round)
}

func (v *voting) free(j, round int) {
	if v.votedFor == j && v.votedRound == round {
		v.votedFor = 0
	}
}

func (v *voting) release(w *worker) {
	for _, c := range v.granted {
		v.giveBack(w, c, v.round)
	}
	v.granted = nil
}

// count takes coordinator c's vote for round (reset: c has forgotten it).
func (v *voting) count(w *worker, c int, yes, reset bool, round int) {
	if round != v.round || !w.wanting || v.entering {
		if yes && !reset {
			v.giveBack(w, c, round) // a vote for a round given up or already won
		}
		return
	}
	if yes {
		v.yes++
		v.granted = append(v.granted, c)
	} else {
		v.no++
	}
	if reset {
		v.reset++
	}
	switch {
	case v.yes >= v.majority(w):
		v.entering, v.failures = true, 0
		m, res := v.majority(w), w.n.r.res
		res.Accesses++
		if v.reset >= 2*m-w.n.N() {
			res.Exposed++
		}
		w.enter()
	case v.no > w.n.N()-v.majority(w):
		v.release(w)
		v.round++
		v.failures++
		w.n.After(1+int64(w.n.Random(ThinkTicks<<min(v.failures, 5))), tagRetry)
	}
}

func (v *voting) receive(w *worker, m Message) {
	switch m.Kind {
	case "REQUEST":
		yes, reset := 0, 0
		if v.vote(m.From, m.Args[0]) {
			yes = 1
			if v.resets(w) {
				reset = 1
			}
		}
		w.n.Send(m.From, "VOTE", m.Args[0], yes, reset)
	case "VOTE":
		v.count(w, m.From, m.Args[1] == 1, m.Args[2] == 1, m.Args[0])
	case "RELEASE":
		v.free(m.From, m.Args[0])
	}
}

// giveUp counts a coordinator that does not answer as a no.
func (v *voting) giveUp(w *worker, to int, m Sent) {
	if m.Kind == "REQUEST" {
		v.count(w, to, false, false, m.Args[0])
	}
}
