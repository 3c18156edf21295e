// Predecoding: the CPU takes each instruction word apart once, not every
// time it executes it.
//
// A MIPS instruction packs its operation and operands into bit fields, and
// finding the operation takes up to two table look-ups (the opcode, then
// the function field of the SPECIAL group). A program spends its time in
// loops, so the CPU decodes a word into an op (one small operation number,
// the register numbers and a ready-made immediate) and keeps the op beside
// the physical frame the word came from. Executing an op is one switch.
//
// When anything changes a word that was decoded (the kernel loading a new
// program into the frame, or a program storing into its own code), the
// CPU notices and decodes the word again (codeAt), so no one has to
// remember to tell it.

package machine

import (
	"bytes"
	"encoding/binary"
)

// op is one decoded instruction.
type op struct {
	word uint32 // the instruction word this op was decoded from
	imm  uint32 // the immediate, ready to use (see decode)
	code opcode // what to do
	d    uint8  // the destination register, or sinkReg for $0
	s, t uint8  // the rs and rt fields: source registers
}

// opcode numbers the operations densely, so that the CPU's switch on it
// compiles to a single jump table.
type opcode uint8

// The operations. The two rare MIPS32 groups (multiply-accumulate, bit
// fields) keep their own small decoders in slowpath.go and reach them
// through one opcode each.
//
// The zero op is the decoding of the zero word (SLL $0,$0,0, the MIPS
// NOP), so the ops of a new frame are already right for an all-zero frame
// (see codeAt).
const (
	opNOP opcode = iota // also SYNC and PREF: see primaryOps and specialOps
	opIllegal
	opSLL
	opSRL
	opROTR
	opSRA
	opSLLV
	opSRLV
	opROTRV
	opSRAV
	opJR
	opJALR
	opMOVZ
	opMOVN
	opSYSCALL
	opBREAK
	opMFHI
	opMTHI
	opMFLO
	opMTLO
	opMULT
	opMULTU
	opDIV
	opDIVU
	opADD
	opADDU
	opSUB
	opSUBU
	opAND
	opOR
	opXOR
	opNOR
	opSLT
	opSLTU
	opTrap // TGE..TNE: the condition is in imm
	opBLTZ
	opBGEZ
	opBLTZAL
	opBGEZAL
	opTrapImm // TGEI..TNEI: the condition is t-8
	opJ
	opJAL
	opBEQ
	opBNE
	opBLEZ
	opBGTZ
	opADDI
	opADDIU
	opSLTI
	opSLTIU
	opANDI
	opORI
	opXORI
	opLUI
	opSpecial2 // MADD, MUL, CLZ...: decoded again from the word
	opSpecial3 // EXT, INS, SEB...: decoded again from the word
	opLB
	opLH
	opLWL
	opLW
	opLBU
	opLHU
	opLWR
	opSB
	opSH
	opSWL
	opSW
	opSWR
)

// sinkReg is where writes to $0 go, so that $0 always reads as zero and
// no instruction has to check for it. The register file has 256 entries
// so that a byte-sized register number never needs a bounds check.
const sinkReg = NumTotalRegs

// Primary opcodes (bits 31..26) that select a group of instructions.
const (
	opcodeSpecial  = 0x00
	opcodeRegimm   = 0x01
	opcodeSpecial2 = 0x1c
	opcodeSpecial3 = 0x1f
)

// primaryOps maps the primary opcode field of the I- and J-type
// instructions to their operations.
//
// PREF (0x33) asks the cache to fetch a line early. It is only a hint: it
// never faults, even on a bad address, and a CPU may ignore it, as this
// one does, having no cache.
var primaryOps = opTable(map[uint32]opcode{
	0x02: opJ, 0x03: opJAL, 0x04: opBEQ, 0x05: opBNE, 0x06: opBLEZ, 0x07: opBGTZ,
	0x08: opADDI, 0x09: opADDIU, 0x0a: opSLTI, 0x0b: opSLTIU,
	0x0c: opANDI, 0x0d: opORI, 0x0e: opXORI, 0x0f: opLUI,
	opcodeSpecial2: opSpecial2, opcodeSpecial3: opSpecial3,
	0x20: opLB, 0x21: opLH, 0x22: opLWL, 0x23: opLW, 0x24: opLBU, 0x25: opLHU, 0x26: opLWR,
	0x28: opSB, 0x29: opSH, 0x2a: opSWL, 0x2b: opSW, 0x2e: opSWR,
	0x33: opNOP, // PREF
})

// specialOps maps the function field of the SPECIAL group. SYNC (0x0f)
// orders memory accesses; here memory is always coherent, so it does
// nothing.
var specialOps = opTable(map[uint32]opcode{
	0x00: opSLL, 0x02: opSRL, 0x03: opSRA, 0x04: opSLLV, 0x06: opSRLV, 0x07: opSRAV,
	0x08: opJR, 0x09: opJALR, 0x0a: opMOVZ, 0x0b: opMOVN,
	0x0c: opSYSCALL, 0x0d: opBREAK, 0x0f: opNOP, // SYNC
	0x10: opMFHI, 0x11: opMTHI, 0x12: opMFLO, 0x13: opMTLO,
	0x18: opMULT, 0x19: opMULTU, 0x1a: opDIV, 0x1b: opDIVU,
	0x20: opADD, 0x21: opADDU, 0x22: opSUB, 0x23: opSUBU,
	0x24: opAND, 0x25: opOR, 0x26: opXOR, 0x27: opNOR, 0x2a: opSLT, 0x2b: opSLTU,
	0x30: opTrap, 0x31: opTrap, 0x32: opTrap, 0x33: opTrap, 0x34: opTrap, 0x36: opTrap,
})

// regimmOps maps the rt field of the REGIMM group.
var regimmOps = opTable(map[uint32]opcode{
	0x00: opBLTZ, 0x01: opBGEZ, 0x10: opBLTZAL, 0x11: opBGEZAL,
	0x08: opTrapImm, 0x09: opTrapImm, 0x0a: opTrapImm, 0x0b: opTrapImm, 0x0c: opTrapImm, 0x0e: opTrapImm,
})

// opTable makes a decoding table indexed by a 6-bit (or 5-bit) field, in
// which every encoding not listed is illegal.
func opTable(listed map[uint32]opcode) (table [64]opcode) {
	for i := range table {
		table[i] = opIllegal
	}
	for field, code := range listed {
		table[field] = code
	}
	return table
}

// decode takes an instruction word apart. The immediate is prepared for
// the operation: a shift amount for shifts, zero-extended for the logical
// immediates, shifted for LUI, the offset from the branch to its target
// (plus 4, the delay slot) for branches, the target's low 28 bits for J
// and JAL, and sign-extended otherwise.
func decode(word uint32) op {
	rs, rt, rd := uint8(word>>21&31), uint8(word>>16&31), uint8(word>>11&31)
	o := op{word: word, s: rs, t: rt, imm: uint32(int32(int16(word)))}
	switch primary := word >> 26; primary {
	case opcodeSpecial:
		o.code, o.d, o.imm = specialOps[word&0x3f], rd, word>>6&31
		switch {
		case o.code == opSRL && rs&1 != 0:
			o.code = opROTR
		case o.code == opSRLV && o.imm&1 != 0:
			o.code = opROTRV
		case word == 0:
			return op{} // NOP
		case o.code == opTrap:
			o.imm = word&0x3f - 0x30
		}
	case opcodeRegimm:
		if o.code = regimmOps[rt]; o.code != opTrapImm {
			o.imm = o.imm<<2 + 4
		}
	default:
		o.code, o.d = primaryOps[primary], rt
		switch o.code {
		case opBEQ, opBNE, opBLEZ, opBGTZ:
			o.imm = o.imm<<2 + 4
		case opJ, opJAL:
			o.imm = (word & 0x03ffffff) << 2
		case opANDI, opORI, opXORI:
			o.imm = word & 0xffff
		case opLUI:
			o.imm = word << 16
		}
	}
	if o.d == ZeroReg {
		o.d = sinkReg
	}
	return o
}

// codeFrame holds the decoded instructions of one physical frame.
//
// image repeats what the ops' words say, as bytes, so that checking a
// frame after each return from the kernel (which under -rs is every few
// hundred instructions) is one fast comparison rather than a loop over
// every op.
type codeFrame struct {
	ops     []op   // ops[i] is the decoding of the frame's word i
	image   []byte // the frame's contents that ops were decoded from
	checked uint32 // the generation in which image last matched memory
}

// codeAt returns the decoded instructions of the frame that holds
// physical address pa, decoding any word that changed since they were
// last checked.
//
// Within one run of the CPU loop, only the program can change memory,
// and its stores into a frame that holds code take the slow path, which
// decodes the word again (recode). Between runs, the kernel may have
// written anything anywhere, so a frame is compared with its image once
// per generation (see flushPageCaches) before its ops are used.
func (m *Machine) codeAt(pa uint32) *codeFrame {
	number := pa >> m.pageShift
	frame := m.decoded[number]
	if frame == nil {
		// The zero op is the decoding of the zero word, so an all-zero
		// image is where a new frame starts from.
		frame = &codeFrame{ops: make([]op, m.pageSize/4), image: make([]byte, m.pageSize)}
		m.decoded[number] = frame
		for i := range m.stores.lines { // stores to this frame must take the slow path from now on
			if m.stores.lines[i].pa == number<<m.pageShift {
				m.stores.lines[i].va = noPage
			}
		}
	}
	if frame.checked != m.generation {
		contents := m.Memory[number<<m.pageShift:][:m.pageSize]
		if !bytes.Equal(frame.image, contents) {
			for i := range frame.ops {
				if word := binary.LittleEndian.Uint32(contents[4*i:]); word != frame.ops[i].word {
					frame.ops[i] = decode(word)
				}
			}
			copy(frame.image, contents)
		}
		frame.checked = m.generation
	}
	return frame
}

// recode decodes again the word at physical address pa, after a store
// into a frame that holds code.
func (m *Machine) recode(frame *codeFrame, pa uint32) {
	at := pa & m.pageMask &^ 3
	word := m.readPhys(pa&^3, 4)
	binary.LittleEndian.PutUint32(frame.image[at:], word)
	frame.ops[at/4] = decode(word)
}
