// Instruction encoders for the tests.
//
// The tests build their programs word by word instead of going through an
// assembler, so that what they check does not depend on another piece of
// the simulator being right. MIPS has three encoding shapes, and every
// instruction is one of them:
//
//	R: op(6) rs(5) rt(5) rd(5) sa(5) funct(6)   register operations
//	I: op(6) rs(5) rt(5) immediate(16)          immediates, loads, branches
//	J: op(6) target(26)                         J and JAL

package machine_test

// encR encodes an R-shaped instruction. op is 0 (SPECIAL), 0x1c (SPECIAL2)
// or 0x1f (SPECIAL3).
func encR(op, rs, rt, rd, sa, funct uint32) uint32 {
	return op<<26 | rs<<21 | rt<<16 | rd<<11 | sa<<6 | funct
}

// encI encodes an I-shaped instruction; only the low 16 bits of imm are
// kept, so a negative offset can be passed as a plain int32.
func encI(op, rs, rt uint32, imm int32) uint32 {
	return op<<26 | rs<<21 | rt<<16 | uint32(imm)&0xffff
}

// encJ encodes J or JAL to an absolute address in the current 256 MB
// region.
func encJ(op, target uint32) uint32 { return op<<26 | target>>2&0x03ffffff }

// Opcodes and function codes used by name in the tests.
const (
	opSpecial  = 0x00
	opRegimm   = 0x01
	opJ        = 0x02
	opJAL      = 0x03
	opBEQ      = 0x04
	opBNE      = 0x05
	opADDI     = 0x08
	opADDIU    = 0x09
	opORI      = 0x0d
	opLUI      = 0x0f
	opSpecial2 = 0x1c
	opSpecial3 = 0x1f
	opLH       = 0x21
	opLWL      = 0x22
	opLW       = 0x23
	opLWR      = 0x26
	opSWL      = 0x2a
	opSW       = 0x2b
	opSWR      = 0x2e

	fnJR      = 0x08
	fnJALR    = 0x09
	fnSyscall = 0x0c
	fnBreak   = 0x0d
	fnMFHI    = 0x10
	fnMTHI    = 0x11
	fnMFLO    = 0x12
	fnMTLO    = 0x13
	fnDIV     = 0x1a
	fnDIVU    = 0x1b
	fnADD     = 0x20
	fnADDU    = 0x21
	fnSUB     = 0x22
	fnTEQ     = 0x34

	rtBLTZAL = 0x10
	rtBGEZAL = 0x11
)

// Shorthands for the instructions the tests write by hand.
func addiu(rt, rs uint32, imm int32) uint32 { return encI(opADDIU, rs, rt, imm) }
func lui(rt, imm uint32) uint32             { return encI(opLUI, 0, rt, int32(imm)) }
func ori(rt, rs, imm uint32) uint32         { return encI(opORI, rs, rt, int32(imm)) }
func lw(rt, base uint32, off int32) uint32  { return encI(opLW, base, rt, off) }
func sw(rt, base uint32, off int32) uint32  { return encI(opSW, base, rt, off) }
func brk() uint32                           { return encR(opSpecial, 0, 0, 0, 0, fnBreak) }
func syscallInstr() uint32                  { return encR(opSpecial, 0, 0, 0, 0, fnSyscall) }

const nop = 0 // sll $0,$0,0

// li32 loads any 32-bit constant into rt with LUI and ORI: two words
// whatever the value, so code sizes do not depend on data.
func li32(rt, v uint32) []uint32 { return []uint32{lui(rt, v>>16), ori(rt, rt, v&0xffff)} }
