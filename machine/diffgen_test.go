// Random programs for the differential test.
//
// A differential test needs programs whose result is fully defined by the
// architecture, so that any disagreement between two implementations is a
// bug in one of them. The generator writes straight-line code of random
// instructions, with random registers and immediates, and sprinkles in
// forward branches and jumps (so every program ends) with a random
// instruction in each delay slot. It stays clear of everything the MIPS32
// manual calls UNPREDICTABLE:
//
//   - a branch or jump in a delay slot;
//   - dividing by zero (each DIV is preceded by an instruction that makes
//     its divisor nonzero, and a branch never lands between the two);
//   - BLTZAL or BGEZAL testing $31, JALR with rd = rs, CLZ/CLO with rt != rd;
//   - reading HI or LO after MUL, which leaves them undefined, or after an
//     MTHI/MTLO that followed a multiply or divide before its result was
//     read. The generator tracks this along every path a branch can take.
//
// Loads and stores go through one reserved base register that points into
// the middle of a 256-byte data buffer, so every access stays inside it.
// Nothing else writes the base register.
//
// ADD, ADDI, SUB and the trap instructions may still raise an exception
// with the random operands: the harness finds out by running the program
// and swaps the culprit for its harmless twin (see repairs).

package machine_test

import (
	"math/rand/v2"

	"nachos/machine"
)

const (
	diffBufSize  = 256 // bytes of data each program loads and stores
	diffMinItems = 8   // a program has this many items or more...
	diffMaxItems = 40  // ...and fewer than this
	diffMaxSkip  = 6   // a forward branch jumps over at most this many items
	diffCtrlPct  = 15  // percentage of items that are a branch or jump
)

// diffFix says which field of a generated instruction still needs an
// address, known only once the program is placed in memory.
type diffFix int

const (
	fixNone   diffFix = iota
	fixBranch         // 16-bit word offset from the delay slot
	fixJump           // 26-bit target of J or JAL
	fixHi             // LUI of the target's upper half
	fixLo             // ORI of the target's lower half
)

// diffInstr is one instruction word, maybe waiting for an address.
type diffInstr struct {
	word   uint32
	fix    diffFix
	target int // item whose address goes into the field
}

// diffProgram is a generated program, not yet placed in memory. Its items
// are the places a branch may land: a multi-word item (a divide and its
// guard, a branch and its delay slot) is never entered in the middle.
type diffProgram struct {
	items [][]diffInstr
	base  uint32 // the register that points into the data buffer

	// regs holds the initial GPRs (index 0 unused), HI and LO, indexed
	// like the machine's registers. The base register gets its value when
	// the program is placed.
	regs [machine.LoReg + 1]uint32
	buf  [diffBufSize]byte

	hiDefined, loDefined bool // HI and LO are defined at the end
}

// words returns the program's length in instructions.
func (p *diffProgram) words() int {
	n := 0
	for _, it := range p.items {
		n += len(it)
	}
	return n
}

// encode returns the program's machine code for load address addr.
// Branches to item len(items) go to the instruction after the program.
func (p *diffProgram) encode(addr uint32) []uint32 {
	starts := make([]uint32, len(p.items)+1)
	a := addr
	for i, it := range p.items {
		starts[i] = a
		a += uint32(4 * len(it))
	}
	starts[len(p.items)] = a
	code := make([]uint32, 0, p.words())
	pc := addr
	for _, it := range p.items {
		for _, in := range it {
			t := starts[in.target]
			w := in.word
			switch in.fix {
			case fixBranch:
				w |= (t - pc - 4) >> 2 & 0xffff
			case fixJump:
				w |= t >> 2 & 0x03ffffff
			case fixHi:
				w |= t >> 16
			case fixLo:
				w |= t & 0xffff
			}
			code = append(code, w)
			pc += 4
		}
	}
	return code
}

// hiloUse says how an instruction uses HI and LO.
type hiloUse int

const (
	hiloNone    hiloUse = iota
	hiloArith           // MULT, DIV...: writes both
	hiloAccum           // MADD, MSUB...: reads both, writes both
	hiloReadHi          // MFHI
	hiloReadLo          // MFLO
	hiloWriteHi         // MTHI
	hiloWriteLo         // MTLO
	hiloClobber         // MUL: leaves both undefined
)

// hiloState is what is known about HI and LO at a point of the program.
type hiloState struct {
	hi, lo  bool // defined
	pending bool // a multiply or divide result has not been read yet
}

func (s hiloState) allows(u hiloUse) bool {
	switch u {
	case hiloAccum:
		return s.hi && s.lo
	case hiloReadHi:
		return s.hi
	case hiloReadLo:
		return s.lo
	}
	return true
}

func (s hiloState) after(u hiloUse) hiloState {
	switch u {
	case hiloArith, hiloAccum:
		return hiloState{hi: true, lo: true, pending: true}
	case hiloReadHi, hiloReadLo:
		s.pending = false
	case hiloWriteHi: // an unread result makes LO undefined
		return hiloState{hi: true, lo: s.lo && !s.pending}
	case hiloWriteLo:
		return hiloState{hi: s.hi && !s.pending, lo: true}
	case hiloClobber:
		return hiloState{}
	}
	return s
}

// meet is what is known where two paths join.
func (s hiloState) meet(t hiloState) hiloState {
	return hiloState{hi: s.hi && t.hi, lo: s.lo && t.lo, pending: s.pending || t.pending}
}

// diffGen generates one program.
type diffGen struct {
	rng  *rand.Rand
	prog *diffProgram
	hilo hiloState
	// joins[i] is the meet of the states of the branches that land on
	// item i; joined[i] says whether any does.
	joins  []hiloState
	joined []bool
}

// genDiffProgram generates a program; without control it has no branches
// or jumps.
func genDiffProgram(rng *rand.Rand, control bool) *diffProgram {
	p := &diffProgram{base: 1 + uint32(rng.IntN(30))} // $1..$30: JAL writes $31
	n := diffMinItems + rng.IntN(diffMaxItems-diffMinItems)
	g := &diffGen{rng: rng, prog: p, hilo: hiloState{hi: true, lo: true},
		joins: make([]hiloState, n+1), joined: make([]bool, n+1)}
	for r := 1; r < len(p.regs); r++ {
		p.regs[r] = g.value()
	}
	for r := 1; r < len(p.regs); r++ { // equal registers make BEQ and TEQ interesting
		if rng.IntN(8) == 0 {
			p.regs[r] = p.regs[1+rng.IntN(len(p.regs)-1)]
		}
	}
	for i := range p.buf {
		p.buf[i] = byte(rng.Uint32())
	}
	for i := range n {
		g.join(i)
		var item []diffInstr
		if control && rng.IntN(100) < diffCtrlPct {
			item = g.control(i, n)
		} else {
			prep, main := g.plain()
			item = plainInstrs(append(prep, main)...)
		}
		p.items = append(p.items, item)
	}
	g.join(n)
	p.hiDefined, p.loDefined = g.hilo.hi, g.hilo.lo
	return p
}

// join merges into the current state the states of the branches that land
// on item i. Falling through is always assumed possible, which can only
// make the generator more careful.
func (g *diffGen) join(i int) {
	if g.joined[i] {
		g.hilo = g.hilo.meet(g.joins[i])
	}
}

func (g *diffGen) branchTo(i int) {
	if g.joined[i] {
		g.joins[i] = g.joins[i].meet(g.hilo)
	} else {
		g.joins[i], g.joined[i] = g.hilo, true
	}
}

// plain generates one non-control instruction allowed in the current
// state, and the preparation it needs, and updates the state.
func (g *diffGen) plain() (prep []uint32, main uint32) {
	for {
		op := &diffOps[weighted(g.rng, len(diffOps), func(i int) int { return diffOps[i].weight })]
		if g.hilo.allows(op.hilo) {
			prep, main = op.gen(g)
			g.hilo = g.hilo.after(op.hilo)
			return prep, main
		}
	}
}

// control generates a branch or jump from item i to a later item, with a
// plain instruction in its delay slot. The slot's preparation goes before
// the branch.
func (g *diffGen) control(i, n int) []diffInstr {
	target := i + 1 + g.rng.IntN(min(diffMaxSkip, n-i))
	slotPrep, slot := g.plain()
	c := &diffCtrls[weighted(g.rng, len(diffCtrls), func(i int) int { return diffCtrls[i].weight })]
	item := plainInstrs(slotPrep...)
	item = append(item, c.gen(g, target)...)
	item = append(item, diffInstr{word: slot})
	g.branchTo(target)
	return item
}

func plainInstrs(words ...uint32) []diffInstr {
	out := make([]diffInstr, len(words))
	for i, w := range words {
		out[i] = diffInstr{word: w}
	}
	return out
}

// weighted picks an index in [0, n) with probability proportional to its
// weight.
func weighted(rng *rand.Rand, n int, weight func(int) int) int {
	total := 0
	for i := range n {
		total += weight(i)
	}
	x := rng.IntN(total)
	for i := range n {
		if x -= weight(i); x < 0 {
			return i
		}
	}
	panic("unreachable: x < total")
}

// Operand choosers.

// src is any register as a source, including $0 and the base register.
func (g *diffGen) src() uint32 { return uint32(g.rng.IntN(32)) }

// dst is any register but the base register as a destination; writes to
// $0 are legal and must vanish.
func (g *diffGen) dst() uint32 {
	for {
		if r := g.src(); r != g.prog.base {
			return r
		}
	}
}

// nzDst is a destination that keeps what is written to it: not $0.
func (g *diffGen) nzDst() uint32 {
	for {
		if r := g.dst(); r != 0 {
			return r
		}
	}
}

// diffEdgeValues are the values where arithmetic goes wrong.
var diffEdgeValues = []uint32{0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x7fff, 0x8000, 0xffff, 0x10000, 0xffff8000}

// value is a register's initial value: edge cases, small numbers,
// sign-extended halfwords and anything at all.
func (g *diffGen) value() uint32 {
	switch g.rng.IntN(8) {
	case 0, 1:
		return diffEdgeValues[g.rng.IntN(len(diffEdgeValues))]
	case 2:
		return uint32(g.rng.IntN(33) - 16)
	case 3:
		return uint32(int32(int16(g.rng.Uint32())))
	}
	return g.rng.Uint32()
}

// imm is a 16-bit immediate, biased toward the edges.
func (g *diffGen) imm() int32 {
	switch g.rng.IntN(6) {
	case 0:
		return []int32{0, 1, -1, 0x7fff, -0x8000}[g.rng.IntN(5)]
	case 1:
		return int32(g.rng.IntN(33) - 16)
	}
	return int32(int16(g.rng.Uint32()))
}

// offset is a load or store offset from the base register that keeps an
// access of the given alignment inside the buffer.
func (g *diffGen) offset(align int32) int32 {
	return (int32(g.rng.IntN(diffBufSize)) - diffBufSize/2) &^ (align - 1)
}

// diffOp is a kind of plain instruction: gen returns the instruction and
// the instructions that must run just before it.
type diffOp struct {
	name   string
	weight int
	hilo   hiloUse
	gen    func(g *diffGen) (prep []uint32, main uint32)
}

var diffOps = []diffOp{
	{"add", 3, hiloNone, rrr(0x20, 0)},
	{"addu", 3, hiloNone, rrr(0x21, 0)},
	{"sub", 3, hiloNone, rrr(0x22, 0)},
	{"subu", 3, hiloNone, rrr(0x23, 0)},
	{"and", 2, hiloNone, rrr(0x24, 0)},
	{"or", 2, hiloNone, rrr(0x25, 0)},
	{"xor", 2, hiloNone, rrr(0x26, 0)},
	{"nor", 2, hiloNone, rrr(0x27, 0)},
	{"slt", 2, hiloNone, rrr(0x2a, 0)},
	{"sltu", 2, hiloNone, rrr(0x2b, 0)},
	{"movz", 2, hiloNone, rrr(0x0a, 0)},
	{"movn", 2, hiloNone, rrr(0x0b, 0)},
	{"sllv", 2, hiloNone, rrr(0x04, 0)},
	{"srlv", 2, hiloNone, rrr(0x06, 0)},
	{"rotrv", 2, hiloNone, rrr(0x06, 1)},
	{"srav", 2, hiloNone, rrr(0x07, 0)},
	{"sll", 2, hiloNone, shiftImm(0, 0x00)},
	{"srl", 2, hiloNone, shiftImm(0, 0x02)},
	{"rotr", 2, hiloNone, shiftImm(1, 0x02)},
	{"sra", 2, hiloNone, shiftImm(0, 0x03)},
	{"addi", 3, hiloNone, aluImm(0x08)},
	{"addiu", 3, hiloNone, aluImm(0x09)},
	{"slti", 2, hiloNone, aluImm(0x0a)},
	{"sltiu", 2, hiloNone, aluImm(0x0b)},
	{"andi", 2, hiloNone, aluImm(0x0c)},
	{"ori", 2, hiloNone, aluImm(0x0d)},
	{"xori", 2, hiloNone, aluImm(0x0e)},
	{"lui", 2, hiloNone, genLUI},
	{"mul", 2, hiloClobber, genMUL},
	{"clz", 2, hiloNone, countLeading(0x20)},
	{"clo", 2, hiloNone, countLeading(0x21)},
	{"madd", 1, hiloAccum, multiply(opSpecial2, 0x00)},
	{"maddu", 1, hiloAccum, multiply(opSpecial2, 0x01)},
	{"msub", 1, hiloAccum, multiply(opSpecial2, 0x04)},
	{"msubu", 1, hiloAccum, multiply(opSpecial2, 0x05)},
	{"mult", 2, hiloArith, multiply(opSpecial, 0x18)},
	{"multu", 2, hiloArith, multiply(opSpecial, 0x19)},
	{"div", 2, hiloArith, divide(fnDIV)},
	{"divu", 2, hiloArith, divide(fnDIVU)},
	{"mfhi", 2, hiloReadHi, moveFrom(fnMFHI)},
	{"mflo", 2, hiloReadLo, moveFrom(fnMFLO)},
	{"mthi", 1, hiloWriteHi, moveTo(fnMTHI)},
	{"mtlo", 1, hiloWriteLo, moveTo(fnMTLO)},
	{"ext", 2, hiloNone, genEXT},
	{"ins", 2, hiloNone, genINS},
	{"wsbh", 1, hiloNone, byteShuffle(0x02)},
	{"seb", 1, hiloNone, byteShuffle(0x10)},
	{"seh", 1, hiloNone, byteShuffle(0x18)},
	{"lb", 3, hiloNone, load(0x20, 1)},
	{"lh", 3, hiloNone, load(0x21, 2)},
	{"lwl", 3, hiloNone, load(0x22, 1)},
	{"lw", 3, hiloNone, load(0x23, 4)},
	{"lbu", 3, hiloNone, load(0x24, 1)},
	{"lhu", 3, hiloNone, load(0x25, 2)},
	{"lwr", 3, hiloNone, load(0x26, 1)},
	{"sb", 3, hiloNone, store(0x28, 1)},
	{"sh", 3, hiloNone, store(0x29, 2)},
	{"swl", 3, hiloNone, store(0x2a, 1)},
	{"sw", 3, hiloNone, store(0x2b, 4)},
	{"swr", 3, hiloNone, store(0x2e, 1)},
	{"tge", 1, hiloNone, trapReg(0x30)},
	{"tgeu", 1, hiloNone, trapReg(0x31)},
	{"tlt", 1, hiloNone, trapReg(0x32)},
	{"tltu", 1, hiloNone, trapReg(0x33)},
	{"teq", 1, hiloNone, trapReg(0x34)},
	{"tne", 1, hiloNone, trapReg(0x36)},
	{"tgei", 1, hiloNone, trapImm(0x08)},
	{"tgeiu", 1, hiloNone, trapImm(0x09)},
	{"tlti", 1, hiloNone, trapImm(0x0a)},
	{"tltiu", 1, hiloNone, trapImm(0x0b)},
	{"teqi", 1, hiloNone, trapImm(0x0c)},
	{"tnei", 1, hiloNone, trapImm(0x0e)},
	{"sync", 1, hiloNone, func(*diffGen) ([]uint32, uint32) { return nil, encR(opSpecial, 0, 0, 0, 0, 0x0f) }},
}

// rrr: rd = rs op rt (for the variable shifts, rd = rt shifted by rs).
// sa selects ROTRV among the SRLV encodings.
func rrr(funct, sa uint32) func(*diffGen) ([]uint32, uint32) {
	return func(g *diffGen) ([]uint32, uint32) {
		return nil, encR(opSpecial, g.src(), g.src(), g.dst(), sa, funct)
	}
}

// shiftImm: rd = rt shifted by sa. rs selects ROTR among the SRL encodings.
func shiftImm(rs, funct uint32) func(*diffGen) ([]uint32, uint32) {
	return func(g *diffGen) ([]uint32, uint32) {
		return nil, encR(opSpecial, rs, g.src(), g.dst(), uint32(g.rng.IntN(32)), funct)
	}
}

// aluImm: rt = rs op immediate.
func aluImm(op uint32) func(*diffGen) ([]uint32, uint32) {
	return func(g *diffGen) ([]uint32, uint32) { return nil, encI(op, g.src(), g.dst(), g.imm()) }
}

func genLUI(g *diffGen) ([]uint32, uint32) { return nil, encI(opLUI, 0, g.dst(), g.imm()) }

func genMUL(g *diffGen) ([]uint32, uint32) {
	return nil, encR(opSpecial2, g.src(), g.src(), g.dst(), 0, 0x02)
}

// countLeading: CLZ and CLO name their destination twice, in rt and rd.
func countLeading(funct uint32) func(*diffGen) ([]uint32, uint32) {
	return func(g *diffGen) ([]uint32, uint32) {
		rd := g.dst()
		return nil, encR(opSpecial2, g.src(), rd, rd, 0, funct)
	}
}

// multiply: HI,LO = (or +=, -=) rs * rt.
func multiply(op, funct uint32) func(*diffGen) ([]uint32, uint32) {
	return func(g *diffGen) ([]uint32, uint32) { return nil, encR(op, g.src(), g.src(), 0, 0, funct) }
}

// divide guards its divisor: the instruction before it makes the divisor
// register nonzero, keeping its upper half random, setting a small value
// (-1 included, for the INT_MIN / -1 edge) or a large one.
func divide(funct uint32) func(*diffGen) ([]uint32, uint32) {
	return func(g *diffGen) ([]uint32, uint32) {
		d := g.nzDst()
		nonzero := uint32(1 + g.rng.IntN(0xffff))
		guard := [...]uint32{
			ori(d, d, nonzero),
			addiu(d, 0, int32(int16(nonzero))),
			lui(d, nonzero),
		}[g.rng.IntN(3)]
		return []uint32{guard}, encR(opSpecial, g.src(), d, 0, 0, funct)
	}
}

func moveFrom(funct uint32) func(*diffGen) ([]uint32, uint32) {
	return func(g *diffGen) ([]uint32, uint32) { return nil, encR(opSpecial, 0, 0, g.dst(), 0, funct) }
}

func moveTo(funct uint32) func(*diffGen) ([]uint32, uint32) {
	return func(g *diffGen) ([]uint32, uint32) { return nil, encR(opSpecial, g.src(), 0, 0, 0, funct) }
}

// genEXT: rt = size bits of rs from bit pos, with pos+size <= 32.
func genEXT(g *diffGen) ([]uint32, uint32) {
	pos := uint32(g.rng.IntN(32))
	size := 1 + uint32(g.rng.IntN(32-int(pos)))
	return nil, encR(opSpecial3, g.src(), g.dst(), size-1, pos, 0x00)
}

// genINS: the low size bits of rs replace bits pos.. of rt.
func genINS(g *diffGen) ([]uint32, uint32) {
	pos := uint32(g.rng.IntN(32))
	size := 1 + uint32(g.rng.IntN(32-int(pos)))
	return nil, encR(opSpecial3, g.src(), g.dst(), pos+size-1, pos, 0x04)
}

// byteShuffle: the BSHFL group, selected by sa.
func byteShuffle(sa uint32) func(*diffGen) ([]uint32, uint32) {
	return func(g *diffGen) ([]uint32, uint32) { return nil, encR(opSpecial3, 0, g.src(), g.dst(), sa, 0x20) }
}

func load(op uint32, align int32) func(*diffGen) ([]uint32, uint32) {
	return func(g *diffGen) ([]uint32, uint32) { return nil, encI(op, g.prog.base, g.dst(), g.offset(align)) }
}

func store(op uint32, align int32) func(*diffGen) ([]uint32, uint32) {
	return func(g *diffGen) ([]uint32, uint32) { return nil, encI(op, g.prog.base, g.src(), g.offset(align)) }
}

// trapReg: trap if rs compares with rt; a random code fills bits 15..6.
// Comparing a register with itself one time in four lets TNE run without
// trapping.
func trapReg(funct uint32) func(*diffGen) ([]uint32, uint32) {
	return func(g *diffGen) ([]uint32, uint32) {
		rs, rt := g.src(), g.src()
		if g.rng.IntN(4) == 0 {
			rt = rs
		}
		return nil, encR(opSpecial, rs, rt, 0, 0, funct) | uint32(g.rng.IntN(1024))<<6
	}
}

// trapImm: trap if rs compares with the immediate; cond goes in rt.
func trapImm(cond uint32) func(*diffGen) ([]uint32, uint32) {
	return func(g *diffGen) ([]uint32, uint32) { return nil, encI(opRegimm, g.src(), cond, g.imm()) }
}

// diffCtrl is a kind of branch or jump: gen returns it, and any
// preparation, going to item target.
type diffCtrl struct {
	name   string
	weight int
	gen    func(g *diffGen, target int) []diffInstr
}

var diffCtrls = []diffCtrl{
	{"beq", 3, compare(opBEQ)},
	{"bne", 3, compare(opBNE)},
	{"blez", 1, compareZero(0x06, 0)},
	{"bgtz", 1, compareZero(0x07, 0)},
	{"bltz", 1, compareZero(opRegimm, 0x00)},
	{"bgez", 1, compareZero(opRegimm, 0x01)},
	{"bltzal", 1, compareZero(opRegimm, rtBLTZAL)},
	{"bgezal", 1, compareZero(opRegimm, rtBGEZAL)},
	{"j", 1, jump(opJ)},
	{"jal", 1, jump(opJAL)},
	{"jr", 1, jumpRegister(false)},
	{"jalr", 1, jumpRegister(true)},
}

// compare: BEQ and BNE, comparing a register with itself one time in
// four so that both outcomes are common.
func compare(op uint32) func(*diffGen, int) []diffInstr {
	return func(g *diffGen, target int) []diffInstr {
		rs, rt := g.src(), g.src()
		if g.rng.IntN(4) == 0 {
			rt = rs
		}
		return []diffInstr{{word: encI(op, rs, rt, 0), fix: fixBranch, target: target}}
	}
}

// compareZero: the branches that test the sign of rs. The linking ones
// must not test $31, which they write.
func compareZero(op, rt uint32) func(*diffGen, int) []diffInstr {
	return func(g *diffGen, target int) []diffInstr {
		rs := g.src()
		for rt >= rtBLTZAL && rs == machine.RetAddrReg {
			rs = g.src()
		}
		return []diffInstr{{word: encI(op, rs, rt, 0), fix: fixBranch, target: target}}
	}
}

func jump(op uint32) func(*diffGen, int) []diffInstr {
	return func(_ *diffGen, target int) []diffInstr {
		return []diffInstr{{word: op << 26, fix: fixJump, target: target}}
	}
}

// jumpRegister loads the target address into a register, then JR or JALR
// through it (JALR links into another register).
func jumpRegister(link bool) func(*diffGen, int) []diffInstr {
	return func(g *diffGen, target int) []diffInstr {
		rs := g.nzDst()
		jr := encR(opSpecial, rs, 0, 0, 0, fnJR)
		if link {
			rd := g.dst()
			for rd == rs {
				rd = g.dst()
			}
			jr = encR(opSpecial, rs, 0, rd, 0, fnJALR)
		}
		return []diffInstr{
			{word: lui(rs, 0), fix: fixHi, target: target},
			{word: ori(rs, rs, 0), fix: fixLo, target: target},
			{word: jr},
		}
	}
}
