// Exceptions after random code, checked on our CPU alone.
//
// qemu cannot tell us where a Nachos exception should leave the machine
// (Linux turns it into a signal with the MIPS convention for delay slots,
// not the Nachos one), but the answer is known by construction. Each case
// runs a random straight-line prefix, sets up operands that make one
// instruction certainly raise an exception, and runs that instruction
// either on its own or in the delay slot of a branch or jump, taken or
// not. Then:
//
//   - the cause is the one the instruction raises;
//   - PC names the instruction, and NextPC is where the program would have
//     gone after it (the branch target, when in a taken branch's slot);
//   - BadVAddr holds the address of a misaligned access;
//   - the instructions before it, and only those, were charged a tick;
//   - registers and memory are exactly as they are when a BREAK takes the
//     instruction's place: the instruction changed nothing.

package machine_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

const (
	faultCases      = 1000
	faultShortCases = 200
	faultCodeAddr   = diffLoadAddr + 0x100 // room for 448 instructions
	faultBufAddr    = diffLoadAddr + 0x800
	faultImageSize  = 0x1000
	faultStream     = 1 << 32 // PCG stream offset: other programs than the differential test's
)

func TestExecFaultsAfterRandomCode(t *testing.T) {
	n := faultCases
	if testing.Short() {
		n = faultShortCases
	}
	m := newMappedMachine(t, diffLoadAddr, faultImageSize)
	for i := range n {
		rng := rand.New(rand.NewPCG(*diffSeedFlag, faultStream+uint64(i)))
		kind := &faultKinds[rng.IntN(len(faultKinds))]
		place := &faultPlaces[rng.IntN(len(faultPlaces))]
		if !checkFault(t, m, rng, i, kind, place) {
			return // one case in full says more than many
		}
	}
}

// checkFault generates and checks one case, reporting whether it passed.
func checkFault(t *testing.T, m *machine.Machine, rng *rand.Rand, i int, kind *faultKind, place *faultPlace) bool {
	t.Helper()
	prefix := genDiffProgram(rng, false)
	c := &diffCase{index: i, prog: prefix, codeAddr: faultCodeAddr, bufAddr: faultBufAddr}
	c.code = prefix.encode(c.codeAddr)
	c.init.regs = prefix.regs
	c.init.regs[prefix.base] = c.baseValue()
	c.init.buf = prefix.buf

	// Make the prefix run cleanly, repairing it as the differential test does.
	c.endAddr = c.codeAddr + uint32(4*len(c.code))
	putCode(t, m, c.codeAddr, append(c.code, brk()))
	if stop := runRepaired(t, m, c); stop.cause != machine.TrapException || stop.pc != c.endAddr {
		t.Errorf("fault case %d: the random prefix raised %v at 0x%08x\n%s", i, stop.cause, stop.pc, diffDescribe(c, nil))
		return false
	}

	// Append the setup, the control instruction if any, the faulting
	// instruction, a few NOPs for a branch to land on, and BREAK.
	f := newFaultGen(rng, prefix.base, c.baseValue())
	setup, fault, bad := kind.gen(f)
	c.code = append(c.code, setup...)
	target := c.codeAddr + uint32(4*(len(c.code)+faultJumpWords+1+faultLanding))
	if place.jump != nil {
		c.code = append(c.code, place.jump(f, c.codeAddr+uint32(4*len(c.code)), target)...)
	}
	faultAddr := c.codeAddr + uint32(4*len(c.code))
	c.code = append(c.code, fault)
	for len(c.code) < int(target-c.codeAddr)/4 {
		c.code = append(c.code, nop)
	}
	c.code = append(c.code, brk())
	c.endAddr = c.codeAddr + uint32(4*len(c.code))
	require.LessOrEqual(t, c.endAddr, uint32(faultBufAddr), "fault case %d: the code overlaps the buffer", i)

	putCode(t, m, c.codeAddr, c.code)
	got := runDiffCase(m, c)
	gotState := diffStateOf(m, c)
	putWord(t, m, faultAddr, brk())
	want := runDiffCase(m, c)
	wantState := diffStateOf(m, c)

	nextPC := faultAddr + 4
	if place.taken {
		nextPC = target
	}
	what := fmt.Sprintf("fault case %d (-difftest.seed=%d): %s %s, at 0x%08x", i, *diffSeedFlag, kind.name, place.name, faultAddr)
	ok := assert.Equal(t, kind.cause.String(), got.cause.String(), what) &&
		assert.Equal(t, hex32(faultAddr), hex32(got.pc), "%s: PC", what) &&
		assert.Equal(t, hex32(nextPC), hex32(got.nextPC), "%s: NextPC", what) &&
		assert.Equal(t, int64(faultAddr-c.codeAddr)/4, got.userTicks, "%s: ticks", what) &&
		assert.Equal(t, want.userTicks, got.userTicks, "%s: ticks, compared with BREAK in its place", what) &&
		assert.Equal(t, wantState, gotState, "%s: registers and buffer, compared with BREAK in its place", what)
	if ok && kind.cause == machine.AddressErrorException {
		ok = assert.Equal(t, hex32(bad), hex32(got.badVAddr), "%s: BadVAddr", what)
	}
	if !ok {
		t.Logf("%s\n%s", what, diffDescribe(c, nil))
	}
	return ok
}

func hex32(v uint32) string { return fmt.Sprintf("0x%08x", v) }

// putCode stores instructions from vaddr on.
func putCode(t *testing.T, m *machine.Machine, vaddr uint32, code []uint32) {
	t.Helper()
	for i, w := range code {
		putWord(t, m, vaddr+uint32(4*i), w)
	}
}

// faultGen chooses operands for a faulting instruction: a and b are
// registers the setup may load (never the base register, $0 or $31, which
// the linking jumps write), j is a third one for jumping through.
type faultGen struct {
	*diffGen
	a, b, j   uint32
	baseValue uint32
}

func newFaultGen(rng *rand.Rand, base, baseValue uint32) *faultGen {
	g := &diffGen{rng: rng, prog: &diffProgram{base: base}}
	f := &faultGen{diffGen: g, baseValue: baseValue}
	var picked []uint32
	pick := func() uint32 {
		for {
			r := g.nzDst()
			if r != machine.RetAddrReg && !contains(picked, r) {
				picked = append(picked, r)
				return r
			}
		}
	}
	f.a, f.b, f.j = pick(), pick(), pick()
	return f
}

func contains(rs []uint32, r uint32) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// r16 is a random low halfword, to vary values that must keep their
// upper half.
func (f *faultGen) r16() uint32 { return uint32(f.rng.IntN(0x10000)) }

// setAB loads a and b.
func (f *faultGen) setAB(a, b uint32) []uint32 { return append(li32(f.a, a), li32(f.b, b)...) }

// faultKind is an instruction made to raise cause: gen returns the setup,
// the instruction and, for an address error, the address it touches.
type faultKind struct {
	name  string
	cause machine.ExceptionType
	gen   func(f *faultGen) (setup []uint32, fault, bad uint32)
}

var faultKinds = []faultKind{
	{"add overflowing up", machine.OverflowException, func(f *faultGen) ([]uint32, uint32, uint32) {
		return f.setAB(0x7fff0000|f.r16(), 0x7fff0000|f.r16()), encR(opSpecial, f.a, f.b, f.dst(), 0, fnADD), 0
	}},
	{"add overflowing down", machine.OverflowException, func(f *faultGen) ([]uint32, uint32, uint32) {
		return f.setAB(0x80000000|f.r16(), 0x80000000|f.r16()), encR(opSpecial, f.a, f.b, f.dst(), 0, fnADD), 0
	}},
	{"addi overflowing up", machine.OverflowException, func(f *faultGen) ([]uint32, uint32, uint32) {
		return li32(f.a, 0x7fff8001+uint32(f.rng.IntN(0x7ffe))), encI(opADDI, f.a, f.dst(), 0x7fff), 0
	}},
	{"addi overflowing down", machine.OverflowException, func(f *faultGen) ([]uint32, uint32, uint32) {
		return li32(f.a, 0x80000000+uint32(f.rng.IntN(0x8000))), encI(opADDI, f.a, f.dst(), -0x8000), 0
	}},
	{"sub overflowing down", machine.OverflowException, func(f *faultGen) ([]uint32, uint32, uint32) {
		return f.setAB(0x80000000|f.r16(), 0x7fff0000|f.r16()), encR(opSpecial, f.a, f.b, f.dst(), 0, fnSUB), 0
	}},
	{"sub overflowing up", machine.OverflowException, func(f *faultGen) ([]uint32, uint32, uint32) {
		return f.setAB(0x7fff0000|f.r16(), 0x80000000|f.r16()), encR(opSpecial, f.a, f.b, f.dst(), 0, fnSUB), 0
	}},
	{"tge", machine.TrapException, trapRegFault(0x30, 0x7fff0000, 0x80000000)},
	{"tgeu", machine.TrapException, trapRegFault(0x31, 0xffff0000, 0x7fff0000)},
	{"tlt", machine.TrapException, trapRegFault(0x32, 0x80000000, 0x00000000)},
	{"tltu", machine.TrapException, trapRegFault(0x33, 0x00000000, 0x80000000)},
	{"teq", machine.TrapException, func(f *faultGen) ([]uint32, uint32, uint32) {
		v := f.value()
		return f.setAB(v, v), encR(opSpecial, f.a, f.b, 0, 0, fnTEQ) | f.r16()&0x3ff<<6, 0
	}},
	{"tne", machine.TrapException, func(f *faultGen) ([]uint32, uint32, uint32) {
		v := f.value()
		return f.setAB(v, v^1<<f.rng.IntN(32)), encR(opSpecial, f.a, f.b, 0, 0, 0x36), 0
	}},
	{"tgei", machine.TrapException, trapImmFault(0x08, func(int32) (uint32, bool) { return 0x7fff8000, true })},
	{"tgeiu", machine.TrapException, trapImmFault(0x09, func(int32) (uint32, bool) { return 0xffffffff, true })},
	{"tlti", machine.TrapException, trapImmFault(0x0a, func(int32) (uint32, bool) { return 0x80000000, true })},
	{"tltiu", machine.TrapException, trapImmFault(0x0b, func(imm int32) (uint32, bool) {
		return uint32(imm) - 1, imm != 0 // nothing is unsigned-less than 0
	})},
	{"teqi", machine.TrapException, trapImmFault(0x0c, func(imm int32) (uint32, bool) { return uint32(imm), true })},
	{"tnei", machine.TrapException, trapImmFault(0x0e, func(imm int32) (uint32, bool) { return uint32(imm) + 1, true })},
	{"break", machine.TrapException, func(f *faultGen) ([]uint32, uint32, uint32) {
		return nil, brk() | f.r16()<<6, 0
	}},
	{"syscall", machine.SyscallException, func(*faultGen) ([]uint32, uint32, uint32) { return nil, syscallInstr(), 0 }},
	{"cop1", machine.IllegalInstrException, func(f *faultGen) ([]uint32, uint32, uint32) {
		return nil, 0x11<<26 | f.rng.Uint32()&0x03ffffff, 0
	}},
	{"lw misaligned", machine.AddressErrorException, misaligned(opLW, 4, false)},
	{"sw misaligned", machine.AddressErrorException, misaligned(opSW, 4, true)},
	{"lh misaligned", machine.AddressErrorException, misaligned(opLH, 2, false)},
	{"lhu misaligned", machine.AddressErrorException, misaligned(0x25, 2, false)},
	{"sh misaligned", machine.AddressErrorException, misaligned(0x29, 2, true)},
}

// trapRegFault: a trap on a and b, set to the given upper halves (with
// random lower halves), for which the condition holds.
func trapRegFault(funct, a, b uint32) func(*faultGen) ([]uint32, uint32, uint32) {
	return func(f *faultGen) ([]uint32, uint32, uint32) {
		return f.setAB(a|f.r16(), b|f.r16()), encR(opSpecial, f.a, f.b, 0, 0, funct), 0
	}
}

// trapImmFault: a trap on a and a random immediate, with a chosen from
// the immediate so that the condition holds (if it can: ok false asks for
// another immediate).
func trapImmFault(cond uint32, a func(imm int32) (v uint32, ok bool)) func(*faultGen) ([]uint32, uint32, uint32) {
	return func(f *faultGen) ([]uint32, uint32, uint32) {
		for {
			imm := f.imm()
			if v, ok := a(imm); ok {
				return li32(f.a, v), encI(opRegimm, f.a, cond, imm), 0
			}
		}
	}
}

// misaligned: a load or store through the base register at an address
// that is not a multiple of size.
func misaligned(op, size uint32, storing bool) func(*faultGen) ([]uint32, uint32, uint32) {
	return func(f *faultGen) ([]uint32, uint32, uint32) {
		off := f.offset(int32(size)) + 1 + int32(f.rng.IntN(int(size)-1))
		rt := f.dst()
		if storing {
			rt = f.src()
		}
		return nil, encI(op, f.base(), rt, off), f.baseValue + uint32(off)
	}
}

func (f *faultGen) base() uint32 { return f.prog.base }

// faultJumpWords is the most words a faultPlace's jump takes.
const (
	faultJumpWords = 3
	faultLanding   = 3 // NOPs between the faulting instruction and the target
)

// faultPlace puts the faulting instruction on its own (jump nil) or in
// the delay slot of a branch or jump, taken or not. jump returns the
// instructions that go just before the faulting one, starting at pc.
type faultPlace struct {
	name  string
	taken bool
	jump  func(f *faultGen, pc, target uint32) []uint32
}

var faultPlaces = []faultPlace{
	{"on its own", false, nil},
	{"in a taken beq's slot", true, branchPlace(opBEQ, 0)},
	{"in an untaken bne's slot", false, branchPlace(opBNE, 0)},
	{"in a taken bgezal's slot", true, branchPlace(opRegimm, rtBGEZAL)},
	{"in an untaken bltzal's slot", false, branchPlace(opRegimm, rtBLTZAL)},
	{"in a j's slot", true, func(_ *faultGen, _, target uint32) []uint32 { return []uint32{encJ(opJ, target)} }},
	{"in a jal's slot", true, func(_ *faultGen, _, target uint32) []uint32 { return []uint32{encJ(opJAL, target)} }},
	{"in a jalr's slot", true, func(f *faultGen, _, target uint32) []uint32 {
		return append(li32(f.j, target), encR(opSpecial, f.j, 0, machine.RetAddrReg, 0, fnJALR))
	}},
}

// branchPlace: a branch on $0 to target, from pc.
func branchPlace(op, rt uint32) func(*faultGen, uint32, uint32) []uint32 {
	return func(_ *faultGen, pc, target uint32) []uint32 {
		return []uint32{encI(op, 0, rt, int32(target-pc-4)/4)}
	}
}
