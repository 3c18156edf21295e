// Observing the hardware, for the kernel's structured trace.
//
// The machine knows nothing of the kernel or of how a trace is written.
// It only tells an Observer, if one is installed, what happened: an
// interrupt serviced, an exception raised, a disk request started, an
// instruction about to run. The kernel installs one when a run is traced
// (--trace) and turns the calls into events.
//
// With no observer the cost is a nil comparison where the events happen,
// none of them inside the CPU's fast loop. Observing instructions sends
// the CPU down its slow path, one instruction at a time, as -d m does;
// the tick counts are the same on both paths.

package machine

// An Observer is told what the hardware does. Its methods must not change
// the machine: a traced run is the same run as an untraced one.
type Observer interface {
	// Interrupt is called as the interrupt of device kind is serviced.
	Interrupt(kind IntType)
	// Exception is called as the instruction at pc raises cause, before
	// the kernel's handler runs; badVAddr is the failing address, if any.
	Exception(cause ExceptionType, pc, badVAddr uint32)
	// DiskRequest is called as the disk starts reading or writing sector.
	DiskRequest(writing bool, sector int)
	// Instruction is called before the instruction word at pc runs.
	Instruction(pc, word uint32)
}

// SetObserver installs o (nil removes it). With instructions, o is told
// of every instruction.
func (m *Machine) SetObserver(o Observer, instructions bool) {
	m.observer = o
	m.Interrupt.observer = o
	m.observeInstructions = o != nil && instructions
}
