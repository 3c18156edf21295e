// Forward commands: stepi, step, next, finish and continue.
//
// A source-level step knows the program only through its symbols and
// its instructions. It stops at the start of a statement (a line table
// row flagged is_stmt) of a line other than the one it started on. It
// passes over a call (next; step, when the function called has no line
// information) by waiting for the instruction after the call's delay
// slot with the stack pointer as it was, which recursion cannot fool.
// finish waits for the function's own return: the first jr $ra that is
// not inside a call it passed over.
//
// In code without line information, step and next run until the
// function returns, as gdb's do. Every forward command also stops at
// breakpoints.

package debugger

import (
	"slices"

	"nachos/machine"
)

// The MIPS instructions that call and return.
func isCall(word uint32) bool {
	op, rt, funct := word>>26, word>>16&31, word&0x3f
	return op == 3 || // JAL
		op == 0 && funct == 9 || // JALR
		op == 1 && (rt == 0x10 || rt == 0x11) // BLTZAL, BGEZAL (BAL)
}

func isReturn(word uint32) bool { return word == 0x03e00008 } // jr $31

// A returnPoint is where a call returns to: the instruction after its
// delay slot, with the stack pointer as it was at the call.
type returnPoint struct {
	pc, sp uint32
}

// StepInstruction runs one instruction.
func (s *Session) StepInstruction() (Stop, error) {
	return s.forward(func(at moment) bool { return at%2 == 0 })
}

// Continue runs until a breakpoint stops the run, or it ends.
func (s *Session) Continue() (Stop, error) {
	return s.forward(func(moment) bool { return false })
}

// Step runs to the start of the next source line, entering calls.
func (s *Session) Step() (Stop, error) { return s.lineStep(false) }

// Next runs to the start of the next source line in this function,
// passing over calls.
func (s *Session) Next() (Stop, error) { return s.lineStep(true) }

// where returns the PC and stack pointer and the instruction at the PC.
func (s *Session) where() (pc, sp, word uint32) {
	pc, sp = s.m.ReadRegister(machine.PCReg), s.m.ReadRegister(machine.StackReg)
	word, _ = s.peekWord(pc)
	return pc, sp, word
}

func (s *Session) lineStep(overCalls bool) (Stop, error) {
	pc, sp, word := s.where()
	start := s.lineOf(pc)
	if !start.known { // as gdb does: step until the function without line information returns
		return s.Finish()
	}
	thread := s.k.CurrentThread()
	var over, entering *returnPoint // a call being passed over; a call being entered
	// noteCall sees each instruction before it runs, the current one first.
	noteCall := func(pc, sp, word uint32) {
		if !isCall(word) {
			return
		}
		call := &returnPoint{pc: pc + 8, sp: sp}
		if overCalls {
			over = call
		} else {
			entering = call
		}
	}
	noteCall(pc, sp, word)
	return s.forward(func(at moment) bool {
		if at%2 == 1 || s.k.CurrentThread() != thread {
			return false
		}
		pc, sp, word := s.where()
		l := s.lineOf(pc)
		switch {
		case over != nil && (pc != over.pc || sp != over.sp):
			return false
		case over != nil:
			over = nil
		case entering != nil && pc == entering.pc: // a branch-and-link not taken
			entering = nil
		case entering != nil && pc != entering.pc-4: // the first instruction of the function called
			if !l.known { // no lines to step through: pass over it
				over, entering = entering, nil
				return false
			}
			entering = nil
		}
		noteCall(pc, sp, word)
		if _, offset, ok := s.sym.Function(pc); ok && offset == 0 && l.known {
			if s.afterPrologue(pc) == pc {
				return true // a function of one line (an assembly stub): stop at its start
			}
			start = l // a function's opening line is its prologue: stop at the body's first line
			return false
		}
		return l.known && l != start && s.statementStart(pc, l)
	})
}

// statementStart reports whether a statement of line l begins at pc. Of
// two rows at one address the symbols keep the last, which need not be
// the statement's (gcc puts "return 0;" and the closing brace at one
// address), so the start of any row counts too.
func (s *Session) statementStart(pc uint32, l sourceLine) bool {
	return slices.Contains(s.sym.LineAddrs(l.file, l.line), pc) || s.lineOf(pc-4) != l
}

// Finish runs until the current function returns to its caller.
func (s *Session) Finish() (Stop, error) {
	thread := s.k.CurrentThread()
	var over *returnPoint
	returnTo, returning := uint32(0), false
	// note sees each instruction before it runs, the current one first.
	note := func(pc, sp, word uint32) {
		switch {
		case isCall(word):
			over = &returnPoint{pc: pc + 8, sp: sp}
		case isReturn(word) && !returning:
			returnTo, returning = s.m.ReadRegister(machine.RetAddrReg), true
		}
	}
	note(s.where())
	return s.forward(func(at moment) bool {
		if at%2 == 1 || s.k.CurrentThread() != thread {
			return false
		}
		pc, sp, word := s.where()
		switch {
		case over != nil && (pc != over.pc || sp != over.sp):
			return false
		case over != nil:
			over = nil
		case returning && pc == returnTo:
			return true
		}
		note(pc, sp, word)
		return false
	})
}

// Run starts the program again from the beginning, keeping the
// breakpoints.
func (s *Session) Run() (Stop, error) {
	s.edits = nil
	return s.runTo(0)
}
