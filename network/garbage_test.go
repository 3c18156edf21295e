package network

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
	"nachos/userprog"
)

// Garbage in every mailbox, raw and reliable, never takes down a machine
// running the kernel's services, and a proper client is served after it.
// (Raw garbage in the reliable layer's own box, which no program can send
// to, may pass for a newer incarnation of its sender and make the layer
// ignore that sender, as forged segments confuse TCP: it is sent last.)
func TestServicesSurviveGarbage(t *testing.T) {
	var out bytes.Buffer
	var got int32 = -2
	c, ks := testCluster(t, machine.Faults{}, 9, 2, &out, func(po *PostOffice) {
		r := NewReliable(po)
		if po.Addr() == 0 {
			StartBinder(r)
			_, err := StartLockServer(r, nil)
			require.NoError(t, err)
			return
		}
		g := machine.NewRandom(4)
		junk := func(n int) []byte {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(g.Int())
			}
			if n > 0 && g.Intn(2) == 0 {
				b[0] = "QRMKH"[g.Intn(5)] // look like a message of some layer
			}
			return b
		}
		rawJunk := func(box MailBoxAddress) {
			require.NoError(t, po.Send(0, box, MailBoxAddress(g.Intn(DefaultBoxes)), junk(1+int(g.Intn(int32(po.MaxMailSize()))))))
		}
		for range 300 {
			box := MailBoxAddress(g.Intn(DefaultBoxes))
			rawJunk(min(box, DefaultBoxes-2))
			require.NoError(t, r.Send(0, box, MailBoxAddress(g.Intn(DefaultBoxes)), junk(int(g.Intn(100)))))
		}
		lc := &LockClient{C: NewClient(r), Servers: []machine.NetworkAddress{0}}
		mv, err := lc.Call(userprog.RemoteCall{Op: userprog.RemoteCreateMV, Name: "after", B: 42})
		require.NoError(t, err)
		got, err = lc.Call(userprog.RemoteCall{Op: userprog.RemoteGetMV, A: mv})
		require.NoError(t, err)
		for range 100 {
			rawJunk(DefaultBoxes - 1)
		}
	})
	c.Run()
	assert.Equal(t, int32(42), got)
	for _, k := range ks {
		assert.Less(t, k.ExitStatus, 4, out.String()) // no kernel error
	}
}
