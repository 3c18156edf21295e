package machine_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// The trace names code through the kernel's Namer: the function in a
// column of its own, and the source line above the instruction whenever
// it changes. Without a Namer, the trace is as it always was.
func TestTraceNamesCode(t *testing.T) {
	const nop, brk = 0x00000000, 0x0000000d
	m := newExecMachine(t)
	var out strings.Builder
	m.Trace = &out
	m.Namer = func(pc uint32) machine.CodeName {
		return machine.CodeName{Function: fmt.Sprintf("f+0x%x", pc), Line: fmt.Sprintf("f.c:%d", 10+pc/8)}
	}
	runExec(t, m, nop, nop, nop, brk)
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, 6, out.String())
	assert.Equal(t, strings.Repeat(" ", 21)+"f.c:10", lines[0])
	assert.Regexp(t, `^\s+\d+  0x00000000  f\+0x0 {17}nop$`, lines[1])
	assert.Regexp(t, `^\s+\d+  0x00000004  f\+0x4 {17}nop$`, lines[2], "the same line is not shown again")
	assert.Equal(t, strings.Repeat(" ", 21)+"f.c:11", lines[3])
	assert.Regexp(t, `^\s+\d+  0x00000008  f\+0x8 {17}nop$`, lines[4])
	assert.Regexp(t, `^\s+\d+  0x0000000c  f\+0xc {17}break\s+raises `, lines[5])

	out.Reset()
	m.Namer = nil
	runExec(t, m, nop, brk)
	assert.Regexp(t, `^\s+\d+  0x00000000  nop\n\s+\d+  0x00000004  break\s+raises [^\n]*\n$`, out.String())
}

func TestCodeNameString(t *testing.T) {
	for _, c := range []struct {
		name machine.CodeName
		want string
	}{
		{machine.CodeName{Function: "main+0x18", Line: "sort.c:42"}, "main+0x18 (sort.c:42)"},
		{machine.CodeName{Function: "main+0x18"}, "main+0x18"},
		{machine.CodeName{Line: "sort.c:42"}, "sort.c:42"},
		{machine.CodeName{}, ""},
	} {
		assert.Equal(t, c.want, c.name.String())
	}
}
