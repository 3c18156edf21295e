/*
 * crashjoin.c -- join a child that is killed while its threads sleep.
 *
 * The child, crash, is killed by a fault while two of its threads are
 * blocked.  Join must still return, with the status of a process killed by
 * an address error, KilledStatus = -1000 - 5 = -1005.
 * Expected result: prints the status; exits with 0 if it was -1005.
 */

#include "syscall.h"

int main(void)
{
	int pid = Exec("test/crash");
	int status;

	/* crash dies while this line goes out, one character per 100 ticks:
	   the kernel's report of its death must wait for the line's end. */
	Print("crashjoin: this line is not cut by the report of crash's death\n");
	status = Join(pid);

	Printf("crashjoin: crash ended with status %d\n", status, 0, 0);
	return status != -1005;
}
