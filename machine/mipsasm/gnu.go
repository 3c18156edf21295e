// Printing instructions as GNU objdump does.
//
// objdump does not print every instruction literally. Where the assembler
// has a friendlier spelling, objdump uses it: "move a0,s0" rather than
// "addu a0,s0,zero", "b" for a branch that is always taken, "nop" for the
// word 0. It also leaves out operands that are zero by convention (the
// code of "syscall") and adds one the hardware does not have (the "zero"
// destination of "div"). The spellings below are the ones binutils 2.40
// prints for a MIPS32r2 program; the tests compare against objdump itself.
//
// Numbers follow objdump too: signed immediates and memory offsets in
// decimal, unsigned fields in hex with 0x, branch and jump targets as a
// bare hex address.

package mipsasm

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// GNUSyntax returns the instruction as `mipsel-linux-gnu-objdump -d`
// prints it, with the o32 ABI's register names: "lw\ta0,16(sp)". The
// mnemonic and the operands are separated by one tab, as in objdump. pc
// is the instruction's address, needed to print branch targets.
func GNUSyntax(inst Inst, pc uint32) string { return format(inst, pc, &abiNames) }

// NumericSyntax is GNUSyntax with numbered registers, as
// `mipsel-linux-gnu-objdump -d -M gpr-names=numeric` prints: "lw\t$4,16($29)".
func NumericSyntax(inst Inst, pc uint32) string { return format(inst, pc, &numericNames) }

// abiNames are the o32 calling convention's names for the registers,
// which objdump prints by default.
var abiNames = [32]string{
	"zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
	"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
	"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
	"t8", "t9", "k0", "k1", "gp", "sp", "s8", "ra",
}

var numericNames = [32]string{
	"$0", "$1", "$2", "$3", "$4", "$5", "$6", "$7",
	"$8", "$9", "$10", "$11", "$12", "$13", "$14", "$15",
	"$16", "$17", "$18", "$19", "$20", "$21", "$22", "$23",
	"$24", "$25", "$26", "$27", "$28", "$29", "$30", "$31",
}

// wholeWord names the instructions objdump recognises by their whole
// word. All four are SLL $0,$0,n: shifting the zero register is the
// conventional way to encode an instruction that does nothing but wait.
var wholeWord = sync.OnceValue(func() map[uint32]string {
	return map[uint32]string{
		0x00000000: "nop",   // sll zero,zero,0
		0x00000040: "ssnop", // sll zero,zero,1: a nop that issues alone
		0x000000c0: "ehb",   // sll zero,zero,3: execution hazard barrier
		0x00000140: "pause", // sll zero,zero,5: wait for LLbit to clear
	}
})

// A spelling prints op as name with the listed operands, when every
// condition in when holds. An operand index of zeroReg prints the zero
// register, which the instruction word does not encode.
type spelling struct {
	op       Op
	when     []argIs
	name     string
	operands []int // nil: all of them, in order
}

// argIs is the condition "operand i equals v".
type argIs struct {
	i int
	v Arg
}

const zeroReg = -1

var noOperands = []int{}

// spellings lists objdump's aliases and abbreviations. For each op the
// first spelling whose conditions hold is used; an op with none that hold
// prints under its own name with all its operands.
var spellings = []spelling{
	{ADDU, []argIs{{2, Zero}}, "move", []int{0, 1}},
	{OR, []argIs{{2, Zero}}, "move", []int{0, 1}},
	{SUB, []argIs{{1, Zero}}, "neg", []int{0, 2}},
	{SUBU, []argIs{{1, Zero}}, "negu", []int{0, 2}},
	{ADDIU, []argIs{{1, Zero}}, "li", []int{0, 2}},
	{ORI, []argIs{{1, Zero}}, "li", []int{0, 2}},
	{BEQ, []argIs{{0, Zero}, {1, Zero}}, "b", []int{2}},
	{BEQ, []argIs{{1, Zero}}, "beqz", []int{0, 2}},
	{BNE, []argIs{{1, Zero}}, "bnez", []int{0, 2}},
	{BEQL, []argIs{{1, Zero}}, "beqzl", []int{0, 2}},
	{BNEL, []argIs{{1, Zero}}, "bnezl", []int{0, 2}},
	{BGEZ, []argIs{{0, Zero}}, "b", []int{1}},
	{BGEZAL, []argIs{{0, Zero}}, "bal", []int{1}},
	{JALR, []argIs{{0, RA}}, "jalr", []int{1}},
	{DIV, nil, "div", []int{zeroReg, 0, 1}},
	{DIVU, nil, "divu", []int{zeroReg, 0, 1}},
	{ROTR, nil, "ror", nil},
	{ROTRV, nil, "rorv", nil},
	{SYSCALL, []argIs{{0, Uimm(0)}}, "syscall", noOperands},
	{BREAK, []argIs{{0, Uimm(0)}, {1, Uimm(0)}}, "break", noOperands},
	{BREAK, []argIs{{1, Uimm(0)}}, "break", []int{0}},
	{SYNC, []argIs{{0, Uimm(0)}}, "sync", noOperands},
	{SYNC, []argIs{{0, Uimm(0x04)}}, "sync_wmb", noOperands},
	{SYNC, []argIs{{0, Uimm(0x10)}}, "sync_mb", noOperands},
	{SYNC, []argIs{{0, Uimm(0x11)}}, "sync_acquire", noOperands},
	{SYNC, []argIs{{0, Uimm(0x12)}}, "sync_release", noOperands},
	{SYNC, []argIs{{0, Uimm(0x13)}}, "sync_rmb", noOperands},
	{TGE, []argIs{{2, Uimm(0)}}, "tge", []int{0, 1}},
	{TGEU, []argIs{{2, Uimm(0)}}, "tgeu", []int{0, 1}},
	{TLT, []argIs{{2, Uimm(0)}}, "tlt", []int{0, 1}},
	{TLTU, []argIs{{2, Uimm(0)}}, "tltu", []int{0, 1}},
	{TEQ, []argIs{{2, Uimm(0)}}, "teq", []int{0, 1}},
	{TNE, []argIs{{2, Uimm(0)}}, "tne", []int{0, 1}},
	{WAIT, []argIs{{0, Uimm(0)}}, "wait", noOperands},
	{DI, []argIs{{0, Zero}}, "di", noOperands},
	{EI, []argIs{{0, Zero}}, "ei", noOperands},
}

// spell returns the mnemonic and the operands to print for inst.
func spell(inst Inst) (string, []Arg) {
	if name, ok := wholeWord()[inst.Enc]; ok && inst.Op == SLL {
		return name, nil
	}
	for _, s := range spellings {
		if s.op == inst.Op && holds(inst.Args, s.when) {
			return s.name, pick(inst.Args, s.operands)
		}
	}
	return inst.Op.String(), pick(inst.Args, nil)
}

func holds(args Args, conds []argIs) bool {
	for _, c := range conds {
		if args[c.i] != c.v {
			return false
		}
	}
	return true
}

// pick returns the operands at the given indexes, or all of them.
func pick(args Args, indexes []int) []Arg {
	if indexes == nil {
		return args.list()
	}
	picked := make([]Arg, len(indexes))
	for n, i := range indexes {
		if i == zeroReg {
			picked[n] = Zero
		} else {
			picked[n] = args[i]
		}
	}
	return picked
}

func format(inst Inst, pc uint32, regs *[32]string) string {
	name, args := spell(inst)
	// Condition code 0 is left out, as MIPS I, which had only that one,
	// wrote it: "c.eq.s $f0,$f2", "bc1t 40", but "bc1t $fcc1,40".
	args = slices.DeleteFunc(args, func(a Arg) bool { return a == CC(0) })
	if len(args) == 0 {
		return name
	}
	var b strings.Builder
	b.WriteString(name)
	for n, a := range args {
		if n == 0 {
			b.WriteByte('\t')
		} else {
			b.WriteByte(',')
		}
		b.WriteString(operand(a, pc, regs))
	}
	return b.String()
}

// operand prints one operand as objdump does.
func operand(a Arg, pc uint32, regs *[32]string) string {
	switch a := a.(type) {
	case Reg:
		return regs[a]
	case Mem:
		return fmt.Sprintf("%d(%s)", a.Offset, regs[a.Base])
	case PCRel:
		return fmt.Sprintf("%x", a.Addr(pc))
	case Target:
		return fmt.Sprintf("%x", a.Addr(pc))
	case CP0Reg:
		return a.gnuName()
	case FCReg:
		return namedOr(fcrNames(), uint8(a))
	case HWReg:
		return namedOr(hwrNames(), uint8(a))
	}
	return a.String() // Imm in decimal, Uimm in hex, FReg and CC by number
}
