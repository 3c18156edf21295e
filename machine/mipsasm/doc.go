// Package mipsasm decodes and disassembles MIPS instructions, as 32-bit
// words in either byte order. It knows every instruction the simulated
// CPU executes: the MIPS I integer instructions and the MIPS32 release 2
// additions that GCC uses (MUL, MADD, CLZ, MOVN, EXT, INS, SEB, ROTR, the
// traps, SYNC and friends). It also knows the common MIPS32r2
// instructions the CPU refuses with a reserved-instruction exception:
// floating point (LWC1, ADD.S, ...), coprocessor 0 (MFC0, ERET, CACHE),
// LL and SC, and the branch-likely family. Those are decoded so that a
// trace or a fault report names the instruction a program tried to run.
//
// Decoding and printing are kept apart, as they are in a real toolchain:
//
//   - Decode turns a word into an Inst that says literally what the
//     hardware sees: which operation, and the value of each operand field.
//     It knows nothing about assembler conveniences.
//   - GNUSyntax and NumericSyntax print an Inst exactly as GNU objdump
//     does, including objdump's aliases: "move" for "addu rd,rs,zero",
//     "b" for "beq zero,zero", "nop" for the all-zero word, and so on.
//
// Seeing the same text objdump prints lets a student put a Nachos trace
// next to `mipsel-linux-gnu-objdump -d` of the same program and read them
// line for line. The tests hold the printer to that: every instruction of
// a hand-written assembly file and of the shipped test programs must print
// exactly as objdump prints it.
//
// Anything else, including words whose must-be-zero fields are not zero
// and EXT or INS with an impossible bit field, is not decoded: Decode
// returns an error wrapping ErrUnknown. Which instructions the CPU runs is
// decided by its own decoder (machine/predecode.go), not by this package.
package mipsasm
