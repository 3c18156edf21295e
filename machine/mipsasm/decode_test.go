package mipsasm

import (
	"encoding/binary"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGolden checks the printers against objdump's saved output, so that
// it runs without binutils.
func TestGolden(t *testing.T) {
	t.Run("allinsns GNU", func(t *testing.T) {
		lines := readGolden(t, goldenGNU)
		require.Greater(t, len(lines), 200)
		checkLines(t, lines, GNUSyntax)
	})
	t.Run("allinsns numeric", func(t *testing.T) {
		lines := readGolden(t, goldenNumeric)
		require.Greater(t, len(lines), 200)
		checkLines(t, lines, NumericSyntax)
	})
	t.Run("programs", func(t *testing.T) {
		if _, err := os.Stat(goldenPrograms); os.IsNotExist(err) {
			t.Skipf("%s not made yet: run go generate ./machine/mipsasm/", goldenPrograms)
		}
		checkLines(t, readGolden(t, goldenPrograms), GNUSyntax)
	})
}

func TestGoldenLineFormat(t *testing.T) {
	g, err := parseGolden("00000010\t8ca4ffff\tlw\ta0,-1(a1)")
	require.NoError(t, err)
	assert.Equal(t, goldenLine{pc: 0x10, word: 0x8ca4ffff, text: "lw\ta0,-1(a1)"}, g)
	for _, bad := range []string{
		"00000010 8ca4ffff lw a0,-1(a1)", // spaces, not tabs
		"10\t8ca4ffff\tlw\ta0,-1(a1)",    // short address
		"0000001g\t8ca4ffff\tnop",        // not hex
		"00000010\t8ca4fffz\tnop",
		"00000010\t8ca4ffff\t",
	} {
		_, err := parseGolden(bad)
		assert.Error(t, err, "%q", bad)
	}
}

func TestEncodingTableIsConsistent(t *testing.T) {
	seen := map[Op]int{}
	for i, r := range encodings {
		assert.Equal(t, uint32(0xfc000000), r.mask&0xfc000000, "row %d (%v): the mask must cover the primary opcode", i, r.op)
		assert.Zero(t, r.value&^r.mask, "row %d (%v): value has bits outside the mask", i, r.op)
		seen[r.op]++
		for _, k := range r.args {
			if k != 0 {
				assert.NotPanics(t, func() { k.decode(r.value) }, "row %d (%v): argKind %d", i, r.op, k)
			}
		}
		for j, s := range encodings[:i] {
			// Two rows overlap when some word matches both: they agree on
			// every bit that both masks cover.
			assert.NotZero(t, (r.value^s.value)&r.mask&s.mask, "rows %d (%v) and %d (%v) overlap", j, s.op, i, r.op)
		}
	}
	for op := Op(1); int(op) < len(opNames); op++ {
		assert.Equal(t, 1, seen[op], "%v must have exactly one row", op)
	}
}

func decodeWord(t *testing.T, w uint32) (Inst, error) {
	t.Helper()
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], w)
	return Decode(b[:], binary.LittleEndian)
}

func TestDecodeOperands(t *testing.T) {
	for _, c := range []struct {
		word uint32
		want Args
		str  string
	}{
		{0x8ca4ffff, Args{Reg(4), Mem{Base: 5, Offset: -1}}, "lw $4,-1($5)"},
		{0x2404ffff, Args{Reg(4), Reg(0), Imm(-1)}, "addiu $4,$0,-1"},
		{0x3404ffff, Args{Reg(4), Reg(0), Uimm(0xffff)}, "ori $4,$0,0xffff"},
		{0x1085fffe, Args{Reg(4), Reg(5), PCRel(-4)}, "beq $4,$5,.-4"},
		{0x10000003, Args{Reg(0), Reg(0), PCRel(16)}, "beq $0,$0,.+16"},
		{0x0bffffff, Args{Target(0x0ffffffc)}, "j 0xffffffc"},
		{0x0085001a, Args{Reg(4), Reg(5)}, "div $4,$5"},
		{0x000700cd, Args{Uimm(7), Uimm(3)}, "break 0x7,0x3"},
		{0x0000000c, Args{Uimm(0)}, "syscall 0x0"},
		{0x7ca418c0, Args{Reg(4), Reg(5), Uimm(3), Uimm(4)}, "ext $4,$5,0x3,0x4"},
		{0x7ca430c4, Args{Reg(4), Reg(5), Uimm(3), Uimm(4)}, "ins $4,$5,0x3,0x4"},
		{0x002208c2, Args{Reg(1), Reg(2), Uimm(3)}, "rotr $1,$2,0x3"},
		{0x0080f809, Args{Reg(31), Reg(4)}, "jalr $31,$4"},
		{0xc4a4fffc, Args{FReg(4), Mem{Base: 5, Offset: -4}}, "lwc1 $f4,-4($5)"},
		{0x4626273c, Args{CC(7), FReg(4), FReg(6)}, "c.lt.d $fcc7,$f4,$f6"},
		{0x40028001, Args{Reg(2), CP0Reg{Reg: 16, Sel: 1}}, "mfc0 $2,$16,1"},
		{0x4442f800, Args{Reg(2), FCReg(31)}, "cfc1 $2,$31"},
		{0x7c03e83b, Args{Reg(3), HWReg(29)}, "rdhwr $3,$29"},
		{0xcc9efff8, Args{Uimm(30), Mem{Base: 4, Offset: -8}}, "pref 0x1e,-8($4)"},
		{0x43ffffe0, Args{Uimm(0x7ffff)}, "wait 0x7ffff"},
		{0x42000018, Args{}, "eret"},
	} {
		inst, err := decodeWord(t, c.word)
		require.NoError(t, err, "%08x", c.word)
		assert.Equal(t, c.word, inst.Enc)
		assert.Equal(t, c.want, inst.Args, "%08x", c.word)
		assert.Equal(t, c.str, inst.String(), "%08x", c.word)
	}
}

func TestBranchAndJumpTargets(t *testing.T) {
	assert.Equal(t, uint32(0x100c), PCRel(12).Addr(0x1000))
	assert.Equal(t, uint32(0xfffffffc), PCRel(-4).Addr(0))
	// The region comes from the delay slot, which may be in the next one.
	assert.Equal(t, uint32(0x10000040), Target(0x40).Addr(0x0ffffffc))
	assert.Equal(t, uint32(0x00000040), Target(0x40).Addr(0x0ffffff8))
}

func TestDecodeByteOrder(t *testing.T) {
	little, err := Decode([]byte{0xff, 0xff, 0xa4, 0x8c}, binary.LittleEndian)
	require.NoError(t, err)
	big, err := Decode([]byte{0x8c, 0xa4, 0xff, 0xff}, binary.BigEndian)
	require.NoError(t, err)
	assert.Equal(t, little, big)
	assert.Equal(t, LW, big.Op)
}

func TestDecodeRejects(t *testing.T) {
	_, err := Decode([]byte{0, 0, 0}, binary.LittleEndian)
	assert.ErrorIs(t, err, ErrTruncated)
	assert.ErrorContains(t, err, "3 bytes")

	for _, c := range []struct {
		word uint32
		why  string
	}{
		{0xffffffff, "opcode 0x3f is reserved"},
		{0x4c000020, "madd.s: COP1X is not decoded"},
		{0x46800000, "add.w: integers have no floating-point add"},
		{0x46011005, "abs.s with ft != 0"},
		{0x46020072, "c.eq.s with bits 7..6 set"},
		{0x400267f0, "mfc0 with bits 10..3 set"},
		{0x42000058, "eret with a stray bit"},
		{0x00430828, "SPECIAL function 0x28 is reserved"},
		{0x00420840, "sll with rs != 0"},
		{0x00620805, "function 5 is not srlv"},
		{0x00850818, "mult with rd != 0 (a DSP accumulator)"},
		{0x00800408, "jr.hb: the hazard hint must be zero here"},
		{0x0001000f, "sync with rt != 0"},
		{0x041e0000, "REGIMM rt 0x1e is reserved"},
		{0x58010000, "blezl with rt != 0"},
		{0x7c00ffc0, "ext: position 31, size 32"},
		{0x7c00efc4, "ins: last bit 29 before first bit 31"},
		{0x7c0000e0, "bshfl: sa 3 is not wsbh, seb or seh"},
	} {
		_, err := decodeWord(t, c.word)
		assert.ErrorIs(t, err, ErrUnknown, "%08x: %s", c.word, c.why)
		if err != nil {
			assert.Contains(t, err.Error(), "0x", "the message names the word")
		}
	}
}

func TestOpString(t *testing.T) {
	for op := Op(1); int(op) < len(opNames); op++ {
		assert.NotContains(t, op.String(), "Op(", "%d has no name", op)
	}
	assert.Equal(t, "Op(0)", Op(0).String())
	assert.Equal(t, "Op(200)", Op(200).String())
	assert.Equal(t, "rotr", ROTR.String(), "the manual's name, not objdump's")
}

func TestSyntaxAliases(t *testing.T) {
	for _, c := range []struct {
		word     uint32
		pc       uint32
		gnu, num string
	}{
		{0x00000000, 0, "nop", "nop"},
		{0x00400821, 0, "move\tat,v0", "move\t$1,$2"},
		{0x0085001a, 0, "div\tzero,a0,a1", "div\t$0,$4,$5"},
		{0x1000ffff, 0x40, "b\t40", "b\t40"},
		{0x0411ffff, 0x40, "bal\t40", "bal\t40"},
		{0x0c000010, 0x10000000, "jal\t10000040", "jal\t10000040"},
		{0x0320f809, 0, "jalr\tt9", "jalr\t$25"},
		{0x00a001f4, 0, "teq\ta1,zero,0x7", "teq\t$5,$0,0x7"},
		{0x0000040f, 0, "sync_mb", "sync_mb"},
		{0x03c0f025, 0, "move\ts8,s8", "move\t$30,$30"},
		{0x5080ffff, 0x40, "beqzl\ta0,40", "beqzl\t$4,40"},
		{0x4500ffff, 0x40, "bc1f\t40", "bc1f\t40"},
		{0x4504ffff, 0x40, "bc1f\t$fcc1,40", "bc1f\t$fcc1,40"},
		{0x46020032, 0, "c.eq.s\t$f0,$f2", "c.eq.s\t$f0,$f2"},
		{0x40026000, 0, "mfc0\tv0,c0_status", "mfc0\t$2,c0_status"},
		{0x4002f807, 0, "mfc0\tv0,$31,7", "mfc0\t$2,$31,7"},
		{0x44420000, 0, "cfc1\tv0,c1_fir", "cfc1\t$2,c1_fir"},
		{0x7c03003b, 0, "rdhwr\tv1,hwr_cpunum", "rdhwr\t$3,hwr_cpunum"},
		{0x41606000, 0, "di", "di"},
		{0x42000020, 0, "wait", "wait"},
	} {
		inst, err := decodeWord(t, c.word)
		require.NoError(t, err, "%08x", c.word)
		assert.Equal(t, c.gnu, GNUSyntax(inst, c.pc), "%08x", c.word)
		assert.Equal(t, c.num, NumericSyntax(inst, c.pc), "%08x", c.word)
	}
}

// The numeric register names are written out, so that nothing is built
// when nachos starts; they must say what Reg.String says.
func TestNumericNamesAreTheRegisters(t *testing.T) {
	for r := range numericNames {
		assert.Equal(t, Reg(r).String(), numericNames[r])
	}
}
