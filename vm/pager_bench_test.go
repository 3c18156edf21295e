package vm

import (
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"nachos/machine"
	"nachos/userprog"
)

// BenchmarkPageFault measures the host's cost of one page fault: the
// TLB miss, the IPT lookup that fails, the policy's choice of a victim,
// its clean eviction and the zero-fill of the frame, and the TLB refill.
// No fault touches the disk (the simulated disk's wait is simulated time,
// not host time): the pages are only read, so every victim is clean.
func BenchmarkPageFault(b *testing.B) {
	for _, p := range Policies {
		if p.Future {
			continue // OPT replays a recorded run
		}
		b.Run(p.Name, func(b *testing.B) {
			k, pg := machineFor(b, 16, Config{Policy: &p}, "", io.Discard)
			exe, err := userprog.Load("../test/halt")
			require.NoError(b, err)
			m := k.Machine
			ps := uint32(m.PageSize())
			const pages = 4096 // far more than the frames: every touch faults
			k.Boot(func() {
				paged, err := pg.NewSpace(1, exe, 0, pages)
				require.NoError(b, err)
				paged.Activate()
				touch := func(vpn uint32) {
					if _, exc := m.ReadMem(vpn*ps, 4); exc == machine.TLBMissException {
						if _, err := paged.Fault(vpn * ps); err != nil {
							b.Fatal(err)
						}
					}
				}
				for vpn := uint32(16); vpn < pages; vpn++ { // the steady state: memory full
					touch(vpn)
				}
				faults := pg.Stats().Faults
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					touch(16 + uint32(i)%(pages-16))
				}
				b.StopTimer()
				b.ReportMetric(float64(pg.Stats().Faults-faults)/float64(b.N), "faults/op")
				k.Halt()
			})
		})
	}
}
