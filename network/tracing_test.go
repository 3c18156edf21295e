package network

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/kernel/trace"
	"nachos/machine"
)

// Every packet of a traced cluster run is sent once, and then received
// or dropped under the same number, on the right machines.
func TestTracedPacketsMatchUp(t *testing.T) {
	var file, out bytes.Buffer
	w := trace.NewWriter(&file, "test")
	c := NewCluster(machine.Faults{Loss: 0.3, Duplicate: 0.2}, 5)
	for id := range 2 {
		k, err := kernel.New(kernel.Config{Out: &out, Err: &out, Trace: w, MachineID: id})
		require.NoError(t, err)
		po, err := NewPostOffice(k, Config{Addr: machine.NetworkAddress(id)}, c.Wire())
		require.NoError(t, err)
		r := NewReliable(po)
		c.Add(k, machine.NetworkAddress(id))
		k.Start(func() {
			if id == 0 {
				require.NoError(t, r.Send(1, 0, 0, make([]byte, 200)))
			} else {
				r.Receive(0)
			}
		})
	}
	c.Run()
	require.NoError(t, w.Close())
	_, events, err := trace.Read(&file, "trace")
	require.NoError(t, err)
	sent := map[int64]trace.Event{}
	fates := map[trace.Kind]int{}
	for _, e := range events {
		switch e.Kind {
		case trace.PacketSend:
			require.NotContains(t, sent, e.ID, "packet %d sent twice", e.ID)
			assert.Equal(t, e.Src, e.Machine)
			sent[e.ID] = e
		case trace.PacketReceive, trace.PacketDrop:
			s, ok := sent[e.ID]
			require.True(t, ok, "packet %d received or dropped before it was sent", e.ID)
			assert.Equal(t, [3]int{s.Src, s.Dst, s.Size}, [3]int{e.Src, e.Dst, e.Size}, fmt.Sprint(e.ID))
			fates[e.Kind]++
		}
	}
	assert.Equal(t, 9, sent[0].Port, "the reliable layer's fragments travel in box 9")
	assert.Positive(t, fates[trace.PacketDrop])
	assert.Positive(t, fates[trace.PacketReceive])
}
