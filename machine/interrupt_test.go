// Tests for the clock and the interrupt controller: what each kind of
// step costs, when handlers run and in what order, idling, the tick limit
// and YieldOnReturn. The numbers are the Nachos 3.4 timing model's.

package machine_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// bareMachine builds a machine for a device test.
func bareMachine(t *testing.T, c machine.Config) *machine.Machine {
	t.Helper()
	m, err := machine.New(c)
	require.NoError(t, err)
	return m
}

// tickLog records which handler ran at which tick, as "name@tick".
type tickLog struct {
	m      *machine.Machine
	events []string
}

func (l *tickLog) handler(name string) func() {
	return func() { l.events = append(l.events, fmt.Sprintf("%s@%d", name, l.m.Stats.TotalTicks)) }
}

// kernelWork stands for n stretches of kernel code, each ending by turning
// interrupts back on: n system ticks. Interrupts are off before and after.
func kernelWork(m *machine.Machine, n int) {
	for range n {
		m.Interrupt.SetLevel(machine.IntOn)
		m.Interrupt.SetLevel(machine.IntOff)
	}
}

func TestNewMachineStartsInSystemModeWithInterruptsOff(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	assert.Equal(t, machine.IntOff, m.Interrupt.Level())
	assert.Equal(t, machine.SystemMode, m.Interrupt.Status())
	assert.Equal(t, machine.Statistics{}, *m.Stats)
}

func TestEnablingInterruptsCostsOneSystemTick(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	intr := m.Interrupt

	assert.Equal(t, machine.IntOff, intr.SetLevel(machine.IntOn), "old level")
	assert.Equal(t, machine.Statistics{TotalTicks: 10, SystemTicks: 10}, *m.Stats)

	// Already on, or turning off: no time passes.
	assert.Equal(t, machine.IntOn, intr.SetLevel(machine.IntOn))
	assert.Equal(t, machine.IntOn, intr.SetLevel(machine.IntOff))
	assert.Equal(t, machine.IntOff, intr.SetLevel(machine.IntOff))
	assert.Equal(t, machine.Statistics{TotalTicks: 10, SystemTicks: 10}, *m.Stats)

	kernelWork(m, 3)
	assert.Equal(t, machine.Statistics{TotalTicks: 40, SystemTicks: 40}, *m.Stats)
}

func TestUserModeTickCostsOneUserTick(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	m.Interrupt.SetStatus(machine.UserMode)
	for range 7 {
		m.Interrupt.OneTick()
	}
	assert.Equal(t, machine.Statistics{TotalTicks: 7, UserTicks: 7}, *m.Stats)
	assert.Equal(t, machine.UserMode, m.Interrupt.Status())
}

func TestDueInterruptsRunInTimeOrderThenSchedulingOrder(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	log := &tickLog{m: m}
	intr := m.Interrupt
	intr.Schedule(log.handler("x5"), 5, machine.DiskInt)
	intr.Schedule(log.handler("y3"), 3, machine.ConsoleWriteInt)
	intr.Schedule(log.handler("z3"), 3, machine.ConsoleReadInt)
	intr.Schedule(log.handler("w10"), 10, machine.NetworkSendInt)
	intr.Schedule(log.handler("v11"), 11, machine.NetworkRecvInt)

	intr.SetLevel(machine.IntOn) // the clock jumps from 0 to 10
	assert.Equal(t, []string{"y3@10", "z3@10", "x5@10", "w10@10"}, log.events)

	intr.SetLevel(machine.IntOff)
	intr.SetLevel(machine.IntOn)
	assert.Equal(t, []string{"y3@10", "z3@10", "x5@10", "w10@10", "v11@20"}, log.events)
	assert.Equal(t, machine.Statistics{TotalTicks: 20, SystemTicks: 20}, *m.Stats)
}

// ScheduleAt takes an absolute tick: one still to come runs then, in
// time order with the others, and one already past runs at the next check.
func TestScheduleAtAnAbsoluteTick(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	log := &tickLog{m: m}
	intr := m.Interrupt
	kernelWork(m, 2) // the clock is at 20
	intr.Schedule(log.handler("rel"), 5, machine.DiskInt)
	intr.ScheduleAt(log.handler("at23"), 23, machine.AlarmInt)
	intr.ScheduleAt(log.handler("past"), 7, machine.AlarmInt)
	assert.Equal(t, machine.AlarmInt, intr.NextKind())
	assert.Equal(t, int64(7), intr.NextEvent())

	kernelWork(m, 1)
	assert.Equal(t, []string{"past@30", "at23@30", "rel@30"}, log.events)
}

func TestHandlersRunInSystemModeWithInterruptsOff(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	intr := m.Interrupt
	intr.SetLevel(machine.IntOn)
	intr.SetStatus(machine.UserMode)

	var level machine.IntStatus
	var mode machine.MachineStatus
	intr.Schedule(func() { level, mode = intr.Level(), intr.Status() }, 1, machine.DiskInt)
	intr.OneTick()

	assert.Equal(t, machine.IntOff, level)
	assert.Equal(t, machine.SystemMode, mode)
	assert.Equal(t, machine.IntOn, intr.Level(), "the level is restored")
	assert.Equal(t, machine.UserMode, intr.Status(), "the mode is restored")
	assert.Equal(t, machine.Statistics{TotalTicks: 11, SystemTicks: 10, UserTicks: 1}, *m.Stats)
}

func TestIdleJumpsToTheNextInterrupt(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	log := &tickLog{m: m}
	intr := m.Interrupt
	intr.Schedule(log.handler("a"), 40, machine.DiskInt)
	intr.Schedule(log.handler("c"), 70, machine.ConsoleReadInt)
	intr.Schedule(log.handler("b"), 40, machine.ConsoleWriteInt)

	require.True(t, intr.Idle())
	assert.Equal(t, []string{"a@40", "b@40"}, log.events, "everything due at 40, nothing later")
	assert.Equal(t, machine.Statistics{TotalTicks: 40, IdleTicks: 40}, *m.Stats)
	assert.Equal(t, machine.SystemMode, intr.Status())

	kernelWork(m, 1) // 50
	require.True(t, intr.Idle())
	assert.Equal(t, []string{"a@40", "b@40", "c@70"}, log.events)
	assert.Equal(t, machine.Statistics{TotalTicks: 70, IdleTicks: 60, SystemTicks: 10}, *m.Stats)

	assert.False(t, intr.Idle(), "nothing is pending")
	assert.Equal(t, machine.Statistics{TotalTicks: 70, IdleTicks: 60, SystemTicks: 10}, *m.Stats)
	assert.Equal(t, machine.SystemMode, intr.Status())
}

func TestIdleHandlersRunInSystemMode(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	var mode machine.MachineStatus
	m.Interrupt.Schedule(func() { mode = m.Interrupt.Status() }, 5, machine.DiskInt)
	require.True(t, m.Interrupt.Idle())
	assert.Equal(t, machine.SystemMode, mode)
}

// A timer alone would wake an idle machine forever to find nothing to do.
// Idle does advance the clock to it (and counts that as idle time) before
// it gives up, as Nachos 3.4 does; the timer stays pending.
func TestIdleLeavesALoneTimerPending(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	log := &tickLog{m: m}
	m.Interrupt.Schedule(log.handler("timer"), 30, machine.TimerInt)

	assert.False(t, m.Interrupt.Idle())
	assert.Empty(t, log.events)
	assert.Equal(t, machine.Statistics{TotalTicks: 30, IdleTicks: 30}, *m.Stats)

	assert.False(t, m.Interrupt.Idle(), "still alone")
	assert.Equal(t, machine.Statistics{TotalTicks: 30, IdleTicks: 30}, *m.Stats)

	m.Interrupt.SetLevel(machine.IntOn) // a running thread does see it
	assert.Equal(t, []string{"timer@40"}, log.events)
}

func TestIdleServicesATimerThatIsNotAlone(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	log := &tickLog{m: m}
	m.Interrupt.Schedule(log.handler("timer"), 30, machine.TimerInt)
	m.Interrupt.Schedule(log.handler("disk"), 50, machine.DiskInt)

	require.True(t, m.Interrupt.Idle())
	assert.Equal(t, []string{"timer@30"}, log.events)
	assert.Equal(t, machine.Statistics{TotalTicks: 30, IdleTicks: 30}, *m.Stats)

	require.True(t, m.Interrupt.Idle())
	assert.Equal(t, []string{"timer@30", "disk@50"}, log.events)
}

// Once the other interrupts due at the same tick have run, a timer left
// alone is not serviced either.
func TestIdleStopsAtATimerLeftAloneAtTheSameTick(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	log := &tickLog{m: m}
	m.Interrupt.Schedule(log.handler("disk"), 30, machine.DiskInt)
	m.Interrupt.Schedule(log.handler("timer"), 30, machine.TimerInt)

	require.True(t, m.Interrupt.Idle())
	assert.Equal(t, []string{"disk@30"}, log.events)
	m.Interrupt.SetLevel(machine.IntOn)
	assert.Equal(t, []string{"disk@30", "timer@40"}, log.events)
}

func TestSchedulePanicsUnlessInTheFuture(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	for _, fromNow := range []int64{0, -1} {
		assert.PanicsWithValue(t, "machine: an interrupt must be scheduled in the future", func() {
			m.Interrupt.Schedule(func() {}, fromNow, machine.DiskInt)
		}, "fromNow %d", fromNow)
	}
	assert.False(t, m.Interrupt.Idle(), "nothing was scheduled")
}

func TestTickLimitReachedByOneTick(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	var at []int64
	m.Interrupt.SetTickLimit(25, func() { at = append(at, m.Stats.TotalTicks) })

	kernelWork(m, 2)
	assert.Empty(t, at, "20 is below the limit")
	kernelWork(m, 1)
	assert.Equal(t, []int64{30}, at, "the first tick at or past 25")
	kernelWork(m, 5)
	assert.Equal(t, []int64{30}, at, "the limit fires once")
}

func TestTickLimitReachedWhileIdleStopsTheClockAtTheLimit(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	log := &tickLog{m: m}
	var at []int64
	m.Interrupt.SetTickLimit(200, func() { at = append(at, m.Stats.TotalTicks) })
	m.Interrupt.Schedule(log.handler("disk"), 500, machine.DiskInt)

	assert.False(t, m.Interrupt.Idle())
	assert.Equal(t, []int64{200}, at)
	assert.Empty(t, log.events)
	assert.Equal(t, machine.Statistics{TotalTicks: 200, IdleTicks: 200}, *m.Stats)
}

// Regression: an interrupt due exactly at the limit is serviced by Idle, and the
// limit is only noticed at the next tick, past it.
func TestTickLimitReachedExactlyByIdle(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	var at []int64
	m.Interrupt.SetTickLimit(200, func() { at = append(at, m.Stats.TotalTicks) })
	m.Interrupt.Schedule(func() {}, 200, machine.DiskInt)

	m.Interrupt.Idle()
	assert.Equal(t, []int64{200}, at, "the clock reached the limit")
}

// Regression: a limit set below the current time makes Idle move the clock back.
func TestTickLimitInThePastDoesNotRewindTheClock(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	kernelWork(m, 3) // 30
	m.Interrupt.SetTickLimit(5, func() {})
	m.Interrupt.Schedule(func() {}, 100, machine.DiskInt)

	m.Interrupt.Idle()
	assert.GreaterOrEqual(t, m.Stats.TotalTicks, int64(30))
	assert.GreaterOrEqual(t, m.Stats.IdleTicks, int64(0))
}

func TestYieldOnReturnSwitchesAfterTheHandlersReturn(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	intr := m.Interrupt
	log := &tickLog{m: m}
	intr.SetLevel(machine.IntOn)     // 10
	intr.SetStatus(machine.UserMode) // a user program runs

	var mode machine.MachineStatus
	var level machine.IntStatus
	intr.SetYieldHandler(func() {
		log.handler("yield")()
		mode, level = intr.Status(), intr.Level()
	})
	intr.Schedule(func() { log.handler("first")(); intr.YieldOnReturn() }, 1, machine.TimerInt)
	intr.Schedule(log.handler("second"), 1, machine.DiskInt)

	intr.OneTick()
	assert.Equal(t, []string{"first@11", "second@11", "yield@11"}, log.events)
	assert.Equal(t, machine.SystemMode, mode, "the switch is kernel code")
	assert.Equal(t, machine.IntOn, level, "the interrupted level is back")
	assert.Equal(t, machine.UserMode, intr.Status())

	intr.OneTick()
	assert.Equal(t, []string{"first@11", "second@11", "yield@11"}, log.events, "one request, one switch")
}

func TestYieldOnReturnWhileIdleIsDropped(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	intr := m.Interrupt
	yields := 0
	intr.SetYieldHandler(func() { yields++ })
	intr.Schedule(intr.YieldOnReturn, 20, machine.DiskInt)

	require.True(t, intr.Idle())
	// A later interrupt that does not ask for a switch must not find the
	// request still standing.
	intr.Schedule(func() {}, 5, machine.DiskInt)
	kernelWork(m, 1)
	assert.Equal(t, 0, yields, "nothing was running, so there is nothing to switch from")
}

func TestYieldOnReturnOutsideAHandlerPanics(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	assert.PanicsWithValue(t, "machine: YieldOnReturn called outside an interrupt handler", m.Interrupt.YieldOnReturn)
}

func TestHandlerMustNotEnableInterrupts(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	m.Interrupt.Schedule(func() { m.Interrupt.SetLevel(machine.IntOn) }, 5, machine.DiskInt)
	assert.PanicsWithValue(t, "machine: an interrupt handler tried to enable interrupts", func() { m.Interrupt.Idle() })
}

func TestInterruptTrace(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	var trace bytes.Buffer
	m.Interrupt.Trace = &trace
	m.Interrupt.Schedule(func() {}, 40, machine.DiskInt)
	m.Interrupt.Schedule(func() {}, 40, machine.ConsoleWriteInt)
	m.Interrupt.Schedule(func() {}, 3, machine.NetworkRecvInt)

	m.Interrupt.SetLevel(machine.IntOn)
	require.True(t, m.Interrupt.Idle())
	assert.Equal(t, "Invoking interrupt handler for the network recv at time 3\n"+
		"Invoking interrupt handler for the disk at time 40\n"+
		"Invoking interrupt handler for the console write at time 40\n", trace.String())
}

func TestInterruptEnumStrings(t *testing.T) {
	assert.Equal(t, "off", machine.IntOff.String())
	assert.Equal(t, "on", machine.IntOn.String())
	assert.Equal(t, []string{"idle", "system", "user"}, []string{
		machine.IdleMode.String(), machine.SystemMode.String(), machine.UserMode.String()})
	assert.Equal(t, []string{"timer", "disk", "console write", "console read", "network send", "network recv", "alarm"}, []string{
		machine.TimerInt.String(), machine.DiskInt.String(), machine.ConsoleWriteInt.String(),
		machine.ConsoleReadInt.String(), machine.NetworkSendInt.String(), machine.NetworkRecvInt.String(),
		machine.AlarmInt.String()})
}

// Devices schedule interrupts all the time (the timer every 100 ticks), so
// scheduling and servicing one must not allocate.
func TestSchedulingAnInterruptDoesNotAllocate(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	intr := m.Interrupt
	ran := 0
	handler := func() { ran++ }
	allocs := testing.AllocsPerRun(100, func() {
		intr.Schedule(handler, 5, machine.DiskInt)
		intr.ScheduleAt(handler, m.Stats.TotalTicks+3, machine.AlarmInt)
		for intr.Idle() {
		}
	})
	assert.Zero(t, allocs)
	assert.Equal(t, 2*101, ran, "every interrupt was serviced")
}
