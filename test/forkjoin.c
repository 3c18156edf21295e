/*
 * forkjoin.c -- start and finish 200 threads, one after another.
 *
 * Each thread needs a stack of its own, and the default machine has room
 * for only about 14 at once: the kernel must give an ended thread's stack
 * back, or the 15th Fork fails.  Half of the threads are started with the
 * address of main left in $5, as a stub that does not set $5 may leave
 * some code address there: when their function returns, the kernel must
 * end them, not jump there and run main again.
 * Expected result: exits with 200, the number of threads that ran.
 */

#include "syscall.h"

int ran, done;

void work(void)
{
	ran++;
	V(done);
}

int main(void);

/* forkWithStrayAddress is Fork with the address of main in $5. */
int forkWithStrayAddress(void (*func)(void))
{
	register int v0 asm("$2") = SC_Fork;
	register void (*a0)(void) asm("$4") = func;
	register int (*a1)(void) asm("$5") = main;

	asm volatile("syscall" : "+r"(v0) : "r"(a0), "r"(a1) : "memory");
	return v0;
}

int main(void)
{
	int i;

	done = CreateSemaphore("thread done", 0);
	for (i = 0; i < 200; i++) {
		if ((i % 2 ? forkWithStrayAddress(work) : Fork(work)) < 0)
			break;
		P(done);
		Yield(); /* let the thread end */
	}
	return ran;
}
