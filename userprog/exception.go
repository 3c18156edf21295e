// The kernel's entry point from user mode.
//
// The CPU calls handleException whenever a user instruction cannot go on
// by itself: a system call, or a fault. A system call is served and the
// program continues after it. A fault the kernel cannot repair ends the
// process that caused it, with a report that names the program, the
// instruction and the address, and the rest of the system carries on: a
// user program can never take down the kernel.

package userprog

import (
	"fmt"

	"nachos/kernel"
	"nachos/machine"
)

func (k *Kernel) handleException(cause machine.ExceptionType) {
	p := k.currentProcess()
	switch {
	case p.killed:
		k.endThread(p) // the process is gone: a thread of it that runs again ends
	case cause == machine.SyscallException:
		k.syscall(p)
	case k.Machine.ReadRegister(machine.PCReg) == threadReturn && !k.currentUserThread().main:
		k.endThread(p) // a forked thread's function returned (see sysFork)
	case cause == machine.TLBMissException:
		if fault := k.missed(k.Machine.ReadRegister(machine.BadVAddrReg)); fault != machine.NoException {
			k.kill(p, fault)
		} // else the faulting instruction runs again, and now finds its page
	default:
		k.kill(p, cause)
	}
}

// kill ends p after a fault, reporting it on the error output: what the
// hardware saw, or the bug behind it when the kernel can tell (see
// fault.go). Its memory goes at once, so any other thread of p faults as
// soon as it runs again, and ends. Those inside a wait might never come
// out, so they are cancelled (endWaitingThreads).
func (k *Kernel) kill(p *Process, cause machine.ExceptionType) { k.killFor(p, cause, "") }

// killFor is kill with the reason given, if why is not "": the kernel
// itself could not go on with p (it could not page its memory in).
func (k *Kernel) killFor(p *Process, cause machine.ExceptionType, why string) {
	m := k.Machine
	pc := m.ReadRegister(machine.PCReg)
	a := faultingAccess(p.exe, cause, pc, m.ReadRegister(machine.BadVAddrReg))
	jumped := a != nil && a.kind == fetch
	place := p.faultPlace(m, jumped)
	what := fmt.Sprintf("%s at %s (%s)%s", cause, place, m.Disassemble(pc), faultDetail(m, cause, pc))
	hint := faultHint(cause, jumped)
	if b := k.diagnose(p, cause, a); b != nil {
		hint = b.hint
		if b.access != nil {
			what = fmt.Sprintf("%s: %s at %s (%s)", b.name, b.access, place, m.Disassemble(pc))
		}
	}
	if why != "" {
		what = why
		hint = "the kernel could not give it the memory it touched"
	}
	report := fmt.Sprintf("nachos: %s: %s\n", p.Path, what)
	report += fmt.Sprintf("nachos: %s: process %d killed; %s\n", p.Path, p.PID, hint)
	k.console.Say(k.Err, report) // not in the middle of another process's Write
	k.Fail(kernel.ExitUserFault)
	p.killed = true
	p.exitStatus = KilledStatus(cause)
	k.freeAddrSpace(p.space)
	k.endWaitingThreads(p)
	k.endThread(p)
}

// endWaitingThreads ends the threads of killed process p that are inside
// P, Acquire, Wait or Join, asleep or just woken, so that the process can
// end and a parent joining it wakes. A thread in the middle of console
// I/O finishes it first: it holds the console, which every other process
// needs, and it ends as soon as it is back in the dead process.
func (k *Kernel) endWaitingThreads(p *Process) {
	for _, t := range append([]*kernel.Thread{p.main}, p.forked...) {
		if w := t.WaitingIn(); w != nil && !k.console.busyWith(w) && (k.pager == nil || !k.pager.InPageIO(w)) {
			k.Cancel(t, func() { k.endThread(p) })
		}
	}
}

// faultDetail is the part of a fault report after the instruction: the
// address that failed, or why the instruction could not run.
func faultDetail(m *machine.Machine, cause machine.ExceptionType, pc uint32) string {
	bad := m.ReadRegister(machine.BadVAddrReg)
	switch cause {
	case machine.AddressErrorException, machine.PageFaultException, machine.ReadOnlyException,
		machine.BusErrorException, machine.TLBMissException:
		return fmt.Sprintf(": bad address 0x%08x", bad)
	case machine.IllegalInstrException:
		word, _ := m.ReadMem(pc, 4)
		return ": " + machine.ExplainIllegal(word)
	case machine.TrapException:
		word, _ := m.ReadMem(pc, 4)
		return ": " + trapReason(word)
	}
	return ""
}

// trapReason explains a BREAK or trap instruction by its code field. GCC
// guards divisions with "teq divisor,zero,7" and uses code 6 for overflow
// checks, following the Linux conventions.
func trapReason(word uint32) string {
	code := word >> 6 & 0x3ff // trap instructions
	if word>>26 == 0 && word&0x3f == 0x0d {
		code = word >> 16 & 0x3ff // BREAK keeps its code higher up
	}
	switch code {
	case 7:
		return "integer division by zero"
	case 6:
		return "integer overflow"
	}
	return fmt.Sprintf("break or trap instruction with code %d (a breakpoint or a failed check)", code)
}

// faultHint tells a student where to look. jumped says that the bad
// address was the PC itself: the program jumped or returned somewhere
// wrong, which is where to look instead.
func faultHint(cause machine.ExceptionType, jumped bool) string {
	if jumped {
		return "the program jumped to an address that holds no code: check function pointers, and arrays on the stack, which can overwrite a return address"
	}
	switch cause {
	case machine.AddressErrorException:
		return "the address is unaligned or outside the program's memory: check pointers and array indices"
	case machine.PageFaultException, machine.TLBMissException:
		return "no page of the program holds the address (this kernel loads every page at the start, so the address is outside the program's memory): check pointers and array indices"
	case machine.ReadOnlyException:
		return "the program wrote into its own code or read-only data: check pointers and string literals"
	case machine.BusErrorException:
		return "the page table maps the page to a frame that does not exist: a kernel bug"
	case machine.OverflowException:
		return "signed arithmetic overflowed: use unsigned types if wrapping around is intended"
	case machine.IllegalInstrException:
		return "check how the program was compiled (see test/Makefile)"
	case machine.TrapException:
		return "the program stopped itself at a break or trap instruction, which compilers add as checks: for a division by zero, test the divisor before dividing"
	}
	return "see the message above"
}
