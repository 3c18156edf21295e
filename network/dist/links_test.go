package dist

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// badLinks are a few links worse than the rest of the wire, for the
// sweeps: a lossy, slow, reordering one, a duplicating one, and one
// faster than the wire, which shortens the cluster's lookahead.
var badLinks = []machine.LinkFaults{
	{From: 1, To: 3, Faults: machine.Faults{Loss: 0.3, Latency: 400, Jitter: 200, Reorder: 0.2}},
	{From: 4, To: 1, Faults: machine.Faults{Loss: 0.1, Duplicate: 0.3, Jitter: 500}},
	{From: 2, To: 4, Faults: machine.Faults{Latency: 30}},
}

// The worked example of --link (nachos dist ring --link 1to2:loss=1):
// every packet from 1 to 2 is lost, though 2 is up and its own packets
// reach 1. The transport cannot tell a dead peer from a dead link: node
// 1 gives up on 2 and the ring skips it, as it would skip a crashed node.
// The election goes on without 2, and 2, alive, never learns the
// leader: the checker catches a false suspicion.
func TestLossyLinkLooksLikeACrash(t *testing.T) {
	cut := []machine.LinkFaults{{From: 1, To: 2, Faults: machine.Faults{Loss: 1}}}
	r := mustRun(t, Ring, Scenario{Nodes: 5, Links: cut})
	require.NotNil(t, r.Violation)
	assert.Equal(t, "leader 5, known to nodes 1,3,4,5; no leader at nodes 2", r.Outcome)
	assert.Contains(t, r.Violation.Rule, "node 2 follows no leader, but the highest live node is 5")
	assert.True(t, r.Up[2], "node 2 never crashed")
	var gaveUp []string
	for _, e := range r.Events {
		if e.Kind == GiveUp {
			assert.Equal(t, []int{1, 2}, []int{e.Node, e.Peer}, "only 1 suspects, and only 2")
			gaveUp = append(gaveUp, e.Msg)
		}
	}
	assert.Equal(t, []string{"ELECTION", "COORDINATOR"}, gaveUp)

	// Half the packets lost on the same link: retransmission gets
	// every message through, and all agree.
	cut[0].Faults.Loss = 0.5
	r = mustRun(t, Ring, Scenario{Nodes: 5, Links: cut})
	require.Nil(t, r.Violation)
	assert.Equal(t, "leader 5, known to nodes 1,2,3,4,5", r.Outcome)
	assert.Positive(t, r.Retransmissions)
}

// A slow link delays one channel only: every message from 2 to 3 takes
// the link's latency, every other message the wire's.
func TestSlowLinkDelaysOneChannel(t *testing.T) {
	slow := []machine.LinkFaults{{From: 2, To: 3, Faults: machine.Faults{Latency: 5000}}}
	r := mustRun(t, RicartAgrawala, Scenario{Nodes: 3, Links: slow})
	require.Nil(t, r.Violation)
	sent := map[int]Event{}
	channels := map[[2]int]bool{}
	for _, e := range r.Events {
		switch e.Kind {
		case Send:
			sent[e.MsgID] = e
		case Receive:
			s := sent[e.MsgID]
			took := e.Tick - s.Tick
			channels[[2]int{s.Node, e.Node}] = true
			if s.Node == 2 && e.Node == 3 {
				assert.GreaterOrEqual(t, took, int64(5000), "msg %d from 2 to 3", e.MsgID)
			} else {
				assert.Less(t, took, int64(5000), "msg %d from %d to %d", e.MsgID, s.Node, e.Node)
			}
		}
	}
	assert.True(t, channels[[2]int{2, 3}] && channels[[2]int{3, 2}], "both directions were used")
}

// The links of a scenario are checked like the rest of it.
func TestLinksNameNodesThatExist(t *testing.T) {
	_, err := Run(Bully, Scenario{Nodes: 3, Links: []machine.LinkFaults{{From: 1, To: 4}}})
	assert.ErrorContains(t, err, "--link: there is no node 4 (nodes are 1 to 3)")
	_, err = Run(Bully, Scenario{Nodes: 3, Links: []machine.LinkFaults{{From: 1, To: 2, Faults: machine.Faults{Loss: 2}}}})
	assert.ErrorContains(t, err, "--link 1to2: loss 2 is not a probability")
}
