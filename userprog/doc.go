// Package userprog turns the kernel into one that runs user programs:
// processes, each with its own address space, talking to the kernel only
// through system calls.
//
// A user program starts life as a file. Load reads it and describes it as
// an Executable: an entry point and a few segments (code, read-only data,
// data, bss), each with its virtual address, its bytes and its size in
// memory. The loader understands two file formats:
//
//   - ELF32, little-endian MIPS, statically linked: what
//     mipsel-linux-gnu-gcc produces with test/script.ld.
//   - NOFF, the "Nachos Object File Format" of the original Nachos, which
//     is little more than a header listing where each segment lies in the
//     file and in memory. Both generations are read: Nachos 3.4's 40-byte
//     header (code, data, bss) and Nachos 4.x's 52-byte one, which adds a
//     read-only data segment. Either header byte order is accepted,
//     because course distributions in the wild write both.
//
// ELFToNOFF converts the first format into the second, so that programs
// built here also run on other Nachos kernels (and so the NOFF reader can
// be tested against real programs).
//
// An Executable knows nothing about pages or frames: the address space
// decides where its bytes go in physical memory, marks the pages of
// read-only segments read-only, and puts the stack above the highest
// segment. Every address a program passes to a system call is a virtual
// address in that space, which the kernel checks and translates before it
// touches the bytes. Each process also has its own tables of kernel
// objects, such as open files, so that the small integers a program holds
// name only its own objects.
//
// A malformed executable is reported as a *FormatError that names the file,
// the byte offset of the problem and what to do about it; a broken program
// never crashes the kernel.
package userprog
