package dist

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
	"nachos/test/tooltest"
)

func TestVectorClockOrder(t *testing.T) {
	a, b, c := Vector{1, 0, 0}, Vector{2, 1, 0}, Vector{0, 0, 1}
	assert.True(t, a.Before(b))
	assert.False(t, b.Before(a))
	assert.True(t, a.Concurrent(c))
	assert.False(t, a.Concurrent(a))
	v := NewVector(3)
	v.Tick(1)
	assert.Equal(t, Vector{2, 1, 1}, v.Receive(1, Vector{0, 1, 1}))
	var l Lamport
	l.Tick()
	assert.Equal(t, int64(8), l.Receive(7))
}

// happenedBefore is the relation straight from its definition, by
// search: local order, and send before receive, closed under
// transitivity.
func happenedBefore(events []Event) [][]bool {
	n := len(events)
	hb := make([][]bool, n)
	for i := range hb {
		hb[i] = make([]bool, n)
	}
	last := map[int]int{}
	send := map[int]int{}
	for i, e := range events {
		if j, ok := last[e.Node]; ok {
			hb[j][i] = true
		}
		last[e.Node] = i
		if e.Kind == Send {
			send[e.MsgID] = i
		}
		if e.Kind == Receive {
			hb[send[e.MsgID]][i] = true
		}
	}
	for k := range n {
		for i := range n {
			if hb[i][k] {
				for j := range n {
					hb[i][j] = hb[i][j] || hb[k][j]
				}
			}
		}
	}
	return hb
}

// On real runs with faults: a -> b implies L(a) < L(b), and V(a) < V(b)
// exactly when a -> b.
func TestClocksAgreeWithHappenedBefore(t *testing.T) {
	for seed := range uint32(5) {
		r := mustRun(t, RicartAgrawala, Scenario{Nodes: 4, Seed: seed,
			Faults: machine.Faults{Loss: 0.2, Duplicate: 0.2, Jitter: 100}})
		require.Nil(t, r.Violation)
		hb := happenedBefore(r.Events)
		var concurrent [][2]int
		for i, a := range r.Events {
			for j, b := range r.Events {
				if hb[i][j] {
					assert.Less(t, a.Lamport, b.Lamport)
				}
				assert.Equal(t, hb[i][j], a.Vector.Before(b.Vector), "seed %d: %v / %v", seed, a, b)
				if j > i && a.Node != b.Node && !hb[i][j] && !hb[j][i] {
					concurrent = append(concurrent, [2]int{a.Seq, b.Seq})
				}
			}
		}
		assert.Equal(t, len(concurrent), r.Concurrent)
		var listed [][2]int
		for _, p := range ConcurrentPairs(r) {
			assert.LessOrEqual(t, p[0].Tick, p[1].Tick, "pairs are listed earlier event first")
			listed = append(listed, [2]int{min(p[0].Seq, p[1].Seq), max(p[0].Seq, p[1].Seq)})
		}
		assert.ElementsMatch(t, concurrent, listed, "seed %d: the listed pairs are those with no chain between them", seed)
	}
}

// A clock that forgets to merge on receipt is caught.
func TestClockCheckerCatchesAWrongVector(t *testing.T) {
	c := &clockChecker{}
	r := &Result{Scenario: Scenario{Nodes: 2}}
	require.NoError(t, c.Observe(r, Event{Seq: 0, Node: 1, Kind: Send, MsgID: 1, Lamport: 1, Vector: Vector{1, 0}}))
	err := c.Observe(r, Event{Seq: 1, Node: 2, Kind: Receive, MsgID: 1, Lamport: 2, Vector: Vector{0, 1}})
	assert.ErrorContains(t, err, "the history says [1 1]")
	err = c.Observe(r, Event{Seq: 2, Node: 1, Kind: Decide, Lamport: 1, Vector: Vector{2, 0}})
	assert.ErrorContains(t, err, "did not grow")
}

// seeds is how many seeds a property sweep runs: 1000, as the simulation
// testing of VOPR sweeps seeds, or 100 with -short or -race.
func seeds(t *testing.T) int {
	if testing.Short() || tooltest.Race {
		return 100
	}
	return 1000
}
