package network

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/machine"
)

// lossy is the network of the property tests: seven packets in ten lost,
// duplicates, and reordering by jitter and by holding packets back.
var lossy = machine.Faults{Loss: 0.7, Jitter: 80, Duplicate: 0.3, Reorder: 0.3}

// exchange runs three machines that each send every other one msgs
// messages, in two boxes, and receive theirs. It returns what each
// machine received from each sender, in order, and the layers' stats.
func exchange(t testing.TB, f machine.Faults, seed uint32, msgs int) (map[string][]string, []*Reliable) {
	const n = 3
	var out bytes.Buffer
	got := map[string][]string{}
	rs := make([]*Reliable, n)
	c, _ := testCluster(t, f, seed, n, &out, func(po *PostOffice) {
		k := po.Kernel()
		r := NewReliable(po)
		rs[po.Addr()] = r
		me := po.Addr()
		var threads []*kernel.Thread
		for box := MailBoxAddress(0); box < 2; box++ {
			threads = append(threads, k.Fork(fmt.Sprintf("receiver %d", box), func() {
				for range (n - 1) * msgs / 2 {
					m := r.Receive(box)
					key := fmt.Sprintf("%d<-%d", me, m.From)
					got[key] = append(got[key], string(m.Data))
				}
			}))
		}
		for i := range msgs {
			for other := range machine.NetworkAddress(n) {
				if other != me {
					err := r.Send(other, MailBoxAddress(i%2), 3, fmt.Appendf(nil, "%d says %d", me, i))
					assert.NoError(t, err)
				}
			}
		}
		for _, th := range threads {
			k.Join(th)
		}
	})
	c.Run()
	return got, rs
}

func TestReliableDeliversEveryMessageOnceInOrder(t *testing.T) {
	seeds := uint32(1000)
	if testing.Short() {
		seeds = 100
	}
	const msgs = 4
	for seed := range seeds {
		got, rs := exchange(t, lossy, seed, msgs)
		for me := range 3 {
			for from := range 3 {
				if me == from {
					continue
				}
				var want []string
				for i := range msgs {
					want = append(want, fmt.Sprintf("%d says %d", from, i))
				}
				// Each box keeps its order; the two boxes interleave.
				key := fmt.Sprintf("%d<-%d", me, from)
				require.ElementsMatch(t, want, got[key], "seed %d %s", seed, key)
				require.Equal(t, inBox(want, 0), inBox(got[key], 0), "seed %d %s", seed, key)
			}
		}
		for _, r := range rs {
			require.Equal(t, r.Stats.Sent, r.Stats.Delivered, "seed %d", seed) // 2 per other machine each way
		}
	}
}

// inBox keeps the messages of box (their number's parity).
func inBox(msgs []string, box int) []string {
	var keep []string
	for _, m := range msgs {
		if int(m[len(m)-1]-'0')%2 == box {
			keep = append(keep, m)
		}
	}
	return keep
}

func TestReliableFragmentsA10KBMessage(t *testing.T) {
	big := make([]byte, 10*1024)
	for i := range big {
		big[i] = byte(i * 7)
	}
	var out bytes.Buffer
	var got []byte
	var stats ReliableStats
	c, _ := testCluster(t, lossy, 42, 2, &out, func(po *PostOffice) {
		r := NewReliable(po)
		if po.Addr() == 0 {
			require.NoError(t, r.Send(1, 0, 0, big))
			stats = r.Stats
			return
		}
		got = r.Receive(0).Data
	})
	c.Run()
	assert.Equal(t, big, got)
	assert.Greater(t, stats.Retransmissions, 0)
	t.Logf("%+v", stats)
}

func TestReliableSendReportsADeadMachine(t *testing.T) {
	var out bytes.Buffer
	var err error
	c, _ := testCluster(t, machine.Faults{}, 1, 2, &out, func(po *PostOffice) {
		r := NewReliable(po)
		r.MaxTries = 5
		if po.Addr() == 0 {
			err = r.Send(1, 0, 0, []byte("anyone?"))
		}
	})
	c.At(50, func() { c.Crash(1) })
	c.Run()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "machine 1 did not acknowledge")
}

// A machine that crashes and boots again is a new incarnation: the
// sender's sequence numbers go on, and the new machine takes them up at
// the next message.
func TestReliableAcrossARestart(t *testing.T) {
	var out bytes.Buffer
	var first, second string
	var sendErrors int
	c, _ := testCluster(t, machine.Faults{}, 1, 2, &out, func(po *PostOffice) {
		r := NewReliable(po)
		r.MaxTries = 5
		if po.Addr() == 1 {
			first = string(r.Receive(0).Data)
			return
		}
		require.NoError(t, r.Send(1, 0, 0, []byte("one")))
		for r.Send(1, 1, 0, []byte("are you there?")) == nil {
		}
		for r.Send(1, 0, 0, []byte("two")) != nil {
			sendErrors++ // machine 1 is down: try again
		}
	})
	c.At(2000, func() { c.Crash(1) })
	c.At(20000, func() {
		k, err := kernel.New(kernel.Config{Machine: machine.Config{Clock: 20000}, Out: &out, Err: &out})
		require.NoError(t, err)
		po, err := NewPostOffice(k, Config{Addr: 1}, c.Wire())
		require.NoError(t, err)
		r := NewReliable(po)
		c.Add(k, 1)
		k.Start(func() { second = string(r.Receive(0).Data) })
	})
	c.Run()
	assert.Equal(t, "one", first)
	assert.Equal(t, "two", second)
	assert.Positive(t, sendErrors)
}
