/*
 * overflow.c -- a recursion too deep for the stack.
 *
 * Each call keeps a 64-byte array on the stack, and the default stack is
 * 1024 bytes, so after a few calls the stack grows down into the program's
 * data and then its code.  Nothing stops it at the bottom of the stack:
 * the first fault comes later, when a store reaches the read-only code,
 * and the kernel must tell from the stack pointer that the stack
 * overflowed.
 * Expected result: killed, with a report that the stack overflowed; with
 * --stack 100000 (and --phys-pages 1024), exits with 0+1+...+1000 = 500500.
 */

#include "syscall.h"

int depth(int n)
{
	volatile int frame[16];

	frame[n & 15] = n;
	if (n == 0)
		return frame[0];
	return depth(n - 1) + frame[n & 15];
}

int main(void)
{
	return depth(1000);
}
