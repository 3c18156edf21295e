/*
 * course/start.S -- __start and the system call stubs, for the course's
 * numbering in course/syscall.h.  The same as test/start.S but for the
 * codes and names: that is all that differs between courses' stubs.
 */

#include "syscall.h"

	.set	noreorder

	.section .text.entry, "ax", @progbits
	.globl	__start
	.ent	__start
__start:
	jal	main
	nop
	jal	Exit
	move	$4, $2
	jal	Halt
	nop
	.end	__start

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

	SYSCALL_STUB	Halt,		SC_Halt
	SYSCALL_STUB	Exit,		SC_Exit
	SYSCALL_STUB	Create,		SC_Create
	SYSCALL_STUB	Open,		SC_Open
	SYSCALL_STUB	Read,		SC_Read
	SYSCALL_STUB	Write,		SC_Write
	SYSCALL_STUB	Close,		SC_Close
	SYSCALL_STUB	Fork,		SC_Fork
	SYSCALL_STUB	Yield,		SC_Yield
	SYSCALL_STUB	PrintString,	SC_PrintString
	SYSCALL_STUB	Remove,		SC_Remove
	SYSCALL_STUB	CreateLock,	SC_CreateLock
	SYSCALL_STUB	DestroyLock,	SC_DestroyLock
	SYSCALL_STUB	AcquireLock,	SC_AcquireLock
	SYSCALL_STUB	ReleaseLock,	SC_ReleaseLock
	SYSCALL_STUB	CreateCV,	SC_CreateCV
	SYSCALL_STUB	DestroyCV,	SC_DestroyCV
	SYSCALL_STUB	WaitCV,		SC_WaitCV
	SYSCALL_STUB	SignalCV,	SC_SignalCV
	SYSCALL_STUB	BroadcastCV,	SC_BroadcastCV
	SYSCALL_STUB	NetSend,	SC_NetSend
