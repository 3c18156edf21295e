package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
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

// traceAlongside runs nachos with args twice, plainly and with --trace,
// checks that both runs print and exit the same, and that the trace
// holds at least one event of each of kinds and a header whose command
// names the trace file. It returns the plain run, the trace's header and
// its events counted by kind.
func traceAlongside(t *testing.T, args []string, kinds []trace.Kind) (result, trace.Header, map[trace.Kind]int) {
	t.Helper()
	plain := nachos(t, "", args...)
	path := filepath.Join(t.TempDir(), "run.jsonl")
	traced := nachos(t, "", append(slices.Clone(args), "--trace", path)...)
	assert.Equal(t, plain, traced, "%v", args)
	h, events := readTrace(t, path)
	assert.Contains(t, h.Command, "--trace "+path, "%v", args)
	n := countKinds(events)
	for _, k := range kinds {
		assert.NotZero(t, n[k], "%v: no %s event", args, k)
	}
	return plain, h, n
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
		_, _, n := traceAlongside(t, c.args, c.kinds)
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

// nachos view draws a trace as a page, or as the Trace Event Format by
// the output's extension or --format, and names what it wrote.
func TestViewCommand(t *testing.T) {
	dir := t.TempDir()
	tr := filepath.Join(dir, "run.jsonl")
	require.Zero(t, nachos(t, "", "-x", "test/prodcons", "-rs", "3", "--trace", tr).status)

	r := nachos(t, "", "view", tr)
	require.Zero(t, r.status, r.stderr)
	page := filepath.Join(dir, "run.html")
	assert.Equal(t, "wrote "+page+"\n", r.stdout)
	html, err := os.ReadFile(page)
	require.NoError(t, err)
	assert.Contains(t, string(html), `<canvas id="timeline">`)
	assert.Contains(t, string(html), "test/prodcons (pid 1) thread 4")

	for _, args := range [][]string{{"-o", filepath.Join(dir, "a.json")}, {"--format", "chrome", "-o", filepath.Join(dir, "b.trace")}} {
		r = nachos(t, "", append([]string{"view", tr}, args...)...)
		require.Zero(t, r.status, r.stderr)
		out, err := os.ReadFile(args[len(args)-1])
		require.NoError(t, err)
		var chrome struct {
			TraceEvents []map[string]any `json:"traceEvents"`
		}
		require.NoError(t, json.Unmarshal(out, &chrome))
		assert.NotEmpty(t, chrome.TraceEvents)
	}
}

// What is not a trace, or not there, is a clear error with status 2.
func TestViewRefusesWhatIsNotATrace(t *testing.T) {
	dir := t.TempDir()
	notTrace := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(notTrace, []byte("hello\n"), 0o644))
	cases := map[string][]string{
		"does not start with a nachos trace header": {"view", notTrace},
		"no such file or directory":                 {"view", filepath.Join(dir, "missing.jsonl")},
		`--format: no format "svg"`:                 {"view", notTrace, "--format", "svg"},
		"accepts 1 arg(s), received 0":              {"view"},
	}
	for want, args := range cases {
		r := nachos(t, "", args...)
		assert.Equal(t, 2, r.status, "%v", args)
		assert.Contains(t, r.stderr, want, "%v", args)
	}
}
