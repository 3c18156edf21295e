// Exceptions: the ways a user instruction can hand control to the kernel.
//
// When an instruction cannot complete, the CPU leaves the program counter
// on it, stores the failing address (if any) in BadVAddrReg and calls the
// kernel's exception handler with the cause. A system call is an exception
// too: the program asks for the kernel on purpose.

package machine

// ExceptionType is the cause of an exception.
type ExceptionType int

// The causes. The first eight are Nachos's, in Nachos's order.
const (
	NoException           ExceptionType = iota // everything ok
	SyscallException                           // the program executed a syscall
	PageFaultException                         // no valid translation in the page table
	ReadOnlyException                          // write to a page marked read-only
	BusErrorException                          // translation gave a frame outside physical memory
	AddressErrorException                      // unaligned access, or beyond the page table
	OverflowException                          // ADD, ADDI or SUB overflowed
	IllegalInstrException                      // not an instruction this CPU implements
	TLBMissException                           // no TLB entry for the page (TLB mode only)
	TrapException                              // BREAK, or a trap instruction whose condition held
	NumExceptionTypes
)

var exceptionNames = [NumExceptionTypes]string{
	"no exception", "system call", "page fault", "read-only page",
	"bus error", "address error", "overflow", "illegal instruction",
	"TLB miss", "trap",
}

func (e ExceptionType) String() string {
	if e < 0 || e >= NumExceptionTypes {
		return "unknown exception"
	}
	return exceptionNames[e]
}

// An ExceptionHandler is the kernel's entry point. The machine calls it in
// system mode, with the program counter still on the instruction that
// raised the exception.
type ExceptionHandler func(cause ExceptionType)

// ExplainIllegal says why the instruction word raised
// IllegalInstrException, in words a student can act on.
func ExplainIllegal(word uint32) string {
	switch op := word >> 26; op {
	case 0x11, 0x13, 0x31, 0x35, 0x39, 0x3d: // COP1, COP1X, LWC1, LDC1, SWC1, SDC1
		return "floating point is not supported: compile with -msoft-float"
	case 0x10:
		return "coprocessor 0 instructions are privileged: user programs cannot use them"
	case 0x14, 0x15, 0x16, 0x17: // BEQL, BNEL, BLEZL, BGTZL
		return "branch-likely instructions are not supported: compile for -mips1 or -mips32r2"
	}
	return "not a MIPS I or MIPS32r2 integer instruction: was the program compiled for another CPU?"
}
