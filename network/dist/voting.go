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

// Voting is decentralized mutual exclusion by majority vote.
var Voting = &Algorithm{
	Name: "voting", Family: "mutex",
	Summary: "decentralized mutual exclusion: m > n/2 VOTEs from the replicas' coordinators; unsafe when coordinators reset",
	Kinds:   []string{"REQUEST", "VOTE", "RELEASE"},
	New:     func(n *Node) Process { return newWorker(n, &voting{}) },
	Checker: func() Checker { return &exclusionChecker{} },
	Outcome: mutexOutcome(func(sc Scenario) int { return sc.Nodes }),
}

// tagRetry is the voting algorithm's back-off timer.
const tagRetry = 2

type voting struct {
	// As a coordinator: the node and round it voted for (0: free).
	votedFor, votedRound int

	// As a requester.
	round    int
	yes, no  int
	granted  []int // coordinators that voted yes this round
	entering bool
	failures int // rounds lost in a row: the back-off doubles with each
}

func (v *voting) majority(w *worker) int { return w.n.N()/2 + 1 }

func (v *voting) start(*worker) {}

func (v *voting) request(w *worker) {
	v.round++
	v.yes, v.no, v.granted, v.entering = 0, 0, nil, false
	for id := 1; id <= w.n.N(); id++ {
		if id == w.n.ID {
			v.count(w, id, v.vote(w.n.ID, v.round), v.round)
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

// count takes coordinator c's vote for round.
func (v *voting) count(w *worker, c int, yes bool, round int) {
	if round != v.round || !w.wanting || v.entering {
		if yes {
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
	switch {
	case v.yes >= v.majority(w):
		v.entering, v.failures = true, 0
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
		yes := 0
		if v.vote(m.From, m.Args[0]) {
			yes = 1
		}
		w.n.Send(m.From, "VOTE", m.Args[0], yes)
	case "VOTE":
		v.count(w, m.From, m.Args[1] == 1, m.Args[0])
	case "RELEASE":
		v.free(m.From, m.Args[0])
	}
}

// giveUp counts a coordinator that does not answer as a no.
func (v *voting) giveUp(w *worker, to int, m Sent) {
	if m.Kind == "REQUEST" {
		v.count(w, to, false, m.Args[0])
	}
}
