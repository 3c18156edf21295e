// Tests for the network interface and the wire: headers, the one-packet
// buffer, faults from the seed, partitions and machines that are down.

package machine_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// netRig is two bare machines on one wire; their handlers are logged.
type netRig struct {
	w    *machine.Wire
	m    [2]*machine.Machine
	nic  [2]*machine.Network
	logs [2]*tickLog
}

func newNetRig(t *testing.T, f machine.Faults, seed uint32) *netRig {
	r := &netRig{w: machine.NewWire(f, seed)}
	for i := range 2 {
		r.m[i] = bareMachine(t, machine.Config{})
		r.logs[i] = &tickLog{m: r.m[i]}
		nic, err := r.m[i].NewNetwork(machine.NetworkAddress(i), 0, r.w, r.logs[i].handler("arrived"), r.logs[i].handler("sent"))
		require.NoError(t, err)
		r.nic[i] = nic
	}
	return r
}

// send sends data from machine 0 to machine 1 and lets machine 0's send
// complete.
func (r *netRig) send(t *testing.T, data string) { r.sendFrom(t, 0, data) }

// sendFrom sends data from one machine to the other and lets the
// sender's send complete.
func (r *netRig) sendFrom(t *testing.T, from int, data string) {
	to := machine.NetworkAddress(1 - from)
	r.nic[from].Send(machine.PacketHeader{To: to, From: machine.NetworkAddress(from), Length: len(data)}, []byte(data))
	require.True(t, r.m[from].Interrupt.Idle())
}

// drain services machine 1's interrupts until none is left.
func (r *netRig) drain() { r.drainAt(1) }

// drainAt services one machine's interrupts until none is left.
func (r *netRig) drainAt(i int) {
	for r.m[i].Interrupt.Idle() {
	}
}

func TestPacketArrivesAfterTheLatencyWithItsHeader(t *testing.T) {
	r := newNetRig(t, machine.Faults{}, 1)
	assert.Equal(t, 52, r.nic[0].MaxPacketSize(), "Nachos's 64-byte packets carry 52 bytes")
	r.send(t, "hello")
	assert.Equal(t, []string{"sent@100"}, r.logs[0].events)
	assert.Equal(t, 1, r.m[0].Stats.NumPacketsSent)
	r.drain()
	assert.Equal(t, []string{"arrived@100"}, r.logs[1].events)
	hdr, data := r.nic[1].Receive()
	assert.Equal(t, machine.PacketHeader{To: 1, From: 0, Length: 5}, hdr)
	assert.Equal(t, "hello", string(data))
	hdr, _ = r.nic[1].Receive()
	assert.Zero(t, hdr.Length, "the buffer is empty now")
}

// One packet is buffered; the next waits, in order, until the kernel
// takes the first.
func TestOnePacketIsBufferedAndTheOthersWait(t *testing.T) {
	r := newNetRig(t, machine.Faults{}, 1)
	r.send(t, "one")
	r.send(t, "two")
	r.drain()
	require.Len(t, r.logs[1].events, 1, "the second packet waits on the wire")
	_, data := r.nic[1].Receive()
	assert.Equal(t, "one", string(data))
	r.drain()
	require.Len(t, r.logs[1].events, 2)
	_, data = r.nic[1].Receive()
	assert.Equal(t, "two", string(data))
	assert.Equal(t, 2, r.m[1].Stats.NumPacketsRecvd)
}

// dropLog records the packets an interface reports lost: why, and the data.
type dropLog []string

func (*dropLog) PacketSent(machine.PacketHeader, []byte, int64)     {}
func (*dropLog) PacketReceived(machine.PacketHeader, []byte, int64) {}
func (l *dropLog) PacketDropped(_ machine.PacketHeader, data []byte, _ int64, why string) {
	*l = append(*l, why+": "+string(data))
}

func TestPartitionsAndDownMachinesCutPackets(t *testing.T) {
	r := newNetRig(t, machine.Faults{}, 1)
	var drops dropLog
	r.nic[0].Watch(&drops)
	r.nic[1].Watch(&drops)
	r.w.Partition([]machine.NetworkAddress{0}, []machine.NetworkAddress{1})
	r.send(t, "cut")
	r.w.Heal()
	r.send(t, "healed")
	r.drain()
	_, data := r.nic[1].Receive()
	assert.Equal(t, "healed", string(data))

	r.w.SetDown(1, true)
	r.send(t, "down")
	r.w.SetDown(1, false)
	r.send(t, "on its way when the machine went down")
	r.w.SetDown(1, true)
	r.drain()
	r.w.SetDown(1, false)
	r.w.SetFaults(machine.Faults{Loss: 1})
	r.send(t, "lost")
	r.drain()
	hdr, _ := r.nic[1].Receive()
	assert.Zero(t, hdr.Length, "nothing else arrived")
	assert.Equal(t, machine.WireStats{Sent: 5, Cut: 3, Lost: 1, Delivered: 1}, r.w.Stats,
		"the packet on its way when its machine went down is cut, not delivered")
	assert.Equal(t, dropLog{"cut: cut", "cut: down", "cut: on its way when the machine went down", "lost: lost"}, drops)
}

// A link's faults replace the wire's for one direction only: here 0 to 1
// loses everything while 1 to 0 is slow and duplicates, on a wire that
// is otherwise perfect.
func TestLinkFaultsHoldForOneDirectionOnly(t *testing.T) {
	r := newNetRig(t, machine.Faults{}, 1)
	r.w.SetLinkFaults(machine.LinkFaults{From: 0, To: 1, Faults: machine.Faults{Loss: 1}})
	r.w.SetLinkFaults(machine.LinkFaults{From: 1, To: 0, Faults: machine.Faults{Latency: 700, Duplicate: 1}})
	assert.Equal(t, int64(machine.NetworkTime), r.w.MinLatency(), "no link is faster than the wire")
	r.send(t, "lost on the link 0 to 1")
	r.sendFrom(t, 1, "slow, and twice")
	r.drain()
	r.drainAt(0)
	assert.Equal(t, []string{"sent@100"}, r.logs[1].events, "nothing reached 1")
	assert.Equal(t, []string{"sent@100", "arrived@700"}, r.logs[0].events, "1's packet took the link's latency")
	_, data := r.nic[0].Receive()
	assert.Equal(t, "slow, and twice", string(data))
	r.drainAt(0)
	_, data = r.nic[0].Receive()
	assert.Equal(t, "slow, and twice", string(data), "the link duplicates")
	assert.Equal(t, machine.WireStats{Sent: 2, Lost: 1, Duplicated: 1, Delivered: 2}, r.w.Stats)

	r.w.SetLinkFaults(machine.LinkFaults{From: 0, To: 1, Faults: machine.Faults{Latency: 30}})
	assert.Equal(t, int64(30), r.w.MinLatency(), "the fastest link bounds every packet")
	sentAt := r.m[0].Stats.TotalTicks
	r.send(t, "fast now")
	r.drain()
	assert.Equal(t, fmt.Sprintf("arrived@%d", sentAt+30), r.logs[1].events[len(r.logs[1].events)-1])
}

func TestFaultsComeFromTheSeed(t *testing.T) {
	f := machine.Faults{Loss: 0.3, Latency: 50, Jitter: 20, Duplicate: 0.3, Reorder: 0.2}
	require.NoError(t, f.Check())
	draw := func(seed uint32) []int64 {
		g := machine.NewRandom(seed)
		var all []int64
		for range 200 {
			d := f.Delays(g, nil)
			all = append(all, int64(len(d)))
			all = append(all, d...)
		}
		return all
	}
	a := draw(7)
	assert.Equal(t, a, draw(7), "the same seed, the same fate for every packet")
	assert.NotEqual(t, a, draw(8))
	counts := map[int64]int{}
	for i := 0; i < len(a); i += int(a[i]) + 1 {
		counts[a[i]]++
		for _, d := range a[i+1 : i+1+int(a[i])] {
			assert.GreaterOrEqual(t, d, int64(50), "no packet is faster than the latency")
		}
	}
	assert.Positive(t, counts[0], "some lost")
	assert.Positive(t, counts[1])
	assert.Positive(t, counts[2], "some duplicated")
	g := machine.NewRandom(1)
	assert.Equal(t, []int64{machine.NetworkTime}, machine.Faults{}.Delays(g, nil), "a perfect wire delivers once, after NetworkTime")
	assert.Equal(t, machine.NewRandom(1).Int(), g.Int(), "and draws nothing from the generator")

	for _, bad := range []machine.Faults{{Loss: 1.5}, {Duplicate: -1}, {Latency: -3}} {
		assert.Error(t, bad.Check())
	}
}

func TestSendRefusesKernelBugs(t *testing.T) {
	r := newNetRig(t, machine.Faults{}, 1)
	assert.Panics(t, func() { r.nic[0].Send(machine.PacketHeader{To: 1, From: 1, Length: 1}, []byte("x")) }, "not from this machine")
	assert.Panics(t, func() { r.nic[0].Send(machine.PacketHeader{To: 1, From: 0, Length: 53}, make([]byte, 53)) }, "too long")
	r.nic[0].Send(machine.PacketHeader{To: 1, From: 0, Length: 1}, []byte("x"))
	assert.Panics(t, func() { r.nic[0].Send(machine.PacketHeader{To: 1, From: 0, Length: 1}, []byte("x")) }, "still sending")
	_, err := r.m[0].NewNetwork(-1, 0, r.w, func() {}, func() {})
	assert.Error(t, err)
	assert.Error(t, machine.CheckWireSize(12))
}
