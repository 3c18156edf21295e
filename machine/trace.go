// Instruction tracing, for the -d m debug flag and for single-stepping.
//
// A trace line shows the time, the address, the function and offset the
// instruction is at, the instruction as objdump would print it (with
// register numbers, as the Nachos register dump has them) and every
// register the instruction changed, old -> new. When the program says
// which source line the instruction comes from (it was built with -g),
// a line of its own names it whenever it changes:
//
//	                     halt34.S:27
//	     12  0x00000010  main                  addiu $29,$29,-24   $29: 0x00000470 -> 0x00000458
//
// The machine cannot name code itself: symbols belong to the program, and
// programs to the kernel, which answers through the Namer hook. Without
// one (or for a NOFF program, which has no symbols) the function column
// and the source lines are left out.

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
	name := m.CodeName(pc)
	if name.Line != "" && name.Line != m.traceLine {
		fmt.Fprintf(&b, "%*s%s\n", traceNameColumn, "", name.Line)
	}
	m.traceLine = name.Line
	fmt.Fprintf(&b, "%7d  0x%08x  ", tick, pc)
	if name.Function != "" {
		fmt.Fprintf(&b, "%-20s  ", name.Function)
	}
	fmt.Fprintf(&b, "%-28s", m.Disassemble(pc))
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

// traceNameColumn is where the function column of a trace line begins,
// after the tick and the address; source lines start there too.
const traceNameColumn = 7 + 2 + 10 + 2

// A CodeName names the code at an address, for messages: the function
// and how far into it ("main+0x18", or "main" at its first instruction),
// and the source line ("sort.c:42"). Either is "" when not known.
type CodeName struct {
	Function string
	Line     string
}

// String is the name in the one form every message uses:
// "main+0x18 (sort.c:42)", "main+0x18", "sort.c:42", or "".
func (n CodeName) String() string {
	switch {
	case n.Function == "":
		return n.Line
	case n.Line == "":
		return n.Function
	}
	return n.Function + " (" + n.Line + ")"
}

// CodeName names the code at virtual address pc through the kernel's
// Namer, or returns an empty CodeName when there is none.
func (m *Machine) CodeName(pc uint32) CodeName {
	if m.Namer == nil {
		return CodeName{}
	}
	return m.Namer(pc)
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
	return DisassembleWord(word, pc)
}

// DisassembleWord returns instruction word, found at address pc, as
// Disassemble writes it, or ".word 0x..." for a word that is no
// instruction. A debugger that reads code its own way decodes with it.
func DisassembleWord(word, pc uint32) string {
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
