/*
 * killjoin.c -- join children killed while their threads were waking up
 * or reading the console.
 *
 * wokenkill, readkill and midread are each killed by an address error
 * while some of their threads are inside a wait: woken, about to be, or in
 * the middle of a console Read.  Join must return for each, with -1005,
 * and none of them may read the console after its death: readkill reads
 * its 10 characters, midread one more, and the rest is this program's.
 * The threads' timing is that of a run without a timer: under -rs the
 * children may interleave otherwise (wokenkill may even deadlock).
 * Expected result: with the input "0123456789abcdefghijklmnopq", prints
 * the three statuses and "killjoin: then read bcdefghijk"; exits with 0.
 */

#include "syscall.h"

char rest[16];

int same(char *a, char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int main(void)
{
	int woken = Join(Exec("test/wokenkill"));
	int read = Join(Exec("test/readkill"));
	int mid = Join(Exec("test/midread"));
	int n = Read(rest, 10, ConsoleInput);

	rest[n < 0 ? 0 : n] = 0;
	Printf("killjoin: wokenkill ended with %d, readkill with %d, midread with %d\n", woken, read, mid);
	Printf("killjoin: then read %s\n", (int)rest, 0, 0);
	return woken != -1005 || read != -1005 || mid != -1005 || !same(rest, "bcdefghijk");
}
