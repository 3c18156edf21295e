/*
 * exec.c -- processes: Exec starts programs, Join waits for them.
 *
 * Starts hello and matmult as child processes, joins both, checks that a
 * child cannot be joined twice, that Exec of a missing file fails, and that
 * a child killed by an exception (bad) is reported with the kernel's
 * "killed" status (-1000 minus the exception number; 5 is an address
 * error).
 *
 * Expected: prints "Hello, world!", exits with 7220 (matmult's status plus
 * hello's 0).  Another exit value names the check that failed.
 */

#include "syscall.h"

int main(void)
{
	SpaceId hello = Exec("test/hello");
	SpaceId matmult = Exec("test/matmult");
	int status;

	if (hello < 0 || matmult < 0)
		return 1;
	status = Join(hello) + Join(matmult);
	if (Join(hello) != -1)
		return 2;			/* a second Join must fail */
	if (Exec("test/no-such-program") != -1)
		return 3;
	if (Join(Exec("test/bad")) != -1005)
		return 4;
	return status;
}
