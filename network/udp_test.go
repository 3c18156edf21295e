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

// The largest packet a machine may be configured for travels in one
// datagram, with the link's kind byte and the packet's id, both ways.
func TestUDPLinkCarriesTheLargestPacket(t *testing.T) {
	peers := loopbackPeers(t, 2)
	link, err := NewUDPLink(0, peers, 0)
	require.NoError(t, err)
	defer link.Close()
	other, err := net.ListenUDP("udp", peers[1])
	require.NoError(t, err)
	defer other.Close()
	m, err := machine.New(machine.Config{})
	require.NoError(t, err)
	nic, err := m.NewNetwork(0, machine.MaxMaxWireSize, link, func() {}, func() {})
	require.NoError(t, err)

	data := make([]byte, nic.MaxPacketSize())
	nic.Send(machine.PacketHeader{To: 1, From: 0, Length: len(data)}, data)
	buf := make([]byte, 1<<17)
	require.NoError(t, other.SetReadDeadline(time.Now().Add(5*time.Second)))
	n, _, err := other.ReadFromUDP(buf)
	require.NoError(t, err, "the datagram never came")
	require.Equal(t, 1+machine.MaxMaxWireSize+8, n)

	_, err = other.WriteToUDP(buf[:n], peers[0])
	require.NoError(t, err)
	select {
	case a := <-link.incoming:
		require.Len(t, a.packet, machine.MaxMaxWireSize)
	case <-time.After(5 * time.Second):
		t.Fatal("the datagram never reached the link")
	}
}
