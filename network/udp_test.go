package network

import (
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/machine"
	"nachos/userprog"
)

// loopbackPeers names n machines on free ports of 127.0.0.1.
func loopbackPeers(t testing.TB, n int) Peers {
	var spec []string
	for id := range n {
		c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		require.NoError(t, err)
		spec = append(spec, fmt.Sprintf("%d=%s", id, c.LocalAddr()))
		c.Close()
	}
	peers, err := ParsePeers(strings.Join(spec, ","))
	require.NoError(t, err)
	return peers
}

func TestParsePeers(t *testing.T) {
	p, err := ParsePeers("0=127.0.0.1:9000, 1=127.0.0.1:9001")
	require.NoError(t, err)
	require.Equal(t, 9001, p[1].Port)
	for _, bad := range []string{"x=127.0.0.1:1", "0127.0.0.1:1", "-1=127.0.0.1:1", "0=nohostport"} {
		_, err := ParsePeers(bad)
		require.Error(t, err, bad)
	}
}

// BenchmarkRemoteLockOverUDP measures remote Acquire/Release round trips
// per host second: a lock server and a client, each a machine with its
// own UDP socket on loopback (in one process, each in a goroutine of its
// own, as two processes would be).
func BenchmarkRemoteLockOverUDP(b *testing.B) {
	peers := loopbackPeers(b, 2)
	const pairs = 200
	total := 0
	for b.Loop() {
		var wg sync.WaitGroup
		var server *UDPLink
		for id := range machine.NetworkAddress(2) {
			link, err := NewUDPLink(id, peers, 0)
			require.NoError(b, err)
			if id == 0 {
				server = link
			}
			k, err := kernel.New(kernel.Config{Out: io.Discard, Err: io.Discard})
			require.NoError(b, err)
			po, err := NewPostOffice(k, Config{Addr: id}, link)
			require.NoError(b, err)
			wg.Add(1)
			go func() {
				defer wg.Done()
				require.NoError(b, link.Meet(10*time.Second))
				k.Start(func() {
					r := NewReliable(po)
					if id == 0 {
						_, err := StartLockServer(r, nil)
						require.NoError(b, err)
						return // and serve until the link is closed
					}
					lc := &LockClient{C: NewClient(r), Servers: []machine.NetworkAddress{0}}
					l, err := lc.Call(userprog.RemoteCall{Op: userprog.RemoteCreateLock, Name: "bench"})
					require.NoError(b, err)
					for range pairs {
						_, err = lc.Call(userprog.RemoteCall{Op: userprog.RemoteAcquire, A: l, Caller: 1})
						require.NoError(b, err)
						_, err = lc.Call(userprog.RemoteCall{Op: userprog.RemoteRelease, A: l, Caller: 1})
						require.NoError(b, err)
					}
					k.Halt()
				})
				for !k.Run() {
				}
				if id == 1 {
					link.Close()
					server.Close()
				}
			}()
		}
		wg.Wait()
		total += pairs
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "acquire+release/s")
}
