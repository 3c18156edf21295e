package machine_test

import (
	"testing"

	"nachos/machine"
)

// FuzzCPU runs arbitrary bytes as a program: whatever they decode to, the
// CPU must raise exceptions, never panic, and stop when told to. The
// handler skips over every faulting instruction, as a forgiving kernel
// would, so execution goes on through the whole of the input.
func FuzzCPU(f *testing.F) {
	f.Add([]byte{0x0c, 0x00, 0x00, 0x00})                         // syscall
	f.Add([]byte{0x08, 0x00, 0xe0, 0x03, 0x00, 0x00, 0x00, 0x00}) // jr $31; nop
	f.Add([]byte{0x00, 0x00, 0x42, 0x8c, 0xff, 0xff, 0x42, 0x24}) // lw, addiu
	f.Fuzz(func(t *testing.T, code []byte) {
		const pages = 8
		m := newMappedMachine(t, 0, pages*128)
		copy(m.Memory, code)
		m.PageTable[pages-1].ReadOnly = true
		exceptions := 0
		m.SetExceptionHandler(func(machine.ExceptionType) {
			if exceptions++; exceptions > 1000 {
				m.Stop()
			}
			m.AdvancePC()
		})
		m.Interrupt.SetTickLimit(20000, m.Stop)
		for r := range machine.NumGPRegs {
			m.WriteRegister(r, uint32(r)*0x01010101)
		}
		m.SetPC(0)
		m.Run()
	})
}
