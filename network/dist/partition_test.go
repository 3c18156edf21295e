package dist

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// Split 3/2: plain bully elects a leader on each side; under the majority
// rule only the side of three has one, and after healing, all follow 5.
func TestMajorityRuleKeepsOneLeaderAcrossAPartition(t *testing.T) {
	starters := []Start{{Node: 1, At: 1}, {Node: 4, At: 1}}
	split := []Partition{{Groups: [][]int{{1, 2, 3}, {4, 5}}}}
	sc := Scenario{Nodes: 5, Initiators: starters, Partitions: split, Faults: machine.Faults{Loss: 0.1, Jitter: 50}}
	s, err := Sweep(BullyMajority, sc, seeds(t), func(r *Result) {
		assert.Equal(t, "leader 3, known to nodes 1,2,3; no leader at nodes 4,5", r.Outcome, "seed %d", r.Scenario.Seed)
	})
	require.NoError(t, err)
	assert.Empty(t, s.Violations)

	s, err = Sweep(Bully, sc, 50, func(r *Result) {
		assert.Equal(t, "two leaders: leader 3, known to nodes 1,2,3; leader 5, known to nodes 4,5", r.Outcome)
	})
	require.NoError(t, err)
	assert.Len(t, s.Violations, 50)

	sc.Partitions[0].Until = 300000
	r := mustRun(t, BullyMajority, sc)
	require.Nil(t, r.Violation)
	assert.Equal(t, "leader 5, known to nodes 1,2,3,4,5", r.Outcome)
}

// The majority rule's checker fails plain bully's split: two leaders,
// while the partition lasts.
func TestOneLeaderCheckerCatchesTwoLeaders(t *testing.T) {
	split := []Partition{{Groups: [][]int{{1, 2, 3}, {4, 5}}}}
	sc := Scenario{Nodes: 5, Initiators: []Start{{Node: 1, At: 1}, {Node: 4, At: 1}}, Partitions: split}
	plain := *Bully
	plain.Checker = BullyMajority.Checker
	s, err := Sweep(&plain, sc, 10, nil)
	require.NoError(t, err)
	require.Len(t, s.Violations, 10)
	assert.Contains(t, s.Violations[0].Rule, "two leaders: node 1 follows 3 and node 4 follows 5")
}
