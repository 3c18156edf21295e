package network

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// Three servers apply the requests of three clients, each sent to any
// server, in one and the same order, over a lossy, duplicating and
// reordering wire.
func TestReplicasApplyOneOrder(t *testing.T) {
	servers := []machine.NetworkAddress{0, 1, 2}
	for seed := range uint32(40) {
		var out bytes.Buffer
		logs := make([][]string, len(servers))
		c, _ := testCluster(t, lossy, seed, 6, &out, func(po *PostOffice) {
			r := NewReliable(po)
			me := po.Addr()
			if int(me) < len(servers) {
				var srv *Server
				g, err := NewReplicas(r, servers, func(req Request, mine bool) {
					logs[me] = append(logs[me], fmt.Sprintf("%d/%d", req.From, req.ID))
					if mine {
						srv.Reply(req, nil)
					}
				})
				require.NoError(t, err)
				srv = Serve(r, counterBox, "ordered", func(req Request) ([]byte, bool) {
					g.Submit(req)
					return nil, false
				})
				return
			}
			client := NewClient(r)
			for i := range 4 {
				server := servers[(int(me)+i)%len(servers)]
				po.Kernel().Fork("caller", func() { _, _ = client.Call(server, counterBox, 0, nil) })
			}
		})
		c.Run()
		require.Len(t, logs[0], 12, "seed %d", seed)
		for i := range servers {
			assert.Equal(t, logs[0], logs[i], "seed %d: servers 0 and %d disagree", seed, i)
		}
	}
}
