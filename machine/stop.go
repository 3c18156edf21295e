// The stop button: how the host stops a running simulation.
//
// A student presses Ctrl-C, or a grader's timeout sends SIGTERM, while a
// program is in an endless loop. Nachos should not just vanish: it should
// stop where the simulation is consistent, say at which tick, and print
// its statistics, as it does when it halts.
//
// The request comes from another goroutine (the one that receives the
// host's signals), but only one simulated thread may touch the machine at
// a time. So RequestStop only raises a flag, like an operator pressing a
// button on the front panel, and the machine looks at the flag where the
// simulation is in a consistent state and it already stops to look at
// the clock: between two stretches of user instructions, whenever the
// clock ticks in the kernel, and when the CPU idles. There it calls the
// kernel's stop handler, which halts the machine.
//
// The CPU loop runs at most stopPoll instructions between two looks,
// which is a fraction of a millisecond of host time. Looking costs one
// load and changes no tick: the run up to the stop is the run that would
// have happened anyway.
//
// Simulator note: real hardware has no such button between instructions
// of a user program; the closest is a non-maskable interrupt.

package machine

import "sync/atomic"

// stopPoll is how many user instructions the CPU runs, at most, before it
// looks at the stop flag again.
const stopPoll = 1 << 16

// stopButton holds a stop request until the simulation reaches a point
// where it can stop.
type stopButton struct {
	pressed atomic.Bool // set by any goroutine, cleared by the simulation
	onStop  func()      // the kernel's handler
}

// RequestStop asks the simulation to stop at its next safe point. It may
// be called from any goroutine, at any time; nothing happens if no stop
// handler is installed.
func (i *Interrupt) RequestStop() { i.stop.pressed.Store(true) }

// SetStopHandler installs what to do when a requested stop is reached:
// the kernel reports it and halts the machine. A handler that returns
// should call Stop, or the simulation goes on.
func (i *Interrupt) SetStopHandler(f func()) { i.stop.onStop = f }

// checkStop calls the stop handler if a stop was requested. The simulation
// calls it only where it is consistent.
func (i *Interrupt) checkStop() {
	if i.stop.pressed.Load() && i.stop.onStop != nil {
		i.stop.pressed.Store(false)
		i.stop.onStop()
	}
}
