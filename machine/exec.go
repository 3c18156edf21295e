// Instruction execution: one loop, one switch on the decoded operation
// (predecode.go).
//
// MIPS executes the instruction after a branch or jump (the delay slot)
// before the branch takes effect, so the architecture has two program
// counters: PC, the instruction now, and NextPC, the one after it. A
// branch changes only what comes after NextPC:
//
//	PrevPC <- PC;  PC <- NextPC;  NextPC <- target (or NextPC+4)
//
// An instruction that raises an exception leaves the PC naming it. If it
// sat in a delay slot, NextPC still holds the branch target, and
// restarting at PC redoes the slot and then the branch.
//
// Loads are interlocked: a loaded value is visible to the very next
// instruction. MIPS I code never reads a register in its load delay slot,
// and MIPS32 removed the delay, so both kinds of program run correctly.
//
// The loop keeps going until an exception or until it has executed its
// budget of instructions. It is split in two so that the common case
// costs no function call: a fast loop that executes what it can on its
// own, and a slow path (slowpath.go) for the rest, after which the fast
// loop carries on. The fast loop does not keep PC and NextPC as it goes;
// it keeps its place in a page of ops, and sets the registers whenever it
// hands over.

package machine

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// execute runs up to budget instructions (at least one), stopping early
// after one that raises an exception. It returns how many completed.
func (m *Machine) execute(budget int64) (done int64) {
	for {
		n, why := m.fastLoop(budget - done)
		done += n
		switch why {
		case needFetch:
			if !m.fetch() {
				return done
			}
		case needSlowPath:
			if !m.slowStep() {
				return done
			}
			if done++; done < budget {
				continue
			}
			fallthrough
		default: // the budget is spent, or an exception was raised
			return done
		}
	}
}

// A handoff says why the fast loop stopped.
type handoff uint8

const (
	outOfBudget  handoff = iota // it executed its whole budget
	raised                      // the last instruction raised an exception
	needFetch                   // the PC's page is not in the fetch table
	needSlowPath                // the instruction at PC needs the slow path
)

// fastLoop executes ops for as long as it can do so without calling a
// function, and hands over to execute when it cannot. This is what keeps
// the loop fast: Go saves every live register around a call, so a loop
// with no calls keeps its state in registers.
//
// It runs the ops of one page at a time, in order, by their index in the
// page, so that straight-line code costs no program-counter arithmetic at
// all. A taken branch or jump is remembered as a pendingJump until its
// delay slot has run. Each exit leaves the registers describing the
// instruction at PC, not yet executed (or, after an exception, the one
// that raised it).
func (m *Machine) fastLoop(budget int64) (done int64, why handoff) {
	r := &m.reg
	pc, prev := r[PCReg], r[PrevPCReg]
	// jumps[0] is the taken jump waiting for its delay slot, if any.
	// jumps[1] is a jump taken in that delay slot (which MIPS leaves
	// undefined): one instruction runs at the first target, then the
	// second jump is taken. (An array, so that they stay in memory and
	// leave the registers to the loop.)
	jumps := [2]pendingJump{{at: noJump}, {at: noJump}}
	if npc := r[NextPCReg]; npc != pc+4 { // resuming in a delay slot
		jumps[0] = pendingJump{at: 1, target: npc}
	}
	for done < budget {
		c := m.codeLine(pc)
		if pc&m.wordKey != c.va {
			why = needFetch
			break
		}
		ops, base, i := c.ops, c.va, int(pc&m.pageMask>>2)
		limit := min(budget, jumps[0].at)
		first := done // the instruction before ops[i] is prev
	run:
		for ; done < limit && i < len(ops); done++ {
			o := &ops[i]
			var dest uint32 // where a taken branch goes
			switch o.code {
			case opSLL:
				r[o.d] = r[o.t] << (o.imm & 31)
			case opSRL:
				r[o.d] = r[o.t] >> (o.imm & 31)
			case opROTR:
				r[o.d] = bits.RotateLeft32(r[o.t], -int(o.imm))
			case opSRA:
				r[o.d] = uint32(int32(r[o.t]) >> (o.imm & 31))
			case opSLLV:
				r[o.d] = r[o.t] << (r[o.s] & 31)
			case opSRLV:
				r[o.d] = r[o.t] >> (r[o.s] & 31)
			case opROTRV:
				r[o.d] = bits.RotateLeft32(r[o.t], -int(r[o.s]&31))
			case opSRAV:
				r[o.d] = uint32(int32(r[o.t]) >> (r[o.s] & 31))
			case opJR:
				dest = r[o.s]
				goto taken
			case opJALR:
				dest = r[o.s]
				r[o.d] = pcAt(base, i) + 8
				goto taken
			case opMOVZ:
				if r[o.t] == 0 {
					r[o.d] = r[o.s]
				}
			case opMOVN:
				if r[o.t] != 0 {
					r[o.d] = r[o.s]
				}
			case opSYSCALL: // the kernel advances the PC if the call returns
				m.raise(SyscallException, 0)
				why = raised
				break run
			case opBREAK:
				m.raise(TrapException, 0)
				why = raised
				break run
			case opNOP:
			case opMFHI:
				r[o.d] = r[HiReg]
			case opMTHI:
				r[HiReg] = r[o.s]
			case opMFLO:
				r[o.d] = r[LoReg]
			case opMTLO:
				r[LoReg] = r[o.s]
			case opMULT:
				p := int64(int32(r[o.s])) * int64(int32(r[o.t]))
				r[HiReg], r[LoReg] = uint32(p>>32), uint32(p)
			case opMULTU:
				r[HiReg], r[LoReg] = bits.Mul32(r[o.s], r[o.t])
			case opDIV:
				r[HiReg], r[LoReg] = divide(r[o.s], r[o.t])
			case opDIVU:
				r[HiReg], r[LoReg] = divideUnsigned(r[o.s], r[o.t])
			case opADD:
				a, b := r[o.s], r[o.t]
				if addOverflows(a, b, a+b) {
					m.raise(OverflowException, 0)
					why = raised
					break run
				}
				r[o.d] = a + b
			case opADDU:
				r[o.d] = r[o.s] + r[o.t]
			case opSUB:
				a, b := r[o.s], r[o.t]
				if subOverflows(a, b, a-b) {
					m.raise(OverflowException, 0)
					why = raised
					break run
				}
				r[o.d] = a - b
			case opSUBU:
				r[o.d] = r[o.s] - r[o.t]
			case opAND:
				r[o.d] = r[o.s] & r[o.t]
			case opOR:
				r[o.d] = r[o.s] | r[o.t]
			case opXOR:
				r[o.d] = r[o.s] ^ r[o.t]
			case opNOR:
				r[o.d] = ^(r[o.s] | r[o.t])
			case opSLT:
				r[o.d] = b2u(int32(r[o.s]) < int32(r[o.t]))
			case opSLTU:
				r[o.d] = b2u(r[o.s] < r[o.t])
			case opTrap:
				if trapHolds(o.imm, r[o.s], r[o.t]) {
					m.raise(TrapException, 0)
					why = raised
					break run
				}
			case opBLTZ:
				if int32(r[o.s]) < 0 {
					dest = pcAt(base, i) + o.imm
					goto taken
				}
			case opBGEZ:
				if int32(r[o.s]) >= 0 {
					dest = pcAt(base, i) + o.imm
					goto taken
				}
			case opBLTZAL:
				r[RetAddrReg] = pcAt(base, i) + 8 // linked whether taken or not
				if int32(r[o.s]) < 0 {
					dest = pcAt(base, i) + o.imm
					goto taken
				}
			case opBGEZAL:
				r[RetAddrReg] = pcAt(base, i) + 8
				if int32(r[o.s]) >= 0 {
					dest = pcAt(base, i) + o.imm
					goto taken
				}
			case opTrapImm:
				if trapHolds(uint32(o.t)-0x08, r[o.s], o.imm) {
					m.raise(TrapException, 0)
					why = raised
					break run
				}
			case opJ:
				dest = (pcAt(base, i)+4)&0xf0000000 | o.imm
				goto taken
			case opJAL:
				dest = (pcAt(base, i)+4)&0xf0000000 | o.imm
				r[RetAddrReg] = pcAt(base, i) + 8
				goto taken
			case opBEQ:
				if r[o.s] == r[o.t] {
					dest = pcAt(base, i) + o.imm
					goto taken
				}
			case opBNE:
				if r[o.s] != r[o.t] {
					dest = pcAt(base, i) + o.imm
					goto taken
				}
			case opBLEZ:
				if int32(r[o.s]) <= 0 {
					dest = pcAt(base, i) + o.imm
					goto taken
				}
			case opBGTZ:
				if int32(r[o.s]) > 0 {
					dest = pcAt(base, i) + o.imm
					goto taken
				}
			case opADDI:
				sum := r[o.s] + o.imm
				if addOverflows(r[o.s], o.imm, sum) {
					m.raise(OverflowException, 0)
					why = raised
					break run
				}
				r[o.d] = sum
			case opADDIU:
				r[o.d] = r[o.s] + o.imm
			case opSLTI:
				r[o.d] = b2u(int32(r[o.s]) < int32(o.imm))
			case opSLTIU: // the immediate is sign-extended, then compared unsigned
				r[o.d] = b2u(r[o.s] < o.imm)
			case opANDI:
				r[o.d] = r[o.s] & o.imm
			case opORI:
				r[o.d] = r[o.s] | o.imm
			case opXORI:
				r[o.d] = r[o.s] ^ o.imm
			case opLUI:
				r[o.d] = o.imm
			case opLW: // the loads and stores programs use most, when their page is cached
				if pa, ok := m.cached(&m.loads, r[o.s]+o.imm, m.wordKey); ok {
					r[o.d] = le32(m.Memory, pa)
				} else {
					goto slow
				}
			case opLBU:
				if pa, ok := m.cached(&m.loads, r[o.s]+o.imm, ^m.pageMask); ok {
					r[o.d] = uint32(m.Memory[pa])
				} else {
					goto slow
				}
			case opLB:
				if pa, ok := m.cached(&m.loads, r[o.s]+o.imm, ^m.pageMask); ok {
					r[o.d] = uint32(int8(m.Memory[pa]))
				} else {
					goto slow
				}
			case opSW:
				if pa, ok := m.cached(&m.stores, r[o.s]+o.imm, m.wordKey); ok {
					putLE32(m.Memory, pa, r[o.t])
				} else {
					goto slow
				}
			case opSB:
				if pa, ok := m.cached(&m.stores, r[o.s]+o.imm, ^m.pageMask); ok {
					m.Memory[pa] = byte(r[o.t])
				} else {
					goto slow
				}
			default: // the rest of the loads and stores, and the rare groups
				goto slow
			}
			i++
			continue
		slow:
			why = needSlowPath
			break run
		taken:
			if jumps[0].at != noJump {
				jumps[1] = pendingJump{at: done + 2, target: dest}
			} else {
				jumps[0] = pendingJump{at: done + 2, target: dest}
				limit = min(limit, done+2)
			}
			i++
		}
		pc = pcAt(base, i)
		if done > first {
			prev = pc - 4
		}
		if why != outOfBudget {
			break
		}
		if done == jumps[0].at {
			pc = jumps[0].target
			jumps[0], jumps[1] = jumps[1], pendingJump{at: noJump}
		}
	}
	npc := pc + 4
	if jumps[0].at == done+1 {
		npc = jumps[0].target
	}
	r[PrevPCReg], r[PCReg], r[NextPCReg] = prev, pc, npc
	return done, why
}

// pendingJump is a taken branch or jump waiting for its delay slot: once
// the fast loop has executed at instructions, execution goes on at target.
type pendingJump struct {
	at     int64
	target uint32
}

// noJump is the at of no jump: the loop never counts that far.
const noJump = math.MaxInt64

// pcAt is the address of ops[i] on the page at base.
func pcAt(base uint32, i int) uint32 { return base + uint32(i)<<2 }

// trapHolds evaluates a trap condition. Both trap groups number their
// conditions alike: GE, GEU, LT, LTU, EQ, (unused), NE.
func trapHolds(cond, a, b uint32) bool {
	switch cond {
	case 0:
		return int32(a) >= int32(b)
	case 1:
		return a >= b
	case 2:
		return int32(a) < int32(b)
	case 3:
		return a < b
	case 4:
		return a == b
	}
	return a != b
}

// le32 reads the little-endian word at mem[i:i+4]. (Slicing exactly four
// bytes lets the compiler check the bounds once and make one load.)
func le32(mem []byte, i uint32) uint32 {
	j := int(i)
	return binary.LittleEndian.Uint32(mem[j : j+4 : j+4])
}

// putLE32 writes v as the little-endian word at mem[i:i+4].
func putLE32(mem []byte, i, v uint32) {
	j := int(i)
	binary.LittleEndian.PutUint32(mem[j:j+4:j+4], v)
}

// subOverflows reports whether diff = a - b overflowed as signed 32-bit
// arithmetic: the operands' signs differ and the result has b's sign.
func subOverflows(a, b, diff uint32) bool { return (a^b)&(a^diff)>>31 != 0 }

// divide returns the remainder and quotient of a signed division (Hi and
// Lo). Dividing by zero does not trap; Nachos leaves 0 in both.
func divide(a, b uint32) (hi, lo uint32) {
	if b == 0 {
		return 0, 0
	}
	return uint32(int32(a) % int32(b)), uint32(int32(a) / int32(b))
}

// divideUnsigned is DIVU's divide.
func divideUnsigned(a, b uint32) (hi, lo uint32) {
	if b == 0 {
		return 0, 0
	}
	return a % b, a / b
}

// addOverflows reports whether sum = a + b overflowed as signed 32-bit
// arithmetic: both operands have one sign and the sum the other.
func addOverflows(a, b, sum uint32) bool { return (a^sum)&(b^sum)>>31 != 0 }

func b2u(c bool) uint32 {
	if c {
		return 1
	}
	return 0
}
