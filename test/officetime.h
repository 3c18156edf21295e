/*
 * officetime.h -- the two habits every office simulation shares: people
 * take their time (dawdle), and tickets are numbered from a monitor
 * variable (nextNumber).  Included by office.c, and by doffice.h for the
 * distributed office, so that both behave alike under the same seed.
 */

#include "syscall.h"

/* dawdle yields the CPU a random number of times (0 to 3): people take
 * their time, and Random repeats with the seed. */
static void dawdle(void)
{
	int n;

	for (n = Random() % 4; n > 0; n--)
		Yield();
}

/* nextNumber hands out 0, 1, 2... from the monitor variable mv. Call it
 * with the lock held. */
static int nextNumber(int mv)
{
	int n = GetMV(mv);

	SetMV(mv, n + 1);
	return n;
}
