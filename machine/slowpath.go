// The slow path: what the fast loop (exec.go) hands over because it
// would need a function call.
//
// Only a few things do: moving to a code page that is not in the fetch
// table, a load or store whose page is not in its table, and the
// instructions that are rare in real programs.
// Each is done here, with every check, and then the fast loop goes on.

package machine

import "math/bits"

// fetch gets the fast loop ready to execute on the PC's page: it
// translates the page and finds the frame's decoded ops. It returns false
// if the fetch raised an exception.
func (m *Machine) fetch() bool {
	pc := m.reg[PCReg]
	var page pageCache
	if !m.fill(&page, pc, 4, false) {
		return false
	}
	i := m.lineIndex(pc)
	m.fetches.lines[i] = codeLine{va: page.va, ops: m.codeAt(page.pa).ops}
	m.fetches.filled |= 1 << i
	return true
}

// slowStep executes the instruction at PC, which the fast loop could not,
// and advances the PC past it. It returns false if the instruction raised
// an exception.
func (m *Machine) slowStep() bool {
	r := &m.reg
	o := &m.codeLine(r[PCReg]).ops[r[PCReg]&m.pageMask>>2] // the fast loop just fetched it
	addr := r[o.s] + o.imm
	var ok bool
	switch o.code {
	case opLB, opLBU, opLH, opLHU, opLW:
		var v uint32
		if v, ok = m.load(addr, loadSize[o.code]); ok {
			r[o.d] = extend(o.code, v)
		}
	case opSB, opSH, opSW:
		ok = m.store(addr, loadSize[o.code], r[o.t])
	case opLWL:
		ok = m.loadLeft(addr, &r[o.d])
	case opLWR:
		ok = m.loadRight(addr, &r[o.d])
	case opSWL:
		ok = m.storeLeft(addr, r[o.t])
	case opSWR:
		ok = m.storeRight(addr, r[o.t])
	case opSpecial2:
		ok = m.special2(o.word)
	case opSpecial3:
		ok = m.special3(o.word)
	default: // coprocessors, MIPS II and later, and undefined encodings
		return m.raise(IllegalInstrException, 0)
	}
	r[ZeroReg] = 0 // the rare groups decode their own destination, which may be $0
	if ok {
		m.AdvancePC()
	}
	return ok
}

// loadSize is the width in bytes of each plain load and store.
var loadSize = [...]uint32{
	opLB: 1, opLBU: 1, opSB: 1, opLH: 2, opLHU: 2, opSH: 2, opLW: 4, opSW: 4,
}

// extend widens a loaded byte or halfword to a register, with its sign
// for LB and LH.
func extend(code opcode, v uint32) uint32 {
	switch code {
	case opLB:
		return uint32(int32(int8(v)))
	case opLH:
		return uint32(int32(int16(v)))
	}
	return v
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
