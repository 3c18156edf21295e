// The hardware timer.
//
// A timer interrupts the CPU every TimerTicks ticks, or, when it is
// randomized (-rs SEED), after 1 + random() % (2*TimerTicks) ticks, so that
// context switches land at unpredictable but repeatable places: the same
// seed gives the same interleaving on every run.

package machine

// Timer is a device that raises TimerInt interrupts forever.
type Timer struct {
	m         *Machine
	randomize bool
	handler   func() // the kernel's timer interrupt handler
	expired   func() // t.expire, bound once so that rescheduling allocates nothing
}

// NewTimer starts a timer that calls handler at every interrupt.
func (m *Machine) NewTimer(handler func(), randomize bool) *Timer {
	t := &Timer{m: m, randomize: randomize, handler: handler}
	t.expired = t.expire
	m.Interrupt.Schedule(t.expired, t.timeToNext(), TimerInt)
	return t
}

// expire schedules the next interrupt, then runs the kernel's handler.
func (t *Timer) expire() {
	t.m.Interrupt.Schedule(t.expired, t.timeToNext(), TimerInt)
	t.handler()
}

func (t *Timer) timeToNext() int64 {
	if t.randomize {
		return 1 + int64(t.m.Random.Intn(2*TimerTicks))
	}
	return TimerTicks
}
