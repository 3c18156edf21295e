package network

import (
	"bytes"
	"io"
	"testing"

	"nachos/kernel"
	"nachos/machine"
)

// BenchmarkClusterPackets measures the cluster's speed: simulated packets
// delivered per second of host time, machine 0 mailing machine 1 as fast
// as its interface sends.
func BenchmarkClusterPackets(b *testing.B) {
	const mails = 10000
	delivered := 0
	for b.Loop() {
		var out bytes.Buffer
		c, _ := testCluster(b, machine.Faults{}, 1, 2, &out, func(po *PostOffice) {
			msg := []byte("hello")
			for range mails {
				if po.Addr() == 0 {
					_ = po.Send(1, 0, 0, msg)
				} else {
					po.Receive(0)
				}
			}
		})
		c.Run()
		delivered += c.Wire().Stats.Delivered
	}
	b.ReportMetric(float64(delivered)/b.Elapsed().Seconds(), "packets/s")
}

// BenchmarkClusterWire measures the wire and the cluster's pacing alone:
// machine 0's thread sends packets straight through its interface, and
// machine 1 takes each in its arrival interrupt, with no thread to wake.
func BenchmarkClusterWire(b *testing.B) {
	const packets = 20000
	delivered := 0
	for b.Loop() {
		c := NewCluster(machine.Faults{}, 1)
		for id := range machine.NetworkAddress(2) {
			k, err := kernel.New(kernel.Config{Out: io.Discard, Err: io.Discard})
			if err != nil {
				b.Fatal(err)
			}
			sent := k.NewSemaphore("sent", 0)
			done := k.NewSemaphore("done", 0)
			var nic *machine.Network
			got := 0
			nic, err = k.Machine.NewNetwork(id, 0, c.Wire(), func() {
				nic.Receive()
				if got++; got == packets {
					done.V()
				}
			}, sent.V)
			if err != nil {
				b.Fatal(err)
			}
			c.Add(k, id)
			k.Start(func() {
				if id == 1 {
					done.P()
					return
				}
				data := []byte("0123456789")
				for range packets {
					nic.Send(machine.PacketHeader{To: 1, From: 0, Length: len(data)}, data)
					sent.P()
				}
			})
		}
		c.Run()
		delivered += c.Wire().Stats.Delivered
	}
	b.ReportMetric(float64(delivered)/b.Elapsed().Seconds(), "packets/s")
}
