// Instructions as the decoder sees them.
//
// A MIPS instruction is one 32-bit word. Its top six bits, the primary
// opcode, pick the instruction or a group of them (SPECIAL, REGIMM,
// SPECIAL2, SPECIAL3) in which another field picks the instruction. The
// remaining bits are operand fields: registers, immediates, shift amounts,
// codes. An Inst names the operation and holds each operand already pulled
// out of its field and given a type that says how to read it.

package mipsasm

import (
	"fmt"
	"strings"
)

// Op is an operation: one row of the MIPS instruction encoding tables. Two
// spellings of one operation in assembly (such as "move" and "addu") are
// one Op; the spelling is the printer's business.
type Op uint8

// The operations, in the order the MIPS manuals list them.
const (
	_ Op = iota
	// MIPS I: SPECIAL
	SLL
	SRL
	SRA
	SLLV
	SRLV
	SRAV
	JR
	JALR
	SYSCALL
	BREAK
	MFHI
	MTHI
	MFLO
	MTLO
	MULT
	MULTU
	DIV
	DIVU
	ADD
	ADDU
	SUB
	SUBU
	AND
	OR
	XOR
	NOR
	SLT
	SLTU
	// MIPS I: REGIMM
	BLTZ
	BGEZ
	BLTZAL
	BGEZAL
	// MIPS I: primary opcodes
	J
	JAL
	BEQ
	BNE
	BLEZ
	BGTZ
	ADDI
	ADDIU
	SLTI
	SLTIU
	ANDI
	ORI
	XORI
	LUI
	LB
	LH
	LWL
	LW
	LBU
	LHU
	LWR
	SB
	SH
	SWL
	SW
	SWR
	// MIPS32 release 2 (some, like the traps and SYNC, came in MIPS II)
	MUL
	MADD
	MADDU
	MSUB
	MSUBU
	CLZ
	CLO
	MOVN
	MOVZ
	SEB
	SEH
	WSBH
	EXT
	INS
	ROTR
	ROTRV
	TGE
	TGEU
	TLT
	TLTU
	TEQ
	TNE
	TGEI
	TGEIU
	TLTI
	TLTIU
	TEQI
	TNEI
	SYNC
	// MIPS32r2 instructions the simulated CPU does not execute: they are
	// decoded so that traces and fault reports can name them.
	// Atomics, prefetch and branch-likely (MIPS II).
	LL
	SC
	PREF
	BEQL
	BNEL
	BLEZL
	BGTZL
	BLTZL
	BGEZL
	BLTZALL
	BGEZALL
	RDHWR
	// Privileged: coprocessor 0, TLB and cache maintenance.
	CACHE
	MFC0
	MTC0
	DI
	EI
	RDPGPR
	WRPGPR
	TLBR
	TLBWI
	TLBWR
	TLBP
	ERET
	DERET
	WAIT
	// Floating point (coprocessor 1), in single (S) and double (D)
	// precision and from and to words (W).
	LWC1
	SWC1
	LDC1
	SDC1
	MFC1
	MTC1
	MFHC1
	MTHC1
	CFC1
	CTC1
	BC1F
	BC1T
	BC1FL
	BC1TL
	ADD_S
	ADD_D
	SUB_S
	SUB_D
	MUL_S
	MUL_D
	DIV_S
	DIV_D
	SQRT_S
	SQRT_D
	ABS_S
	ABS_D
	MOV_S
	MOV_D
	NEG_S
	NEG_D
	CVT_S_D
	CVT_S_W
	CVT_D_S
	CVT_D_W
	CVT_W_S
	CVT_W_D
	TRUNC_W_S
	TRUNC_W_D
	C_EQ_S
	C_EQ_D
	C_LT_S
	C_LT_D
	C_LE_S
	C_LE_D
)

var opNames = [...]string{
	SLL: "sll", SRL: "srl", SRA: "sra", SLLV: "sllv", SRLV: "srlv", SRAV: "srav",
	JR: "jr", JALR: "jalr", SYSCALL: "syscall", BREAK: "break",
	MFHI: "mfhi", MTHI: "mthi", MFLO: "mflo", MTLO: "mtlo",
	MULT: "mult", MULTU: "multu", DIV: "div", DIVU: "divu",
	ADD: "add", ADDU: "addu", SUB: "sub", SUBU: "subu",
	AND: "and", OR: "or", XOR: "xor", NOR: "nor", SLT: "slt", SLTU: "sltu",
	BLTZ: "bltz", BGEZ: "bgez", BLTZAL: "bltzal", BGEZAL: "bgezal",
	J: "j", JAL: "jal", BEQ: "beq", BNE: "bne", BLEZ: "blez", BGTZ: "bgtz",
	ADDI: "addi", ADDIU: "addiu", SLTI: "slti", SLTIU: "sltiu",
	ANDI: "andi", ORI: "ori", XORI: "xori", LUI: "lui",
	LB: "lb", LH: "lh", LWL: "lwl", LW: "lw", LBU: "lbu", LHU: "lhu", LWR: "lwr",
	SB: "sb", SH: "sh", SWL: "swl", SW: "sw", SWR: "swr",
	MUL: "mul", MADD: "madd", MADDU: "maddu", MSUB: "msub", MSUBU: "msubu",
	CLZ: "clz", CLO: "clo", MOVN: "movn", MOVZ: "movz",
	SEB: "seb", SEH: "seh", WSBH: "wsbh", EXT: "ext", INS: "ins",
	ROTR: "rotr", ROTRV: "rotrv",
	TGE: "tge", TGEU: "tgeu", TLT: "tlt", TLTU: "tltu", TEQ: "teq", TNE: "tne",
	TGEI: "tgei", TGEIU: "tgeiu", TLTI: "tlti", TLTIU: "tltiu", TEQI: "teqi", TNEI: "tnei",
	SYNC: "sync",
	LL:   "ll", SC: "sc", PREF: "pref",
	BEQL: "beql", BNEL: "bnel", BLEZL: "blezl", BGTZL: "bgtzl",
	BLTZL: "bltzl", BGEZL: "bgezl", BLTZALL: "bltzall", BGEZALL: "bgezall",
	RDHWR: "rdhwr",
	CACHE: "cache", MFC0: "mfc0", MTC0: "mtc0", DI: "di", EI: "ei",
	RDPGPR: "rdpgpr", WRPGPR: "wrpgpr",
	TLBR: "tlbr", TLBWI: "tlbwi", TLBWR: "tlbwr", TLBP: "tlbp",
	ERET: "eret", DERET: "deret", WAIT: "wait",
	LWC1: "lwc1", SWC1: "swc1", LDC1: "ldc1", SDC1: "sdc1",
	MFC1: "mfc1", MTC1: "mtc1", MFHC1: "mfhc1", MTHC1: "mthc1", CFC1: "cfc1", CTC1: "ctc1",
	BC1F: "bc1f", BC1T: "bc1t", BC1FL: "bc1fl", BC1TL: "bc1tl",
	ADD_S: "add.s", ADD_D: "add.d", SUB_S: "sub.s", SUB_D: "sub.d",
	MUL_S: "mul.s", MUL_D: "mul.d", DIV_S: "div.s", DIV_D: "div.d",
	SQRT_S: "sqrt.s", SQRT_D: "sqrt.d", ABS_S: "abs.s", ABS_D: "abs.d",
	MOV_S: "mov.s", MOV_D: "mov.d", NEG_S: "neg.s", NEG_D: "neg.d",
	CVT_S_D: "cvt.s.d", CVT_S_W: "cvt.s.w", CVT_D_S: "cvt.d.s", CVT_D_W: "cvt.d.w",
	CVT_W_S: "cvt.w.s", CVT_W_D: "cvt.w.d", TRUNC_W_S: "trunc.w.s", TRUNC_W_D: "trunc.w.d",
	C_EQ_S: "c.eq.s", C_EQ_D: "c.eq.d", C_LT_S: "c.lt.s", C_LT_D: "c.lt.d",
	C_LE_S: "c.le.s", C_LE_D: "c.le.d",
}

// String returns the operation's name in the MIPS manual, in lower case
// ("rotr", even though objdump spells it "ror").
func (op Op) String() string {
	if int(op) < len(opNames) && opNames[op] != "" {
		return opNames[op]
	}
	return fmt.Sprintf("Op(%d)", op)
}

// Inst is one decoded instruction.
type Inst struct {
	Op   Op     // the operation
	Enc  uint32 // the instruction word, as it was in memory
	Args Args   // the operands, in assembly order; unused ones are nil
}

// Args holds an instruction's operands. Four is the most any MIPS32
// instruction has (EXT and INS: two registers, a position and a size).
type Args [4]Arg

// String returns the instruction literally, as the hardware sees it: the
// manual's mnemonic and every operand field, with numbered registers and
// no aliases ("addu $2,$4,$0", "beq $0,$0,.+8"). GNUSyntax prints what
// objdump prints instead.
func (i Inst) String() string {
	var ops []string
	for _, a := range i.Args.list() {
		ops = append(ops, a.String())
	}
	if len(ops) == 0 {
		return i.Op.String()
	}
	return i.Op.String() + " " + strings.Join(ops, ",")
}

// list returns the operands that are present.
func (a Args) list() []Arg {
	var present []Arg
	for _, arg := range a {
		if arg != nil {
			present = append(present, arg)
		}
	}
	return present
}

// Arg is one operand. Its concrete type says how to read the field: as a
// register, a number, a memory address or a branch target.
type Arg interface {
	String() string
	isArg()
}

// Reg is a general-purpose register, $0 to $31.
type Reg uint8

// Zero and RA are the registers that objdump's aliases test for: $0 always
// reads as zero, and $31 is where JAL and JALR put the return address.
const (
	Zero Reg = 0
	RA   Reg = 31
)

// String returns the register as the assembler numbers it: "$4".
func (r Reg) String() string { return fmt.Sprintf("$%d", uint8(r)) }

// Imm is a sign-extended 16-bit immediate: the operand of ADDI, ADDIU,
// SLTI, SLTIU and the trap-immediate instructions.
type Imm int32

// String returns the value in decimal, as objdump prints signed operands.
func (i Imm) String() string { return fmt.Sprintf("%d", int32(i)) }

// Uimm is an unsigned field: a zero-extended 16-bit immediate (ANDI, ORI,
// XORI, LUI), a shift amount, a bit position or size (EXT, INS), a code
// (SYSCALL, BREAK, the traps, WAIT), a SYNC type, a PREF hint or a CACHE
// operation.
type Uimm uint32

// String returns the value in hex, as objdump prints unsigned operands.
func (u Uimm) String() string { return fmt.Sprintf("%#x", uint32(u)) }

// Mem is the address operand of a load or store: Base plus the
// sign-extended Offset.
type Mem struct {
	Base   Reg
	Offset int16
}

// String returns the operand in assembler form: "-8($29)".
func (m Mem) String() string { return fmt.Sprintf("%d(%s)", m.Offset, m.Base) }

// PCRel is the target of a conditional branch, as a byte offset from the
// address of the branch itself. (The hardware adds the offset to the
// address of the delay slot; the decoder has already added those 4 bytes.)
type PCRel int32

// Addr returns the branch target for a branch at address pc.
func (r PCRel) Addr(pc uint32) uint32 { return pc + uint32(r) }

// String returns the offset in GNU as's notation, "." being the address
// of the branch: ".+12", ".-4".
func (r PCRel) String() string { return fmt.Sprintf(".%+d", int32(r)) }

// Target is the target of J or JAL: the low 28 bits of the address. The
// top 4 bits come from the address of the delay slot, so a jump never
// leaves its 256 MB region.
type Target uint32

// Addr returns the jump target for a jump at address pc.
func (t Target) Addr(pc uint32) uint32 { return (pc+4)&0xf0000000 | uint32(t) }

// String returns the low 28 bits of the target in hex.
func (t Target) String() string { return fmt.Sprintf("%#x", uint32(t)) }

func (Reg) isArg()    {}
func (Imm) isArg()    {}
func (Uimm) isArg()   {}
func (Mem) isArg()    {}
func (PCRel) isArg()  {}
func (Target) isArg() {}
