// The encoding table: the instruction set as data.
//
// Each row says "a word w is this operation when w&mask == value", and
// lists how to read the operands out of the word. The mask covers the
// opcode fields and every field the manual says must be zero, so a word
// with stray bits set matches no row and is an unknown instruction, as it
// is to the hardware.
//
// The fields of a word, from the MIPS32 manual:
//
//	 31    26 25  21 20  16 15  11 10   6 5     0
//	| opcode |  rs  |  rt  |  rd  |  sa  | funct |   register form
//	| opcode |  rs  |  rt  |     immediate       |   immediate form
//	| opcode |          instr_index              |   jump form
//
// This file is written by hand from the manual's encoding tables.

package mipsasm

// argKind says which field an operand comes from and how to read it.
type argKind uint8

const (
	_          argKind = iota
	argRS              // register in bits 25..21
	argRT              // register in bits 20..16
	argRD              // register in bits 15..11
	argSA              // bits 10..6, unsigned: shift amount, EXT/INS position, SYNC type
	argSimm16          // bits 15..0, sign-extended
	argUimm16          // bits 15..0, zero-extended
	argMem             // bits 15..0 sign-extended, plus the base register in rs
	argBranch          // bits 15..0 sign-extended, times 4, from the delay slot
	argJump            // bits 25..0 times 4: the low 28 bits of the target
	argCode20          // bits 25..6: the SYSCALL code
	argCodeHi          // bits 25..16: BREAK's first code
	argCodeLo          // bits 15..6: BREAK's second code, or a trap's code
	argExtSize         // bits 15..11 plus 1; with the position, at most 32
	argInsSize         // bits 15..11 minus bits 10..6 plus 1; at least 1
	argRDRT            // register in bits 15..11, repeated in bits 20..16
)

// row is one line of the encoding table.
type row struct {
	mask, value uint32
	op          Op
	args        operands
}

// operands lists the argKinds of an instruction's operands, in assembly
// order; zero ends the list early.
type operands [len(Args{})]argKind

// Masks for the common layouts: which bits identify the instruction.
const (
	mOp       = 0xfc000000 // the opcode alone: rs, rt and the rest are operands
	mOpRS     = 0xffe00000 // rs must be zero
	mOpRT     = 0xfc1f0000 // REGIMM (rt picks the op), or rt must be zero
	mFunct    = 0xfc00003f // SPECIAL function code; bits 25..6 are operands
	mFunctSA  = 0xfc0007ff // sa must be zero
	mFunctRT  = 0xfc1f07ff // rt and sa must be zero
	mFunctRS  = 0xffe0003f // rs must be zero (or, for ROTR, one)
	mFunctRD  = 0xfc00ffff // rd and sa must be zero
	mFunctRS1 = 0xfc1fffff // only rs is an operand
	mFunctRD1 = 0xffff07ff // only rd is an operand
	mSync     = 0xfffff83f // only the sa field is an operand
	mBshfl    = 0xffe007ff // SPECIAL3 BSHFL: rs must be zero, sa picks the op
)

// Primary opcodes of the groups whose members another field selects.
const (
	special  = 0x00 << 26
	regimm   = 0x01 << 26
	special2 = 0x1c << 26
	special3 = 0x1f << 26
)

var (
	rdRtSa  = operands{argRD, argRT, argSA}
	rdRtRs  = operands{argRD, argRT, argRS}
	rdRsRt  = operands{argRD, argRS, argRT}
	rdRs    = operands{argRD, argRS}
	rdRt    = operands{argRD, argRT}
	rsRt    = operands{argRS, argRT}
	rsOnly  = operands{argRS}
	rdOnly  = operands{argRD}
	rsRtCod = operands{argRS, argRT, argCodeLo}
	rsBr    = operands{argRS, argBranch}
	rsRtBr  = operands{argRS, argRT, argBranch}
	rsSimm  = operands{argRS, argSimm16}
	rtRsImm = operands{argRT, argRS, argSimm16}
	rtRsUim = operands{argRT, argRS, argUimm16}
	rtMem   = operands{argRT, argMem}
)

// encodings is the instruction set. No word matches two rows; a test
// checks that.
var encodings = []row{
	// SPECIAL, selected by the function code in bits 5..0.
	{mFunctRS, special | 0x00, SLL, rdRtSa},
	{mFunctRS, special | 0x02, SRL, rdRtSa},
	{mFunctRS, special | 1<<21 | 0x02, ROTR, rdRtSa},
	{mFunctRS, special | 0x03, SRA, rdRtSa},
	{mFunctSA, special | 0x04, SLLV, rdRtRs},
	{mFunctSA, special | 0x06, SRLV, rdRtRs},
	{mFunctSA, special | 1<<6 | 0x06, ROTRV, rdRtRs},
	{mFunctSA, special | 0x07, SRAV, rdRtRs},
	{mFunctRS1, special | 0x08, JR, rsOnly},
	{mFunctRT, special | 0x09, JALR, rdRs},
	{mFunctSA, special | 0x0a, MOVZ, rdRsRt},
	{mFunctSA, special | 0x0b, MOVN, rdRsRt},
	{mFunct, special | 0x0c, SYSCALL, operands{argCode20}},
	{mFunct, special | 0x0d, BREAK, operands{argCodeHi, argCodeLo}},
	{mSync, special | 0x0f, SYNC, operands{argSA}},
	{mFunctRD1, special | 0x10, MFHI, rdOnly},
	{mFunctRS1, special | 0x11, MTHI, rsOnly},
	{mFunctRD1, special | 0x12, MFLO, rdOnly},
	{mFunctRS1, special | 0x13, MTLO, rsOnly},
	{mFunctRD, special | 0x18, MULT, rsRt},
	{mFunctRD, special | 0x19, MULTU, rsRt},
	{mFunctRD, special | 0x1a, DIV, rsRt},
	{mFunctRD, special | 0x1b, DIVU, rsRt},
	{mFunctSA, special | 0x20, ADD, rdRsRt},
	{mFunctSA, special | 0x21, ADDU, rdRsRt},
	{mFunctSA, special | 0x22, SUB, rdRsRt},
	{mFunctSA, special | 0x23, SUBU, rdRsRt},
	{mFunctSA, special | 0x24, AND, rdRsRt},
	{mFunctSA, special | 0x25, OR, rdRsRt},
	{mFunctSA, special | 0x26, XOR, rdRsRt},
	{mFunctSA, special | 0x27, NOR, rdRsRt},
	{mFunctSA, special | 0x2a, SLT, rdRsRt},
	{mFunctSA, special | 0x2b, SLTU, rdRsRt},
	{mFunct, special | 0x30, TGE, rsRtCod},
	{mFunct, special | 0x31, TGEU, rsRtCod},
	{mFunct, special | 0x32, TLT, rsRtCod},
	{mFunct, special | 0x33, TLTU, rsRtCod},
	{mFunct, special | 0x34, TEQ, rsRtCod},
	{mFunct, special | 0x36, TNE, rsRtCod},

	// REGIMM, selected by the rt field.
	{mOpRT, regimm | 0x00<<16, BLTZ, rsBr},
	{mOpRT, regimm | 0x01<<16, BGEZ, rsBr},
	{mOpRT, regimm | 0x08<<16, TGEI, rsSimm},
	{mOpRT, regimm | 0x09<<16, TGEIU, rsSimm},
	{mOpRT, regimm | 0x0a<<16, TLTI, rsSimm},
	{mOpRT, regimm | 0x0b<<16, TLTIU, rsSimm},
	{mOpRT, regimm | 0x0c<<16, TEQI, rsSimm},
	{mOpRT, regimm | 0x0e<<16, TNEI, rsSimm},
	{mOpRT, regimm | 0x10<<16, BLTZAL, rsBr},
	{mOpRT, regimm | 0x11<<16, BGEZAL, rsBr},

	// Primary opcodes that are instructions by themselves.
	{mOp, 0x02 << 26, J, operands{argJump}},
	{mOp, 0x03 << 26, JAL, operands{argJump}},
	{mOp, 0x04 << 26, BEQ, rsRtBr},
	{mOp, 0x05 << 26, BNE, rsRtBr},
	{mOpRT, 0x06 << 26, BLEZ, rsBr},
	{mOpRT, 0x07 << 26, BGTZ, rsBr},
	{mOp, 0x08 << 26, ADDI, rtRsImm},
	{mOp, 0x09 << 26, ADDIU, rtRsImm},
	{mOp, 0x0a << 26, SLTI, rtRsImm},
	{mOp, 0x0b << 26, SLTIU, rtRsImm},
	{mOp, 0x0c << 26, ANDI, rtRsUim},
	{mOp, 0x0d << 26, ORI, rtRsUim},
	{mOp, 0x0e << 26, XORI, rtRsUim},
	{mOpRS, 0x0f << 26, LUI, operands{argRT, argUimm16}},
	{mOp, 0x20 << 26, LB, rtMem},
	{mOp, 0x21 << 26, LH, rtMem},
	{mOp, 0x22 << 26, LWL, rtMem},
	{mOp, 0x23 << 26, LW, rtMem},
	{mOp, 0x24 << 26, LBU, rtMem},
	{mOp, 0x25 << 26, LHU, rtMem},
	{mOp, 0x26 << 26, LWR, rtMem},
	{mOp, 0x28 << 26, SB, rtMem},
	{mOp, 0x29 << 26, SH, rtMem},
	{mOp, 0x2a << 26, SWL, rtMem},
	{mOp, 0x2b << 26, SW, rtMem},
	{mOp, 0x2e << 26, SWR, rtMem},

	// SPECIAL2, selected by the function code. CLZ and CLO name their
	// destination twice, in rd and in rt; the two must agree.
	{mFunctRD, special2 | 0x00, MADD, rsRt},
	{mFunctRD, special2 | 0x01, MADDU, rsRt},
	{mFunctSA, special2 | 0x02, MUL, rdRsRt},
	{mFunctRD, special2 | 0x04, MSUB, rsRt},
	{mFunctRD, special2 | 0x05, MSUBU, rsRt},
	{mFunctSA, special2 | 0x20, CLZ, operands{argRDRT, argRS}},
	{mFunctSA, special2 | 0x21, CLO, operands{argRDRT, argRS}},

	// SPECIAL3: the bit-field instructions, and BSHFL selected by sa.
	{mFunct, special3 | 0x00, EXT, operands{argRT, argRS, argSA, argExtSize}},
	{mFunct, special3 | 0x04, INS, operands{argRT, argRS, argSA, argInsSize}},
	{mBshfl, special3 | 0x02<<6 | 0x20, WSBH, rdRt},
	{mBshfl, special3 | 0x10<<6 | 0x20, SEB, rdRt},
	{mBshfl, special3 | 0x18<<6 | 0x20, SEH, rdRt},
}
