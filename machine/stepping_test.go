// Single-stepping runs the CPU loop one instruction at a time, so it stops
// and resumes between every branch and its delay slot: a path that a
// normal run takes only when an interrupt happens to fall there.

package machine_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSingleSteppingAgreesWithRunning(t *testing.T) {
	b := genDiffBatch(1, 0, 300)
	runDiffBatchOurs(t, b) // settles which ADD, SUB and traps to swap for their twins
	m := newBatchMachine(t, b)
	for _, c := range b.cases {
		require.Empty(t, c.skip)
		m.StepHook = nil
		ran := runDiffCase(m, c)
		ranState := diffStateOf(m, c)
		m.StepHook = func() {}
		stepped := runDiffCase(m, c)
		assert.Equal(t, ran, stepped, "program %d: how the run ended", c.index)
		assert.Equal(t, ranState, diffStateOf(m, c), "program %d: registers and memory", c.index)
		assert.Equal(t, c.endAddr, ran.pc, "program %d ran to its end", c.index)
	}
}
