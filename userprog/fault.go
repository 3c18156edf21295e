// Naming the bug behind a fault.
//
// The hardware reports what it saw: a page fault at address 4, an address
// error at 0xfffffb48. A student needs the bug behind it, and two bugs
// cause most of the faults in a first program. The kernel recognises both
// from the machine's state at the fault, and then names the bug instead:
//
//   - A null pointer dereference: the bad address lies in the guard, the
//     unmapped pages below the program (see test/script.ld and
//     addrspace.go). NULL is 0; a field of a struct or an element of an
//     array reached through a NULL pointer lies a little above it.
//   - A stack overflow: the stack pointer lies below the thread's stack,
//     or has wrapped around below address 0 to the top of the 32-bit
//     space. Nothing stops a stack from growing into the memory beneath it
//     (the bss, the code, another thread's stack), so the fault may come
//     much later and look like anything: a bad pointer, a write into the
//     code, a jump into data. The stack pointer tells, so an overflow is
//     named first, even when the bad address is in the guard.
//
// The report names the function's frame that went too far, found from
// its prologue (gcc opens every function that needs a frame with "addiu
// $sp,$sp,-N"), and a --stack that would have held what was in use.
//
// Simulator note: a real kernel sees the same two things, but reports
// only "segmentation fault"; there a debugger names the bug.

package userprog

import (
	"encoding/binary"
	"fmt"

	"nachos/machine"
)

// A bug is a fault the kernel recognised as a common mistake.
type bug struct {
	name   string  // "null pointer dereference", "stack overflow"
	access *access // the load, store or jump that faulted, or nil
	hint   string  // what went wrong and what to do
}

// An access is the memory access an instruction faulted on.
type access struct {
	kind accessKind
	addr uint32
}

func (a *access) String() string { return fmt.Sprintf("%s 0x%08x", a.kind, a.addr) }

// An accessKind says how an instruction used memory.
type accessKind int

const (
	fetch accessKind = iota // the PC itself: a jump or a return went there
	load
	store
)

var accessKindNames = [...]string{fetch: "jump to", load: "load from", store: "store to"}

func (a accessKind) String() string { return accessKindNames[a] }

// memoryFaults are the exceptions an access to a bad address raises.
var memoryFaults = map[machine.ExceptionType]bool{
	machine.AddressErrorException: true,
	machine.PageFaultException:    true,
	machine.ReadOnlyException:     true,
	machine.BusErrorException:     true,
}

// diagnose names the bug behind a fault (cause) of the running thread of
// p, in which the faulting instruction made access a (nil for none, see
// faultingAccess), or returns nil when the fault looks like no bug in
// particular.
func (k *Kernel) diagnose(p *Process, cause machine.ExceptionType, a *access) *bug {
	m := k.Machine
	if hint := stackOverflow(p.exe, k.currentUserThread(), m.ReadRegister(machine.StackReg), m.ReadRegister(machine.PCReg)); hint != "" {
		return &bug{name: "stack overflow", access: a, hint: hint}
	}
	if cause == machine.PageFaultException && a != nil && a.addr < p.exe.guard() {
		return &bug{name: "null pointer dereference", access: a, hint: nullPointerHint(a, p.exe.guard())}
	}
	return nil
}

// faultingAccess works out what the instruction at pc was doing when it
// raised cause with bad in BadVAddr, or returns nil if it was not
// accessing memory. A fetch that failed leaves the PC itself in BadVAddr.
func faultingAccess(exe *Executable, cause machine.ExceptionType, pc, bad uint32) *access {
	if !memoryFaults[cause] {
		return nil
	}
	if bad == pc && cause != machine.ReadOnlyException {
		return &access{fetch, bad}
	}
	// Every load and store has a primary opcode of 0x20 or more, and
	// bit 29 of the word (the opcode's 0x08) set for the stores.
	word, ok := exe.word(pc)
	if !ok || word>>26 < 0x20 {
		return nil
	}
	if word>>29&1 != 0 {
		return &access{store, bad}
	}
	return &access{load, bad}
}

// nullPointerHint explains an access a into the guard, the first guard
// bytes of the address space.
func nullPointerHint(a *access, guard uint32) string {
	where := fmt.Sprintf("in the unmapped guard below the program (0x00000000-0x%08x)", guard-1)
	switch {
	case a.kind == fetch:
		return fmt.Sprintf("the program jumped to 0x%08x, %s: it called a function through a NULL function pointer; check that the pointer is set before the call", a.addr, where)
	case a.addr == 0:
		return fmt.Sprintf("address 0 is NULL, %s: the program followed a NULL pointer; check that a pointer is not NULL before using it (the next pointer of a list's last node is NULL, and so is what a failed allocation returns)", where)
	}
	return fmt.Sprintf("0x%08x is %d bytes past NULL, %s: the program followed a NULL pointer to a field of a struct or an element of an array; check that a pointer is not NULL before using it (the next pointer of a list's last node is NULL, and so is what a failed allocation returns)",
		a.addr, a.addr, where)
}

// maxOverflow is how far below its stack a stack pointer may be and still
// be taken for an overflow rather than garbage: more than any machine's
// memory means that something overwrote the register.
const maxOverflow = machine.MaxMemory

// stackOverflow explains a stack pointer sp below the bottom of thread
// u's stack, wrapped around or not, or returns "" for one within it. pc
// is where the fault happened, in the function whose frame went too far.
func stackOverflow(exe *Executable, u *userThread, sp, pc uint32) string {
	below := u.stackBottom - sp // wraps around with the stack pointer
	if sp >= u.stackBottom && sp <= u.stackTop || below > maxOverflow {
		return ""
	}
	where := "is"
	if sp > u.stackTop {
		where = "wrapped around below address 0, and is"
	}
	report := fmt.Sprintf("the stack overflowed: the stack pointer 0x%08x %s %d bytes below the bottom of this thread's %d-byte stack (0x%08x)",
		sp, where, below, u.stackTop-u.stackBottom, u.stackBottom)
	if size, at, ok := exe.frameSize(pc); ok {
		report += fmt.Sprintf(", after the function at the fault took a frame of %d bytes (addiu $29,$29,-%d at pc 0x%08x)", size, size, at)
	}
	// What was in use, in whole KiB, and a KiB more for the functions
	// it calls.
	inUse := u.stackTop - sp
	enough := (inUse+1023)/1024*1024 + 1024
	return report + fmt.Sprintf("; make large local arrays global or static, recurse less, or run with a larger stack (at least --stack %d)", enough)
}

// maxPrologueScan is how many instructions frameSize looks back for a
// function's prologue.
const maxPrologueScan = 4096

// The instructions frameSize looks for: "addiu $29,$29,imm" (the immediate
// in the low 16 bits) and "jr $31".
const (
	addiuSPSP = 0x27bd
	jrRA      = 0x03e00008
)

// frameSize finds the stack frame of the function holding pc from its
// prologue, the nearest "addiu $sp,$sp,-N" before pc. A "jr $ra" on the
// way is the end of the function before, whose prologue is not ours (the
// jr at pc-4 is not: pc may be its delay slot).
func (e *Executable) frameSize(pc uint32) (size, at uint32, ok bool) {
	for i := uint32(0); i < maxPrologueScan && 4*i <= pc; i++ {
		addr := pc - 4*i
		word, ok := e.word(addr)
		switch {
		case !ok, word == jrRA && i > 1:
			return 0, 0, false
		case word>>16 == addiuSPSP && int16(word) < 0:
			return uint32(-int32(int16(word))), addr, true
		}
	}
	return 0, 0, false
}

// word is the 32-bit word at addr as the executable file put it there.
// Code is read-only, so the file is what memory holds, and reading it
// here needs no MMU (and changes no use bit or TLB entry).
func (e *Executable) word(addr uint32) (uint32, bool) {
	for _, s := range e.Segments {
		if addr%4 == 0 && addr >= s.VAddr && uint64(addr)+4 <= uint64(s.VAddr)+uint64(len(s.Data)) {
			return binary.LittleEndian.Uint32(s.Data[addr-s.VAddr:]), true
		}
	}
	return 0, false
}
