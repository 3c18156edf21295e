// Instruction tracing, for the -d m debug flag and for single-stepping.
//
// A trace line shows the time, the address, the instruction as objdump
// would print it (with register numbers, as the Nachos register dump
// has them) and every register the instruction changed, old -> new:
//
//	     12  0x00000004  addiu $29,$29,-24   $29: 0x00000400 -> 0x000003e8

package machine

import (
	"encoding/binary"
	"fmt"
	"strings"

	"nachos/machine/mipsasm"
)

// stepTraced executes one instruction, writes its trace line, and returns
// how many instructions completed (0 if it raised an exception).
func (m *Machine) stepTraced() int64 {
	before := m.reg
	pc, tick := m.reg[PCReg], m.Stats.TotalTicks
	if m.observeInstructions {
		word, _ := m.peekWord(pc)
		m.observer.Instruction(pc, word)
	}
	done := m.execute(1)
	if m.Trace == nil {
		return done
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%7d  0x%08x  %-28s", tick, pc, m.Disassemble(pc))
	for r := range NumGPRegs + 2 { // the GPRs, Hi and Lo
		if m.reg[r] != before[r] {
			fmt.Fprintf(&b, "  %s: 0x%08x -> 0x%08x", traceRegName(r), before[r], m.reg[r])
		}
	}
	if m.exc != NoException {
		fmt.Fprintf(&b, "  raises %s", m.exc)
	}
	fmt.Fprintln(m.Trace, strings.TrimRight(b.String(), " "))
	return done
}

func traceRegName(r int) string {
	if r < NumGPRegs {
		return fmt.Sprintf("$%d", r)
	}
	return RegisterName(r)
}

// Disassemble returns the instruction at virtual address pc in objdump's
// syntax with numeric registers, a space after the mnemonic
// ("lw $2,0($3)"), or a note saying why it
// cannot be read. It reads memory without setting use bits, so calling it
// changes nothing.
func (m *Machine) Disassemble(pc uint32) string {
	word, ok := m.peekWord(pc)
	switch {
	case pc&3 != 0:
		return "not a multiple of 4: no instruction starts there"
	case !ok:
		return "not mapped"
	}
	var raw [4]byte
	binary.LittleEndian.PutUint32(raw[:], word)
	inst, err := mipsasm.Decode(raw[:], binary.LittleEndian)
	if err != nil {
		return fmt.Sprintf(".word 0x%08x", word)
	}
	return strings.Replace(mipsasm.NumericSyntax(inst, pc), "\t", " ", 1)
}

// peekWord reads the aligned word at vaddr through the current page table
// or TLB without the side effects of a real access.
func (m *Machine) peekWord(vaddr uint32) (uint32, bool) {
	if vaddr&3 != 0 {
		return 0, false
	}
	e, exc := m.entry(vaddr >> m.pageShift)
	if exc != NoException {
		return 0, false
	}
	pa := e.PhysicalPage<<m.pageShift | vaddr&m.pageMask
	if int(pa)+4 > len(m.Memory) {
		return 0, false
	}
	return binary.LittleEndian.Uint32(m.Memory[pa:]), true
}
