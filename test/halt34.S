/*
 * halt34.S -- halt, assembled by hand to match the original Nachos to the tick.
 *
 * Nachos 3.4 shipped a halt program compiled by a 1990s gcc for the R3000.
 * This file rebuilds the shape of that binary instruction by instruction,
 * so a simulator that counts time the way Nachos 3.4 does can be checked
 * against it exactly.  It is linked with script.ld like every other
 * program, but without start.S: it brings its own __start and stubs.
 *
 * The instructions executed, in order (13 up to and including the
 * syscall; the rest of the file is never reached):
 *
 *	 1  __start: jal  main
 *	 2           move $4, $0            delay slot
 *	 3  main:    addiu $sp, $sp, -24    make a 24-byte stack frame
 *	 4           sw   $31, 20($sp)      save return address
 *	 5           sw   $30, 16($sp)      save frame pointer
 *	 6           jal  __main            old gcc called __main first
 *	 7           move $30, $sp          delay slot: set frame pointer
 *	 8  __main:  jr   $31               __main had nothing to do
 *	 9           nop                    delay slot
 *	10  main:    jal  Halt
 *	11           nop                    delay slot
 *	12  Halt:    addiu $2, $0, SC_Halt
 *	13           syscall
 *
 * Expected result: the machine halts.  Nachos 3.4 reports
 *	Ticks: total 22, idle 0, system 10, user 12
 * -- 12 user ticks, not 13, because the syscall instruction traps into the
 * kernel, which halts the machine before that instruction's tick is
 * counted.
 */

#include "syscall.h"

	.set	noreorder

	.section .text.entry, "ax", @progbits
	.globl	__start
	.ent	__start
__start:
	jal	main
	move	$4, $0
	jal	Exit		/* not reached: main calls Halt */
	move	$4, $2
	.end	__start

	.text

	.globl	main
	.ent	main
main:
	addiu	$sp, $sp, -24
	sw	$31, 20($sp)
	sw	$30, 16($sp)
	jal	__main
	move	$30, $sp
	jal	Halt
	nop
	/* Not reached: the usual epilogue, undoing the prologue. */
	move	$sp, $30
	lw	$31, 20($sp)
	lw	$30, 16($sp)
	jr	$31
	addiu	$sp, $sp, 24
	.end	main

	.ent	__main
__main:
	jr	$31
	nop
	.end	__main

	.globl	Halt
	.ent	Halt
Halt:
	addiu	$2, $0, SC_Halt
	syscall
	jr	$31
	nop
	.end	Halt

	.globl	Exit
	.ent	Exit
Exit:
	addiu	$2, $0, SC_Exit
	syscall
	jr	$31
	nop
	.end	Exit
