// Hand-written programs with known answers, for the corners of the
// instruction set that are easy to get wrong: the unaligned word
// instructions, delay slots, linking branches, exceptions and what they
// must leave behind, and the tick count.

package machine_test

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// The test machine: 16 pages of 128 bytes, mapped one to one, with the
// program at address 0 and data at execData.
const (
	execPages = 16
	execData  = 0x400 // page 8
)

// execResult is how a hand-written program stopped.
type execResult struct {
	cause                 machine.ExceptionType
	pc, nextPC, badVAddr  uint32
	userTicks, totalTicks int64 // charged by this run
}

func newExecMachine(t *testing.T) *machine.Machine {
	return newMappedMachine(t, 0, execPages*128)
}

// runExec stores code at address 0 and runs it until the first exception,
// which stops the machine. Programs end with BREAK.
func runExec(t *testing.T, m *machine.Machine, code ...uint32) execResult {
	t.Helper()
	for i, w := range code {
		binary.LittleEndian.PutUint32(m.Memory[4*i:], w)
	}
	var res execResult
	m.SetExceptionHandler(func(cause machine.ExceptionType) {
		res.cause = cause
		res.pc = m.ReadRegister(machine.PCReg)
		res.nextPC = m.ReadRegister(machine.NextPCReg)
		res.badVAddr = m.ReadRegister(machine.BadVAddrReg)
		m.Stop()
	})
	user, total := m.Stats.UserTicks, m.Stats.TotalTicks
	m.SetPC(0)
	m.Run()
	res.userTicks, res.totalTicks = m.Stats.UserTicks-user, m.Stats.TotalTicks-total
	return res
}

// requireBreakAt asserts that the program ran to the BREAK at address pc.
func requireBreakAt(t *testing.T, res execResult, pc uint32) {
	t.Helper()
	require.Equal(t, machine.TrapException, res.cause, "the program should end on its BREAK")
	require.Equal(t, fmt.Sprintf("0x%08x", pc), fmt.Sprintf("0x%08x", res.pc), "the program should end on its BREAK")
}

func TestExecUnalignedWordInstructions(t *testing.T) {
	// Memory holds bytes 11 22 33 44 55 66 77 88 at execData; $9 holds
	// 0xaabbccdd. Little-endian: the "left" instructions work on the
	// word's high-order bytes, at the address and below it.
	tests := []struct {
		op     uint32
		offset int32
		reg    uint32  // $9 afterwards
		mem    [4]byte // the first word of memory afterwards
	}{
		{opLWL, 0, 0x11bbccdd, [4]byte{0x11, 0x22, 0x33, 0x44}},
		{opLWL, 1, 0x2211ccdd, [4]byte{0x11, 0x22, 0x33, 0x44}},
		{opLWL, 2, 0x332211dd, [4]byte{0x11, 0x22, 0x33, 0x44}},
		{opLWL, 3, 0x44332211, [4]byte{0x11, 0x22, 0x33, 0x44}},
		{opLWR, 0, 0x44332211, [4]byte{0x11, 0x22, 0x33, 0x44}},
		{opLWR, 1, 0xaa443322, [4]byte{0x11, 0x22, 0x33, 0x44}},
		{opLWR, 2, 0xaabb4433, [4]byte{0x11, 0x22, 0x33, 0x44}},
		{opLWR, 3, 0xaabbcc44, [4]byte{0x11, 0x22, 0x33, 0x44}},
		{opSWL, 0, 0xaabbccdd, [4]byte{0xaa, 0x22, 0x33, 0x44}},
		{opSWL, 1, 0xaabbccdd, [4]byte{0xbb, 0xaa, 0x33, 0x44}},
		{opSWL, 2, 0xaabbccdd, [4]byte{0xcc, 0xbb, 0xaa, 0x44}},
		{opSWL, 3, 0xaabbccdd, [4]byte{0xdd, 0xcc, 0xbb, 0xaa}},
		{opSWR, 0, 0xaabbccdd, [4]byte{0xdd, 0xcc, 0xbb, 0xaa}},
		{opSWR, 1, 0xaabbccdd, [4]byte{0x11, 0xdd, 0xcc, 0xbb}},
		{opSWR, 2, 0xaabbccdd, [4]byte{0x11, 0x22, 0xdd, 0xcc}},
		{opSWR, 3, 0xaabbccdd, [4]byte{0x11, 0x22, 0x33, 0xdd}},
	}
	names := map[uint32]string{opLWL: "lwl", opLWR: "lwr", opSWL: "swl", opSWR: "swr"}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s+%d", names[tt.op], tt.offset), func(t *testing.T) {
			m := newExecMachine(t)
			copy(m.Memory[execData:], []byte{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88})
			m.WriteRegister(8, execData)
			m.WriteRegister(9, 0xaabbccdd)
			requireBreakAt(t, runExec(t, m, encI(tt.op, 8, 9, tt.offset), brk()), 4)
			assert.Equal(t, fmt.Sprintf("0x%08x", tt.reg), fmt.Sprintf("0x%08x", m.ReadRegister(9)))
			assert.Equal(t, tt.mem[:], m.Memory[execData:execData+4])
			assert.Equal(t, []byte{0x55, 0x66, 0x77, 0x88}, m.Memory[execData+4:execData+8], "the next word is untouched")
		})
	}
	t.Run("lwr+lwl pair loads an unaligned word", func(t *testing.T) {
		m := newExecMachine(t)
		copy(m.Memory[execData:], []byte{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88})
		m.WriteRegister(8, execData)
		requireBreakAt(t, runExec(t, m, encI(opLWR, 8, 9, 1), encI(opLWL, 8, 9, 4), brk()), 8)
		assert.Equal(t, uint32(0x55443322), m.ReadRegister(9))
	})
	t.Run("swr+swl pair stores an unaligned word", func(t *testing.T) {
		m := newExecMachine(t)
		m.WriteRegister(8, execData)
		m.WriteRegister(9, 0xaabbccdd)
		requireBreakAt(t, runExec(t, m, encI(opSWR, 8, 9, 3), encI(opSWL, 8, 9, 6), brk()), 8)
		assert.Equal(t, []byte{0, 0, 0, 0xdd, 0xcc, 0xbb, 0xaa, 0}, m.Memory[execData:execData+8])
	})
}

func TestExecDelaySlots(t *testing.T) {
	// Each program: [0] a branch or jump to 12, [4] its delay slot sets $2,
	// [8] sets $3 unless jumped over, [12] sets $4, [16] BREAK.
	set := func(r uint32) uint32 { return addiu(r, 0, 1) }
	tests := []struct {
		name    string
		control uint32
		skipped bool   // the instruction at 8 does not run
		ra      uint32 // $31 afterwards (initially 0xdead)
	}{
		{"beq taken", encI(opBEQ, 0, 0, 2), true, 0xdead},
		{"bne not taken", encI(opBNE, 0, 0, 2), false, 0xdead},
		{"j", encJ(opJ, 12), true, 0xdead},
		{"jal links past the slot", encJ(opJAL, 12), true, 8},
		{"jr", encR(opSpecial, 5, 0, 0, 0, fnJR), true, 0xdead},
		{"jalr links past the slot", encR(opSpecial, 5, 0, 31, 0, fnJALR), true, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newExecMachine(t)
			m.WriteRegister(5, 12)
			m.WriteRegister(31, 0xdead)
			requireBreakAt(t, runExec(t, m, tt.control, set(2), set(3), set(4), brk()), 16)
			assert.Equal(t, uint32(1), m.ReadRegister(2), "the delay slot always runs")
			assert.Equal(t, map[bool]uint32{true: 0, false: 1}[tt.skipped], m.ReadRegister(3))
			assert.Equal(t, uint32(1), m.ReadRegister(4), "the target runs")
			assert.Equal(t, tt.ra, m.ReadRegister(31))
		})
	}
}

// A branch in the delay slot of another is undefined on MIPS; this CPU
// follows the two-counter model through it: one instruction runs at the
// first target, then execution goes on at the second. Stepping one
// instruction at a time must not change that.
func TestExecBranchInADelaySlot(t *testing.T) {
	for _, stepping := range []bool{false, true} {
		m := newExecMachine(t)
		if stepping {
			m.StepHook = func() {}
		}
		code := make([]uint32, 18)
		code[0] = encI(opBEQ, 0, 0, 7)  // to 32
		code[1] = encI(opBEQ, 0, 0, 14) // in the slot: to 64
		code[2] = brk()
		code[8] = addiu(9, 0, 1) // 32: the first target runs once...
		code[9] = addiu(9, 0, 2) // ...and this does not
		code[16] = addiu(10, 0, 3)
		code[17] = brk()
		requireBreakAt(t, runExec(t, m, code...), 68)
		assert.Equal(t, uint32(1), m.ReadRegister(9), "stepping: %v", stepping)
		assert.Equal(t, uint32(3), m.ReadRegister(10), "stepping: %v", stepping)
	}
}

func TestExecLinkingBranchesLinkWhetherTakenOrNot(t *testing.T) {
	// [0] the branch to 12 on $5, [4] slot, [8] sets $3 unless jumped
	// over, [12] BREAK.
	tests := []struct {
		name  string
		rt    uint32
		value uint32 // $5
		taken bool
	}{
		{"bltzal taken", rtBLTZAL, 0xffffffff, true},
		{"bltzal not taken", rtBLTZAL, 1, false},
		{"bgezal taken on zero", rtBGEZAL, 0, true},
		{"bgezal not taken", rtBGEZAL, 0x80000000, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newExecMachine(t)
			m.WriteRegister(5, tt.value)
			requireBreakAt(t, runExec(t, m, encI(opRegimm, 5, tt.rt, 2), nop, addiu(3, 0, 1), brk()), 12)
			assert.Equal(t, uint32(8), m.ReadRegister(31), "$31 is the address after the delay slot")
			assert.Equal(t, map[bool]uint32{true: 0, false: 1}[tt.taken], m.ReadRegister(3))
		})
	}
}

func TestExecExceptionInDelaySlotStaysOnTheSlot(t *testing.T) {
	m := newExecMachine(t)
	m.WriteRegister(5, 0x7fffffff)
	m.WriteRegister(6, 1)
	m.WriteRegister(7, 0x1234)
	// [0] beq to 0x20, [4] an overflowing ADD in the delay slot.
	res := runExec(t, m, encI(opBEQ, 0, 0, 7), encR(opSpecial, 5, 6, 7, 0, fnADD), brk())
	assert.Equal(t, machine.OverflowException, res.cause)
	assert.Equal(t, uint32(4), res.pc, "PC names the instruction in the slot")
	assert.Equal(t, uint32(0x20), res.nextPC, "NextPC still holds the branch target")
	assert.Equal(t, uint32(0x1234), m.ReadRegister(7), "rd is not written")
	assert.Equal(t, int64(1), res.userTicks, "only the branch completed")
}

func TestExecOverflow(t *testing.T) {
	tests := []struct {
		name     string
		instr    uint32
		a, b     uint32 // $5, $6
		overflow bool
	}{
		{"add positive", encR(opSpecial, 5, 6, 7, 0, fnADD), 0x7fffffff, 1, true},
		{"add negative", encR(opSpecial, 5, 6, 7, 0, fnADD), 0x80000000, 0xffffffff, true},
		{"add at the edge", encR(opSpecial, 5, 6, 7, 0, fnADD), 0x7ffffffe, 1, false},
		{"addi", encI(opADDI, 5, 7, 0x10), 0x7ffffff0, 0, true},
		{"addi negative immediate", encI(opADDI, 5, 7, -1), 0x80000000, 0, true},
		{"addi at the edge", encI(opADDI, 5, 7, -1), 0x80000001, 0, false},
		{"sub", encR(opSpecial, 5, 6, 7, 0, fnSUB), 0x80000000, 1, true},
		{"sub of the most negative", encR(opSpecial, 5, 6, 7, 0, fnSUB), 0, 0x80000000, true},
		{"sub at the edge", encR(opSpecial, 5, 6, 7, 0, fnSUB), 0xffffffff, 0x80000000, false},
		{"addu never", encR(opSpecial, 5, 6, 7, 0, fnADDU), 0x7fffffff, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newExecMachine(t)
			m.WriteRegister(5, tt.a)
			m.WriteRegister(6, tt.b)
			m.WriteRegister(7, 0x1234)
			res := runExec(t, m, tt.instr, brk())
			if !tt.overflow {
				requireBreakAt(t, res, 4)
				assert.NotEqual(t, uint32(0x1234), m.ReadRegister(7))
				return
			}
			assert.Equal(t, machine.OverflowException, res.cause)
			assert.Equal(t, uint32(0), res.pc, "PC stays on the instruction")
			assert.Equal(t, uint32(0x1234), m.ReadRegister(7), "the destination is not written")
		})
	}
}

func TestExecDivideByZeroClearsHiLo(t *testing.T) {
	for _, funct := range []uint32{fnDIV, fnDIVU} {
		m := newExecMachine(t)
		m.WriteRegister(5, 12345)
		m.WriteRegister(machine.HiReg, 0x1111)
		m.WriteRegister(machine.LoReg, 0x2222)
		requireBreakAt(t, runExec(t, m, encR(opSpecial, 5, 0, 0, 0, funct), brk()), 4)
		assert.Equal(t, uint32(0), m.ReadRegister(machine.HiReg), "funct 0x%x", funct)
		assert.Equal(t, uint32(0), m.ReadRegister(machine.LoReg), "funct 0x%x", funct)
	}
}

func TestExecWritesToZeroAreDiscarded(t *testing.T) {
	// Each instruction writes $0; the ADDU after it copies $0 to $2.
	tests := []struct {
		name  string
		instr uint32
	}{
		{"addiu", addiu(0, 0, 5)},
		{"lui", lui(0, 0x1234)},
		{"ori", ori(0, 9, 1)},
		{"sll", encR(opSpecial, 0, 9, 0, 1, 0x00)},
		{"addu", encR(opSpecial, 9, 9, 0, 0, fnADDU)},
		{"lw", lw(0, 8, 0)},
		{"lwl", encI(opLWL, 8, 0, 1)},
		{"mfhi", encR(opSpecial, 0, 0, 0, 0, fnMFHI)},
		{"mul", encR(opSpecial2, 9, 9, 0, 0, 0x02)},
		{"clo", encR(opSpecial2, 9, 0, 0, 0, 0x21)},
		{"seb", encR(opSpecial3, 0, 9, 0, 0x10, 0x20)},
		{"jalr", encR(opSpecial, 10, 0, 0, 0, fnJALR)}, // to 8, just past its slot
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newExecMachine(t)
			copy(m.Memory[execData:], []byte{0x11, 0x22, 0x33, 0x44})
			m.WriteRegister(2, 0xdead)
			m.WriteRegister(8, execData)
			m.WriteRegister(9, 0x80000081)
			m.WriteRegister(10, 8)
			m.WriteRegister(machine.HiReg, 0x5555)
			requireBreakAt(t, runExec(t, m, tt.instr, encR(opSpecial, 0, 0, 2, 0, fnADDU), brk()), 8)
			assert.Equal(t, uint32(0), m.ReadRegister(0))
			assert.Equal(t, uint32(0), m.ReadRegister(2), "the next instruction reads $0 as 0")
		})
	}
}

func TestExecUnalignedAccessRaisesAddressError(t *testing.T) {
	tests := []struct {
		name  string
		instr uint32
		addr  uint32
	}{
		{"lw", lw(9, 8, 1), execData + 1},
		{"lw at 2", lw(9, 8, 2), execData + 2},
		{"lh", encI(opLH, 8, 9, 3), execData + 3},
		{"sw", sw(9, 8, 2), execData + 2},
		{"sh", encI(0x29, 8, 9, 1), execData + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newExecMachine(t)
			m.WriteRegister(8, execData)
			m.WriteRegister(9, 0x1234)
			// An aligned load and store first make the page's
			// translations hot: alignment must be checked on a hit too.
			res := runExec(t, m, lw(10, 8, 0), sw(0, 8, 4), tt.instr, brk())
			assert.Equal(t, machine.AddressErrorException, res.cause)
			assert.Equal(t, uint32(8), res.pc)
			assert.Equal(t, tt.addr, res.badVAddr)
			assert.Equal(t, uint32(0x1234), m.ReadRegister(9))
			assert.Equal(t, make([]byte, 8), m.Memory[execData:execData+8], "nothing is stored")
		})
	}
}

// An empty line of a translation cache must not match any access, not
// even an unaligned one into page 0, whose key is as small as a key gets.
func TestExecUnalignedAccessToPageZeroMissesTheEmptyCache(t *testing.T) {
	tests := []struct {
		name string
		code []uint32
	}{
		{"lw", []uint32{lw(9, 0, 3), brk()}},
		{"sw", []uint32{sw(9, 0, 3), brk()}},
		{"jump", []uint32{addiu(8, 0, 3), encR(opSpecial, 8, 0, 0, 0, fnJR), nop, brk()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newExecMachine(t)
			// The program runs in page 1, so that the line of every
			// table where page 0 would go is empty.
			const start = 0x80
			for i, w := range tt.code {
				binary.LittleEndian.PutUint32(m.Memory[start+4*i:], w)
			}
			var cause machine.ExceptionType
			m.SetExceptionHandler(func(c machine.ExceptionType) { cause = c; m.Stop() })
			m.SetPC(start)
			m.Run()
			assert.Equal(t, machine.AddressErrorException, cause)
			assert.Equal(t, uint32(3), m.ReadRegister(machine.BadVAddrReg))
			assert.Equal(t, make([]byte, 8), m.Memory[:8], "nothing is stored")
		})
	}
}

func TestExecTranslationFaults(t *testing.T) {
	tests := []struct {
		name  string
		setup func(m *machine.Machine)
		code  []uint32
		cause machine.ExceptionType
		pc    uint32 // where the exception is taken
		bad   uint32 // BadVAddr
	}{
		{
			name:  "fetch from an invalid page",
			setup: func(m *machine.Machine) { m.PageTable[1].Valid = false },
			code:  []uint32{encJ(opJ, 0x84), nop},
			cause: machine.PageFaultException, pc: 0x84, bad: 0x84,
		},
		{
			name:  "fetch beyond the page table",
			setup: func(m *machine.Machine) { m.PageTable = m.PageTable[:1] },
			code:  []uint32{encJ(opJ, 0x80), nop},
			cause: machine.AddressErrorException, pc: 0x80, bad: 0x80,
		},
		{
			// The load first makes the page's translation hot.
			name:  "store to a read-only page",
			setup: func(m *machine.Machine) { m.PageTable[execData/128].ReadOnly = true },
			code:  []uint32{lw(10, 8, 4), sw(9, 8, 4), brk()},
			cause: machine.ReadOnlyException, pc: 4, bad: execData + 4,
		},
		{
			name:  "load from a frame beyond physical memory",
			setup: func(m *machine.Machine) { m.PageTable[execData/128].PhysicalPage = execPages },
			code:  []uint32{lw(10, 8, 4), brk()},
			cause: machine.BusErrorException, pc: 0, bad: execData + 4,
		},
		{
			name:  "load from an invalid page",
			setup: func(m *machine.Machine) { m.PageTable[execData/128].Valid = false },
			code:  []uint32{nop, lw(10, 8, 8), brk()},
			cause: machine.PageFaultException, pc: 4, bad: execData + 8,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newExecMachine(t)
			m.WriteRegister(8, execData)
			m.WriteRegister(9, 0x1234)
			m.WriteRegister(10, 0x5678)
			tt.setup(m)
			res := runExec(t, m, tt.code...)
			assert.Equal(t, tt.cause, res.cause)
			assert.Equal(t, fmt.Sprintf("0x%08x", tt.pc), fmt.Sprintf("0x%08x", res.pc))
			assert.Equal(t, fmt.Sprintf("0x%08x", tt.bad), fmt.Sprintf("0x%08x", res.badVAddr))
			assert.Equal(t, make([]byte, 8), m.Memory[execData:execData+8], "nothing is stored")
		})
	}
}

func TestExecIllegalAndTrapInstructions(t *testing.T) {
	tests := []struct {
		name  string
		instr uint32
		cause machine.ExceptionType // NoException: runs on to the BREAK
	}{
		{"cop1 add.s", 0x46000000, machine.IllegalInstrException},
		{"lwc1", 0xc4000000, machine.IllegalInstrException},
		{"cop0 mfc0", 0x40000000, machine.IllegalInstrException},
		{"beql (MIPS II)", 0x50000000, machine.IllegalInstrException},
		{"bltzall", 0x04120000, machine.IllegalInstrException},
		{"ll", 0xc0820000, machine.IllegalInstrException},
		{"sc", 0xe0820000, machine.IllegalInstrException},
		{"cache", 0xbc940000, machine.IllegalInstrException},
		{"eret", 0x42000018, machine.IllegalInstrException},
		// PREF is a hint the CPU ignores: even an unmapped or unaligned
		// address does not fault.
		{"pref 0x1e,-8($4)", 0xcc9efff8, machine.NoException},
		{"pref 0x0,3($5)", 0xcca00003, machine.NoException},
		{"teq equal", encR(opSpecial, 5, 5, 0, 0, fnTEQ), machine.TrapException},
		{"teq unequal", encR(opSpecial, 5, 6, 0, 0, fnTEQ), machine.NoException},
		{"syscall", syscallInstr(), machine.SyscallException},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newExecMachine(t)
			m.WriteRegister(5, 7)
			m.WriteRegister(6, 8)
			res := runExec(t, m, tt.instr, brk())
			if tt.cause == machine.NoException {
				requireBreakAt(t, res, 4)
				return
			}
			assert.Equal(t, tt.cause, res.cause)
			assert.Equal(t, uint32(0), res.pc, "PC stays on the instruction")
			assert.Equal(t, int64(0), res.userTicks, "the instruction did not complete")
		})
	}
}

func TestExecTicksOnePerInstruction(t *testing.T) {
	// Runs [0] [4] [8]=beq to 20, [12] its slot, [20]; [16] is jumped
	// over: five instructions, then the BREAK, which is not counted.
	m := newExecMachine(t)
	res := runExec(t, m,
		addiu(2, 0, 1), addiu(3, 0, 1), encI(opBEQ, 0, 0, 2), addiu(4, 0, 1),
		addiu(5, 0, 1), addiu(6, 0, 1), brk())
	requireBreakAt(t, res, 24)
	assert.Equal(t, int64(5), res.userTicks)
	assert.Equal(t, int64(5), res.totalTicks)
	assert.Equal(t, uint32(0), m.ReadRegister(5), "the instruction at 16 was jumped over")
}
