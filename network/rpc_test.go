package network

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

const counterBox MailBoxAddress = 2

// A counter served by RPC is incremented exactly once per call, although
// clients retry often (every 1000 ticks) over a lossy wire: retried
// requests are answered from the server's cache, not executed again. The
// client finds the server through the binder.
func TestRPCIsAtMostOnce(t *testing.T) {
	repeats := 0
	for seed := range uint32(10) {
		var out bytes.Buffer
		count := int32(0)
		results := map[int32]bool{}
		var srv *Server
		c, _ := testCluster(t, machine.Faults{Loss: 0.3, Duplicate: 0.2, Jitter: 100}, seed, 3, &out, func(po *PostOffice) {
			r := NewReliable(po)
			client := NewClient(r)
			client.RetryTicks = 1000
			switch po.Addr() {
			case 0:
				StartBinder(r)
				srv = Serve(r, counterBox, "counter", func(req Request) ([]byte, bool) {
					count++
					var e Encoder
					return e.Int(count).Bytes(), true
				})
				require.NoError(t, client.Register(0, "counter", counterBox))
			default:
				k := po.Kernel()
				var at machine.NetworkAddress
				var box MailBoxAddress
				var err error
				for { // the server may not have registered yet
					if at, box, err = client.Lookup(0, "counter"); err == nil {
						break
					}
					k.Yield()
				}
				for range 10 {
					reply, err := client.Call(at, box, 0, nil)
					require.NoError(t, err)
					v := NewDecoder(reply).Int()
					require.False(t, results[v], "seed %d: two calls got %d", seed, v)
					results[v] = true
				}
			}
		})
		c.Run()
		repeats += srv.Repeats
		assert.Equal(t, int32(20), count, "seed %d", seed)
		assert.Len(t, results, 20, "seed %d", seed)
	}
	assert.Positive(t, repeats, "some requests must have been retried")
}

// A call to a server that has crashed returns an error: it does not wait
// for ever.
func TestRPCReportsADeadServer(t *testing.T) {
	var out bytes.Buffer
	var err error
	c, _ := testCluster(t, machine.Faults{}, 1, 2, &out, func(po *PostOffice) {
		r := NewReliable(po)
		r.MaxTries = 10
		client := NewClient(r)
		if po.Addr() == 0 {
			Serve(r, counterBox, "never answers", func(Request) ([]byte, bool) { return nil, false })
			return
		}
		_, err = client.Call(0, counterBox, 0, nil)
	})
	c.At(5000, func() { c.Crash(0) })
	c.Run()
	require.ErrorIs(t, err, ErrServerDown)
}
