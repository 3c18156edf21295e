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
// IllegalInstrException, in words a student can act on. Most refused
// words are real MIPS32r2 instructions that this CPU leaves out, so the
// explanation names the kind and the compiler option that avoids it.
func ExplainIllegal(word uint32) string {
	op, rt, funct := word>>26, word>>16&31, word&0x3f
	switch {
	case op == 0x01 && (rt == 0x02 || rt == 0x03 || rt == 0x12 || rt == 0x13):
		return refusedBranchLikely // REGIMM: BLTZL, BGEZL, BLTZALL, BGEZALL
	case op == 0x1f && funct == 0x3b:
		return refusedRDHWR
	case refusedOpcodes[op] != "":
		return refusedOpcodes[op]
	}
	return "not a MIPS I or MIPS32r2 integer instruction: was the program compiled for another CPU?"
}

// Why the CPU refuses the MIPS32r2 instructions it leaves out.
const (
	refusedFloatingPoint = "floating point is not supported: compile with -msoft-float"
	refusedPrivileged    = "a privileged (kernel-mode) instruction: coprocessor 0, TLB, cache " +
		"and ERET instructions belong to the operating system, and user programs cannot run them"
	refusedAtomic = "LL and SC (atomic read-modify-write) are not supported by this CPU: " +
		"compile with -mips1, where gcc uses no LL/SC, or avoid __atomic and __sync builtins"
	refusedBranchLikely = "branch-likely instructions are not supported: " +
		"gcc emits them only with -mbranch-likely; rebuild without it"
	refusedRDHWR = "RDHWR is not supported: gcc uses it to find __thread (thread-local) " +
		"variables; avoid them"
)

// refusedOpcodes says why, for the primary opcodes that are refused as a
// whole.
var refusedOpcodes = [64]string{
	0x11: refusedFloatingPoint, // COP1: ADD.S, MFC1, BC1T...
	0x13: refusedFloatingPoint, // COP1X: MADD.S, LWXC1...
	0x31: refusedFloatingPoint, // LWC1
	0x35: refusedFloatingPoint, // LDC1
	0x39: refusedFloatingPoint, // SWC1
	0x3d: refusedFloatingPoint, // SDC1
	0x10: refusedPrivileged,    // COP0: MFC0, MTC0, ERET, TLBWI, WAIT...
	0x2f: refusedPrivileged,    // CACHE
	0x30: refusedAtomic,        // LL
	0x38: refusedAtomic,        // SC
	0x14: refusedBranchLikely,  // BEQL
	0x15: refusedBranchLikely,  // BNEL
	0x16: refusedBranchLikely,  // BLEZL
	0x17: refusedBranchLikely,  // BGTZL
}
