package dist

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// Lost and duplicated messages in either phase: every node decides, the
// same way.
func TestTwoPhaseCommitIsAtomicOverALossyWire(t *testing.T) {
	sc := Scenario{Nodes: 5, Faults: machine.Faults{Loss: 0.3, Duplicate: 0.1, Jitter: 100}}
	s, err := Sweep(TwoPhaseCommit, sc, seeds(t), nil)
	require.NoError(t, err)
	assert.Empty(t, s.Violations)
	assert.Equal(t, seeds(t), s.Outcomes["committed by every node that decided"]+s.Outcomes["aborted by every node that decided"], "%v", s.Outcomes)
}

// The coordinator crashes at every moment of the protocol, over many
// seeds, with and without coming back: never a split decision.
func TestTwoPhaseCommitSurvivesACoordinatorCrashAnywhere(t *testing.T) {
	for seed := range uint32(300) {
		crash := Outage{Node: 1, At: int64(100 + seed*7%1800)}
		if seed%2 == 1 {
			crash.Until = 400000
		}
		r := mustRun(t, TwoPhaseCommit, Scenario{Nodes: 4, Seed: seed, Crashes: []Outage{crash}})
		require.Nil(t, r.Violation, "seed %d", seed)
	}
}

// Seed 2: everyone votes yes; the coordinator dies before deciding. The
// participants ask each other, all are uncertain, and all are blocked:
// none may abort, for none can know the coordinator did not commit.
func TestTwoPhaseCommitBlocksWhenTheCoordinatorDiesAfterTheVotes(t *testing.T) {
	r := mustRun(t, TwoPhaseCommit, Scenario{Nodes: 4, Seed: 2, Crashes: []Outage{{Node: 1, At: 1200}}})
	require.Nil(t, r.Violation)
	assert.Equal(t, "blocked: nodes 2,3,4 voted yes and cannot decide", r.Outcome)

	// When it comes back, its log says it never decided: it aborts.
	r = mustRun(t, TwoPhaseCommit, Scenario{Nodes: 4, Seed: 2, Crashes: []Outage{{Node: 1, At: 1200, Until: 300000}}})
	assert.Equal(t, "aborted by every node that decided", r.Outcome)
}

// The coordinator decides COMMIT, tells node 2 and dies. The others,
// uncertain, ask around and learn COMMIT from node 2; the naive ones
// abort on their own, and atomicity is gone.
func TestTwoPhaseCommitNaiveTimeoutAbortIsUnsafe(t *testing.T) {
	sc := Scenario{Nodes: 4, Seed: 2, Crashes: []Outage{{Node: 1, At: 1300}}}
	r := mustRun(t, TwoPhaseCommit, sc)
	require.Nil(t, r.Violation)
	for id := 2; id <= 4; id++ {
		assert.Equal(t, committed, r.Decisions[id]["outcome"], "node %d", id)
	}
	r = mustRun(t, NaiveTwoPhaseCommit, sc)
	require.NotNil(t, r.Violation)
	assert.Contains(t, r.Violation.Rule, "node 1 committed, but node 3 aborted: not atomic")
}

// A participant that is down when PREPARE comes never votes: the
// coordinator aborts at its timeout. One that crashes after voting yes
// does not stop a commit; when it comes back, its log says it voted yes
// and it asks around, learning COMMIT.
func TestTwoPhaseCommitParticipantCrash(t *testing.T) {
	r := mustRun(t, TwoPhaseCommit, Scenario{Nodes: 4, Seed: 2, Crashes: []Outage{{Node: 3}}})
	require.Nil(t, r.Violation)
	assert.Equal(t, "aborted by every node that decided", r.Outcome)

	r = mustRun(t, TwoPhaseCommit, Scenario{Nodes: 4, Seed: 2, Crashes: []Outage{{Node: 3, At: 700, Until: 100000}}})
	require.Nil(t, r.Violation)
	for id := 1; id <= 4; id++ {
		assert.Equal(t, committed, r.Decisions[id]["outcome"], "node %d", id)
	}
}

// The checker catches a commit after a no vote, and two nodes deciding
// differently, whichever decides first.
func TestAtomicityCheckerCatchesBrokenCommits(t *testing.T) {
	decide := func(node int, what string, value int) Event {
		return Event{Node: node, Kind: Decide, What: what, Value: value}
	}
	c := &atomicityChecker{}
	require.NoError(t, c.Observe(nil, decide(3, "vote", 0)))
	err := c.Observe(nil, decide(1, "outcome", committed))
	assert.ErrorContains(t, err, "node 1 committed, but node 3 voted no")

	c = &atomicityChecker{}
	require.NoError(t, c.Observe(nil, decide(2, "outcome", aborted)))
	require.NoError(t, c.Observe(nil, decide(3, "outcome", aborted)))
	err = c.Observe(nil, decide(4, "outcome", committed))
	assert.ErrorContains(t, err, "node 2 aborted, but node 4 committed: not atomic")
}
