package machine_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"nachos/machine"
)

// Each refused MIPS32r2 instruction is explained by what it is and how to
// build the program without it; the words are what
// mipsel-linux-gnu-as -mips32r2 makes of the instruction named.
func TestExplainIllegalNamesTheKindAndTheFix(t *testing.T) {
	for _, c := range []struct {
		name string
		word uint32
		want string
	}{
		{"lwc1 $f0,0(a0)", 0xc4800000, "floating point is not supported: compile with -msoft-float"},
		{"sdc1 $f30,-8(a3)", 0xf4fefff8, "-msoft-float"},
		{"add.s $f0,$f2,$f4", 0x46041000, "-msoft-float"},
		{"mtc1 v1,$f4", 0x44832000, "-msoft-float"},
		{"madd.s (COP1X)", 0x4c000020, "-msoft-float"},
		{"mfc0 v0,c0_status", 0x40026000, "privileged"},
		{"eret", 0x42000018, "privileged"},
		{"tlbwi", 0x42000002, "privileged"},
		{"cache 0x14,0(a0)", 0xbc940000, "privileged"},
		{"ll v0,0(a0)", 0xc0820000, "LL and SC (atomic read-modify-write) are not supported"},
		{"sc v0,0(a0)", 0xe0820000, "-mips1"},
		{"beql a0,a1", 0x5085ffff, "branch-likely instructions are not supported"},
		{"bgtzl t1", 0x5d200051, "-mbranch-likely"},
		{"bltzl t2", 0x0542ffff, "-mbranch-likely"},
		{"bgezall t5", 0x05b3004c, "-mbranch-likely"},
		{"rdhwr v1,$29", 0x7c03e83b, "__thread"},
		{"reserved opcode 0x3f", 0xffffffff, "not a MIPS I or MIPS32r2 integer instruction"},
	} {
		assert.Contains(t, machine.ExplainIllegal(c.word), c.want, "%s (0x%08x)", c.name, c.word)
	}
	// The old messages were wrong for these: LL and SC are MIPS32r2
	// instructions, and MIPS32r2 has branch-likely.
	assert.NotContains(t, machine.ExplainIllegal(0xc0820000), "not a MIPS I or MIPS32r2")
	assert.NotContains(t, machine.ExplainIllegal(0x5085ffff), "-mips32r2")
}
