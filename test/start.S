/*
 * start.S -- the first instructions every user program runs, and the stubs
 * that turn a C call such as Write(...) into a system call.
 *
 * On a real system the C library supplies this code (it is called crt0).
 * Our programs have no C library, so we write it ourselves, and it is small
 * because the kernel has already done the hard part: it loaded the program
 * at the virtual addresses script.ld gave it (from 0x400 up), pointed the
 * stack pointer ($29, sp) 16 bytes below the top of the stack, and set the
 * program counter to __start.
 * (The 16 bytes are the "argument save area" the MIPS o32 convention says
 * every caller must leave on the stack for its callee; __start is a caller
 * too, of main.)
 *
 * About delay slots: on MIPS the instruction right after a jump or branch
 * (the "delay slot") is executed *before* the jump takes effect.  Normally
 * the assembler hides this by inserting a nop after every jump; with
 * `.set noreorder` it does exactly what we write, so every delay slot below
 * is visible, and some do useful work.
 */

#include "syscall.h"

	.set	noreorder

/*
 * __start lives in its own section, .text.entry, which the linker script
 * places first so that __start is the first instruction of the program,
 * at address 0x400 just above the null-pointer guard -- the entry point.
 */
	.section .text.entry, "ax", @progbits
	.globl	__start
	.ent	__start
__start:
	jal	main		/* main(): argc and argv do not exist here */
	nop			/* delay slot: nothing to do */

	jal	Exit		/* Exit(main's return value)... */
	move	$4, $2		/* delay slot: ...which is in $2; it runs
				   before Exit does, so this is the argument */

	/* Exit never returns.  If a broken kernel let it, stop the machine
	   rather than fall into whatever code the linker put next. */
	jal	Halt
	nop
	.end	__start

/*
 * One stub per system call.  Every stub is the same four instructions with
 * a different call code, so an assembler macro writes them:
 *
 *	addiu	$2, $0, code	$2 = code ($0 always reads as zero)
 *	syscall			trap into the kernel; the arguments are
 *				already in $4..$7, where the C caller put them
 *	jr	$31		return to the caller (return address in $31);
 *				the kernel left any result in $2
 *	nop			delay slot of the jr
 */
	.text

	.macro	SYSCALL_STUB name, code
	.globl	\name
	.ent	\name
\name:
	addiu	$2, $0, \code
	syscall
	jr	$31
	nop
	.end	\name
	.endm

	SYSCALL_STUB	Halt,	SC_Halt
	SYSCALL_STUB	Exit,	SC_Exit
	SYSCALL_STUB	Exec,	SC_Exec
	SYSCALL_STUB	Join,	SC_Join
	SYSCALL_STUB	Create,	SC_Create
	SYSCALL_STUB	Open,	SC_Open
	SYSCALL_STUB	Read,	SC_Read
	SYSCALL_STUB	Write,	SC_Write
	SYSCALL_STUB	Close,	SC_Close
	SYSCALL_STUB	Fork,	SC_Fork

	SYSCALL_STUB	Yield,	SC_Yield
	SYSCALL_STUB	CreateLock,		SC_CreateLock
	SYSCALL_STUB	DestroyLock,		SC_DestroyLock
	SYSCALL_STUB	Acquire,		SC_Acquire
	SYSCALL_STUB	Release,		SC_Release
	SYSCALL_STUB	CreateCondition,	SC_CreateCondition
	SYSCALL_STUB	DestroyCondition,	SC_DestroyCondition
	SYSCALL_STUB	Wait,			SC_Wait
	SYSCALL_STUB	Signal,			SC_Signal
	SYSCALL_STUB	Broadcast,		SC_Broadcast
	SYSCALL_STUB	CreateSemaphore,	SC_CreateSemaphore
	SYSCALL_STUB	DestroySemaphore,	SC_DestroySemaphore
	SYSCALL_STUB	P,			SC_P
	SYSCALL_STUB	V,			SC_V
	SYSCALL_STUB	CreateMV,		SC_CreateMV
	SYSCALL_STUB	GetMV,			SC_GetMV
	SYSCALL_STUB	SetMV,			SC_SetMV
	SYSCALL_STUB	DestroyMV,		SC_DestroyMV
	SYSCALL_STUB	Print,	SC_Print
	SYSCALL_STUB	Printf,	SC_Printf
	SYSCALL_STUB	Random,	SC_Random
	SYSCALL_STUB	Remove,	SC_Remove
	SYSCALL_STUB	GetPid,	SC_GetPid
	SYSCALL_STUB	Time,	SC_Time
	SYSCALL_STUB	Send,	SC_Send
	SYSCALL_STUB	Receive,	SC_Receive
