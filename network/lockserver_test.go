package network

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
	"nachos/userprog"
)

// Wait, Signal and Broadcast need a condition that exists and the lock
// held; the server refuses each call that lacks one, and names the call.
func TestLockServerRefusesConditionCallsWithoutTheLock(t *testing.T) {
	var out bytes.Buffer
	var errs []string
	c, _ := testCluster(t, machine.Faults{}, 3, 2, &out, func(po *PostOffice) {
		r := NewReliable(po)
		if po.Addr() == 0 {
			_, err := StartLockServer(r, nil)
			require.NoError(t, err)
			return
		}
		lc := &LockClient{C: NewClient(r), Servers: []machine.NetworkAddress{0}}
		lock, err := lc.Call(userprog.RemoteCall{Op: userprog.RemoteCreateLock, Name: "l"})
		require.NoError(t, err)
		cond, err := lc.Call(userprog.RemoteCall{Op: userprog.RemoteCreateCondition, Name: "c"})
		require.NoError(t, err)
		for _, call := range []userprog.RemoteCall{
			{Op: userprog.RemoteWait, A: cond, B: lock},
			{Op: userprog.RemoteSignal, A: cond, B: lock},
			{Op: userprog.RemoteBroadcast, A: cond + 5, B: lock},
		} {
			_, err := lc.Call(call)
			require.Error(t, err)
			errs = append(errs, err.Error())
		}
	})
	c.Run()
	require.Len(t, errs, 3, out.String())
	assert.Contains(t, errs[0], "refused Wait: Wait without the lock: ")
	assert.Contains(t, errs[0], `does not hold lock "l"`)
	assert.Contains(t, errs[1], "refused Signal: Signal without the lock: ")
	assert.Contains(t, errs[2], "refused Broadcast: no such condition")
}
