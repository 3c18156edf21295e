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
// The table holds every instruction the simulated CPU executes, and also
// the MIPS32r2 instructions it refuses (floating point, coprocessor 0,
// LL and SC, branch-likely), so that a trace names what a program tried
// to run. The CPU has its own decoder (machine/predecode.go); this table
// decides only what is printed.
//
// This file is written by hand from the manual's encoding tables.

package mipsasm

// argKind says which field an operand comes from and how to read it.
type argKind uint8

const (
	_            argKind = iota
	argRS                // register in bits 25..21
	argRT                // register in bits 20..16
	argRD                // register in bits 15..11
	argSA                // bits 10..6, unsigned: shift amount, EXT/INS position, SYNC type
	argSimm16            // bits 15..0, sign-extended
	argUimm16            // bits 15..0, zero-extended
	argMem               // bits 15..0 sign-extended, plus the base register in rs
	argBranch            // bits 15..0 sign-extended, times 4, from the delay slot
	argJump              // bits 25..0 times 4: the low 28 bits of the target
	argCode20            // bits 25..6: the SYSCALL code
	argCodeHi            // bits 25..16: BREAK's first code
	argCodeLo            // bits 15..6: BREAK's second code, or a trap's code
	argExtSize           // bits 15..11 plus 1; with the position, at most 32
	argInsSize           // bits 15..11 minus bits 10..6 plus 1; at least 1
	argRDRT              // register in bits 15..11, repeated in bits 20..16
	argHint              // bits 20..16, unsigned: a PREF hint or a CACHE operation
	argCode19            // bits 24..6: WAIT's code
	argCP0               // coprocessor 0 register in bits 15..11, select in bits 2..0
	argHWR               // RDHWR's hardware register in bits 15..11
	argFT                // floating-point register in bits 20..16
	argFS                // floating-point register in bits 15..11
	argFD                // floating-point register in bits 10..6
	argFCR               // floating-point control register in bits 15..11
	argCCBranch          // condition code in bits 20..18 (BC1F, BC1T)
	argCCCompare         // condition code in bits 10..8 (C.cond.fmt)
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
	mWord     = 0xffffffff // the whole word: no operands
	mCopMove  = 0xffe007ff // COPz: rs picks a register move; bits 10..0 must be zero
	mCP0Move  = 0xffe007f8 // COP0 MFC0/MTC0: bits 10..3 must be zero
	mWait     = 0xfe00003f // COP0 WAIT: bits 24..6 are an operand
	mDIEI     = 0xffe0ffff // COP0 MFMC0: only rt is an operand
	mBC1      = 0xffe30000 // COP1 BC: rs, and the likely and true bits
	mFPArith  = 0xffe0003f // COP1: fmt in rs and the function code
	mFPUnary  = 0xffff003f // COP1 with ft zero
	mFPCmp    = 0xffe000ff // COP1 C.cond.fmt: bits 7..6 must be zero
)

// Primary opcodes of the groups whose members another field selects.
const (
	special  = 0x00 << 26
	regimm   = 0x01 << 26
	special2 = 0x1c << 26
	special3 = 0x1f << 26
	cop0     = 0x10 << 26
	cop1     = 0x11 << 26
)

// The fmt field (bits 25..21) of a COP1 arithmetic instruction: what kind
// of number its operands hold.
const (
	fmtS = 0x10 << 21 // single precision
	fmtD = 0x11 << 21 // double precision
	fmtW = 0x14 << 21 // 32-bit integer
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
	hintMem = operands{argHint, argMem}
	rtCP0   = operands{argRT, argCP0}
	rtFS    = operands{argRT, argFS}
	rtFCR   = operands{argRT, argFCR}
	ftMem   = operands{argFT, argMem}
	ccBr    = operands{argCCBranch, argBranch}
	fdFsFt  = operands{argFD, argFS, argFT}
	fdFs    = operands{argFD, argFS}
	ccFsFt  = operands{argCCCompare, argFS, argFT}
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
	{mOpRT, regimm | 0x02<<16, BLTZL, rsBr},
	{mOpRT, regimm | 0x03<<16, BGEZL, rsBr},
	{mOpRT, regimm | 0x12<<16, BLTZALL, rsBr},
	{mOpRT, regimm | 0x13<<16, BGEZALL, rsBr},

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
	{mOp, 0x14 << 26, BEQL, rsRtBr},
	{mOp, 0x15 << 26, BNEL, rsRtBr},
	{mOpRT, 0x16 << 26, BLEZL, rsBr},
	{mOpRT, 0x17 << 26, BGTZL, rsBr},
	{mOp, 0x2f << 26, CACHE, hintMem},
	{mOp, 0x30 << 26, LL, rtMem},
	{mOp, 0x33 << 26, PREF, hintMem},
	{mOp, 0x38 << 26, SC, rtMem},

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
	{mCopMove, special3 | 0x3b, RDHWR, operands{argRT, argHWR}},

	// COP0, privileged: rs picks a register move, or (with bit 25 set) a
	// function code picks an operation on the TLB or the CPU's state.
	{mCP0Move, cop0 | 0x00<<21, MFC0, rtCP0},
	{mCP0Move, cop0 | 0x04<<21, MTC0, rtCP0},
	{mCopMove, cop0 | 0x0a<<21, RDPGPR, rdRt},
	{mDIEI, cop0 | 0x0b<<21 | 12<<11, DI, operands{argRT}},
	{mDIEI, cop0 | 0x0b<<21 | 12<<11 | 1<<5, EI, operands{argRT}},
	{mCopMove, cop0 | 0x0e<<21, WRPGPR, rdRt},
	{mWord, cop0 | 1<<25 | 0x01, TLBR, operands{}},
	{mWord, cop0 | 1<<25 | 0x02, TLBWI, operands{}},
	{mWord, cop0 | 1<<25 | 0x06, TLBWR, operands{}},
	{mWord, cop0 | 1<<25 | 0x08, TLBP, operands{}},
	{mWord, cop0 | 1<<25 | 0x18, ERET, operands{}},
	{mWord, cop0 | 1<<25 | 0x1f, DERET, operands{}},
	{mWait, cop0 | 1<<25 | 0x20, WAIT, operands{argCode19}},

	// Floating point: loads and stores, moves between the register files,
	// branches on a condition code, and COP1 arithmetic picked by the fmt
	// field (in rs) and the function code.
	{mOp, 0x31 << 26, LWC1, ftMem},
	{mOp, 0x35 << 26, LDC1, ftMem},
	{mOp, 0x39 << 26, SWC1, ftMem},
	{mOp, 0x3d << 26, SDC1, ftMem},
	{mCopMove, cop1 | 0x00<<21, MFC1, rtFS},
	{mCopMove, cop1 | 0x02<<21, CFC1, rtFCR},
	{mCopMove, cop1 | 0x03<<21, MFHC1, rtFS},
	{mCopMove, cop1 | 0x04<<21, MTC1, rtFS},
	{mCopMove, cop1 | 0x06<<21, CTC1, rtFCR},
	{mCopMove, cop1 | 0x07<<21, MTHC1, rtFS},
	{mBC1, cop1 | 0x08<<21 | 0<<16, BC1F, ccBr},
	{mBC1, cop1 | 0x08<<21 | 1<<16, BC1T, ccBr},
	{mBC1, cop1 | 0x08<<21 | 2<<16, BC1FL, ccBr},
	{mBC1, cop1 | 0x08<<21 | 3<<16, BC1TL, ccBr},
	{mFPArith, cop1 | fmtS | 0x00, ADD_S, fdFsFt},
	{mFPArith, cop1 | fmtD | 0x00, ADD_D, fdFsFt},
	{mFPArith, cop1 | fmtS | 0x01, SUB_S, fdFsFt},
	{mFPArith, cop1 | fmtD | 0x01, SUB_D, fdFsFt},
	{mFPArith, cop1 | fmtS | 0x02, MUL_S, fdFsFt},
	{mFPArith, cop1 | fmtD | 0x02, MUL_D, fdFsFt},
	{mFPArith, cop1 | fmtS | 0x03, DIV_S, fdFsFt},
	{mFPArith, cop1 | fmtD | 0x03, DIV_D, fdFsFt},
	{mFPUnary, cop1 | fmtS | 0x04, SQRT_S, fdFs},
	{mFPUnary, cop1 | fmtD | 0x04, SQRT_D, fdFs},
	{mFPUnary, cop1 | fmtS | 0x05, ABS_S, fdFs},
	{mFPUnary, cop1 | fmtD | 0x05, ABS_D, fdFs},
	{mFPUnary, cop1 | fmtS | 0x06, MOV_S, fdFs},
	{mFPUnary, cop1 | fmtD | 0x06, MOV_D, fdFs},
	{mFPUnary, cop1 | fmtS | 0x07, NEG_S, fdFs},
	{mFPUnary, cop1 | fmtD | 0x07, NEG_D, fdFs},
	{mFPUnary, cop1 | fmtS | 0x0d, TRUNC_W_S, fdFs},
	{mFPUnary, cop1 | fmtD | 0x0d, TRUNC_W_D, fdFs},
	{mFPUnary, cop1 | fmtD | 0x20, CVT_S_D, fdFs},
	{mFPUnary, cop1 | fmtW | 0x20, CVT_S_W, fdFs},
	{mFPUnary, cop1 | fmtS | 0x21, CVT_D_S, fdFs},
	{mFPUnary, cop1 | fmtW | 0x21, CVT_D_W, fdFs},
	{mFPUnary, cop1 | fmtS | 0x24, CVT_W_S, fdFs},
	{mFPUnary, cop1 | fmtD | 0x24, CVT_W_D, fdFs},
	{mFPCmp, cop1 | fmtS | 0x32, C_EQ_S, ccFsFt},
	{mFPCmp, cop1 | fmtD | 0x32, C_EQ_D, ccFsFt},
	{mFPCmp, cop1 | fmtS | 0x3c, C_LT_S, ccFsFt},
	{mFPCmp, cop1 | fmtD | 0x3c, C_LT_D, ccFsFt},
	{mFPCmp, cop1 | fmtS | 0x3e, C_LE_S, ccFsFt},
	{mFPCmp, cop1 | fmtD | 0x3e, C_LE_D, ccFsFt},
}
