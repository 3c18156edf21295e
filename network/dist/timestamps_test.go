package dist

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// Everyone agrees, and the winner is the lowest (timestamp, id) request,
// over a lossy wire and with a node dead from the start.
func TestTimestampElectionAgreesOnTheLowestRequest(t *testing.T) {
	for _, sc := range []Scenario{
		{Nodes: 5, Faults: machine.Faults{Loss: 0.2, Duplicate: 0.1, Jitter: 100}},
		{Nodes: 5, Crashes: []Outage{{Node: 3}}},
	} {
		s, err := Sweep(TimestampElection, sc, seeds(t), func(r *Result) {
			best, bestTS := 0, 0
			for _, e := range r.Events {
				if e.Kind == Send && (best == 0 || e.Args[0] < bestTS || e.Args[0] == bestTS && e.Node < best) {
					best, bestTS = e.Node, e.Args[0]
				}
			}
			for id := 1; id <= 5; id++ {
				if r.Up[id] {
					assert.Equal(t, best, r.Decisions[id]["leader"], "seed %d node %d", r.Scenario.Seed, id)
				}
			}
		})
		require.NoError(t, err)
		assert.Empty(t, s.Violations)
	}
}

// A node that crashes after some have its request, or after taking
// theirs, leaves others waiting for it, or splits the vote: the checker
// reports the nodes left without a leader, and those that disagree.
func TestTimestampElectionCrashMidwayIsCaught(t *testing.T) {
	s, err := Sweep(TimestampElection, Scenario{Nodes: 5, Crashes: []Outage{{Node: 3, At: 1500}}}, 100, nil)
	require.NoError(t, err)
	rules := map[string]int{}
	for _, v := range s.Violations {
		switch {
		case strings.Contains(v.Rule, "has no leader"):
			rules["no leader"]++
		case strings.Contains(v.Rule, "two leaders"):
			rules["disagree"]++
		default:
			t.Errorf("seed %d: not the agreement checker's: %s", v.Seed, v.Rule)
		}
	}
	assert.Positive(t, rules["no leader"], "%v", rules)
	assert.Positive(t, rules["disagree"], "%v", rules)
}
