/*
 * reclaim.c -- memory runs out, and comes back when processes end.
 *
 * 1. Starts matmults without waiting for them until Exec returns -1: the
 *    kernel refuses a program that does not fit in the free frames (and
 *    carries on).  Then Joins them all.
 * 2. Runs matmult 20 times, one at a time.  If the kernel forgot to free
 *    a finished process's frames, memory would run out within a few runs.
 * 3. Fills memory with matmults again: exactly as many must fit as in 1.
 * 4. Runs forkall three times: it Forks threads until Fork returns -1, so
 *    it must make the same number of threads every time, or thread
 *    stacks were not given back either.
 *
 * Expected on the default machine (128 pages):
 *	reclaim: 2 matmults fit in memory at once
 *	reclaim: 20 matmults one after another: all exited with 7220
 *	reclaim: 2 matmults fit again: every frame came back
 *	reclaim: forkall made 11 threads, 3 times
 * and exit status 0.  With too little memory for even one matmult
 * (--phys-pages 40), it prints "reclaim: no room for matmult: Exec
 * returned -1" and exits with 1.  Another status names the check that
 * failed.
 */

#include "syscall.h"

#define MAX_AT_ONCE 10
#define RUNS 20
#define MATMULT 7220

/* fill starts matmults until Exec fails, joins them, and returns how
 * many ran at once, or -1 if one ended with the wrong status. */
static int fill(void)
{
	SpaceId ids[MAX_AT_ONCE];
	int n, i, ok = 1;

	for (n = 0; n < MAX_AT_ONCE; n++) {
		ids[n] = Exec("matmult");
		if (ids[n] < 0)
			break;
	}
	for (i = 0; i < n; i++)
		ok &= Join(ids[i]) == MATMULT;
	return ok ? n : -1;
}

int main(void)
{
	int fits, i, threads;

	fits = fill();
	if (fits == 0) {
		Print("reclaim: no room for matmult: Exec returned -1\n");
		return 1;
	}
	if (fits < 0 || fits == MAX_AT_ONCE)
		return 2;
	Printf("reclaim: %d matmults fit in memory at once\n", fits, 0, 0);

	for (i = 0; i < RUNS; i++)
		if (Join(Exec("matmult")) != MATMULT)
			return 3;
	Printf("reclaim: %d matmults one after another: all exited with %d\n",
	       RUNS, MATMULT, 0);

	if (fill() != fits)
		return 4;
	Printf("reclaim: %d matmults fit again: every frame came back\n", fits, 0, 0);

	threads = Join(Exec("forkall"));
	if (threads <= 0)
		return 5;
	for (i = 1; i < 3; i++)
		if (Join(Exec("forkall")) != threads)
			return 6;
	Printf("reclaim: forkall made %d threads, 3 times\n", threads, 0, 0);
	return 0;
}
