// Instruction execution: one loop, one switch on the opcode, as the MIPS
// manual lays the encodings out.
//
// Each instruction computes where execution goes after its delay slot.
// MIPS executes the instruction after a branch or jump (the delay slot)
// before the branch takes effect, so the CPU keeps two program counters:
// PC, the instruction now, and NextPC, the one after it. A branch changes
// only what comes after NextPC:
//
//	PrevPC <- PC;  PC <- NextPC;  NextPC <- target (or NextPC+4)
//
// An instruction that raises an exception stops the loop before that
// update, so the PC still names it. If it sat in a delay slot, NextPC
// still holds the branch target, and restarting at PC redoes the slot and
// then the branch.
//
// Loads are interlocked: a loaded value is visible to the very next
// instruction. MIPS I code never reads a register in its load delay slot,
// and MIPS32 removed the delay, so both kinds of program run correctly.
//
// The loop keeps going until an exception or until it has executed its
// budget of instructions, so the common case costs no function call.

package machine

import (
	"encoding/binary"
	"math/bits"
)

// Primary opcodes (bits 31..26) that select a group of instructions.
const (
	opSpecial  = 0x00
	opRegimm   = 0x01
	opSpecial2 = 0x1c
	opSpecial3 = 0x1f
)

// execute runs up to budget instructions (at least one), stopping early
// after one that raises an exception. It returns how many completed.
func (m *Machine) execute(budget int64) (done int64) {
	r := &m.reg
loop:
	for ; done < budget; done++ {
		pc := r[PCReg]
		if pc&m.wordKey != m.fetchPage.va && !m.fill(&m.fetchPage, pc, 4, false) {
			break loop
		}
		instr := binary.LittleEndian.Uint32(m.Memory[m.fetchPage.pa|pc&m.pageMask:])
		after := r[NextPCReg] + 4 // where to go after the delay slot
		rs, rt, rd := instr>>21&31, instr>>16&31, instr>>11&31
		imm := uint32(int32(int16(instr))) // sign-extended immediate
		switch instr >> 26 {
		case opSpecial:
			a, b, sa := r[rs], r[rt], instr>>6&31
			switch instr & 0x3f {
			case 0x00: // SLL (and NOP)
				r[rd] = b << sa
			case 0x02: // SRL, or ROTR when bit 21 is set
				if rs&1 != 0 {
					r[rd] = bits.RotateLeft32(b, -int(sa))
				} else {
					r[rd] = b >> sa
				}
			case 0x03: // SRA
				r[rd] = uint32(int32(b) >> sa)
			case 0x04: // SLLV
				r[rd] = b << (a & 31)
			case 0x06: // SRLV, or ROTRV when bit 6 is set
				if sa&1 != 0 {
					r[rd] = bits.RotateLeft32(b, -int(a&31))
				} else {
					r[rd] = b >> (a & 31)
				}
			case 0x07: // SRAV
				r[rd] = uint32(int32(b) >> (a & 31))
			case 0x08: // JR
				after = a
			case 0x09: // JALR
				after = a
				r[rd] = pc + 8
			case 0x0a: // MOVZ
				if b == 0 {
					r[rd] = a
				}
			case 0x0b: // MOVN
				if b != 0 {
					r[rd] = a
				}
			case 0x10: // MFHI
				r[rd] = r[HiReg]
			case 0x12: // MFLO
				r[rd] = r[LoReg]
			case 0x18: // MULT
				p := int64(int32(a)) * int64(int32(b))
				r[HiReg], r[LoReg] = uint32(p>>32), uint32(p)
			case 0x19: // MULTU
				r[HiReg], r[LoReg] = bits.Mul32(a, b)
			case 0x21: // ADDU
				r[rd] = a + b
			case 0x23: // SUBU
				r[rd] = a - b
			case 0x24: // AND
				r[rd] = a & b
			case 0x25: // OR
				r[rd] = a | b
			case 0x26: // XOR
				r[rd] = a ^ b
			case 0x27: // NOR
				r[rd] = ^(a | b)
			case 0x2a: // SLT
				r[rd] = b2u(int32(a) < int32(b))
			case 0x2b: // SLTU
				r[rd] = b2u(a < b)
			default:
				if !m.special(instr, a, b) {
					break loop
				}
			}
		case opRegimm:
			if !m.regimm(instr, pc, &after) {
				break loop
			}
		case 0x02: // J
			after = (pc+4)&0xf0000000 | (instr&0x03ffffff)<<2
		case 0x03: // JAL
			after = (pc+4)&0xf0000000 | (instr&0x03ffffff)<<2
			r[RetAddrReg] = pc + 8
		case 0x04: // BEQ
			if r[rs] == r[rt] {
				after = pc + 4 + imm<<2
			}
		case 0x05: // BNE
			if r[rs] != r[rt] {
				after = pc + 4 + imm<<2
			}
		case 0x06: // BLEZ
			if int32(r[rs]) <= 0 {
				after = pc + 4 + imm<<2
			}
		case 0x07: // BGTZ
			if int32(r[rs]) > 0 {
				after = pc + 4 + imm<<2
			}
		case 0x08: // ADDI
			sum := r[rs] + imm
			if addOverflows(r[rs], imm, sum) {
				m.raise(OverflowException, 0)
				break loop
			}
			r[rt] = sum
		case 0x09: // ADDIU
			r[rt] = r[rs] + imm
		case 0x0a: // SLTI
			r[rt] = b2u(int32(r[rs]) < int32(imm))
		case 0x0b: // SLTIU: the immediate is sign-extended, then compared unsigned
			r[rt] = b2u(r[rs] < imm)
		case 0x0c: // ANDI
			r[rt] = r[rs] & (instr & 0xffff)
		case 0x0d: // ORI
			r[rt] = r[rs] | (instr & 0xffff)
		case 0x0e: // XORI
			r[rt] = r[rs] ^ (instr & 0xffff)
		case 0x0f: // LUI
			r[rt] = instr << 16
		case opSpecial2:
			if !m.special2(instr) {
				break loop
			}
		case opSpecial3:
			if !m.special3(instr) {
				break loop
			}
		case 0x20: // LB
			v, ok := m.load(r[rs]+imm, 1)
			if !ok {
				break loop
			}
			r[rt] = uint32(int32(int8(v)))
		case 0x21: // LH
			v, ok := m.load(r[rs]+imm, 2)
			if !ok {
				break loop
			}
			r[rt] = uint32(int32(int16(v)))
		case 0x22: // LWL
			if !m.loadLeft(r[rs]+imm, &r[rt]) {
				break loop
			}
		case 0x23: // LW
			v, ok := m.loadWord(r[rs] + imm)
			if !ok {
				break loop
			}
			r[rt] = v
		case 0x24: // LBU
			v, ok := m.load(r[rs]+imm, 1)
			if !ok {
				break loop
			}
			r[rt] = v
		case 0x25: // LHU
			v, ok := m.load(r[rs]+imm, 2)
			if !ok {
				break loop
			}
			r[rt] = v
		case 0x26: // LWR
			if !m.loadRight(r[rs]+imm, &r[rt]) {
				break loop
			}
		case 0x28: // SB
			if !m.store(r[rs]+imm, 1, r[rt]) {
				break loop
			}
		case 0x29: // SH
			if !m.store(r[rs]+imm, 2, r[rt]) {
				break loop
			}
		case 0x2a: // SWL
			if !m.storeLeft(r[rs]+imm, r[rt]) {
				break loop
			}
		case 0x2b: // SW
			if !m.storeWord(r[rs]+imm, r[rt]) {
				break loop
			}
		case 0x2e: // SWR
			if !m.storeRight(r[rs]+imm, r[rt]) {
				break loop
			}
		default: // coprocessors, MIPS II and later, and undefined encodings
			m.raise(IllegalInstrException, 0)
			break loop
		}
		r[ZeroReg] = 0 // whatever an instruction wrote to $0 is lost
		r[PrevPCReg], r[PCReg], r[NextPCReg] = pc, r[NextPCReg], after
	}
	return done
}

// special executes the less common instructions of the SPECIAL group
// (opcode 0), selected by the function field. a and b are the values of
// rs and rt. It returns false if the instruction raised an exception.
func (m *Machine) special(instr, a, b uint32) bool {
	r := &m.reg
	rd := instr >> 11 & 31
	switch instr & 0x3f {
	case 0x0c: // SYSCALL: the kernel advances the PC if the call returns
		return m.raise(SyscallException, 0)
	case 0x0d: // BREAK
		return m.raise(TrapException, 0)
	case 0x0f: // SYNC: memory is always coherent here
	case 0x11: // MTHI
		r[HiReg] = a
	case 0x13: // MTLO
		r[LoReg] = a
	case 0x1a: // DIV: dividing by zero does not trap; Nachos leaves 0 in Hi and Lo
		if b == 0 {
			r[HiReg], r[LoReg] = 0, 0
		} else {
			r[HiReg], r[LoReg] = uint32(int32(a)%int32(b)), uint32(int32(a)/int32(b))
		}
	case 0x1b: // DIVU
		if b == 0 {
			r[HiReg], r[LoReg] = 0, 0
		} else {
			r[HiReg], r[LoReg] = a%b, a/b
		}
	case 0x20: // ADD
		if addOverflows(a, b, a+b) {
			return m.raise(OverflowException, 0)
		}
		r[rd] = a + b
	case 0x22: // SUB
		if (a^b)&(a^(a-b))>>31 != 0 {
			return m.raise(OverflowException, 0)
		}
		r[rd] = a - b
	case 0x30, 0x31, 0x32, 0x33, 0x34, 0x36: // TGE TGEU TLT TLTU TEQ TNE
		if trapHolds(instr&0x3f-0x30, a, b) {
			return m.raise(TrapException, 0)
		}
	default:
		return m.raise(IllegalInstrException, 0)
	}
	return true
}

// regimm executes the REGIMM group (opcode 1), selected by the rt field:
// the branches that compare with zero and the trap-immediate instructions.
func (m *Machine) regimm(instr, pc uint32, after *uint32) bool {
	r := &m.reg
	a := r[instr>>21&31]
	imm := uint32(int32(int16(instr)))
	switch rt := instr >> 16 & 31; rt {
	case 0x00, 0x10: // BLTZ, BLTZAL
		if int32(a) < 0 {
			*after = pc + 4 + imm<<2
		}
		if rt == 0x10 {
			r[RetAddrReg] = pc + 8
		}
	case 0x01, 0x11: // BGEZ, BGEZAL
		if int32(a) >= 0 {
			*after = pc + 4 + imm<<2
		}
		if rt == 0x11 {
			r[RetAddrReg] = pc + 8
		}
	case 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0e: // TGEI TGEIU TLTI TLTIU TEQI TNEI
		if trapHolds(rt-0x08, a, imm) {
			return m.raise(TrapException, 0)
		}
	default:
		return m.raise(IllegalInstrException, 0)
	}
	return true
}

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

// special2 executes the MIPS32 SPECIAL2 group: multiply-accumulate, MUL
// and the leading-bit counts.
func (m *Machine) special2(instr uint32) bool {
	r := &m.reg
	rd := instr >> 11 & 31
	a, b := r[instr>>21&31], r[instr>>16&31]
	acc := uint64(r[HiReg])<<32 | uint64(r[LoReg])
	signed := uint64(int64(int32(a)) * int64(int32(b)))
	unsigned := uint64(a) * uint64(b)
	switch instr & 0x3f {
	case 0x00: // MADD
		acc += signed
	case 0x01: // MADDU
		acc += unsigned
	case 0x02: // MUL: the low word of the product, to a general register
		r[rd] = uint32(signed)
		return true
	case 0x04: // MSUB
		acc -= signed
	case 0x05: // MSUBU
		acc -= unsigned
	case 0x20: // CLZ
		r[rd] = uint32(bits.LeadingZeros32(a))
		return true
	case 0x21: // CLO
		r[rd] = uint32(bits.LeadingZeros32(^a))
		return true
	default:
		return m.raise(IllegalInstrException, 0)
	}
	r[HiReg], r[LoReg] = uint32(acc>>32), uint32(acc)
	return true
}

// special3 executes the MIPS32r2 SPECIAL3 group: bit-field extract and
// insert, and the byte shuffles (WSBH, SEB, SEH).
func (m *Machine) special3(instr uint32) bool {
	r := &m.reg
	rt, rd, sa := instr>>16&31, instr>>11&31, instr>>6&31
	a := r[instr>>21&31]
	switch instr & 0x3f {
	case 0x00: // EXT rt, rs, pos=sa, size=rd+1
		if sa+rd+1 <= 32 {
			r[rt] = a >> sa & fieldMask(rd+1)
			return true
		}
	case 0x04: // INS rt, rs, pos=sa, size=rd-sa+1
		if rd >= sa {
			mask := fieldMask(rd-sa+1) << sa
			r[rt] = r[rt]&^mask | a<<sa&mask
			return true
		}
	case 0x20: // BSHFL, selected by the sa field
		b := r[rt]
		switch sa {
		case 0x02: // WSBH: swap the bytes within each halfword
			r[rd] = b&0x00ff00ff<<8 | b>>8&0x00ff00ff
			return true
		case 0x10: // SEB
			r[rd] = uint32(int32(int8(b)))
			return true
		case 0x18: // SEH
			r[rd] = uint32(int32(int16(b)))
			return true
		}
	}
	return m.raise(IllegalInstrException, 0) // including undefined bit fields
}

// fieldMask returns a mask of n low one bits, for 1 <= n <= 32.
func fieldMask(n uint32) uint32 { return uint32(1<<n - 1) }

// addOverflows reports whether sum = a + b overflowed as signed 32-bit
// arithmetic: both operands have one sign and the sum the other.
func addOverflows(a, b, sum uint32) bool { return (a^sum)&(b^sum)>>31 != 0 }

func b2u(c bool) uint32 {
	if c {
		return 1
	}
	return 0
}
