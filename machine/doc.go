// Package machine is the simulated computer: a little-endian MIPS CPU in
// user mode, physical memory, an MMU (a linear page table or a
// software-managed TLB), a clock with interrupts, a timer, a console and a
// disk.
//
// The kernel reaches the machine only as it would reach real hardware:
// through registers, memory, the page table or TLB, device operations and
// interrupt handlers. When a user instruction raises an exception, the
// machine calls the kernel's handler, exactly as real hardware jumps to the
// exception vector. Nothing here knows about threads, processes or files.
//
// Students read this package but do not change it: it stands for the
// hardware that an operating system is written against.
package machine
