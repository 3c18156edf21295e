// Simulated time and interrupts.
//
// Time in the simulation is a tick counter, and it advances only when
// something happens that would take time on real hardware:
//
//   - a user instruction completes (UserTick, 1 tick);
//   - the kernel re-enables interrupts (SystemTick, 10 ticks), which stands
//     for all the kernel code that ran with interrupts off;
//   - nothing is ready to run, and the clock jumps to the next pending
//     interrupt (idle time).
//
// Devices do not run in parallel with the CPU. Instead, starting an I/O
// operation schedules an interrupt for some ticks into the future, and the
// interrupt's handler runs when the clock reaches that time, between two
// instructions or when interrupts are re-enabled.
//
// Simulator note: because time only moves at those points, a kernel that
// forgets to disable interrupts around a critical section can still pass
// here. Real hardware, or a run with -rs (a timer at random times), is less
// forgiving.

package machine

import (
	"fmt"
	"io"
	"math"
	"slices"
)

// The Nachos 3.4 timing model, in ticks.
const (
	UserTick     = 1   // one user instruction
	SystemTick   = 10  // re-enabling interrupts
	RotationTime = 500 // one disk sector passing under the head
	SeekTime     = 500 // moving the disk head one track
	ConsoleTime  = 100 // one character in or out of the console
	NetworkTime  = 100 // one packet on the wire
	TimerTicks   = 100 // between timer interrupts (on average, under -rs)
)

// IntStatus says whether interrupts are enabled.
type IntStatus int

// Interrupt levels.
const (
	IntOff IntStatus = iota
	IntOn
)

func (s IntStatus) String() string {
	if s == IntOff {
		return "off"
	}
	return "on"
}

// MachineStatus says what the CPU is doing, which decides who is charged
// for the time that passes.
type MachineStatus int

// CPU modes.
const (
	IdleMode   MachineStatus = iota // nothing to run: waiting for an interrupt
	SystemMode                      // running kernel code
	UserMode                        // running user instructions
)

func (s MachineStatus) String() string {
	return [...]string{"idle", "system", "user"}[s]
}

// IntType names the device that raises an interrupt, for traces.
type IntType int

// Interrupt sources.
const (
	TimerInt IntType = iota
	DiskInt
	ConsoleWriteInt
	ConsoleReadInt
	NetworkSendInt
	NetworkRecvInt
	AlarmInt // a wake-up the kernel asked for at a given time, such as a retransmission timeout
)

func (t IntType) String() string {
	return [...]string{"timer", "disk", "console write", "console read", "network send", "network recv", "alarm"}[t]
}

// pendingInterrupt is an interrupt scheduled to happen in the future.
type pendingInterrupt struct {
	handler func()
	when    int64
	kind    IntType
}

// Interrupt is the interrupt controller and the clock. The kernel turns
// interrupts off and on with SetLevel; devices schedule their completions
// with Schedule.
type Interrupt struct {
	stats *Statistics

	level         IntStatus
	status        MachineStatus
	inHandler     bool // a handler is running: it must not re-enable interrupts
	yieldOnReturn bool // a handler asked for a context switch when it returns

	// pending is sorted by time; interrupts due at the same tick stay in
	// the order they were scheduled.
	pending []pendingInterrupt

	// nextEvent is the earliest tick at which OneTick has work to do: the
	// first pending interrupt, the tick limit or the horizon. The CPU compares the clock
	// with it after every instruction, so it must always be current.
	nextEvent int64

	limit   int64  // stop the simulation at this tick (math.MaxInt64: never)
	onLimit func() // what to do then

	// A machine in a cluster may run only up to its horizon before the
	// others catch up (see Pace). Alone, the horizon is math.MaxInt64.
	horizon int64
	pacer   Pacer

	onYield func() // the kernel's context switch, for YieldOnReturn

	observer Observer // told of every interrupt serviced (observer.go)

	stop stopButton // the host's request to stop the simulation (stop.go)

	// Trace, when set, receives a line for every interrupt serviced
	// (the -d i debug flag).
	Trace io.Writer
}

func newInterrupt(stats *Statistics) *Interrupt {
	return &Interrupt{stats: stats, level: IntOff, status: SystemMode,
		nextEvent: math.MaxInt64, limit: math.MaxInt64, horizon: math.MaxInt64}
}

// Level reports whether interrupts are enabled.
func (i *Interrupt) Level() IntStatus { return i.level }

// Status reports the CPU mode.
func (i *Interrupt) Status() MachineStatus { return i.status }

// SetStatus sets the CPU mode, which decides who is charged for time.
func (i *Interrupt) SetStatus(s MachineStatus) { i.status = s }

// SetLevel enables or disables interrupts and returns the old level.
// Turning interrupts back on costs time (SystemTick in the kernel), and any
// interrupt that came due meanwhile is serviced at once.
func (i *Interrupt) SetLevel(now IntStatus) IntStatus {
	old := i.level
	if now == IntOn && i.inHandler {
		panic("machine: an interrupt handler tried to enable interrupts")
	}
	i.level = now
	if now == IntOn && old == IntOff {
		i.OneTick()
	}
	return old
}

// Enable turns interrupts on; the kernel calls it once at boot.
func (i *Interrupt) Enable() { i.SetLevel(IntOn) }

// OneTick advances the clock by one step: SystemTick in system mode,
// UserTick in user mode. Then it services every interrupt that is due, and
// performs a context switch if a handler asked for one.
func (i *Interrupt) OneTick() {
	if i.status == SystemMode {
		i.stats.TotalTicks += SystemTick
		i.stats.SystemTicks += SystemTick
	} else {
		i.stats.TotalTicks += UserTick
		i.stats.UserTicks += UserTick
	}
	i.checkStop()
	if i.stats.TotalTicks >= i.nextEvent {
		i.serviceDue()
	}
}

// serviceDue is the part of OneTick that runs only when the clock has
// reached nextEvent: it services the due interrupts with interrupts off.
func (i *Interrupt) serviceDue() {
	if i.stats.TotalTicks >= i.limit {
		i.reachLimit()
		return
	}
	if i.stats.TotalTicks >= i.horizon {
		i.pacer.Wait(false) // the other machines catch up, and may send packets
	}
	old := i.level
	i.level = IntOff
	for i.checkIfDue(false) {
	}
	i.level = old
	if i.yieldOnReturn {
		i.yieldOnReturn = false
		mode := i.status
		i.status = SystemMode
		if i.onYield != nil {
			i.onYield()
		}
		i.status = mode
	}
}

// YieldOnReturn asks for a context switch once the running interrupt
// handler returns. A handler itself must not switch threads: it runs on
// borrowed time, in the middle of whatever thread was interrupted.
func (i *Interrupt) YieldOnReturn() {
	if !i.inHandler {
		panic("machine: YieldOnReturn called outside an interrupt handler")
	}
	i.yieldOnReturn = true
}

// SetYieldHandler installs the kernel's routine for YieldOnReturn.
func (i *Interrupt) SetYieldHandler(f func()) { i.onYield = f }

// Idle is called when the kernel has nothing to run. It advances the clock
// to the next pending interrupt and services it. It returns false if
// nothing is pending: then nothing can ever happen again, and the kernel
// should halt.
func (i *Interrupt) Idle() bool {
	i.checkStop()
	i.status = IdleMode
	for i.pacer != nil && i.NextEvent() > i.horizon {
		if !i.pacer.Wait(true) {
			i.status = SystemMode
			return false // no machine will ever send this one a packet
		}
	}
	if i.checkIfDue(true) {
		for i.checkIfDue(false) {
		}
		i.yieldOnReturn = false // nothing was running, so nothing to switch from
		i.status = SystemMode
		return true
	}
	i.status = SystemMode
	return false
}

// Schedule arranges for handler to run fromNow ticks in the future, on
// behalf of the device kind. Devices call it when they start an operation.
func (i *Interrupt) Schedule(handler func(), fromNow int64, kind IntType) {
	if fromNow <= 0 {
		panic("machine: an interrupt must be scheduled in the future")
	}
	i.insert(pendingInterrupt{handler: handler, when: i.stats.TotalTicks + fromNow, kind: kind})
}

func (i *Interrupt) insert(p pendingInterrupt) {
	i.pending = insertInTickOrder(i.pending, p, func(p pendingInterrupt) int64 { return p.when })
	i.updateNextEvent()
}

// insertInTickOrder inserts v into q, which is in order of tick, after
// every element due no later than v: at the same tick, first come, first
// served. The interrupt queue keeps this order, and so does a network
// interface's list of packets in flight, which must meet their arrival
// interrupts in the same order (network.go).
func insertInTickOrder[T any](q []T, v T, tick func(T) int64) []T {
	at, t := len(q), tick(v)
	for at > 0 && tick(q[at-1]) > t {
		at--
	}
	return slices.Insert(q, at, v)
}

// ScheduleAt arranges for handler to run at tick when, or as soon as
// interrupts are next checked if when has already passed. A link uses it
// for a packet's arrival, decided on another machine.
func (i *Interrupt) ScheduleAt(handler func(), when int64, kind IntType) {
	i.insert(pendingInterrupt{handler: handler, when: when, kind: kind})
}

// SetTickLimit makes the machine call onLimit when the clock reaches limit,
// so that a runaway program cannot run forever. onLimit must not return
// into the simulation: it is expected to stop it.
func (i *Interrupt) SetTickLimit(limit int64, onLimit func()) {
	i.limit, i.onLimit = limit, onLimit
	i.updateNextEvent()
}

func (i *Interrupt) reachLimit() {
	i.limit = math.MaxInt64
	i.updateNextEvent()
	i.onLimit()
}

func (i *Interrupt) updateNextEvent() {
	i.nextEvent = min(i.limit, i.horizon)
	if len(i.pending) > 0 && i.pending[0].when < i.nextEvent {
		i.nextEvent = i.pending[0].when
	}
}

// checkIfDue services the first pending interrupt if it is due. With
// advanceClock, an interrupt in the future is made due by skipping the
// idle time up to it.
func (i *Interrupt) checkIfDue(advanceClock bool) bool {
	if len(i.pending) == 0 {
		return false
	}
	next := i.pending[0]
	s := i.stats
	if next.when > s.TotalTicks {
		if !advanceClock {
			return false
		}
		if next.when >= i.limit {
			if i.limit > s.TotalTicks {
				s.IdleTicks += i.limit - s.TotalTicks
				s.TotalTicks = i.limit
			}
			i.reachLimit()
			return false
		}
		s.IdleTicks += next.when - s.TotalTicks
		s.TotalTicks = next.when
	}
	// A lone timer interrupt while idle would only wake the machine to find
	// nothing to do, forever: leave it pending and report nothing to do.
	if i.status == IdleMode && i.onlyTimer() {
		return false
	}
	i.pending = i.pending[:copy(i.pending, i.pending[1:])]
	i.updateNextEvent()
	if i.Trace != nil {
		fmt.Fprintf(i.Trace, "Invoking interrupt handler for the %s at time %d\n", next.kind, next.when)
	}
	if i.observer != nil {
		i.observer.Interrupt(next.kind)
	}
	mode := i.status
	i.inHandler = true
	i.status = SystemMode
	next.handler()
	i.status = mode
	i.inHandler = false
	return true
}

// A Pacer keeps the machines of a cluster in step (package network's
// Cluster). A machine runs ahead of the others only up to its horizon; then
// it calls Wait, which returns once the cluster has let the others catch
// up and has moved the horizon on. idle says that the machine has nothing
// to do before its horizon; Wait returns false when nothing will ever come
// for it again, because every machine is waiting.
type Pacer interface {
	Wait(idle bool) bool
}

// Pace puts the machine under p, which sets its horizons from now on.
func (i *Interrupt) Pace(p Pacer) { i.pacer = p }

// SetHorizon lets the machine run until tick h (see Pacer).
func (i *Interrupt) SetHorizon(h int64) {
	i.horizon = h
	i.updateNextEvent()
}

// Horizon returns the tick the machine may run up to.
func (i *Interrupt) Horizon() int64 { return i.horizon }

// NextKind returns the device of the earliest pending interrupt (valid
// when NextEvent is not math.MaxInt64).
func (i *Interrupt) NextKind() IntType {
	if len(i.pending) == 0 {
		return TimerInt
	}
	return i.pending[0].kind
}

// NextEvent returns the tick of the earliest pending interrupt that would
// give an idle machine work: math.MaxInt64 if there is none. A lone timer
// interrupt gives none (see checkIfDue).
func (i *Interrupt) NextEvent() int64 {
	if len(i.pending) == 0 || i.onlyTimer() {
		return math.MaxInt64
	}
	return i.pending[0].when
}

// onlyTimer says whether the timer's is the one interrupt pending.
func (i *Interrupt) onlyTimer() bool {
	return len(i.pending) == 1 && i.pending[0].kind == TimerInt
}
