/*
 * bigthread.c -- a local array larger than a forked thread's stack.
 *
 * main forks a worker that keeps 1000 ints (4000 bytes) on its stack, and
 * a thread's stack is as big as main's: 1024 bytes unless --stack says
 * otherwise.  The worker's stack pointer lands below its stack, in the
 * memory under it, and the kernel must report a stack overflow, not a
 * bad pointer, and say which --stack would have been enough.
 * Expected result: killed with a stack overflow; with --stack 5120, exits
 * with 0+1+...+999 = 499500.
 */

#include "syscall.h"

int result;
int done;

void worker(void)
{
	volatile int table[1000];
	int i;

	for (i = 0; i < 1000; i++)
		table[i] = i;
	for (i = 0; i < 1000; i++)
		result += table[i];
	done = 1;
}

int main(void)
{
	if (Fork(worker) < 0) {
		Print("bigthread: no memory for the thread's stack; run with more --phys-pages\n");
		return -2;
	}
	while (!done)
		Yield();
	return result;
}
