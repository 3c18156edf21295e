/*
 * forkall.c -- Fork threads until memory runs out.
 *
 * Every Fork takes 8 pages for the new thread's stack, and they stay the
 * process's until it ends.  This program forks sleeping threads until
 * Fork returns -1 (no memory left) or there are MAX of them, then wakes
 * them all, waits until each has said goodbye, and exits with how many it
 * made.  The kernel must refuse the Fork it cannot serve and carry on.
 *
 * Run by reclaim, which checks that every run gets the same count: a
 * process's thread stacks must come back when it ends.
 *
 * Expected: exits with the number of threads that fitted (at most MAX);
 * on its own on the default machine, 14.
 */

#include "lib/nachos.h"	/* for Fork */

#define MAX 50

int gate;	/* semaphore: sleepers wait here until main lets them go */
int done;	/* semaphore: each sleeper signals it on its way out */

void sleeper(void)
{
	P(gate);
	V(done);
}

int main(void)
{
	int n, i;

	gate = CreateSemaphore("gate", 0);
	done = CreateSemaphore("done", 0);
	for (n = 0; n < MAX; n++)
		if (Fork(sleeper) < 0)
			break;
	for (i = 0; i < n; i++)
		V(gate);
	for (i = 0; i < n; i++)
		P(done);
	return n;
}
