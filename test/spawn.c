/*
 * spawn.c -- 100 Exec/Join pairs in a row, each of test/true.
 *
 * Measures what it costs to start and end a process (see the benchmark in
 * test/e2e), and checks that every child's memory comes back: 100 children
 * would not fit at once.
 *
 * Expected: exits with 100 (the number of children that exited with 0).
 */

#include "syscall.h"

int main(void)
{
	int i, ok = 0;

	for (i = 0; i < 100; i++)
		if (Join(Exec("test/true")) == 0)
			ok++;
	return ok;
}
