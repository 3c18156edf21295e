package dist

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

func mustRun(t *testing.T, alg *Algorithm, sc Scenario) *Result {
	t.Helper()
	r, err := Run(alg, sc)
	require.NoError(t, err)
	return r
}

// leaders returns the leader each live node follows at the end.
func leaders(r *Result) map[int]int {
	m := map[int]int{}
	for id := 1; id < len(r.Up); id++ {
		if l, ok := r.Decisions[id]["leader"]; ok && r.Up[id] {
			m[id] = l
		}
	}
	return m
}

var allFive = map[int]int{1: 5, 2: 5, 3: 5, 4: 5, 5: 5}

// The worked example: six nodes, node 6 has crashed, node 3 notices
// (nachos dist bully --nodes 6 --crash 6@0 --initiator 3). 3 asks 4, 5
// and 6; 4 and 5 answer OK and hold elections of their own; 5 hears
// nothing from 6 and tells everyone.
func TestBullyNodeFiveWinsWhenSixIsDown(t *testing.T) {
	r := mustRun(t, Bully, Scenario{Nodes: 6, Crashes: []Outage{{Node: 6}}, Initiators: []Start{{Node: 3, At: 1}}})
	require.Nil(t, r.Violation)
	assert.Equal(t, "leader 5, known to nodes 1,2,3,4,5", r.Outcome)
	assert.Equal(t, allFive, leaders(r))
	assert.Equal(t, map[string]int{"ELECTION": 6, "OK": 3, "COORDINATOR": 5}, r.Counts)
}

// The ring on the logical order 3,1,2,5,4,6 with 6 dead: the message
// skips 6, comes back to 3 with every live node, 5 wins, and
// COORDINATOR takes the news to every node before 3 removes it.
func TestRingNodeFiveWinsAndEveryNodeLearnsIt(t *testing.T) {
	r := mustRun(t, Ring, Scenario{Nodes: 6, Ring: []int{3, 1, 2, 5, 4, 6}, Crashes: []Outage{{Node: 6}}})
	require.Nil(t, r.Violation)
	assert.Equal(t, allFive, leaders(r))
	assert.Equal(t, map[string]int{"ELECTION": 6, "COORDINATOR": 6}, r.Counts, "5 hops each, and the hop to dead 6 given up on")
	var order []int
	for _, e := range r.Events {
		if e.Kind == Receive && e.Msg == "ELECTION" {
			order = append(order, e.Node)
		}
	}
	assert.Equal(t, []int{1, 2, 5, 4, 3}, order, "round the ring, skipping 6")
}

func TestBullyConcurrentInitiatorsAgree(t *testing.T) {
	r := mustRun(t, Bully, Scenario{Nodes: 6, Crashes: []Outage{{Node: 6}},
		Initiators: []Start{{Node: 1, At: 1}, {Node: 2, At: 1}, {Node: 3, At: 1}}})
	require.Nil(t, r.Violation)
	assert.Equal(t, allFive, leaders(r))
}

func TestRingConcurrentInitiatorsAgree(t *testing.T) {
	r := mustRun(t, Ring, Scenario{Nodes: 6, Crashes: []Outage{{Node: 6}},
		Initiators: []Start{{Node: 1, At: 1}, {Node: 4, At: 1}}})
	require.Nil(t, r.Violation)
	assert.Equal(t, allFive, leaders(r))
	assert.Equal(t, 2*5+2*5, r.Messages()-r.Count(GiveUp), "each starter's message goes round twice")
}

// The old coordinator crashes after everyone follows it; a node notices
// later and a new leader is chosen.
func TestBullyCoordinatorCrashesThenNewElection(t *testing.T) {
	r := mustRun(t, Bully, Scenario{Nodes: 5, Crashes: []Outage{{Node: 5, At: 30000}},
		Initiators: []Start{{Node: 1, At: 1}, {Node: 2, At: 40000}}})
	require.Nil(t, r.Violation)
	assert.Equal(t, map[int]int{1: 4, 2: 4, 3: 4, 4: 4}, leaders(r))
}

// Node 5 answers OK and crashes before it can announce itself: the
// others wait for COORDINATOR in vain, elect again, and 4 wins.
func TestBullyCrashDuringElection(t *testing.T) {
	r := mustRun(t, Bully, Scenario{Nodes: 6, Crashes: []Outage{{Node: 6}, {Node: 5, At: 2000}},
		Initiators: []Start{{Node: 3, At: 1}}})
	require.Nil(t, r.Violation)
	assert.Equal(t, map[int]int{1: 4, 2: 4, 3: 4, 4: 4}, leaders(r))
}

// A node that comes back holds an election, as the bully algorithm
// says, and takes over because it is the biggest.
func TestBullyNodeComingBackTakesOver(t *testing.T) {
	r := mustRun(t, Bully, Scenario{Nodes: 6, Crashes: []Outage{{Node: 6, At: 0, Until: 60000}},
		Initiators: []Start{{Node: 3, At: 1}}})
	require.Nil(t, r.Violation)
	assert.Equal(t, map[int]int{1: 6, 2: 6, 3: 6, 4: 6, 5: 6, 6: 6}, leaders(r))
}

func TestRingNodeComingBackStartsElection(t *testing.T) {
	r := mustRun(t, Ring, Scenario{Nodes: 6, Crashes: []Outage{{Node: 6, At: 0, Until: 60000}}})
	require.Nil(t, r.Violation)
	assert.Equal(t, map[int]int{1: 6, 2: 6, 3: 6, 4: 6, 5: 6, 6: 6}, leaders(r))
}

// Without a majority rule, a partition elects a leader on each side:
// the checker reports it.
func TestBullyPartitionElectsTwoLeaders(t *testing.T) {
	r := mustRun(t, Bully, Scenario{Nodes: 5, Initiators: []Start{{Node: 1, At: 1}, {Node: 4, At: 1}},
		Partitions: []Partition{{Groups: [][]int{{1, 2, 3}, {4, 5}}}}})
	require.NotNil(t, r.Violation)
	assert.Contains(t, r.Violation.Rule, "the highest live node is 5")
	assert.Equal(t, map[int]int{1: 3, 2: 3, 3: 3, 4: 5, 5: 5}, leaders(r))
}

// Many seeds, with loss, duplication, jitter, a few worse links,
// concurrent starters and a crash with recovery: once quiet, the live
// nodes always agree on the highest of them.
func TestElectionsAgreeOverManySeeds(t *testing.T) {
	for _, alg := range []*Algorithm{Bully, Ring} {
		sc := Scenario{Nodes: 5, Faults: machine.Faults{Loss: 0.2, Duplicate: 0.1, Jitter: 80}, Links: badLinks,
			Crashes:    []Outage{{Node: 5, At: 0}, {Node: 2, At: 500, Until: 30000}},
			Initiators: []Start{{Node: 1, At: 1}, {Node: 3, At: 200}}}
		s, err := Sweep(alg, sc, seeds(t), nil)
		require.NoError(t, err)
		assert.Empty(t, s.Violations, alg.Name)
		assert.Equal(t, seeds(t), s.Outcomes["leader 4, known to nodes 1,2,3,4"], "%s: %v", alg.Name, s.Outcomes)
	}
}

func TestRunsRepeatExactly(t *testing.T) {
	sc := Scenario{Nodes: 5, Seed: 9, Faults: machine.Faults{Loss: 0.3, Duplicate: 0.2, Jitter: 50},
		Crashes: []Outage{{Node: 5, At: 100, Until: 20000}}}
	var a, b bytes.Buffer
	WriteReport(&a, mustRun(t, Bully, sc))
	WriteReport(&b, mustRun(t, Bully, sc))
	assert.Equal(t, a.String(), b.String())
}

func TestScenarioSpellings(t *testing.T) {
	c, err := ParseCrash("5@300-9000")
	require.NoError(t, err)
	assert.Equal(t, Outage{Node: 5, At: 300, Until: 9000}, c)
	p, err := ParsePartition("1,2,3/4,5@1000-20000")
	require.NoError(t, err)
	assert.Equal(t, Partition{Groups: [][]int{{1, 2, 3}, {4, 5}}, At: 1000, Until: 20000}, p)
	s, err := ParseStart("2@5000")
	require.NoError(t, err)
	assert.Equal(t, Start{Node: 2, At: 5000}, s)
	for _, bad := range []string{"5", "x@1", "5@9-3"} {
		_, err := ParseCrash(bad)
		assert.Error(t, err, bad)
	}
	_, err = Run(Bully, Scenario{Nodes: 3, Crashes: []Outage{{Node: 7}}})
	assert.ErrorContains(t, err, "there is no node 7")
	_, err = Run(Ring, Scenario{Nodes: 3, Ring: []int{1, 1, 2}})
	assert.ErrorContains(t, err, "name every node")
}

// Every algorithm's report repeats byte for byte, faults included, link
// faults too.
func TestEveryAlgorithmRepeatsExactly(t *testing.T) {
	for _, alg := range Algorithms {
		for seed := range uint32(3) {
			sc := Scenario{Nodes: 4, Seed: seed, Faults: machine.Faults{Loss: 0.2, Duplicate: 0.1, Jitter: 100, Reorder: 0.1}, Links: badLinks,
				Crashes: []Outage{{Node: 2, At: 1300, Until: 90000}}}
			var a, b bytes.Buffer
			WriteReport(&a, mustRun(t, alg, sc))
			WriteReport(&b, mustRun(t, alg, sc))
			require.Equal(t, a.String(), b.String(), "%s seed %d", alg.Name, seed)
		}
	}
}
