/*
 * bigarray.c -- a local array larger than the stack.
 *
 * main keeps 1000 ints (4000 bytes) on the stack, but the default stack is
 * 1024 bytes.  Its prologue, addiu $sp,$sp,-4016, moves the stack pointer
 * below the bottom of the stack, and here, where the stack starts near
 * address 0, even below 0: it wraps around to 0xfffff...  The first store
 * into the array faults, and the kernel must say that the stack
 * overflowed, by how much, and which --stack would have been enough.
 * Expected result: killed with a stack overflow; with --stack 5120, exits
 * with 0+1+...+999 = 499500.
 */

#include "syscall.h"

int sum(volatile int *table, int n)
{
	int i, total = 0;

	for (i = 0; i < n; i++)
		total += table[i];
	return total;
}

int main(void)
{
	volatile int table[1000];
	int i;

	for (i = 0; i < 1000; i++)
		table[i] = i;
	return sum(table, 1000);
}
