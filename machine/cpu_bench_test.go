package machine_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"nachos/machine"
)

// loopMachine returns a machine loaded with a loop that runs n times over
// an array, loading, adding and storing (the shape of sort's inner loop),
// then executes BREAK, which stops the machine.
func loopMachine(tb testing.TB, n int32) *machine.Machine {
	const code, data = 0x0, 0x400
	m := newMappedMachine(tb, code, 4096)
	prog := []uint32{
		lui(8, uint32(n)>>16), // $8 = n, all 32 bits of it
		ori(8, 8, uint32(n)&0xffff),
		addiu(9, 0, data), // $9 = &array[0]
		lw(10, 9, 0),      // loop: $10 = array[0]
		lw(11, 9, 4),      //        $11 = array[1]
		encR(opSpecial, 10, 11, 12, 0, fnADDU),
		sw(12, 9, 8), //                       array[2] = $10 + $11
		addiu(8, 8, -1),
		encI(opBNE, 8, 0, -6), //             until --$8 == 0
		nop,                   //             (delay slot)
		brk(),
	}
	for i, w := range prog {
		putWord(tb, m, code+uint32(4*i), w)
	}
	m.SetExceptionHandler(func(machine.ExceptionType) { m.Stop() })
	return m
}

// The CPU loop must not allocate: a simulation of billions of instructions
// would otherwise spend its time collecting garbage.
func TestCPULoopDoesNotAllocate(t *testing.T) {
	m := loopMachine(t, 1000)
	allocs := testing.AllocsPerRun(10, func() {
		m.SetPC(0)
		m.Run()
	})
	assert.Zero(t, allocs)
	assert.Equal(t, uint32(0), m.ReadRegister(8), "the loop ran to its end")
}

// BenchmarkCPU measures raw interpretation speed on a tight loop, in guest
// instructions per second (the bar is 300 million).
func BenchmarkCPU(b *testing.B) {
	const iterations = 30000
	m := loopMachine(b, iterations)
	b.ReportAllocs()
	start := m.Stats.UserTicks
	for b.Loop() {
		m.SetPC(0)
		m.Run()
	}
	b.ReportMetric(float64(m.Stats.UserTicks-start)/b.Elapsed().Seconds(), "instr/s")
}
