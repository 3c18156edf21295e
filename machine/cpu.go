// The CPU loop.
//
// Run executes user instructions one at a time, in the Nachos way: an
// instruction completes or raises an exception, which the kernel handles
// at once; then the clock ticks; then any interrupt that came due is
// serviced. Run returns only when the kernel calls Stop.
//
// This loop is the simulator's hot path, so it runs as many instructions
// as it can before the next interrupt is due, and brings the statistics up
// to date only when someone could look at them: before an exception goes
// to the kernel, and when an interrupt is due. It allocates nothing.
// Tracing, single-stepping and the debugger take a slower path of their
// own, one instruction at a time.

package machine

// Run executes user instructions from the current PC until Stop is called.
// Exceptions go to the handler installed with SetExceptionHandler.
func (m *Machine) Run() {
	m.stopped = false
	for !m.stopped {
		m.flushPageCaches()
		m.Interrupt.status = UserMode
		if m.Trace != nil || m.StepHook != nil || m.observeInstructions || m.References != nil || m.DebugHook != nil {
			if m.DebugHook != nil {
				m.DebugHook()
			}
			m.countUserTicks(m.stepTraced())
			m.completeInstruction()
			if m.StepHook != nil && !m.stopped {
				m.StepHook()
			}
			m.Interrupt.checkStop()
		} else {
			m.runFast()
		}
	}
}

// runFast executes instructions until control has to leave the CPU: an
// exception, or an interrupt coming due. The clock is brought up to date
// every stopPoll instructions, when the CPU looks at the stop button
// (stop.go), and at the end.
func (m *Machine) runFast() {
	for {
		budget := min(max(1, m.Interrupt.nextEvent-m.Stats.TotalTicks), stopPoll)
		m.countUserTicks(m.execute(budget)) // short of budget only after an exception
		if m.exc != NoException || m.Stats.TotalTicks >= m.Interrupt.nextEvent {
			break
		}
		if m.Interrupt.checkStop(); m.stopped {
			return
		}
	}
	m.completeInstruction()
}

// countUserTicks charges n completed instructions to the clock.
func (m *Machine) countUserTicks(n int64) {
	m.Stats.TotalTicks += n * UserTick
	m.Stats.UserTicks += n * UserTick
}

// completeInstruction delivers the exception the last instruction raised,
// if any, then ticks the clock for it, unless the kernel stopped the
// machine (the instruction that halts is never counted).
func (m *Machine) completeInstruction() {
	if m.exc != NoException {
		cause := m.exc
		m.exc = NoException
		m.Interrupt.status = SystemMode
		if m.observer != nil {
			m.observer.Exception(cause, m.reg[PCReg], m.reg[BadVAddrReg])
		}
		m.handler(cause)
		m.Interrupt.status = UserMode
		if m.stopped {
			return
		}
		m.Interrupt.OneTick()
	} else if m.Stats.TotalTicks >= m.Interrupt.nextEvent {
		m.Interrupt.serviceDue()
	}
}

// raise records that the current instruction raised an exception, with
// the failing address in BadVAddrReg. The PC still points at the
// instruction; the CPU loop hands the exception to the kernel.
// It returns false, so that an instruction can end with "return m.raise(...)".
func (m *Machine) raise(cause ExceptionType, badVAddr uint32) bool {
	m.reg[BadVAddrReg] = badVAddr
	m.exc = cause
	return false
}
