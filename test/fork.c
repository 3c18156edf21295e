/*
 * fork.c -- threads inside one program: Fork and Yield.
 *
 * main forks two workers that share the global counter.  Each adds 1 to it
 * 100 times, yielding after every step, then returns, which ends its thread.
 * main yields until both are done.  Without a timer (no -rs) threads switch
 * only at Yield, so no update is lost.
 *
 * Expected: exits with 200 (-2 if there is no memory for the threads).
 */

#include "syscall.h"

int counter;
int done;

void worker(void)
{
	int i;

	for (i = 0; i < 100; i++) {
		counter++;
		Yield();
	}
	done++;
}

int main(void)
{
	if (Fork(worker) < 0 || Fork(worker) < 0) {
		Print("fork: no memory for a thread's stack; run with more --phys-pages\n");
		return -2;
	}
	while (done < 2)
		Yield();
	return counter;
}
