// Tests for the timer: a fixed period, or random periods drawn from the
// machine's seeded generator.

package machine_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"nachos/machine"
)

// timerTimes runs a user program for n ticks on m and returns the ticks at
// which the timer interrupted it.
func timerTimes(m *machine.Machine, randomize bool, n int) []string {
	log := &tickLog{m: m}
	m.NewTimer(log.handler("timer"), randomize)
	m.Interrupt.SetStatus(machine.UserMode)
	for range n {
		m.Interrupt.OneTick()
	}
	return log.events
}

func TestTimerInterruptsEveryHundredTicks(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	assert.Equal(t, []string{"timer@100", "timer@200", "timer@300"}, timerTimes(m, false, 350))
}

// The periods are 1 + random()%200 with glibc's sequence for the seed:
// seed 1 draws 1804289383, 846930886, 1681692777, 1714636915 (periods 184,
// 87, 178, 116); seed 7 draws 1045618677, 1863967299, 1272579899,
// 461085871, 21961325 (periods 78, 100, 100, 72, 126).
func TestRandomTimerFollowsTheSeed(t *testing.T) {
	seed1 := bareMachine(t, machine.Config{Seed: 1})
	assert.Equal(t, []string{"timer@184", "timer@271", "timer@449"}, timerTimes(seed1, true, 500))

	seed7 := bareMachine(t, machine.Config{Seed: 7})
	assert.Equal(t, []string{"timer@78", "timer@178", "timer@278", "timer@350", "timer@476"}, timerTimes(seed7, true, 500))
}

func TestRandomTimerRepeatsWithTheSameSeed(t *testing.T) {
	first := timerTimes(bareMachine(t, machine.Config{Seed: 12345}), true, 5000)
	again := timerTimes(bareMachine(t, machine.Config{Seed: 12345}), true, 5000)
	other := timerTimes(bareMachine(t, machine.Config{Seed: 12346}), true, 5000)
	// 383100999 and 858300821 are seed 12345's first draws.
	assert.Equal(t, []string{"timer@200", "timer@222"}, first[:2])
	assert.Len(t, first, 52, "5000 ticks hold about 50 periods, 100.5 ticks long on average")
	assert.Equal(t, first, again)
	assert.NotEqual(t, first, other)
}

// The timer shares the machine's generator: a draw taken before it starts
// shifts its sequence by one (seed 1's second value gives period 87).
func TestRandomTimerDrawsFromTheMachineGenerator(t *testing.T) {
	m := bareMachine(t, machine.Config{Seed: 1})
	m.Random.Int()
	assert.Equal(t, []string{"timer@87"}, timerTimes(m, true, 100))
}

func TestTimerAloneDoesNotWakeAnIdleMachine(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	log := &tickLog{m: m}
	m.NewTimer(log.handler("timer"), false)

	assert.False(t, m.Interrupt.Idle())
	assert.Empty(t, log.events)
	assert.Equal(t, machine.Statistics{TotalTicks: 100, IdleTicks: 100}, *m.Stats)
}
