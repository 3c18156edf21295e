/*
 * killjoin.c -- join children killed while their threads were waking up.
 *
 * wokenkill and readkill are each killed by an address error while some
 * of their threads are inside a wait, woken or about to be.  Join must
 * return for both, with -1005, and readkill must not have read more than
 * its first 10 characters: the next 10 are this program's.
 * Expected result: with the input "0123456789abcdefghij", prints both
 * statuses and "killjoin: then read abcdefghij"; exits with 0.
 */

#include "syscall.h"

char rest[16];

int main(void)
{
	int woken = Join(Exec("test/wokenkill"));
	int read = Join(Exec("test/readkill"));
	int n = Read(rest, 10, ConsoleInput);

	rest[n < 0 ? 0 : n] = 0;
	Printf("killjoin: wokenkill ended with %d, readkill with %d\n", woken, read, 0);
	Printf("killjoin: then read %s\n", (int)rest, 0, 0);
	return woken != -1005 || read != -1005;
}
