package machine_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A stop requested from another goroutine reaches a CPU in a long run of
// user instructions: the stop handler runs between two of them, with the
// clock up to date.
func TestRequestStopReachesARunningCPU(t *testing.T) {
	m := loopMachine(t, 1<<30) // six billion instructions: half a minute of work
	var stoppedAt int64
	m.Interrupt.SetStopHandler(func() {
		stoppedAt = m.Stats.TotalTicks
		m.Stop()
	})
	go m.Interrupt.RequestStop()
	m.Run()
	assert.Positive(t, stoppedAt)
	assert.Equal(t, stoppedAt, m.Stats.UserTicks, "every instruction run is counted")
	assert.NotZero(t, m.ReadRegister(8), "the loop did not run to its end")
}
