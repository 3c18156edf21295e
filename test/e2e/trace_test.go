package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel/trace"
)

// readTrace reads the trace file at path.
func readTrace(t *testing.T, path string) (trace.Header, []trace.Event) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	h, events, err := trace.Read(f, path)
	require.NoError(t, err)
	return h, events
}

// countKinds counts the events of each kind.
func countKinds(events []trace.Event) map[trace.Kind]int {
	n := map[trace.Kind]int{}
	for _, e := range events {
		n[e.Kind]++
	}
	return n
}

// A trace never changes the run: every program prints the same, down to
// the tick counts, and exits the same way, with --trace as without. Each
// trace holds the events its run must have made.
func TestTraceDoesNotChangeTheRun(t *testing.T) {
	cases := []struct {
		args  []string
		kinds []trace.Kind // at least one of each
	}{
		{[]string{"-x", "test/sort"}, []trace.Kind{trace.ProcessStart, trace.Syscall, trace.ProcessExit, trace.FrameAlloc, trace.FrameFree, trace.Halt}},
		{[]string{"-x", "test/matmult", "-rs", "5"}, []trace.Kind{trace.Interrupt}},
		{[]string{"-x", "test/prodcons", "-rs", "3"}, []trace.Kind{trace.ThreadSwitch, trace.ThreadBlock, trace.LockAcquire, trace.ConditionWait, trace.ConditionSignal}},
		{[]string{"-x", "test/exec"}, []trace.Kind{trace.ThreadCreate, trace.Exception, trace.SyscallReturn, trace.SemaphoreV}},
		{[]string{"-x", "test/matmult", "--tlb", "4"}, []trace.Kind{trace.TLBMiss}},
		{[]string{"-x", "test/halt34", "--trace-instructions"}, []trace.Kind{trace.Instruction}},
		{[]string{"-K", "philosophers-ordered", "-rs", "1"}, []trace.Kind{trace.ThreadFinish, trace.ThreadReady}},
		{[]string{"-K", "philosophers-naive"}, []trace.Kind{trace.ThreadBlock}},
	}
	for _, c := range cases {
		plain := nachos(t, "", c.args...)
		path := filepath.Join(t.TempDir(), "run.jsonl")
		traced := nachos(t, "", append(c.args, "--trace", path)...)
		assert.Equal(t, plain, traced, "%v", c.args)
		h, events := readTrace(t, path)
		assert.Contains(t, h.Command, "--trace "+path)
		n := countKinds(events)
		for _, k := range c.kinds {
			assert.NotZero(t, n[k], "%v: no %s event", c.args, k)
		}
		if len(c.args) > 2 && c.args[2] != "--trace-instructions" {
			assert.Zero(t, n[trace.Instruction], "%v: instructions only with --trace-instructions", c.args)
		}
	}
}

// With --trace-instructions, every user instruction is an event: halt34's
// 12 counted ones and the syscall that halts.
func TestTraceInstructions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.jsonl")
	r := nachos(t, "", "-x", "test/halt34", "--trace", path, "--trace-instructions")
	require.Zero(t, r.status, r.stderr)
	_, events := readTrace(t, path)
	var pcs []uint32
	for _, e := range events {
		if e.Kind == trace.Instruction {
			pcs = append(pcs, e.PC)
		}
	}
	require.Len(t, pcs, 13)
	assert.Equal(t, uint32(0), pcs[0])
}

// A trace file that cannot be created is a clear error before the run.
func TestTraceToAnImpossibleFile(t *testing.T) {
	r := nachos(t, "", "-x", "test/halt", "--trace", filepath.Join(t.TempDir(), "no", "such", "dir", "t.jsonl"))
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "--trace:")
	assert.NotContains(t, r.stdout, "Machine halting")
}
