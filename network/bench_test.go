package network

import (
	"bytes"
	"testing"

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
