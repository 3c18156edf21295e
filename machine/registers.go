// The register file.
//
// The simulated CPU keeps 40 registers in the Nachos layout: the 32
// general-purpose registers of MIPS, then the special registers that the
// kernel needs to save, restore and advance a user program. Register 0 is
// hard-wired to zero, as on real MIPS.

package machine

import (
	"fmt"
	"io"
)

// Register numbers in the Nachos layout.
const (
	// General-purpose registers with a conventional role in the MIPS ABI.
	ZeroReg    = 0  // always reads as 0
	ResultReg  = 2  // $v0: system call code in, result out
	Arg1Reg    = 4  // $a0..$a3: first four arguments
	Arg2Reg    = 5  //
	Arg3Reg    = 6  //
	Arg4Reg    = 7  //
	StackReg   = 29 // $sp: the user stack pointer
	RetAddrReg = 31 // $ra: written by JAL and JALR

	HiReg        = 32 // high word of a multiply, remainder of a divide
	LoReg        = 33 // low word of a multiply, quotient of a divide
	PCReg        = 34 // address of the instruction to execute now
	NextPCReg    = 35 // address of the next one (the branch delay slot)
	PrevPCReg    = 36 // the instruction executed last, for debugging
	LoadReg      = 37 // target of a delayed load (always 0: loads are interlocked)
	LoadValueReg = 38 // value of a delayed load (always 0)
	BadVAddrReg  = 39 // the failing virtual address after an exception

	NumGPRegs    = 32
	NumTotalRegs = 40
)

// regNames are the ABI names of the general-purpose registers and the
// Nachos names of the special ones, used in traces and register dumps.
var regNames = [NumTotalRegs]string{
	"zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
	"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
	"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
	"t8", "t9", "k0", "k1", "gp", "sp", "fp", "ra",
	"Hi", "Lo", "PC", "NextPC", "PrevPC", "LoadReg", "LoadValue", "BadVAddr",
}

// RegisterName returns a register's name: the ABI name for $0..$31
// ("sp", "ra") and the Nachos name for the special registers ("PC").
func RegisterName(r int) string {
	if r < 0 || r >= NumTotalRegs {
		return "?"
	}
	return regNames[r]
}

// ReadRegister returns the contents of register r.
func (m *Machine) ReadRegister(r int) uint32 { return m.reg[r] }

// WriteRegister sets register r. Writes to register 0 are ignored, as on
// the real CPU.
func (m *Machine) WriteRegister(r int, v uint32) {
	if r != ZeroReg {
		m.reg[r] = v
	}
}

// AdvancePC moves the program counter past the current instruction. The
// CPU does not do this for a system call: the kernel does, once it has
// decided that the call returns to the user program.
func (m *Machine) AdvancePC() {
	m.reg[PrevPCReg] = m.reg[PCReg]
	m.reg[PCReg] = m.reg[NextPCReg]
	m.reg[NextPCReg] += 4
}

// SetPC starts execution at pc, with the delay slot at pc+4.
func (m *Machine) SetPC(pc uint32) {
	m.reg[PCReg] = pc
	m.reg[NextPCReg] = pc + 4
}

// DumpGPRs writes the general-purpose registers in four columns, each
// by name and number ("  sp($29) 0x00000470"): the grid the
// single-stepper and the debugger both show.
func (m *Machine) DumpGPRs(w io.Writer) {
	for r := range NumGPRegs {
		sep := "   "
		if r%4 == 3 {
			sep = "\n"
		}
		fmt.Fprintf(w, "%4s($%-2d) 0x%08x%s", RegisterName(r), r, m.reg[r], sep)
	}
}
