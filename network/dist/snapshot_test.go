package dist

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// Over FIFO channels every snapshot adds up, whatever the wire loses and
// however it delays; let messages overtake and some snapshots create or
// destroy money.
func TestSnapshotIsConsistentOnlyOverFIFOChannels(t *testing.T) {
	sc := Scenario{Nodes: 4, Faults: machine.Faults{Loss: 0.2, Duplicate: 0.1, Jitter: 300, Reorder: 0.2}}
	for _, links := range [][]machine.LinkFaults{nil, badLinks} {
		sc.Links = links
		s, err := Sweep(Snapshot, sc, seeds(t), func(r *Result) {
			assert.Contains(t, r.Outcome, "= 4000 (total 4000)", "seed %d", r.Scenario.Seed)
		})
		require.NoError(t, err)
		assert.Empty(t, s.Violations)
	}
	sc.Links = nil

	sc.NoFIFO = true
	s, err := Sweep(Snapshot, sc, 300, nil)
	require.NoError(t, err)
	assert.Greater(t, len(s.Violations), 30)
	assert.Contains(t, s.Violations[0].Rule, "but the bank always holds 4000: not a consistent cut")
}

// Every node sends a marker to every other: n(n-1) markers.
func TestSnapshotMarkers(t *testing.T) {
	r := mustRun(t, Snapshot, Scenario{Nodes: 5, Initiators: []Start{{Node: 2, At: 100}, {Node: 4, At: 100}}})
	require.Nil(t, r.Violation)
	assert.Equal(t, 20, r.Counts["MARKER"])
	assert.Equal(t, 30, r.Counts["TRANSFER"])
}
