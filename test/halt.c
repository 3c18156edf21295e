/*
 * halt.c -- the smallest useful user program: it stops the machine.
 *
 * Exercises: loading a program, running __start and main, and one system
 * call (Halt).  Expected result: the simulator stops and prints its
 * statistics; Halt never returns, so the program never exits.
 */

#include "syscall.h"

int main(void)
{
	Halt();
}
